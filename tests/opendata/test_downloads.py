"""The downloads: `build_open_data` writes the directory as a CSV and an Open Referral UK JSON
package, whole or not at all, and the site serves them to anyone."""

import codecs
import csv
import io
import json
import os

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import http_date

import pytest

from opendata.downloads import build
from opendata.downloads.build import CSV_NAME, JSON_NAME, LICENCE_URL
from tests.factories import ServiceLocationFactory, ServicePageFactory
from tests.opendata.conftest import SECRET_LOCATION, SECRET_ORGANISATION
from tests.opendata.schemas import errors, item_validator, null_paths


@pytest.fixture
def open_data_root(tmp_path, settings):
    settings.OPEN_DATA_ROOT = tmp_path / "open-data"
    return settings.OPEN_DATA_ROOT


def build_open_data(**options):
    out = io.StringIO()
    call_command("build_open_data", stdout=out, **options)
    return out.getvalue()


def csv_rows(root):
    with (root / CSV_NAME).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def package(root):
    return json.loads((root / JSON_NAME).read_text(encoding="utf-8"))


def row_for(rows, service):
    return next(row for row in rows if row["service_id"] == str(service.translation_key))


def test_the_command_writes_both_files_and_says_what_it_wrote(open_directory, open_data_root):
    output = build_open_data()

    assert sorted(path.name for path in open_data_root.iterdir()) == [CSV_NAME, JSON_NAME]
    assert output.splitlines()[-1].startswith("Open data: 5 services,")
    csv_size = (open_data_root / CSV_NAME).stat().st_size
    assert f"{CSV_NAME} {csv_size:,} bytes" in output


def test_a_quiet_run_prints_nothing(open_directory, open_data_root):
    assert build_open_data(verbosity=0) == ""
    assert (open_data_root / CSV_NAME).exists()


def test_the_csv_starts_with_a_byte_order_mark_for_spreadsheets(open_directory, open_data_root):
    build_open_data()

    assert (open_data_root / CSV_NAME).read_bytes().startswith(codecs.BOM_UTF8)


def test_every_public_service_is_in_the_csv_exactly_once(open_directory, open_data_root):
    build_open_data()

    ids = [row["service_id"] for row in csv_rows(open_data_root)]
    assert sorted(ids) == sorted(open_directory.public_service_ids)


def test_hidden_services_and_welsh_pages_are_never_in_the_csv(open_directory, open_data_root):
    build_open_data()

    text = (open_data_root / CSV_NAME).read_text(encoding="utf-8-sig")
    for service in open_directory.hidden_services.values():
        assert str(service.translation_key) not in text
        assert service.title not in text
    assert open_directory.welsh.title not in text


def test_a_csv_row_holds_the_service_and_its_organisation(open_directory, open_data_root):
    build_open_data()

    row = row_for(csv_rows(open_data_root), open_directory.services["housing"])
    organisation = open_directory.organisations["england"]
    assert row["service_name"] == "Housing advice drop-in"
    assert row["service_description"] == "Practical help, from people who understand."
    assert row["categories"] == "Housing advice and homelessness prevention; Debt advice"
    assert row["languages"] == "English; Polish; Urdu"
    assert row["locations"] == "Drop-in centre, 12 Market Street, LS1 6DT, Leeds"
    assert row["service_page"].startswith("http")
    assert row["organisation_id"] == str(organisation.translation_key)
    assert row["organisation_name"] == "Second Chances Trust"
    assert row["organisation_identifiers"] == "GB-CHC-1098765; GB-COH-04567890"
    assert row["organisation_address"] == "1 Mill Street, Leeds, LS1 4AP"


def test_a_confidential_location_is_only_its_area(open_directory, open_data_root):
    build_open_data()

    row = row_for(csv_rows(open_data_root), open_directory.services["refuge"])
    assert row["locations"] == "Bristol"
    assert row["organisation_address"] == ""


