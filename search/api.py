"""The one way to ask for a list of results: text and filters in; results, facets and counts out.

The directory page, the search page and the open data API all call `search()`. The backend
is chosen in search.backends from the SEARCH_URL setting, which nothing outside search/ reads.
Query understanding (synonyms, places, spelling) happens here, once, for every backend.
"""

import dataclasses
from dataclasses import dataclass, field

from django.core.paginator import Page

from search.backends import EngineUnavailable, database_backend, get_backend
from search.facets import Option
from search.indexes import get_index
from search.understanding import UnderstoodText, cached_vocabulary, understand

MAX_TEXT_LENGTH = 200


@dataclass
class SearchQuery:
    text: str = ""
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
        sort = params.get("sort", "")
        return cls(
            text=" ".join(params.get("q", "").split())[:MAX_TEXT_LENGTH],
            filters=filters,
            page=_positive_int(params.get("page"), 1),
            sort=sort if sort in index.sort_options(has_text=True) else "",
        )

    def only_known(self, known_values):
        """This query without the filter values that match no option ({param: values})."""
        filters = {
            param: [value for value in values if value in known_values.get(param, ())]
            for param, values in self.filters.items()
        }
        return dataclasses.replace(
            self, filters={param: values for param, values in filters.items() if values}
        )

    def with_filter(self, param, value):
        values = self.filters.get(param, [])
        if value in values:
            return self
        return dataclasses.replace(self, filters={**self.filters, param: [*values, value]})

    def without(self, param, value=None):
        """This query with one filter value (or a whole filter) removed, from page 1."""
        filters = {
            name: [v for v in values if name != param or (value is not None and v != value)]
            for name, values in self.filters.items()
        }
        return dataclasses.replace(
            self, filters={name: values for name, values in filters.items() if values}, page=1
        )

    def with_text(self, text):
        return dataclasses.replace(self, text=text, page=1)

    def to_params(self):
        params = [("q", self.text)] if self.text else []
        params += [(name, value) for name, values in self.filters.items() for value in values]
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
    understood: UnderstoodText | None = None
    # Highlighted snippets (safe HTML, matches in <mark>) by result primary key.
    highlights: dict = field(default_factory=dict)
    # True when the engine could not be reached and the database answered instead.
    degraded: bool = False

    @property
    def results(self):
        return self.page.object_list

    # The facet a place in the text filters by, and the sorts on offer.
    place_param: str | None = None
    sort: str = ""
    sort_options: dict = field(default_factory=dict)

    @property
    def place(self):
        return self.understood.place if self.understood else None


def search(index_name, query):
    """Search an index: understand the text, apply its place, ask the backend.

    When the engine is configured but unreachable, the database answers and the results
    say so (`degraded`): a search never fails because the engine is down.
    """
    index = get_index(index_name)
    vocabulary = cached_vocabulary(index) if query.text else frozenset()
    understood = understand(query.text, vocabulary)
    if understood.place and index.place_facet:
        query = query.with_filter(index.place_facet, understood.place.region_slug)
    chosen_sort = query.sort if query.sort in index.sort_options(understood.has_text) else ""
    query = dataclasses.replace(query, sort=chosen_sort or index.default_sort(understood.has_text))

    backend = get_backend()
    try:
        results = backend.search(index, query, understood)
    except EngineUnavailable:
        results = database_backend().search(index, query, understood)
        results.degraded = True
    # Links keep the sort only when the visitor chose one.
    results.sort = results.query.sort
    results.query = dataclasses.replace(results.query, sort=chosen_sort)
    results.understood = understood
    results.place_param = index.place_facet
    results.sort_options = index.sort_options(understood.has_text)
    return results


def _positive_int(value, default):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if number > 0 else default


MAX_SUGGESTIONS = 8


def suggest(index_name, prefix, limit=MAX_SUGGESTIONS):
    """Names to offer as someone types in the search box (the engine's, or the database's)."""
    prefix = " ".join((prefix or "").split())[:MAX_TEXT_LENGTH]
    if len(prefix) < 2:
        return []
    index = get_index(index_name)
    try:
        return get_backend().suggest(index, prefix, limit)
    except EngineUnavailable:
        return database_backend().suggest(index, prefix, limit)
