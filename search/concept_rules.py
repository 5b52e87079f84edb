"""Which concepts of a query filter and which only rank: one rule for every backend.

- A concept recognised as vocabulary terms ("somewhere to live" → Accommodation) is matched
  by the results' terms, in the facets the index has (`terms_by_facet`); in an index
  without those facets it is matched by its words like any other concept.
- Matching all (what a search asks first): every recognised concept must match. Other words
  must match too when nothing was recognised ("chess club"); beside recognised concepts they
  only rank, those matching more words first ("housing for women still in prison": "still"
  narrows nothing but a service whose text says it ranks higher).
- Matching any (asked only when nothing matches all): results matching more concepts first,
  and a recognised concept also matches by its words.
"""

from dataclasses import dataclass


@dataclass
class ConceptPlan:
    # [(concept, {facet parameter: [values]})]: matched by terms
    by_terms: list
    # concepts matched by their words that every result must match
    required_words: list
    # concepts matched by their words that only rank
    ranking_words: list


def plan(index, understood):
    facets = {facet.param for facet in index.facets}
    by_terms, by_words = [], []
    for concept in understood.concepts:
        values = terms_by_facet(concept, facets)
        if values:
            by_terms.append((concept, values))
        else:
            by_words.append(concept)
    if by_terms:
        return ConceptPlan(by_terms=by_terms, required_words=[], ranking_words=by_words)
    return ConceptPlan(by_terms=[], required_words=by_words, ranking_words=[])


def terms_by_facet(concept, facet_params):
    """{facet parameter: [values]} of a recognised concept's terms the index can filter by."""
    values = {}
    for param, value in concept.targets:
        if param in facet_params:
            values.setdefault(param, []).append(value)
    return values


def can_match_fewer(understood):
    """Whether results matching fewer concepts are asked for when none match every one
    (the engine backend asks for them in the same request as the typos)."""
    # One recognised concept can still match by its words instead of its terms.
    return len(understood.concepts) > 1 or bool(understood.recognised)
