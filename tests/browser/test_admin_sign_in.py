"""Signing in to the admin: one sign-in page for everyone, and staff set up an authenticator
app the first time, with codes computed the way a phone would."""

import re

from django.core.cache import cache

import pyotp
import pytest
from playwright.sync_api import expect

from tests.factories.accounts import (
    DEFAULT_PASSWORD,
    VerifiedUserFactory,
    activate_authenticator_app,
    fresh_code,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _forget_rate_limits():
    """allauth counts sign-in attempts in the cache, which the live server shares."""
    cache.clear()


def sign_in(page, email):
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_an_admin_signs_in_sets_up_an_authenticator_app_and_reaches_the_dashboard(
    live_server, page, axe
):
    admin = VerifiedUserFactory(is_staff=True, is_superuser=True)

    page.goto(f"{live_server.url}/admin/")
    expect(page.get_by_role("heading", level=1, name="Sign in")).to_be_visible()
    assert axe(page) == []
    sign_in(page, admin.email)

    # Sent to set up two-factor authentication before anything else.
    heading = page.get_by_role("heading", level=1, name="Set up your authenticator app")
    expect(heading).to_be_visible()
    expect(page).to_have_url(re.compile(r"/account/2fa/totp/activate/$"))
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    assert axe(page) == []
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    app = pyotp.TOTP(secret)
    page.get_by_label("Code from your authenticator app").fill(fresh_code(app))
    page.get_by_role("button", name="Turn on two-factor authentication").click()

    expect(page.get_by_role("heading", level=1, name="Your recovery codes")).to_be_visible()
    expect(page.get_by_role("list", name="Unused recovery codes")).to_be_visible()
    assert axe(page) == []
    page.get_by_role("button", name="I have saved my codes, continue").click()

    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page).to_have_title(re.compile("Dashboard"))


def test_an_admin_with_an_authenticator_app_enters_a_code_after_the_password(
    live_server, page, axe
):
    admin = VerifiedUserFactory(is_staff=True, is_superuser=True)
    app = activate_authenticator_app(admin)

    page.goto(f"{live_server.url}/admin/")
    sign_in(page, admin.email)

    heading = "Enter the code from your authenticator app"
    expect(page.get_by_role("heading", level=1, name=heading)).to_be_visible()
    assert axe(page) == []
    page.get_by_label("Code from your authenticator app").fill(fresh_code(app))
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page).to_have_title(re.compile("Dashboard"))


def inline_scripts(page):
    return page.locator("script:not([src])").count()


def test_the_account_pages_pass_axe_and_have_no_inline_scripts(live_server, page, axe):
    person = VerifiedUserFactory()
    app = activate_authenticator_app(person)
    anonymous_pages = {
        "sign in": "/account/login/",
        "sign up": "/account/signup/",
        "check your email": "/account/confirm-email/",
        "confirm email, bad link": "/account/confirm-email/not-a-key/",
        "password reset": "/account/password/reset/",
        "password reset sent": "/account/password/reset/done/",
        "password reset, bad link": "/account/password/reset/key/1-not-a-key/",
    }
    failures = {}
    for name, path in anonymous_pages.items():
        page.goto(f"{live_server.url}{path}")
        assert inline_scripts(page) == 0, name
        if violations := axe(page):
            failures[name] = violations

    # The sign-up form with its errors shown.
    page.goto(f"{live_server.url}/account/signup/")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    if violations := axe(page):
        failures["sign up with errors"] = violations

    page.goto(f"{live_server.url}/account/login/")
    sign_in(page, person.email)
    page.get_by_label("Code from your authenticator app").fill(fresh_code(app))
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/account/$"))
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    signed_in_pages = {
        "your account": "/account/",
        "email addresses": "/account/email/",
        "change password": "/account/password/change/",
        "two-factor": "/account/2fa/",
        "recovery codes": "/account/2fa/recovery-codes/",
        "turn off the app": "/account/2fa/totp/deactivate/",
        "sign out": "/account/logout/",
    }
    for name, path in signed_in_pages.items():
        page.goto(f"{live_server.url}{path}")
        assert page.url.endswith(path), (name, page.url)
        assert inline_scripts(page) == 0, name
        if violations := axe(page):
            failures[name] = violations

    assert failures == {}
