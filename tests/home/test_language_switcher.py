"""Every public page has a Welsh address (/cy/…), says which language it is in, and links
to itself in the other language, as GOV.UK's Welsh services do."""

import re

from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

import pytest

from home.site_structure import ensure_site_structure
from tests.conftest import skip_unless_available
from tests.po_catalogue import WELSH_CATALOGUE, read_catalogue, translations

pytestmark = pytest.mark.django_db

SWITCHER = re.compile(r'<nav aria-label="[^"]*" class="cg-language-navigation">(.*?)</nav>', re.S)


@pytest.fixture
def site():
    return ensure_site_structure()


def switcher(response):
    """{language name: the attributes of its link} from the header's language switcher."""
    assert response.status_code == 200
    [nav] = SWITCHER.findall(response.content.decode())
    links = {}
    for attributes, name in re.findall(r"<a ([^>]*)>([^<]*)</a>", nav):
        links[name] = dict(re.findall(r'([a-z-]+)="([^"]*)"', attributes))
        links[name]["current"] = 'aria-current="true"' in attributes
    return links


def test_the_welsh_home_page_is_in_welsh_and_links_to_the_english_one(client, site):
    response = client.get("/cy/")
    links = switcher(response)

    assert '<html lang="cy"' in response.content.decode()
    assert list(links) == ["English", "Cymraeg"]
    assert links["English"]["href"] == "/"
    assert links["English"]["lang"] == links["English"]["hreflang"] == "en-GB"
    assert links["Cymraeg"]["lang"] == links["Cymraeg"]["hreflang"] == "cy"
    assert links["Cymraeg"]["current"] and not links["English"]["current"]


def test_an_english_page_links_to_its_welsh_translation_keeping_the_search(client, site):
    response = client.get("/directory/", {"q": "housing"})
    links = switcher(response)

    assert '<html lang="en-GB"' in response.content.decode()
    assert links["English"]["current"]
    assert links["Cymraeg"]["href"] == "/cy/directory/?q=housing"


def test_translated_pages_name_their_other_language_in_the_head(client, site):
    html = client.get("/cy/directory/").content.decode()

    assert '<link rel="alternate" hreflang="en-GB" href="http://testserver/directory/">' in html
    assert '<link rel="alternate" hreflang="cy" href="http://testserver/cy/directory/">' in html


def test_an_untranslated_page_links_to_the_same_path_under_cy(client, site):
    response = client.get("/forums/london/")

    assert switcher(response)["Cymraeg"]["href"] == "/cy/forums/london/"
    assert 'rel="alternate" hreflang' not in response.content.decode()
    assert client.get("/cy/forums/london/").status_code == 200


@pytest.mark.parametrize(
    "url_name", ["directory_create_listing", "directory_shortlist", "account_login"]
)
def test_the_directorys_own_pages_have_welsh_addresses(client, site, url_name):
    with translation.override("en-gb"):
        english = reverse(url_name)
    with translation.override("cy"):
        welsh = reverse(url_name)

    assert welsh == f"/cy{english}"
    response = client.get(welsh)
    assert '<html lang="cy"' in response.content.decode()
    links = switcher(response)
    assert links["English"]["href"] == english
    assert links["Cymraeg"]["current"]


def test_signing_in_to_manage_a_listing_stays_in_welsh(client, site):
    response = client.get("/cy/manage/1/listing/")

    assert response.status_code == 302
    assert response.url.startswith("/cy/account/login/?next=/cy/manage/1/listing/")


def test_the_interface_is_in_welsh_under_cy(client, site):
    skip_unless_available(WELSH_CATALOGUE.exists(), "no Welsh catalogue yet")
    skip_unless_available(
        WELSH_CATALOGUE.with_suffix(".mo").exists(), "the Welsh catalogue is not compiled"
    )
    welsh = translations(read_catalogue(WELSH_CATALOGUE))
    shown = ["Skip to main content", "Menu", "Sign in", "Support links"]
    expected = {english: welsh[english] for english in shown if english in welsh}
    assert len(expected) >= 3, "the header's strings are missing from the catalogue"

    html = client.get("/cy/").content.decode()
    english_html = client.get("/").content.decode()

    for english, translated in expected.items():
        assert translated in html or escape(translated) in html, english
        assert english in english_html
