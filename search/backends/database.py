"""Search in the database: Wagtail's full-text search for the text (SQLite FTS5, PostgreSQL
full text with trigram fuzzy matching as the fallback), filters through the ORM, and facet
counts as a fixed number of GROUP BYs over the matching rows."""

from django.core.paginator import Paginator
from django.db import connection

from wagtail.search.backends import get_search_backend

from modelsearch.query import Fuzzy, Or, Phrase, PlainText

from search.facets import Option
from search.highlight import highlight


class DatabaseBackend:
    name = "database"

    def search(self, index, query, understood):
        from search.api import FacetResult, SearchResults

        # Each facet's options are loaded once: to drop unknown values and to count.
        options = {facet.param: facet.options() for facet in index.facets}
        values_by_param = {
            facet.param: facet.option_values(options[facet.param]) for facet in index.facets
        }
        query = query.only_known(values_by_param)
        base = index.get_queryset()
        ranked_ids = None
        if understood.has_text:
            ranked_ids = self._ranked_ids(index, understood)
            base = base.filter(pk__in=ranked_ids)
        selected_facets = [
            (facet, query.filters[facet.param])
            for facet in index.facets
            if query.filters.get(facet.param)
        ]

        def narrowed(skip=None):
            queryset = base
            for facet, values in selected_facets:
                if facet is not skip:
                    queryset = facet.filter(queryset, values)
            return queryset

        matching = narrowed()
        facet_results = []
        for facet in index.facets:
            # Disjunctive: each facet is counted with every other facet applied, not itself.
            counts = facet.counts(narrowed(skip=facet), values_by_param[facet.param])
            chosen = set(query.filters.get(facet.param, []))
            facet_results.append(
                FacetResult(
                    param=facet.param,
                    label=facet.label,
                    options=[
                        _option(value, label, children, counts, chosen)
                        for value, label, children in options[facet.param]
                    ],
                )
            )

        per_page = min(query.per_page or index.per_page, index.max_per_page)
        if query.sort == "relevance" and ranked_ids is not None:
            position = {pk: rank for rank, pk in enumerate(ranked_ids)}
            ordered = sorted(matching.values_list("pk", flat=True), key=position.__getitem__)
            paginator = Paginator(ordered, per_page)
            page = paginator.get_page(query.page)
            found = index.prepare_results(base.filter(pk__in=page.object_list)).in_bulk()
            page.object_list = [found[pk] for pk in page.object_list if pk in found]
        else:
            ordered = index.prepare_results(index.order(matching, query.sort))
            paginator = Paginator(ordered, per_page)
            page = paginator.get_page(query.page)
            page.object_list = list(page.object_list)

        highlights = {}
        if understood.has_text:
            for result in page.object_list:
                highlights[result.pk] = highlight(
                    index.snippet_text(result), understood.alternatives
                )

        relaxations = []
        if paginator.count == 0:
            by_param = {result.param: result for result in facet_results}
            for facet, _values in selected_facets:
                relaxations.append((by_param[facet.param], narrowed(skip=facet).count()))

        return SearchResults(
            query=query,
            page=page,
            total=paginator.count,
            facets=facet_results,
            backend=self.name,
            relaxations=relaxations,
            highlights=highlights,
        )

    def suggest(self, index, prefix, limit):
        terms = index.term_suggestions(prefix, limit)
        names = index.suggestion_names(prefix, limit)
        return list(dict.fromkeys([*terms, *names]))[:limit]

    def _ranked_ids(self, index, understood):
        """Primary keys of the rows matching the text, best first (at most index.max_matches)."""
        backend = get_search_backend()
        terms = [
            Phrase(term) if " " in term else PlainText(term) for term in understood.alternatives
        ]
        text_query = terms[0] if len(terms) == 1 else Or(terms)
        searchable = index.get_text_search_queryset()
        ids = self._ids(backend.search(text_query, searchable), index)
        if not ids and connection.vendor == "postgresql":
            # Nothing matched word for word: try trigram similarity (typos, near spellings),
            # with the strict threshold set in WAGTAILSEARCH_BACKENDS.
            fuzzy = Fuzzy(" ".join(understood.alternatives), operator="or")
            ids = self._ids(backend.search(fuzzy, searchable), index)
        return ids

    def _ids(self, search_results, index):
        return [result.pk for result in search_results[: index.max_matches]]


def _option(value, label, children, counts, chosen):
    return Option(
        value=value,
        label=label,
        count=counts.get(value, 0),
        selected=value in chosen,
        children=[
            Option(
                value=child_value,
                label=child_label,
                count=counts.get(child_value, 0),
                selected=child_value in chosen,
            )
            for child_value, child_label in children
        ],
    )
