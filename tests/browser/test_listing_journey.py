"""A small charity lists itself; a moderator with an authenticator app approves the listing.

Real Chromium, a real sign-up with the emailed confirmation link, every step of the form, and
a moderator entering codes computed the way a phone would."""

import re

from django.core import mail
from django.core.cache import cache

import pytest
from playwright.sync_api import expect

from tests.factories.accounts import DEFAULT_PASSWORD, ModeratorFactory, fresh_code

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _forget_rate_limits():
    cache.clear()


@pytest.fixture
def site(live_server):
    from tests.factories import build_site_tree

    return build_site_tree()


def sign_in(page, email, password=DEFAULT_PASSWORD):
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Sign in").click()


def link_from_last_email(path_pattern):
    match = re.search(rf"https?://[^/\s]+(?P<path>{path_pattern})", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match["path"]


def test_a_charity_signs_up_lists_itself_and_a_moderator_approves(live_server, site, page, axe):
    url = live_server.url
    moderator = ModeratorFactory(email="moderator@example.com")

    # Sign up and confirm the email address from the link in the outbox.
    sign_up_and_confirm_the_email_address(page, url, axe)

    # Step 1: the organisation.
    page.goto(f"{url}/list-your-organisation/organisation/")
    expect(page.get_by_role("heading", level=1, name="Your organisation")).to_be_visible()
    assert axe(page) == []
    describe_the_organisation_after_a_mistake(page, axe)

    # Step 2: what you do.
    expect(page.get_by_role("heading", level=1, name="What you do")).to_be_visible()
    assert axe(page) == []
    describe_the_service(page)

    # Step 3: where and for whom.
    expect(page.get_by_role("heading", level=1, name="Where you work and who for")).to_be_visible()
    assert axe(page) == []
    page.get_by_label("Yorkshire and the Humber").check()
    page.get_by_label("Women", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()

    # Where people go: nowhere fixed.
    expect(page.get_by_role("heading", level=1, name="Where people go")).to_be_visible()
    page.get_by_label(re.compile("^No, it has no fixed location")).check()
    page.get_by_role("button", name="Save and continue").click()

    # Step 4: how to refer.
    expect(page.get_by_role("heading", level=1, name="How to refer")).to_be_visible()
    assert axe(page) == []
    page.get_by_label("Self-referral or professional referral").check()
    page.get_by_role("button", name="Save and continue").click()

    # Check your answers, change one, send.
    check_the_answers_and_send(page, axe)

    # The owner sees it waiting for review; the public does not see it yet.
    page.get_by_role("link", name=re.compile("See your listing")).click()
    expect(page.get_by_text(re.compile("waiting for review")).first).to_be_visible()
    assert axe(page) == []

    # A moderator signs in with a code from their authenticator app and approves.
    the_moderator_approves_the_listing(page, url, moderator, axe)

    # Public, and in the directory.
    page.goto(f"{url}/directory/?q=move-on")
    expect(page.get_by_role("link", name="Women's move-on housing")).to_be_visible()
    page.get_by_role("link", name="Women's move-on housing").click()
    expect(page.get_by_role("heading", level=1, name="Women's move-on housing")).to_be_visible()


def sign_up_and_confirm_the_email_address(page, url, axe):
    page.goto(f"{url}/list-your-organisation/")
    assert axe(page) == []
    page.get_by_role("button", name="Start now").click()
    page.get_by_role("link", name=re.compile("Create an account|Sign up")).first.click()
    page.locator("input[name=email]").fill("sam@lwhp.org.uk")
    page.locator("input[name=password1]").fill(DEFAULT_PASSWORD)
    page.locator("input[name=password2]").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("email")
    page.goto(url + link_from_last_email(r"/account/confirm-email/[-:\w]+/"))
    page.get_by_role("button", name=re.compile("Confirm")).click()
    if page.locator("input[name=login]").count():
        sign_in(page, "sam@lwhp.org.uk")


def describe_the_organisation_after_a_mistake(page, axe):
    """Sent empty first: the errors pass axe-core too."""
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert axe(page) == []
    page.get_by_label("Organisation name").fill("Leeds Women's Housing Project")
    page.get_by_label("What your organisation does, in one sentence").fill(
        "We help women leaving prison in Leeds find a safe home."
    )
    page.get_by_label("Website (optional)").fill("https://lwhp.org.uk")
    page.get_by_label("Contact email address").fill("hello@lwhp.org.uk")
    page.get_by_label("Charity Commission for England and Wales").check()
    page.locator("#id_charity_number_ccew").fill("1098765")
    page.get_by_role("button", name="Save and continue").click()


def describe_the_service(page):
    page.get_by_label("Name of the service").fill("Women's move-on housing")
    page.get_by_label("Describe the service").fill("Safe homes and support to keep them.")
    page.get_by_label("Accommodation", exact=True).check()
    page.get_by_label(re.compile("Housing advice")).check()
    page.get_by_label("In person").check()
    page.get_by_role("button", name="Save and continue").click()


def check_the_answers_and_send(page, axe):
    expect(
        page.get_by_role("heading", level=1, name=re.compile("Check your answers"))
    ).to_be_visible()
    assert axe(page) == []
    expect(page.get_by_text("Women's move-on housing")).to_be_visible()
    page.get_by_role("button", name="Accept and send").click()
    expect(page.get_by_role("heading", level=1, name="Listing sent")).to_be_visible()
    assert axe(page) == []


def the_moderator_approves_the_listing(page, url, moderator, axe):
    moderator_page = page.context.browser.new_context(locale="en-GB").new_page()
    moderator_page.goto(f"{url}/admin/")
    sign_in(moderator_page, moderator.email)
    moderator_page.get_by_label("Code from your authenticator app").fill(
        fresh_code(moderator.authenticator_app)
    )
    moderator_page.get_by_role("button", name="Sign in").click()
    expect(moderator_page.get_by_text(re.compile("1 item to moderate"))).to_be_visible()
    moderator_page.goto(f"{url}/admin/moderation/")
    assert axe(moderator_page) == []
    moderator_page.get_by_role("link", name="Leeds Women's Housing Project").click()
    expect(moderator_page.get_by_text("Women's move-on housing").first).to_be_visible()
    assert axe(moderator_page) == []
    moderator_page.get_by_label("Approve").check()
    moderator_page.get_by_role("button", name="Record decision").click()
    expect(moderator_page.get_by_text(re.compile("Decision recorded"))).to_be_visible()
