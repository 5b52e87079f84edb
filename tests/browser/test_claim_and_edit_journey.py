"""Claim an imported listing, bring in a colleague, and keep the listing current.

The colleague's edit waits for a moderator while their capacity change shows at once, and
approving the edit keeps the new capacity. Every page on the way passes axe-core."""

import re

from django.core import mail
from django.core.cache import cache

import pytest
from playwright.sync_api import expect

from directory.models import OrganisationStatus
from tests.factories import OrganisationPageFactory, ServicePageFactory
from tests.factories.accounts import (
    DEFAULT_PASSWORD,
    ModeratorFactory,
    VerifiedUserFactory,
    fresh_code,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _forget_rate_limits():
    cache.clear()


def new_page(chromium):
    page = chromium.new_context(locale="en-GB").new_page()
    page.set_default_timeout(10_000)
    return page


def sign_in(page, base_url, email, path="/account/login/"):
    page.goto(f"{base_url}{path}")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def moderator_signs_in(chromium, base_url, moderator):
    page = new_page(chromium)
    sign_in(page, base_url, moderator.email, "/admin/")
    page.get_by_label("Code from your authenticator app").fill(
        fresh_code(moderator.authenticator_app)
    )
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_title(re.compile("Dashboard"))
    return page


def test_claim_invite_edit_and_capacity(live_server, chromium, axe):
    from tests.factories import build_site_tree

    build_site_tree()
    url = live_server.url
    organisation = OrganisationPageFactory(
        title="Second Chance Trust", website="https://secondchance.org.uk", source="imported"
    )
    OrganisationStatus.objects.filter(organisation=organisation).update(is_claimed=False)
    service = ServicePageFactory(parent=organisation, title="Peer mentoring")
    claimant = VerifiedUserFactory(email="jo@secondchance.org.uk", first_name="Jo")
    colleague = VerifiedUserFactory(email="kim@secondchance.org.uk", first_name="Kim")
    moderator = ModeratorFactory()
    failures = {}

    def scan(name, browser_page):
        violations = axe(browser_page)
        if violations:
            failures[name] = violations

    # Jo claims the listing.
    page = new_page(chromium)
    sign_in(page, url, claimant.email)
    jo_claims_the_listing(page, url, organisation, scan)

    # A moderator approves it in one click: Jo's address is on the organisation's domain.
    moderation = moderator_signs_in(chromium, url, moderator)
    the_moderator_approves_the_claim(moderation, url, scan)

    # Jo invites Kim.
    link = jo_invites_kim(page, url, organisation, colleague)

    # Kim joins and edits the service, then changes its availability.
    kim = new_page(chromium)
    sign_in(kim, url, colleague.email)
    kim_joins_and_sends_an_edit_for_review(kim, url, link, scan)
    kim_changes_the_availability(kim, scan)

    # The public page: the old name, the new availability.
    public = new_page(chromium)
    public.goto(f"{url}{service.url}")
    expect(public.get_by_role("heading", level=1, name="Peer mentoring")).to_be_visible()
    expect(public.get_by_text("About 6 weeks")).to_be_visible()

    # The moderator sees the change field by field and approves it.
    the_moderator_approves_the_edit(moderation, url, scan)

    public.goto(f"{url}{organisation.url}")
    public.get_by_role("link", name="Peer mentoring for women").click()
    expect(public.get_by_role("heading", level=1, name="Peer mentoring for women")).to_be_visible()
    expect(public.get_by_text("About 6 weeks")).to_be_visible()

    # Removing a service asks first.
    kim.goto(f"{url}/manage/{organisation.pk}/services/{service.pk}/remove/")
    scan("remove service", kim)
    assert failures == {}


def jo_claims_the_listing(page, url, organisation, scan):
    """A mistake first (no role given), then the claim is sent."""
    page.goto(f"{url}{organisation.url}")
    page.get_by_role("link", name="Claim this listing").click()
    expect(page.get_by_role("heading", level=1, name="Claim this listing")).to_be_visible()
    scan("claim form", page)
    page.get_by_role("button", name="Send claim").click()
    expect(page.get_by_text("Tell us your role").first).to_be_visible()
    scan("claim form with an error", page)
    page.get_by_label("What is your role in the organisation?").fill("I am the director.")
    page.get_by_role("button", name="Send claim").click()
    expect(page.get_by_role("heading", level=1, name="Your claim has been sent")).to_be_visible()
    scan("claim sent", page)


def the_moderator_approves_the_claim(moderation, url, scan):
    moderation.goto(f"{url}/admin/moderation/")
    expect(moderation.get_by_text(re.compile("secondchance.org.uk")).first).to_be_visible()
    scan("moderation queue with a claim", moderation)
    moderation.get_by_role("button", name=re.compile("Approve the claim for Second Chance")).click()
    expect(moderation.get_by_text(re.compile("Decision recorded"))).to_be_visible()


def jo_invites_kim(page, url, organisation, colleague):
    """Returns the path of the link in the invitation email."""
    page.goto(f"{url}/manage/{organisation.pk}/team/")
    page.get_by_label("Email address").fill(colleague.email)
    page.get_by_role("radio", name=re.compile("^Editor")).check()
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text(f"Invitation sent to {colleague.email}")).to_be_visible()
    return re.search(r"https?://\S+?(/invitations/[-\w]+/)", mail.outbox[-1].body)[1]


