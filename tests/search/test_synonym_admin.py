"""Editors keep the search synonyms up to date in the admin."""

from django.urls import reverse

import pytest

from search.models import SynonymGroup
from tests.factories.accounts import StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(StaffUserFactory())
    return client


def test_synonyms_are_listed_in_the_admin(superuser_client):
    response = superuser_client.get(reverse("wagtailsnippets_search_synonymgroup:list"))

    assert response.status_code == 200
    assert b"accommodation, housing, somewhere to live" in response.content


def test_an_editor_adds_a_synonym_group(superuser_client):
    response = superuser_client.post(
        reverse("wagtailsnippets_search_synonymgroup:add"),
        {"terms": "gambling, betting, gaming"},
    )

    assert response.status_code == 302
    assert SynonymGroup.objects.filter(terms="gambling, betting, gaming").exists()


def test_the_admin_menu_has_a_search_synonyms_item(superuser_client):
    response = superuser_client.get(reverse("wagtailadmin_home"))

    assert b"Search synonyms" in response.content
