"""Searches that found nothing, for the region a reach report is about: what practitioners
looked for in the directory, filtered by that region, and could not find (the sector's unmet
needs there). From the search log (search/log.py), which holds nothing personal: the text,
the filters, the London day and how often."""

from dataclasses import dataclass

from django.db.models import Sum

from search.models import SearchLogEntry

REGION_FILTER = "region"
SHOWN = 10


@dataclass(frozen=True)
class NoResultSearch:
    query: str
    filters: str  # the other filters, as "param: value" text
    times: int
    last_seen: object  # a date


@dataclass(frozen=True)
class NoResultSearches:
    rows: list  # [NoResultSearch], most frequent first
    times: int  # searches that found nothing, in all
    different: int  # different searches among them


def _other_filters(filters, region):
    return ", ".join(
        f"{param}: {value}"
        for param, values in sorted(filters.items())
        for value in values
        if not (region is not None and param == REGION_FILTER and value == region.slug)
    )


def searches_that_found_nothing(region, period, shown=SHOWN):
    """The `shown` most frequent searches in `period` that found nothing and whose filters
    include `region` (every such search when `region` is None), with how many there were."""
    entries = (
        SearchLogEntry.objects.without_results().since(period.start).filter(day__lt=period.end)
    )
    if region is not None:
        entries = entries.with_filter(REGION_FILTER, region.slug)
    summary = entries.aggregate(times=Sum("count"))
    totals = entries.totals()
    rows = [
        NoResultSearch(
            query=row["query"],
            filters=_other_filters(row["filters"], region),
            times=row["times"],
            last_seen=row["last_seen"],
        )
        for row in totals[:shown]
    ]
    return NoResultSearches(
        rows=rows, times=summary["times"] or 0, different=totals.count() if rows else 0
    )
