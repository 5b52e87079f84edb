"""Someone without an account registers for an event: they find their organisation in the
directory without JavaScript, get the link by email and confirm. Every page passes axe-core,
on a desktop and on a phone, with JavaScript and without."""

import re

from django.core import mail
from django.core.cache import cache

import pytest
from playwright.sync_api import expect

from forums.models import EventRegistration
from tests.factories import (
    EventPageFactory,
    ForumIndexPageFactory,
    OrganisationPageFactory,
    RegionalForumPageFactory,
    build_site_tree,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def _forget_rate_limits():
    cache.clear()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_guest_registers_with_their_email_address(
    live_server, chromium, axe, javascript, viewport
):
    tree = build_site_tree()
    forum = RegionalForumPageFactory(parent=ForumIndexPageFactory(parent=tree.home))
    event = EventPageFactory(parent=forum, title="North East forum meeting")
    charity = OrganisationPageFactory(title="Second Chances North East")
    context = chromium.new_context(viewport=viewport, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    if not javascript:
        # axe-core needs JavaScript: "without JavaScript" is the page without its scripts.
        page.route(re.compile(r"\.m?js$"), lambda route: route.abort())

    page.goto(f"{live_server.url}{event.url}")
    page.get_by_role("link", name="Register with your email address").click()
    expect(page.get_by_role("heading", name="Register without an account")).to_be_visible()
    assert axe(page) == []

    page.get_by_label("Full name").fill("Grace Hopper")
    page.get_by_label("Email address").fill("grace@example.org")
    page.get_by_label("Search for your organisation").fill("second chances")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("1 organisation matches")).to_be_visible()
    assert axe(page) == []
    page.get_by_label(charity.title).check()
    page.get_by_role("button", name="Email me the link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert axe(page) == []

    link = re.search(r"http\S+/events/register/confirm/\S+/", mail.outbox[-1].body).group(0)
    page.goto(f"{live_server.url}/events/{link.split('/events/', 1)[1]}")
    expect(page.get_by_role("heading", name="Confirm your registration")).to_be_visible()
    assert axe(page) == []
    assert not EventRegistration.objects.exists()
    page.get_by_role("button", name="Confirm my registration").click()
    expect(page.get_by_role("heading", name="You are registered")).to_be_visible()
    assert axe(page) == []
    assert EventRegistration.objects.get().organisation == charity
    context.close()
