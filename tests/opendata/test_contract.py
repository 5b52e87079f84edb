"""The Open Referral UK 3.0 API holds to its contract: real responses of every endpoint are
valid against the standard's compiled schemas, pages add up, and what cannot be answered gets
a JSON error (404 or 400), never a 500."""

import datetime
import math
import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from directory.models import ServicePage
from tests.opendata.schemas import (
    DETAIL_SCHEMAS,
    LIST_ITEM_SCHEMAS,
    errors,
    item_validator,
    meta_validator,
    null_paths,
    page_validator,
)

pytestmark = pytest.mark.django_db

LISTS = list(LIST_ITEM_SCHEMAS)
# What the endpoint's page after the last answers (opendata/api/pagination.py).
PAGE_AFTER_THE_LAST = 404


def assert_valid(validator, instance, where):
    assert errors(validator, instance) == [], where
    assert null_paths(instance) == [], f"{where}: empty fields must be left out, not null"


def all_pages(api_json, endpoint, per_page=2, **params):
    """Every page of a list, checked against the schema and each other on the way."""
    validator = page_validator(LIST_ITEM_SCHEMAS[endpoint])
    pages, number = [], 1
    while True:
        page = api_json(f"/api/{endpoint}", page=number, per_page=per_page, **params)
        assert_valid(validator, page, f"{endpoint} page {number}")
        pages.append(page)
        if page["last_page"]:
            return pages
        number += 1
        assert number <= 1000, "last_page never came"


def ids_of(pages):
    return [item["id"] for page in pages for item in page["contents"]]


def all_ids(api_json, endpoint, **params):
    return set(ids_of(all_pages(api_json, endpoint, per_page=100, **params)))


def test_the_api_describes_itself(api_json, open_directory):
    meta = api_json("/api/")

    assert_valid(meta_validator(), meta, "/api/")
    assert meta["version"].startswith("3.0")
    openapi = api_json(meta["openapi_url"].split("testserver", 1)[-1])
    paths = set(openapi["paths"])
    for endpoint in LISTS:
        assert f"/api/{endpoint}" in paths
        assert any(path.startswith(f"/api/{endpoint}/{{") for path in paths), endpoint


@pytest.mark.parametrize("endpoint", LISTS)
def test_every_page_of_a_list_is_valid_and_the_pages_add_up(api_json, open_directory, endpoint):
    pages = all_pages(api_json, endpoint)

    total = pages[0]["total_items"]
    assert total > 2, "the fixture must fill more than one page"
    for number, page in enumerate(pages, start=1):
        assert page["page_number"] == number
        assert page["total_items"] == total
        assert page["total_pages"] == math.ceil(total / 2) == len(pages)
        assert page["size"] == len(page["contents"]) == min(2, total - 2 * (number - 1))
        assert page["first_page"] is (number == 1)
        assert page["last_page"] is (number == len(pages))
        assert page["empty"] is False
    ids = ids_of(pages)
    assert len(ids) == len(set(ids)) == total
    assert set(ids) == all_ids(api_json, endpoint), "a bigger page lists the same records"
    after = api_json(
        f"/api/{endpoint}", status=PAGE_AFTER_THE_LAST, page=len(pages) + 1, per_page=2
    )
    assert after["detail"]


def test_a_list_with_no_matches_is_one_empty_page(api_json, open_directory):
    page = api_json("/api/services", search="zzzxqv nothing matches this")

    assert page["total_items"] == page["size"] == 0
    assert page["empty"] is True and page["contents"] == []
    assert page["page_number"] == 1 and page["first_page"] is True


@pytest.mark.parametrize("endpoint", LISTS)
def test_every_record_in_full_is_valid(api_json, open_directory, endpoint):
    validator = item_validator(DETAIL_SCHEMAS[endpoint])
    ids = all_ids(api_json, endpoint)

    assert ids
    for record_id in ids:
        record = api_json(f"/api/{endpoint}/{record_id}")
        assert_valid(validator, record, f"/api/{endpoint}/{record_id}")
        assert record["id"] == record_id


def test_only_the_services_the_directory_lists_are_published(api_json, open_directory):
    pages = all_pages(api_json, "services")

    assert set(ids_of(pages)) == open_directory.public_service_ids
    names = {item["name"] for page in pages for item in page["contents"]}
    assert "Lloches i fenywod" not in names, "a Welsh version is not a record of its own"
    for name, service in open_directory.hidden_services.items():
        api_json(f"/api/services/{service.translation_key}", status=404)
        assert service.title not in names, name


