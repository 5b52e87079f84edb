"""A service as an Open Referral UK `service`, and its places as `service_at_location`s.

Everything the directory holds and the standard has a place for is mapped; fields HSDS 3.0
has and the UK profile leaves out (eligibility, language names, phones) are added under
their HSDS 3.0 names, which the profile allows. A confidential location is published as its
area only: never its address, postcode or anything finer. Records are built from rows
fetched by `public_services()`: no query per service.
"""

from core.page_urls import page_absolute_url
from directory.models.status import CapacityStatus
from opendata.ids import child_id
from opendata.records.organisations import (
    attribute_records,
    omit_empty,
    organisation_terms,
    organization_record,
    text_of,
)

NATIONAL_AREA = "England and Wales"
COUNTRY = "GB"


def _key(service):
    return str(service.translation_key)


def _status(service):
    return getattr(service, "operational_status", None)


def _alert(service):
    """What a practitioner should know before referring: referrals paused or a waiting list."""
    status = _status(service)
    if status is None or status.capacity in ("", CapacityStatus.ACCEPTING):
        return ""
    label = CapacityStatus(status.capacity).label
    return f"{label}: {status.capacity_note}" if status.capacity_note else str(label)


def _assured_date(service):
    status = _status(service)
    if status is None or status.last_confirmed_at is None:
        return ""
    return status.last_confirmed_at.date().isoformat()


def _one_to_one(service):
    """The service's own fields (the list view's record)."""
    return {
        "id": _key(service),
        "organization_id": str(service.organisation.translation_key),
        "name": service.title,
        "description": text_of(service.description) or service.title,
        "url": service.website or page_absolute_url(service),
        "email": service.email,
        "status": service.status,
        "fees": service.cost,
        "assured_date": _assured_date(service),
        "alert": _alert(service),
        "last_modified": service.last_published_at.isoformat() if service.last_published_at else "",
        "eligibility_description": service.eligibility,
    }


def service_list_record(service):
    return omit_empty(
        {**_one_to_one(service), "organization": organization_record(service.organisation)}
    )


def schedules(service):
    key = _key(service)
    records = [
        omit_empty(
            {
                "id": child_id(key, "schedule", hours.pk),
                "service_id": key,
                "freq": "WEEKLY",
                "interval": 1,
                "byday": hours.byday,
                "opens_at": hours.opens_at.strftime("%H:%M"),
                "closes_at": hours.closes_at.strftime("%H:%M"),
                "description": service.opening_hours_note,
            }
        )
        for hours in service.opening_hours.all()
    ]
    if not records and service.opening_hours_note:
        records.append(
            {
                "id": child_id(key, "schedule", "note"),
                "service_id": key,
                "description": service.opening_hours_note,
            }
        )
    return records


def service_areas(service):
    key = _key(service)
    if service.is_national:
        return [
            {
                "id": child_id(key, "area", "national"),
                "service_id": key,
                "name": NATIONAL_AREA,
                "service_area": NATIONAL_AREA,
            }
        ]
    return [
        {
            "id": child_id(key, "area", region.translation_key),
            "service_id": key,
            "name": region.name,
            "service_area": region.name,
            "extent_type": "probation region",
        }
        for region in service.regions.all()
    ]


def languages(service):
    key = _key(service)
    return [
        {"id": child_id(key, "language", name.lower()), "service_id": key, "name": name}
        for name in service.language_list
    ]


def cost_options(service):
    if not service.cost:
        return []
    key = _key(service)
    return [{"id": child_id(key, "cost"), "service_id": key, "option": service.cost}]


def contacts_and_phones(service):
    """HSDS 3.0 `phones` (the service's number) and one `contact` (the organisation)."""
    key = _key(service)
    phones = []
    if service.phone or service.organisation.phone:
        number = service.phone or service.organisation.phone
        phones.append({"id": child_id(key, "phone"), "service_id": key, "number": number})
    contacts = [
        omit_empty(
            {
                "id": child_id(key, "contact"),
                "service_id": key,
                "name": service.organisation.title,
                "email": service.email or service.organisation.email,
            }
        )
    ]
    return contacts, phones


def _address(location, location_id):
    lines = [line.strip(" ,") for line in location.address.splitlines() if line.strip(" ,")]
    if not lines:
        return []
    return [
        {
            "id": child_id(location_id, "address"),
            "location_id": location_id,
            "address_1": lines[0],
            "city": location.area or (lines[-1] if len(lines) > 1 else ""),
            "state_province": "",
            "postal_code": location.postcode,
            "country": COUNTRY,
            "address_type": "physical",
        }
    ]


def location_record(service, location):
    """A location; for a confidential one, only its area."""
    location_id = child_id(_key(service), "location", location.pk)
    if location.is_confidential:
        return {
            "id": location_id,
            "location_type": "physical",
            "name": location.area or "Confidential location",
            "description": "The address is confidential: only the area is published.",
        }
    record = {
        "id": location_id,
        "location_type": "physical",
        "name": location.name or location.area,
        "addresses": _address(location, location_id),
    }
    if location.accessibility:
        record["accessibility"] = [
            {
                "id": child_id(location_id, "accessibility"),
                "location_id": location_id,
                "description": location.accessibility,
            }
        ]
    return omit_empty(record)


def service_at_location_records(service):
    """The service's places, as nested in the whole service (without the service again)."""
    records = []
    for location in service.locations.all():
        record = service_at_location_record(service, location)
        del record["service"]
        records.append(record)
    return records


def service_terms(service):
    return [
        *service.categories.all(),
        *service.client_groups.all(),
        *service.stages.all(),
        *organisation_terms(service.organisation),
    ]


def service_record(service):
    """The whole service, nested as the standard's `/services/{id}` gives it."""
    contacts, phones = contacts_and_phones(service)
    return omit_empty(
        {
            **_one_to_one(service),
            "organization": organization_record(service.organisation),
            "schedules": schedules(service),
            "service_areas": service_areas(service),
            "service_at_locations": service_at_location_records(service),
            "languages": languages(service),
            "cost_options": cost_options(service),
            "contacts": contacts,
            "phones": phones,
            "attributes": attribute_records(_key(service), "service", service_terms(service)),
        }
    )


def service_at_location_record(service, location):
    """One place a service is delivered, with the service's own fields."""
    key = _key(service)
    place = location_record(service, location)
    return {
        "id": place_id(key, location.pk),
        "service_id": key,
        "location_id": place["id"],
        "location": place,
        "service": omit_empty(_one_to_one(service)),
    }


def service_at_location_id(service, location):
    return place_id(service.translation_key, location.pk)


def place_id(service_key, location_pk):
    """The id of a service at a location, from the service's id and the location's row."""
    return child_id(service_key, "service_at_location", location_pk)