def kim_joins_and_sends_an_edit_for_review(kim, url, link, scan):
    kim.goto(f"{url}{link}")
    kim.get_by_role("button", name="Join the team").click()
    expect(kim.get_by_text("You have joined the team of Second Chance Trust")).to_be_visible()
    kim.get_by_role("link", name="Update your listing, services and availability").click()
    expect(kim.get_by_role("heading", level=1, name="Second Chance Trust")).to_be_visible()
    scan("listing", kim)
    kim.get_by_role("link", name="Edit Peer mentoring").click()
    expect(kim.get_by_label("Name of the service")).to_be_visible()
    scan("edit service", kim)
    kim.get_by_label("Name of the service").fill("Peer mentoring for women")
    kim.get_by_role("button", name="Send for review").click()
    expect(kim.get_by_text(re.compile("sent for review"))).to_be_visible()
    expect(kim.get_by_text("Waiting for review").first).to_be_visible()
    scan("listing with changes waiting", kim)


def kim_changes_the_availability(kim, scan):
    kim.get_by_role("link", name="Change availability of Peer mentoring").click()
    expect(kim.get_by_label("Waiting list")).to_be_visible()
    scan("availability", kim)
    kim.get_by_label("Waiting list").check()
    kim.get_by_label("Anything practitioners should know (optional)").fill("About 6 weeks")
    kim.get_by_role("button", name="Save availability").click()
    expect(kim.get_by_text(re.compile("Availability updated"))).to_be_visible()


def the_moderator_approves_the_edit(moderation, url, scan):
    moderation.goto(f"{url}/admin/moderation/")
    moderation.get_by_role("link", name="Second Chance Trust").click()
    expect(moderation.get_by_text("Peer mentoring for women").first).to_be_visible()
    scan("moderation review", moderation)
    moderation.get_by_label("Approve").check()
    moderation.get_by_role("button", name="Record decision").click()
    expect(moderation.get_by_text(re.compile("Decision recorded"))).to_be_visible()


def test_moderation_detail_pages_pass_axe(live_server, chromium, axe):
    from directory.claims.rules import start_claim
    from directory.models import ListingProblemReport
    from tests.factories import build_site_tree

    build_site_tree()
    organisation = OrganisationPageFactory(title="Open Door", source="imported")
    OrganisationStatus.objects.filter(organisation=organisation).update(is_claimed=False)
    claim = start_claim(VerifiedUserFactory(email="al@gmail.com"), organisation, "Volunteer")
    report = ListingProblemReport.objects.create(
        organisation=organisation, what_is_wrong="Moved to a new address"
    )
    page = moderator_signs_in(chromium, live_server.url, ModeratorFactory())
    page.goto(f"{live_server.url}/admin/moderation/claims/{claim.pk}/")
    expect(page.get_by_text("Volunteer", exact=True)).to_be_visible()
    assert axe(page) == []
    page.goto(f"{live_server.url}/admin/moderation/problem-reports/{report.pk}/")
    expect(page.get_by_text("Moved to a new address", exact=True)).to_be_visible()
    assert axe(page) == []
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text(re.compile("This field is required|required")).first).to_be_visible()
    assert axe(page) == []
