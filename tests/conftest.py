"""Suite-wide rules.

Under CI=true nothing that needs a real part (PostgreSQL, the browser, the engine) may be
skipped: a skipped test there is a failure, so a missing service cannot pass unnoticed.
"""

import os

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def skip_unless_available(available, reason):
    """Skip locally with a clear reason; fail under CI, where everything must be present."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"Required in CI but unavailable: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def _migrated_state(django_db_setup, django_db_blocker):
    """What the migrations put in the test database (root page, site, locale, vocabularies).

    Captured before Playwright starts: once its event loop runs, Django hands this thread a
    different connection object, one without the serialized state, so pytest-django's
    `serialized_rollback` silently restores nothing after a transactional test's flush.
    """
    from django.db import connection

    state = getattr(connection, "_test_serialized_contents", None)
    if state is None:  # nothing asked for `serialized_rollback`: take the copy here
        with django_db_blocker.unblock():
            state = connection.creation.serialize_db_to_string()
    return state


def restore_migrated_state(state):
    """Empty the database and put back what the migrations made, with its ids; new rows must
    not be given the restored rows' ids, so the sequences are reset (PostgreSQL)."""
    from django.apps import apps
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection

    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    connection.creation.deserialize_db_from_string(state)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(sql)


@pytest.fixture
def migrated_transactional_db(_migrated_state, transactional_db):
    """A transactional test's database with what the migrations put in it, even when an
    earlier transactional test (a browser test) left it flushed."""

    from wagtail.models import Page

    if _migrated_state and not Page.objects.exists():
        restore_migrated_state(_migrated_state)
    # Content types may have other ids than the ones cached before the flush.
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres"):
        from django.db import connection

        skip_unless_available(
            connection.vendor == "postgresql",
            "needs PostgreSQL: set DATABASE_URL=postgres://… (the SQLite pass deselects it)",
        )


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = terminalreporter.stats.get("skipped", [])
    if IN_CI and skipped:
        terminalreporter.write_line(
            f"CI=true: {len(skipped)} test(s) were skipped; every test must run in CI.", red=True
        )


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if IN_CI and reporter and reporter.stats.get("skipped") and session.exitstatus == 0:
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _forget_cached_search_reference_data():
    """Search caches taxonomy options, places and synonyms; a rolled-back test must not leave
    its rows in the cache for the next one."""
    from django.core.cache import cache

    from opendata.records.queries import forget_public_service_ids

    cache.clear()
    forget_public_service_ids()
    yield
    cache.clear()
    forget_public_service_ids()


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request to a /cy/ page leaves Welsh active in this thread: each test starts in the
    default language, as a fresh request would."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
