"""List pages make a fixed number of queries, however many services they show.

The budgets below were measured; a change that makes a page fetch related rows one result at
a time (N+1) makes the two sizes differ, and a change that adds queries breaks the budget.
Raise a budget only for a query the page really needs, and say why in the commit.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from search.api import SearchQuery, search
from tests.factories import OrganisationPageFactory, ServiceLocationFactory, ServicePageFactory

pytestmark = pytest.mark.django_db

# Measured on SQLite and PostgreSQL (the same on both), once the caches are warm.
# The search entry point alone, as the directory page and the open data API call it: the
# facet snapshot's token (which results are listed, meet each chosen filter, in what order
# and the facet counts come from the snapshot), the page's rows and their three prefetches
# (categories, regions, locations). The terms of the six taxonomy facets are cached (six
# queries when the cache is cold).
SEARCH_QUERIES = 5
# The directory page: routing and serving the page (7), the search (5), and the base
# template (site settings, navigation, the page's language: 3).
DIRECTORY_PAGE_QUERIES = 15
# The same page with three filters chosen: filters narrow the same queries, they add none,
# but a filtered search is logged (a savepoint, an update and its release: 3).
DIRECTORY_PAGE_WITH_FILTERS_QUERIES = 18
# An organisation page: routing and serving, breadcrumbs, the base template, its services with
# their status, its coverage regions, its own status and its HMPPS contracts and grants.
ORGANISATION_PAGE_QUERIES = 17

FILTERS = {"region": ["london"], "category": ["accommodation"], "group": ["women"]}


def add_services(organisations, number):
    """`number` services matching FILTERS, spread over the organisations, each with a location."""
    for index in range(number):
        service = ServicePageFactory(
            parent=organisations[index % len(organisations)],
            regions=["london", "wales"],
            categories=["housing-advice", "debt-advice"],
            client_groups=["women", "homelessness"],
            stages=["on-probation"],
        )
        ServiceLocationFactory(service=service)


@pytest.fixture
def organisations(tree):
    return [
        OrganisationPageFactory(
            regions=["london"],
            led_by_and_for=["women"],
            commissioning_relationships=["moj-grant"],
            income_band="10k-100k",
        )
        for _ in range(4)
    ]


def queries_for_page(client, page, params=None):
    """Queries made by one request for the page, after a first request has warmed the caches."""
    url = page.get_url()
    client.get(url, params)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


def queries_for_search(filters):
    """Queries made by one search, after a first search has warmed the caches."""
    search("services", SearchQuery(filters=filters))
    with CaptureQueriesContext(connection) as queries:
        results = search("services", SearchQuery(filters=filters))
        list(results.results)
    assert results.total > 0
    return len(queries)


def test_the_directory_page_makes_as_many_queries_for_100_services_as_for_10(
    client, tree, organisations
):
    add_services(organisations, 10)
    with_10 = queries_for_page(client, tree.directory)

    add_services(organisations, 90)
    with_100 = queries_for_page(client, tree.directory)

    assert with_10 == with_100
    assert with_100 == DIRECTORY_PAGE_QUERIES


def test_the_filtered_directory_page_makes_as_many_queries_for_100_services_as_for_10(
    client, tree, organisations
):
    add_services(organisations, 10)
    with_10 = queries_for_page(client, tree.directory, FILTERS)

    add_services(organisations, 90)
    with_100 = queries_for_page(client, tree.directory, FILTERS)

    assert with_10 == with_100
    assert with_100 == DIRECTORY_PAGE_WITH_FILTERS_QUERIES


def test_a_search_makes_as_many_queries_for_100_services_as_for_10(organisations):
    add_services(organisations, 10)
    with_10 = (queries_for_search({}), queries_for_search(FILTERS))

    add_services(organisations, 90)
    with_100 = (queries_for_search({}), queries_for_search(FILTERS))

    assert with_10 == with_100
    assert with_100 == (SEARCH_QUERIES, SEARCH_QUERIES)


def test_an_organisation_page_makes_as_many_queries_for_10_services_as_for_2(client, tree):
    organisation = OrganisationPageFactory(regions=["london"])
    add_services([organisation], 2)
    with_2 = queries_for_page(client, organisation)

    add_services([organisation], 8)
    with_10 = queries_for_page(client, organisation)

    assert with_2 == with_10
    assert with_10 == ORGANISATION_PAGE_QUERIES
