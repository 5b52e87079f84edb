"""axe-core finds nothing, of any impact, on any page of the listing journeys: every step of
"list your organisation" (and its errors, with a charity number revealed), check your answers,
listing sent, the claim page and the manage pages, at desktop width and on a phone, with
JavaScript and without.

Without JavaScript means the site's scripts are never loaded (axe-core itself needs
JavaScript to run), so revealed questions show as they do in a browser without it."""

import re

from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

import pytest
from playwright.sync_api import expect

from core.models import ClientGroup, Region, ServiceCategory
from tests.factories import OrganisationPageFactory, ServicePageFactory, term
from tests.factories.accounts import VerifiedUserFactory
from tests.factories.team import OwnerFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(autouse=True)
def _forget_rate_limits():
    cache.clear()


@pytest.fixture
def site(live_server):
    from tests.factories import build_site_tree

    return build_site_tree()


def signed_in_page(chromium, live_server, user, viewport, javascript):
    """A browser signed in as `user`; without JavaScript, the site's scripts never load."""
    client = Client()
    client.force_login(user)
    context = chromium.new_context(locale="en-GB", viewport=viewport)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    if not javascript:
        page.route(re.compile(r"\.m?js(\?.*)?$"), lambda route: route.abort())
    return page, client


def answer_every_step(client):
    """The steps answered through the views, as a person would have, before the browser opens
    them again."""
    step = "directory_create_listing_step"
    answers = {
        "organisation": {
            "title": "Leeds Women's Housing Project",
            "summary_text": "We help women leaving prison in Leeds find a safe home.",
            "email": "hello@lwhp.org.uk",
            "charity_regulator": "ccew",
            "charity_number_ccew": "1098765",
            "income_band": "under-10k",
        },
        "what-you-do": {
            "title": "Women's move-on housing",
            "description": "Safe homes and support to keep them.",
            "categories": [term(ServiceCategory, "housing-advice").pk],
            "delivery_methods": ["in-person"],
        },
        "where-and-who": {
            "regions": [term(Region, "yorkshire-and-the-humber").pk],
            "client_groups": [term(ClientGroup, "women").pk],
        },
        "where-people-go": {"has_location": "no"},
        "how-to-refer": {"referral_method": "both", "cost": "Free"},
    }
    for slug, data in answers.items():
        response = client.post(reverse(step, args=[slug]), data)
        assert response.status_code == 302, (slug, response.context["form"].errors)
    return list(answers)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_page_of_the_listing_journeys_passes_axe(
    live_server, site, chromium, axe, viewport, javascript
):
    owner = VerifiedUserFactory(email="sam@lwhp.org.uk")
    organisation = OwnerFactory(user=owner, organisation__title="Hope Street Trust").organisation
    service = ServicePageFactory(parent=organisation, title="Move-on housing")
    unclaimed = OrganisationPageFactory(title="Open Door")
    page, client = signed_in_page(chromium, live_server, owner, viewport, javascript)
    failures = {}

    def scan(path):
        if path:
            page.goto(live_server.url + path)
        found = axe(page)
        if found:
            failures[page.url + (" (errors)" if "Error:" in page.title() else "")] = found

    for path in manage_paths(organisation, service) + [
        reverse("directory_claim_listing", args=[unclaimed.pk])
    ]:
        scan(path)
    scan(reverse("directory_create_listing"))
    for slug in answer_every_step(client):
        scan(reverse("directory_create_listing_step", args=[slug]))
    with_errors_on_the_first_two_steps(page, live_server.url, scan)
    scan(reverse("directory_create_listing_check"))
    page.get_by_role("button", name="Accept and send").click()
    expect(page.get_by_role("heading", level=1, name="Listing sent")).to_be_visible()
    scan(None)
    assert not failures, "\n".join(f"{where}: {found}" for where, found in failures.items())
    page.context.close()


def manage_paths(organisation, service):
    ids = [organisation.pk, service.pk]
    return [
        reverse("directory_manage_listing", args=[organisation.pk]),
        reverse("directory_edit_organisation", args=[organisation.pk]),
        reverse("directory_edit_service", args=ids),
        reverse("directory_add_service", args=[organisation.pk]),
        reverse("directory_service_capacity", args=ids),
        reverse("directory_remove_service", args=ids),
    ]


def with_errors_on_the_first_two_steps(page, url, scan):
    """A wrong Scottish charity number (its box revealed, with its error) and an area of
    support ticked without any of its kinds."""
    page.goto(url + reverse("directory_create_listing_step", args=["organisation"]))
    page.get_by_label("Scottish Charity Regulator (OSCR)").check()
    page.locator("#id_charity_number_oscr").fill("12345")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.locator("#id_charity_number_oscr")).to_be_visible()
    scan(None)
    page.goto(url + reverse("directory_create_listing_step", args=["what-you-do"]))
    page.get_by_label("Supported and move-on housing").check()  # in Accommodation, revealed
    page.get_by_label("Housing advice and homelessness prevention").uncheck()
    page.get_by_label("Education, training and employment").check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("under “Education, training and employment”").first).to_be_visible()
    scan(None)
