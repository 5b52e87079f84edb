"""A practitioner searches in their own words, with typos, and narrows the results down."""

import re

from django.core.cache import cache

import pytest
from playwright.sync_api import expect

from tests.factories import OrganisationPageFactory, ServicePageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def services():
    cache.clear()  # the spelling vocabulary is cached
    leeds = OrganisationPageFactory(title="Aire Valley Homes", regions=["yorkshire-and-the-humber"])
    london = OrganisationPageFactory(title="Thames Housing Project", regions=["london"])
    ServicePageFactory(
        parent=leeds,
        title="Tenancy rescue",
        description="<p>Keeping people in their homes when rent arrears build up.</p>",
        categories=["tenancy-sustainment"],
    )
    ServicePageFactory(
        parent=london,
        title="Emergency accommodation",
        description="<p>Beds for the first nights after release.</p>",
        categories=["emergency-accommodation"],
    )
    ServicePageFactory(
        parent=leeds,
        title="Debt clinic",
        description="<p>Weekly advice on debts and benefits.</p>",
        categories=["debt-advice"],
    )


def test_practitioner_searches_with_a_typo_uses_suggestions_and_narrows_down(
    live_server, page, services
):
    page.goto(f"{live_server.url}/directory/")
    search_box = page.get_by_label("What support are you looking for?")
    search_box.fill("acommodation")
    search_box.press("Enter")

    expect(
        page.get_by_role("heading", name=re.compile(r"2 services for “acommodation”"))
    ).to_be_visible()
    expect(page.get_by_text("Including results for")).to_be_visible()

    # Suggestions appear as they type; choosing one searches for it.
    search_box = page.get_by_label("What support are you looking for?")
    search_box.fill("")
    search_box.press_sequentially("tenan", delay=30)
    page.get_by_role("option", name="Tenancy rescue").click()
    page.wait_for_url(re.compile(r"q=Tenancy\+rescue"))

    page.goto(f"{live_server.url}/directory/?q=housing")
    expect(page.get_by_role("heading", name=re.compile(r"^2 services"))).to_be_visible()
    page.get_by_role("checkbox", name=re.compile(r"^London")).check()
    page.get_by_role("button", name="Apply filters").first.click()
    expect(page.get_by_role("heading", name=re.compile(r"^1 service for"))).to_be_visible()

    page.get_by_role("link", name=re.compile("Remove this filter London")).click()
    expect(page.get_by_role("heading", name=re.compile(r"^2 services for"))).to_be_visible()

    page.get_by_role("link", name="Tenancy rescue").click()
    expect(page.get_by_role("heading", level=1, name="Tenancy rescue")).to_be_visible()


def test_a_place_in_the_text_is_a_filter_that_can_be_removed(live_server, page, services):
    page.goto(f"{live_server.url}/directory/?q=housing+in+Leeds")
    expect(page.get_by_role("heading", name=re.compile(r"^1 service for"))).to_be_visible()
    expect(
        page.get_by_text("Showing services in the probation region that covers Leeds")
    ).to_be_visible()

    page.get_by_role("link", name=re.compile("Remove this filter Yorkshire and the Humber")).click()

    expect(
        page.get_by_role("heading", name=re.compile(r"^2 services for “housing”"))
    ).to_be_visible()


def test_the_search_page_passes_axe(live_server, page, axe, services):
    for path in [
        "/directory/?q=acommodation",
        "/directory/?q=housing+in+Leeds",
        "/directory/?q=zzzz",
    ]:
        page.goto(f"{live_server.url}{path}")
        assert axe(page) == [], path
