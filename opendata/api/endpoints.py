"""The Open Referral UK 3.0 endpoints, read-only. Every list takes `page` and `per_page`
and answers with the standard's pagination envelope; the service lists also take `search`
(the directory's own search), `taxonomy_term_id`, `taxonomy_id`, `organization_id`,
`modified_after` and `postcode`, combined with AND."""

import datetime

from django.http import Http404
from django.urls import reverse

from ninja import Field, Path, Query, Schema

from core.page_urls import absolute_url
from directory.models import ServiceLocation
from opendata.api.filters import narrow, text_matches, uuid_parameter
from opendata.api.pagination import (
    DEFAULT_PER_PAGE,
    MAX_PER_PAGE,
    check_page_exists,
    envelope,
    paginate,
    paginate_list,
)
from opendata.api.service import api, aware, check_parameters
from opendata.ids import as_uuid
from opendata.records.organisations import organization_record
from opendata.records.queries import (
    public_organisations,
    public_service_ids,
    public_service_list,
    public_services,
)
from opendata.records.services import (
    place_id,
    service_at_location_record,
    service_list_record,
    service_record,
)
from opendata.records.taxonomies import (
    BY_ID,
    TAXONOMIES,
    all_terms,
    find_term,
    taxonomy_record,
    term_record,
)

PROFILE = "https://github.com/openreferral/uk-profile"
PAGING = {"page", "per_page"}
SERVICE_FILTERS = PAGING | {
    "search",
    "taxonomy_term_id",
    "taxonomy_id",
    "organization_id",
    "modified_after",
    "postcode",
}
Page = Query(1, ge=1, le=1_000_000, description="Page number of paginated result.")
PerPage = Query(DEFAULT_PER_PAGE, ge=1, le=MAX_PER_PAGE, description="Number of results on a page.")
RecordId = Path(..., description="The record's id (a UUID).")
TaxonomyId = Query(None, description="Only the terms of this taxonomy (an id from /taxonomies).")


@api.get("/", summary="Information about this API and its relationship with HSDS")
def meta(request):
    check_parameters(request, set())
    return {
        "version": "3.0",
        "profile": PROFILE,
        "openapi_url": absolute_url(reverse("opendata_api:openapi-json")),
    }


class ServiceFilters(Schema):
    """What the service lists are narrowed by (combined with AND)."""

    search: str | None = Field(
        None,
        max_length=200,
        description="Full text search, as in the directory's own search (services only).",
    )
    taxonomy_term_id: str | None = Field(
        None, description="Only services described by this term (an id from /taxonomy_terms)."
    )
    taxonomy_id: str | None = Field(
        None,
        description="Only services described by a term of this taxonomy (an id from /taxonomies).",
    )
    organization_id: str | None = Field(
        None, description="Only the services of this organisation (an id from /organizations)."
    )
    modified_after: datetime.datetime | None = Field(
        None,
        description="Only services changed after this date and time, such as 2026-01-31T00:00:00Z.",
    )
    postcode: str | None = Field(
        None,
        max_length=10,
        description="Only services working in the area of this postcode, whole or partial "
        "(LS6 1AA or LS6).",
    )


def _selected_ids(filters):
    """The ids of the public services meeting every filter: by relevance with `search`,
    else in id order."""
    search = filters.search
    ids = narrow(
        public_service_ids(),
        taxonomy_term_id=filters.taxonomy_term_id,
        taxonomy_id=filters.taxonomy_id,
        organization_id=filters.organization_id,
        modified_after=aware(filters.modified_after),
        postcode=filters.postcode,
    )
    if not (search or "").strip():
        return ids
    wanted = set(ids)
    return [pk for pk in text_matches(search) if pk in wanted]


def _service_page(ids, page, per_page, to_record):
    check_page_exists(len(ids), page, per_page)
    chunk = ids[(page - 1) * per_page : page * per_page]
    rows = {row.pk: row for row in public_service_list(chunk)}
    return envelope([to_record(rows[pk]) for pk in chunk if pk in rows], len(ids), page, per_page)


@api.get("/services", summary="Services, with their organisations")
def services(
    request,
    filters: Query[ServiceFilters],
    page: int = Page,
    per_page: int = PerPage,
):
    check_parameters(request, SERVICE_FILTERS)
    ids = _selected_ids(filters)
    return _service_page(ids, page, per_page, service_list_record)


