"""Consultations: lifecycle, frozen questions, responding, anonymity, analysis, exports and
outcomes."""

import csv
import datetime
import io
import zoneinfo

from django.contrib.auth.models import Group
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

import pytest
import time_machine

from directory.models import OrganisationMembership
from forums.consultations.rules import outcome_published, published_outcomes
from forums.models import (
    ConsultationAnswer,
    ConsultationOutcomeNotice,
    ConsultationResponse,
    consultation_state,
)
from forums.roles import forum_managers_group_name
from tests.factories import (
    ConsultationPageFactory,
    ConsultationQuestionFactory,
    OrganisationPageFactory,
)
from tests.factories.accounts import VerifiedUserFactory, activate_authenticator_app

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")
TODAY = datetime.date.today()


def _manager_of(forum):
    user = VerifiedUserFactory()
    user.groups.add(Group.objects.get(name=forum_managers_group_name(forum)))
    activate_authenticator_app(user)
    return user


@pytest.fixture
def consultation(forum):
    page = ConsultationPageFactory(parent=forum, title="Housing on release")
    ConsultationQuestionFactory(page=page, kind="short_text", text="Your role", sort_order=0)
    ConsultationQuestionFactory(
        page=page, kind="long_text", text="What works?", required=True, max_length=20, sort_order=1
    )
    ConsultationQuestionFactory(
        page=page,
        kind="single_choice",
        text="Biggest gap",
        choices="Housing\nWork\nHealth",
        sort_order=2,
    )
    ConsultationQuestionFactory(
        page=page,
        kind="multiple_choice",
        text="Who do you support?",
        choices="Women\nYoung adults\nVeterans",
        max_choices=2,
        sort_order=3,
    )
    ConsultationQuestionFactory(page=page, kind="scale", text="How well served?", sort_order=4)
    ConsultationQuestionFactory(page=page, kind="yes_no", text="Shall we meet?", sort_order=5)
    return page


def q(consultation, text):
    return consultation.questions.get(text=text)


def answers(consultation, changes=None):
    data = {
        f"question_{q(consultation, 'Your role').pk}": "Manager",
        f"question_{q(consultation, 'What works?').pk}": "Mentoring",
        f"question_{q(consultation, 'Biggest gap').pk}": "Housing",
        f"question_{q(consultation, 'Who do you support?').pk}": ["Women"],
        f"question_{q(consultation, 'How well served?').pk}": "3",
        f"question_{q(consultation, 'Shall we meet?').pk}": "yes",
        "action": "submit",
    }
    for text, value in (changes or {}).items():
        data[f"question_{q(consultation, text).pk}"] = value
    return data