def test_no_confidential_address_is_in_either_file(open_directory, open_data_root):
    build_open_data()

    for name in (CSV_NAME, JSON_NAME):
        text = (open_data_root / name).read_text(encoding="utf-8-sig")
        for secret in [*SECRET_LOCATION.values(), *SECRET_ORGANISATION.values()]:
            assert secret not in text, f"{secret!r} published in {name}"
        assert "Lantern Yard" not in text and "Orchard Mews" not in text


def test_the_package_holds_every_public_service_once_and_valid(open_directory, open_data_root):
    build_open_data()

    data = package(open_data_root)
    services = data["services"]
    assert sorted(service["id"] for service in services) == sorted(
        open_directory.public_service_ids
    )
    validator = item_validator("compiled/service.json")
    for service in services:
        assert errors(validator, service) == [], service["name"]
    assert null_paths(data) == []


def test_the_package_holds_organisations_and_vocabularies(open_directory, open_data_root):
    build_open_data()

    data = package(open_data_root)
    assert data["licence"] == LICENCE_URL
    organisation_ids = {organisation["id"] for organisation in data["organizations"]}
    assert open_directory.public_organisation_ids <= organisation_ids
    draft = open_directory.hidden_organisations["draft"]
    assert str(draft.translation_key) not in organisation_ids
    validator = item_validator("compiled/organization.json")
    for organisation in data["organizations"]:
        assert errors(validator, organisation) == [], organisation["name"]
    assert {taxonomy["name"] for taxonomy in data["taxonomies"]} >= {"Types of support"}
    assert "Debt advice" in {term["name"] for term in data["taxonomy_terms"]}


def test_a_failed_build_leaves_the_last_files_in_place(open_directory, open_data_root, monkeypatch):
    build_open_data()
    before = {name: (open_data_root / name).read_bytes() for name in (CSV_NAME, JSON_NAME)}

    def broken_row(service):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(build, "csv_row", broken_row)
    with pytest.raises(RuntimeError):
        build_open_data()

    assert sorted(path.name for path in open_data_root.iterdir()) == [CSV_NAME, JSON_NAME]
    assert {name: (open_data_root / name).read_bytes() for name in before} == before


def test_the_build_makes_as_many_queries_however_many_services(open_directory, open_data_root):
    build_open_data()
    with CaptureQueriesContext(connection) as few:
        build_open_data()
    organisation = open_directory.organisations["england"]
    for number in range(4):
        service = ServicePageFactory(parent=organisation, client_groups=["women"])
        ServiceLocationFactory(service=service, is_confidential=number % 2 == 0)
    with CaptureQueriesContext(connection) as more:
        build_open_data()

    assert len(more) == len(few)


def test_the_downloads_are_served_with_their_type_name_and_time(
    open_directory, open_data_root, client
):
    build_open_data()

    for name, content_type in [
        (CSV_NAME, "text/csv; charset=utf-8"),
        (JSON_NAME, "application/json"),
    ]:
        response = client.get(reverse("open_data_download", kwargs={"name": name}))
        path = open_data_root / name
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"] == f'attachment; filename="{name}"'
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response["Last-Modified"] == http_date(os.stat(path).st_mtime)
        assert b"".join(response.streaming_content) == path.read_bytes()


def test_a_download_not_changed_since_is_not_sent_again(open_directory, open_data_root, client):
    build_open_data()
    url = reverse("open_data_download", kwargs={"name": CSV_NAME})
    last_modified = client.get(url)["Last-Modified"]

    response = client.get(url, headers={"If-Modified-Since": last_modified})

    assert response.status_code == 304


def test_a_download_not_generated_yet_says_so(db, open_data_root, client):
    response = client.get(reverse("open_data_download", kwargs={"name": JSON_NAME}))

    assert response.status_code == 404
    assert "This download is not ready yet" in response.content.decode()
    assert "directory.json has not been generated yet" in response.content.decode()
