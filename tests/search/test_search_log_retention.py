"""Search log entries are deleted after 12 months by a scheduled, idempotent command."""

import datetime
from io import StringIO

from django.core.management import CommandError, call_command

import pytest
import time_machine

from search.log import delete_old_entries
from search.models import SearchLogEntry

pytestmark = pytest.mark.django_db


def entry_on(day, query="housing"):
    return SearchLogEntry.objects.create(
        index_name="services", query=query, filters_key="{}", result_count=0, day=day
    )


def run(*args):
    out = StringIO()
    call_command("delete_old_search_logs", *args, stdout=out)
    return out.getvalue()


def test_entries_older_than_12_months_are_deleted_and_newer_ones_kept():
    entry_on(datetime.date(2025, 5, 31), "too old")
    kept = [entry_on(datetime.date(2025, 6, 1), "just kept"), entry_on(datetime.date(2026, 5, 1))]

    output = run("--now", "2026-06-01")

    assert "Deleted 1 search log entry" in output
    assert list(SearchLogEntry.objects.order_by("day")) == kept


def test_running_the_command_twice_deletes_nothing_the_second_time():
    entry_on(datetime.date(2024, 1, 1))
    run("--now", "2026-06-01")

    output = run("--now", "2026-06-01")

    assert "Deleted 0 search log entries" in output


def test_the_command_uses_the_clock_when_no_now_is_given():
    entry_on(datetime.date(2025, 5, 31), "too old")
    entry_on(datetime.date(2025, 6, 1), "just kept")

    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)):
        run()

    assert list(SearchLogEntry.objects.values_list("query", flat=True)) == ["just kept"]


def test_now_may_be_a_date_and_time_read_in_london():
    entry_on(datetime.date(2025, 5, 31), "too old")
    entry_on(datetime.date(2025, 6, 1), "just kept")

    # 23:30 on 31 May UTC is already 1 June in London.
    run("--now", "2026-05-31T23:30:00+00:00")

    assert list(SearchLogEntry.objects.values_list("query", flat=True)) == ["just kept"]


def test_a_now_that_is_not_a_date_is_refused_with_a_clear_message():
    with pytest.raises(CommandError, match="--now must be an ISO date"):
        run("--now", "next tuesday")


def test_delete_old_entries_returns_how_many_it_deleted():
    entry_on(datetime.date(2024, 1, 1), "one")
    entry_on(datetime.date(2024, 1, 2), "two")

    assert delete_old_entries(now=datetime.date(2026, 1, 1)) == 2
