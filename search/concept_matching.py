"""How the database applies the rule of search.concept_rules: which results a query's
concepts allow, and in what order (the engine's is search.backends.engine_concepts)."""

from functools import reduce
from operator import or_

from search import concept_rules, facet_bitmaps


class ConceptMatcher:
    """Works on bitmaps of primary keys (`search.facet_bitmaps`): a concept's terms are its
    facets' options in the snapshot, its words the text search's matches."""

    def __init__(self, backend, index, understood, snapshot):
        self.backend = backend
        self.index = index
        self.understood = understood
        self.snapshot = snapshot
        self.plan = concept_rules.plan(index, understood)

    def narrow(self, allowed, match_all):
        """(the bitmap of the results among `allowed` the concepts allow, their ids best
        first)."""
        ranked = self.text_ids(tuple(self.understood.alternatives))
        if match_all:
            for _concept, values in self.plan.by_terms:
                allowed &= self.having_terms(values)
            for concept in self.plan.required_words:
                allowed &= self.words(concept)
            return allowed, self.ranked_by_words(ranked)
        conditions = [
            self.having_terms(values) | self.words(concept)
            for concept, values in self.plan.by_terms
        ]
        conditions += [self.words(concept) for concept in self.plan.required_words]
        conditions += [self.words(concept) for concept in self.plan.ranking_words]
        allowed &= reduce(or_, conditions)
        met = [set(facet_bitmaps.pks(condition & allowed)) for condition in conditions]
        matched = {pk: sum(pk in ids for ids in met) for pk in facet_bitmaps.pks(allowed)}
        return allowed, _best_first(matched, ranked)

    def ranked_by_words(self, ranked):
        """The text ranking, with results matching more of the ranking-only words first."""
        if not self.plan.ranking_words:
            return ranked
        sets = [set(self.text_ids(tuple(concept.terms))) for concept in self.plan.ranking_words]
        matched = {pk: sum(pk in ids for ids in sets) for pk in ranked}
        return _best_first(matched, ranked)

    def words(self, concept):
        return facet_bitmaps.bitmap(self.text_ids(tuple(concept.terms)))

    def having_terms(self, values_by_param):
        """The bitmap of the results having any of the terms."""
        return reduce(
            or_,
            (self.snapshot.having(param, values) for param, values in values_by_param.items()),
            0,
        )

    def text_ids(self, terms):
        """Ids of results whose text matches any of the terms, best first (the backend asks
        the database once for each set of terms)."""
        return self.backend.text_ids(self.index, list(terms))


def _best_first(matched, ranked):
    """Ids by how many concepts they match, then by their place in the text ranking."""
    position = {pk: number for number, pk in enumerate(ranked)}
    unranked = len(position)
    return sorted(matched, key=lambda pk: (-matched[pk], position.get(pk, unranked), -pk))
