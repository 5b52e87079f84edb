"""A practitioner finds a service: open the directory, narrow it down, open a result."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories.directory import (
    OrganisationPageFactory,
    ServiceLocationFactory,
    ServicePageFactory,
)
from tests.factories.forums import RegionalForumPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def directory_services():
    leeds = OrganisationPageFactory(
        title="Aire Valley Pathways", regions=["yorkshire-and-the-humber"]
    )
    london = OrganisationPageFactory(title="Thamesreach Collective", regions=["london"])
    national = OrganisationPageFactory(title="Everywhere Mentors", is_national=True)
    housing = ServicePageFactory(
        parent=leeds,
        title="Women's move-on housing",
        categories=["supported-housing"],
        client_groups=["women"],
    )
    ServiceLocationFactory(
        service=housing, area="Leeds", address="4 Hidden Lane", is_confidential=True
    )
    ServicePageFactory(parent=leeds, title="Debt clinic", categories=["debt-advice"])
    ServicePageFactory(
        parent=london, title="London tenancy help", categories=["tenancy-sustainment"]
    )
    ServicePageFactory(parent=national, title="Phone mentoring", categories=["mentoring"])
    return housing


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_practitioner_filters_the_directory_and_opens_a_service(
    live_server, chromium, directory_services, javascript
):
    context = chromium.new_context(java_script_enabled=javascript, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/directory/")
    expect(page.get_by_role("heading", name="4 services")).to_be_visible()

    page.get_by_role("checkbox", name=re.compile(r"^Yorkshire and the Humber")).check()
    page.get_by_role("checkbox", name=re.compile(r"^Accommodation \(")).check()
    page.get_by_role("button", name="Apply filters").first.click()

    expect(page.get_by_role("heading", name="1 service", exact=True)).to_be_visible()
    assert "region=yorkshire-and-the-humber" in page.url
    assert "category=accommodation" in page.url
    # Both choices show as removable filters.
    expect(
        page.get_by_role("link", name=re.compile("Remove this filter Yorkshire"))
    ).to_be_visible()

    page.get_by_role("link", name="Women's move-on housing").click()
    expect(page.get_by_role("heading", level=1, name="Women's move-on housing")).to_be_visible()
    assert "Aire Valley Pathways" in page.content()
    assert "4 Hidden Lane" not in page.content()
    context.close()


def test_removing_a_filter_chip_widens_the_results(live_server, page, directory_services):
    page.goto(f"{live_server.url}/directory/?region=london&category=debt-advice")
    expect(page.get_by_text("No services match all of your filters.")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"Remove this filter London")).click()
    expect(page.get_by_role("heading", name="1 service", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Debt clinic")).to_be_visible()


def test_every_page_type_passes_axe(live_server, page, axe, directory_services):
    forum = RegionalForumPageFactory(region="london")
    service = directory_services
    urls = {
        "home": "/",
        "directory": "/directory/",
        "directory filtered": "/directory/?region=london&category=accommodation",
        "directory with no results": "/directory/?region=wales&category=debt-advice",
        "organisation": service.get_parent().url,
        "service": service.url,
        "forum index": forum.get_parent().url,
        "regional forum": forum.url,
        "not found": "/no-such-page/",
    }
    failures = {}
    for name, path in urls.items():
        page.goto(f"{live_server.url}{path}")
        violations = axe(page)
        if violations:
            failures[name] = violations
    assert failures == {}
