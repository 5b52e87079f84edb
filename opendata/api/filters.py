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
from opendata.ids import as_uuid
from opendata.records.taxonomies import BY_ID, find_term
from search.api import SearchQuery, search
from search.places import OUTWARD_CODE, WHOLE_POSTCODE, postcode_areas

# The most text matches the search considers (search.indexes.SearchIndex.max_matches).
TEXT_PAGE = 100


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


def narrow(
    services,
    taxonomy_term_id=None,
    taxonomy_id=None,
    organization_id=None,
    modified_after=None,
    postcode=None,
):
    """`services` narrowed by every parameter given."""
    conditions = Q()
    term_id = uuid_parameter("taxonomy_term_id", taxonomy_term_id)
    if term_id:
        found = find_term(term_id)
        if found is None:
            return services.none()
        taxonomy, term = found
        conditions &= Q(
            pk__in=services.filter(_services_with_term(taxonomy.model, term)).values("pk")
        )
    taxonomy_key = uuid_parameter("taxonomy_id", taxonomy_id)
    if taxonomy_key:
        taxonomy = BY_ID.get(taxonomy_key)
        if taxonomy is None:
            return services.none()
        conditions &= Q(pk__in=services.filter(_services_in_taxonomy(taxonomy.model)).values("pk"))
    organisation_key = uuid_parameter("organization_id", organization_id)
    if organisation_key:
        conditions &= Q(organisation__translation_key=organisation_key)
    if modified_after is not None:
        conditions &= Q(last_published_at__gte=modified_after)
    if postcode:
        region = region_for_postcode(postcode)
        conditions &= Q(pk__in=services.filter(_services_with_term(Region, region)).values("pk"))
    return services.filter(conditions)


def text_matches(text):
    """The ids of the services matching `text`, best first, through the directory's own
    search (`search.api.search`): its synonyms, places and spelling rules apply."""
    ids = []
    page = 1
    while True:
        results = search("services", SearchQuery(text=text, page=page, per_page=TEXT_PAGE))
        ids += [service.pk for service in results.page.object_list]
        if not results.page.has_next():
            return ids
        page += 1
