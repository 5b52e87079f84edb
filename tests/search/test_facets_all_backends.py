"""Filters, facet counts, relaxations, sorting and pages: exact on each backend, and the
same on both. The directory is hand-built (see sample_directory), so every count is known.

Facet counts are disjunctive: each facet is counted with the text and every other facet
applied, but not itself, so a count always equals the total that choosing that option
(instead of the facet's current choice) would give.
"""

import dataclasses
import datetime as dt
import uuid

from django.core.cache import cache

import pytest

from directory.models import ServiceStatus
from search.api import SearchQuery, search, search_ids
from search.engine import client, rebuild
from tests.factories import ServicePageFactory
from tests.search.sample_directory import (
    BY_NAME,
    LISTED,
    NATIONAL_SERVICES,
    WELSH_SERVICES,
    YORKSHIRE,
    build_sample_directory,
    titles,
)

pytestmark = pytest.mark.django_db

ALL_REGIONS = [
    "north-east",
    "north-west",
    "greater-manchester",
    YORKSHIRE,
    "east-midlands",
    "west-midlands",
    "east-of-england",
    "london",
    "kent-surrey-and-sussex",
    "south-central",
    "south-west",
    "wales",
]


@pytest.fixture(autouse=True)
def fresh_vocabulary():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def directory(backend):
    directory = build_sample_directory()
    backend.refresh()
    return directory


def find(text="", filters=None, **kwargs):
    return search("services", SearchQuery(text=text, filters=filters or {}, **kwargs))


def counts(results, param):
    """{value: count} for a facet's options and their children."""
    facet = next(facet for facet in results.facets if facet.param == param)
    return {
        option.value: option.count
        for parent in facet.options
        for option in [parent, *parent.children]
    }


def facet_snapshot(results):
    """Every facet's options as (value, count, selected), children included, in order."""
    return {
        facet.param: [
            (option.value, option.count, option.selected)
            for parent in facet.options
            for option in [parent, *parent.children]
        ]
        for facet in results.facets
    }


def relaxation_snapshot(results):
    return [(facet.param, count) for facet, count in results.relaxations]


# Text and filters combined. "housing" matches Leeds Housing Advice, Sheffield Supported
# Housing (waiting list), Lambeth Housing Link (London) and Homes for Veterans (national,
# waiting list); of those, only Leeds Housing Advice is in Yorkshire and accepting.
HOUSING_IN_YORKSHIRE_ACCEPTING = {
    "text": "housing",
    "filters": {"region": [YORKSHIRE], "capacity": ["accepting"]},
}


def test_text_and_filters_together_give_exactly_the_services_matching_all_of_them(
    directory, backend
):
    results = find(**HOUSING_IN_YORKSHIRE_ACCEPTING)

    assert titles(results) == ["Leeds Housing Advice"]
    assert results.total == 1


def test_a_chosen_region_keeps_its_sibling_regions_counts(directory, backend):
    results = find(**HOUSING_IN_YORKSHIRE_ACCEPTING)

    # Regions are counted with the text and capacity applied, not the region: accepting
    # housing services are Leeds Housing Advice (Yorkshire) and Lambeth Housing Link (London).
    regions = counts(results, "region")
    assert regions[YORKSHIRE] == 1
    assert regions["london"] == 1
    assert {region: count for region, count in regions.items() if count} == {
        YORKSHIRE: 1,
        "london": 1,
    }


def test_capacity_is_counted_with_the_text_and_the_region_but_not_itself(directory, backend):
    results = find(**HOUSING_IN_YORKSHIRE_ACCEPTING)

    # Housing covering Yorkshire: Leeds (accepting), Sheffield and Homes for Veterans (waiting).
    assert counts(results, "capacity") == {"accepting": 1}


def test_other_facets_count_the_results_with_every_filter_applied(directory, backend):
    results = find(**HOUSING_IN_YORKSHIRE_ACCEPTING)

    categories = {value: n for value, n in counts(results, "category").items() if n}
    assert categories == {"accommodation": 1, "housing-advice": 1}
    assert {value: n for value, n in counts(results, "income").items() if n} == {"1m-5m": 1}
    assert {value: n for value, n in counts(results, "commissioning").items() if n} == {
        "crs-lead-provider": 1
    }


def test_with_nothing_chosen_each_region_counts_its_own_and_the_national_services(
    directory, backend
):
    results = find()

    national = len(NATIONAL_SERVICES)
    expected = dict.fromkeys(ALL_REGIONS, national)
    expected.update({YORKSHIRE: 4 + national, "london": 2 + national, "wales": 2 + national})
    assert counts(results, "region") == expected
    assert results.total == len(LISTED)


