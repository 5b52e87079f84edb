"""Forum managers' downloads open cleanly in a spreadsheet, whatever respondents typed."""

import csv
import io

import openpyxl
import pytest

from forums.models import ConsultationResponse
from tests.factories import (
    ConsultationPageFactory,
    ConsultationQuestionFactory,
    EventPageFactory,
    EventRegistrationFactory,
)
from tests.forums.consultation_helpers import _manager_of, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(forum):
    page = ConsultationPageFactory(parent=forum, title="Housing on release", allow_anonymous=True)
    ConsultationQuestionFactory(page=page, kind="short_text", text="Your role", sort_order=0)
    ConsultationQuestionFactory(page=page, kind="long_text", text="What works?", sort_order=1)
    return page


def respond_anonymously(client, consultation, answers):
    questions = {q.text: q.pk for q in consultation.questions.all()}
    data = {f"question_{questions[text]}": value for text, value in answers.items()}
    data.update({"action": "continue", "form_key": "b" * 32})
    response = submit(client, consultation, data)
    assert response.status_code == 302
    client.logout()


def test_an_anonymous_answer_with_control_characters_still_downloads_as_xlsx(
    client, consultation, forum
):
    respond_anonymously(
        client,
        consultation,
        {"Your role": "x\x01\x0b\x1by", "What works?": '=HYPERLINK("http://x","click")'},
    )
    assert ConsultationResponse.objects.get().user is None

    client.force_login(_manager_of(forum))
    response = client.get(f"/admin/forums/consultations/{consultation.pk}/responses.xlsx")

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, row = list(sheet.values)
    assert row[header.index("Respondent")] == "Anonymous"
    assert row[header.index("Your role")] == "xy"
    assert row[header.index("What works?")] == '\'=HYPERLINK("http://x","click")'


def test_the_same_answer_downloads_as_csv_without_the_control_characters(
    client, consultation, forum
):
    respond_anonymously(client, consultation, {"Your role": "x\x01\x0b\x1by"})

    client.force_login(_manager_of(forum))
    response = client.get(f"/admin/forums/consultations/{consultation.pk}/responses.csv")

    assert response.content.startswith("\ufeff".encode())
    header, row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert row[header.index("Your role")] == "xy"


def test_the_registrations_csv_starts_with_a_byte_order_mark_and_neutralises_formulas(
    client, forum
):
    event = EventPageFactory(parent=forum)
    EventRegistrationFactory(
        event=event, access_needs='=HYPERLINK("http://evil","click") £20 for a carer'
    )
    client.force_login(_manager_of(forum))

    response = client.get(f"/admin/forums/events/{event.pk}/registrations.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    # Excel on Windows reads a CSV as UTF-8 (so "£" shows as "£") only after this mark.
    assert response.content.startswith(b"\xef\xbb\xbf")
    header, row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header[0] == "Name"
    assert row[header.index("Access needs")] == (
        '\'=HYPERLINK("http://evil","click") £20 for a carer'
    )
