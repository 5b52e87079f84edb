"""Search in the database: the text matched against the search table of its own
(`search.backends.text_match`: PostgreSQL full text with trigram fuzzy matching as the
fallback, SQLite FTS5), filters through the ORM, and facet counts as a fixed number of
GROUP BYs over the matching ids (found once), or from in-memory bitmaps for large sets."""

from django.core.paginator import Paginator
from django.db.models import BooleanField, ExpressionWrapper

from search import facet_bitmaps
from search.backends import text_match
from search.concept_matching import ConceptMatcher as _ConceptMatcher
from search.facets import Option
from search.highlight import highlight
from search.ids import AmongIds
from search.results import FacetResult, SearchResults

# Up to this many ids, a result list is sent to the database as a list of ids.
MAX_IDS_PARAMETER = 2000


class _Matches:
    """Every result the text and the visitor may see, with whether it meets each chosen facet.

    One query. Disjunctive counting then needs no more filtering in SQL: a facet is counted
    over the results meeting every *other* chosen facet.
    """

    def __init__(self, base, selected_facets):
        self.selected_facets = selected_facets
        meets = {
            f"_meets_{number}": ExpressionWrapper(
                facet.condition(base, values), output_field=BooleanField()
            )
            for number, (facet, values) in enumerate(selected_facets)
        }
        rows = list(base.order_by().annotate(**meets).values_list("pk", *meets))
        self.met_by = [set() for _ in selected_facets]
        for row in rows:
            for number, met in enumerate(row[1:]):
                if met:
                    self.met_by[number].add(row[0])
        self.all_ids = {row[0] for row in rows}
        self.ids = self.narrowed()

    def narrowed(self, skip=None):
        """The ids meeting every chosen facet but `skip`."""
        ids = self.all_ids
        for number, (facet, _values) in enumerate(self.selected_facets):
            if facet is not skip:
                ids = ids & self.met_by[number]
        return ids


def _facet_results(index, query, options, values_by_param, matches, among):
    counter = _FacetCounter(index, among.model)
    facet_results = []
    for facet in index.facets:
        # Disjunctive: each facet is counted with every other facet applied, not itself.
        ids = matches.narrowed(skip=facet) if facet.param in query.filters else matches.ids
        counts = counter.counts(facet, ids, values_by_param[facet.param])
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


def _result_page(index, query, base, among, matches, ranked_ids):
    """The asked-for page of results, in relevance order or in the order asked for."""
    per_page = min(query.per_page or index.per_page, index.max_per_page)
    matching_ids = matches.ids
    if query.sort == "relevance" and ranked_ids is not None:
        ordered = _by_relevance(ranked_ids, matching_ids)
    elif len(matching_ids) <= MAX_IDS_PARAMETER:
        ordered = index.order(among.filter(AmongIds("pk", matching_ids)), query.sort)
    else:
        # Many results: the database sorts them faster from the filters themselves
        # than from a long list of ids.
        matching = base
        for facet, values in matches.selected_facets:
            matching = matching.filter(facet.condition(base, values))
        ordered = index.order(matching, query.sort)
    if not isinstance(ordered, list):
        # Sorted and cut as keys alone: the rows a result shows are wide and joined, and
        # are read for the page's results only.
        ordered = ordered.values_list("pk", flat=True)
    paginator = Paginator(ordered, per_page)
    # Known already: spare the database a count.
    paginator.count = len(matching_ids)
    page = paginator.get_page(query.page)
    page_ids = list(page.object_list) if matching_ids else []
    found = index.prepare_results(among.filter(pk__in=page_ids)).in_bulk()
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
        # Text matches already found in this search: when nothing matches every concept it
        # is asked again, and a fuzzy match can take a second.
        self._text_matches = {}

    def search(self, index, query, understood, match_all=True):
        # Each facet's options are loaded once: to drop unknown values and to count.
        options = {facet.param: facet.options() for facet in index.facets}
        values_by_param = {
            facet.param: facet.option_values(options[facet.param]) for facet in index.facets
        }
        query = query.only_known(values_by_param)
        base, ranked_ids, selected_facets = self._matching(index, query, understood, match_all)

        matches = _Matches(base, selected_facets)
        among = base.model._base_manager.all()
        facet_results = _facet_results(index, query, options, values_by_param, matches, among)
        page, paginator = _result_page(index, query, base, among, matches, ranked_ids)

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
                relaxations.append((by_param[facet.param], len(matches.narrowed(skip=facet))))

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
        base, ranked_ids, selected_facets = self._matching(index, query, understood, match_all)
        matching_ids = _Matches(base, selected_facets).ids
        if query.sort == "relevance" and ranked_ids is not None:
            return _by_relevance(ranked_ids, matching_ids)[: index.max_matches]
        among = base.model._base_manager.filter(AmongIds("pk", list(matching_ids)))
        ordered = index.order(among, query.sort).values_list("pk", flat=True)
        return list(ordered[: index.max_matches])

    def _matching(self, index, query, understood, match_all):
        """(what the text allows, its ids best first or None without text, the chosen
        facets with their values)."""
        base = index.get_queryset()
        ranked_ids = None
        if understood.has_text:
            base, ranked_ids = _ConceptMatcher(self, index, understood).narrow(base, match_all)
        selected_facets = [
            (facet, query.filters[facet.param])
            for facet in index.facets
            if query.filters.get(facet.param)
        ]
        return base, ranked_ids, selected_facets

    def suggest(self, index, prefix, limit):
        """[(text, kind)]: taxonomy terms ("category"), then names ("service")."""
        terms = [(term, "category") for term in index.term_suggestions(prefix, limit)]
        names = [(name, "service") for name in index.suggestion_names(prefix, limit)]
        return [*terms, *names]

    def text_ids(self, index, alternatives):
        """Primary keys of the rows whose text matches any of the words, best first (at most
        index.max_matches)."""
        key = (index.name, tuple(alternatives))
        if key not in self._text_matches:
            self._text_matches[key] = self._find_text_ids(index, alternatives)
        return self._text_matches[key]

    def _find_text_ids(self, index, alternatives):
        ids = text_match.ranked_ids(index, alternatives, index.max_matches)
        if not ids:
            # Nothing matched word for word: try near spellings (typos).
            ids = text_match.fuzzy_ids(index, alternatives, index.max_matches)
        return ids


class _FacetCounter:
    """Counts each facet among a set of ids: in SQL for small sets, from the in-memory
    bitmaps (`search.facet_bitmaps`) for large ones, where SQL would pass over every row."""

    def __init__(self, index, model):
        self.index = index
        self.model = model
        self.snapshot = None
        self.bitmaps = []  # [(ids, bitmap)]: a few sets per search, compared by identity

    def counts(self, facet, ids, values):
        if not ids:
            return {}
        if len(ids) <= facet_bitmaps.BITMAPS_ABOVE:
            return facet.counts_for_ids(self.model, ids, values)
        if self.snapshot is None:
            self.snapshot = facet_bitmaps.snapshot(self.index)
        return self.snapshot.counts(facet.param, self._bitmap(ids))

    def _bitmap(self, ids):
        for known, bits in self.bitmaps:
            if known is ids:
                return bits
        bits = facet_bitmaps.bitmap(ids)
        self.bitmaps.append((ids, bits))
        return bits


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
