"""Search in the database: the text matched against the search table of its own
(`search.backends.text_match`: PostgreSQL full text with trigram fuzzy matching as the
fallback, SQLite FTS5); which results are listed, meet each filter, and in what order from
the facet snapshot (`search.facet_bitmaps`), and so are the facet counts; the page's rows
are read from the listing in the database."""

from itertools import islice

from django.core.paginator import Paginator

from search import facet_bitmaps
from search.backends import text_match
from search.concept_matching import ConceptMatcher as _ConceptMatcher
from search.facets import Option
from search.highlight import highlight
from search.ids import AmongIds
from search.results import FacetResult, SearchResults
from search.translations import current_language


class _Matches:
    """Every result the text allows among those listed, and those meeting each chosen facet,
    as bitmaps of the snapshot (`search.facet_bitmaps`). Disjunctive counting then needs no
    more filtering: a facet is counted over the results meeting every *other* chosen facet.
    """

    def __init__(self, snapshot, allowed, selected_facets):
        self.selected_facets = selected_facets
        self.allowed = allowed
        self.met_by = [snapshot.having(facet.param, values) for facet, values in selected_facets]
        self.bits = self.narrowed(None)
        self.ids = set(facet_bitmaps.pks(self.bits))

    def narrowed(self, skip):
        """The bitmap of the results meeting every chosen facet but `skip`."""
        bits = self.allowed
        for number, (facet, _values) in enumerate(self.selected_facets):
            if facet is not skip:
                bits &= self.met_by[number]
        return bits


def _facet_results(index, query, options, values_by_param, matches, snapshot):
    facet_results = []
    for facet in index.facets:
        # Disjunctive: each facet is counted with every other facet applied, not itself.
        bits = matches.narrowed(facet) if facet.param in query.filters else matches.bits
        counts = snapshot.counts(facet.param, bits)
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
    return facet_results


def _result_page(index, query, snapshot, matches, ranked_ids):
    """The asked-for page of results, in relevance order or in the order asked for."""
    per_page = min(query.per_page or index.per_page, index.max_per_page)
    if query.sort == "relevance" and ranked_ids is not None:
        ordered = _by_relevance(ranked_ids, matches.ids)
    else:
        ordered = [pk for pk in snapshot.order(current_language(), query.sort) if pk in matches.ids]
    paginator = Paginator(ordered, per_page)
    page = paginator.get_page(query.page)
    page_ids = list(page.object_list)
    # Read from the listing itself: a result no longer listed is never shown, even when the
    # snapshot has not caught up yet.
    listed = index.get_queryset().filter(AmongIds("pk", page_ids)) if page_ids else None
    found = index.load_results(listed) if page_ids else {}
    page.object_list = [found[pk] for pk in page_ids if pk in found]
    return page, paginator


def only_known_filters(index, query):
    """The query without filter values no facet offers (from an old or hand-made link)."""
    return query.only_known(
        {facet.param: facet.option_values(facet.options()) for facet in index.facets}
    )


def _by_relevance(ranked_ids, matching_ids):
    """The matching ids in the text ranking's order; those it does not place (matched by
    their terms alone) follow, newest first."""
    ordered = [pk for pk in ranked_ids if pk in matching_ids]
    placed = set(ordered)
    ordered += sorted((pk for pk in matching_ids if pk not in placed), reverse=True)
    return ordered


class DatabaseBackend:
    """One search's backend (`search.backends.database_backend()` makes one for each)."""

    name = "database"

    def __init__(self):
        # The snapshot each index's search uses throughout (`search.facet_bitmaps`).
        self._snapshots = {}

    def _snapshot(self, index):
        if index.name not in self._snapshots:
            self._snapshots[index.name] = facet_bitmaps.snapshot(index)
        return self._snapshots[index.name]

    def search(self, index, query, understood, match_all=True):
        # Each facet's options are loaded once: to drop unknown values and to count.
        options = {facet.param: facet.options() for facet in index.facets}
        values_by_param = {
            facet.param: facet.option_values(options[facet.param]) for facet in index.facets
        }
        query = query.only_known(values_by_param)
        snapshot = self._snapshot(index)
        matches, ranked_ids = self._matching(index, query, understood, match_all, snapshot)

        facet_results = _facet_results(index, query, options, values_by_param, matches, snapshot)
        page, paginator = _result_page(index, query, snapshot, matches, ranked_ids)

        highlights = {}
        if understood.has_text:
            for result in page.object_list:
                highlights[result.pk] = highlight(
                    index.snippet_text(result), understood.alternatives
                )

        relaxations = []
        if paginator.count == 0:
            by_param = {result.param: result for result in facet_results}
            for facet, _values in matches.selected_facets:
                relaxations.append((by_param[facet.param], matches.narrowed(facet).bit_count()))

        return SearchResults(
            query=query,
            page=page,
            total=paginator.count,
            facets=facet_results,
            backend=self.name,
            relaxations=relaxations,
            highlights=highlights,
        )

    def search_ids(self, index, query, understood, match_all=True):
        """The ids `search` would page through, in its order (at most index.max_matches)."""
        query = only_known_filters(index, query)
        snapshot = self._snapshot(index)
        matches, ranked_ids = self._matching(index, query, understood, match_all, snapshot)
        if query.sort == "relevance" and ranked_ids is not None:
            return _by_relevance(ranked_ids, matches.ids)[: index.max_matches]
        ordered = snapshot.order(current_language(), query.sort)
        return list(islice((pk for pk in ordered if pk in matches.ids), index.max_matches))

    def _matching(self, index, query, understood, match_all, snapshot):
        """(the results listed that the text allows, with those meeting each chosen facet;
        their ids best first, or None without text)."""
        allowed = snapshot.listed(current_language())
        ranked_ids = None
        if understood.has_text:
            matcher = _ConceptMatcher(self, index, understood, snapshot)
            allowed, ranked_ids = matcher.narrow(allowed, match_all)
        selected_facets = [
            (facet, query.filters[facet.param])
            for facet in index.facets
            if query.filters.get(facet.param)
        ]
        return _Matches(snapshot, allowed, selected_facets), ranked_ids

    def suggest(self, index, prefix, limit):
        """[(text, kind)]: taxonomy terms ("category"), then names ("service")."""
        terms = [(term, "category") for term in index.term_suggestions(prefix, limit)]
        names = [(name, "service") for name in index.suggestion_names(prefix, limit)]
        return [*terms, *names]

    def text_ids(self, index, alternatives):
        """Primary keys of the rows whose text matches any of the words, best first (at most
        index.max_matches), remembered with the snapshot: a search that matches nothing
        with every concept asks again, and a fuzzy match can take a second."""

        def find():
            ids = text_match.ranked_ids(index, alternatives, index.max_matches)
            if not ids:
                # Nothing matched word for word: try near spellings (typos).
                ids = text_match.fuzzy_ids(index, alternatives, index.max_matches)
            return ids

        return self._snapshot(index).text_matches_for(tuple(alternatives), find)


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