def url(consultation):
    return f"/consultations/{consultation.pk}/respond/"


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
        data["action"] = "submit"
        with django_capture_on_commit_callbacks(execute=True):
            response = signed_in.post(url(consultation), data)
            signed_in.post(url(consultation), data)  # double submit
        assert response.status_code == 302
        saved = ConsultationResponse.objects.get()
        assert saved.status == "submitted"
        assert saved.answers.count() == 6
        assert len(mailoutbox) == 2
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
            client.post(url(consultation), data)
        response = ConsultationResponse.objects.get()
        assert response.answers.get(question__text="Your role").value == "Director"

    def test_per_person_consultations_take_one_response_each(self, client, forum, charity):
        page = ConsultationPageFactory(parent=forum, response_mode="person")
        question = ConsultationQuestionFactory(page=page, text="Anything else?")
        for _i in range(2):
            user = VerifiedUserFactory()
            OrganisationMembership.objects.create(user=user, organisation=charity, role="editor")
            client.force_login(user)
            client.post(
                url(page),
                {
                    f"question_{question.pk}": "Yes",
                    "on_behalf_of": str(charity.pk),
                    "action": "submit",
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
        data["copy_email"] = "someone@example.org"
        data["form_key"] = "a" * 32
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url(open_to_all), data, REMOTE_ADDR="203.0.113.9")
            client.post(url(open_to_all), data, REMOTE_ADDR="203.0.113.9")  # double submit
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


@pytest.fixture
def submitted(consultation, charity, charity_worker):
    response = ConsultationResponse.objects.create(
        consultation=consultation,
        user=charity_worker,
        organisation=charity,
        for_organisation=True,
        status="submitted",
        submitted_on=datetime.date.today(),
    )
    ConsultationAnswer.objects.create(
        response=response, question=q(consultation, "Your role"), value='=HYPERLINK("http://x")'
    )
    ConsultationAnswer.objects.create(
        response=response, question=q(consultation, "Biggest gap"), value="Housing"
    )
    anonymous = ConsultationResponse.objects.create(
        consultation=consultation, status="submitted", submitted_on=datetime.date.today()
    )
    ConsultationAnswer.objects.create(
        response=anonymous, question=q(consultation, "Biggest gap"), value="Work"
    )
    return response


class TestAnalysis:
    def test_summary_counts_and_percentages(self, client, consultation, submitted, forum):
        client.force_login(_manager_of(forum))
        page = client.get(f"/admin/forums/consultations/{consultation.pk}/responses/")
        html = page.content.decode()
        assert page.status_code == 200
        assert "2 submitted responses" in html
        assert "50%" in html
        assert "<svg" in html and "<title" in html
        assert "=HYPERLINK" in html  # free text shown (escaped) on the page

    def test_csv_is_safe_and_anonymous_rows_carry_no_personal_data(
        self, client, consultation, submitted, forum, charity_worker
    ):
        client.force_login(_manager_of(forum))
        response = client.get(f"/admin/forums/consultations/{consultation.pk}/responses.csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert len(rows) == 3
        header, named, anonymous = rows
        assert named[header.index("Your role")] == '\'=HYPERLINK("http://x")'
        assert named[header.index("Email")] == charity_worker.email
        assert anonymous[header.index("Respondent")] == "Anonymous"
        assert anonymous[header.index("Email")] == ""
        assert anonymous[header.index("Organisation")] == ""

    def test_xlsx_opens_with_the_right_rows(self, client, consultation, submitted, forum):
        openpyxl = pytest.importorskip("openpyxl")
        client.force_login(_manager_of(forum))
        response = client.get(f"/admin/forums/consultations/{consultation.pk}/responses.xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.values)
        assert len(rows) == 3
        assert rows[1][rows[0].index("Your role")] == '\'=HYPERLINK("http://x")'

    def test_query_count_does_not_grow_with_responses(self, client, consultation, forum):
        manager = _manager_of(forum)
        client.force_login(manager)
        target = f"/admin/forums/consultations/{consultation.pk}/responses/"

        def add(n):
            for _i in range(n):
                r = ConsultationResponse.objects.create(
                    consultation=consultation,
                    status="submitted",
                    submitted_on=datetime.date.today(),
                )
                for question in consultation.questions.all():
                    ConsultationAnswer.objects.create(
                        response=r, question=question, value="Housing"
                    )

        add(1)
        client.get(target)
        with CaptureQueriesContext(connection) as one:
            client.get(target)
        add(19)
        with CaptureQueriesContext(connection) as twenty:
            client.get(target)
        assert len(twenty) == len(one)


class TestPermissions:
    @pytest.mark.parametrize("suffix", ["responses/", "responses.csv", "responses.xlsx"])
    def test_matrix(self, client, consultation, other_forum, forum, person, suffix):
        target = f"/admin/forums/consultations/{consultation.pk}/{suffix}"
        assert client.get(target).status_code == 302  # anonymous: to sign in
        client.force_login(_manager_of(other_forum))
        assert client.get(target).status_code in (302, 403)
        client.force_login(person)
        assert client.get(target).status_code in (302, 403)
        client.force_login(_manager_of(forum))
        assert client.get(target).status_code == 200
        admin = VerifiedUserFactory(is_superuser=True, is_staff=True)
        activate_authenticator_app(admin)
        client.force_login(admin)
        assert client.get(target).status_code == 200

    def test_manager_of_another_region_is_refused(self, client, consultation, other_forum):
        client.force_login(_manager_of(other_forum))
        target = f"/admin/forums/consultations/{consultation.pk}/responses/"
        response = client.get(target)
        assert response.status_code in (302, 403)
        assert "Housing on release" not in response.content.decode()

    def test_unknown_consultation_is_404(self, client, forum):
        client.force_login(_manager_of(forum))
        assert client.get("/admin/forums/consultations/999999/responses/").status_code == 404

    def test_respondents_see_only_their_own_organisations_response(
        self, client, consultation, submitted, person
    ):
        client.force_login(person)
        page = client.get(url(consultation)).content.decode()
        assert "HYPERLINK" not in page
        assert "You have" not in page


class TestOutcome:
    def _close_and_publish(self, consultation):
        consultation.outcome_asked = "<p>How to house people on release.</p>"
        consultation.outcome_said = "<p>Not enough beds.</p>"
        consultation.outcome_did = "<p>We funded a bed finder.</p>"
        consultation.save_revision().publish()

    def test_respondents_are_emailed_once(
        self,
        consultation,
        submitted,
        charity_worker,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ):
        later = consultation.closes_at + datetime.timedelta(days=1)
        with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
            self._close_and_publish(consultation)
            consultation.outcome_did = "<p>We funded a bed finder and a hostel.</p>"
            consultation.save_revision().publish()
        assert [m.to for m in mailoutbox] == [[charity_worker.email]]
        assert ConsultationOutcomeNotice.objects.get().recipients == 1
        assert list(published_outcomes()) == [consultation]

    def test_no_outcome_while_open(self, consultation, submitted):
        consultation.outcome_did = "<p>Done.</p>"
        assert not outcome_published(consultation)
        assert not ConsultationOutcomeNotice.objects.exists()

    def test_outcomes_page_lists_them(self, client, consultation, submitted):
        with time_machine.travel(consultation.closes_at + datetime.timedelta(days=1)):
            self._close_and_publish(consultation)
            html = client.get("/consultations/outcomes/").content.decode()
            page = client.get(consultation.url).content.decode()
        assert consultation.title in html
        assert "We funded a bed finder." in page
        assert "moj-timeline" in page


def test_consultation_page_renders_for_everyone(client, consultation):
    response = client.get(consultation.url)
    assert response.status_code == 200
    assert "Respond to this consultation" in response.content.decode()


def test_national_consultation_under_the_forum_index(tree, client):
    page = ConsultationPageFactory(parent=tree.forums, title="National survey")
    assert page.forum_region is None
    assert client.get(page.url).status_code == 200


def test_personal_data_export_includes_own_responses(consultation, submitted, charity_worker):
    from forums.personal_data import personal_data

    [entry] = personal_data(charity_worker)["consultation_responses"]
    assert entry["consultation"] == "Housing on release"
    assert entry["on_behalf_of"] == "Second Chances North East"
    assert {"question": "Biggest gap", "answer": "Housing"} in entry["answers"]


def test_an_organisations_response_outlives_its_authors_account(submitted, charity_worker):
    charity_worker.delete()
    submitted.refresh_from_db()
    assert submitted.user is None
    assert submitted.organisation is not None


def test_forum_page_lists_its_consultations(client, forum, consultation):
    html = client.get(forum.url).content.decode()
    assert "Housing on release" in html
    assert "open until" in html


def test_saving_a_submitted_response_still_checks_required_answers(
    client, consultation, charity, charity_worker
):
    client.force_login(charity_worker)
    data = answers(consultation)
    data["on_behalf_of"] = str(charity.pk)
    client.post(url(consultation), data)
    data.update({"action": "save", f"question_{q(consultation, 'What works?').pk}": ""})
    response = client.post(url(consultation), data)
    assert "Answer the question: What works?" in response.content.decode()
    saved = ConsultationResponse.objects.get()
    assert saved.status == "submitted"
    assert saved.answers.get(question__text="What works?").value == "Mentoring"


def test_analysis_filters_by_organisation_attributes(client, consultation, submitted, forum):
    from core.models import LedByAndFor

    term = LedByAndFor.objects.in_default_locale().first()
    client.force_login(_manager_of(forum))
    target = f"/admin/forums/consultations/{consultation.pk}/responses/"
    assert "2 submitted responses" in client.get(target).content.decode()
    html = client.get(target, {"led_by_and_for": term.pk}).content.decode()
    assert "0 submitted responses" in html
    submitted.organisation.led_by_and_for.add(term)
    submitted.organisation.save()
    html = client.get(target, {"led_by_and_for": term.pk}).content.decode()
    assert "1 submitted response" in html
    rows = client.get(target.replace("responses/", "responses.csv"), {"led_by_and_for": term.pk})
    assert len(list(csv.reader(io.StringIO(rows.content.decode("utf-8-sig"))))) == 2


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
