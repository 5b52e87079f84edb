"""The site menu lists the live sections under the home page that are shown in menus, in the
visitor's language, as soon as a section is published, unpublished or moved; and it finds
them without reading the pages below them."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from bs4 import BeautifulSoup

from core.navigation import children
from tests.factories import build_site_tree
from tests.factories.home import ContentPageFactory
from tests.factories.translations import welsh_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return build_site_tree()


def section(parent, title, **fields):
    return ContentPageFactory(parent=parent, title=title, show_in_menus=True, **fields)


def menu(client, path="/"):
    """[(title, href)] of the header's menu on the page at `path`."""
    response = client.get(path)
    assert response.status_code == 200
    links = BeautifulSoup(response.content, "html.parser").select("#navigation a")
    return [(link.get_text(strip=True), link["href"]) for link in links]


def titles(client, path="/"):
    return [title for title, _href in menu(client, path)]


def test_children_are_the_pages_one_level_down_in_tree_order(tree):
    first = section(tree.home, "Support")
    nested = section(first, "Under support")
    section(nested, "Further down")
    doomed = section(tree.home, "Removed")
    last = section(tree.home, "Events")
    section(last, "Under events")
    doomed.delete()  # leaves a gap between the children's paths

    found = list(children(tree.home))

    assert found == list(tree.home.get_children())
    assert [page.pk for page in found] == [tree.directory.pk, first.pk, last.pk]
    assert list(children(first)) == [nested.page_ptr]
    assert list(children(nested.get_children().get())) == []


def test_the_menu_lists_live_sections_shown_in_menus_not_the_pages_under_them(client, tree):
    support = section(tree.home, "Support")
    section(support, "A page under support")
    ContentPageFactory(parent=tree.home, title="Not in the menu", show_in_menus=False)
    draft = section(tree.home, "Draft section")
    draft.unpublish()

    assert titles(client) == ["Support"]
    assert menu(client)[0][1] == support.get_url()


def test_a_newly_published_section_appears_at_once_in_english_and_welsh(client, tree):
    section(tree.home, "Support")
    assert titles(client) == ["Support"]
    assert titles(client, "/cy/") == ["Support"]

    events = section(tree.home, "Events")
    welsh_version(events, title="Digwyddiadau", slug="digwyddiadau")

    assert titles(client) == ["Support", "Events"]
    assert titles(client, "/cy/") == ["Support", "Digwyddiadau"]


def test_an_unpublished_or_moved_section_leaves_the_menu_at_once(client, tree):
    support = section(tree.home, "Support")
    events = section(tree.home, "Events")
    news = section(tree.home, "News")
    assert titles(client) == ["Support", "Events", "News"]

    events.unpublish()
    news.move(support, pos="last-child")

    assert titles(client) == ["Support"]


def test_the_menu_finds_its_sections_without_reading_the_pages_under_them(client, tree):
    support = section(tree.home, "Support")
    for number in range(3):
        section(section(support, f"Page {number}"), f"Below page {number}")
    client.get("/")

    with CaptureQueriesContext(connection) as queries:
        assert titles(client) == ["Support"]

    # Wagtail's `get_children()` asks for the range of every path under the home page.
    home_range = f"'{tree.home.path}0000'"
    menu_queries = [
        q["sql"] for q in queries.captured_queries if "show_in_menus" in where(q["sql"])
    ]
    assert len(menu_queries) == 1
    assert home_range not in menu_queries[0]


def where(sql):
    return sql.split(" WHERE ", 1)[-1] if " WHERE " in sql else ""
