"""Search on the engine: one request with the text query, post_filter for the chosen
facets and filter aggregations for the counts (each facet under every filter but its own:
disjunctive counts), highlighting, then the page's objects loaded from the database in the
engine's order. Words match as typed; only when some of the words match nothing at all is
the search asked again allowing typos, so a search sends at most two requests
(`EngineBackend._closest`)."""

from django.core.paginator import Paginator

from elasticsearch.dsl import Q, Search
from elasticsearch.dsl.response import Response

from search import engine
from search.backends.database import _option, only_known_filters
from search.backends.engine_concepts import concept_query, words_query
from search.concept_rules import can_match_fewer
from search.results import FacetResult, SearchResults
from search.translations import current_language

HIGHLIGHT_FRAGMENT = 240
FUZZY_SUGGESTION_MIN_LENGTH = 4
# A page of results: cached by the engine until the index next changes, so the same search
# asked again costs no search (measured: the request cache's hit count rises on the second
# identical request, typo-tolerant or not), and only the parts read here ("took" for
# profiling) come back.
SEARCH_PARAMS = {
    "request_cache": "true",
    "filter_path": "took,hits.total,hits.hits._id,hits.hits.highlight,aggregations",
}
IDS_PARAMS = {"filter_path": "hits.total,hits.hits._id"}
# Which (every concept, typos) answers a search asks for; see EngineBackend._closest.
AS_TYPED = (True, False)
# Each count group's one aggregation of every facet value (search.engine.FACET_VALUES), and
# how many values it returns for each facet it counts (more than any facet has options).
COUNTS = "values"
FACET_BUCKETS = 500


def _results_queryset(index):
    """Where the page's objects are loaded from: the index's cheaper `engine_results_queryset`
    when it has one (the engine has already chosen which objects and which translation are
    shown), otherwise everything its lists show."""
    results_queryset = getattr(index, "engine_results_queryset", None)
    return results_queryset() if results_queryset else index.get_queryset()


class _Hits:
    """A sequence the paginator can count and slice: the total, and the page we fetched."""

    def __init__(self, total, objects, offset):
        self.total = total
        self.objects = objects
        self.offset = offset

    def __len__(self):
        return self.total

    def count(self):
        return self.total

    def __getitem__(self, item):
        if isinstance(item, slice):
            start = (item.start or 0) - self.offset
            stop = (item.stop or self.total) - self.offset
            return self.objects[max(start, 0) : max(stop, 0)]
        return self.objects[item - self.offset]