def test_with_nothing_chosen_flags_and_terms_count_every_listed_service(directory, backend):
    results = find()

    assert counts(results, "capacity") == {"accepting": 8}
    assert counts(results, "delivery") == {"in-person": 7, "online": 4, "phone": 3}
    assert counts(results, "led_by") == {
        "racially-minoritised": 0,
        "women": 2,
        "lived-experience": 4,
    }
    assert counts(results, "commissioning") == {
        "crs-lead-provider": 4,
        "crs-supply-chain": 0,
        "dynamic-framework": 2,
        "moj-grant": 2,
        "outside-commissioning": 3,
    }
    category = counts(results, "category")
    assert category["accommodation"] == 4
    assert category["housing-advice"] == 2
    assert category["dependency-recovery"] == 2
    assert category["drugs"] == 1
    assert category["gambling"] == 0


@pytest.mark.parametrize(
    "query",
    [
        pytest.param(HOUSING_IN_YORKSHIRE_ACCEPTING, id="housing-yorkshire-accepting"),
        pytest.param({"text": "", "filters": {"region": ["wales"]}}, id="wales"),
        pytest.param(
            {"text": "", "filters": {"category": ["accommodation"], "delivery": ["phone"]}},
            id="accommodation-by-phone",
        ),
    ],
)
def test_each_count_equals_the_total_that_choosing_that_option_would_give(
    directory, backend, query
):
    base = SearchQuery(text=query["text"], filters=query["filters"])
    results = search("services", base)

    for facet in results.facets:
        for parent in facet.options:
            for option in [parent, *parent.children]:
                chosen = dataclasses.replace(
                    base, filters={**base.filters, facet.param: [option.value]}
                )
                total = search("services", chosen).total
                assert option.count == total, (facet.param, option.value)


# Filter-only queries on which the two backends must agree exactly.
FILTER_ONLY_QUERIES = [
    {},
    {"region": [YORKSHIRE]},
    {"region": ["london", "wales"]},
    {"region": ["north-east"]},
    {"category": ["accommodation"]},
    {"category": ["drugs", "recovery-communities"]},
    {"capacity": ["accepting"], "delivery": ["online"]},
    {"commissioning": ["outside-commissioning"]},
    {"commissioning": ["outside-commissioning", "moj-grant"], "income": ["under-10k"]},
    {"led_by": ["lived-experience"], "stage": ["on-probation"]},
    {"group": ["homelessness", "veterans"]},
    {"region": ["wales"], "category": ["womens-services"]},
]


@pytest.fixture
def both_backends(engine_url, settings):
    """Ask the same question of the database and of the engine, on the same data."""
    settings.SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:12]}-"
    # The engine is configured (so changes reach it); `ask` puts the database in front too.
    settings.SEARCH_URL = engine_url

    class Both:
        def refresh(self):
            rebuild("services", engine_url)

        def ask(self, query):
            answers = {}
            for name, url in (("database", ""), ("engine", engine_url)):
                settings.SEARCH_URL = url
                answers[name] = search("services", query)
                assert answers[name].backend == name
            settings.SEARCH_URL = engine_url
            return answers["database"], answers["engine"]

    yield Both()
    _delete_indexes(engine_url, settings.SEARCH_INDEX_PREFIX)


def _delete_indexes(url, prefix):
    engine = client(url)
    for name in engine.indices.get(index=f"{prefix}*", ignore_unavailable=True):
        engine.indices.delete(index=name, ignore_unavailable=True)


def test_both_backends_give_the_same_totals_results_and_counts_without_text(both_backends):
    build_sample_directory()
    both_backends.refresh()

    for filters in FILTER_ONLY_QUERIES:
        database, engine = both_backends.ask(SearchQuery(filters=filters, per_page=100))
        assert engine.total == database.total, filters
        assert titles(engine) == titles(database), filters
        assert facet_snapshot(engine) == facet_snapshot(database), filters


def test_both_backends_suggest_the_same_filters_to_remove_when_nothing_matches(
    both_backends,
):
    build_sample_directory()
    both_backends.refresh()

    database, engine = both_backends.ask(
        SearchQuery(filters={"region": ["wales"], "category": ["womens-services"]})
    )

    assert database.total == engine.total == 0
    assert relaxation_snapshot(engine) == relaxation_snapshot(database)


