"""The Open Referral UK pagination envelope."""

import math

from django.http import Http404

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100


def envelope(items, total, page, per_page):
    """`items` (this page's records) wrapped with the page's metadata."""
    total_pages = math.ceil(total / per_page) if total else 0
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(items),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": total == 0,
        "contents": items,
    }


def check_page_exists(total, page, per_page):
    """Page 1 always exists (empty when nothing matches); a page after the last does not."""
    if page > 1 and (page - 1) * per_page >= total:
        last = max(1, math.ceil(total / per_page))
        raise Http404(f"There is no page {page}: the last page is {last}.")


def paginate(queryset, page, per_page, to_record):
    """A page of `queryset` as records: one count, one slice of ids, then the rows of that
    slice with their related rows (a fixed number of queries however many there are)."""
    total = queryset.count()
    check_page_exists(total, page, per_page)
    start = (page - 1) * per_page
    ids = list(queryset.values_list("pk", flat=True)[start : start + per_page])
    rows = {row.pk: row for row in queryset.filter(pk__in=ids)}
    return envelope([to_record(rows[pk]) for pk in ids if pk in rows], total, page, per_page)


def paginate_list(items, page, per_page, to_record):
    """A page of an already ordered list (text search results, taxonomies)."""
    total = len(items)
    check_page_exists(total, page, per_page)
    start = (page - 1) * per_page
    chunk = items[start : start + per_page]
    return envelope([to_record(item) for item in chunk], total, page, per_page)
