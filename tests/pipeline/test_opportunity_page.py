"""The opportunity page a bidder reads, and the editor's form that asks why things change."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.dateformat import format as date_format

from wagtail.documents import get_document_model

import pytest

from pipeline.models import OpportunityDocument, OpportunityPage
from pipeline.opportunities.history import record_publish
from tests.factories.accounts import StaffUserFactory
from tests.pipeline.helpers import (
    DAY,
    edit_form_data,
    entries,
    opportunity,
    published_opportunity,
    republish,
)

pytestmark = pytest.mark.django_db


def day(value):
    return date_format(value, "j F Y")


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def shown(client, page):
    response = client.get(OpportunityPage.objects.get(pk=page.pk).url)
    assert response.status_code == 200
    return text(response.content.decode())


def test_a_status_change_shows_with_its_date_and_reason_and_the_past_stays(client):
    page = published_opportunity(title="Women's services grant")
    republish(page, status="open", change_reason="The competition is open for bids.")

    html = shown(client, page)

    today = day(timezone.localdate())
    assert f"Open Last updated {today}" in html
    assert f"Open {today} Status changed from Planned to Open. The competition is open" in html
    assert f"Added to the pipeline: Planned {today}" in html
    assert html.index("Status changed from Planned") < html.index("Added to the pipeline")


def test_a_moved_close_date_shows_both_dates_and_the_slip(client):
    page = published_opportunity()
    old = page.closes_on
    republish(page, closes_on=old + 20 * DAY, change_reason="More time for small bidders.")

    html = shown(client, page)

    new = old + 20 * DAY
    assert f"Closes {day(new)} (moved from {day(old)}, 20 days later)" in html
    assert f"Closes: moved from {day(old)} to {day(new)} (20 days later)" in html
    assert "More time for small bidders." in html


def test_a_delayed_opportunity_says_how_long_since_its_update_and_when_the_next_is_due(client):
    page = opportunity()
    record_publish(page, now=timezone.now() - 40 * DAY)
    promised = timezone.localdate() + 10 * DAY
    page.status, page.next_update_on, page.change_reason = "delayed", promised, "Budget review."
    page.save()
    record_publish(page, now=timezone.now() - 12 * DAY)

    html = shown(client, page)
    assert f"Delayed: last updated 12 days ago. Next update promised by {day(promised)}." in html

    republish(page, next_update_on=timezone.localdate() - DAY, change_reason="Still reviewing.")
    overdue = f"The next update was promised by {day(timezone.localdate() - DAY)} and is overdue."
    assert f"Delayed: last updated 0 days ago. {overdue}" in shown(client, page)


def test_the_page_says_value_eligibility_and_documents_in_plain_words(client):
    page = published_opportunity(
        value_min=250_000,
        value_max=1_200_000,
        duration_months=36,
        income_threshold=None,
        open_to_partners=True,
        subcontracting_offered=True,
        women_only=True,
        led_by_and_for_only=["women"],
        is_national=True,
        notice_url="https://www.find-tender.service.gov.uk/Notice/000001-2027",
    )
    documents = get_document_model()
    for title, kind in (("Specification", "specification"), ("Volumes 2027", "modelling")):
        document = documents.objects.create(title=title, file="documents/x.pdf")
        OpportunityDocument.objects.create(opportunity=page, document=document, kind=kind)

    html = shown(client, page)

    assert "Value £250,000 to £1,200,000" in html and "Duration 36 months" in html
    assert "Where National" in html
    assert "No income threshold" in html and "Women-only services" in html
    assert "Open only to organisations: Led by and for women" in html
    assert "Subcontractors (subcontracting is offered)" in html
    assert html.index("Volumes 2027 (Cost and volume modelling") < html.index("Specification (")
    assert "Read the official notice" in html

    republish(page, value_min=None, income_threshold=500_000)
    html = shown(client, page)
    assert "Value Up to £1,200,000" in html
    assert "at least £500,000" in html


def test_the_page_costs_the_same_queries_however_long_its_history(client):
    page = published_opportunity()
    shown(client, page)  # the site's settings are made on the first request

    def queries():
        with CaptureQueriesContext(connection) as captured:
            shown(client, page)
        return len(captured)

    few = queries()
    for n in range(1, 6):
        republish(page, closes_on=page.closes_on + n * DAY, change_reason=f"Move {n}.")
    assert queries() == few


@pytest.fixture
def editor(client):
    client.force_login(StaffUserFactory())
    return client


def post_edit(client, page, **changes):
    page = OpportunityPage.objects.get(pk=page.pk)
    return client.post(f"/admin/pages/{page.pk}/edit/", edit_form_data(page, **changes))


def test_the_reason_starts_empty_on_every_edit(editor):
    page = published_opportunity()
    republish(page, status="open", change_reason="Open for bids.")

    form = editor.get(f"/admin/pages/{page.pk}/edit/").context["form"]

    assert form["change_reason"].value() in ("", None)
    assert "published" in str(form.fields["change_reason"].help_text).lower()
    assert "expected date" in str(form.fields["closes_on"].help_text)


@pytest.mark.parametrize(
    "changes",
    [{"status": "open"}, {"closes_on": datetime.date.today() + 70 * DAY}],
    ids=["status", "close date"],
)
def test_a_change_needs_a_reason(editor, changes):
    page = published_opportunity()

    response = post_edit(editor, page, **changes)

    assert response.status_code == 200
    assert "Enter the reason for this change" in response.content.decode()
    assert len(entries(page)) == 1


def test_a_typo_fix_needs_no_reason_and_adds_nothing(editor):
    page = published_opportunity()

    response = post_edit(editor, page, summary="Funding for specialist services.")

    assert response.status_code == 302
    assert len(entries(page)) == 1


def test_a_delay_needs_the_date_of_the_next_update(editor):
    page = published_opportunity()

    refused = post_edit(editor, page, status="delayed", change_reason="Budget review.")
    assert "Enter the date by which you will next update" in refused.content.decode()

    promised = timezone.localdate() + 14 * DAY
    accepted = post_edit(
        editor, page, status="delayed", change_reason="Budget review.", next_update_on=promised
    )
    assert accepted.status_code == 302
    assert [(e.status, e.next_update_on) for e in entries(page)][-1] == ("delayed", promised)
