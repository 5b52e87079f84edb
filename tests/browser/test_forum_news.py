"""A forum's news page, and the forum page listing it, pass axe-core."""

import datetime

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_forum_news_pages_pass_axe(live_server, page, axe):
    from forums.models import ForumNewsPage
    from tests.factories import RegionalForumPageFactory, build_site_tree

    build_site_tree()
    forum = RegionalForumPageFactory()
    news = ForumNewsPage(
        title="A new chair for the forum",
        date=datetime.date(2026, 11, 2),
        summary="Welcome to our new chair.",
        body="<p>She starts in December.</p>",
    )
    forum.add_child(instance=news)

    page.goto(f"{live_server.url}{forum.url}")
    expect(page.get_by_role("heading", name="News")).to_be_visible()
    assert axe(page) == []
    page.get_by_role("link", name="A new chair for the forum").click()
    expect(page.get_by_role("heading", level=1, name="A new chair for the forum")).to_be_visible()
    assert axe(page) == []
