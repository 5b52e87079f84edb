"""Search on the engine: one request with the text query, post_filter for the chosen
facets and a filter aggregation per facet (disjunctive counts), highlighting, then the
page's objects loaded from the database in the engine's order. Words match as typed; only
when that finds nothing is the search asked again allowing typos."""

from django.core.paginator import Paginator

from elasticsearch.dsl import Q, Search
from elasticsearch.dsl.response import Response

from search import engine
from search.backends.database import _option, only_known_filters
from search.backends.engine_concepts import concept_query
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

    def search(self, index, query, understood, match_all=True):
        options = {facet.param: facet.options() for facet in index.facets}
        values_by_param = {
            facet.param: facet.option_values(options[facet.param]) for facet in index.facets
        }
        query = query.only_known(values_by_param)
        selected = [
            (facet, query.filters[facet.param])
            for facet in index.facets
            if query.filters.get(facet.param)
        ]
        per_page = min(query.per_page or index.per_page, index.max_per_page)

        def fetch(typos):
            text_query = concept_query(index, understood, match_all, typos)

            def build(page_number):
                return self._build_search(
                    index, query, text_query, understood, selected, per_page, page_number
                )

            return self._fetch_page(index, build, query.page, per_page)

        page_number, response = fetch(typos=False)
        if response.hits.total.value == 0 and understood.has_text:
            # Typo-tolerant words only when the words as typed find nothing, as the
            # database's trigram fallback: they cost the engine 5-20 times the words as
            # typed (measured at 10,000 organisations: "took" 10-100 ms against 0-7 ms).
            page_number, response = fetch(typos=True)
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
        typed find nothing and typos are allowed)."""
        query = only_known_filters(index, query)
        found = self._ids(index, query, concept_query(index, understood, match_all))
        if not found and understood.has_text:
            found = self._ids(index, query, concept_query(index, understood, match_all, True))
        return found

    def _ids(self, index, query, text_query):
        search = self._listed(index, Search().query(text_query))
        for facet in index.facets:
            if query.filters.get(facet.param):
                search = search.filter(facet.engine_filter(query.filters[facet.param]))
        search = search.source(False).extra(track_total_hits=False)
        search = search.sort(*index.engine_sort(query.sort))[: index.max_matches]
        raw = engine.call(
            engine.client(self.url).search,
            index=engine.alias_name(index),
            body=search.to_dict(),
            params={"filter_path": "hits.hits._id"},
        )
        return [int(hit["_id"]) for hit in raw.get("hits", {}).get("hits", [])]

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
        for facet in index.facets:
            others = [
                facet_.engine_filter(values) for facet_, values in selected if facet_ is not facet
            ]
            bucket = search.aggs.bucket(facet.param, "filter", filter=Q("bool", filter=others))
            for name, aggregation in facet.engine_aggregations().items():
                bucket.bucket(name, aggregation)
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

    def _fetch_page(self, index, build, page_number, per_page):
        """The asked-for page, or the last one when it asks for more than there is."""
        alias = engine.alias_name(index)
        engine_client = engine.client(self.url)

        def execute(search):
            raw = engine.call(
                engine_client.search,
                index=alias,
                body=search.to_dict(),
                params=SEARCH_PARAMS,
            )
            # filter_path leaves out an empty list of hits.
            raw.setdefault("hits", {}).setdefault("hits", [])
            return Response(search, raw)

        response = execute(build(page_number))
        total = response.hits.total.value
        last_page = max(1, -(-total // per_page))
        if page_number > last_page:
            page_number = last_page
            response = execute(build(page_number))
        return page_number, response

    @staticmethod
    def _load_hits(index, response, understood):
        """The hits' objects from the database, in the engine's order, and their highlights."""
        ids = [int(hit.meta.id) for hit in response.hits]
        found = index.prepare_results(_results_queryset(index).filter(pk__in=ids)).in_bulk()
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


def _facet_results(index, query, response, options, values_by_param, total):
    """Each facet's options with their counts and, when nothing was found, how many results
    dropping that facet's own filter would bring back."""
    facet_results = []
    relaxations = []
    for facet in index.facets:
        bucket = response.aggregations[facet.param]
        counts = facet.engine_counts(bucket, values_by_param[facet.param])
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
            # The facet's bucket holds every other filter but not its own.
            relaxations.append((result, bucket.doc_count))
    return facet_results, relaxations
