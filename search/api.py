"""The one way to ask for a list of results: text and filters in; results, facets and counts out.

The directory page, the search page and the open data API all call `search()`. The backend
is chosen in search.backends from the SEARCH_URL setting, which nothing outside search/ reads.
Query understanding (synonyms, vocabulary terms, places, spelling) happens here, once, for
every backend, and so does the rule that every concept typed counts (`_ask`).
"""

import dataclasses

from search.backends import EngineUnavailable, database_backend, get_backend
from search.concept_rules import can_match_fewer
from search.indexes import get_index
from search.query import MAX_TEXT_LENGTH, SearchQuery
from search.results import FacetResult, SearchResults
from search.understanding import cached_vocabulary, understand

# Callers ask with a SearchQuery and read SearchResults: both are reached through this module.
__all__ = ["FacetResult", "SearchQuery", "SearchResults", "search", "search_ids", "suggest"]


def search(index_name, query):
    """Search an index: understand the text, apply its place, ask the backend.

    When the engine is configured but unreachable, the database answers and the results
    say so (`degraded`): a search never fails because the engine is down.
    """
    index = get_index(index_name)
    query, understood, chosen_sort = _understood_query(index, query)
    answer = _ask(
        index,
        understood,
        lambda backend, match_all: backend.search(index, query, understood, match_all),
        count=lambda results: results.total,
    )
    results = answer.found
    results.matched_all = answer.matched_all
    results.degraded = answer.degraded
    # Links keep the sort only when the visitor chose one.
    results.sort = results.query.sort
    results.query = dataclasses.replace(results.query, sort=chosen_sort)
    results.understood = understood
    results.place_param = index.place_facet
    results.sort_options = index.sort_options(understood.has_text)
    return results


def search_ids(index_name, query):
    """The ids of every result, best first (at most the index's `max_matches`), for a caller
    that pages and joins the results itself (the open data API). The text is understood and
    matched exactly as by `search()`; no page, facet counts or highlights are computed."""
    index = get_index(index_name)
    query, understood, _chosen_sort = _understood_query(index, query)
    return _ask(
        index,
        understood,
        lambda backend, match_all: backend.search_ids(index, query, understood, match_all),
        count=len,
    ).found


def _understood_query(index, query):
    """(the query with its place and sort applied, what its text was understood to mean, the
    sort the visitor chose if any)."""
    vocabulary = cached_vocabulary(index) if query.text else frozenset()
    understood = understand(query.text, vocabulary, index)
    if understood.place and index.place_facet:
        query = query.with_filter(index.place_facet, understood.place.region_slug)
    chosen_sort = query.sort if query.sort in index.sort_options(understood.has_text) else ""
    query = dataclasses.replace(query, sort=chosen_sort or index.default_sort(understood.has_text))
    return query, understood, chosen_sort


@dataclasses.dataclass
class _Answer:
    found: object
    matched_all: bool = True
    degraded: bool = False


def _ask(index, understood, ask, count):
    """What `ask(backend, match_all)` answers, from the database when the engine is down."""
    backend = get_backend() if index.uses_engine else database_backend()
    try:
        return _closest(backend, understood, ask, count)
    except EngineUnavailable:
        return dataclasses.replace(
            _closest(database_backend(), understood, ask, count), degraded=True
        )


def _closest(backend, understood, ask, count):
    """Results matching every concept typed; only when there are none, results matching
    any of them, those matching more first (then `matched_all` is False)."""
    results = ask(backend, True)
    if count(results) == 0 and can_match_fewer(understood):
        closest = ask(backend, False)
        if count(closest):
            return _Answer(closest, matched_all=False)
    return _Answer(results)


MAX_SUGGESTIONS = 8


# The order suggestions are offered in, by kind.
SUGGESTION_KINDS = ("category", "organisation", "service")


def suggest(index_name, prefix, limit=MAX_SUGGESTIONS):
    """What to offer as someone types in the search box: [{"value", "group"}], kinds of
    support first, then organisations, then services (the engine's, or the database's)."""
    prefix = " ".join((prefix or "").split())[:MAX_TEXT_LENGTH]
    if len(prefix) < 2:
        return []
    index = get_index(index_name)
    try:
        found = get_backend().suggest(index, prefix, limit)
    except EngineUnavailable:
        found = database_backend().suggest(index, prefix, limit)
    found += index.other_suggestions(prefix, limit)
    unique = dict.fromkeys(found)
    ordered = sorted(unique, key=lambda item: SUGGESTION_KINDS.index(item[1]))
    seen, offered = set(), []
    for value, group in ordered:
        if value not in seen:
            seen.add(value)
            offered.append({"value": value, "group": group})
    return offered[:limit]
