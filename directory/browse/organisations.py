"""Organisations that match a directory search but list no service yet, shown after the
services so that imported charities can be found (and claimed) before they list one."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from directory.organisation_index import (
    ORGANISATIONS_INDEX,
    SHARED_FILTERS,
    may_be_claimed_from_results,
)
from search.api import SearchQuery, search_ids
from search.indexes import get_index


@dataclass
class OrganisationResult:
    title: str
    url: str
    summary: str
    where: str
    claim_url: str | None


def organisations_matching(query, request=None):
    """(up to a few organisations matching the search's text, how many match in all).

    Only for a search with text, on its first page, and only when every filter chosen also
    applies to organisations (a region, led by and for, commissioning, size): a type of
    support or a client group is about services, which these organisations do not list.
    """
    if not query.text or query.page != 1 or not set(query.filters) <= SHARED_FILTERS:
        return [], 0
    # The matching ids, not `search()`: the page shows neither these organisations' filters
    # with their counts nor highlights, and computing them was most of this search's time.
    ids = search_ids(ORGANISATIONS_INDEX, SearchQuery(text=query.text, filters=query.filters))
    return [_result(organisation, request) for organisation in _first(ids)], len(ids)


def _first(ids):
    """The organisations a search shows first, prepared as for a page of results."""
    index = get_index(ORGANISATIONS_INDEX)
    shown = ids[: index.per_page]
    # Read from the listing: an organisation no longer listed is never shown.
    found = index.load_results(index.get_queryset().filter(pk__in=shown))
    return [found[pk] for pk in shown if pk in found]


def _result(organisation, request):
    return OrganisationResult(
        title=organisation.title,
        url=organisation.get_url(request),
        summary=organisation.summary,
        where=_where(organisation),
        claim_url=reverse("directory_claim_listing", args=[organisation.pk])
        if may_be_claimed_from_results(organisation)
        else None,
    )


def _where(organisation):
    if organisation.is_national:
        return _("Across England and Wales")
    return ", ".join(region.name for region in organisation.regions.all())
