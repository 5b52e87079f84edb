from django.template.response import TemplateResponse
from django.utils.http import urlencode

from search.api import SearchQuery, search


def directory_page(request, page):
    """The directory: services narrowed by the visitor's filters, with counts and chips."""
    query = SearchQuery.from_params(request.GET, "services")
    results = search("services", query)
    context = page.get_context(request)
    context.update(
        {
            "search": results,
            "selected_filters": _selected_filters(results),
            "clear_url": page.url,
            "page_links": _page_links(results),
            "relaxations": [
                (facet, count, _url(results.query.without(facet.param)))
                for facet, count in results.relaxations
            ],
        }
    )
    return TemplateResponse(request, page.get_template(request), context)


def _url(query, **extra):
    params = query.to_params() + list(extra.items())
    return "?" + urlencode(params) if params else "?"


def _selected_filters(results):
    """Chips for the chosen filters, each with a link that removes just that one."""
    return [
        {
            "label": facet.label,
            "items": [
                {
                    "text": option.label,
                    "href": _url(results.query.without(facet.param, option.value)),
                }
                for option in facet.selected
            ],
        }
        for facet in results.facets
        if facet.selected
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
