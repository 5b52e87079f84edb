"""What a search asks the engine: facets counted under the same filters share one
aggregation, and a page past the end of nothing is not asked for again.

Engine only: skipped locally with a reason when no engine is reachable, failing under CI.
"""

import pytest

from search import engine as engine_module
from search.api import SearchQuery, search
from search.engine import rebuild
from tests.factories import OrganisationPageFactory, ServicePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def engine(own_engine_index):
    organisation = OrganisationPageFactory(title="Northern Homes Trust", regions=["london"])
    for title, categories in [
        ("Tenancy help", ["housing-advice"]),
        ("Tenancy rights", ["housing-advice", "employment-support"]),
        ("Job club", ["employment-support"]),
    ]:
        ServicePageFactory(parent=organisation, title=title, categories=categories)
    rebuild("services")
    return own_engine_index


@pytest.fixture
def bodies(monkeypatch):
    """The body of each search request sent (a multi-search's first search)."""
    sent = []
    call = engine_module.call

    def recording(operation, *args, **kwargs):
        body = kwargs.get("body")
        if body is not None:
            sent.append(body[1] if isinstance(body, list) else body)
        return call(operation, *args, **kwargs)

    monkeypatch.setattr(engine_module, "call", recording)
    return sent


def counts(results, param):
    facet = next(facet for facet in results.facets if facet.param == param)
    options = [item for option in facet.options for item in [option, *option.children]]
    return {option.value: option.count for option in options if option.count}


def test_facets_with_no_filter_chosen_share_one_count(engine, bodies):
    results = search(
        "services", SearchQuery(text="tenancy", filters={"category": ["employment-support"]})
    )

    assert [service.title for service in results.results] == ["Tenancy rights"]
    # Every facet but the category is counted under the category chosen, in one
    # aggregation; the category under the text alone.
    assert len(bodies[0]["aggs"]) == 2
    assert counts(results, "category")["housing-advice"] == 2
    assert counts(results, "category")["employment-support"] == 1
    assert counts(results, "region") == {"london": 1}


def test_with_nothing_chosen_every_facet_is_counted_in_one_aggregation(engine, bodies):
    results = search("services", SearchQuery())

    assert results.total == 3
    assert len(bodies[0]["aggs"]) == 1
    assert counts(results, "category")["employment-support"] == 2


def test_a_page_past_the_end_of_nothing_is_asked_for_once(engine, bodies):
    query = SearchQuery(filters={"category": ["womens-services"]}, page=3)

    results = search("services", query)

    assert results.total == 0
    assert results.page.number == 1
    assert len(bodies) == 1


def test_a_page_past_the_end_shows_the_last_page_asking_once_more(engine, bodies):
    results = search("services", SearchQuery(per_page=2, page=5))

    assert results.page.number == 2
    assert len(results.results) == 1
    assert len(bodies) == 2
