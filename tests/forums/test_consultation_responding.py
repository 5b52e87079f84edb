"""Responding to a consultation: each kind of question checked with nothing lost, drafts, one
response per organisation, anonymous responses storing nothing identifying, and the
responses listed on the account page."""

import datetime

from django.db import IntegrityError, transaction

import pytest

from directory.models import OrganisationMembership
from forums.models import (
    ConsultationAnswer,
    ConsultationResponse,
)
from tests.factories import (
    ConsultationPageFactory,
    ConsultationQuestionFactory,
    OrganisationPageFactory,
)
from tests.factories.accounts import VerifiedUserFactory
from tests.forums.consultation_helpers import answers, check_url, q, submit, url

pytestmark = pytest.mark.django_db


class TestValidation:
    @pytest.fixture
    def signed_in(self, client, charity_worker):
        client.force_login(charity_worker)
        return client

    def _post(self, client, consultation, charity, changes):
        data = answers(consultation, changes)
        data["on_behalf_of"] = str(charity.pk)
        return client.post(url(consultation), data)

    @pytest.mark.parametrize(
        "overrides, message",
        [
            ({"What works?": ""}, "Answer the question: What works?"),
            ({"What works?": "x" * 21}, "20 characters or fewer"),
            ({"Your role": "x" * 251}, "250 characters or fewer"),
            ({"Biggest gap": "Transport"}, "Choose one of the options given"),
            ({"Who do you support?": ["Women", "Veterans", "Young adults"]}, "no more than 2"),
            ({"How well served?": "6"}, "Choose one of the options given"),
            ({"Shall we meet?": "maybe"}, "Choose one of the options given"),
        ],
    )
    def test_each_kind_is_checked_and_nothing_is_lost(
        self, signed_in, consultation, charity, overrides, message
    ):
        response = self._post(signed_in, consultation, charity, overrides)
        page = response.content.decode()
        assert response.status_code == 200
        assert message in page
        assert "govuk-error-summary" in page
        # Other answers are kept.
        kept = 'value="3" checked' if "Your role" in overrides else 'value="Manager"'
        assert kept in page
        assert not ConsultationResponse.objects.exists()

    def test_a_draft_may_leave_required_questions_out(self, signed_in, consultation, charity):
        data = answers(consultation, {"What works?": ""})
        data.update(action="save", on_behalf_of=str(charity.pk))
        response = signed_in.post(url(consultation), data)
        assert response.status_code == 302
        saved = ConsultationResponse.objects.get()
        assert saved.status == "draft"
        assert saved.organisation == charity

    def test_save_come_back_and_submit(
        self, signed_in, consultation, charity, mailoutbox, django_capture_on_commit_callbacks
    ):
        data = answers(consultation)
        data.update(action="save", on_behalf_of=str(charity.pk))
        signed_in.post(url(consultation), data)
        page = signed_in.get(url(consultation)).content.decode()
        assert "You have a draft response" in page
        assert "Mentoring</textarea>" in page
        data["action"] = "continue"
        with django_capture_on_commit_callbacks(execute=True):
            response = submit(signed_in, consultation, data)
            signed_in.post(f"{check_url(consultation)}?for={charity.pk}")  # double click
        assert response.status_code == 302
        saved = ConsultationResponse.objects.get()
        assert saved.status == "submitted"
        assert saved.answers.count() == 6
        assert len(mailoutbox) == 1
        assert "Mentoring" in mailoutbox[0].body


