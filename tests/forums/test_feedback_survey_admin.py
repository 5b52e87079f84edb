"""The forum managers' "create feedback survey" action, and the rules a survey's page must
meet in the admin."""

import datetime
import zoneinfo

from django.utils import timezone

import pytest

from forums.feedback.rules import FEEDBACK_OPEN_FOR
from forums.models import ConsultationPage, EventPage
from tests.factories.accounts import VerifiedUserFactory, activate_authenticator_app
from tests.forums.consultation_helpers import _manager_of

pytestmark = pytest.mark.django_db


LONDON = zoneinfo.ZoneInfo("Europe/London")


def _create_url(event):
    return f"/admin/forums/events/{event.pk}/feedback-survey/"


class TestCreateAction:
    def test_a_forum_manager_creates_a_linked_draft_with_the_usual_questions(
        self, client, forum, past_event
    ):
        manager = _manager_of(forum)
        client.force_login(manager)
        assert "Create feedback survey" in client.get(_create_url(past_event)).content.decode()
        response = client.post(_create_url(past_event))
        survey = ConsultationPage.objects.get(feedback_for_event=past_event)
        assert response.status_code == 302
        assert response["Location"] == f"/admin/pages/{survey.pk}/edit/"
        assert survey.get_parent().pk == forum.pk
        assert not survey.live
        assert survey.owner == manager
        assert survey.response_mode == "person" and not survey.allow_anonymous
        assert survey.opens_at == past_event.end
        assert survey.closes_at == past_event.end + datetime.timedelta(weeks=3)
        questions = list(survey.questions.order_by("sort_order").values_list("kind", "text"))
        assert questions == [
            ("scale", "Overall, how useful was the event?"),
            ("long_text", "What worked well?"),
            ("long_text", "What could be better?"),
            ("yes_no", "Would you come to another event like this?"),
        ]
        assert survey.get_latest_revision() is not None
        assert client.get(response["Location"]).status_code == 200

    def test_asking_again_goes_to_the_existing_survey(self, client, forum, past_event):
        client.force_login(_manager_of(forum))
        first = client.post(_create_url(past_event))
        second = client.post(_create_url(past_event))
        assert ConsultationPage.objects.filter(feedback_for_event=past_event).count() == 1
        assert second["Location"] == first["Location"]
        assert client.get(_create_url(past_event))["Location"] == first["Location"]

    def test_a_manager_of_another_region_is_refused(self, client, other_forum, past_event):
        # Refused the admin's way (PermissionDenied): back to the dashboard with a message.
        client.force_login(_manager_of(other_forum))
        for method in (client.get, client.post):
            response = method(_create_url(past_event), follow=True)
            assert response.redirect_chain == [("/admin/", 302)]
            assert "do not have permission" in response.content.decode()
        assert not ConsultationPage.objects.filter(feedback_for_event=past_event).exists()

    def test_people_who_do_not_run_forums_are_refused(self, client, past_event, person):
        client.force_login(person)
        assert client.post(_create_url(past_event)).status_code in (302, 403)
        assert not ConsultationPage.objects.filter(feedback_for_event=past_event).exists()

    def test_the_event_offers_the_action_in_the_admin(self, client, forum, past_event):
        client.force_login(_manager_of(forum))
        registrations_page = client.get(f"/admin/forums/events/{past_event.pk}/registrations/")
        assert _create_url(past_event) in registrations_page.content.decode()
        edit_page = client.get(f"/admin/pages/{past_event.pk}/edit/")
        assert _create_url(past_event) in edit_page.content.decode()


class TestValidation:
    @pytest.fixture
    def admin(self, db):
        user = VerifiedUserFactory(is_superuser=True, is_staff=True)
        activate_authenticator_app(user)
        return user

    def _create(self, client, parent, event, **changes):
        from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

        opens = timezone.now().astimezone(LONDON)
        fields = {
            "title": "Feedback survey",
            "slug": "feedback-survey",
            "summary": "Tell us what you thought.",
            "purpose": rich_text("<p>Purpose</p>"),
            "background": rich_text(""),
            "opens_at": opens.strftime("%Y-%m-%d %H:%M"),
            "closes_at": (opens + FEEDBACK_OPEN_FOR).strftime("%Y-%m-%d %H:%M"),
            "response_mode": "person",
            "feedback_for_event": event.pk,
            "documents": inline_formset([]),
            "private_documents": inline_formset([]),
            "questions": inline_formset([]),
            "outcome_asked": rich_text(""),
            "outcome_said": rich_text(""),
            "outcome_did": rich_text(""),
            **changes,
        }
        return client.post(
            f"/admin/pages/add/forums/consultationpage/{parent.pk}/", nested_form_data(fields)
        )

    def test_a_survey_in_its_events_forum_is_accepted(self, client, admin, forum, past_event):
        client.force_login(admin)
        response = self._create(client, forum, past_event)
        assert response.status_code == 302
        assert ConsultationPage.objects.get(feedback_for_event=past_event).title == (
            "Feedback survey"
        )

    def test_a_survey_linked_to_another_forums_event_is_refused(
        self, client, admin, other_forum, past_event
    ):
        client.force_login(admin)
        response = self._create(client, other_forum, past_event)
        assert response.status_code == 200
        assert "Choose an event of this forum" in response.content.decode()
        assert not ConsultationPage.objects.filter(feedback_for_event=past_event).exists()

    def test_a_national_consultation_cannot_be_an_events_survey(
        self, client, admin, tree, past_event
    ):
        client.force_login(admin)
        response = self._create(client, tree.forums, past_event)
        assert "Choose an event of this forum" in response.content.decode()
        assert not ConsultationPage.objects.filter(feedback_for_event=past_event).exists()

    def test_a_survey_takes_one_signed_in_response_per_person(
        self, client, admin, forum, past_event
    ):
        client.force_login(admin)
        page = self._create(
            client, forum, past_event, response_mode="organisation", allow_anonymous="on"
        ).content.decode()
        assert "A feedback survey takes one response per person." in page
        assert "A feedback survey cannot take anonymous responses" in page
        assert not ConsultationPage.objects.filter(feedback_for_event=past_event).exists()

    def test_an_event_has_at_most_one_survey(self, client, admin, forum, survey, past_event):
        client.force_login(admin)
        page = self._create(client, forum, past_event).content.decode()
        assert "This event already has a feedback survey" in page
        assert ConsultationPage.objects.filter(feedback_for_event=past_event).count() == 1

    def test_the_survey_outlives_its_event(self, survey, past_event):
        EventPage.objects.get(pk=past_event.pk).delete()
        survey.refresh_from_db()
        assert survey.feedback_for_event is None
