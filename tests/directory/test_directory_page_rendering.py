"""Rendering the directory page asks the database nothing of its own, and the links every page
carries (footer, breadcrumbs) cost a query at most.

The page's context is built before its template is rendered: the search, its results with
what their cards show, the filters and their counts. While the template renders, the only
queries are the base template's (the page's languages, the menu, the site settings), the
same for 3 results as for 30; a card or a filter option that fetched something would show
here as a query on the directory's tables.
"""

import re

from django.db import connection
from django.template.response import SimpleTemplateResponse
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

import pytest
from bs4 import BeautifulSoup

from core.models import SiteSettings
from tests.directory.test_query_budget import FILTERS, add_services
from tests.factories import OrganisationPageFactory
from tests.factories.home import ContentPageFactory
from tests.factories.translations import welsh_version
from tests.search import conftest as search_conftest

pytestmark = pytest.mark.django_db

backend = search_conftest.backend
engine_url = search_conftest.engine_url

# The base template's own: the page's languages, the menu and the site settings.
BASE_TEMPLATE_TABLES = {"wagtailcore_page", "core_sitesettings"}
BASE_TEMPLATE_QUERIES = 3


@pytest.fixture
def rendering_queries(monkeypatch):
    """The SQL run while a response's template renders (the last response rendered)."""
    captured = []
    render = SimpleTemplateResponse.render

    def capturing(response):
        with CaptureQueriesContext(connection) as queries:
            result = render(response)
        captured[:] = [query["sql"] for query in queries.captured_queries]
        return result

    monkeypatch.setattr(SimpleTemplateResponse, "render", capturing)
    return captured


def tables(sql):
    return set(re.findall(r'FROM "(\w+)"', sql))


@pytest.mark.parametrize("params", [{}, FILTERS], ids=["browse", "filtered"])
def test_rendering_the_directory_page_makes_no_queries_of_its_own(
    client, tree, backend, rendering_queries, params
):
    organisations = [OrganisationPageFactory(regions=["london"]) for _ in range(3)]
    url = tree.directory.get_url()
    counts = []
    for number in (3, 27):
        add_services(organisations, number)
        backend.refresh()
        client.get(url, params)  # warm the caches
        response = client.get(url, params)
        assert response.status_code == 200
        counts.append(len(rendering_queries))
        touched = set().union(*(tables(sql) for sql in rendering_queries))
        assert touched <= BASE_TEMPLATE_TABLES, rendering_queries
    cards = BeautifulSoup(response.content, "html.parser").select(".cg-results > .cg-result")
    assert len(cards) == 20
    assert counts == [BASE_TEMPLATE_QUERIES, BASE_TEMPLATE_QUERIES]


def test_the_footer_links_to_each_page_in_the_visitors_language_in_one_query(
    client, tree, rendering_queries
):
    privacy = ContentPageFactory(parent=tree.home, title="Privacy notice", slug="privacy")
    cookies = ContentPageFactory(parent=tree.home, title="Cookies", slug="cookies")
    welsh_privacy = welsh_version(privacy, title="Hysbysiad preifatrwydd", slug="preifatrwydd")
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.privacy_page = privacy
    site_settings.cookies_page = cookies
    site_settings.save()
    url = tree.directory.get_url()

    english = _footer_links(client.get(url))
    client.get(f"/cy{url}")
    welsh = _footer_links(client.get(f"/cy{url}"))

    assert english["Privacy"] == privacy.get_url()
    assert english["Cookies"] == cookies.get_url()
    assert "Accessibility statement" not in english  # none chosen
    # The Welsh privacy notice; the cookies page is not translated, so it is the English one
    # (as Wagtail's `Page.localized` gives).
    assert welsh_privacy.get_url() in welsh.values()
    assert privacy.get_url() not in welsh.values()
    assert cookies.get_url() in welsh.values()
    # The page's languages, the menu, the site settings, and the footer's pages in one query
    # (two for each before: the chosen page, then its translation).
    assert len(rendering_queries) == BASE_TEMPLATE_QUERIES + 1, rendering_queries


def _footer_links(response):
    assert response.status_code == 200
    footer = BeautifulSoup(response.content, "html.parser").select_one("footer")
    return {link.get_text(strip=True): link["href"] for link in footer.select("a")}


def test_the_breadcrumbs_of_a_section_link_home_without_a_query(client, tree, rendering_queries):
    url = tree.directory.get_url()
    client.get(url)
    response = client.get(url)
    crumbs = BeautifulSoup(response.content, "html.parser").select(".govuk-breadcrumbs__link")
    assert [(crumb.get_text(strip=True), crumb["href"]) for crumb in crumbs] == [
        ("Home", tree.home.get_url())
    ]
    assert not [sql for sql in rendering_queries if '"wagtailcore_page"."path" IN' in sql]
