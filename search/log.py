"""The search log: what people searched for, how often and with how many results.

It feeds the "Searches with no results" report, the sector's unmet needs. Nothing personal
is kept: no user, session or address, only the London date of the search, and the text is
kept for `RETENTION_DAYS` only (the `delete_old_search_logs` command deletes older entries).

Views call `record_search` once per search, for the first page of results only: turning
the page, or re-sorting it, is not a new search.
"""

import datetime
import hashlib
import json
import logging
import re
import zoneinfo

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from search.models import SearchLogEntry

logger = logging.getLogger(__name__)

# Twelve months, after which entries are deleted.
RETENTION_DAYS = 365

LONDON = zoneinfo.ZoneInfo("Europe/London")

MAX_QUERY_LENGTH = SearchLogEntry._meta.get_field("query").max_length
MAX_FILTERS_KEY_LENGTH = SearchLogEntry._meta.get_field("filters_key").max_length

# Contact details typed into the search box are someone's personal data: never keep them.
_EMAIL = re.compile(r"\S+@\S+")
_PHONE_OR_REFERENCE = re.compile(r"\+?\d(?:[ \-]?\d){5,}")


def record_search(index_name, query_text, filters, result_count, *, today=None):
    """Count one search in the log: text, filters ({param: [values]}) and its result count.

    Call it for the first page of results only. Searches with neither text nor filters are
    not logged. Identical searches on the same (London) day add to one entry, which keeps
    the latest result count. `today` (a date or datetime) stands in for now, for tests.

    Never raises: a search must not fail because it could not be logged, so any error is
    logged and swallowed. The write runs in its own savepoint, so a failure leaves the
    caller's transaction usable.
    """
    try:
        query = normalise_query(query_text)
        filters = normalise_filters(filters)
        if not query and not filters:
            return
        _count_search(index_name, query, filters, result_count, london_day(today))
    except Exception:
        logger.exception("Could not record a search in the search log.")


def delete_old_entries(now=None):
    """Delete entries older than the retention period before `now`; return how many."""
    deleted, _by_model = SearchLogEntry.objects.filter(day__lt=retention_cutoff(now)).delete()
    return deleted


def retention_cutoff(now=None):
    """The oldest day still kept at `now`."""
    return london_day(now) - datetime.timedelta(days=RETENTION_DAYS)


def london_day(moment=None):
    """The date in London at `moment` (an aware or London datetime; a date is taken as is)."""
    if moment is None:
        moment = timezone.now()
    if not isinstance(moment, datetime.datetime):
        return moment
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=LONDON)
    return moment.astimezone(LONDON).date()


def normalise_query(text):
    """Lower case, spaces collapsed, contact details and long numbers removed, 200 at most."""
    words = " ".join(str(text or "")[:1000].split()).lower()
    words = _EMAIL.sub("[email]", words)
    words = _PHONE_OR_REFERENCE.sub("[number]", words)
    return words[:MAX_QUERY_LENGTH].strip()


def normalise_filters(filters):
    """{param: sorted distinct values}, params sorted, empty values and params dropped."""
    normalised = {}
    for param, values in (filters or {}).items():
        if isinstance(values, str):
            values = [values]
        kept = sorted({str(value) for value in values if value not in (None, "")})
        if kept:
            normalised[str(param)] = kept
    return dict(sorted(normalised.items()))


def filters_key(filters):
    """Canonical text for normalised filters; a digest when the text would be too long."""
    text = json.dumps(filters, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    if len(text) <= MAX_FILTERS_KEY_LENGTH:
        return text
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def _count_search(index_name, query, filters, result_count, day):
    key = filters_key(filters)
    same_search = SearchLogEntry.objects.filter(
        index_name=index_name, query=query, filters_key=key, day=day
    )
    outermost = not transaction.get_connection().in_atomic_block
    with transaction.atomic():
        if outermost:
            _commit_without_waiting_for_the_disk()
        if same_search.update(count=F("count") + 1, result_count=result_count):
            return
        try:
            with transaction.atomic():
                SearchLogEntry.objects.create(
                    index_name=index_name,
                    query=query,
                    filters=filters,
                    filters_key=key,
                    result_count=result_count,
                    day=day,
                )
        except IntegrityError:
            # Another request made today's entry between our update and insert: add to it.
            # If there is still nothing to add to, the insert failed for another reason.
            if not same_search.update(count=F("count") + 1, result_count=result_count):
                raise


def _commit_without_waiting_for_the_disk():
    """On PostgreSQL, let this transaction's commit return before its log reaches the disk
    (`synchronous_commit` off for it alone): a search's count lost in a crash matters less
    than every search waiting for a disk flush (a few milliseconds a search). Only for a
    transaction of the log's own, never one the caller's other writes are part of."""
    connection = transaction.get_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
