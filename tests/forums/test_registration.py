"""Registering, the waiting list, cancelling and promotion (forums/registrations.py)."""

import datetime

from django.core import mail
from django.utils import timezone

import icalendar
import pytest

from forums.models import EventRegistration
from forums.registrations.rules import (
    RegistrationError,
    cancel_registration,
    register_for_event,
)
from tests.factories import EventPageFactory, OrganisationPageFactory
from tests.factories.accounts import VerifiedUserFactory

pytestmark = pytest.mark.django_db


def _people(count):
    return [VerifiedUserFactory() for _ in range(count)]


def test_registering_gives_a_place_and_emails_a_calendar_file(
    event, charity_worker, charity, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = register_for_event(event, charity_worker, charity, "Step-free access")

    assert registration.status == "registered"
    assert registration.organisation == charity
    [email] = mail.outbox
    assert email.to == [charity_worker.email]
    assert "You are registered" in email.subject
    [(filename, content, mimetype)] = email.attachments
    assert filename.endswith(".ics") and mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(content)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == event.title
    assert "/events/cancel/" in email.body


def test_nothing_is_emailed_when_the_registration_is_rolled_back(event, person):
    # No on-commit callbacks run in a test transaction that is never committed.
    register_for_event(event, person)
    assert mail.outbox == []


def test_registering_twice_keeps_one_registration(event, person):
    first = register_for_event(event, person)
    second = register_for_event(event, person)
    assert first.pk == second.pk
    assert EventRegistration.objects.filter(event=event, user=person).count() == 1


def test_when_the_event_is_full_people_join_the_waiting_list_in_order(
    event, django_capture_on_commit_callbacks
):
    people = _people(4)
    with django_capture_on_commit_callbacks(execute=True):
        registrations = [register_for_event(event, p) for p in people]

    assert [r.status for r in registrations] == [
        "registered",
        "registered",
        "waitlisted",
        "waitlisted",
    ]
    assert "waiting list" in mail.outbox[2].subject
    assert not mail.outbox[2].attachments


def test_waitlisted_person_is_promoted_when_a_place_frees_up(
    event, django_capture_on_commit_callbacks
):
    first, second, third, fourth = _people(4)
    registrations = [register_for_event(event, p) for p in (first, second, third, fourth)]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(registrations[0])

    statuses = dict(EventRegistration.objects.values_list("user_id", "status"))
    assert statuses[first.pk] == "cancelled"
    assert statuses[third.pk] == "registered"
    assert statuses[fourth.pk] == "waitlisted"
    [email] = mail.outbox
    assert email.to == [third.email]
    assert "A place is yours" in email.subject
    assert email.attachments


def test_cancelling_a_waitlisted_place_promotes_nobody(event, django_capture_on_commit_callbacks):
    registrations = [register_for_event(event, p) for p in _people(3)]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(registrations[2])
    assert mail.outbox == []
    assert EventRegistration.objects.holding_a_place().count() == 2


def test_cancelling_twice_promotes_once(event, django_capture_on_commit_callbacks):
    registrations = [register_for_event(event, p) for p in _people(4)]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(registrations[0])
        cancel_registration(registrations[0])
    assert len(mail.outbox) == 1
    assert EventRegistration.objects.holding_a_place().count() == 2


def test_a_person_may_register_again_after_cancelling(event, person):
    registration = register_for_event(event, person)
    cancel_registration(registration)
    again = register_for_event(event, person)
    assert again.pk != registration.pk
    assert again.status == "registered"


def test_unlimited_events_never_fill(forum):
    event = EventPageFactory(parent=forum, capacity=0)
    registrations = [register_for_event(event, p) for p in _people(5)]
    assert {r.status for r in registrations} == {"registered"}


def test_nobody_can_register_for_an_organisation_they_do_not_belong_to(event, person):
    stranger_org = OrganisationPageFactory()
    with pytest.raises(RegistrationError, match="organisation you belong to"):
        register_for_event(event, person, stranger_org)


def test_registration_respects_opening_and_closing_times(forum, person):
    now = timezone.now()
    not_yet = EventPageFactory(parent=forum, registration_opens_at=now + datetime.timedelta(days=1))
    closed = EventPageFactory(
        parent=forum, registration_closes_at=now - datetime.timedelta(hours=1)
    )
    cancelled = EventPageFactory(parent=forum, status="cancelled", status_reason="Venue flooded")
    with pytest.raises(RegistrationError, match="not opened yet"):
        register_for_event(not_yet, person)
    with pytest.raises(RegistrationError, match="has closed"):
        register_for_event(closed, person)
    with pytest.raises(RegistrationError, match="not taking registrations"):
        register_for_event(cancelled, person)
    assert not EventRegistration.objects.exists()