def test_services_at_locations_and_organisations_are_only_public_ones(api_json, open_directory):
    organisations = all_ids(api_json, "organizations")
    assert organisations >= open_directory.public_organisation_ids
    draft = open_directory.hidden_organisations["draft"]
    assert str(draft.translation_key) not in organisations
    api_json(f"/api/organizations/{draft.translation_key}", status=404)

    places = all_pages(api_json, "service_at_locations")
    services = {item["service_id"] for page in places for item in page["contents"]}
    assert services == {
        str(open_directory.services[name].translation_key) for name in ("housing", "refuge", "jobs")
    }


def test_ids_are_the_pages_translation_keys(api_json, open_directory):
    housing = open_directory.services["housing"]
    record = api_json(f"/api/services/{housing.translation_key}")

    assert record["id"] == str(housing.translation_key)
    assert record["organization_id"] == str(housing.get_parent().translation_key)
    assert record["organization"]["id"] == record["organization_id"]
    again = api_json(f"/api/services/{housing.translation_key}")
    assert again == record, "the same record, with the same ids, every time"


def test_a_full_service_carries_what_the_directory_holds(api_json, open_directory):
    housing = open_directory.services["housing"]
    record = api_json(f"/api/services/{housing.translation_key}")

    assert record["name"] == "Housing advice drop-in"
    assert record["status"] == "active"
    assert record["email"] == "housing@second-chances.example.org"
    assert {language["name"] for language in record["languages"]} == {"English", "Polish", "Urdu"}
    assert [option["option"] for option in record["cost_options"]] == ["Free"]
    schedules = {
        (item["byday"], item["opens_at"], item["closes_at"]) for item in record["schedules"]
    }
    assert ("MO", "09:00", "12:30") in schedules and ("MO", "13:30", "17:00") in schedules
    areas = {area["name"] for area in record["service_areas"]}
    assert areas == {"Yorkshire and the Humber"}
    assert "Adults on probation in Leeds." in str(record)
    national = api_json(f"/api/services/{open_directory.services['mentoring'].translation_key}")
    assert national["status"] == "temporarily closed"
    assert len(national["service_areas"]) == 1


def test_empty_optional_fields_are_left_out(api_json, open_directory):
    mentoring = open_directory.services["mentoring"]
    record = api_json(f"/api/services/{mentoring.translation_key}")

    assert "email" not in record
    assert record.get("cost_options", []) == []
    assert "fees" not in record


ORG_IDS = {
    "england": {"GB-CHC-1098765", "GB-COH-04567890"},
    "scotland": {"GB-SC-SC012345"},
    "northern_ireland": {"GB-NIC-101234"},
    "company": {"GB-COH-SC123456"},
    "refuge": set(),
}


@pytest.mark.parametrize("name", ORG_IDS)
def test_organisation_identifiers_are_in_org_id_form(api_json, open_directory, name):
    organisation = open_directory.organisations[name]
    record = api_json(f"/api/organizations/{organisation.translation_key}")

    identifiers = record.get("organization_identifiers", [])
    assert {item["identifier"] for item in identifiers} == ORG_IDS[name]
    for item in identifiers:
        assert item["identifier"].startswith(item["identifier_scheme"] + "-")


DETAILS = ["services", "organizations", "service_at_locations", "taxonomies", "taxonomy_terms"]


@pytest.mark.parametrize("endpoint", DETAILS)
def test_an_unknown_id_is_a_404_with_a_json_body(api_json, open_directory, endpoint):
    assert api_json(f"/api/{endpoint}/{uuid.uuid4()}", status=404)["detail"]


@pytest.mark.parametrize("endpoint", DETAILS)
def test_an_id_that_is_not_a_uuid_is_a_json_error(client, open_directory, endpoint):
    response = client.get(f"/api/{endpoint}/not-a-uuid")

    assert response.status_code in (400, 404)
    assert response.json()["detail"]


