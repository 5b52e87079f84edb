"""Nothing confidential leaves through open data: no address or postcode of a confidential
location or organisation appears in any API response or download, searched as text across
everything produced from the demo data (with more of it made confidential)."""

import json
import re

from django.core.management import call_command

import pytest

from directory.models import OrganisationPage, ServiceLocation
from opendata.downloads.build import CSV_NAME, JSON_NAME

# Loads the demo data (about a minute): run once, on the PostgreSQL pass. What is published
# does not depend on the database.
pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

LISTS = ["services", "organizations", "service_at_locations", "taxonomies", "taxonomy_terms"]


def make_more_confidential():
    """The demo has few confidential places: make every fourth location and every third
    organisation with an address confidential too, so the search has plenty to look for."""
    locations = list(ServiceLocation.objects.order_by("pk").values_list("pk", flat=True))
    ServiceLocation.objects.filter(pk__in=locations[::4]).update(is_confidential=True)
    with_address = OrganisationPage.objects.exclude(address="").order_by("pk")
    chosen = list(with_address.values_list("pk", flat=True))[::3]
    OrganisationPage.objects.filter(pk__in=chosen).update(address_is_confidential=True)


def address_parts(address, postcode):
    """The address's parts that locate it: lines with a number ("14 Church Road"), and the
    postcode (with and without its space). A town alone is the published area."""
    lines = [line.strip(" ,") for line in re.split(r"[\n,]", address)]
    parts = {line.lower() for line in lines if re.search(r"\d", line) and len(line) > 4}
    if postcode:
        parts |= {postcode.lower(), postcode.replace(" ", "").lower()}
    return parts


def secrets_and_public_parts():
    """What must never appear, less anything a published address also holds (two places may
    share a street name or a postcode)."""
    secret, public = set(), set()
    for location in ServiceLocation.objects.all():
        parts = address_parts(location.address, location.postcode)
        (secret if location.is_confidential else public).update(parts)
    for organisation in OrganisationPage.objects.all():
        parts = address_parts(organisation.address, organisation.postcode)
        (secret if organisation.address_is_confidential else public).update(parts)
    return secret - public, public


def texts_of_lists(api_json):
    texts, ids = [], {}
    for endpoint in LISTS:
        number, ids[endpoint] = 1, []
        while True:
            page = api_json(f"/api/{endpoint}", page=number, per_page=100)
            texts.append(json.dumps(page, ensure_ascii=False))
            ids[endpoint] += [
                (item["id"], json.dumps(item, ensure_ascii=False)) for item in page["contents"]
            ]
            if page["last_page"]:
                break
            number += 1
    return texts, ids


def texts_of_details(api_json, ids):
    texts = []
    for endpoint in ["services", "organizations"]:
        for record_id, _listed in ids[endpoint]:
            record = api_json(f"/api/{endpoint}/{record_id}")
            texts.append(json.dumps(record, ensure_ascii=False))
    # A service at a location is slow to find by id (the list holds the same records): a
    # few at a confidential place (as listed, it says so) and a few others.
    places = ids["service_at_locations"]
    confidential = [place for place in places if "confidential" in place[1].lower()]
    for record_id, _listed in confidential[:10] + places[:5]:
        record = api_json(f"/api/service_at_locations/{record_id}")
        texts.append(json.dumps(record, ensure_ascii=False))
    return texts


def texts_of_downloads(root):
    call_command("build_open_data", verbosity=0)
    return [
        (root / CSV_NAME).read_text(encoding="utf-8-sig"),
        (root / JSON_NAME).read_text(encoding="utf-8"),
    ]


def occurrences(text, parts):
    return sorted(
        part for part in parts if re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text, re.I)
    )


def test_no_confidential_address_or_postcode_is_published(api_json, settings, tmp_path):
    call_command("load_demo_data", verbosity=0)
    make_more_confidential()
    settings.OPEN_DATA_ROOT = tmp_path
    secret, public = secrets_and_public_parts()
    assert len(secret) > 50, "the demo must give plenty of confidential addresses to look for"

    texts, ids = texts_of_lists(api_json)
    texts += texts_of_details(api_json, ids)
    texts += texts_of_downloads(tmp_path)
    everything = "\n".join(texts)

    assert occurrences(everything, secret) == []
    assert occurrences(everything, public), "public addresses are published: the search works"
