"""The list endpoints' query parameters, turned into the services they select. Every
parameter narrows the list (they combine with AND). A value that cannot be understood is
refused with a 400 and a message saying why (`BadParameter`)."""

from django.db.models import Q

from core.models import (
    ClientGroup,
    CommissioningRelationship,
    JusticeStage,
    LedByAndFor,
    Region,
    ServiceCategory,
)
from core.text import without_nul
from directory.models import ServicePage
from opendata.ids import as_uuid
from opendata.records.taxonomies import BY_ID, find_term
from search.api import SearchQuery, search_ids
from search.places import OUTWARD_CODE, WHOLE_POSTCODE, postcode_areas


class BadParameter(ValueError):
    """A query parameter the API cannot use: its message goes back to the client."""


def uuid_parameter(name, value):
    if value is None:
        return None
    parsed = as_uuid(value)
    if parsed is None:
        raise BadParameter(f"{name} must be a UUID (the id of a record of this API).")
    return parsed


TERM_RELATIONS = {
    ServiceCategory: "categories",
    ClientGroup: "client_groups",
    JusticeStage: "stages",
    LedByAndFor: "organisation__led_by_and_for",
    CommissioningRelationship: "organisation__commissioning_relationships",
    Region: "regions",
}


def _services_with_term(model, term):
    """A type of support includes its kinds; a region includes national services."""
    condition = Q(**{TERM_RELATIONS[model]: term})
    if model is ServiceCategory:
        condition |= Q(categories__parent=term)
    if model is Region:
        condition |= Q(is_national=True)
    return condition


def _services_in_taxonomy(model):
    condition = Q(**{f"{TERM_RELATIONS[model]}__isnull": False})
    if model is Region:
        condition |= Q(is_national=True)
    return condition


def region_for_postcode(postcode):
    """The region a full or partial postcode ("LS6 1AA", "LS6", "CF10") lies in."""
    compact = "".join((postcode or "").lower().split())
    whole = WHOLE_POSTCODE.match(compact)
    outward = whole.group(1) if whole else compact
    match = OUTWARD_CODE.match(outward)
    areas = postcode_areas()
    found = (areas.get(outward) or areas.get(match.group(1))) if match else None
    if found is None:
        raise BadParameter(
            "postcode must be a postcode, or its first half, in England or Wales, "
            "such as LS6 1AA or CF10."
        )
    return Region.objects.in_default_locale().get(slug=found[1])


def _conditions(taxonomy_term_id, taxonomy_id, organization_id, modified_after, postcode):
    """[Q] on ServicePage, one per parameter given; None when one can match nothing (an
    unknown term or taxonomy)."""
    conditions = []
    term_id = uuid_parameter("taxonomy_term_id", taxonomy_term_id)
    if term_id:
        found = find_term(term_id)
        if found is None:
            return None
        taxonomy, term = found
        conditions.append(_services_with_term(taxonomy.model, term))
    taxonomy_key = uuid_parameter("taxonomy_id", taxonomy_id)
    if taxonomy_key:
        taxonomy = BY_ID.get(taxonomy_key)
        if taxonomy is None:
            return None
        conditions.append(_services_in_taxonomy(taxonomy.model))
    organisation_key = uuid_parameter("organization_id", organization_id)
    if organisation_key:
        conditions.append(Q(organisation__translation_key=organisation_key))
    if modified_after is not None:
        conditions.append(Q(last_published_at__gte=modified_after))
    if postcode:
        conditions.append(_services_with_term(Region, region_for_postcode(postcode)))
    return conditions


def narrow(ids, **parameters):
    """The ids among `ids` (public services, in order) meeting every parameter given. Each
    condition is one query over the services table and its links, without the joins that
    decide who is public (those are in `ids` already)."""
    conditions = _conditions(**parameters)
    if conditions is None:
        return []
    for condition in conditions:
        meeting = set(ServicePage.objects.filter(condition).order_by().values_list("pk", flat=True))
        ids = [pk for pk in ids if pk in meeting]
    return ids


def text_matches(text):
    """The ids of the services matching `text`, best first, through the directory's own
    search: its synonyms, places and spelling rules apply."""
    text = " ".join(without_nul(text).split())
    if not text:
        return []
    return search_ids("services", SearchQuery(text=text))
