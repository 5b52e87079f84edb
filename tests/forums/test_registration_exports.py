"""An event's registrations and a forum's members download as CSV (read by Excel as UTF-8,
thanks to the byte-order mark) and as XLSX, with the same rows."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.factories import (
    EventPageFactory,
    EventRegistrationFactory,
    ForumMembershipFactory,
    OrganisationPageFactory,
)
from tests.forums.consultation_helpers import _manager_of

pytestmark = pytest.mark.django_db


def _csv_rows(response):
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    # As Windows Excel reads it: UTF-8 because of the byte-order mark.
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [[cell if cell is not None else "" for cell in row] for row in sheet.values]


@pytest.fixture
def manager_client(client, forum):
    client.force_login(_manager_of(forum))
    return client


def test_registrations_download_as_csv_and_xlsx_with_the_same_rows(manager_client, forum):
    event = EventPageFactory(parent=forum, title="Grants £10,000 briefing")
    EventRegistrationFactory(
        event=event,
        organisation=OrganisationPageFactory(title="Second Chances North East"),
        access_needs="Budget £10,000 for interpreters",
        user__first_name="Zoë",
    )
    EventRegistrationFactory(event=event, unlisted_organisation_name="Tyneside Mentors")
    EventRegistrationFactory(event=event, status="waitlisted")

    base = f"/admin/forums/events/{event.pk}/registrations"
    csv_rows = _csv_rows(manager_client.get(f"{base}.csv"))
    xlsx = manager_client.get(f"{base}.xlsx")

    assert xlsx["Content-Disposition"].endswith('.xlsx"')
    assert _xlsx_rows(xlsx) == csv_rows
    assert len(csv_rows) == 4
    cells = [cell for row in csv_rows for cell in row]
    assert "Budget £10,000 for interpreters" in cells
    assert "Tyneside Mentors (not listed)" in cells
    assert any(cell.startswith("Zoë") for cell in cells)


def test_members_download_as_csv_and_xlsx_with_the_same_rows(manager_client, forum):
    ForumMembershipFactory(
        forum=forum, organisation=OrganisationPageFactory(title="The £10,000 Fund")
    )
    ForumMembershipFactory(forum=forum, organisation=OrganisationPageFactory(title="Café Mentors"))

    base = f"/admin/forums/{forum.pk}/members"
    csv_rows = _csv_rows(manager_client.get(f"{base}.csv"))
    xlsx_rows = _xlsx_rows(manager_client.get(f"{base}.xlsx"))

    assert xlsx_rows == csv_rows
    assert [row[0] for row in csv_rows] == ["Organisation", "Café Mentors", "The £10,000 Fund"]


def test_the_pages_link_to_both_downloads(manager_client, forum):
    event = EventPageFactory(parent=forum)
    page = manager_client.get(f"/admin/forums/events/{event.pk}/registrations/").content.decode()
    assert f"/admin/forums/events/{event.pk}/registrations.xlsx" in page
    page = manager_client.get(f"/admin/forums/{forum.pk}/members/").content.decode()
    assert f"/admin/forums/{forum.pk}/members.xlsx" in page


def test_another_forums_manager_cannot_download_the_xlsx(client, forum, other_forum):
    event = EventPageFactory(parent=forum)
    client.force_login(_manager_of(other_forum))
    for url in (
        f"/admin/forums/events/{event.pk}/registrations.xlsx",
        f"/admin/forums/{forum.pk}/members.xlsx",
    ):
        assert client.get(url).status_code in (302, 403)
