"""Facets: how a list is narrowed, and how many results each choice would give.

Facets are generic: they know model fields and terms (anything with a slug and a name), not
services. Counts are disjunctive: the search entry point counts each facet on the results
filtered by every *other* facet, so choosing one region keeps its siblings' counts.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.constants import LOOKUP_SEP
from django.db.models.functions import Coalesce

from elasticsearch.dsl import Q as EngineQ

from search import reference
from search.ids import AmongIds
from search.translations import current_language, default_language, translated_names

# Enough buckets for any taxonomy: every option must get its count.
# Counted for a result that covers everywhere, in each coverage facet's counts (never a slug).
EVERYWHERE = "*"


@dataclass
class Option:
    value: str
    label: str
    count: int = 0
    selected: bool = False
    children: list["Option"] = field(default_factory=list)


class Facet:
    """One URL parameter, its options, how it filters and how it counts.

    On the engine, a facet's document field (named like its parameter unless given) holds
    the option values that apply to the document, so filtering is a `terms` query; counting
    is one aggregation for every facet, over the values each facet gives (`engine_values`)
    gathered in one field (search.engine.FACET_VALUES).
    """

    def __init__(self, param, label, document_field=None):
        self.param = param
        self.label = label
        self.document_field = document_field or param

    def engine_filter(self, values):
        return EngineQ("terms", **{self.document_field: list(values)})

    def engine_values(self, document):
        """The option values `document` (an engine document) counts under."""
        return document.get(self.document_field) or []

    def engine_counts(self, counts, values):
        """{value: count} for the options `values`, from the engine's counts of this facet's
        values ({value: count}, as `engine_values` gave them)."""
        return counts

    def options(self):
        """[(value, label, [(child_value, child_label), ...]), ...] in display order."""
        raise NotImplementedError

    def watched_models(self):
        """Models whose rows are this facet's options (cached options are forgotten on save)."""
        return []

    def condition(self, queryset, values):
        """A Q that keeps the results having any of the values (on queryset's model)."""
        raise NotImplementedError

    def filter(self, queryset, values):
        return queryset.filter(self.condition(queryset, values))

    def counts(self, queryset, values):
        """{value: number of results} for the given (already narrowed) results.

        `values` are the facet's option values, loaded once per search.
        """
        raise NotImplementedError

    def counts_for_ids(self, model, ids, values):
        """{value: number of results} among the objects of `model` with these primary keys."""
        return self.counts(model._base_manager.filter(AmongIds("pk", ids)), values)

    def members(self, model):
        """{value: primary keys of the objects of `model` the option applies to}, for every
        option, over all objects (callers intersect with the results). The same rule as
        `condition`, one query per option; subclasses do it in one query."""
        queryset = model._base_manager.all()
        return {
            value: queryset.filter(self.condition(queryset, [value])).values_list("pk", flat=True)
            for value in self.option_values(self.options())
        }

    @staticmethod
    def option_values(options):
        """Every value in a list of options, children included."""
        return [value for value, _label, _children in options] + [
            child_value for _v, _l, children in options for child_value, _ in children
        ]


class ChoiceFacet(Facet):
    """A single-valued field with fixed choices (for example an income band)."""

    def __init__(self, param, label, field_name, choices, document_field=None):
        super().__init__(param, label, document_field)
        self.field_name = field_name
        self.choices = choices

    def options(self):
        return [(value, label, []) for value, label in self.choices]

    def condition(self, queryset, values):
        return Q(**{f"{self.field_name}__in": values})

    def counts(self, queryset, values):
        rows = queryset.order_by().values(self.field_name).annotate(n=Count("pk"))
        return {row[self.field_name]: row["n"] for row in rows}

    def members(self, model):
        members = {value: [] for value, _label in self.choices}
        for pk, value in model._base_manager.order_by().values_list("pk", self.field_name):
            if value in members:
                members[value].append(pk)
        return members


class FlagFacet(Facet):
    """Options that are each a condition, combined with OR (for example delivery methods)."""

    def __init__(self, param, label, conditions, document_field=None):
        super().__init__(param, label, document_field)
        self.conditions = conditions  # [(value, label, Q), ...]

    def options(self):
        return [(value, label, []) for value, label, _ in self.conditions]

    def condition(self, queryset, values):
        combined = Q()
        for value, _label, condition in self.conditions:
            if value in values:
                combined |= condition
        return combined

    def counts(self, queryset, values):
        return queryset.aggregate(
            **{value: Count("pk", filter=condition) for value, _label, condition in self.conditions}
        )


