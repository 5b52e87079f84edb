"""A consultation's lifecycle: when it opens and closes (in London time), and its questions,
which may change until it opens or is first answered, and are frozen after."""

import datetime
import zoneinfo

import pytest
import time_machine

from forums.models import (
    ConsultationResponse,
    consultation_state,
)
from tests.factories import (
    ConsultationPageFactory,
    ConsultationQuestionFactory,
)
from tests.factories.accounts import VerifiedUserFactory, activate_authenticator_app
from tests.forums.consultation_helpers import _manager_of, answers, url

pytestmark = pytest.mark.django_db


LONDON = zoneinfo.ZoneInfo("Europe/London")


class TestLifecycle:
    def test_state_changes_at_the_right_instants_in_london_time(self):
        # Opens 9:00 on 1 April 2026 (BST, 08:00 UTC), closes 17:00 on 30 October 2026
        # (after the clocks go back: GMT, 17:00 UTC).
        opens = datetime.datetime(2026, 4, 1, 9, 0, tzinfo=LONDON)
        closes = datetime.datetime(2026, 10, 30, 17, 0, tzinfo=LONDON)
        utc = datetime.UTC
        with time_machine.travel(datetime.datetime(2026, 4, 1, 7, 59, 59, tzinfo=utc), tick=False):
            assert consultation_state(opens, closes) == "forthcoming"
        with time_machine.travel(datetime.datetime(2026, 4, 1, 8, 0, tzinfo=utc), tick=False):
            assert consultation_state(opens, closes) == "open"
        with time_machine.travel(
            datetime.datetime(2026, 10, 30, 16, 59, 59, tzinfo=utc), tick=False
        ):
            assert consultation_state(opens, closes) == "open"
        with time_machine.travel(datetime.datetime(2026, 10, 30, 17, 0, tzinfo=utc), tick=False):
            assert consultation_state(opens, closes) == "closed"

    def test_forthcoming_and_closed_consultations_refuse_responses(
        self, client, consultation, charity_worker
    ):
        client.force_login(charity_worker)
        with time_machine.travel(consultation.opens_at - datetime.timedelta(seconds=1)):
            response = client.post(url(consultation), answers(consultation))
            assert response.status_code == 403
            assert "has not opened yet" in response.content.decode()
        with time_machine.travel(consultation.closes_at):
            response = client.post(url(consultation), answers(consultation))
            assert response.status_code == 403
            assert "has closed" in response.content.decode()
        assert not ConsultationResponse.objects.exists()

    def test_a_closed_consultation_keeps_drafts_readable(
        self, client, consultation, charity_worker, charity
    ):
        client.force_login(charity_worker)
        data = answers(consultation, {"What works?": "Peer mentors"})
        data.update(action="save", on_behalf_of=str(charity.pk))
        saved = client.post(url(consultation), data)
        assert saved.status_code == 302, saved.context["form"].errors
        consultation.closes_at = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=1)
        consultation.save_revision().publish()
        page = client.get(url(consultation)).content.decode()
        assert "has closed" in page
        assert "Your draft (not submitted)" in page
        assert "Peer mentors" in page


class TestFrozenQuestions:
    def _edit(self, client, page, text):
        from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

        questions = list(page.questions.order_by("sort_order"))
        forms = [
            {
                "id": question.pk,
                "kind": question.kind,
                "text": text if i == 0 else question.text,
                "help_text": question.help_text,
                "required": question.required,
                "choices": question.choices,
                "max_length": question.max_length or "",
                "max_choices": question.max_choices or "",
                "ORDER": i,
            }
            for i, question in enumerate(questions)
        ]
        data = nested_form_data(
            {
                "title": page.title,
                "slug": page.slug,
                "summary": page.summary,
                "purpose": rich_text("<p>Purpose</p>"),
                "background": rich_text(""),
                "opens_at": page.opens_at.astimezone(LONDON).strftime("%Y-%m-%d %H:%M"),
                "closes_at": page.closes_at.astimezone(LONDON).strftime("%Y-%m-%d %H:%M"),
                "response_mode": page.response_mode,
                "documents": inline_formset([]),
                "private_documents": inline_formset([]),
                "questions": inline_formset(forms, initial=len(forms)),
                "outcome_asked": rich_text(""),
                "outcome_said": rich_text(""),
                "outcome_did": rich_text(""),
            }
        )
        return client.post(f"/admin/pages/{page.pk}/edit/", data)

    @pytest.fixture
    def admin(self, db):
        user = VerifiedUserFactory(is_superuser=True, is_staff=True)
        activate_authenticator_app(user)
        return user

    def test_questions_can_change_before_opening(self, client, forum, admin):
        page = ConsultationPageFactory(
            parent=forum, opens_at=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC)
        )
        ConsultationQuestionFactory(page=page, text="Old wording")
        client.force_login(admin)
        response = self._edit(client, page, "New wording")
        assert response.status_code == 302, response.context["form"].errors
        page.refresh_from_db()
        assert page.get_latest_revision_as_object().questions.first().text == "New wording"

    def test_questions_are_frozen_once_open(self, client, consultation, admin):
        client.force_login(admin)
        response = self._edit(client, consultation, "Changed wording")
        assert response.status_code == 200
        assert "cannot be changed once the consultation has opened" in response.content.decode()

    def test_other_fields_can_still_change_once_open(self, client, consultation, admin):
        client.force_login(admin)
        response = self._edit(client, consultation, "Your role")
        assert response.status_code == 302


def test_a_manager_can_open_the_add_consultation_form(client, forum):
    client.force_login(_manager_of(forum))
    response = client.get(f"/admin/pages/add/forums/consultationpage/{forum.pk}/")
    assert response.status_code == 200
    assert "Questions cannot be changed once the consultation opens" in response.content.decode()


def test_questions_of_a_draft_consultation_are_not_frozen_until_answered(forum, person):
    from forums.models.consultations import questions_frozen

    page = ConsultationPageFactory(parent=forum, live=False)
    assert not questions_frozen(page.pk)
    ConsultationResponse.objects.create(consultation=page, user=person)
    assert questions_frozen(page.pk)
