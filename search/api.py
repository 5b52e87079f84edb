"""The one way to ask for a list of results: query in, results, facets and counts out.

The directory page, the search page and the open data API all call `search()`. The backend
is chosen here from the SEARCH_URL setting, which nothing outside search/ reads.
"""

from dataclasses import dataclass, field

from django.core.paginator import Page

from search.backends import get_backend
from search.facets import Option
from search.indexes import get_index


@dataclass
class SearchQuery:
    filters: dict[str, list[str]] = field(default_factory=dict)
    page: int = 1
    per_page: int | None = None
    sort: str = ""

    @classmethod
    def from_params(cls, params, index_name):
        """Read a query from URL parameters (a QueryDict).

        Parameters that are not filters are ignored; values no option has are dropped by
        the search itself (see `only_known`), so an old shared link still opens.
        """
        index = get_index(index_name)
        filters = {}
        for facet in index.facets:
            values = [value for value in params.getlist(facet.param) if value]
            if values:
                filters[facet.param] = list(dict.fromkeys(values))
        return cls(filters=filters, page=_positive_int(params.get("page"), 1))

    def only_known(self, known_values):
        """This query without the filter values that match no option ({param: values})."""
        filters = {
            param: [value for value in values if value in known_values.get(param, ())]
            for param, values in self.filters.items()
        }
        return SearchQuery(
            filters={param: values for param, values in filters.items() if values},
            page=self.page,
            per_page=self.per_page,
            sort=self.sort,
        )

    def without(self, param, value=None):
        """This query with one filter value (or a whole filter) removed, from page 1."""
        filters = {
            name: [v for v in values if name != param or (value is not None and v != value)]
            for name, values in self.filters.items()
        }
        return SearchQuery(
            filters={name: values for name, values in filters.items() if values},
            per_page=self.per_page,
            sort=self.sort,
        )

    def to_params(self):
        params = [(name, value) for name, values in self.filters.items() for value in values]
        if self.sort:
            params.append(("sort", self.sort))
        return params


@dataclass
class FacetResult:
    param: str
    label: str
    options: list[Option]

    @property
    def selected(self):
        return [
            option
            for parent in self.options
            for option in [parent, *parent.children]
            if option.selected
        ]


@dataclass
class SearchResults:
    query: SearchQuery
    page: Page
    total: int
    facets: list[FacetResult]
    backend: str
    # When nothing matches: how many results there would be without each chosen filter.
    relaxations: list[tuple[FacetResult, int]] = field(default_factory=list)

    @property
    def results(self):
        return self.page.object_list


def search(index_name, query):
    index = get_index(index_name)
    return get_backend().search(index, query)


def _positive_int(value, default):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if number > 0 else default
