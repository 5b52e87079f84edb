"""Run the same behaviour against every backend: the database, and the engine when one is
reachable (TEST_SEARCH_URL; .ci/run starts a real OpenSearch node and sets it)."""

import os
import urllib.error
import urllib.request
import uuid

import pytest

from tests.conftest import skip_unless_available

ENGINE_URL = os.environ.get("TEST_SEARCH_URL", "")


def engine_reachable(url):
    if not url:
        return False
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture(scope="session")
def engine_url():
    skip_unless_available(
        engine_reachable(ENGINE_URL),
        "no search engine: start one with `bash tools/opensearch/opensearch.sh start` and "
        "set TEST_SEARCH_URL=http://127.0.0.1:9200",
    )
    return ENGINE_URL


class Backend:
    """Which backend answers, and how to bring its index up to date after test data changes."""

    def __init__(self, name, settings=None, url=None):
        self.name = name
        self.settings = settings
        self.url = url

    def refresh(self):
        if self.name == "engine":
            from search.engine import rebuild

            rebuild("services", self.url)


@pytest.fixture(params=["database", "engine"])
def backend(request, settings):
    """Each test using this runs once per backend."""
    if request.param == "database":
        settings.SEARCH_URL = ""
        yield Backend("database")
        return
    url = request.getfixturevalue("engine_url")
    settings.SEARCH_URL = url
    # A fresh alias per test: tests never see each other's documents.
    settings.SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:12]}-"
    backend = Backend("engine", settings, url)
    yield backend
    delete_test_indexes(url, settings.SEARCH_INDEX_PREFIX)


@pytest.fixture
def own_engine_index(engine_url, settings):
    """The engine configured with an index prefix of this test's own; its indexes are
    removed afterwards. Yields the engine's URL."""
    from django.core.cache import cache

    settings.SEARCH_URL = engine_url
    settings.SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:12]}-"
    cache.clear()
    yield engine_url
    cache.clear()
    delete_test_indexes(engine_url, settings.SEARCH_INDEX_PREFIX)


def delete_test_indexes(url, prefix):
    """Remove every index a test made under its own prefix."""
    from search.engine import client

    engine = client(url)
    for name in engine.indices.get(index=f"{prefix}*", ignore_unavailable=True):
        engine.indices.delete(index=name, ignore_unavailable=True)
