"""The search log counts searches per day, keeps nothing personal and never breaks a search."""

import datetime
import logging
from concurrent.futures import ThreadPoolExecutor

from django.db import DatabaseError, connection, transaction

import pytest
import time_machine

from search.log import record_search
from search.models import SearchLogEntry, SearchLogQuerySet

pytestmark = pytest.mark.django_db

INDEX = "services"
A_DAY = datetime.date(2026, 5, 12)


def test_identical_searches_on_one_day_make_one_entry_counted_twice():
    record_search(INDEX, "housing", {"region": ["london"]}, 4, today=A_DAY)
    record_search(INDEX, "housing", {"region": ["london"]}, 4, today=A_DAY)

    entry = SearchLogEntry.objects.get()
    assert entry.count == 2


def test_the_entry_keeps_the_latest_result_count():
    record_search(INDEX, "housing", {}, 0, today=A_DAY)
    record_search(INDEX, "housing", {}, 3, today=A_DAY)

    assert SearchLogEntry.objects.get().result_count == 3


def test_the_same_search_on_different_days_makes_separate_entries():
    record_search(INDEX, "housing", {}, 4, today=A_DAY)
    record_search(INDEX, "housing", {}, 4, today=A_DAY + datetime.timedelta(days=1))

    assert sorted(SearchLogEntry.objects.values_list("day", "count")) == [
        (A_DAY, 1),
        (A_DAY + datetime.timedelta(days=1), 1),
    ]


def test_different_filters_make_separate_entries():
    record_search(INDEX, "housing", {"region": ["london"]}, 4, today=A_DAY)
    record_search(INDEX, "housing", {"region": ["wales"]}, 2, today=A_DAY)

    assert SearchLogEntry.objects.count() == 2


def test_text_differing_only_in_case_and_spacing_is_the_same_search():
    record_search(INDEX, "Mental  Health ", {}, 1, today=A_DAY)
    record_search(INDEX, "  mental health", {}, 1, today=A_DAY)

    entry = SearchLogEntry.objects.get()
    assert (entry.query, entry.count) == ("mental health", 2)


def test_filters_in_any_order_are_the_same_search():
    record_search(INDEX, "", {"region": ["wales", "london"], "category": ["debt"]}, 1, today=A_DAY)
    record_search(INDEX, "", {"category": ["debt"], "region": ["london", "wales"]}, 1, today=A_DAY)

    entry = SearchLogEntry.objects.get()
    assert entry.count == 2
    assert entry.filters == {"category": ["debt"], "region": ["london", "wales"]}


def test_search_text_is_cut_to_200_characters():
    record_search(INDEX, "a" * 500, {}, 0, today=A_DAY)

    assert SearchLogEntry.objects.get().query == "a" * 200


def test_a_search_with_only_filters_is_logged_with_empty_text():
    record_search(INDEX, "", {"region": ["london"]}, 7, today=A_DAY)

    entry = SearchLogEntry.objects.get()
    assert entry.query == ""
    assert entry.filters == {"region": ["london"]}


@pytest.mark.parametrize("filters", [{}, None, {"region": []}, {"region": [""]}])
def test_a_search_with_neither_text_nor_filters_is_not_logged(filters):
    record_search(INDEX, "   ", filters, 120, today=A_DAY)

    assert not SearchLogEntry.objects.exists()


def test_the_day_is_the_london_date_so_a_late_evening_search_in_summer_time_counts_next_day():
    # 23:30 UTC on 31 March 2026 is 00:30 on 1 April in London (BST began on 29 March).
    with time_machine.travel(datetime.datetime(2026, 3, 31, 23, 30, tzinfo=datetime.UTC)):
        record_search(INDEX, "housing", {}, 4)

    assert SearchLogEntry.objects.get().day == datetime.date(2026, 4, 1)


def test_the_log_has_no_field_that_could_identify_a_person_or_time_a_search():
    field_names = {field.name for field in SearchLogEntry._meta.get_fields()}

    assert field_names == {
        "id",
        "index_name",
        "query",
        "filters",
        "filters_key",
        "result_count",
        "day",
        "count",
    }


def test_email_addresses_and_phone_numbers_typed_in_a_search_are_not_kept():
    record_search(INDEX, "Jo.Bloggs@example.org 07700 900123 housing", {}, 0, today=A_DAY)

    assert SearchLogEntry.objects.get().query == "[email] [number] housing"


def test_a_database_error_while_logging_does_not_reach_the_search(monkeypatch, caplog):
    def fail(*args, **kwargs):
        raise DatabaseError("the database is having a bad day")

    monkeypatch.setattr(SearchLogEntry.objects, "filter", fail)

    with caplog.at_level(logging.ERROR, logger="search.log"):
        record_search(INDEX, "housing", {}, 4, today=A_DAY)

    assert "Could not record a search" in caplog.text


def test_an_entry_the_database_refuses_is_dropped_and_the_callers_transaction_still_works(
    caplog,
):
    # A negative result count breaks the database's check on a positive integer.
    with caplog.at_level(logging.ERROR, logger="search.log"), transaction.atomic():
        record_search(INDEX, "housing", {}, -1, today=A_DAY)
        # On PostgreSQL this query fails if the failed insert poisoned the transaction.
        assert SearchLogEntry.objects.count() == 0

    assert "Could not record a search" in caplog.text


def test_very_many_filters_are_still_counted_as_one_search():
    many = {"category": [f"a-rather-long-category-slug-{n}" for n in range(40)]}

    record_search(INDEX, "", many, 0, today=A_DAY)
    record_search(INDEX, "", many, 0, today=A_DAY)

    entry = SearchLogEntry.objects.get()
    assert entry.count == 2
    assert entry.filters == {"category": sorted(many["category"])}


def test_a_search_whose_entry_another_request_just_made_adds_to_that_entry(monkeypatch):
    record_search(INDEX, "housing", {}, 4, today=A_DAY)
    # Replay the race: this request's first update runs before the other request's insert
    # is visible, so it finds nothing and its own insert then hits the unique constraint.
    real_update = SearchLogQuerySet.update
    calls = []

    def update_missing_the_other_insert(queryset, **kwargs):
        calls.append(kwargs)
        return 0 if len(calls) == 1 else real_update(queryset, **kwargs)

    monkeypatch.setattr(SearchLogQuerySet, "update", update_missing_the_other_insert)

    record_search(INDEX, "housing", {}, 4, today=A_DAY)

    entry = SearchLogEntry.objects.get()
    assert entry.count == 2
    assert len(calls) == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_searches_logged_at_once_from_many_threads_are_all_counted():
    def search_and_close():
        try:
            record_search(INDEX, "housing", {}, 4, today=A_DAY)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        for future in [pool.submit(search_and_close) for _ in range(40)]:
            future.result()

    assert SearchLogEntry.objects.get().count == 40


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_only_the_logs_own_transaction_commits_without_waiting_for_the_disk():
    from django.test.utils import CaptureQueriesContext

    def statements():
        with CaptureQueriesContext(connection) as captured:
            record_search(INDEX, "housing", {}, 4, today=A_DAY)
        return [query["sql"] for query in captured.captured_queries]

    assert "SET LOCAL synchronous_commit TO OFF" in statements()
    # Inside a caller's transaction (a request that also saves something), the caller's
    # writes must still wait for the disk: the setting would apply to all of them.
    with transaction.atomic():
        assert "SET LOCAL synchronous_commit TO OFF" not in statements()
    assert SearchLogEntry.objects.get().count == 2
