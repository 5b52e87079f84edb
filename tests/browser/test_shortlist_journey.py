"""A practitioner on a phone keeps a shortlist: adds three services from the results, puts
them in order, notes one, prints the list, emails it and shares a link a colleague opens
signed out. Every shortlist page passes axe-core at desktop and phone sizes, with and
without JavaScript."""

import datetime
import json
import re
import secrets

from django.core import mail
from django.core.cache import cache
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from directory.models import ShortlistShare
from tests.browser.conftest import AXE_SCRIPT
from tests.conftest import skip_unless_available
from tests.directory.shortlist_fixtures import service_with_details

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
TITLES = ["Alpha advice", "Beta beds", "Gamma jobs"]


@pytest.fixture
def services():
    cache.clear()  # rate limits and the search vocabulary
    return [service_with_details(title) for title in TITLES]


def new_page(chromium, viewport=PHONE, javascript=True):
    context = chromium.new_context(
        locale="en-GB", viewport=viewport, java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def page_without_our_scripts(chromium, viewport):
    """A page as a browser without JavaScript shows it, in which axe-core can still run: the
    site's scripts are never loaded. (With JavaScript switched off, timers never fire and
    axe-core never finishes.)"""
    page = new_page(chromium, viewport=viewport)
    page.route(re.compile(r"\.m?js(\?.*)?$"), lambda route: route.abort())
    return page


def axe_violations(page):
    """Every axe-core violation, whatever its impact."""
    skip_unless_available(AXE_SCRIPT.exists(), "axe-core missing: run `make test` (npm ci)")
    page.evaluate(AXE_SCRIPT.read_text())  # not a <script>: the CSP blocks inline ones
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "targets": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def titles_in_order(page):
    return [
        re.sub(r"^\d+\.\s*", "", text.strip())
        for text in page.locator(".cg-shortlist__title").all_inner_texts()
    ]


def check_the_print_view(page, note):
    """Contacts and the note in full, a button that prints, and on paper nothing to click."""
    expect(page.get_by_role("heading", level=1, name="Shortlist of services")).to_be_visible()
    expect(page.get_by_text(note)).to_be_visible()
    expect(page.get_by_role("link", name="0113 496 0000").first).to_be_visible()
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.get_by_role("button", name="Print this list").click()
    assert page.evaluate("() => window.printed") == 1
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Print this list")).to_be_hidden()
    expect(page.locator(".govuk-service-navigation")).to_be_hidden()
    expect(page.get_by_text(note)).to_be_visible()
    service_link = page.locator(".cg-shortlist__title a").first
    assert "(http" in service_link.evaluate("a => getComputedStyle(a, '::after').content")
    website = page.get_by_role("link", name="https://example.org/move-on").first
    assert website.evaluate("a => getComputedStyle(a, '::after').content") == "none"
    page.emulate_media(media="screen")


def test_practitioner_keeps_prints_emails_and_shares_a_shortlist_on_a_phone(
    live_server, chromium, services
):
    page = new_page(chromium)
    page.goto(f"{live_server.url}/directory/")
    for title in TITLES:
        page.get_by_role("button", name=f"Add to shortlist – {title}").click()
        expect(page.get_by_role("button", name=f"Remove from shortlist – {title}")).to_be_visible()
    assert page.url.endswith(f"#shortlist-{services[2].pk}")

    page.get_by_role("link", name="View your shortlist").first.click()
    expect(page.get_by_role("heading", level=1, name="Your shortlist")).to_be_visible()
    assert titles_in_order(page) == TITLES

    # Put the jobs service first, and note something to remember.
    page.get_by_role("button", name="Move up Gamma jobs").click()
    page.get_by_role("button", name="Move up Gamma jobs").click()
    assert titles_in_order(page) == ["Gamma jobs", "Alpha advice", "Beta beds"]
    page.get_by_label("Your note on Gamma jobs").fill("Ring after 2pm")
    page.get_by_role("button", name="Save note on Gamma jobs").click()
    expect(page.get_by_text("Your note on “Gamma jobs” has been saved.")).to_be_visible()
    expect(page.get_by_label("Your note on Gamma jobs")).to_have_value("Ring after 2pm")

    page.get_by_role("link", name="Print this list").click()
    check_the_print_view(page, note="Ring after 2pm")

    # Email it to a colleague, notes left out.
    page.get_by_role("link", name="Back to your shortlist").click()
    page.get_by_role("link", name="Email this list").click()
    page.get_by_label("Email address").fill("colleague@probation.example")
    page.get_by_role("button", name="Send the list").click()
    expect(page.get_by_role("heading", name="Shortlist sent")).to_be_visible()
    [message] = mail.outbox
    assert message.to == ["colleague@probation.example"]
    assert message.body.index("Gamma jobs") < message.body.index("Alpha advice")
    assert "Ring after 2pm" not in message.body

    # Share a link, and open it signed out in another browser.
    page.get_by_role("link", name="Back to your shortlist").click()
    page.get_by_role("link", name="Share a link to this list").click()
    page.get_by_role("button", name="Make a link").click()
    expect(page.get_by_text("Your link is ready.")).to_be_visible()
    link = page.get_by_role("textbox", name=re.compile("Link to 3 services")).input_value()

    colleague = new_page(chromium)
    colleague.goto(link)
    expect(colleague.get_by_role("heading", level=1, name="Shared shortlist")).to_be_visible()
    assert titles_in_order(colleague) == ["Gamma jobs", "Alpha advice", "Beta beds"]
    expect(colleague.get_by_role("link", name="referrals@example.org").first).to_be_visible()
    assert "Ring after 2pm" not in colleague.content()
    colleague.context.close()
    page.context.close()


def fill_shortlist(live_server, page, services):
    """Three services on this browser's list, one with a note, through the pages' own forms
    (a shared list's "Add to shortlist" buttons work with and without JavaScript)."""
    share = ShortlistShare.objects.create(
        token=secrets.token_urlsafe(32),
        service_ids=[service.pk for service in services],
        expires_at=timezone.now() + datetime.timedelta(days=30),
    )
    page.goto(f"{live_server.url}/shortlist/shared/{share.token}/")
    for title in TITLES:
        page.get_by_role("button", name=f"Add to shortlist – {title}").click()
        expect(page.get_by_role("button", name=f"Remove from shortlist – {title}")).to_be_visible()
    page.goto(f"{live_server.url}/shortlist/")
    page.get_by_label("Your note on Beta beds").fill("Ask for the duty worker")
    page.get_by_role("button", name="Save note on Beta beds").click()
    expect(page.get_by_text("Your note on “Beta beds” has been saved.")).to_be_visible()
    return share


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_shortlist_page_passes_axe(live_server, chromium, services, viewport, javascript):
    if javascript:
        page = new_page(chromium, viewport=viewport)
    else:
        page = page_without_our_scripts(chromium, viewport)
    share = fill_shortlist(live_server, page, services)
    assert page.evaluate("() => document.body.classList.contains('js-enabled')") is javascript
    expired = ShortlistShare.objects.create(
        token="expired-link",
        service_ids=share.service_ids,
        created_at=timezone.now() - datetime.timedelta(days=31),
        expires_at=timezone.now() - datetime.timedelta(days=1),
    )
    # A note that is too long, so the page with an error is scanned too.
    page.goto(f"{live_server.url}/shortlist/")
    page.get_by_label("Your note on Alpha advice").fill("x" * 501)
    page.get_by_role("button", name="Save note on Alpha advice").click()
    expect(page.get_by_text("Your note must be 500 characters or fewer").first).to_be_visible()
    failures = {}
    if violations := axe_violations(page):
        failures["shortlist with an error"] = violations
    for name, path in {
        "shortlist": "/shortlist/",
        "print view": "/shortlist/print/",
        "print view without notes": "/shortlist/print/?notes=no",
        "email form": "/shortlist/email/",
        "share": "/shortlist/share/",
        "shared list": f"/shortlist/shared/{share.token}/",
        "expired shared list": f"/shortlist/shared/{expired.token}/",
    }.items():
        page.goto(f"{live_server.url}{path}")
        if violations := axe_violations(page):
            failures[name] = violations
    page.context.close()
    assert failures == {}, json.dumps(failures, indent=1)


def test_without_javascript_the_print_view_says_how_to_print(live_server, chromium, services):
    page = new_page(chromium, javascript=False)
    fill_shortlist(live_server, page, services)
    page.goto(f"{live_server.url}/shortlist/print/")
    expect(page.get_by_text("To print this list, use your browser’s Print option")).to_be_visible()
    expect(page.get_by_role("button", name="Print this list")).to_be_hidden()
    expect(page.get_by_text("Ask for the duty worker")).to_be_visible()
    page.get_by_role("link", name="Leave out my notes").click()
    expect(page.get_by_text("Ask for the duty worker")).to_be_hidden()
    page.context.close()
