"""The Content-Security-Policy, enforced by a real Chromium, blocks nothing the site itself
needs: the main public pages with JavaScript on, and the Wagtail admin (dashboard, page
explorer, a page's edit form, snippet and model listings) signed in as a site admin.

Violations are caught two ways: the `securitypolicyviolation` events each page fires (recorded
by a script Chromium runs before the page's own, which the policy does not apply to), and
Chromium's console messages about the policy."""

import io
import re

from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

import pytest
from playwright.sync_api import expect

from search.models import SynonymGroup
from tests.factories import build_site_tree
from tests.factories.accounts import DEFAULT_PASSWORD, StaffUserFactory, fresh_code
from tests.factories.directory import OrganisationPageFactory, ServicePageFactory
from tests.factories.forums import (
    ConsultationPageFactory,
    ConsultationQuestionFactory,
    EventPageFactory,
    RegionalForumPageFactory,
)
from tests.factories.pipeline import OpportunityPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DESKTOP = {"width": 1280, "height": 900}

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
      + ` (${event.sourceFile || "page"}:${event.lineNumber}) ${event.sample || ""}`.trim()
  );
}, true);
"""


@pytest.fixture(autouse=True)
def _forget_rate_limits():
    cache.clear()


@pytest.fixture
def csp_page(chromium):
    """A desktop page, JavaScript on, whose `violations()` lists what the policy blocked on
    the current page and in the console since the last call."""
    context = chromium.new_context(locale="en-GB", viewport=DESKTOP)
    browser_page = context.new_page()
    browser_page.set_default_timeout(10_000)
    browser_page.add_init_script(RECORD_VIOLATIONS)
    console = []
    browser_page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    def violations():
        browser_page.wait_for_load_state("networkidle")
        found = [*browser_page.evaluate("window.__cspViolations || []"), *console]
        console.clear()
        browser_page.evaluate("window.__cspViolations = []")
        return found

    browser_page.violations = violations
    yield browser_page
    context.close()


@pytest.fixture
def site(settings, tmp_path):
    settings.OPEN_DATA_ROOT = tmp_path / "open-data"
    tree = build_site_tree()
    organisation = OrganisationPageFactory(title="Aire Valley Pathways")
    service = ServicePageFactory(parent=organisation, title="Housing advice drop-in")
    forum = RegionalForumPageFactory(region="london")
    event = EventPageFactory(parent=forum, title="Spring forum meeting")
    consultation = ConsultationPageFactory(parent=forum, title="How should the forum work?")
    ConsultationQuestionFactory(page=consultation, text="What should we talk about?")
    opportunity = OpportunityPageFactory(title="Women's centres grant 2027")
    synonyms = SynonymGroup.objects.create(terms="housing, accommodation")
    call_command("build_open_data", stdout=io.StringIO())
    return {
        "home": tree.home,
        "organisation": organisation,
        "service": service,
        "forum": forum,
        "event": event,
        "consultation": consultation,
        "pipeline": opportunity.get_parent(),
        "opportunity": opportunity,
        "synonyms": synonyms,
    }


def test_the_recorder_sees_what_the_policy_blocks(live_server, csp_page, site):
    """The check below can fail: an inline script and an inline style are reported."""
    csp_page.goto(f"{live_server.url}/")
    csp_page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.inlineScriptRan = true";
          document.body.append(script);
          document.body.setAttribute("style", "color: red");
        }"""
    )
    found = csp_page.violations()
    assert csp_page.evaluate("window.inlineScriptRan") is None
    assert any(v.startswith("script-src-elem blocked inline") for v in found), found
    assert any(v.startswith("style-src-attr blocked inline") for v in found), found