@api.get("/services/{record_id}", summary="One service, fully nested")
def service(request, record_id: str = RecordId):
    check_parameters(request, set())
    key = as_uuid(record_id)  # not a UUID: no record has it (404)
    found = public_services().filter(translation_key=key).first() if key else None
    if found is None:
        raise Http404("No public service has this id.")
    return service_record(found)


@api.get("/service_at_locations", summary="The places services are delivered")
def service_at_locations(
    request,
    filters: Query[ServiceFilters],
    page: int = Page,
    per_page: int = PerPage,
):
    check_parameters(request, SERVICE_FILTERS)
    ids = _selected_ids(filters)
    order = {pk: position for position, pk in enumerate(ids)}
    locations = ServiceLocation.objects.order_by().values_list("pk", "service_id", "sort_order")
    places = sorted(
        (order[service_pk], sort_order, location_pk, service_pk)
        for location_pk, service_pk, sort_order in locations
        if service_pk in order
    )
    check_page_exists(len(places), page, per_page)
    chunk = places[(page - 1) * per_page : page * per_page]
    rows = {row.pk: row for row in public_services().filter(pk__in={place[3] for place in chunk})}
    items = []
    for _position, _sort, location_pk, service_pk in chunk:
        service = rows.get(service_pk)
        location = (
            next((place for place in service.locations.all() if place.pk == location_pk), None)
            if service
            else None
        )
        if location is not None:
            items.append(service_at_location_record(service, location))
    return envelope(items, len(places), page, per_page)


@api.get("/service_at_locations/{record_id}", summary="One service at a place")
def service_at_location(request, record_id: str = RecordId):
    check_parameters(request, set())
    key = as_uuid(record_id)  # not a UUID: no record has it (404)
    services = public_services()
    places = ServiceLocation.objects.filter(service__in=services.values("pk")).values_list(
        "pk", "service_id", "service__translation_key"
    )
    for location_pk, service_pk, service_key in places.iterator() if key else ():
        if place_id(service_key, location_pk) == key:
            service = services.get(pk=service_pk)
            location = next(place for place in service.locations.all() if place.pk == location_pk)
            return service_at_location_record(service, location)
    raise Http404("No public service at a location has this id.")


@api.get("/organizations", summary="Organisations")
def organizations(request, page: int = Page, per_page: int = PerPage):
    check_parameters(request, PAGING)
    return paginate(public_organisations(), page, per_page, organization_record)


@api.get("/organizations/{record_id}", summary="One organisation, with its services")
def organization(request, record_id: str = RecordId):
    check_parameters(request, set())
    key = as_uuid(record_id)  # not a UUID: no record has it (404)
    found = public_organisations().filter(translation_key=key).first() if key else None
    if found is None:
        raise Http404("No public organisation has this id.")
    record = organization_record(found)
    record["services"] = [
        service_list_record(service) for service in public_services().filter(organisation=found)
    ]
    return record


@api.get("/taxonomies", summary="The vocabularies services are described with")
def taxonomies(request, page: int = Page, per_page: int = PerPage):
    check_parameters(request, PAGING)
    return paginate_list(
        TAXONOMIES, page, per_page, lambda taxonomy: taxonomy_record(taxonomy, with_terms=False)
    )


@api.get("/taxonomies/{record_id}", summary="One vocabulary, with its terms")
def taxonomy(request, record_id: str = RecordId):
    check_parameters(request, set())
    found = BY_ID.get(as_uuid(record_id) or "")
    if found is None:
        raise Http404("No taxonomy has this id.")
    return taxonomy_record(found)


@api.get("/taxonomy_terms", summary="The terms of every vocabulary")
def taxonomy_terms(
    request, page: int = Page, per_page: int = PerPage, taxonomy_id: str | None = TaxonomyId
):
    check_parameters(request, PAGING | {"taxonomy_id"})
    terms = all_terms()
    wanted = uuid_parameter("taxonomy_id", taxonomy_id)
    if wanted:
        terms = [(taxonomy, term) for taxonomy, term in terms if taxonomy.id == wanted]
    return paginate_list(terms, page, per_page, lambda pair: term_record(pair[1], pair[0]))


@api.get("/taxonomy_terms/{record_id}", summary="One term")
def taxonomy_term(request, record_id: str = RecordId):
    check_parameters(request, set())
    key = as_uuid(record_id)  # not a UUID: no record has it (404)
    found = find_term(key) if key else None
    if found is None:
        raise Http404("No taxonomy term has this id.")
    taxonomy, term = found
    return term_record(term, taxonomy)
