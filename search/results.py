"""What every backend answers: a page of results, each facet's options with their counts,
the total, and how the text was understood."""

from dataclasses import dataclass, field

from django.core.paginator import Page

from search.facets import Option
from search.query import SearchQuery
from search.understanding import UnderstoodText


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
    # False when no result matched every concept typed, and these match some of them.
    matched_all: bool = True

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