class TermFacet(Facet):
    """A many-to-many (or foreign-key) relation to terms, matched by slug.

    `field_name` is a lookup path from the searched model to the terms;
    `none_option` adds a choice for results with no term at all ("outside commissioning").
    """

    def __init__(self, param, label, field_name, terms, none_option=None, document_field=None):
        super().__init__(param, label, document_field)
        self.field_name = field_name
        self.terms = terms
        self.none_option = none_option

    def watched_models(self):
        return [self.terms().model]

    def options(self):
        # Terms change rarely: read once per few minutes, forgotten when a term is saved.
        # Labels are in the visitor's language where the term is translated.
        options = reference.cached(
            f"options:{self.param}:{self.field_name}:{current_language()}", self.load_options
        )
        if self.none_option:
            options = [*options, (*self.none_option, [])]
        return options

    def load_options(self):
        terms, names = self.terms_and_names()
        return [(term.slug, _label(term, names), []) for term in terms]

    def terms_and_names(self):
        """The terms (in the default language: their slugs are the options' values) and
        {translation_key: name} of their translations into the visitor's language."""
        terms = list(self.terms())
        if current_language() == default_language():
            return terms, {}
        return terms, translated_names(terms)

    def _exists(self, queryset, condition):
        """Whether a result has a term meeting the condition (without duplicating rows).

        A semi-join (`pk IN (...)`), not a correlated EXISTS: the database computes the
        matching keys once instead of once per row (under an OR it cannot do that for EXISTS).
        """
        return Q(pk__in=queryset.model._base_manager.filter(condition).values("pk"))

    def _has_no_term(self, queryset):
        return ~self._exists(queryset, Q(**{f"{self.field_name}__isnull": False}))

    def _is_none(self, value):
        return self.none_option is not None and value == self.none_option[0]

    def _selected_condition(self, values):
        return Q(**{f"{self.field_name}__slug__in": values})

    def condition(self, queryset, values):
        term_values = [value for value in values if not self._is_none(value)]
        condition = Q()
        if term_values:
            condition |= self._exists(queryset, self._selected_condition(term_values))
        if len(term_values) < len(values):
            condition |= self._has_no_term(queryset)
        return condition

    def _join_table(self, model):
        """(through model, its key to `model`, its key to the term) when the facet's field is
        a many-to-many of the model itself, else None."""
        if LOOKUP_SEP in self.field_name:
            return None
        field = model._meta.get_field(self.field_name)
        if not field.many_to_many or field.auto_created:
            return None
        return field.remote_field.through, field.m2m_field_name(), field.m2m_reverse_field_name()

    def counts_for_ids(self, model, ids, values):
        join_table = self._join_table(model)
        if join_table is None or self.none_option:
            return super().counts_for_ids(model, ids, values)
        # Counted on the join table alone: one row per object and term, so no DISTINCT and
        # no join to the (wide) table of objects.
        through, source, target = join_table
        rows = (
            through.objects.filter(AmongIds(f"{source}_id", ids))
            .order_by()
            .values(f"{target}__slug")
            .annotate(n=Count("pk"))
        )
        return {row[f"{target}__slug"]: row["n"] for row in rows}

    # The term fields whose values an object is a member of (TreeFacet adds the parent's).
    member_fields = ("slug",)

    def members(self, model):
        join_table = self._join_table(model)
        if join_table is not None:
            through, source, target = join_table
            rows = through.objects.order_by().values_list(
                f"{source}_id", *[f"{target}__{name}" for name in self.member_fields]
            )
        else:
            rows = (
                model._base_manager.order_by()
                .filter(**{f"{self.field_name}__isnull": False})
                .values_list("pk", *[f"{self.field_name}__{name}" for name in self.member_fields])
            )
        members = {}
        for pk, *values in rows:
            for value in values:
                if value:
                    members.setdefault(value, []).append(pk)
        if self.none_option:
            with_a_term = {pk for pks in members.values() for pk in pks}
            members[self.none_option[0]] = [
                pk
                for pk in model._base_manager.values_list("pk", flat=True)
                if pk not in with_a_term
            ]
        return members

    def counts(self, queryset, values):
        slug = f"{self.field_name}__slug"
        rows = (
            queryset.order_by()
            .filter(**{f"{slug}__isnull": False})
            .values(slug)
            .annotate(n=Count("pk", distinct=True))
        )
        counts = {row[slug]: row["n"] for row in rows}
        if self.none_option:
            counts[self.none_option[0]] = queryset.filter(self._has_no_term(queryset)).count()
        return counts


