"""The engine's documents for services, built from plain rows.

One document per service: the service, its organisation and every facet's values, flat.
Built from a few queries per 2,000 services (the services' columns, then the link tables
and the terms they name), never from page objects: building page objects and their
prefetched relations was most of a rebuild's time (58 s of it at 10,000 organisations).
"""

from collections import defaultdict
from itertools import islice

from core.batches import in_key_order
from core.models import (
    ClientGroup,
    CommissioningRelationship,
    JusticeStage,
    LedByAndFor,
    Region,
    ServiceCategory,
)
from core.text import plain_text
from directory.models import (
    CapacityStatus,
    DeliveryMethod,
    OrganisationPage,
    ServicePage,
    StalenessStage,
)
from search.translations import (
    default_language,
    languages_shown_in,
    visible_languages,
    visible_languages_annotations,
)

OUTSIDE_COMMISSIONING = "outside-commissioning"
BATCH_SIZE = 2000

_COLUMNS = (
    "title",
    "description",
    "eligibility",
    "is_national",
    "delivered_in_person",
    "delivered_online",
    "delivered_by_phone",
    "translation_key",
    "locale__language_code",
    "organisation_id",
    "organisation__title",
    "organisation__income_band",
    "organisation__operational_status__staleness_stage",
    "organisation__operational_status__keep_listed",
    "operational_status__capacity",
    "operational_status__last_confirmed_at",
)


def service_documents(queryset):
    """(pk, document) for each service of `queryset`, in primary-key order."""
    terms = _Terms()
    annotations = visible_languages_annotations(ServicePage.objects.listed())
    rows = in_key_order(queryset.annotate(**annotations), *_COLUMNS, *annotations, size=BATCH_SIZE)
    while batch := list(islice(rows, BATCH_SIZE)):
        links = _Links([row.pk for row in batch], {row.organisation_id for row in batch})
        for row in batch:
            yield row.pk, _document(row, links, terms)


def _document(row, links, terms):
    language = row.locale__language_code
    categories = [terms.categories[pk] for pk in links.categories[row.pk]]
    categories += [terms.categories[c.parent_id] for c in categories if c.parent_id]
    names = terms.category_names(language)
    category_names = {names.get(category.translation_key, category.name) for category in categories}
    groups = [terms.groups[pk] for pk in links.groups[row.pk]]
    hidden = (
        row.organisation__operational_status__staleness_stage == StalenessStage.HIDDEN
        and not row.organisation__operational_status__keep_listed
    )
    languages = languages_shown_in(language, visible_languages(row))
    commissioning = terms.slugs(terms.commissioning, links.commissioning[row.organisation_id])
    title_words = row.title.split()
    income = row.organisation__income_band
    return {
        "id": row.pk,
        "translation_key": str(row.translation_key),
        "languages": languages,
        "title": row.title,
        "title_sort": row.title.lower(),
        "description": plain_text(row.description),
        "eligibility": row.eligibility,
        "organisation": row.organisation__title,
        "categories": sorted(category_names),
        "client_groups": [group.name for group in groups],
        "is_national": row.is_national,
        "region": [] if row.is_national else terms.slugs(terms.regions, links.regions[row.pk]),
        "category": sorted({category.slug for category in categories}),
        "group": [group.slug for group in groups],
        "stage": terms.slugs(terms.stages, links.stages[row.pk]),
        "delivery": _delivery_methods(row),
        "capacity": ["accepting"]
        if row.operational_status__capacity == CapacityStatus.ACCEPTING
        else [],
        "led_by": terms.slugs(terms.led_by, links.led_by[row.organisation_id]),
        "commissioning": commissioning or [OUTSIDE_COMMISSIONING],
        "income": [income] if income else [],
        "listed": not hidden,
        "last_confirmed": row.operational_status__last_confirmed_at,
        # Suggestions match from any word of the name ("hou" → "Leeds Housing Advice");
        # a hidden listing suggests nothing.
        "suggest": {
            "input": [" ".join(title_words[i:]) for i in range(len(title_words))]
            + sorted(category_names)
            if not hidden
            else [],
            "contexts": {"language": languages},
        },
    }


def _delivery_methods(row):
    flags = {
        DeliveryMethod.IN_PERSON: row.delivered_in_person,
        DeliveryMethod.ONLINE: row.delivered_online,
        DeliveryMethod.PHONE: row.delivered_by_phone,
    }
    return [method.value for method, delivered in flags.items() if delivered]


class _Terms:
    """Every term a document can name, read once per build (there are a few hundred)."""

    def __init__(self):
        self.categories = _rows(ServiceCategory, "slug", "name", "parent_id", "translation_key")
        self.groups = _rows(ClientGroup, "slug", "name")
        self.stages = _rows(JusticeStage, "slug")
        self.regions = _rows(Region, "slug")
        self.led_by = _rows(LedByAndFor, "slug")
        self.commissioning = _rows(CommissioningRelationship, "slug")
        self._names = {}

    @staticmethod
    def slugs(terms, pks):
        return [terms[pk].slug for pk in pks]

    def category_names(self, language):
        """{translation_key: name} of the categories translated into `language`: a translated
        service's document names its types of support in its own language (the terms it
        links to are the default language's)."""
        if language == default_language():
            return {}
        if language not in self._names:
            self._names[language] = dict(
                ServiceCategory.objects.filter(locale__language_code=language).values_list(
                    "translation_key", "name"
                )
            )
        return self._names[language]


def _rows(model, *fields):
    """{pk: row} of every term of `model`."""
    return {row.pk: row for row in model.objects.values_list("pk", *fields, named=True)}


class _Links:
    """The link tables' rows for a batch of services and their organisations: {pk: [term
    pks]}, each list in its taxonomy's order."""

    def __init__(self, service_pks, organisation_pks):
        self.categories = _linked(ServicePage, "categories", service_pks)
        self.groups = _linked(ServicePage, "client_groups", service_pks)
        self.stages = _linked(ServicePage, "stages", service_pks)
        self.regions = _linked(ServicePage, "regions", service_pks)
        self.led_by = _linked(OrganisationPage, "led_by_and_for", organisation_pks)
        self.commissioning = _linked(
            OrganisationPage, "commissioning_relationships", organisation_pks
        )


def _linked(model, relation, pks):
    field = model._meta.get_field(relation)
    through = field.remote_field.through
    own = field.m2m_field_name()
    other = field.m2m_reverse_field_name()
    term_model = field.related_model
    order = [
        f"-{other}__{name[1:]}" if name.startswith("-") else f"{other}__{name}"
        for name in term_model._meta.ordering
    ]
    rows = (
        through.objects.filter(**{f"{own}__in": pks})
        .order_by(*order, f"{other}_id")
        .values_list(f"{own}_id", f"{other}_id")
    )
    linked = defaultdict(list)
    for pk, term_pk in rows:
        linked[pk].append(term_pk)
    return linked
