"""Postponing and cancelling tell everyone; outcomes reach attendees; scheduled jobs run once."""

import datetime

from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command

import pytest

from forums.models import EventPage, EventRegistration
from tests.factories import EventPageFactory, EventRegistrationFactory
from tests.factories.accounts import VerifiedUserFactory

pytestmark = pytest.mark.django_db


def _publish(event, **changes):
    event = EventPage.objects.get(pk=event.pk)
    for name, value in changes.items():
        setattr(event, name, value)
    event.save_revision().publish()
    return event


@pytest.fixture
def busy_event(forum):
    event = EventPageFactory(parent=forum, capacity=1)
    _publish(event)
    EventRegistrationFactory(event=event, user__email="registered@example.org")
    EventRegistrationFactory(event=event, status="waitlisted", user__email="waiting@example.org")
    EventRegistrationFactory(event=event, status="cancelled", user__email="gone@example.org")
    return event


@pytest.mark.parametrize(
    ("status", "word"), [("cancelled", "Cancelled"), ("postponed", "Postponed")]
)
def test_postponing_or_cancelling_emails_everyone_registered_or_waiting(
    busy_event, status, word, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _publish(busy_event, status=status, status_reason="The venue flooded")

    recipients = sorted(address for email in mail.outbox for address in email.to)
    assert recipients == ["registered@example.org", "waiting@example.org"]
    assert all(email.subject.startswith(word) for email in mail.outbox)
    assert all("The venue flooded" in email.body for email in mail.outbox)


def test_an_unrelated_edit_emails_nobody(busy_event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _publish(busy_event, summary="Now with lunch.")
    assert mail.outbox == []


def test_more_places_go_to_the_waiting_list(busy_event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _publish(busy_event, capacity=2)
    waiting = EventRegistration.objects.get(user__email="waiting@example.org")
    assert waiting.status == "registered"
    assert [email.to for email in mail.outbox] == [["waiting@example.org"]]


def test_attendees_hear_once_when_outcomes_are_published(forum, django_capture_on_commit_callbacks):
    start = datetime.datetime(2026, 3, 3, 10, tzinfo=datetime.UTC)
    event = EventPageFactory(parent=forum, start=start, end=start + datetime.timedelta(hours=2))
    EventRegistrationFactory(event=event, status="attended", user__email="came@example.org")
    EventRegistrationFactory(event=event, status="cancelled", user__email="gone@example.org")
    _publish(event)
    with django_capture_on_commit_callbacks(execute=True):
        _publish(event, closed=True, minutes="<p>You said, we did.</p>", attendee_count=14)
        _publish(event, attendee_count=15)
    assert [email.to for email in mail.outbox] == [["came@example.org"]]
    assert "What came out of" in mail.outbox[0].subject


class TestScheduledCommands:
    def test_reminders_are_sent_once_the_day_before(
        self, forum, django_capture_on_commit_callbacks
    ):
        event = EventPageFactory(parent=forum)
        EventRegistrationFactory(event=event, user__email="coming@example.org")
        EventRegistrationFactory(event=event, status="waitlisted")
        day_before = (event.start - datetime.timedelta(hours=20)).isoformat()
        too_early = (event.start - datetime.timedelta(hours=30)).isoformat()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_event_reminders", now=too_early)
            assert mail.outbox == []
            call_command("send_event_reminders", now=day_before)
            call_command("send_event_reminders", now=day_before)
        assert [email.to for email in mail.outbox] == [["coming@example.org"]]
        assert mail.outbox[0].subject.startswith("Tomorrow")

    def test_reminder_hours_are_configurable(self, forum, django_capture_on_commit_callbacks):
        event = EventPageFactory(parent=forum)
        EventRegistrationFactory(event=event)
        with django_capture_on_commit_callbacks(execute=True):
            call_command(
                "send_event_reminders",
                now=(event.start - datetime.timedelta(hours=40)).isoformat(),
                hours=48,
            )
        assert len(mail.outbox) == 1

    def test_forum_managers_are_nagged_once_about_an_event_not_closed(
        self, forum, other_forum, django_capture_on_commit_callbacks
    ):
        manager = VerifiedUserFactory(email="rpd-team@example.org")
        manager.groups.add(Group.objects.get(name="Forum managers: North East"))
        VerifiedUserFactory(email="london@example.org").groups.add(
            Group.objects.get(name="Forum managers: London")
        )
        event = EventPageFactory(parent=forum)
        EventPageFactory(parent=forum, closed=True, minutes="<p>Done</p>")
        after = (event.end + datetime.timedelta(days=2)).isoformat()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("nag_unclosed_events", now=after)
            call_command("nag_unclosed_events", now=after)
        assert [email.to for email in mail.outbox] == [["rpd-team@example.org"]]
        assert f"/admin/forums/events/{event.pk}/registrations/" in mail.outbox[0].body

    def test_access_needs_are_deleted_thirty_days_after_the_event(self, forum):
        event = EventPageFactory(parent=forum)
        registration = EventRegistrationFactory(event=event, access_needs="Hearing loop")
        call_command(
            "delete_event_access_needs", now=(event.end + datetime.timedelta(days=29)).isoformat()
        )
        registration.refresh_from_db()
        assert registration.access_needs == "Hearing loop"
        later = (event.end + datetime.timedelta(days=31)).isoformat()
        call_command("delete_event_access_needs", now=later)
        call_command("delete_event_access_needs", now=later)
        registration.refresh_from_db()
        assert registration.access_needs == ""
        assert registration.access_needs_deleted_at is not None