class EngineBackend:
    name = "engine"

    def __init__(self, url):
        self.url = url
        # ((index name, query), answer) for any concept, fetched while answering for every
        # concept (`_closest`); a backend answers one search.
        self._kept = None

    def search(self, index, query, understood, match_all=True):
        options = {facet.param: facet.options() for facet in index.facets}
        values_by_param = {
            facet.param: facet.option_values(options[facet.param]) for facet in index.facets
        }
        query = query.only_known(values_by_param)
        selected = query_selected(index, query)
        per_page = min(query.per_page or index.per_page, index.max_per_page)

        def build(asked, page_number=query.page):
            text_query = concept_query(index, understood, *asked)
            return self._build_search(
                index, query, text_query, understood, selected, per_page, page_number
            )

        answer = self._closest(index, query, understood, match_all, build, SEARCH_PARAMS, _total_of)
        page_number, response = self._last_page(index, build, answer, query.page, per_page)
        total = response.hits.total.value
        objects, highlights = self._load_hits(index, response, understood)

        paginator = Paginator(_Hits(total, objects, (page_number - 1) * per_page), per_page)
        page = paginator.get_page(page_number)
        page.object_list = list(page.object_list)

        facet_results, relaxations = _facet_results(
            index, query, response, options, values_by_param, total
        )
        return SearchResults(
            query=query,
            page=page,
            total=total,
            facets=facet_results,
            backend=self.name,
            relaxations=relaxations,
            highlights=highlights,
        )

    def search_ids(self, index, query, understood, match_all=True):
        """The ids `search` would page through, in its order (at most index.max_matches):
        one request with no aggregations, highlights or stored fields (two when the words as
        typed match nothing and typos are allowed)."""
        query = only_known_filters(index, query)

        def build(asked):
            return self._ids_search(index, query, concept_query(index, understood, *asked))

        def found(raw):
            return len(raw["hits"]["hits"])

        *_asked, raw = self._closest(index, query, understood, match_all, build, IDS_PARAMS, found)
        return [int(hit["_id"]) for hit in raw["hits"]["hits"]]

    def _ids_search(self, index, query, text_query):
        search = self._listed(index, Search().query(text_query))
        for facet in index.facets:
            if query.filters.get(facet.param):
                search = search.filter(facet.engine_filter(query.filters[facet.param]))
        search = search.source(False).extra(track_total_hits=False)
        return search.sort(*index.engine_sort(query.sort))[: index.max_matches]

    def _closest(self, index, query, understood, match_all, build, params, found):
        """(which answer, its search, its raw response) for `match_all`, in at most two
        requests a search: the words as typed, with whether each concept's words match
        anything listed at all; then, only when some concept's words match nothing, with
        typos (as the database, which allows typos only for words that match nothing word for
        word, whatever the filters leave).

        When nothing matches every concept, search.api asks again for any concept: that
        answer comes from the same requests (the second request only when words match as
        typed and `search.api` does ask), kept here for the question."""
        kept = self._kept
        self._kept = None
        if not match_all and kept and kept[0] == (index.name, query):
            return kept[1]()

        def ask(asked, *extra):
            searches = [build(answer) for answer in asked]
            raws = self._run(index, [*searches, *extra], params)
            return list(zip(asked, searches, raws, strict=False)), raws[len(asked) :]

        if not understood.has_text:
            return ask([AS_TYPED])[0][0]
        probes = [self._words_search(index, concept.terms) for concept in understood.concepts]
        ([first], words) = ask([(match_all, False)], *probes)
        fewer = match_all and can_match_fewer(understood)
        if found(first[2]):
            return first
        if all(_total_of(raw) for raw in words):
            if fewer:
                self._kept = ((index.name, query), lambda: ask([(False, False)])[0][0])
            return first
        asked = [(match_all, True), *([(False, False), (False, True)] if fewer else [])]
        answers, _extra = ask(asked)
        if fewer:
            closest = next((answer for answer in answers[1:] if found(answer[2])), answers[-1])
            self._kept = ((index.name, query), lambda: closest)
        return answers[0]

    def _words_search(self, index, terms):
        """Whether one concept's words as typed match any listed result (one is enough)."""
        search = self._listed(index, Search().filter(words_query(index, terms)))
        return search.extra(size=0, terminate_after=1, track_total_hits=True)

    def _run(self, index, searches, params):
        """The raw responses to the searches, asked in one request."""
        alias = engine.alias_name(index)
        engine_client = engine.client(self.url)
        bodies = [search.to_dict() for search in searches]
        if len(bodies) == 1:
            raws = [engine.call(engine_client.search, index=alias, body=bodies[0], params=params)]
        else:
            raws = engine.multi_search(engine_client, alias, bodies, params)
        for raw in raws:
            # filter_path leaves out an empty list of hits.
            raw.setdefault("hits", {}).setdefault("hits", [])
        return raws

    @staticmethod
    def _listed(index, search):
        """Only what the public lists show, in the language of the page."""
        search = search.filter("term", **{index.engine_listed_field: True})
        if index.engine_language_field:
            search = search.filter("term", **{index.engine_language_field: current_language()})
        return search

    def _build_search(self, index, query, text_query, understood, selected, per_page, page_number):
        """One page of results, with each facet counted under every filter but its own."""
        search = self._listed(index, Search().query(text_query))
        # Results are loaded from the database: only ids (and highlights) are needed.
        search = search.extra(track_total_hits=True).source(False)
        for name, others, _facets in _count_groups(index, selected):
            filters = [facet.engine_filter(values) for facet, values in others]
            group = search.aggs.bucket(name, "filter", filter=Q("bool", filter=filters))
            # Every facet's values are counted and those of other facets left unread: an
            # `include` pattern limiting them doubled the engine's time (measured).
            group.bucket(
                COUNTS, "terms", field=engine.FACET_VALUES, size=FACET_BUCKETS * len(index.facets)
            )
        if selected:
            search = search.post_filter(
                "bool", filter=[facet.engine_filter(values) for facet, values in selected]
            )
        if understood.has_text:
            search = search.highlight_options(
                encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"]
            ).highlight(
                index.engine_highlight_field,
                fragment_size=HIGHLIGHT_FRAGMENT,
                number_of_fragments=1,
                no_match_size=HIGHLIGHT_FRAGMENT,
            )
        search = search.sort(*index.engine_sort(query.sort))
        start = (page_number - 1) * per_page
        return search[start : start + per_page]

    def _last_page(self, index, build, answer, page_number, per_page):
        """(page number, response): the asked-for page, or the last one when it asks for more
        than there is (asked again only then, and never when nothing was found)."""
        asked, search, raw = answer
        total = _total_of(raw)
        last_page = max(1, -(-total // per_page))
        if page_number > last_page:
            if total:
                search = build(asked, last_page)
                raw = self._run(index, [search], SEARCH_PARAMS)[0]
            page_number = last_page
        return page_number, Response(search, raw)

    @staticmethod
    def _load_hits(index, response, understood):
        """The hits' objects from the database, in the engine's order, and their highlights."""
        ids = [int(hit.meta.id) for hit in response.hits]
        found = index.load_results(_results_queryset(index).filter(pk__in=ids))
        objects = [found[pk] for pk in ids if pk in found]
        highlights = {}
        if understood.has_text:
            for hit in response.hits:
                fragments = getattr(
                    getattr(hit.meta, "highlight", None), index.engine_highlight_field, None
                )
                if fragments:
                    from django.utils.safestring import mark_safe

                    highlights[int(hit.meta.id)] = mark_safe(fragments[0])
        return objects, highlights

    def suggest(self, index, prefix, limit):
        """Terms first (from the database: there are few), then names from the engine."""
        completion = {
            "field": index.engine_suggest_field,
            "size": limit * 3,
            "skip_duplicates": True,
        }
        if index.engine_language_field:
            completion["contexts"] = {"language": [current_language()]}
        if len(prefix) >= FUZZY_SUGGESTION_MIN_LENGTH:
            # A typo is likelier than a short word: "mentr" still offers "Mentoring".
            completion["fuzzy"] = {"fuzziness": 1, "prefix_length": 1}
        body = {
            "suggest": {"names": {"prefix": prefix, "completion": completion}},
            "_source": index.engine_suggestion_source,
        }
        raw = engine.call(engine.client(self.url).search, index=engine.alias_name(index), body=body)
        names = [
            index.engine_suggestion(option["text"], option.get("_source", {}))
            for option in raw["suggest"]["names"][0]["options"]
        ]
        terms = [(term, "category") for term in index.term_suggestions(prefix, limit)]
        return [*terms, *names]


def query_selected(index, query):
    """[(facet, values chosen)] for each facet with a filter chosen, in the index's order."""
    return [
        (facet, query.filters[facet.param])
        for facet in index.facets
        if query.filters.get(facet.param)
    ]


def _count_groups(index, selected):
    """[(aggregation name, [(facet, values)] filtering it, [facets counted in it])]: each
    facet is counted under every chosen filter but its own, so the facets with no filter
    chosen share one aggregation (the engine's time for counting halves: measured with the
    benchmark's queries at 10,000 organisations) and each facet with one has its own."""
    groups = {}
    for facet in index.facets:
        others = [(facet_, values) for facet_, values in selected if facet_ is not facet]
        key = tuple(facet_.param for facet_, _values in others)
        groups.setdefault(key, (others, []))[1].append(facet)
    return [
        (f"counts{number}", others, facets)
        for number, (others, facets) in enumerate(groups.values())
    ]


def _counts_by_param(buckets):
    """{param: {value: count}} from the buckets of one count of `engine.FACET_VALUES`."""
    counts = {}
    for bucket in buckets:
        param, _separator, value = bucket.key.partition(engine.FACET_SEPARATOR)
        counts.setdefault(param, {})[value] = bucket.doc_count
    return counts


def _total_of(raw):
    return raw["hits"]["total"]["value"]


def _facet_results(index, query, response, options, values_by_param, total):
    """Each facet's options with their counts and, when nothing was found, how many results
    dropping that facet's own filter would bring back."""
    facet_results = []
    relaxations = []
    # {param: (results under every filter but the facet's own, the facet's counts there)}
    counted = {}
    for name, _others, facets in _count_groups(index, query_selected(index, query)):
        group = response.aggregations[name]
        counts = _counts_by_param(group[COUNTS].buckets)
        for facet in facets:
            counted[facet.param] = (group.doc_count, counts.get(facet.param, {}))
    for facet in index.facets:
        doc_count, counts = counted[facet.param]
        counts = facet.engine_counts(counts, values_by_param[facet.param])
        chosen = set(query.filters.get(facet.param, []))
        result = FacetResult(
            param=facet.param,
            label=facet.label,
            options=[
                _option(value, label, children, counts, chosen)
                for value, label, children in options[facet.param]
            ],
        )
        facet_results.append(result)
        if total == 0 and chosen:
            # The facet's group holds every other filter but not its own.
            relaxations.append((result, doc_count))
    return facet_results, relaxations
