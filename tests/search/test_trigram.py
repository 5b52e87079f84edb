"""Fuzzy matching on PostgreSQL needs the pg_trgm extension, created by a migration."""

from django.db import connection

import pytest

# The postgres marker skips these on other databases (and fails them under CI=true).
pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_the_pg_trgm_extension_is_installed_on_postgresql():
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")
        installed = cursor.fetchall()

    assert installed == [("pg_trgm",)]


def test_trigram_similarity_works_on_postgresql():
    with connection.cursor() as cursor:
        cursor.execute("SELECT similarity('accommodation', 'acommodation') > 0.5")
        (similar,) = cursor.fetchone()

    assert similar is True


def test_the_words_have_a_trigram_index_for_the_fuzzy_fallback():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename, indexname FROM pg_indexes WHERE indexdef LIKE '%gin_trgm_ops%' "
            "ORDER BY indexname"
        )
        names = cursor.fetchall()
    assert names == [("search_textword", "search_textword_word_trgm")]


def fuzzy(text):
    """The fuzzy fallback's matches for `text` (primary keys, most similar first)."""
    from search.backends.text_match import fuzzy_ids
    from search.indexes import get_index
    from search.understanding import understand

    index = get_index("services")
    return fuzzy_ids(index, understand(text).alternatives, index.max_matches)


def test_the_fuzzy_fallback_finds_near_spellings_in_titles_and_bodies():
    from tests.factories import ServicePageFactory

    titled = ServicePageFactory(title="Xylophone workshops", description="<p>Music.</p>")
    described = ServicePageFactory(
        title="Music for everyone", description="<p>Weekly xylophone lessons.</p>"
    )
    ServicePageFactory(title="Debt advice", description="<p>Money worries.</p>")

    assert set(fuzzy("xylophon")) == {titled.pk, described.pk}
    assert fuzzy("accordion") == []


def test_each_misspelt_word_is_matched_by_its_near_spellings(settings):
    from django.core.cache import cache

    from search.api import SearchQuery, search
    from tests.factories import ServicePageFactory

    settings.SEARCH_URL = ""
    ServicePageFactory(title="Music for everyone", description="<p>Weekly xylophone lessons.</p>")
    ServicePageFactory(title="Xylophone workshops", description="<p>Music.</p>")
    cache.clear()

    results = search("services", SearchQuery(text="xylophon lesons"))

    assert [result.title for result in results.page.object_list] == ["Music for everyone"]
    assert set(fuzzy("xylophon")) == set(fuzzy("xylophone"))
    assert fuzzy("accordion") == []


def test_a_word_under_four_letters_is_not_matched_fuzzily():
    # "hat" is within the similarity threshold of "hate", but so short a near spelling is
    # more often another word than a typo.
    from tests.factories import ServicePageFactory

    ServicePageFactory(title="Hate crime advocacy", description="<p>Support.</p>")

    assert fuzzy("hat") == []
    assert fuzzy("hatte") != []


def test_words_of_an_edited_service_are_offered_as_near_spellings():
    from tests.factories import ServicePageFactory

    service = ServicePageFactory(title="Music for everyone")
    assert fuzzy("xylophon") == []

    service.description = "<p>Weekly xylophone lessons.</p>"
    service.save_revision().publish()

    assert fuzzy("xylophon") == [service.pk]
