"""Forum managers promote someone from the waiting list and cancel registrations, from the
event's registrations page; only that forum's managers and site admins may."""

import datetime
import html

from django.utils import timezone

import pytest

from forums.models import EventPage, EventRegistration
from forums.registrations.rules import (
    CancellationError,
    PromotionError,
    cancel_registration_by_manager,
    promote_registration,
)
from tests.factories import EventPageFactory, EventRegistrationFactory
from tests.factories.accounts import VerifiedUserFactory, activate_authenticator_app
from tests.forums.consultation_helpers import _manager_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_event(forum):
    """Two places, both taken, and three people waiting (in that order)."""
    event = EventPageFactory(parent=forum, title="North East forum meeting", capacity=2)
    event.save_revision().publish()
    start = timezone.now() - datetime.timedelta(hours=1)
    for number, status in enumerate(["registered"] * 2 + ["waitlisted"] * 3):
        EventRegistrationFactory(
            event=event,
            status=status,
            user__email=f"{status}{number}@example.org",
            user__first_name=f"Person{number}",
            created_at=start + datetime.timedelta(minutes=number),
        )
    return event


def _waiting(event):
    return list(EventRegistration.objects.filter(event=event).waitlisted())


def _taken(event):
    return EventRegistration.objects.filter(event=event).holding_a_place().count()


def test_promoting_when_full_adds_a_place_and_emails_the_person(
    full_event, django_capture_on_commit_callbacks, mailoutbox
):
    third = _waiting(full_event)[2]
    with django_capture_on_commit_callbacks(execute=True):
        registration, added = promote_registration(third)
    assert added and registration.status == "registered"
    event = EventPage.objects.get(pk=full_event.pk)
    assert event.capacity == 3 == _taken(event)
    assert [m.to for m in mailoutbox] == [[third.user.email]]
    assert "A place is yours" in mailoutbox[0].subject
    # The editor opens the latest revision: publishing it again keeps the added place.
    assert event.get_latest_revision_as_object().capacity == 3


def test_promoting_into_a_free_place_adds_none(forum):
    event = EventPageFactory(parent=forum, capacity=3)
    EventRegistrationFactory.create_batch(2, event=event)
    waiting = EventRegistrationFactory(event=event, status="waitlisted")
    _registration, added = promote_registration(waiting)
    assert not added
    assert EventPage.objects.get(pk=event.pk).capacity == 3 == _taken(event)


def test_only_people_waiting_can_be_promoted(full_event):
    registered = EventRegistration.objects.filter(event=full_event, status="registered").first()
    with pytest.raises(PromotionError):
        promote_registration(registered)
    assert EventPage.objects.get(pk=full_event.pk).capacity == 2


def test_cancelling_emails_the_person_with_the_reason_and_promotes_the_next_in_line(
    full_event, django_capture_on_commit_callbacks, mailoutbox
):
    registered = EventRegistration.objects.filter(event=full_event, status="registered").first()
    first_waiting = _waiting(full_event)[0]
    with django_capture_on_commit_callbacks(execute=True):
        _registration, promoted = cancel_registration_by_manager(
            registered, reason="The room is smaller than we thought."
        )
    assert [r.pk for r in promoted] == [first_waiting.pk]
    assert _taken(full_event) == 2
    by_address = {m.to[0]: m for m in mailoutbox}
    cancelled_email = by_address[registered.user.email]
    assert "The room is smaller than we thought." in cancelled_email.body
    assert "cancelled" in cancelled_email.subject
    assert "A place is yours" in by_address[first_waiting.user.email].subject


def test_a_finished_event_is_not_changed(forum):
    past = timezone.now() - datetime.timedelta(days=2)
    event = EventPageFactory(parent=forum, start=past, end=past + datetime.timedelta(hours=2))
    registration = EventRegistrationFactory(event=event)
    with pytest.raises(CancellationError):
        cancel_registration_by_manager(registration)
    assert EventRegistration.objects.get(pk=registration.pk).status == "registered"


# In the admin


def test_the_registrations_page_offers_promote_and_cancel(client, forum, full_event):
    client.force_login(_manager_of(forum))
    page = client.get(f"/admin/forums/events/{full_event.pk}/registrations/").content.decode()
    waiting = _waiting(full_event)[0]
    assert f'action="/admin/forums/registrations/{waiting.pk}/promote/"' in page
    assert "(adds a place)" in page
    assert f'href="/admin/forums/registrations/{waiting.pk}/cancel/"' in page


