"""Who may respond to an event's feedback survey, and the link to it on the event's page."""

import datetime

from django.utils import timezone

import pytest

from forums.feedback.rules import FEEDBACK_OPEN_FOR
from forums.models import ConsultationResponse
from tests.factories import (
    EventRegistrationFactory,
)
from tests.forums.consultation_helpers import submit
from tests.forums.feedback_helpers import (
    _survey,
)

pytestmark = pytest.mark.django_db


def respond_url(survey):
    return f"/consultations/{survey.pk}/respond/"


def _answers(survey):
    return {f"question_{survey.questions.get().pk}": "4", "action": "continue"}


class TestResponding:
    def test_people_who_did_not_come_are_refused_with_a_clear_message(
        self, client, survey, registrations, person
    ):
        for user in (person, registrations["cancelled"].user, registrations["waitlisted"].user):
            client.force_login(user)
            page = client.get(survey.url).content.decode()
            assert "only for people who came to North East forum meeting" in page
            assert "Respond to this consultation" not in page
            response = client.get(respond_url(survey))
            assert response.status_code == 403
            assert "only for people who came" in response.content.decode()
            assert client.post(respond_url(survey), _answers(survey)).status_code == 403
        assert not ConsultationResponse.objects.exists()

    def test_once_attendance_is_recorded_people_not_marked_attended_are_refused(
        self, client, survey, registrations
    ):
        client.force_login(registrations["registered"].user)
        assert client.get(respond_url(survey)).status_code == 403

    def test_visitors_who_are_not_signed_in_are_asked_to_sign_in(self, client, survey):
        assert "Sign in to give your feedback" in client.get(survey.url).content.decode()
        response = client.get(respond_url(survey))
        assert response.status_code == 302
        assert "/login/" in response["Location"]

    def test_an_attendee_responds_once_as_themselves(
        self, client, survey, past_event, charity, charity_worker
    ):
        EventRegistrationFactory(
            event=past_event, user=charity_worker, organisation=charity, status="attended"
        )
        client.force_login(charity_worker)
        form = client.get(respond_url(survey)).content.decode()
        assert "Who are you responding for?" not in form
        for value in ("4", "5"):
            data = {**_answers(survey), f"question_{survey.questions.get().pk}": value}
            assert submit(client, survey, data).status_code == 302
        response = ConsultationResponse.objects.get()
        assert response.user == charity_worker
        assert response.organisation is None
        assert response.answers.get().value == "5"


class TestEventPage:
    def test_attendees_see_a_link_to_the_open_survey(self, client, past_event, registrations):
        survey = _survey(past_event)
        client.force_login(registrations["attended"].user)
        page = client.get(past_event.url).content.decode()
        assert "Give feedback on this event" in page
        assert survey.url in page

    def test_others_see_no_link(self, client, past_event, registrations, person):
        _survey(past_event)
        for user in (person, registrations["cancelled"].user):
            client.force_login(user)
            assert "Give feedback on this event" not in client.get(past_event.url).content.decode()
        client.logout()
        assert "Give feedback on this event" not in client.get(past_event.url).content.decode()

    def test_no_link_before_the_survey_opens(self, client, past_event, registrations):
        opens = timezone.now() + datetime.timedelta(days=2)
        _survey(past_event, opens_at=opens, closes_at=opens + FEEDBACK_OPEN_FOR)
        client.force_login(registrations["attended"].user)
        assert "Give feedback on this event" not in client.get(past_event.url).content.decode()
