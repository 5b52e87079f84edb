"""The Open data page: what is published, the downloads with when they were made and how big
they are, the API, the licence, stable ids and rate limits; linked from every page's footer."""

import io

from django.core.management import call_command
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone

import pytest

from opendata.downloads.build import CSV_NAME, JSON_NAME, LICENCE_URL, download_file
from tests.factories import build_site_tree


@pytest.fixture
def open_data_root(tmp_path, settings):
    settings.OPEN_DATA_ROOT = tmp_path / "open-data"
    return settings.OPEN_DATA_ROOT


def page_text(client):
    response = client.get(reverse("open_data"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_gives_each_download_with_its_time_and_size(
    open_directory, open_data_root, client
):
    call_command("build_open_data", stdout=io.StringIO())

    html = page_text(client)

    for name in (CSV_NAME, JSON_NAME):
        file = download_file(name)
        made = timezone.localtime(file.generated_at).strftime("%-d %B %Y, %H:%M")
        assert f'href="{reverse("open_data_download", kwargs={"name": name})}"' in html
        assert made in html
        assert filesizeformat(file.size) in html
    assert "Not generated yet" not in html


def test_the_page_says_when_the_downloads_are_not_generated_yet(db, open_data_root, client):
    build_site_tree()

    html = page_text(client)

    assert html.count("Not generated yet") == 2
    assert reverse("open_data_download", kwargs={"name": CSV_NAME}) not in html


def test_the_page_explains_the_api_and_links_its_description(db, open_data_root, client):
    build_site_tree()

    html = page_text(client)

    assert "http://testserver/api/" in html
    assert 'href="/api/openapi.json"' in html
    assert 'href="/open-data/try-the-api/"' in html
    assert 'href="http://testserver/api/services?search=housing&amp;per_page=10"' in html
    for parameter in ("taxonomy_term_id", "organization_id", "modified_after", "per_page"):
        assert f"<code>{parameter}</code>" in html or f">{parameter}</code>" in html
    assert "total_items" in html


def test_the_page_gives_the_licence_ids_and_rate_limits(db, open_data_root, client, settings):
    settings.OPEN_DATA_API_RATE = "60/m"
    build_site_tree()

    html = page_text(client)

    assert f'href="{LICENCE_URL}">Open Government Licence v3.0</a>' in html
    assert "Contains data from Common Ground" in html
    assert "The English and Welsh pages of a listing share the same id" in html
    assert "up to 60 requests a minute" in html
    assert "build_open_data" in html


def test_every_page_links_to_the_open_data_page_from_its_footer(db, client):
    build_site_tree()

    html = client.get("/").content.decode()

    footer = html[html.index('<footer class="govuk-footer">') :]
    assert f'href="{reverse("open_data")}">Open data</a>' in footer