def test_a_manager_promotes_from_the_registrations_page(
    client, forum, full_event, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(_manager_of(forum))
    last = _waiting(full_event)[-1]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/forums/registrations/{last.pk}/promote/", follow=True)
    page = response.content.decode()
    assert "Person4" in page
    assert "has a place now" in page
    assert "it has 3 places now" in page
    assert EventRegistration.objects.get(pk=last.pk).status == "registered"
    assert [m.to for m in mailoutbox] == [[last.user.email]]


def test_promoting_is_a_post(client, forum, full_event):
    client.force_login(_manager_of(forum))
    waiting = _waiting(full_event)[0]
    assert client.get(f"/admin/forums/registrations/{waiting.pk}/promote/").status_code == 405
    assert EventRegistration.objects.get(pk=waiting.pk).status == "waitlisted"


def test_cancelling_asks_first_then_cancels(
    client, forum, full_event, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(_manager_of(forum))
    registered = EventRegistration.objects.filter(event=full_event, status="registered").first()
    url = f"/admin/forums/registrations/{registered.pk}/cancel/"
    page = html.unescape(client.get(url).content.decode())
    assert f"Cancel {registered.user.get_full_name()}'s registration" in page
    assert "Reason (optional)" in page
    assert EventRegistration.objects.get(pk=registered.pk).status == "registered"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Double booked"}, follow=True)
    assert "registration is cancelled" in response.content.decode()
    assert EventRegistration.objects.get(pk=registered.pk).status == "cancelled"
    assert _taken(full_event) == 2
    assert len(mailoutbox) == 2  # the person cancelled, and the person promoted


def test_cancelling_twice_says_it_is_already_cancelled(client, forum, full_event):
    client.force_login(_manager_of(forum))
    registered = EventRegistration.objects.filter(event=full_event, status="registered").first()
    url = f"/admin/forums/registrations/{registered.pk}/cancel/"
    client.post(url)
    response = client.post(url, follow=True)
    assert "already cancelled" in response.content.decode()
    assert _taken(full_event) == 2


def _with_authenticator(user):
    activate_authenticator_app(user)
    return user


@pytest.mark.parametrize("action", ["promote", "cancel"])
@pytest.mark.parametrize(
    "who, allowed",
    [
        ("own forum manager", True),
        ("site admin", True),
        ("other forum manager", False),
        ("charity worker", False),
        ("anonymous", False),
    ],
)
def test_only_the_forums_managers_and_site_admins_may(
    client, forum, other_forum, full_event, charity_worker, admin_user, action, who, allowed
):
    users = {
        "own forum manager": lambda: _manager_of(forum),
        "other forum manager": lambda: _manager_of(other_forum),
        "charity worker": lambda: charity_worker,
        "site admin": lambda: _with_authenticator(admin_user),
        "anonymous": lambda: None,
    }
    user = users[who]()
    if user is not None:
        client.force_login(user)
    waiting = _waiting(full_event)[0]
    response = client.post(f"/admin/forums/registrations/{waiting.pk}/{action}/")
    changed = EventRegistration.objects.get(pk=waiting.pk).status != "waitlisted"
    assert changed == allowed
    if not allowed:
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"] == "/admin/" or response["Location"].startswith(
                "/account/login/"
            )


def test_the_registrations_and_members_pages_name_the_event_and_forum(client, forum, full_event):
    client.force_login(_manager_of(forum))
    page = client.get(f"/admin/forums/events/{full_event.pk}/registrations/").content.decode()
    assert "Registrations for North East forum meeting" in page
    page = client.get(f"/admin/forums/{forum.pk}/members/").content.decode()
    assert f"Members of {forum.title}" in page


def test_a_past_event_offers_no_promote_or_cancel(client, forum):
    past = timezone.now() - datetime.timedelta(days=2)
    event = EventPageFactory(parent=forum, start=past, end=past + datetime.timedelta(hours=2))
    EventRegistrationFactory(event=event, status="waitlisted", user=VerifiedUserFactory())
    client.force_login(_manager_of(forum))
    page = client.get(f"/admin/forums/events/{event.pk}/registrations/").content.decode()
    assert "/promote/" not in page and "/cancel/" not in page


# At the same moment (PostgreSQL: real row locks)


def _at_once(functions, expected=()):
    """Run every function in its own thread, released together; errors other than the
    `expected` kinds fail the test. Returns the expected errors raised."""
    from tests.forums.test_concurrency import _all_at_once

    raised = []

    def catching(function):
        def run():
            try:
                function()
            except expected as error:
                raised.append(error)

        return run

    _all_at_once([catching(f) for f in functions])
    return raised


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_promoting_and_cancelling_at_once_keeps_places_exact(migrated_transactional_db, forum):
    event = EventPageFactory(parent=forum, capacity=3)
    event.save_revision().publish()
    start = timezone.now()
    registrations = [
        EventRegistrationFactory(
            event=event,
            status="registered" if number < 3 else "waitlisted",
            created_at=start + datetime.timedelta(seconds=number),
        )
        for number in range(9)
    ]
    places, waiting = registrations[:3], registrations[3:]

    # Three cancelled (each freeing a place for the first in line) while the last two
    # waiting are promoted by name (each adding a place, as the event is always full).
    _at_once(
        [lambda r=r: cancel_registration_by_manager(r) for r in places]
        + [lambda r=r: promote_registration(r) for r in waiting[-2:]]
    )

    event = EventPage.objects.get(pk=event.pk)
    statuses = dict(EventRegistration.objects.values_list("pk", "status"))
    assert event.capacity == 5 == _taken(event)
    assert [statuses[r.pk] for r in waiting] == ["registered"] * 3 + ["waitlisted"] + [
        "registered"
    ] * 2
    assert [statuses[r.pk] for r in places] == ["cancelled"] * 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_managers_promoting_the_same_person_add_one_place(migrated_transactional_db, forum):
    event = EventPageFactory(parent=forum, capacity=1)
    EventRegistrationFactory(event=event)
    waiting = EventRegistrationFactory(event=event, status="waitlisted")

    raised = _at_once([lambda: promote_registration(waiting)] * 3, expected=(PromotionError,))

    assert len(raised) == 2
    assert EventPage.objects.get(pk=event.pk).capacity == 2 == _taken(event)