def test_when_nothing_matches_each_chosen_filter_says_how_many_its_removal_would_give(
    directory, backend
):
    results = find(filters={"region": ["wales"], "category": ["womens-services"]})

    assert results.total == 0
    # Without the region: Hackney Women Centre. Without the category: Wales and national.
    assert relaxation_snapshot(results) == [
        ("region", 1),
        ("category", len(WELSH_SERVICES | NATIONAL_SERVICES)),
    ]


def test_with_text_and_nothing_matching_each_filter_says_what_its_removal_would_give(
    directory, backend
):
    # "chess": Chess Circle (national, accepting, online) and Sheffield Supported Housing
    # (its description mentions chess; Yorkshire, waiting list, in person and by phone).
    results = find(
        "chess",
        filters={"region": ["london"], "capacity": ["accepting"], "delivery": ["phone"]},
    )

    assert results.total == 0
    # Only dropping "by phone" finds something: Chess Circle, which covers London.
    assert relaxation_snapshot(results) == [("region", 0), ("delivery", 1), ("capacity", 0)]


def test_results_are_sorted_by_name(directory, backend):
    results = find(sort="name", per_page=100)

    assert titles(results) == BY_NAME
    assert results.sort == "name"


def test_results_are_sorted_by_when_they_were_last_confirmed_newest_first(directory, backend):
    confirmed = {
        "Online Peer Support": dt.datetime(2025, 3, 1, tzinfo=dt.UTC),
        "Leeds Housing Advice": dt.datetime(2025, 2, 1, tzinfo=dt.UTC),
        "Chess Circle": dt.datetime(2025, 1, 15, tzinfo=dt.UTC),
    }
    for title, when in confirmed.items():
        ServiceStatus.objects.filter(service__title=title).update(last_confirmed_at=when)
    backend.refresh()

    results = find(sort="confirmed", per_page=100)

    never_confirmed = [title for title in BY_NAME if title not in confirmed]
    assert titles(results) == [*confirmed, *never_confirmed]


def test_sorting_by_name_ignores_capital_letters(backend):
    for title in ["Zest Project", "bridges to work", "Anchor House"]:
        ServicePageFactory(title=title)
    backend.refresh()

    results = find(sort="name")

    assert titles(results) == ["Anchor House", "bridges to work", "Zest Project"]


def test_pages_of_two_follow_the_name_order(directory, backend):
    pages = [titles(find(sort="name", per_page=2, page=number)) for number in range(1, 7)]

    assert pages == [BY_NAME[start : start + 2] for start in range(0, len(BY_NAME), 2)]


def test_a_page_past_the_end_shows_the_last_page(directory, backend):
    results = find(sort="name", per_page=2, page=99)

    assert titles(results) == BY_NAME[-1:]
    assert results.page.number == 6
    assert results.total == len(LISTED)


def test_both_backends_give_the_same_pages_of_two(both_backends):
    build_sample_directory()
    both_backends.refresh()

    for number in range(1, 8):
        query = SearchQuery(filters={}, per_page=2, page=number, sort="name")
        database, engine = both_backends.ask(query)
        assert titles(engine) == titles(database), number
        assert engine.page.number == database.page.number
        assert engine.page.paginator.num_pages == database.page.paginator.num_pages == 6


def test_services_with_the_same_name_keep_one_order_on_both_backends_after_an_update(
    both_backends, django_capture_on_commit_callbacks
):
    # Many organisations run a service simply called "Mentoring".
    first, *_others = [ServicePageFactory(title="Mentoring") for _ in range(3)]
    both_backends.refresh()
    with django_capture_on_commit_callbacks(execute=True):
        status = ServiceStatus.objects.get(service=first)
        status.capacity_note = "Two weeks"
        status.save()

    database, engine = both_backends.ask(SearchQuery(sort="name"))

    assert [service.pk for service in engine.results] == [
        service.pk for service in database.results
    ]


@pytest.mark.parametrize(
    "query",
    [
        SearchQuery(sort="name"),
        SearchQuery(sort="confirmed"),
        SearchQuery(text="housing"),
        SearchQuery(**HOUSING_IN_YORKSHIRE_ACCEPTING),
        SearchQuery(filters={"region": [YORKSHIRE, "not-a-region"]}, sort="name"),
    ],
    ids=["by-name", "by-confirmed", "text", "text-and-filters", "unknown-filter-value"],
)
def test_search_ids_lists_exactly_the_results_search_shows_in_its_order(directory, query):
    shown = find(query.text, query.filters, sort=query.sort, per_page=100).results

    found = search_ids("services", query)

    assert found == [service.pk for service in shown]
    assert len(found) == len(set(found))
