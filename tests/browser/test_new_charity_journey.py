"""A new charity starts at "List your organisation", is asked to sign in, creates an account,
confirms its email address and lands back in the journey, then lists itself with a
confidential location through "Check your answers" to "Listing sent".

Real Chromium, with and without JavaScript (the site's scripts never load). The confirmation
link is read from the test outbox: with JavaScript it is opened in the same browser (signed
in at once), without, in another browser (sign in first, then straight back to the journey).
Every account page passes axe-core, whatever the impact, at desktop and phone sizes."""

import re

from django.core import mail
from django.core.cache import cache

import pytest
from playwright.sync_api import expect

from tests.factories.accounts import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
EMAIL = "sam@lwhp.org.uk"


@pytest.fixture
def site(live_server):
    from tests.factories import build_site_tree

    cache.clear()  # rate limits
    return build_site_tree()


def new_page(chromium, javascript):
    context = chromium.new_context(locale="en-GB", viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(10_000)
    if not javascript:
        # As a browser without JavaScript shows the pages, while axe-core can still run.
        page.route(re.compile(r"\.m?js(\?.*)?$"), lambda route: route.abort())
    return page


def passes_axe(page, axe):
    """No axe-core violation of any impact, at desktop and at phone size."""
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        assert axe(page) == [], f"{page.url} at {viewport['width']}px"
    page.set_viewport_size(DESKTOP)
    return True


def heading(page, name):
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible()


def confirmation_link():
    match = re.search(r"https?://[^/\s]+(?P<link>/account/confirm-email/\S+)", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match["link"]


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_new_charity_signs_up_from_list_your_organisation_and_lists_itself(
    live_server, site, chromium, axe, javascript
):
    url = live_server.url
    page = new_page(chromium, javascript)

    page.goto(f"{url}/list-your-organisation/")
    page.get_by_role("button", name="Start now").click()
    heading(page, "Sign in to list your organisation")
    assert passes_axe(page, axe)

    page.get_by_role("link", name="Create an account").click()
    heading(page, "Create an account to list your organisation")
    assert passes_axe(page, axe)
    create_an_account_after_a_mistake(page, axe)

    heading(page, "Check your email")
    assert passes_axe(page, axe)
    link = confirmation_link()

    if javascript:
        # The link opened in the browser that signed up: confirming signs in.
        page.goto(url + link)
        confirm_the_email_address(page, axe)
    else:
        # Opened on another device: confirm, then sign in, then back to the journey.
        other = new_page(page.context.browser, javascript)
        other.goto(url + link)
        confirm_the_email_address(other, axe)
        heading(other, "Sign in to list your organisation")
        assert passes_axe(other, axe)
        other.locator("input[name=login]").fill(EMAIL)
        other.locator("input[name=password]").fill(DEFAULT_PASSWORD)
        other.get_by_role("button", name="Sign in").click()
        page = other

    heading(page, "Your organisation")
    expect(page.get_by_text(re.compile("You are signed in as"))).to_be_visible()

    list_the_organisation_with_a_confidential_location(page, axe)


def create_an_account_after_a_mistake(page, axe):
    """Passwords that differ first: the error passes axe-core too."""
    page.locator("input[name=email]").fill(EMAIL)
    page.locator("input[name=password1]").fill(DEFAULT_PASSWORD)
    page.locator("input[name=password2]").fill(DEFAULT_PASSWORD + " but different")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    heading(page, "Create an account to list your organisation")
    assert passes_axe(page, axe)
    page.locator("input[name=password1]").fill(DEFAULT_PASSWORD)
    page.locator("input[name=password2]").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Create account").click()


def confirm_the_email_address(page, axe):
    heading(page, "Confirm your email address")
    expect(page.get_by_text(EMAIL)).to_be_visible()
    assert passes_axe(page, axe)
    page.get_by_role("button", name="Confirm").click()


def list_the_organisation_with_a_confidential_location(page, axe):
    page.get_by_label("Organisation name").fill("Leeds Women's Refuge")
    page.get_by_label("What your organisation does, in one sentence").fill(
        "A safe place for women leaving prison."
    )
    page.get_by_label("Contact email address").fill("hello@lwr.org.uk")
    page.get_by_label("No, it is not a registered charity").check()
    save_and_continue(page)

    heading(page, "What you do")
    page.get_by_label("Name of the service").fill("Women's refuge")
    page.get_by_label("Describe the service").fill("Safe rooms and support to move on.")
    check_revealing(page, page.get_by_label(re.compile("Housing advice")))
    page.get_by_label("In person").check()
    save_and_continue(page)

    heading(page, "Where you work and who for")
    page.get_by_label("Yorkshire and the Humber").check()
    page.get_by_label("Women", exact=True).check()
    save_and_continue(page)

    heading(page, "Where people go")
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("Town or district").fill("Leeds")
    page.get_by_label("Building and street (optional)").fill("1 Hidden Lane")
    page.get_by_label("Postcode (optional)").fill("LS1 1AA")
    page.get_by_label("Keep this address confidential").check()
    save_and_continue(page)

    heading(page, "How to refer")
    page.get_by_label("Self-referral or professional referral").check()
    save_and_continue(page)

    heading(page, re.compile("Check your answers"))
    expect(page.get_by_text("Leeds", exact=True).first).to_be_visible()
    expect(page.get_by_text(re.compile("confidential", re.I)).first).to_be_visible()
    assert passes_axe(page, axe)
    page.get_by_role("button", name="Accept and send").click()
    heading(page, "Listing sent")
    assert passes_axe(page, axe)

    from directory.models import ServiceLocation

    [location] = ServiceLocation.objects.filter(address__contains="Hidden Lane")
    assert location.is_confidential and location.area == "Leeds"


def save_and_continue(page):
    page.get_by_role("button", name="Save and continue").click()


def check_revealing(page, checkbox):
    """Tick a box that sits in a conditional reveal: first tick the box that reveals it (with
    JavaScript the reveal is hidden until then; without, every box shows)."""
    if not checkbox.is_visible():
        reveal = checkbox.locator("xpath=ancestor::*[contains(@class, '__conditional')][1]")
        page.locator(f"[aria-controls='{reveal.get_attribute('id')}']").check()
    checkbox.check()
