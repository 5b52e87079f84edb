"""axe-core finds nothing, of any impact, on the pipeline index (its filters, quarter
tables, what changed recently and the feed links), at desktop width and on a phone, with
JavaScript and without (the site's scripts never load; axe-core itself needs JavaScript);
and the filters work without JavaScript."""

import datetime
import re

from django.core.cache import cache
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from pipeline.models import StatusUpdate
from tests.factories import OpportunityPageFactory, PipelineIndexPageFactory, build_site_tree

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(autouse=True)
def _forget_rate_limits():
    cache.clear()


@pytest.fixture
def pipeline_url(live_server):
    tree = build_site_tree()
    index = PipelineIndexPageFactory(parent=tree.home)
    soon = timezone.localdate() + datetime.timedelta(days=20)
    grant = OpportunityPageFactory(
        title="Women's centres grant",
        funder="Ministry of Justice",
        regions=["london", "north-east"],
        value_min=150_000,
        value_max=400_000,
        status="delayed",
    )
    StatusUpdate.objects.create(opportunity=grant, status="planned")
    StatusUpdate.objects.create(
        opportunity=grant,
        status="delayed",
        previous_status="planned",
        reason="The budget is not yet confirmed.",
        date_changes=[{"field": "closes_on", "old": "2027-01-31", "new": "2027-03-15"}],
    )
    OpportunityPageFactory(
        title="Accommodation lot 3",
        kind="contract",
        regions=["london"],
        income_threshold=2_000_000,
        opens_on=soon,
        closes_on=soon + datetime.timedelta(days=30),
    )
    OpportunityPageFactory(
        title="Date to be confirmed",
        is_national=True,
        regions=[],
        opens_on=None,
        closes_on=None,
        decision_on=None,
        starts_on=None,
    )
    return f"{live_server.url}{index.url}"


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_pipeline_index_passes_axe(chromium, axe, pipeline_url, viewport, javascript):
    context = chromium.new_context(locale="en-GB", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(10_000)
    if not javascript:
        page.route(re.compile(r"\.m?js(\?.*)?$"), lambda route: route.abort())

    page.goto(pipeline_url)
    expect(page.get_by_role("link", name="Women's centres grant").first).to_be_visible()
    expect(page.get_by_text("Date not yet known")).to_be_visible()
    expect(page.get_by_text("Status changed from Planned to Delayed.")).to_be_visible()
    expect(page.get_by_role("link", name="Subscribe in your calendar app")).to_be_visible()
    assert axe(page) == []

    page.get_by_label("Region").select_option(label="London")
    page.get_by_label("Only opportunities open to small organisations").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_test_id("pipeline-count")).to_contain_text("2 opportunities")
    expect(page.get_by_role("link", name="Accommodation lot 3")).to_have_count(0)
    assert axe(page) == []
    # Nothing on a phone is wider than the screen.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"]
    context.close()
