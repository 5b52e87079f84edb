"""An owner invites a colleague; the colleague follows the emailed link and joins the team.
Someone else holding the link cannot. Every page on the way passes axe-core."""

import re

from django.core import mail

import pytest
from playwright.sync_api import expect

from directory.models import OrganisationMembership
from tests.factories.accounts import DEFAULT_PASSWORD, VerifiedUserFactory
from tests.factories.team import InvitationFactory, MembershipFactory, OwnerFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _forget_rate_limits():
    from django.core.cache import cache

    cache.clear()


def sign_in(page, base_url, email, next_path=""):
    page.goto(f"{base_url}/account/login/{next_path}")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_an_owner_invites_a_colleague_who_joins_from_the_email(
    live_server, chromium, axe, javascript
):
    owner = VerifiedUserFactory(first_name="Priya", last_name="Shah")
    organisation = OwnerFactory(user=owner, organisation__title="Alpha Aid").organisation
    MembershipFactory(user=owner, organisation__title="Beta Support")  # two teams: a switcher
    colleague = VerifiedUserFactory(first_name="Sam", last_name="Jones")
    failures = {}

    def scan(name, browser_page):
        if not javascript:  # axe-core is a script: the pages are scanned in the other run
            return
        violations = axe(browser_page)
        if violations:
            failures[name] = violations

    owner_context = chromium.new_context(locale="en-GB", java_script_enabled=javascript)
    page = owner_context.new_page()
    page.set_default_timeout(10_000)
    the_owner_opens_the_team_page(page, live_server.url, owner, scan)
    the_owner_invites_the_colleague_after_a_mistake(page, colleague, scan)
    owner_context.close()

    [message] = mail.outbox
    link = re.search(r"http://\S+/invitations/[-\w]+/", message.body)[0]
    path = "/" + link.split("/", 3)[3]

    colleague_context = chromium.new_context(locale="en-GB", java_script_enabled=javascript)
    page = colleague_context.new_page()
    page.set_default_timeout(10_000)
    the_colleague_signs_in_from_the_link(page, live_server.url, path, colleague, scan)
    the_colleague_joins(page, organisation)
    assert OrganisationMembership.objects.filter(
        user=colleague, organisation=organisation, role="editor"
    ).exists()

    page.goto(f"{live_server.url}{path}")  # the link again: already in, nothing changes
    expect(page).to_have_url(re.compile(rf"/manage/{organisation.pk}/$"))

    the_colleague_opens_the_delete_account_page(page, live_server.url, scan)
    colleague_context.close()

    assert failures == {}


def the_owner_opens_the_team_page(page, base_url, owner, scan):
    """From their account, through the dashboard of one of their two organisations."""
    sign_in(page, base_url, owner.email)
    expect(page.get_by_role("heading", level=1, name="Your account")).to_be_visible()
    expect(page.get_by_role("heading", name="Your organisations")).to_be_visible()
    scan("account", page)

    page.get_by_role("link", name="Manage Alpha Aid").click()
    expect(page.get_by_role("heading", level=1, name="Alpha Aid")).to_be_visible()
    expect(page.get_by_role("link", name="Change organisation")).to_be_visible()
    scan("dashboard", page)

    page.get_by_role("link", name="Manage the team and invite colleagues").click()
    expect(page.get_by_role("heading", level=1, name="Your team")).to_be_visible()
    scan("team", page)


def the_owner_invites_the_colleague_after_a_mistake(page, colleague, scan):
    # A mistake first: the error shows next to the field, and the choice is kept.
    page.get_by_label("Email address").fill("sam at example")
    page.get_by_role("radio", name=re.compile("^Owner")).check()
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter an email address")
    expect(page.get_by_role("radio", name=re.compile("^Owner"))).to_be_checked()
    scan("team with an error", page)

    page.get_by_label("Email address").fill(colleague.email)
    page.get_by_role("radio", name=re.compile("^Editor")).check()
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text(f"Invitation sent to {colleague.email}")).to_be_visible()
    expect(page.get_by_role("cell", name=colleague.email, exact=True)).to_be_visible()


def the_colleague_signs_in_from_the_link(page, base_url, path, colleague, scan):
    """Signed out, they open the emailed link, sign in from it and come back to it."""
    page.goto(f"{base_url}{path}")
    expect(page.get_by_role("heading", level=1, name="Join the team of Alpha Aid")).to_be_visible()
    expect(page.get_by_text("Priya Shah")).to_be_visible()
    scan("invitation (signed out)", page)
    page.get_by_role("link", name="Sign in").last.click()
    page.get_by_label("Email address").fill(colleague.email)
    page.get_by_label("Password", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    scan("invitation (signed in)", page)


def the_colleague_joins(page, organisation):
    page.get_by_role("button", name="Join the team").click()

    expect(page).to_have_url(re.compile(rf"/manage/{organisation.pk}/$"))
    expect(page.get_by_text("You have joined the team of Alpha Aid")).to_be_visible()
    expect(page.get_by_role("cell", name="Sam Jones (you)")).to_be_visible()


def the_colleague_opens_the_delete_account_page(page, base_url, scan):
    page.goto(f"{base_url}/account/delete/")
    expect(page.get_by_role("heading", level=1, name="Delete your account")).to_be_visible()
    scan("delete account", page)
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_text("Enter your password").first).to_be_visible()
    scan("delete account with an error", page)


def test_someone_else_holding_the_link_is_told_whom_it_is_for_and_the_invitee_joins(
    live_server, chromium, axe
):
    """A forwarded link: the person signed in with another address is refused and told whom
    it is for (address partly hidden); they sign out, the invited person signs in, comes
    back to the link and joins."""
    owner = VerifiedUserFactory(first_name="Priya", last_name="Shah")
    organisation = OwnerFactory(user=owner, organisation__title="Alpha Aid").organisation
    invitation = InvitationFactory(
        organisation=organisation,
        invited_by=owner,
        role="owner",
        email="Jo.Bloggs@Example.org",  # as the owner typed it
        token="forwarded-link",
    )
    intruder = VerifiedUserFactory(email="intruder@example.net")
    invitee = VerifiedUserFactory(email="jo.bloggs@example.org", first_name="Jo")
    path = "/invitations/forwarded-link/"
    failures = {}

    context = chromium.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server.url, intruder.email, f"?next={path}")
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    expect(
        page.get_by_role("heading", level=1, name="This invitation is for someone else")
    ).to_be_visible()
    expect(page.get_by_text("was sent to J***@Example.org")).to_be_visible()
    expect(page.get_by_text("jo.bloggs@example.org")).to_have_count(0)
    expect(page.get_by_role("button", name="Join the team")).to_have_count(0)
    failures["not for you"] = axe(page)
    assert not OrganisationMembership.objects.filter(user=intruder).exists()

    page.locator("main").get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    expect(page.get_by_role("heading", level=1, name="Join the team of Alpha Aid")).to_be_visible()
    expect(page.get_by_text("This invitation is for J***@Example.org")).to_be_visible()
    failures["invitation (signed out)"] = axe(page)
    page.get_by_role("link", name="Sign in").last.click()
    page.get_by_label("Email address").fill(invitee.email)
    page.get_by_label("Password", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    page.get_by_role("button", name="Join the team").click()
    expect(page).to_have_url(re.compile(rf"/manage/{organisation.pk}/$"))
    expect(page.get_by_text("You have joined the team of Alpha Aid")).to_be_visible()
    context.close()

    invitation.refresh_from_db()
    assert invitation.accepted_by == invitee
    assert not OrganisationMembership.objects.filter(user=intruder).exists()
    assert {name: violations for name, violations in failures.items() if violations} == {}
