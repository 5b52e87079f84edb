"""The project's vocabularies as Open Referral UK taxonomies and taxonomy terms.

Each vocabulary (types of support, who a service is for, stages of the justice system, led
by and for, commissioning relationships, probation regions) is a taxonomy; its terms keep
their `translation_key` as their id. Read once per process and kept until a term changes
(`search.reference`, which already watches these models for the directory's filters).
"""

from dataclasses import dataclass

from core.models import (
    ClientGroup,
    CommissioningRelationship,
    JusticeStage,
    LedByAndFor,
    Region,
    ServiceCategory,
)
from core.page_urls import absolute_url
from opendata.ids import taxonomy_id

VERSION = "1"


@dataclass(frozen=True)
class Taxonomy:
    slug: str
    model: type
    name: str
    description: str

    @property
    def id(self):
        return taxonomy_id(self.slug)


TAXONOMIES = [
    Taxonomy(
        "types-of-support",
        ServiceCategory,
        "Types of support",
        "What a service offers, in two levels: an area of support and the kinds within it.",
    ),
    Taxonomy(
        "who-it-is-for",
        ClientGroup,
        "Who it is for",
        "The groups of people a service is for.",
    ),
    Taxonomy(
        "justice-stages",
        JusticeStage,
        "Stages of the justice system",
        "Where in the criminal justice system a service works with people.",
    ),
    Taxonomy(
        "led-by-and-for",
        LedByAndFor,
        "Led by and for",
        "Organisations led by and for the communities they serve.",
    ),
    Taxonomy(
        "commissioning-relationships",
        CommissioningRelationship,
        "Relationship to HMPPS commissioning",
        "An organisation's relationship to HM Prison and Probation Service commissioning.",
    ),
    Taxonomy(
        "probation-regions",
        Region,
        "Probation regions",
        "The 12 probation regions of England and Wales.",
    ),
]
BY_MODEL = {taxonomy.model: taxonomy for taxonomy in TAXONOMIES}
BY_ID = {taxonomy.id: taxonomy for taxonomy in TAXONOMIES}


def taxonomy_of(term):
    return BY_MODEL[type(term)]


def term_record(term, taxonomy=None):
    taxonomy = taxonomy or taxonomy_of(term)
    record = {
        "id": str(term.translation_key),
        "name": term.name,
        "description": term.name,
        "taxonomy": taxonomy.name,
        "taxonomy_id": taxonomy.id,
        "term": term.slug,
    }
    parent = getattr(term, "parent", None) if taxonomy.model is ServiceCategory else None
    if parent is not None:
        record["parent_id"] = str(parent.translation_key)
    return record


def terms_of(taxonomy):
    queryset = taxonomy.model.objects.in_default_locale().order_by("sort_order", "name", "pk")
    if taxonomy.model is ServiceCategory:
        queryset = queryset.select_related("parent")
    return list(queryset)


def taxonomy_record(taxonomy, with_terms=True):
    record = {
        "id": taxonomy.id,
        "name": taxonomy.name,
        "description": taxonomy.description,
        "uri": absolute_url(f"/api/taxonomies/{taxonomy.id}"),
        "version": VERSION,
    }
    if with_terms:
        record["taxonomy_terms"] = [term_record(term, taxonomy) for term in terms_of(taxonomy)]
    return record


def all_terms():
    """[(taxonomy, term)] for every term of every vocabulary, in the site's default language."""
    return [(taxonomy, term) for taxonomy in TAXONOMIES for term in terms_of(taxonomy)]


def find_term(term_id):
    """(taxonomy, term) for a term's id, or None."""
    for taxonomy in TAXONOMIES:
        term = taxonomy.model.objects.in_default_locale().filter(translation_key=term_id).first()
        if term is not None:
            return taxonomy, term
    return None
