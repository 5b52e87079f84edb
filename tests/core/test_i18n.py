"""English is the default and unprefixed; Welsh lives under /cy/."""

import re

from wagtail.models import Locale

import pytest

from tests.factories import build_site_tree

pytestmark = pytest.mark.django_db


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def test_english_pages_have_no_language_prefix(client):
    build_site_tree()

    response = client.get("/directory/")

    assert response.status_code == 200
    assert html_lang(response) == "en-GB"


def test_welsh_addresses_show_the_english_page_until_it_is_translated(client):
    build_site_tree()
    Locale.objects.get_or_create(language_code="cy")

    response = client.get("/cy/directory/")

    assert response.status_code == 200
    # The interface is Welsh; the content is still English, and says so to screen readers.
    assert html_lang(response) == "cy"
    assert 'id="main-content" lang="en-GB"' in response.content.decode()


def test_a_translated_page_is_served_in_welsh(client):
    tree = build_site_tree()
    welsh = Locale.objects.create(language_code="cy")
    tree.home.copy_for_translation(welsh).save_revision().publish()
    tree.directory.copy_for_translation(welsh).save_revision().publish()

    response = client.get("/cy/directory/")

    assert response.status_code == 200
    assert html_lang(response) == "cy"
