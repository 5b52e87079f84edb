"""The "Searches with no results" downloads hold what anyone typed into the directory's search:
they must open in a spreadsheet as plain text, never as a formula, and never fail."""

import csv
import io

from django.urls import reverse

import openpyxl
import pytest

from search.models import SearchLogEntry
from tests.factories import build_site_tree
from tests.factories.accounts import StaffUserFactory

pytestmark = pytest.mark.django_db

URL = reverse("search_no_results_report")
FORMULA = '=HYPERLINK("http://x","click")'


@pytest.fixture
def searched_anonymously(client, settings):
    """Someone signed out searches the directory for a formula, and for text with control
    characters; neither finds anything, so both land in the report."""
    settings.SEARCH_URL = ""
    tree = build_site_tree()
    for text in (FORMULA, "x\x01\x0b\x1by"):
        assert client.get(tree.directory.url, {"q": text}).status_code == 200
    assert SearchLogEntry.objects.count() == 2


@pytest.fixture
def superuser_client(client):
    client.force_login(StaffUserFactory())
    return client


def test_the_csv_export_neutralises_a_formula_someone_searched_for(
    searched_anonymously, superuser_client
):
    response = superuser_client.get(URL, {"export": "csv"})

    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == ["Search text", "Filters", "Times searched", "Last searched", "Index"]
    queries = sorted(row[0] for row in rows[1:])
    # The log keeps searches in lower case.
    assert queries == ['\'=hyperlink("http://x","click")', "x y"]
    assert not any(cell.startswith("=") for row in rows for cell in row)


def test_the_xlsx_export_opens_with_every_search_as_text(searched_anonymously, superuser_client):
    response = superuser_client.get(URL, {"export": "xlsx"})

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0] == ("Search text", "Filters", "Times searched", "Last searched", "Index")
    assert sorted(row[0] for row in rows[1:]) == ['\'=hyperlink("http://x","click")', "x y"]
    assert {row[2] for row in rows[1:]} == {"1"}
    assert {cell.data_type for row in sheet.iter_rows() for cell in row if cell.value} == {"s"}
