"""A search on the engine asks the database only for what the page shows, in a fixed number
of queries whatever the number of results on the page.

Engine only: skipped locally with a reason when no engine is reachable, failing under CI.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from search.api import SearchQuery, search
from search.engine import rebuild
from tests.factories import OrganisationPageFactory, ServiceLocationFactory, ServicePageFactory

pytestmark = pytest.mark.django_db

# The services, their organisations and statuses; categories; regions; locations.
QUERIES_FOR_A_PAGE = 4


@pytest.fixture
def engine(own_engine_index):
    return own_engine_index


def add_services(organisation, count, word):
    for number in range(count):
        service = ServicePageFactory(
            parent=organisation,
            title=f"{word.title()} service {number}",
            description=f"<p>Help with {word}, in person and by phone.</p>",
            categories=["housing-advice", "supported-housing"],
        )
        ServiceLocationFactory(service=service, area=f"Area {number}")


def queries_for(text):
    """The SQL statements one search makes once reference data is cached, and its results."""
    query = SearchQuery(text=text, per_page=100)
    search("services", query)
    with CaptureQueriesContext(connection) as captured:
        results = search("services", query)
        for service in results.results:
            # What a result card reads.
            service.organisation.operational_status.may_be_out_of_date  # noqa: B018
            list(service.result_categories)
            list(service.result_regions)
            list(service.result_areas)
    assert results.backend == "engine"
    return captured.captured_queries, results


def test_a_page_of_results_costs_the_same_queries_for_5_or_40_results(engine):
    organisation = OrganisationPageFactory(title="Northern Homes Trust", regions=["london"])
    add_services(organisation, 5, "tenancy")
    add_services(organisation, 40, "budgeting")
    rebuild("services")

    few, few_results = queries_for("tenancy")
    many, many_results = queries_for("budgeting")

    assert few_results.total == 5
    assert many_results.total == 40
    assert len(many_results.results) == 40
    assert len(few) == len(many), [query["sql"] for query in many]
    assert len(many) <= QUERIES_FOR_A_PAGE, [query["sql"] for query in many]


def test_a_search_with_no_results_asks_the_database_nothing(engine):
    add_services(OrganisationPageFactory(), 3, "tenancy")
    rebuild("services")

    captured, results = queries_for("xylophone")

    assert results.total == 0
    assert captured == []