def test_public_pages_break_no_rule_of_the_policy(live_server, csp_page, site):
    pages = {
        "home": "/",
        "directory": "/directory/",
        "directory search": "/directory/?q=housing&region=london",
        "organisation": site["organisation"].url,
        "service": site["service"].url,
        "forum": site["forum"].url,
        "event": site["event"].url,
        "consultation": site["consultation"].url,
        "pipeline": site["pipeline"].url,
        "opportunity": site["opportunity"].url,
        "open data": "/open-data/",
        "try the API": "/open-data/try-the-api/",
        "sign in": "/account/login/",
        "sign up": "/account/signup/",
        "Welsh home": "/cy/",
        "not found": "/no-such-page/",
    }
    found = {}
    for name, path in pages.items():
        csp_page.goto(f"{live_server.url}{path}")
        if violations := csp_page.violations():
            found[name] = violations
    assert found == {}


def show_suggestions(page, live_server):
    page.goto(f"{live_server.url}/directory/")
    page.get_by_role("combobox").first.press_sequentially("hous")
    expect(page.get_by_role("option").first).to_be_visible()


def test_search_suggestions_break_no_rule_of_the_policy(live_server, csp_page, site):
    show_suggestions(csp_page, live_server)
    assert csp_page.violations() == []


IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"
)


def test_search_suggestions_on_an_iphone_break_no_rule_of_the_policy(chromium, live_server, site):
    """On iPhones and iPads the autocomplete adds a visually hidden "1 of 3" to each
    suggestion, with an inline style the policy allows by its hash."""
    context = chromium.new_context(
        locale="en-GB", viewport={"width": 390, "height": 844}, user_agent=IPHONE
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.add_init_script(RECORD_VIOLATIONS)
    show_suggestions(page, live_server)
    suffix = page.locator("[id*='__option-suffix--']").first
    expect(suffix).to_be_attached()
    assert suffix.bounding_box()["width"] <= 1
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__cspViolations") == []
    context.close()


def sign_in_as_site_admin(page, live_server):
    admin = StaffUserFactory()
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Email address").fill(admin.email)
    page.get_by_label("Password", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code from your authenticator app").fill(fresh_code(admin.authenticator_app))
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    return admin


def test_the_wagtail_admin_breaks_no_rule_of_its_policy(live_server, csp_page, site):
    sign_in_as_site_admin(csp_page, live_server)
    found = {}
    if violations := csp_page.violations():
        found["dashboard"] = violations
    pages = {
        "page explorer": reverse("wagtailadmin_explore", args=[site["home"].pk]),
        "forum's pages": reverse("wagtailadmin_explore", args=[site["forum"].pk]),
        "edit an event": reverse("wagtailadmin_pages:edit", args=[site["event"].pk]),
        "edit a consultation": reverse("wagtailadmin_pages:edit", args=[site["consultation"].pk]),
        "edit an organisation": reverse("wagtailadmin_pages:edit", args=[site["organisation"].pk]),
        "add a service": reverse(
            "wagtailadmin_pages:add",
            args=["directory", "servicepage", site["organisation"].pk],
        ),
        "synonyms (a snippet listing)": reverse("wagtailsnippets_search_synonymgroup:list"),
        "edit a synonym group": reverse(
            "wagtailsnippets_search_synonymgroup:edit",
            args=[site["synonyms"].pk],
        ),
        "images": reverse("wagtailimages:index"),
        "documents": reverse("wagtaildocs:index"),
        "users": reverse("wagtailusers_users:index"),
        "search the admin": reverse("wagtailadmin_pages:search") + "?q=forum",
    }
    for name, path in pages.items():
        csp_page.goto(f"{live_server.url}{path}")
        if violations := csp_page.violations():
            found[name] = violations

    # A public page seen by a signed-in editor carries Wagtail's user bar, under the
    # public pages' strict policy.
    csp_page.goto(f"{live_server.url}{site['event'].url}")
    expect(csp_page.locator("wagtail-userbar")).to_be_attached()
    if violations := csp_page.violations():
        found["event page with the user bar"] = violations
    assert found == {}
