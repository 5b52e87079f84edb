"""The database backend's facet snapshot: its counts are exactly what each facet's SQL rule
gives over the same results, its listing and counts follow every kind of edit at once, and
a result no longer listed is never shown, even from a snapshot that has not caught up."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from core.models import CommissioningRelationship, Region, ServiceCategory
from directory.listings.rules import set_capacity
from search import facet_bitmaps
from search.api import SearchQuery, search, search_ids
from search.indexes import get_index
from tests.search.sample_directory import build_sample_directory

pytestmark = pytest.mark.django_db

QUERIES = [
    {},
    {"region": ["london"]},
    {"region": ["wales", "london"], "category": ["accommodation"]},
    {"category": ["dependency-recovery"], "delivery": ["online"]},
    {"commissioning": ["outside-commissioning"]},
    {"commissioning": ["crs-lead-provider", "outside-commissioning"], "income": ["under-10k"]},
    {"led_by": ["women"], "capacity": ["accepting"]},
    {"group": ["women"], "stage": ["on-probation"]},
]


@pytest.fixture(autouse=True)
def database_backend(settings):
    settings.SEARCH_URL = ""
    cache.clear()
    facet_bitmaps.forget_snapshots()
    yield
    facet_bitmaps.forget_snapshots()


@pytest.fixture
def directory():
    return build_sample_directory()


def facet_counts(filters, text=""):
    results = search("services", SearchQuery(text=text, filters=filters, per_page=100))
    return {
        facet.param: {
            option.value: option.count
            for parent in facet.options
            for option in [parent, *parent.children]
            if option.count
        }
        for facet in results.facets
    }, results.total


def counts_in_sql(filters, text=""):
    """What each facet's SQL rule counts among the results meeting every *other* filter."""
    index = get_index("services")
    model = index.get_queryset().model
    counts = {}
    for facet in index.facets:
        others = {param: values for param, values in filters.items() if param != facet.param}
        ids = search_ids("services", SearchQuery(text=text, filters=others))
        values = facet.option_values(facet.options())
        found = facet.counts_for_ids(model, ids, values) if ids else {}
        counts[facet.param] = {value: count for value, count in found.items() if count}
    return counts


@pytest.mark.parametrize("filters", QUERIES, ids=lambda f: ",".join(f) or "nothing")
def test_snapshot_counts_equal_sql_counts(directory, filters):
    counts, _total = facet_counts(filters)
    assert counts == counts_in_sql(filters)
    assert any(counts.values())


def test_with_text_too(directory):
    for text in ["housing", "women leaving prison"]:
        assert facet_counts({}, text=text)[0] == counts_in_sql({}, text=text)


def count(param, value, filters=None):
    counts, _total = facet_counts(filters or {})
    return counts[param].get(value, 0)


def test_a_published_edit_changes_the_counts_at_once(directory, django_capture_on_commit_callbacks):
    before = count("category", "gambling")
    service = directory.service("Chess Circle")
    service.categories = [ServiceCategory.objects.get(slug="gambling")]
    with django_capture_on_commit_callbacks(execute=True):
        service.save_revision().publish()
    assert count("category", "gambling") == before + 1


def test_an_organisation_edit_changes_its_services_counts(
    directory, django_capture_on_commit_callbacks
):
    organisation = directory.service("Chess Circle").get_parent().specific
    services = organisation.get_children().live().count()
    before = count("commissioning", "dynamic-framework")
    organisation.commissioning_relationships = [
        CommissioningRelationship.objects.get(slug="dynamic-framework")
    ]
    with django_capture_on_commit_callbacks(execute=True):
        organisation.save_revision().publish()
    assert count("commissioning", "dynamic-framework") == before + services


def test_unpublishing_and_capacity_changes_reach_the_counts(directory):
    service = directory.service("Chess Circle")
    accepting = count("capacity", "accepting")
    set_capacity(None, service, "paused")
    assert count("capacity", "accepting") == accepting - 1
    total = facet_counts({})[1]
    service.unpublish()
    assert facet_counts({})[1] == total - 1


def test_renaming_a_terms_slug_renames_its_option(directory):
    london = count("region", "london")
    region = Region.objects.get(slug="london")
    region.slug = "greater-london"
    region.save()
    assert count("region", "greater-london") == london


def test_a_warm_snapshot_counts_without_sql(directory):
    facet_counts({})  # builds the snapshot
    with CaptureQueriesContext(connection) as warm:
        facet_counts({})
    # One statement to check the snapshot is current, then the page's rows with their three
    # prefetches: which results, in what order and how many of each option come from the
    # snapshot.
    assert len(warm) == 5
    assert sum("search_facetdataversion" in q["sql"] for q in warm.captured_queries) == 1


def test_the_token_changes_on_every_change_and_is_never_empty(db):
    first = facet_bitmaps.current_token("services")
    assert first and facet_bitmaps.current_token("services") == first
    facet_bitmaps.data_changed("services")
    assert facet_bitmaps.current_token("services") != first


def test_bitmaps():
    assert facet_bitmaps.bitmap([]) == 0
    assert facet_bitmaps.bitmap([0, 3, 9]) == 0b1000001001
    assert (
        facet_bitmaps.bitmap(range(0, 50_000, 2)) & facet_bitmaps.bitmap([4, 5])
    ).bit_count() == 1


def test_pks_reads_back_what_bitmap_wrote():
    for pks in [[], [0], [7, 8], [1, 2, 3, 64, 65, 1000], list(range(0, 40_000, 3))]:
        assert facet_bitmaps.pks(facet_bitmaps.bitmap(pks)) == pks


def test_a_change_the_snapshot_has_not_seen_never_shows_an_unlisted_result(directory):
    """A raw update (no signal, so the snapshot is not told) that takes a service off the
    listing: the snapshot still counts it until it is rebuilt, but the page never shows it."""
    results = search("services", SearchQuery(per_page=100))
    service = directory.service("Chess Circle")
    assert service.title in [result.title for result in results.page.object_list]
    type(service).objects.filter(pk=service.pk).update(live=False)

    results = search("services", SearchQuery(per_page=100))
    assert service.title not in [result.title for result in results.page.object_list]

    facet_bitmaps.data_changed("services")
    rebuilt = search("services", SearchQuery(per_page=100))
    assert rebuilt.total == results.total - 1
    assert len(rebuilt.page.object_list) == rebuilt.total


def test_the_order_by_name_follows_a_rename_at_once(directory):
    def names():
        query = SearchQuery(sort="name", per_page=100)
        return [result.title for result in search("services", query).page.object_list]

    before = names()
    assert before == sorted(before, key=str.lower) and before[0] != "Aardvark advice"
    service = directory.service("Chess Circle")
    service.title = "Aardvark advice"
    service.save_revision().publish()
    assert names()[0] == "Aardvark advice"