BAD_REQUESTS = [
    ("services", {"colour": "blue"}),
    ("services", {"page": "0"}),
    ("services", {"page": "abc"}),
    ("services", {"page": "-3"}),
    ("services", {"per_page": "1000"}),
    ("services", {"per_page": "0"}),
    ("services", {"modified_after": "yesterday"}),
    ("services", {"taxonomy_term_id": "xyz"}),
    ("services", {"organization_id": "xyz"}),
    ("service_at_locations", {"taxonomy_term_id": "xyz"}),
    ("organizations", {"search": "housing"}),
    ("taxonomies", {"per_page": "many"}),
    ("taxonomy_terms", {"page": "1.5"}),
    ("", {"page": "1"}),
]


@pytest.mark.parametrize(("endpoint", "params"), BAD_REQUESTS)
def test_a_bad_parameter_is_a_400_with_a_json_body(api_json, open_directory, endpoint, params):
    assert api_json(f"/api/{endpoint}", status=400, **params)["detail"]


def test_responses_may_be_read_from_any_origin(client, open_directory):
    for path in ["/api/", "/api/services", f"/api/services/{uuid.uuid4()}", "/api/services?x=1"]:
        assert client.get(path)["Access-Control-Allow-Origin"] == "*", path


def term_id(api_json, name):
    terms = [
        item for page in all_pages(api_json, "taxonomy_terms", 100) for item in page["contents"]
    ]
    return next(term["id"] for term in terms if term["name"] == name)


def service_ids(api_json, **params):
    return all_ids(api_json, "services", **params)


def test_filters_narrow_the_services_and_combine_with_and(api_json, open_directory):
    key = {name: str(service.translation_key) for name, service in open_directory.services.items()}
    england = str(open_directory.organisations["england"].translation_key)
    mentoring = term_id(api_json, "Mentoring")

    assert service_ids(api_json, taxonomy_term_id=mentoring) == {key["mentoring"]}
    assert service_ids(api_json, organization_id=england) == {key["housing"]}
    assert key["refuge"] in service_ids(api_json, search="refuge")
    assert service_ids(api_json, search="refuge", organization_id=england) == set()
    assert service_ids(api_json, taxonomy_term_id=mentoring, organization_id=england) == set()
    refuge_org = str(open_directory.organisations["refuge"].translation_key)
    assert service_ids(api_json, search="refuge", organization_id=refuge_org) == {key["refuge"]}
    assert service_ids(api_json, taxonomy_term_id=str(uuid.uuid4())) == set()


def test_modified_after_lists_what_changed_since(api_json, open_directory):
    long_ago = timezone.make_aware(datetime.datetime(2020, 1, 1))
    ServicePage.objects.update(last_published_at=long_ago)
    recent = [open_directory.services["housing"], open_directory.services["jobs"]]
    ServicePage.objects.filter(pk__in=[s.pk for s in recent]).update(
        last_published_at=timezone.now()
    )

    changed = service_ids(api_json, modified_after="2024-01-01T00:00:00Z")

    assert changed == {str(service.translation_key) for service in recent}
    assert len(service_ids(api_json, modified_after="2019-12-31T00:00:00+00:00")) == 5
    record = api_json(f"/api/services/{recent[0].translation_key}")
    assert record["last_modified"] > "2024"


def queries_for(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.content[:300]
    return len(queries), response.json()


@pytest.mark.parametrize("path", ["/api/services?per_page=50", "/api/service_at_locations"])
def test_a_list_costs_the_same_queries_for_2_services_as_for_20(client, many_services, path):
    many_services(2)
    queries_for(client, path)  # the first request fills the caches (site, vocabularies)
    few, small = queries_for(client, path)
    many_services(18)
    queries_for(client, path)  # the new services change the data: the public ids are read again
    many, large = queries_for(client, path)

    assert (small["total_items"], large["total_items"]) == (2, 20)
    assert many == few


def test_each_client_is_limited_and_told_so_in_json(client, settings):
    settings.OPEN_DATA_API_RATE = "3/m"
    answers = [client.get("/api/taxonomies", REMOTE_ADDR="203.0.113.7") for _ in range(4)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert answers[-1].json() == {"detail": "Too many requests."}
    assert answers[-1]["Access-Control-Allow-Origin"] == "*"
    # Another client still gets answers; a forged X-Forwarded-For changes nothing.
    assert client.get("/api/taxonomies", REMOTE_ADDR="203.0.113.8").status_code == 200
    forged = client.get(
        "/api/taxonomies", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1"
    )
    assert forged.status_code == 429
