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
