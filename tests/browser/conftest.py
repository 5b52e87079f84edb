"""Real Chromium (Debian's package) driven by Playwright, against pytest-django's live server."""

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import restore_migrated_state, skip_unless_available

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
# inside one unless told it is safe, which it is in tests (one thread drives both).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "frontend/node_modules/axe-core/axe.min.js"

# Without these, Chromium tries to reach Google's hosts at start-up.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _restore_migrated_state(request, _migrated_state):
    """Give the live-server tests the database the migrations made, as serialized_rollback would."""
    if "live_server" not in request.fixturenames or not _migrated_state:
        return
    request.getfixturevalue("transactional_db")
    from django.db import connection

    from wagtail.models import Page

    # Lets the flush after this test leave the restoring to us (no post-migrate signals).
    connection._test_serialized_contents = _migrated_state
    if not Page.objects.exists():
        restore_migrated_state(_migrated_state)
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()


@pytest.fixture(scope="session")
def chromium(_migrated_state):
    skip_unless_available(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    browser_page = context.new_page()
    browser_page.set_default_timeout(10_000)
    yield browser_page
    context.close()


@pytest.fixture
def axe():
    """Run axe-core on a page; returns its violations, of any impact (minor ones included)."""
    skip_unless_available(AXE_SCRIPT.exists(), "axe-core missing: run `make test` (npm ci)")
    source = AXE_SCRIPT.read_text()

    def run_axe(browser_page):
        # Run through the DevTools protocol, which the page's Content-Security-Policy does not
        # govern: a <script> added to the page would be blocked as inline.
        browser_page.wait_for_load_state("load")
        browser_page.evaluate(source)
        return browser_page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})"
        )

    def check(browser_page):
        from playwright.sync_api import Error

        # A click that navigates may still be replacing the document when the scan starts:
        # axe then finds no document, or its context is destroyed. Scan the page that loads.
        for attempt in range(3):
            try:
                result = run_axe(browser_page)
                break
            except Error as error:
                navigating = "documentElement" in str(error) or "context was destroyed" in str(
                    error
                )
                if not navigating or attempt == 2:
                    raise
        return [
            {
                "id": violation["id"],
                "impact": violation["impact"],
                "help": violation["help"],
                "targets": [node["target"] for node in violation["nodes"]][:5],
            }
            for violation in result["violations"]
        ]

    return check
