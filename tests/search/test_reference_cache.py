"""Reference data a search reads every time (facet options, synonyms, place names) is cached,
and an edit to any of it shows in the very next search."""

import pytest

from core.models import ClientGroup, Place, Region
from search.api import SearchQuery, search
from search.models import SynonymGroup
from search.understanding import understand

pytestmark = pytest.mark.django_db


def group_options():
    results = search("services", SearchQuery())
    facet = next(facet for facet in results.facets if facet.param == "group")
    return {option.value: option.label for option in facet.options}


def test_a_new_term_is_offered_by_the_next_search():
    before = group_options()

    ClientGroup.objects.create(name="Lighthouse keepers", slug="lighthouse-keepers")

    assert "lighthouse-keepers" not in before
    assert group_options()["lighthouse-keepers"] == "Lighthouse keepers"


def test_a_renamed_term_shows_its_new_name_in_the_next_search():
    term = ClientGroup.objects.first()
    group_options()

    term.name = "Renamed group"
    term.save()

    assert group_options()[term.slug] == "Renamed group"


def test_a_new_synonym_group_is_used_by_the_next_search():
    assert [c.terms for c in understand("lighthouse").concepts] == [["lighthouse"]]

    SynonymGroup.objects.create(terms="lighthouse, beacon")

    assert [c.terms for c in understand("lighthouse").concepts] == [["lighthouse", "beacon"]]


def test_a_deleted_synonym_group_is_forgotten_at_once():
    group = SynonymGroup.objects.create(terms="lighthouse, beacon")
    assert [c.terms for c in understand("lighthouse").concepts] == [["lighthouse", "beacon"]]

    group.delete()

    assert [c.terms for c in understand("lighthouse").concepts] == [["lighthouse"]]


def test_a_new_place_is_understood_by_the_next_search():
    assert understand("housing in Lighthouseton").place is None

    Place.objects.create(name="Lighthouseton", region=Region.objects.get(slug="wales"))

    place = understand("housing in Lighthouseton").place
    assert place is not None
    assert place.region_slug == "wales"
