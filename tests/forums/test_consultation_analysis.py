"""The forum manager's analysis of a consultation's responses: the summary, the CSV and XLSX
exports, filtering by organisation, the query count, and who may see them."""

import csv
import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from forums.models import (
    ConsultationAnswer,
    ConsultationResponse,
)
from tests.factories.accounts import VerifiedUserFactory, activate_authenticator_app
from tests.forums.consultation_helpers import _manager_of, url

pytestmark = pytest.mark.django_db


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
