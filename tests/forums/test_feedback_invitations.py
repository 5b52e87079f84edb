"""Feedback surveys after events: who came, and who is invited to give feedback and when
(once each)."""

import datetime

from django.core.management import call_command
from django.utils import timezone

import pytest

from core.page_urls import localized_page_absolute_url
from forums.feedback.rules import FEEDBACK_OPEN_FOR, event_attendees, may_give_feedback
from forums.models import FeedbackInvitation
from tests.forums.feedback_helpers import (
    SUBJECT,
    _feedback_emails,
    _publish,
    _publish_outcomes,
    _survey,
)

pytestmark = pytest.mark.django_db


class TestWhoCame:
    def test_only_people_marked_attended_count_once_attendance_is_recorded(
        self, past_event, registrations
    ):
        assert list(event_attendees(past_event)) == [registrations["attended"].user]

    def test_without_attendance_everyone_who_held_a_place_counts(self, past_event, registrations):
        registrations["attended"].status = "registered"
        registrations["attended"].save()
        assert set(event_attendees(past_event)) == {
            registrations["attended"].user,
            registrations["registered"].user,
        }

    def test_cancelled_and_waiting_people_never_count(self, past_event, registrations):
        for status in ("cancelled", "waitlisted"):
            assert not may_give_feedback(registrations[status].user, past_event)


class TestInvitations:
    def test_attendees_are_emailed_once_when_the_outcomes_are_published(
        self, past_event, registrations, survey, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            _publish_outcomes(past_event)
            _publish(past_event, attendee_count=4)
            _publish(survey)
        assert _feedback_emails(mailoutbox) == ["attended@example.org"]
        invitation = next(m for m in mailoutbox if SUBJECT in m.subject)
        assert localized_page_absolute_url(survey) in invitation.body
        assert FeedbackInvitation.objects.get().user == registrations["attended"].user

    def test_without_attendance_everyone_who_held_a_place_is_emailed(
        self, past_event, registrations, survey, mailoutbox, django_capture_on_commit_callbacks
    ):
        registrations["attended"].status = "registered"
        registrations["attended"].save()
        with django_capture_on_commit_callbacks(execute=True):
            _publish_outcomes(past_event)
        assert _feedback_emails(mailoutbox) == ["attended@example.org", "registered@example.org"]

    def test_nothing_is_sent_without_a_survey(
        self, past_event, registrations, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            _publish_outcomes(past_event)
            call_command("send_feedback_invitations")
        assert _feedback_emails(mailoutbox) == []
        assert len(mailoutbox) == 2  # the outcomes, to both people who held a place

    def test_nothing_is_sent_for_a_draft_survey(
        self, past_event, registrations, mailoutbox, django_capture_on_commit_callbacks
    ):
        _survey(past_event, live=False)
        with django_capture_on_commit_callbacks(execute=True):
            _publish_outcomes(past_event)
            call_command("send_feedback_invitations")
        assert _feedback_emails(mailoutbox) == []

    def test_nothing_is_sent_before_the_survey_opens_or_after_it_closes(
        self, past_event, registrations, mailoutbox, django_capture_on_commit_callbacks
    ):
        opens = timezone.now() + datetime.timedelta(days=2)
        survey = _survey(past_event, opens_at=opens, closes_at=opens + FEEDBACK_OPEN_FOR)
        with django_capture_on_commit_callbacks(execute=True):
            _publish_outcomes(past_event)
            call_command("send_feedback_invitations")
            after_closing = survey.closes_at + datetime.timedelta(minutes=1)
            call_command("send_feedback_invitations", now=after_closing.isoformat())
        assert _feedback_emails(mailoutbox) == []
        assert not FeedbackInvitation.objects.exists()

    def test_nothing_is_sent_before_the_outcomes_are_published(
        self, past_event, registrations, survey, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            _publish(survey)
            call_command("send_feedback_invitations")
        assert _feedback_emails(mailoutbox) == []

    def test_a_survey_that_opens_after_the_outcomes_is_sent_when_it_opens_once(
        self, past_event, registrations, mailoutbox, django_capture_on_commit_callbacks
    ):
        opens = timezone.now() + datetime.timedelta(days=2)
        _survey(past_event, opens_at=opens, closes_at=opens + FEEDBACK_OPEN_FOR)
        with django_capture_on_commit_callbacks(execute=True):
            _publish_outcomes(past_event)
            assert _feedback_emails(mailoutbox) == []
            later = (opens + datetime.timedelta(hours=1)).isoformat()
            call_command("send_feedback_invitations", now=later)
            call_command("send_feedback_invitations", now=later)
            call_command(
                "send_feedback_invitations",
                now=(opens + datetime.timedelta(days=1)).isoformat(),
            )
        assert _feedback_emails(mailoutbox) == ["attended@example.org"]

    def test_a_survey_published_after_the_outcomes_is_sent_on_publishing_once(
        self, past_event, registrations, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            _publish_outcomes(past_event)
        survey = _survey(past_event, live=False)
        with django_capture_on_commit_callbacks(execute=True):
            survey = _publish(survey)
            _publish(survey, summary="Four questions, five minutes.")
            call_command("send_feedback_invitations")
        assert _feedback_emails(mailoutbox) == ["attended@example.org"]

    def test_someone_marked_attended_later_is_invited_by_the_next_run(
        self, past_event, registrations, survey, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            _publish_outcomes(past_event)
            late = registrations["registered"]
            late.status = "attended"
            late.save()
            call_command("send_feedback_invitations")
        assert _feedback_emails(mailoutbox) == ["attended@example.org", "registered@example.org"]

    def test_invitations_are_in_the_persons_data_download(
        self, past_event, registrations, survey, django_capture_on_commit_callbacks
    ):
        from forums.personal_data import personal_data

        with django_capture_on_commit_callbacks(execute=True):
            _publish_outcomes(past_event)
        [entry] = personal_data(registrations["attended"].user)["feedback_survey_invitations"]
        assert entry["survey"] == survey.title
        assert personal_data(registrations["registered"].user)["feedback_survey_invitations"] == []
