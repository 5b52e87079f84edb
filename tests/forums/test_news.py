"""Forum news: the RPD's team posts news under its forum; the forum page shows the latest."""

import datetime

import pytest

from forums.models import ForumNewsPage

pytestmark = pytest.mark.django_db


def add_news(forum, title, date, live=True):
    page = ForumNewsPage(
        title=title, date=date, summary=f"About {title}", body="<p>Body</p>", live=live
    )
    forum.add_child(instance=page)
    return page


def test_the_forum_page_shows_its_latest_live_news_newest_first(client, forum, other_forum):
    add_news(forum, "Older news", datetime.date(2026, 1, 5))
    add_news(forum, "Newer news", datetime.date(2026, 3, 1))
    add_news(forum, "Draft news", datetime.date(2026, 4, 1), live=False)
    add_news(other_forum, "Another region's news", datetime.date(2026, 4, 1))
    page = client.get(forum.url).content.decode()
    assert "Newer news" in page and "Older news" in page
    assert page.index("Newer news") < page.index("Older news")
    assert "Draft news" not in page and "Another region" not in page


def test_a_news_page_shows_its_date_and_links_back_to_its_forum(client, forum):
    news = add_news(forum, "New chair <b>appointed</b>", datetime.date(2026, 11, 2))
    response = client.get(news.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "2 November 2026" in content
    assert "New chair &lt;b&gt;appointed&lt;/b&gt;" in content
    assert forum.url in content


def test_news_lives_only_under_a_regional_forum():
    assert ForumNewsPage.parent_page_types == ["forums.RegionalForumPage"]
    from directory.models import OrganisationPage

    assert not ForumNewsPage.can_create_at(OrganisationPage())
