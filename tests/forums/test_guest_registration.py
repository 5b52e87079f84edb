"""Registering for an event without an account: a form, an emailed link, a confirm button;
the guest then holds a place (or waits) exactly as a member would."""

import datetime
import re

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

import pytest
from allauth.account.models import EmailAddress

from forums.models import EventRegistration, GuestRegistration
from forums.reach.report import ATTENDED, current_quarter, engagements
from forums.registrations.guests import request_guest_registration
from tests.factories import EventPageFactory, EventRegistrationFactory, OrganisationPageFactory
from tests.factories.accounts import VerifiedUserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


def _form(**changes):
    return {
        "name": "Grace Hopper",
        "email": "grace@example.org",
        "organisation": "individual",
        "unlisted_organisation_name": "",
        "access_needs": "",
        "action": "register",
        **changes,
    }


def _ask(client, event, mailoutbox, django_capture_on_commit_callbacks, **changes):
    """Send the guest form; the path of the emailed link."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/events/{event.pk}/register/guest/", _form(**changes))
    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    body = mailoutbox[-1].body
    link = re.search(r"(http\S+/events/register/confirm/\S+/)", body).group(1)
    return link


def _path(link, settings):
    assert link.startswith(settings.WAGTAILADMIN_BASE_URL.rstrip("/"))
    return link.removeprefix(settings.WAGTAILADMIN_BASE_URL.rstrip("/"))


def test_a_visitor_without_an_account_is_offered_registration_by_email(client, event):
    page = client.get(event.url).content.decode()
    assert f'href="/events/{event.pk}/register/guest/"' in page
    assert "Register with your email address" in page


def test_searching_the_directory_offers_matching_organisations_as_choices(client, event):
    OrganisationPageFactory(title="Second Chances North East")
    OrganisationPageFactory(title="Unrelated Trust")
    response = client.post(
        f"/events/{event.pk}/register/guest/",
        _form(organisation="", organisation_search="chances", action="search"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Second Chances North East" in page and "Unrelated Trust" not in page
    assert "1 organisation matches" in page
    # Nothing is checked or booked by a search.
    assert "There is a problem" not in page
    assert 'value="Grace Hopper"' in page
    assert not GuestRegistration.objects.exists()


def test_a_guest_registers_by_following_the_emailed_link(
    client, event, mailoutbox, settings, django_capture_on_commit_callbacks
):
    charity = OrganisationPageFactory(title="Second Chances North East")
    link = _ask(
        client,
        event,
        mailoutbox,
        django_capture_on_commit_callbacks,
        organisation=str(charity.pk),
        access_needs="Hearing loop",
    )
    assert mailoutbox[-1].to == ["grace@example.org"]
    assert not EventRegistration.objects.exists()

    # Opening the link (as a mail scanner would) books nothing.
    confirm_page = client.get(_path(link, settings))
    assert "Confirm my registration" in confirm_page.content.decode()
    assert not EventRegistration.objects.exists() and not User.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_path(link, settings), follow=True)
    assert "You are registered" in response.content.decode()
    registration = EventRegistration.objects.get()
    assert (registration.status, registration.organisation) == ("registered", charity)
    assert registration.access_needs == "Hearing loop"
    user = registration.user
    assert (user.email, user.first_name, user.last_name) == ("grace@example.org", "Grace", "Hopper")
    assert not user.has_usable_password()
    assert EmailAddress.objects.get(user=user).verified
    assert mailoutbox[-1].subject == f"You are registered: {event.title}"
    assert mailoutbox[-1].attachments[0][0].endswith(".ics")
    # The request gave its access needs to the registration, which keeps them 30 days.
    assert GuestRegistration.objects.get().access_needs == ""


def test_a_guest_who_attends_counts_in_the_reach_report(
    client, event, mailoutbox, settings, django_capture_on_commit_callbacks
):
    charity = OrganisationPageFactory(title="Second Chances North East")
    link = _ask(
        client, event, mailoutbox, django_capture_on_commit_callbacks, organisation=str(charity.pk)
    )
    client.post(_path(link, settings))
    EventRegistration.objects.update(status="attended")

    period = current_quarter(timezone.localdate(event.start))
    found = engagements(period, now=event.end + datetime.timedelta(days=1))
    assert found[charity.pk] == {ATTENDED}


def test_an_organisation_not_in_the_directory_is_kept_on_the_registration(
    client, event, mailoutbox, settings, django_capture_on_commit_callbacks
):
    link = _ask(
        client,
        event,
        mailoutbox,
        django_capture_on_commit_callbacks,
        organisation="not-listed",
        unlisted_organisation_name="Tyneside Mentors",
    )
    client.post(_path(link, settings))
    registration = EventRegistration.objects.get()
    assert registration.organisation is None
    assert registration.unlisted_organisation_name == "Tyneside Mentors"


def test_a_full_event_puts_the_guest_on_the_waiting_list(
    client, event, mailoutbox, settings, django_capture_on_commit_callbacks
):
    EventRegistrationFactory.create_batch(2, event=event)  # capacity 2
    page = client.get(f"/events/{event.pk}/register/guest/").content.decode()
    assert "Join the waiting list without an account" in page
    link = _ask(client, event, mailoutbox, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_path(link, settings), follow=True)
    assert "You are on the waiting list" in response.content.decode()
    assert EventRegistration.objects.get(user__email="grace@example.org").status == "waitlisted"
    assert "waiting list" in mailoutbox[-1].subject


def test_asking_twice_keeps_one_request_and_one_link(
    client, event, mailoutbox, settings, django_capture_on_commit_callbacks
):
    first = _ask(client, event, mailoutbox, django_capture_on_commit_callbacks)
    second = _ask(
        client,
        event,
        mailoutbox,
        django_capture_on_commit_callbacks,
        email="GRACE@example.org",
        access_needs="Step-free access",
    )
    assert first == second
    guest = GuestRegistration.objects.get()
    assert guest.access_needs == "Step-free access"
    client.post(_path(first, settings))
    client.post(_path(first, settings))
    assert EventRegistration.objects.count() == 1


def test_a_used_link_registers_nobody_again(
    client, event, mailoutbox, settings, django_capture_on_commit_callbacks
):
    link = _ask(client, event, mailoutbox, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_path(link, settings))
    sent = len(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_path(link, settings), follow=True)
    assert "You are registered" in response.content.decode()
    assert "Confirm my registration" not in response.content.decode()
    assert EventRegistration.objects.count() == 1
    assert len(mailoutbox) == sent


def test_an_expired_link_says_so_and_books_nothing(client, event, settings):
    guest = request_guest_registration(
        event,
        name="Grace Hopper",
        email="grace@example.org",
        now=timezone.now() - datetime.timedelta(hours=49),
    )
    path = f"/events/register/confirm/{guest.token}/"
    assert "This link has expired" in client.get(path).content.decode()
    response = client.post(path, follow=True)
    assert "This link has expired" in response.content.decode()
    assert not EventRegistration.objects.exists() and not User.objects.exists()


def test_a_forged_link_does_not_work(client, event):
    response = client.get("/events/register/confirm/not-a-real-token/")
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert client.post("/events/register/confirm/not-a-real-token/").status_code == 404
    assert not EventRegistration.objects.exists()


def test_a_guest_with_an_account_is_registered_on_that_account(
    client, event, mailoutbox, settings, django_capture_on_commit_callbacks
):
    member = VerifiedUserFactory(email="grace@example.org", first_name="G")
    link = _ask(client, event, mailoutbox, django_capture_on_commit_callbacks)
    client.post(_path(link, settings))
    assert EventRegistration.objects.get().user == member
    assert User.objects.count() == 1
    assert User.objects.get().first_name == "G"


def test_nothing_is_created_when_registration_has_closed_by_the_time_they_confirm(
    client, event, mailoutbox, settings, django_capture_on_commit_callbacks
):
    link = _ask(client, event, mailoutbox, django_capture_on_commit_callbacks)
    type(event).objects.filter(pk=event.pk).update(
        registration_closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = client.post(_path(link, settings))
    assert response.status_code == 409
    assert "Registration has closed." in response.content.decode()
    assert not EventRegistration.objects.exists() and not User.objects.exists()


def test_the_form_says_what_is_missing(client, event):
    response = client.post(
        f"/events/{event.pk}/register/guest/", _form(name="", email="nope", organisation="")
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter your full name." in page
    assert "Enter an email address in the correct format" in page
    assert "Choose your organisation" in page
    assert not GuestRegistration.objects.exists()


def test_an_organisation_that_is_not_live_cannot_be_chosen(client, event):
    hidden = OrganisationPageFactory(title="Draft charity", live=False)
    response = client.post(
        f"/events/{event.pk}/register/guest/", _form(organisation=str(hidden.pk))
    )
    assert response.status_code == 400
    assert not GuestRegistration.objects.exists()


def test_signed_in_people_use_the_form_on_the_event_page(client, event, person):
    client.force_login(person)
    response = client.get(f"/events/{event.pk}/register/guest/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"{event.url}#registration")


def test_requests_are_rate_limited(client, event, mailoutbox):
    for number in range(5):
        response = client.post(
            f"/events/{event.pk}/register/guest/", _form(email=f"person{number}@example.org")
        )
        assert response.status_code == 200
    response = client.post(f"/events/{event.pk}/register/guest/", _form())
    assert response.status_code == 429
    assert GuestRegistration.objects.count() == 5


def test_requests_are_deleted_a_week_after_they_were_made(event):
    old = request_guest_registration(
        event,
        name="Old",
        email="old@example.org",
        now=timezone.now() - datetime.timedelta(days=7, minutes=1),
    )
    recent = request_guest_registration(
        event,
        name="Recent",
        email="recent@example.org",
        now=timezone.now() - datetime.timedelta(days=6),
    )
    call_command("delete_event_access_needs")
    call_command("delete_event_access_needs")
    remaining = set(GuestRegistration.objects.values_list("pk", flat=True))
    assert remaining == {recent.pk}
    assert old.pk not in remaining


def test_a_person_downloads_the_requests_made_with_their_address(event):
    from forums.personal_data import personal_data

    request_guest_registration(
        event, name="Grace Hopper", email="grace@example.org", access_needs="Hearing loop"
    )
    member = VerifiedUserFactory(email="grace@example.org")
    (request,) = personal_data(member)["requests_to_register_without_an_account"]
    assert request["access_needs"] == "Hearing loop"
    assert request["confirmed_at"] is None


def test_events_not_taking_registrations_offer_no_guest_form(client, forum):
    event = EventPageFactory(parent=forum, status="cancelled", status_reason="Venue closed")
    page = client.get(f"/events/{event.pk}/register/guest/").content.decode()
    assert "not taking registrations" in page
    assert 'name="email"' not in page