class TestOnePerOrganisation:
    def test_the_database_allows_one_response_per_organisation(self, consultation, charity):
        first, second = VerifiedUserFactory(), VerifiedUserFactory()
        ConsultationResponse.objects.create(
            consultation=consultation, user=first, organisation=charity, for_organisation=True
        )
        with pytest.raises(IntegrityError), transaction.atomic():
            ConsultationResponse.objects.create(
                consultation=consultation, user=second, organisation=charity, for_organisation=True
            )

    def test_a_colleague_edits_the_organisations_response(
        self, client, consultation, charity, charity_worker
    ):
        colleague = VerifiedUserFactory()
        OrganisationMembership.objects.create(user=colleague, organisation=charity, role="editor")
        for user, role in ((charity_worker, "Manager"), (colleague, "Director")):
            client.force_login(user)
            data = answers(consultation, {"Your role": role})
            data["on_behalf_of"] = str(charity.pk)
            submit(client, consultation, data)
        response = ConsultationResponse.objects.get()
        assert response.answers.get(question__text="Your role").value == "Director"

    def test_per_person_consultations_take_one_response_each(self, client, forum, charity):
        page = ConsultationPageFactory(parent=forum, response_mode="person")
        question = ConsultationQuestionFactory(page=page, text="Anything else?")
        for _i in range(2):
            user = VerifiedUserFactory()
            OrganisationMembership.objects.create(user=user, organisation=charity, role="editor")
            client.force_login(user)
            submit(
                client,
                page,
                {
                    f"question_{question.pk}": "Yes",
                    "on_behalf_of": str(charity.pk),
                    "action": "continue",
                },
            )
        assert ConsultationResponse.objects.filter(organisation=charity).count() == 2

    def test_nobody_responds_for_an_organisation_they_do_not_belong_to(
        self, client, consultation, person
    ):
        other = OrganisationPageFactory(title="Someone else's charity")
        client.force_login(person)
        data = answers(consultation)
        data["on_behalf_of"] = str(other.pk)
        response = client.post(url(consultation), data)
        assert "Choose one of the options given" in response.content.decode() or (
            "Select a valid choice" in response.content.decode()
        )
        assert not ConsultationResponse.objects.exists()

    def test_an_unknown_organisation_in_the_address_is_404(self, client, consultation, person):
        client.force_login(person)
        assert client.get(url(consultation) + "?for=999999").status_code == 404
        assert client.get("/consultations/999999/respond/").status_code == 404


class TestAnonymous:
    @pytest.fixture
    def open_to_all(self, consultation):
        consultation.allow_anonymous = True
        consultation.save_revision().publish()
        return consultation

    def test_anonymous_responses_store_nothing_identifying(
        self, client, open_to_all, mailoutbox, django_capture_on_commit_callbacks
    ):
        data = answers(open_to_all)
        data["form_key"] = "a" * 32
        send = {"copy_email": "someone@example.org"}
        with django_capture_on_commit_callbacks(execute=True):
            response = submit(client, open_to_all, data, send)
            client.post(check_url(open_to_all), send)  # double click
        assert response.status_code == 302
        saved = ConsultationResponse.objects.get()
        assert saved.user is None
        assert saved.organisation is None
        assert saved.status == "submitted"
        assert isinstance(saved.submitted_on, datetime.date)
        assert not isinstance(saved.submitted_on, datetime.datetime)
        row = ConsultationResponse.objects.filter(pk=saved.pk).values().get()
        stored = " ".join(str(value) for value in row.values())
        assert "someone@example.org" not in stored
        assert "203.0.113.9" not in stored
        assert {f.name for f in ConsultationResponse._meta.concrete_fields} == {
            "id",
            "consultation",
            "user",
            "organisation",
            "for_organisation",
            "status",
            "created_on",
            "updated_on",
            "submitted_on",
            "form_key",
        }
        answers_text = " ".join(ConsultationAnswer.objects.values_list("value", flat=True))
        assert "someone@example.org" not in answers_text
        assert [m.to for m in mailoutbox] == [["someone@example.org"]]

    def test_without_anonymous_responses_people_sign_in(self, client, consultation):
        response = client.get(url(consultation))
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_saving_a_submitted_response_still_checks_required_answers(
    client, consultation, charity, charity_worker
):
    client.force_login(charity_worker)
    data = answers(consultation)
    data["on_behalf_of"] = str(charity.pk)
    submit(client, consultation, data)
    data.update({"action": "save", f"question_{q(consultation, 'What works?').pk}": ""})
    response = client.post(url(consultation), data)
    assert "Answer the question: What works?" in response.content.decode()
    saved = ConsultationResponse.objects.get()
    assert saved.status == "submitted"
    assert saved.answers.get(question__text="What works?").value == "Mentoring"


class TestAccountSection:
    def test_the_account_page_lists_your_responses_with_a_link_while_open(
        self, client, consultation, charity, charity_worker
    ):
        client.force_login(charity_worker)
        data = answers(consultation)
        data.update(action="save", on_behalf_of=str(charity.pk))
        client.post(url(consultation), data)
        page = client.get("/account/").content.decode()
        assert "Your consultation responses" in page
        assert consultation.title in page
        assert "Carry on with your answers" in page
        assert url(consultation) in page

    def test_someone_who_has_not_answered_is_told_so(self, client, charity_worker):
        client.force_login(charity_worker)
        page = client.get("/account/").content.decode()
        assert "You have not answered any consultations yet." in page
