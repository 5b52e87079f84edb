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


def test_the_entries_have_trigram_indexes_for_the_fuzzy_fallback():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'search_textentry' "
            "AND indexdef LIKE '%gin_trgm_ops%' ORDER BY indexname"
        )
        names = [row[0] for row in cursor.fetchall()]
    assert names == [
        "search_textentry_body_trgm",
        "search_textentry_related_trgm",
        "search_textentry_title_trgm",
    ]


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


def test_a_short_word_is_matched_fuzzily_in_titles_only():
    # "hat" is within the similarity threshold of "hate", in a title and in a body alike.
    from tests.factories import ServicePageFactory

    titled = ServicePageFactory(title="Hate crime advocacy", description="<p>Support.</p>")
    ServicePageFactory(title="Community safety", description="<p>After hate incidents.</p>")

    assert fuzzy("hat") == [titled.pk]
