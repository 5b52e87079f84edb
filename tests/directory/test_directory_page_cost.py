"""The directory page makes as many queries for 30 results as for 3, on every backend.

The page shows up to 20 services; a result card or a filter option that fetched something of
its own (a lazy relation, a URL read from the database) would make the page grow with the
results. Run once per backend: the database and the engine when one is reachable
(TEST_SEARCH_URL, see tests/search/conftest.py).
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from bs4 import BeautifulSoup

from tests.directory.test_query_budget import add_services
from tests.factories import OrganisationPageFactory
from tests.search import conftest as search_conftest

pytestmark = pytest.mark.django_db

# Every backend in turn (the fixtures of tests/search/conftest.py).
backend = search_conftest.backend
engine_url = search_conftest.engine_url

# Measured once the caches are warm (the same on SQLite and PostgreSQL); raise one only for
# a query the page really needs. Every backend: routing and serving the page (7), the base
# template (3: the page's languages, the menu, the site settings; the breadcrumbs of a page
# just under the home page need none) and the page of results with its three prefetches
# (4). The database adds one query, the facet snapshot's token (the matching ids, whether
# each meets each filter, their order and the facet counts come from the snapshot); the
# engine finds the matches and counts them in one request, no SQL.
PAGE_QUERIES = {"database": 15, "engine": 14}
# With filters chosen the same queries are narrowed; the search is logged (3).
FILTERED_PAGE_QUERIES = {"database": 18, "engine": 17}

FILTERS = {"region": ["london"], "category": ["accommodation"], "group": ["women"]}


@pytest.fixture
def organisations(tree):
    return [OrganisationPageFactory(regions=["london"]) for _ in range(3)]


def page_with(client, tree, search_backend, params):
    """(queries for one request of the directory page after a warm-up, services listed)."""
    search_backend.refresh()
    url = tree.directory.get_url()
    client.get(url, params)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    listed = BeautifulSoup(response.content, "html.parser").select(".cg-results > .cg-result")
    return len(queries), len(listed)


@pytest.mark.parametrize(
    ("params", "budgets"), [({}, PAGE_QUERIES), (FILTERS, FILTERED_PAGE_QUERIES)]
)
def test_the_directory_page_makes_as_many_queries_for_30_results_as_for_3(
    client, tree, organisations, backend, request, params, budgets
):
    add_services(organisations, 3)
    with_3, listed_3 = page_with(client, tree, backend, params)

    add_services(organisations, 27)
    with_30, listed_30 = page_with(client, tree, backend, params)

    assert (listed_3, listed_30) == (3, 20)
    assert with_3 == with_30
    assert with_30 == budgets[request.node.callspec.params["backend"]]