class TreeFacet(TermFacet):
    """Two-level terms: choosing a parent matches results tagged with any of its children."""

    member_fields = ("slug", "parent__slug")

    def load_options(self):
        parents = {}
        ordered = []
        terms, names = self.terms_and_names()
        for term in terms:
            if term.parent_id is None:
                parents[term.pk] = (term.slug, _label(term, names), [])
                ordered.append(parents[term.pk])
        for term in terms:
            if term.parent_id in parents:
                label = _label(term, names)
                parents[term.parent_id][2].append((term.slug, label))
        return ordered

    def _selected_condition(self, values):
        return Q(**{f"{self.field_name}__slug__in": values}) | Q(
            **{f"{self.field_name}__parent__slug__in": values}
        )

    def counts(self, queryset, values):
        counts = super().counts(queryset, values)
        top = Coalesce(f"{self.field_name}__parent__slug", f"{self.field_name}__slug")
        rows = (
            queryset.order_by()
            .filter(**{f"{self.field_name}__isnull": False})
            .annotate(top_slug=top)
            .values("top_slug")
            .annotate(n=Count("pk", distinct=True))
        )
        counts.update({row["top_slug"]: row["n"] for row in rows})
        return counts

    def counts_for_ids(self, model, ids, values):
        join_table = self._join_table(model)
        if join_table is None:
            return super().counts_for_ids(model, ids, values)
        counts = super().counts_for_ids(model, ids, values)
        through, source, target = join_table
        rows = (
            through.objects.filter(AmongIds(f"{source}_id", ids))
            .order_by()
            .annotate(top_slug=Coalesce(f"{target}__parent__slug", f"{target}__slug"))
            .values("top_slug")
            .annotate(n=Count(source, distinct=True))
        )
        counts.update({row["top_slug"]: row["n"] for row in rows})
        return counts


class CoverageFacet(TermFacet):
    """Regions, where results flagged as covering everywhere belong to every region."""

    def __init__(self, param, label, field_name, terms, everywhere_field, document_field=None):
        super().__init__(param, label, field_name, terms, document_field=document_field)
        self.everywhere_field = everywhere_field

    def engine_filter(self, values):
        return EngineQ(
            "bool",
            should=[
                super().engine_filter(values),
                EngineQ("term", **{self.everywhere_field: True}),
            ],
            minimum_should_match=1,
        )

    def engine_values(self, document):
        values = super().engine_values(document)
        return [*values, EVERYWHERE] if document.get(self.everywhere_field) else values

    def engine_counts(self, counts, values):
        everywhere = counts.get(EVERYWHERE, 0)
        return {value: counts.get(value, 0) + everywhere for value in values}

    def condition(self, queryset, values):
        return Q(**{self.everywhere_field: True}) | self._exists(
            queryset, self._selected_condition(values)
        )

    def members(self, model):
        members = super().members(model)
        everywhere = list(
            model._base_manager.filter(**{self.everywhere_field: True}).values_list("pk", flat=True)
        )
        return {
            value: [*members.get(value, []), *everywhere]
            for value in self.option_values(self.options())
        }

    def counts_for_ids(self, model, ids, values):
        # National results belong to every region: counted from the objects themselves.
        return self.counts(model._base_manager.filter(AmongIds("pk", ids)), values)

    def counts(self, queryset, values):
        counts = super().counts(queryset.filter(**{self.everywhere_field: False}), values)
        everywhere = queryset.filter(**{self.everywhere_field: True}).count()
        return {value: counts.get(value, 0) + everywhere for value in values}


def _label(term, names):
    """A term's name in the visitor's language where it is translated."""
    return names.get(getattr(term, "translation_key", None), term.name)
