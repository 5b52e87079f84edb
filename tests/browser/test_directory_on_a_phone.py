"""A probation practitioner uses the directory on a phone (390 × 844), with JavaScript and
without: the results come first, the filters open, apply and close, and a screen holds two
whole result cards. The page passes axe-core at phone and desktop widths, filters open and
closed."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.factories.directory import (
    OrganisationPageFactory,
    ServiceLocationFactory,
    ServicePageFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
JAVASCRIPT = pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])


@pytest.fixture
def services():
    """Five services as practitioners would find them: contacts, referral routes, locations."""
    leeds = OrganisationPageFactory(
        title="Aire Valley Pathways", regions=["yorkshire-and-the-humber"]
    )
    national = OrganisationPageFactory(title="Second Chance Mentors", is_national=True)
    for number, (title, categories, groups) in enumerate(
        [
            ("Women's move-on housing", ["accommodation", "supported-housing"], ["women"]),
            ("Tenancy rescue", ["tenancy-sustainment", "debt-advice"], ["women"]),
            ("Debt clinic", ["debt-advice", "benefits-advice"], []),
            ("Young adults' flats", ["supported-housing"], ["young-adults"]),
        ]
    ):
        service = ServicePageFactory(
            parent=leeds,
            title=title,
            description="<p>Shared and self-contained flats for people leaving prison, with a "
            "support worker who helps with benefits, bills and settling in.</p>",
            categories=categories,
            client_groups=groups,
            phone=f"0113 496 00{number:02}",
            email="referrals@aire-valley-pathways.example.org",
            referral_details="Email the referral form with the person's consent and a "
            "current risk assessment; we reply within two working days.",
        )
        ServiceLocationFactory(service=service, area="Leeds")
    ServicePageFactory(parent=national, title="Volunteer mentoring", categories=["mentoring"])


def phone_page(chromium, javascript, viewport=PHONE):
    context = chromium.new_context(
        viewport=viewport,
        java_script_enabled=javascript,
        locale="en-GB",
        is_mobile=viewport is PHONE,
        has_touch=viewport is PHONE,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def result_cards(page):
    return page.get_by_role("list", name=re.compile(r"^\d+ services?\b")).locator(".cg-result")


def top_of(locator):
    """Where an element starts, from the top of the page (not of the screen)."""
    return locator.evaluate("element => element.getBoundingClientRect().top + window.scrollY")


def is_uncovered(locator):
    """Whether a tap in the middle of the element reaches it (nothing lies over it)."""
    locator.scroll_into_view_if_needed()
    return locator.evaluate(
        """element => {
            const box = element.getBoundingClientRect();
            const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
            return element.contains(hit);
        }"""
    )


def test_on_a_phone_with_javascript_the_results_come_first_and_the_filters_open_apply_and_close(
    live_server, chromium, services
):
    page = phone_page(chromium, javascript=True)
    page.goto(f"{live_server.url}/directory/")
    women = page.get_by_role("checkbox", name=re.compile(r"^Women \("))
    show = page.get_by_role("button", name="Show filters")

    # No tap needed: the first result is at most one scroll away and nothing covers it.
    first_result = result_cards(page).first.get_by_role("link").first
    assert top_of(first_result) < 2 * PHONE["height"]
    assert is_uncovered(first_result)
    expect(women).to_be_hidden()
    expect(show).to_have_attribute("aria-expanded", "false")

    show.click()
    expect(women).to_be_visible()
    expect(page.locator(".moj-filter")).to_be_focused()
    women.check()
    page.get_by_role("button", name="Apply filters").first.click()

    page.wait_for_url(re.compile(r"group=women"))
    expect(page.get_by_role("heading", name="2 services")).to_be_visible()
    expect(women).to_be_hidden()
    assert is_uncovered(result_cards(page).first.get_by_role("link").first)

    # The chosen filter is a tag that removes it; the panel closes with Close or Escape.
    page.get_by_role("button", name="Show filters (1 selected)").click()
    expect(page.get_by_role("link", name="Remove this filter Women")).to_be_visible()
    page.get_by_role("button", name="Close").click()
    expect(women).to_be_hidden()
    expect(page.get_by_role("button", name="Show filters (1 selected)")).to_be_focused()
    page.keyboard.press("Enter")
    expect(women).to_be_visible()
    page.keyboard.press("Escape")
    expect(women).to_be_hidden()
    page.context.close()


def test_on_a_phone_without_javascript_no_filter_option_comes_before_the_first_result(
    live_server, chromium, services
):
    page = phone_page(chromium, javascript=False)
    page.goto(f"{live_server.url}/directory/")
    women = page.get_by_role("checkbox", name=re.compile(r"^Women \("))
    first_result = result_cards(page).first.get_by_role("link").first
    expect(women).to_be_hidden()
    # The first result is at most one scroll away, and keyboard users reach it before any
    # of the 60-odd filter options.
    assert top_of(first_result) < 2 * PHONE["height"]
    focused = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.type || ''"))
        if first_result.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail(f"Tabbing never reached the first result: {focused}")
    assert "checkbox" not in focused

    page.get_by_text("Filter results").click()
    women.check()
    page.get_by_role("button", name="Apply filters").first.click()

    page.wait_for_url(re.compile(r"group=women"))
    expect(page.get_by_role("heading", name="2 services")).to_be_visible()
    expect(women).to_be_hidden()
    # What is chosen shows, and can be removed, without opening the filters.
    page.get_by_role("link", name="Remove this filter Women").click()
    expect(page.get_by_role("heading", name="5 services")).to_be_visible()
    page.context.close()


@JAVASCRIPT
def test_a_phone_screen_shows_two_whole_result_cards(live_server, chromium, services, javascript):
    page = phone_page(chromium, javascript)
    # Browsing, and searching (a card then shows the words that matched).
    for path in ["/directory/", "/directory/?q=settling"]:
        page.goto(f"{live_server.url}{path}")
        cards = result_cards(page)
        cards.first.evaluate("element => element.scrollIntoView({block: 'start'})")

        for card in (cards.nth(0), cards.nth(1)):
            box = card.bounding_box()
            assert box["y"] >= 0
            assert box["y"] + box["height"] <= PHONE["height"], (path, card.inner_text())
    page.context.close()


def open_and_close_filters(page, viewport, javascript):
    """The steps that take the filters from how the page opens to the other state."""
    if not javascript:
        return [] if viewport is DESKTOP else [lambda: page.get_by_text("Filter results").click()]
    if viewport is DESKTOP:
        return [lambda: page.get_by_role("button", name="Hide filters").click()]
    return [lambda: page.get_by_role("button", name=re.compile(r"^Show filters")).click()]


@JAVASCRIPT
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_directory_passes_axe_with_its_filters_open_and_closed(
    live_server, chromium, services, axe, javascript, viewport
):
    # axe-core needs JavaScript to run: "without JavaScript" is the page without its scripts.
    page = phone_page(chromium, True, viewport)
    if not javascript:
        page.route(re.compile(r"\.m?js$"), lambda route: route.abort())
    page.goto(f"{live_server.url}/directory/?category=accommodation&q=housing")
    assert page.evaluate("document.body.classList.contains('js-enabled')") == javascript
    checkbox = page.get_by_role("checkbox", name=re.compile(r"^Women \("))
    failures = {"as it opens": axe(page)}
    was_visible = checkbox.is_visible()
    for step in open_and_close_filters(page, viewport, javascript):
        step()
        expect(checkbox).not_to_be_visible() if was_visible else expect(checkbox).to_be_visible()
        failures["after toggling the filters"] = axe(page)
    assert {state: found for state, found in failures.items() if found} == {}
    page.context.close()


def test_the_search_box_keeps_the_site_font_and_says_what_kind_each_suggestion_is(
    live_server, chromium, services
):
    page = phone_page(chromium, javascript=True, viewport=DESKTOP)
    suggestions = [
        {"value": "Accommodation", "group": "category"},
        {"value": "Aire Valley Pathways", "group": "organisation"},
        {"value": "Women's move-on housing", "group": "service"},
    ]
    page.route(
        re.compile(r"/search/suggestions/services/"),
        lambda route: route.fulfill(
            content_type="application/json", body=json.dumps({"suggestions": suggestions})
        ),
    )
    page.goto(f"{live_server.url}/directory/")
    search_box = page.get_by_label("What support are you looking for?")
    label_font = page.get_by_text("What support are you looking for?").evaluate(
        "element => getComputedStyle(element).fontFamily"
    )
    assert search_box.evaluate("element => getComputedStyle(element).fontFamily") == label_font
    assert "Times" not in label_font

    search_box.press_sequentially("ai", delay=30)
    # Still described by the field's hint once the autocomplete has taken over.
    expect(search_box).to_have_accessible_description(re.compile(r"^For example"))
    expect(
        page.get_by_role("option", name=re.compile(r"^Accommodation\W+Kind of support"))
    ).to_be_visible()
    expect(
        page.get_by_role("option", name=re.compile(r"^Aire Valley Pathways\W+Organisation"))
    ).to_be_visible()
    option = page.get_by_role("option", name=re.compile(r"^Women's move-on housing\W+Service"))
    expect(option).to_have_css("font-family", label_font)
    option.click()
    page.wait_for_url(re.compile(r"q=Women%27s\+move-on\+housing$"))
    page.context.close()
