"""The engine's query for a search's concepts, following search.concept_rules as the
database does (search.concept_matching), in one bool query.

Filtering concepts are filters (terms) or musts (words); each concept that only ranks adds a
large constant to the score of the results it matches, so results matching more concepts
come first, and the text's own score orders results within each tier.
"""

from elasticsearch.dsl import Q

from search import concept_rules
from search.text import is_phrase

# Far above any text score, so a result matching one more concept always ranks higher.
COVERAGE_BOOST = 1000
FUZZINESS = "AUTO:4,7"


def concept_query(index, understood, match_all=True, typos=False):
    """The query for what was understood; `typos` lets words match within a letter or two
    (asked only when the words as typed match nothing, as the database's trigram fallback)."""
    if not understood.has_text:
        return Q("match_all")
    facets = {facet.param: facet for facet in index.facets}
    rules = concept_rules.plan(index, understood)

    def wording(terms):
        return _wording(index, terms, typos)

    scoring = wording(understood.alternatives)

    def by_terms(values):
        clauses = [facets[param].engine_filter(chosen) for param, chosen in values.items()]
        return Q("bool", should=clauses, minimum_should_match=1)

    def tier(query):
        return Q("constant_score", filter=query, boost=COVERAGE_BOOST)

    if match_all:
        return Q(
            "bool",
            filter=[by_terms(values) for _concept, values in rules.by_terms],
            must=[wording(concept.terms) for concept in rules.required_words],
            should=[scoring, *(tier(wording(c.terms)) for c in rules.ranking_words)],
        )
    tiers = [
        tier(Q("bool", should=[by_terms(values), wording(concept.terms)]))
        for concept, values in rules.by_terms
    ]
    tiers += [
        tier(wording(concept.terms)) for concept in [*rules.required_words, *rules.ranking_words]
    ]
    # The tiers decide what matches; the text's own score only orders.
    return Q("bool", must=[Q("bool", should=tiers, minimum_should_match=1)], should=[scoring])


def _wording(index, terms, typos):
    """Documents whose text matches any of the words: phrases whole, words as typed or,
    with `typos`, within a letter or two."""
    alternatives = []
    for term in terms:
        if is_phrase(term):
            alternatives.append(
                Q("multi_match", query=term, type="phrase", fields=index.engine_text_fields)
            )
        else:
            fuzzy = {"fuzziness": FUZZINESS, "prefix_length": 1} if typos else {}
            alternatives.append(
                Q("multi_match", query=term, fields=index.engine_text_fields, **fuzzy)
            )
    return Q("dis_max", queries=alternatives)


def words_query(index, terms):
    """Documents whose text matches any of the words or phrases as typed."""
    return _wording(index, terms, typos=False)
