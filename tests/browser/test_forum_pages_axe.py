"""axe-core finds nothing, of any impact, on the forum index, a regional forum (its events
list with a full event, the calendar links and "Who runs this forum") and an event page, at
desktop width and on a phone, with JavaScript and without (the site's scripts never load;
axe-core itself needs JavaScript to run)."""

import re

from django.core.cache import cache

import pytest
from playwright.sync_api import expect

from forums.models import ForumContact
from tests.factories import (
    EventPageFactory,
    EventRegistrationFactory,
    ForumIndexPageFactory,
    RegionalForumPageFactory,
    build_site_tree,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(autouse=True)
def _forget_rate_limits():
    cache.clear()


@pytest.fixture
def forum_pages(live_server):
    tree = build_site_tree()
    forums = ForumIndexPageFactory(parent=tree.home)
    forum = RegionalForumPageFactory(
        parent=forums,
        region="north-east",
        director_name="Alex Morgan",
        run_by="<p>The regional team plans the events and reports back.</p>",
        contact_email="north-east.forum@example.org",
        contact_phone="0306 999 0001",
    )
    ForumContact.objects.create(
        forum=forum,
        name="Sam Taylor",
        role="Voluntary sector engagement lead",
        email="sam.taylor.engagement-team@example.org",
        phone="0306 999 0002",
    )
    full = EventPageFactory(parent=forum, title="Housing on release: open forum", capacity=1)
    EventRegistrationFactory(event=full)
    EventPageFactory(parent=forum, title="Commissioning plans briefing", capacity=0)
    return {"index": forums.url, "forum": forum.url, "event": full.url}


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_forum_pages_pass_axe(chromium, live_server, axe, forum_pages, viewport, javascript):
    context = chromium.new_context(locale="en-GB", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(10_000)
    if not javascript:
        page.route(re.compile(r"\.m?js(\?.*)?$"), lambda route: route.abort())

    page.goto(f"{live_server.url}{forum_pages['forum']}")
    expect(page.get_by_text("Full — join the waiting list")).to_be_visible()
    expect(page.get_by_role("link", name="Subscribe in your calendar app")).to_be_visible()
    expect(page.get_by_role("heading", name="Who runs this forum")).to_be_visible()
    expect(page.get_by_role("link", name="sam.taylor.engagement-team@example.org")).to_be_visible()
    assert axe(page) == []

    page.goto(f"{live_server.url}{forum_pages['event']}")
    expect(page.get_by_test_id("event-places")).to_have_text("Full — join the waiting list")
    assert axe(page) == []

    page.goto(f"{live_server.url}{forum_pages['index']}")
    expect(page.get_by_text("Full — join the waiting list")).to_be_visible()
    assert axe(page) == []
    context.close()
