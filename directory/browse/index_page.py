"""The directory index page's own view: services narrowed by text and filters, with counts.

Not routed by a URL: `DirectoryConfig.ready()` gives it to `DirectoryIndexPage`, which
Wagtail serves, so the page model never imports this feature."""

from django.template.response import TemplateResponse
from django.utils.http import urlencode

from directory.browse.organisations import organisations_matching
from directory.models import ReferralMethod
from search.api import SearchQuery, search
from search.log import record_search

INDEX = "services"


def directory_page(request, page):
    """The directory and its search: services narrowed by text and filters, with counts."""
    query = SearchQuery.from_params(request.GET, INDEX)
    results = search(INDEX, query)
    if results.query.page == 1 and (query.text or query.filters):
        record_search(INDEX, query.text, results.query.filters, results.total)
    organisation_results, organisation_total = organisations_matching(query, request)
    context = page.get_context(request)
    selected_filters = _selected_filters(results)
    context.update(
        {
            "search": results,
            "organisation_results": organisation_results,
            "organisation_total": organisation_total,
            "understood": _understood_tags(results),
            "selected_filters": selected_filters,
            "selected_count": sum(len(group["items"]) for group in selected_filters),
            "referral_methods": ReferralMethod,
            "clear_url": _url(SearchQuery(text=results.query.text)),
            "sort_links": _sort_links(results),
            "page_links": _page_links(results),
            "relaxations": [
                (facet, count, _url(_remove(results, facet.param)))
                for facet, count in results.relaxations
            ],
            "without_text_url": _url(results.query.with_text("").without(results.place_param))
            if results.query.text
            else None,
        }
    )
    return TemplateResponse(request, page.get_template(request), context)


def _url(query, **extra):
    params = query.to_params() + list(extra.items())
    return "?" + urlencode(params) if params else "?"


def _remove(results, param, value=None):
    """The query without a filter value; a place typed in the text goes with its filter."""
    query = results.query.without(param, value)
    place = results.place
    if place and param == results.place_param and value in (None, place.region_slug):
        query = query.with_text(results.understood.text_without_place)
    return query


def _understood_tags(results):
    """What the words typed were understood as ("Accommodation", from "somewhere to live"),
    each with a link that searches again without those words."""
    if not results.understood:
        return []
    return [
        {
            "label": concept.label,
            "phrase": concept.phrase,
            "href": _url(results.query.with_text(results.understood.text_without(concept))),
        }
        for concept in results.understood.recognised
    ]


def _selected_filters(results):
    """Chips for the chosen filters, each with a link that removes just that one."""
    return [
        {
            "label": facet.label,
            "items": [
                {"text": option.label, "href": _url(_remove(results, facet.param, option.value))}
                for option in facet.selected
            ],
        }
        for facet in results.facets
        if facet.selected
    ]


def _sort_links(results):
    return [
        {"value": value, "label": label, "current": value == results.sort}
        for value, label in results.sort_options.items()
    ]


def _page_links(results):
    page = results.page
    if page.paginator.num_pages <= 1:
        return None
    query = results.query

    def link(number):
        return _url(query, page=number)

    numbers = sorted(
        {1, page.paginator.num_pages, page.number - 1, page.number, page.number + 1}
        & set(page.paginator.page_range)
    )
    items = []
    previous = None
    for number in numbers:
        if previous is not None and number - previous > 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "href": link(number), "current": number == page.number})
        previous = number
    return {
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "items": items,
    }
