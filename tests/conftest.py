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

    cache.clear()
    yield
    cache.clear()
