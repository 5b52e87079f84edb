"""Facet counts from the in-memory bitmaps (large result sets on the database backend) are
exactly the counts SQL gives, and follow every kind of edit at once."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from core.models import CommissioningRelationship, Region, ServiceCategory
from directory.listings.rules import set_capacity
from search import facet_bitmaps
from search.api import SearchQuery, search
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


def facet_counts(filters, text="", bitmaps=False, monkeypatch=None):
    monkeypatch.setattr(facet_bitmaps, "BITMAPS_ABOVE", 0 if bitmaps else 10**9)
    results = search("services", SearchQuery(text=text, filters=filters, per_page=100))
    return {
        facet.param: {
            option.value: option.count
            for parent in facet.options
            for option in [parent, *parent.children]
        }
        for facet in results.facets
    }, results.total


@pytest.mark.parametrize("filters", QUERIES, ids=lambda f: ",".join(f) or "nothing")
def test_bitmap_counts_equal_sql_counts(directory, filters, monkeypatch):
    by_sql = facet_counts(filters, monkeypatch=monkeypatch)
    by_bitmaps = facet_counts(filters, bitmaps=True, monkeypatch=monkeypatch)
    assert by_bitmaps == by_sql
    assert any(count for counts in by_sql[0].values() for count in counts.values())


def test_with_text_too(directory, monkeypatch):
    for text in ["housing", "women leaving prison"]:
        by_sql = facet_counts({}, text=text, monkeypatch=monkeypatch)
        assert facet_counts({}, text=text, bitmaps=True, monkeypatch=monkeypatch) == by_sql


def count(param, value, monkeypatch, filters=None):
    counts, _total = facet_counts(filters or {}, bitmaps=True, monkeypatch=monkeypatch)
    return counts[param][value]


def test_a_published_edit_changes_the_counts_at_once(
    directory, monkeypatch, django_capture_on_commit_callbacks
):
    before = count("category", "gambling", monkeypatch)
    service = directory.service("Chess Circle")
    service.categories = [ServiceCategory.objects.get(slug="gambling")]
    with django_capture_on_commit_callbacks(execute=True):
        service.save_revision().publish()
    assert count("category", "gambling", monkeypatch) == before + 1


def test_an_organisation_edit_changes_its_services_counts(
    directory, monkeypatch, django_capture_on_commit_callbacks
):
    organisation = directory.service("Chess Circle").get_parent().specific
    services = organisation.get_children().live().count()
    before = count("commissioning", "dynamic-framework", monkeypatch)
    organisation.commissioning_relationships = [
        CommissioningRelationship.objects.get(slug="dynamic-framework")
    ]
    with django_capture_on_commit_callbacks(execute=True):
        organisation.save_revision().publish()
    assert count("commissioning", "dynamic-framework", monkeypatch) == before + services


def test_unpublishing_and_capacity_changes_reach_the_counts(directory, monkeypatch):
    service = directory.service("Chess Circle")
    accepting = count("capacity", "accepting", monkeypatch)
    set_capacity(None, service, "paused")
    assert count("capacity", "accepting", monkeypatch) == accepting - 1
    total = facet_counts({}, bitmaps=True, monkeypatch=monkeypatch)[1]
    service.unpublish()
    assert facet_counts({}, bitmaps=True, monkeypatch=monkeypatch)[1] == total - 1


def test_renaming_a_terms_slug_renames_its_option(directory, monkeypatch):
    london = count("region", "london", monkeypatch)
    region = Region.objects.get(slug="london")
    region.slug = "greater-london"
    region.save()
    assert count("region", "greater-london", monkeypatch) == london


def test_a_warm_snapshot_counts_without_sql(directory, monkeypatch):
    facet_counts({}, bitmaps=True, monkeypatch=monkeypatch)  # builds the snapshot
    with CaptureQueriesContext(connection) as with_bitmaps:
        facet_counts({}, bitmaps=True, monkeypatch=monkeypatch)
    with CaptureQueriesContext(connection) as with_sql:
        facet_counts({}, monkeypatch=monkeypatch)
    # One statement to check the snapshot is current instead of twelve counting ones (and
    # the page read as keys, then its rows with their three prefetches).
    assert (len(with_bitmaps), len(with_sql)) == (7, 18)
    assert sum("search_facetdataversion" in q["sql"] for q in with_bitmaps.captured_queries) == 1


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
