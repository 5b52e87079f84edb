"""A small charity finds what is coming: filters the pipeline by its region and "open to small
organisations", opens an opportunity seeking specialist partners, registers its interest and
subscribes to alerts; then the lead provider finds the interest from its account page and
stops taking more. axe-core checks every page on the way, with and without JavaScript."""

import re

from django.core.cache import cache

import pytest
from playwright.sync_api import expect

from directory.models import OrganisationMembership
from pipeline.models import AlertSubscription, PartnerInterest
from tests.factories import OpportunityPageFactory, OrganisationPageFactory, build_site_tree
from tests.factories.accounts import VerifiedUserFactory
from tests.factories.pipeline import PipelineIndexPageFactory

from .test_forum_journey import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SUBCONTRACT = "Women's services subcontract: North East"


@pytest.fixture(autouse=True)
def _forget_rate_limits():
    cache.clear()


def a_pipeline_and_a_charity_worker():
    tree = build_site_tree()
    index = PipelineIndexPageFactory(parent=tree.home)
    lead_provider = OrganisationPageFactory(title="Tyne Justice Partnership")
    OpportunityPageFactory(
        parent=index,
        title=SUBCONTRACT,
        kind="subcontract",
        lead_provider=lead_provider,
        regions=["north-east"],
        subcontracting_offered=True,
        seeking_partners=True,
    )
    OpportunityPageFactory(
        parent=index, title="Accommodation lot: London", regions=["london"], income_threshold=0
    )
    OpportunityPageFactory(
        parent=index,
        title="Large contract: North East",
        kind="contract",
        regions=["north-east"],
        income_threshold=5_000_000,
    )
    charity = OrganisationPageFactory(title="Sunderland Women's Project", regions=["north-east"])
    worker = VerifiedUserFactory()
    OrganisationMembership.objects.create(user=worker, organisation=charity, role="owner")
    lead_owner = VerifiedUserFactory()
    OrganisationMembership.objects.create(user=lead_owner, organisation=lead_provider, role="owner")
    return index, charity, worker, lead_owner


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_charity_finds_an_opportunity_registers_interest_and_subscribes(
    live_server, chromium, axe, javascript
):
    index, charity, worker, lead_owner = a_pipeline_and_a_charity_worker()
    context = chromium.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    if not javascript:
        page.route(re.compile(r"\.m?js(\?.*)?$"), lambda route: route.abort())
    sign_in(page, live_server.url, worker.email)

    page.goto(f"{live_server.url}{index.url}")
    page.get_by_label("Region").select_option(label="North East")
    page.get_by_label("Only opportunities open to small organisations").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("link", name=SUBCONTRACT).first).to_be_visible()
    expect(page.get_by_role("link", name="Large contract: North East")).to_have_count(0)
    expect(page.get_by_role("link", name="Accommodation lot: London")).to_have_count(0)
    assert axe(page) == []

    page.get_by_role("link", name=SUBCONTRACT).first.click()
    expect(page.get_by_role("heading", level=1, name=SUBCONTRACT)).to_be_visible()
    assert axe(page) == []
    page.get_by_label("A short note for the lead provider or commissioner (optional)").fill(
        "Gender-specific support for women on licence in Sunderland since 2009."
    )
    page.get_by_role("button", name=re.compile("Register interest")).click()
    expect(
        page.get_by_text(re.compile("Sunderland Women's Project registered interest"))
    ).to_be_visible()
    assert axe(page) == []
    interest = PartnerInterest.objects.get()
    assert interest.organisation == charity and "since 2009" in interest.note

    the_worker_creates_an_alert(page, live_server.url, axe)
    alert = AlertSubscription.objects.get(user=worker)
    assert [region.slug for region in alert.regions.all()] == ["north-east"]
    context.close()
    the_lead_provider_sees_the_interest(chromium, live_server.url, axe, javascript, lead_owner)


def the_lead_provider_sees_the_interest(chromium, base_url, axe, javascript, lead_owner):
    context = chromium.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    if not javascript:
        page.route(re.compile(r"\.m?js(\?.*)?$"), lambda route: route.abort())
    sign_in(page, base_url, lead_owner.email)
    page.goto(f"{base_url}/account/")
    page.get_by_role("link", name=SUBCONTRACT).click()
    expect(page.get_by_role("heading", level=1, name="Interest in partnering")).to_be_visible()
    expect(page.get_by_role("link", name="Sunderland Women's Project")).to_be_visible()
    expect(page.get_by_text("since 2009")).to_be_visible()
    assert axe(page) == []
    page.get_by_label("No: stop taking interest").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The opportunity no longer takes interest.")).to_be_visible()
    assert axe(page) == []
    context.close()


def the_worker_creates_an_alert(page, base_url, axe):
    page.goto(f"{base_url}/pipeline-alerts/")
    page.get_by_role("link", name="Create an alert").click()
    expect(page.get_by_label("North East")).to_be_visible()
    assert axe(page) == []
    page.get_by_label("North East").check()
    page.get_by_role("button", name="Save alert").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert axe(page) == []
