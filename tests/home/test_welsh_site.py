"""`setup_site` makes the Welsh side of the site: the Welsh locale, the Welsh home page, the
directory, the forum index and the Wales forum, each a translation of its English page."""

from django.core.management import call_command

from wagtail.models import Locale, Page

import pytest

from forums.models import RegionalForumPage
from forums.roles import forum_managers_group_name
from home.models import HomePage
from home.site_structure import ensure_site_structure

pytestmark = pytest.mark.django_db


def _welsh(page):
    return page.get_translation(Locale.objects.get(language_code="cy")).specific


def test_setup_site_creates_the_welsh_locale_and_pages_once():
    structure = ensure_site_structure()

    assert "Created the Welsh locale" in structure.changes
    welsh = structure.welsh
    assert welsh.home.translation_key == structure.home.translation_key
    assert welsh.home.live and welsh.home.title == "Common Ground"
    assert welsh.home.introduction.startswith("Mae Common Ground")
    assert welsh.directory.get_parent().specific == welsh.home
    assert welsh.directory.slug == structure.directory.slug
    assert welsh.directory.title == "Dod o hyd i wasanaethau cymorth"
    wales = RegionalForumPage.objects.get(locale__language_code="en-gb", region__slug="wales")
    assert welsh.wales_forum.translation_key == wales.translation_key
    assert welsh.wales_forum.get_parent().specific == welsh.forum_index
    assert welsh.wales_forum.title == "Fforwm Cymru"
    # Only Wales has a Welsh forum.
    assert RegionalForumPage.objects.filter(locale__language_code="cy").count() == 1

    pages_before = Page.objects.count()
    again = ensure_site_structure()
    assert again.changes == []
    assert Page.objects.count() == pages_before
    assert again.welsh.home == welsh.home


def test_an_editors_welsh_text_is_kept():
    structure = ensure_site_structure()
    home = structure.welsh.home
    home.introduction = "Croeso."
    home.save_revision().publish()

    ensure_site_structure()

    assert _welsh(structure.home).introduction == "Croeso."


def test_the_wales_forum_managers_keep_their_english_forum():
    """Saving the Welsh forum page must not move the region's page permissions to it: they
    cover the forum in both languages (and the commissioning pipeline, where they publish
    their region's opportunities)."""
    structure = ensure_site_structure()
    wales = next(forum for forum in structure.forums if forum.region.slug == "wales")
    from django.contrib.auth.models import Group

    group = Group.objects.get(name=forum_managers_group_name(wales))
    assert set(group.page_permissions.values_list("page_id", flat=True)) == {
        page.pk for page in wales.get_translations(inclusive=True)
    } | {page.pk for page in structure.pipeline.get_translations(inclusive=True)}


def test_setup_site_says_nothing_to_do_the_second_time(capsys):
    call_command("setup_site")
    capsys.readouterr()
    call_command("setup_site")

    assert "nothing to do" in capsys.readouterr().out


def test_welsh_addresses_serve_the_welsh_pages_and_english_ones_the_english(client):
    ensure_site_structure()

    welsh_directory = client.get("/cy/directory/")
    assert welsh_directory.status_code == 200
    assert "Dod o hyd i wasanaethau cymorth" in welsh_directory.content.decode()
    assert client.get("/cy/forums/wales/").context["page"].title == "Fforwm Cymru"
    assert client.get("/directory/").context["page"].locale.language_code == "en-gb"
    assert HomePage.objects.count() == 2


def test_a_page_not_translated_is_served_in_english_under_cy(client):
    ensure_site_structure()

    response = client.get("/cy/forums/london/")

    assert response.status_code == 200
    assert response.context["page"].locale.language_code == "en-gb"
    html = response.content.decode()
    assert '<html lang="cy"' in html
    # Its content is marked as English for screen readers.
    assert 'id="main-content" lang="en-GB"' in html
    assert client.get("/cy/no-such-page/").status_code == 404
