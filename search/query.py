"""What a search is asked: text, filters, sort and page, read from and written to URLs."""

import dataclasses
from dataclasses import dataclass, field

from search.indexes import get_index

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


def _positive_int(value, default):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if number > 0 else default
