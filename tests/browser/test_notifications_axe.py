"""Choosing a forum's emails and stopping them pass axe-core, of any impact: the forum
page's link, the preferences page (with its error, and saved), the account page's list, and
the unsubscribe pages (asking, done, and a broken link), at desktop width and on a phone,
with JavaScript and without."""

import re

import pytest
from playwright.sync_api import expect

from forums.notifications.links import unsubscribe_token
from tests.factories import ForumIndexPageFactory, RegionalForumPageFactory, build_site_tree
from tests.factories.accounts import VerifiedUserFactory

from .test_listing_pages_axe import DESKTOP, PHONE, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def forum(live_server):
    tree = build_site_tree()
    return RegionalForumPageFactory(
        parent=ForumIndexPageFactory(parent=tree.home), region="north-east"
    )


def _choose_emails(page, axe, forum):
    page.get_by_role("link", name="Choose the emails you get from this forum").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Choose the emails you get from this forum"
    )
    assert axe(page) == []
    page.get_by_label("News").check()
    page.get_by_role("button", name="Save your choices").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert axe(page) == []
    page.get_by_label("A weekly digest").check()
    page.get_by_role("button", name="Save your choices").click()
    expect(page.get_by_text("Your choices are saved")).to_be_visible()
    assert axe(page) == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_choosing_and_stopping_a_forums_emails_has_no_axe_violations(
    chromium, live_server, forum, axe, viewport, javascript
):
    person = VerifiedUserFactory()
    page, _client = signed_in_page(chromium, live_server, person, viewport, javascript)
    page.goto(f"{live_server.url}{forum.url}")
    expect(page.get_by_role("heading", name="Get emails from this forum")).to_be_visible()
    assert axe(page) == []
    _choose_emails(page, axe, forum)
    page.goto(f"{live_server.url}/account/")
    expect(page.get_by_role("heading", name="Emails from forums")).to_be_visible()
    assert axe(page) == []
    page.get_by_role("link", name=re.compile("^Stop")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Stop emails from {forum.title}")
    assert axe(page) == []
    page.get_by_role("button", name="Stop these emails").click()
    expect(page.get_by_text("You are unsubscribed")).to_be_visible()
    assert axe(page) == []
    token = unsubscribe_token(person.pk, forum.pk)
    page.goto(f"{live_server.url}/forum-emails/stop/{token}x/")
    expect(page.get_by_role("heading", name="This link does not work")).to_be_visible()
    assert axe(page) == []
    page.context.close()
