"""axe-core finds nothing, of any impact, on an opportunity page with a delay warning, a
moved close date and a history timeline, at desktop width and on a phone, with JavaScript
and without (the site's scripts never load; axe-core itself needs JavaScript to run)."""

import re

from django.core.cache import cache
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from tests.pipeline.helpers import DAY, published_opportunity, republish

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(autouse=True)
def _forget_rate_limits():
    cache.clear()


@pytest.fixture
def opportunity_url(live_server):
    page = published_opportunity(
        title="Women's centres grant 2027",
        value_min=250_000,
        value_max=1_200_000,
        duration_months=36,
        expected_volumes="About 1,200 women a year across the region.",
        open_to_partners=True,
        women_only=True,
        led_by_and_for_only=["women"],
        notice_url="https://www.find-tender.service.gov.uk/Notice/000001-2027",
        contact_name="Sam Taylor",
        bid_help="<p>The region's voluntary sector lead runs bid clinics every month.</p>",
    )
    republish(page, status="open", change_reason="The competition is open for bids.")
    republish(
        page,
        status="delayed",
        closes_on=page.closes_on + 20 * DAY,
        next_update_on=timezone.localdate() + 14 * DAY,
        change_reason="The budget is being confirmed.",
    )
    return page.url


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_opportunity_page_passes_axe(
    chromium, live_server, axe, opportunity_url, viewport, javascript
):
    context = chromium.new_context(locale="en-GB", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(10_000)
    if not javascript:
        page.route(re.compile(r"\.m?js(\?.*)?$"), lambda route: route.abort())

    page.goto(f"{live_server.url}{opportunity_url}")
    expect(page.get_by_test_id("opportunity-delay")).to_contain_text("Next update promised by")
    expect(page.get_by_test_id("key-date-closes_on")).to_contain_text("20 days later")
    expect(page.get_by_test_id("opportunity-history")).to_contain_text("The budget is being")
    assert axe(page) == []
    context.close()
