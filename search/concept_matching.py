"""How the database decides which results a query's concepts allow, and in what order.

The rule, the same as the engine's (search.backends.engine): a concept recognised as
vocabulary terms ("somewhere to live" → Accommodation) matches the results that have any of
those terms; any other concept matches the results whose text contains one of its words.
Matching all concepts, results are ranked by how well their text matches every word typed.
Matching any (asked for only when nothing matches all), results matching more concepts come
first — a service matching housing, women and Leeds above one matching housing alone — and
a recognised concept also matches by its words.
"""

from functools import reduce
from operator import or_

from django.db.models import BooleanField, ExpressionWrapper

from search.ids import AmongIds


class ConceptMatcher:
    def __init__(self, backend, index, understood):
        self.backend = backend
        self.index = index
        self.understood = understood
        self.facets = {facet.param: facet for facet in index.facets}
        self._text_ids = {}

    def narrow(self, base, match_all):
        """(base narrowed to the results the concepts allow, their ids best first)."""
        ranked = self.text_ids(tuple(self.understood.alternatives))
        if match_all:
            for concept in self.understood.concepts:
                base = base.filter(self.condition(base, concept, strict=True))
            return base, ranked
        conditions = [
            self.condition(base, concept, strict=False) for concept in self.understood.concepts
        ]
        base = base.filter(reduce(or_, conditions))
        meets = {
            f"_concept_{number}": ExpressionWrapper(condition, output_field=BooleanField())
            for number, condition in enumerate(conditions)
        }
        rows = base.order_by().annotate(**meets).values_list("pk", *meets)
        matched = {row[0]: sum(bool(met) for met in row[1:]) for row in rows}
        position = {pk: number for number, pk in enumerate(ranked)}
        unranked = len(position)
        ordered = sorted(matched, key=lambda pk: (-matched[pk], position.get(pk, unranked), -pk))
        return base.filter(AmongIds("pk", ordered)), ordered

    def condition(self, base, concept, strict):
        """A Q keeping the results the concept matches."""
        by_terms = self.terms_condition(base, concept)
        if by_terms is None:
            return AmongIds("pk", self.text_ids(tuple(concept.terms)))
        if strict:
            return by_terms
        return by_terms | AmongIds("pk", self.text_ids(tuple(concept.terms)))

    def terms_condition(self, base, concept):
        """Results having any of the concept's terms, or None when the index has none of
        their facets (the concept is then matched by its words)."""
        values_by_param = {}
        for param, value in concept.targets:
            if param in self.facets:
                values_by_param.setdefault(param, []).append(value)
        if not values_by_param:
            return None
        conditions = [
            self.facets[param].condition(base, values) for param, values in values_by_param.items()
        ]
        return reduce(or_, conditions)

    def text_ids(self, terms):
        """Ids of results whose text matches any of the terms, best first (asked once)."""
        if terms not in self._text_ids:
            self._text_ids[terms] = self.backend.text_ids(self.index, list(terms))
        return self._text_ids[terms]
