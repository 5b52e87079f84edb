"""The pipeline index: opportunities by financial quarter for the next 18 months, filters
that combine and shrug off bad values, a fixed number of queries, and what changed
recently (status from and to, moved dates with their slip, the reason)."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from pipeline.models import StatusUpdate
from tests.factories import OpportunityPageFactory
from tests.pipeline.listing_helpers import day, frozen_today, listed, make_pipeline, quarters

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen():
    with frozen_today() as traveller:
        yield traveller


@pytest.fixture
def pipeline(db, frozen):
    return make_pipeline()


NO_DATES = {"opens_on": None, "closes_on": None, "decision_on": None, "starts_on": None}


def test_opportunities_are_placed_by_their_next_key_date_in_financial_quarters(client, pipeline):
    OpportunityPageFactory(title="Opens in June", opens_on=datetime.date(2026, 6, 1))
    OpportunityPageFactory(
        title="Open now, closes in August",
        opens_on=datetime.date(2026, 4, 1),
        closes_on=datetime.date(2026, 8, 1),
    )
    OpportunityPageFactory(
        title="Only a start date", **{**NO_DATES, "starts_on": datetime.date(2027, 2, 1)}
    )
    OpportunityPageFactory(title="No dates yet", **NO_DATES)
    OpportunityPageFactory(
        title="Two years away", **{**NO_DATES, "opens_on": datetime.date(2028, 6, 1)}
    )
    OpportunityPageFactory(title="Not published", live=False)

    found = quarters(client.get(pipeline.url))

    assert list(found) == [
        "April to June 2026 (quarter 1 of 2026 to 2027)",
        "July to September 2026 (quarter 2 of 2026 to 2027)",
        "October to December 2026 (quarter 3 of 2026 to 2027)",
        "January to March 2027 (quarter 4 of 2026 to 2027)",
        "April to June 2027 (quarter 1 of 2027 to 2028)",
        "July to September 2027 (quarter 2 of 2027 to 2028)",
        "October to December 2027 (quarter 3 of 2027 to 2028)",
        "Date not yet known",
    ]
    assert found["April to June 2026 (quarter 1 of 2026 to 2027)"] == ["Opens in June"]
    assert found["July to September 2026 (quarter 2 of 2026 to 2027)"] == [
        "Open now, closes in August"
    ]
    assert found["January to March 2027 (quarter 4 of 2026 to 2027)"] == ["Only a start date"]
    assert found["Date not yet known"] == ["No dates yet"]
    assert "Two years away" not in listed(client.get(pipeline.url))


def test_each_row_shows_what_a_bidder_needs(client, pipeline):
    OpportunityPageFactory(
        title="Women's centres grant",
        kind="grant",
        funder="Ministry of Justice",
        regions=["london", "north-east"],
        value_min=100_000,
        value_max=250_000,
        closes_on=day(60),
        status="delayed",
    )
    OpportunityPageFactory(title="Everywhere", is_national=True, regions=[], value_max=90_000)
    content = client.get(pipeline.url).content.decode()
    for text in [
        "Women&#x27;s centres grant",
        "Ministry of Justice",
        "North East, London",
        "£100,000 to £250,000",
        "9 Jul 2026",
        "govuk-tag--orange",
        "Delayed",
        "National",
        "Up to £90,000",
    ]:
        assert text in content, text
    assert 'data-label="Funder"' in content


def test_filters_are_labelled_choices_not_dashes(client, pipeline):
    content = client.get(pipeline.url).content.decode()
    for label in ["All regions", "All service categories", "All kinds", "All statuses"]:
        assert re.search(f'<option value=""( selected)?>{label}</option>', content), label
    assert "---------" not in content
    assert 'method="get"' in content
    assert "Only opportunities open to small organisations" in content


def test_region_filter_keeps_national_opportunities(client, pipeline):
    OpportunityPageFactory(title="London", regions=["london"])
    OpportunityPageFactory(title="North East", regions=["north-east"])
    OpportunityPageFactory(title="National", regions=[], is_national=True)
    assert listed(client.get(pipeline.url, {"region": "london"})) == ["London", "National"]


def test_category_kind_and_status_filters(client, pipeline):
    OpportunityPageFactory(title="Housing grant", categories=["accommodation"])
    OpportunityPageFactory(title="Other grant", categories=["debt-advice"])
    OpportunityPageFactory(title="Open contract", kind="contract", status="open")
    assert "Housing grant" in listed(client.get(pipeline.url, {"category": "accommodation"}))
    assert "Other grant" not in listed(client.get(pipeline.url, {"category": "accommodation"}))
    assert listed(client.get(pipeline.url, {"kind": "contract"})) == ["Open contract"]
    assert listed(client.get(pipeline.url, {"status": "open"})) == ["Open contract"]
    assert listed(client.get(pipeline.url, {"status": "open", "kind": "grant"})) == []


def test_open_to_small_organisations(client, pipeline):
    from pipeline.models import OpportunityPage
    from pipeline.opportunities.listing import open_to_small_organisations

    OpportunityPageFactory(title="No threshold", income_threshold=None)
    OpportunityPageFactory(title="Under 500k", income_threshold=499_999)
    OpportunityPageFactory(title="Exactly 500k", income_threshold=500_000)
    OpportunityPageFactory(
        title="Big but subcontracts", income_threshold=5_000_000, subcontracting_offered=True
    )
    OpportunityPageFactory(title="Big only", income_threshold=5_000_000)
    expected = ["Big but subcontracts", "No threshold", "Under 500k"]
    titles = open_to_small_organisations(OpportunityPage.objects.all()).values_list(
        "title", flat=True
    )
    assert sorted(titles) == expected
    assert listed(client.get(pipeline.url, {"small": "1"})) == expected


def test_filters_combine(client, pipeline):
    OpportunityPageFactory(title="London small", regions=["london"], income_threshold=None)
    OpportunityPageFactory(title="London big", regions=["london"], income_threshold=2_000_000)
    OpportunityPageFactory(title="Leeds small", regions=["yorkshire-and-the-humber"])
    response = client.get(pipeline.url, {"region": "london", "small": "1"})
    assert listed(response) == ["London small"]
    assert "match your filters" in response.content.decode()


def test_bad_filter_values_are_ignored(client, pipeline):
    OpportunityPageFactory(title="A grant", kind="grant")
    OpportunityPageFactory(title="A contract", kind="contract")
    bad = {"region": "atlantis", "category": "x" * 300, "status": "<script>", "kind": "\x00"}
    response = client.get(pipeline.url, bad)
    assert listed(response) == ["A contract", "A grant"]
    assert "<script>" not in response.content.decode()
    # A bad value drops that filter alone.
    assert listed(client.get(pipeline.url, {"region": "atlantis", "kind": "contract"})) == [
        "A contract"
    ]


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, {"region": "london"}).status_code == 200
    return len(context.captured_queries)


def test_query_count_does_not_grow_with_opportunities(client, pipeline):
    first = OpportunityPageFactory(regions=["london", "wales"])
    StatusUpdate.objects.create(opportunity=first, status="planned")
    client.get(pipeline.url)  # warm the caches (site, locales)
    few = _queries(client, pipeline.url)
    for number in range(6):
        opportunity = OpportunityPageFactory(
            regions=["london", "north-east"], categories=["accommodation"], opens_on=day(number)
        )
        StatusUpdate.objects.create(opportunity=opportunity, status="planned")
        StatusUpdate.objects.create(
            opportunity=opportunity, status="delayed", previous_status="planned", reason="Late"
        )
    many = _queries(client, pipeline.url)
    assert len(listed(client.get(pipeline.url))) == 7
    assert many == few


def test_what_changed_recently(client, pipeline, frozen):
    from django.utils import timezone

    now = timezone.now()
    opportunity = OpportunityPageFactory(title="Women's services grant")
    StatusUpdate.objects.create(
        opportunity=opportunity, status="planned", recorded_at=now - datetime.timedelta(days=45)
    )
    StatusUpdate.objects.create(
        opportunity=opportunity,
        status="delayed",
        previous_status="planned",
        reason="Ministers have not yet approved the budget.",
        date_changes=[{"field": "closes_on", "old": "2026-06-01", "new": "2026-07-15"}],
        recorded_at=now - datetime.timedelta(days=2),
    )
    other = OpportunityPageFactory(title="Brand new contract", kind="contract")
    StatusUpdate.objects.create(
        opportunity=other, status="planned", recorded_at=now - datetime.timedelta(days=1)
    )
    content = client.get(pipeline.url).content.decode()
    changes = content.split('data-testid="recent-changes"')[1]
    assert "Added to the pipeline: Planned." in changes
    assert "Status changed from Planned to Delayed." in changes
    assert "Closes: moved from 1 June 2026 to 15 July 2026 (44 days later)" in changes
    assert "Ministers have not yet approved the budget." in changes
    assert "8 May 2026" in changes
    # Newest first; the 45-day-old entry is not "recent".
    assert changes.index("Brand new contract") < changes.index("Women&#x27;s services grant")
    assert changes.count("Added to the pipeline") == 1


def test_nothing_changed_recently(client, pipeline):
    assert "Nothing has changed in the last 30 days." in client.get(pipeline.url).content.decode()


def test_index_links_to_both_feeds(client, pipeline):
    content = client.get(pipeline.url).content.decode()
    assert 'href="webcal://testserver/pipeline/key-dates.ics"' in content
    assert 'href="/pipeline/key-dates.ics" download' in content
    assert 'href="http://testserver/pipeline/changes.atom"' in content
    assert 'type="application/atom+xml"' in content
