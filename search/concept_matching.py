"""How the database applies the rule of search.concept_rules: which results a query's
concepts allow, and in what order (the engine's is search.backends.engine_concepts)."""

from functools import reduce
from operator import or_

from django.db.models import BooleanField, ExpressionWrapper

from search import concept_rules
from search.ids import AmongIds


class ConceptMatcher:
    def __init__(self, backend, index, understood):
        self.backend = backend
        self.index = index
        self.understood = understood
        self.facets = {facet.param: facet for facet in index.facets}
        self.plan = concept_rules.plan(index, understood)

    def narrow(self, base, match_all):
        """(base narrowed to the results the concepts allow, their ids best first)."""
        ranked = self.text_ids(tuple(self.understood.alternatives))
        if match_all:
            for _concept, values in self.plan.by_terms:
                base = base.filter(self.terms_condition(base, values))
            for concept in self.plan.required_words:
                base = base.filter(AmongIds("pk", self.text_ids(tuple(concept.terms))))
            return base, self.ranked_by_words(ranked)
        conditions = [
            self.terms_condition(base, values) | self.words(concept)
            for concept, values in self.plan.by_terms
        ]
        conditions += [self.words(concept) for concept in self.plan.required_words]
        conditions += [self.words(concept) for concept in self.plan.ranking_words]
        base = base.filter(reduce(or_, conditions))
        meets = {
            f"_concept_{number}": ExpressionWrapper(condition, output_field=BooleanField())
            for number, condition in enumerate(conditions)
        }
        rows = base.order_by().annotate(**meets).values_list("pk", *meets)
        matched = {row[0]: sum(bool(met) for met in row[1:]) for row in rows}
        return base.filter(AmongIds("pk", list(matched))), _best_first(matched, ranked)

    def ranked_by_words(self, ranked):
        """The text ranking, with results matching more of the ranking-only words first."""
        if not self.plan.ranking_words:
            return ranked
        sets = [set(self.text_ids(tuple(concept.terms))) for concept in self.plan.ranking_words]
        matched = {pk: sum(pk in ids for ids in sets) for pk in ranked}
        return _best_first(matched, ranked)

    def words(self, concept):
        return AmongIds("pk", self.text_ids(tuple(concept.terms)))

    def terms_condition(self, base, values_by_param):
        """A Q keeping the results having any of the terms."""
        conditions = [
            self.facets[param].condition(base, values) for param, values in values_by_param.items()
        ]
        return reduce(or_, conditions)

    def text_ids(self, terms):
        """Ids of results whose text matches any of the terms, best first (the backend asks
        the database once for each set of terms)."""
        return self.backend.text_ids(self.index, list(terms))


def _best_first(matched, ranked):
    """Ids by how many concepts they match, then by their place in the text ranking."""
    position = {pk: number for number, pk in enumerate(ranked)}
    unranked = len(position)
    return sorted(matched, key=lambda pk: (-matched[pk], position.get(pk, unranked), -pk))
