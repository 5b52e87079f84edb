"""The place pages pass axe-core (no violations of any impact), at desktop width and on a
phone, with JavaScript and without: the listing page's locations, add (and its errors),
change, remove, and the "Where people go" step with a confidential place revealed."""

from django.core.cache import cache
from django.urls import reverse

import pytest
from playwright.sync_api import expect

from directory.models import ListingDraft
from tests.browser.test_listing_pages_axe import DESKTOP, PHONE, signed_in_page
from tests.factories import ServiceLocationFactory, ServicePageFactory
from tests.factories.accounts import VerifiedUserFactory
from tests.factories.team import OwnerFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _forget_rate_limits():
    cache.clear()


@pytest.fixture
def site(live_server):
    from tests.factories import build_site_tree

    return build_site_tree()


def earlier_answers():
    from tests.directory.test_service_page_for_acting import earlier_steps

    answers = earlier_steps()
    answers.pop("where-people-go")
    return answers


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_place_pages_pass_axe(live_server, site, chromium, axe, viewport, javascript):
    owner = VerifiedUserFactory()
    organisation = OwnerFactory(user=owner, organisation__title="Hope Street Trust").organisation
    service = ServicePageFactory(parent=organisation, title="Move-on housing")
    ServiceLocationFactory(service=service, is_confidential=True)
    ListingDraft.objects.create(user=owner, answers=earlier_answers())
    page, _client = signed_in_page(chromium, live_server, owner, viewport, javascript)
    failures = {}

    def scan(label):
        found = axe(page)
        if found:
            failures[label] = found

    ids = [organisation.pk, service.pk]
    for name, args in [
        ("directory_manage_listing", [organisation.pk]),
        ("directory_add_location", ids),
        ("directory_edit_location", [*ids, 1]),
        ("directory_remove_location", [*ids, 1]),
    ]:
        page.goto(live_server.url + reverse(name, args=args))
        scan(name)
    page.goto(live_server.url + reverse("directory_add_location", args=ids))
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    scan("add, with errors")

    page.goto(live_server.url + reverse("directory_create_listing_step", args=["where-people-go"]))
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_label("Town or district")).to_be_visible()
    page.get_by_label("Town or district").fill("Harehills")
    page.get_by_label("Keep this address confidential").check()
    scan("where people go, with errors")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1, name="How to refer")).to_be_visible()
    assert failures == {}
    page.context.close()
