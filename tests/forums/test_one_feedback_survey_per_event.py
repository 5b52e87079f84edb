"""One feedback survey per event: copies are ordinary consultations, the database refuses a
second survey, and an answered survey stays about its event."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest

from forums.models import ConsultationPage, ConsultationResponse
from tests.factories import (
    ConsultationPageFactory,
    EventPageFactory,
)
from tests.factories.accounts import VerifiedUserFactory, activate_authenticator_app
from tests.forums.feedback_helpers import _publish

pytestmark = pytest.mark.django_db


LONDON = zoneinfo.ZoneInfo("Europe/London")


class TestOneSurveyPerEvent:
    """Copying a survey cannot make a second survey of its event, the database refuses one
    whatever saves it, and a survey people have answered stays about its event."""

    @pytest.fixture
    def admin(self, db):
        user = VerifiedUserFactory(is_superuser=True, is_staff=True)
        activate_authenticator_app(user)
        return user

    @pytest.fixture
    def another_event(self, forum):
        return _publish(EventPageFactory(parent=forum, title="North East forum: spring"))

    def _respond(self, survey, past_event):
        ConsultationResponse.objects.create(
            consultation=survey, user=VerifiedUserFactory(), status="submitted"
        )

    def test_copying_a_survey_in_the_admin_makes_an_ordinary_consultation(
        self, client, admin, forum, survey, past_event
    ):
        client.force_login(admin)
        form = client.get(f"/admin/pages/{survey.pk}/copy/").content.decode()
        assert 'name="alias"' not in form  # an alias would be a second survey
        assert "The copy is not linked to the event" in form

        response = client.post(
            f"/admin/pages/{survey.pk}/copy/",
            {
                "new_title": "Feedback: copy",
                "new_slug": "feedback-copy",
                "new_parent_page": forum.pk,
                "publish_copies": "on",
            },
        )

        assert response.status_code == 302
        copy = ConsultationPage.objects.get(slug="feedback-copy")
        assert copy.feedback_for_event is None
        assert copy.live
        assert list(copy.questions.values_list("text", flat=True)) == ["How useful?"]
        assert list(ConsultationPage.objects.filter(feedback_for_event=past_event)) == [survey]
        assert copy.get_latest_revision_as_object().feedback_for_event_id is None
        assert client.get(f"/admin/pages/{copy.pk}/edit/").status_code == 200

    def test_a_copy_made_in_code_has_no_event_either(self, forum, survey, past_event):
        copy = survey.copy(update_attrs={"title": "Copy", "slug": "copy"})
        assert copy.specific.feedback_for_event is None
        assert ConsultationPage.objects.filter(feedback_for_event=past_event).count() == 1

    def test_the_database_refuses_a_second_survey_of_an_event(self, forum, survey, past_event):
        other = ConsultationPageFactory(parent=forum, response_mode="person")
        with pytest.raises(IntegrityError), transaction.atomic():
            ConsultationPage.objects.filter(pk=other.pk).update(feedback_for_event=past_event)
        # Any number of consultations are no event's survey.
        ConsultationPageFactory(parent=forum)
        assert ConsultationPage.objects.filter(feedback_for_event__isnull=True).count() == 2

    def test_the_event_can_change_until_someone_responds(self, survey, another_event):
        survey.feedback_for_event = another_event
        survey.full_clean()

    def test_once_someone_has_responded_the_event_cannot_change(
        self, survey, past_event, another_event
    ):
        self._respond(survey, past_event)
        for event in (another_event, None):
            survey.feedback_for_event = event
            with pytest.raises(ValidationError) as refused:
                survey.full_clean()
            assert "cannot change" in refused.value.message_dict["feedback_for_event"][0]

    def test_an_answered_consultation_cannot_become_an_events_survey(
        self, client, admin, forum, past_event
    ):
        consultation = ConsultationPageFactory(parent=forum, response_mode="person")
        ConsultationResponse.objects.create(consultation=consultation, status="submitted")
        consultation.feedback_for_event = past_event
        with pytest.raises(ValidationError) as refused:
            consultation.full_clean()
        assert (
            "cannot become an event's feedback survey"
            in (refused.value.message_dict["feedback_for_event"][0])
        )
        client.force_login(admin)
        page = client.get(f"/admin/pages/{consultation.pk}/edit/").content.decode()
        assert 'name="feedback_for_event"' not in page
        assert "cannot become an event&#x27;s feedback survey" in page

    def test_the_admin_shows_the_answered_surveys_event_read_only_and_keeps_it(
        self, client, admin, forum, survey, past_event, another_event
    ):
        from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

        self._respond(survey, past_event)
        client.force_login(admin)
        edit_url = f"/admin/pages/{survey.pk}/edit/"
        page = client.get(edit_url).content.decode()
        assert 'name="feedback_for_event"' not in page
        assert "its event cannot change" in page
        assert "North East forum meeting" in page

        question = survey.questions.get()
        fields = {
            "title": survey.title,
            "slug": survey.slug,
            "summary": survey.summary,
            "purpose": rich_text(survey.purpose),
            "background": rich_text(""),
            "opens_at": survey.opens_at.astimezone(LONDON).strftime("%Y-%m-%d %H:%M"),
            "closes_at": survey.closes_at.astimezone(LONDON).strftime("%Y-%m-%d %H:%M"),
            "response_mode": "person",
            "feedback_for_event": another_event.pk,
            "documents": inline_formset([]),
            "private_documents": inline_formset([]),
            "questions": inline_formset(
                [
                    {
                        "id": question.pk,
                        "kind": question.kind,
                        "text": question.text,
                        "help_text": "",
                        "required": "on",
                        "choices": "",
                        "max_length": "",
                        "max_choices": "",
                    }
                ],
                initial=1,
            ),
            "outcome_asked": rich_text(""),
            "outcome_said": rich_text(""),
            "outcome_did": rich_text(""),
            "action-publish": "action-publish",
        }
        response = client.post(edit_url, nested_form_data(fields))

        assert response.status_code == 302
        survey = ConsultationPage.objects.get(pk=survey.pk)
        assert survey.feedback_for_event_id == past_event.pk
        assert survey.get_latest_revision_as_object().feedback_for_event_id == past_event.pk
