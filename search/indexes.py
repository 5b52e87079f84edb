"""What can be searched. Apps register an index; search/ never imports them.

An index names the queryset of things a visitor may find, the facets that narrow it, and
how results are ordered and prepared for display (the way Wagtail models declare
`search_fields`).
"""

_registry = {}


class SearchIndex:
    name = ""
    facets = []
    per_page = 20
    max_per_page = 100

    def get_queryset(self):
        raise NotImplementedError

    def order(self, queryset, sort):
        return queryset

    def prepare_results(self, queryset):
        """Fetch what a result shows (related rows) in a fixed number of queries."""
        return queryset

    def get_facet(self, param):
        return next((facet for facet in self.facets if facet.param == param), None)


def register(index_class):
    index = index_class()
    _registry[index.name] = index
    return index_class


def get_index(name):
    try:
        return _registry[name]
    except KeyError:
        raise LookupError(f"No search index named {name!r} is registered.") from None
