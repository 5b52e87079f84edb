"""The engine's query for a search's concepts: the same rule as the database's
(search.concept_matching), written as one bool query.

Matching all concepts: recognised concepts are filters on their terms' fields, other
concepts must match the text, and every word typed scores. Matching any: each concept adds
a large constant to the score of the results it matches, so results matching more concepts
come first and the text's own score orders results within each tier.
"""

from elasticsearch.dsl import Q

from search.text import is_phrase

# Far above any text score, so a result matching one more concept always ranks higher.
COVERAGE_BOOST = 1000
FUZZINESS = "AUTO:4,7"


def concept_query(index, understood, match_all=True):
    if not understood.has_text:
        return Q("match_all")
    facets = {facet.param: facet for facet in index.facets}
    scoring = wording(index, understood.alternatives)
    if match_all:
        filters, musts = [], []
        for concept in understood.concepts:
            by_terms = terms_clause(facets, concept)
            if by_terms is None:
                musts.append(wording(index, concept.terms))
            else:
                filters.append(by_terms)
        return Q("bool", filter=filters, must=musts, should=[scoring])
    tiers = []
    for concept in understood.concepts:
        by_terms = terms_clause(facets, concept)
        by_words = wording(index, concept.terms)
        matches = by_words if by_terms is None else Q("bool", should=[by_terms, by_words])
        tiers.append(Q("constant_score", filter=matches, boost=COVERAGE_BOOST))
    # The tiers decide what matches; the text's own score only orders.
    return Q("bool", must=[Q("bool", should=tiers, minimum_should_match=1)], should=[scoring])


def terms_clause(facets, concept):
    """Documents having any of a recognised concept's terms (None when the index has none
    of their facets)."""
    values_by_param = {}
    for param, value in concept.targets:
        if param in facets:
            values_by_param.setdefault(param, []).append(value)
    if not values_by_param:
        return None
    return Q(
        "bool",
        should=[facets[param].engine_filter(values) for param, values in values_by_param.items()],
        minimum_should_match=1,
    )


def wording(index, terms):
    """Documents whose text matches any of the words: phrases whole, words allowing typos."""
    alternatives = []
    for term in terms:
        if is_phrase(term):
            alternatives.append(
                Q("multi_match", query=term, type="phrase", fields=index.engine_text_fields)
            )
        else:
            alternatives.append(
                Q(
                    "multi_match",
                    query=term,
                    fields=index.engine_text_fields,
                    fuzziness=FUZZINESS,
                    prefix_length=1,
                )
            )
    return Q("dis_max", queries=alternatives)
