"""When the engine cannot be reached, the database answers and nothing fails.

No engine is needed: the engine's address points at a closed port (refused at once), or at
a socket that accepts connections and never answers (the timeout). The shared test node is
never stopped.
"""

import logging
import socket

from django.core.cache import cache

import pytest

from search.api import SearchQuery, search, suggest
from tests.factories import OrganisationPageFactory, ServicePageFactory, build_site_tree

pytestmark = pytest.mark.django_db

NOWHERE = "http://127.0.0.1:9"  # the discard port: nothing listens there


@pytest.fixture(autouse=True)
def fresh_vocabulary():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def engine_down(settings):
    settings.SEARCH_URL = NOWHERE
    settings.SEARCH_TIMEOUT = 0.5
    settings.SEARCH_INDEX_PREFIX = "test-unreachable-"


@pytest.fixture
def silent_engine(settings):
    """An engine address that accepts connections and never says a word."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    host, port = listener.getsockname()
    settings.SEARCH_URL = f"http://{host}:{port}"
    settings.SEARCH_TIMEOUT = 0.3
    settings.SEARCH_INDEX_PREFIX = "test-silent-"
    yield
    listener.close()


@pytest.fixture
def tree(db):
    return build_site_tree()


@pytest.fixture
def services(tree):
    organisation = OrganisationPageFactory(title="Northern Homes Trust", regions=["north-east"])
    ServicePageFactory(
        parent=organisation, title="Tenancy Rescue", categories=["tenancy-sustainment"]
    )
    ServicePageFactory(parent=organisation, title="Debt Clinic", categories=["debt-advice"])
    return organisation


def test_a_search_answers_from_the_database_when_the_engine_is_unreachable(services, engine_down):
    results = search("services", SearchQuery(text="tenancy"))

    assert [service.title for service in results.results] == ["Tenancy Rescue"]
    assert results.degraded is True
    assert results.backend == "database"


def test_a_search_answers_from_the_database_when_the_engine_is_too_slow(services, silent_engine):
    results = search("services", SearchQuery(text="tenancy"))

    assert [service.title for service in results.results] == ["Tenancy Rescue"]
    assert results.degraded is True
    assert results.backend == "database"


def test_a_filtered_search_without_text_falls_back_with_its_counts(services, engine_down):
    results = search("services", SearchQuery(filters={"region": ["north-east"]}))

    assert results.degraded is True
    assert results.total == 2
    region = next(facet for facet in results.facets if facet.param == "region")
    assert {option.value: option.count for option in region.options}["north-east"] == 2


def test_a_search_with_the_database_in_charge_is_not_called_degraded(services, settings):
    settings.SEARCH_URL = ""

    results = search("services", SearchQuery(text="tenancy"))

    assert results.degraded is False
    assert results.backend == "database"


def test_the_directory_page_answers_with_results_and_a_discreet_notice(
    services, tree, engine_down, client
):
    response = client.get(tree.directory.url, {"q": "tenancy"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Tenancy Rescue" in content
    assert "Debt Clinic" not in content
    assert "Search is running in a simpler mode just now" in content


def test_the_directory_page_says_nothing_about_a_simpler_mode_when_all_is_well(
    services, tree, settings, client
):
    settings.SEARCH_URL = ""

    response = client.get(tree.directory.url, {"q": "tenancy"})

    assert response.status_code == 200
    assert "simpler mode" not in response.content.decode()


def test_suggestions_come_from_the_database_when_the_engine_is_unreachable(services, engine_down):
    assert "Tenancy Rescue" in [item["value"] for item in suggest("services", "tena")]


def test_the_suggestions_endpoint_answers_when_the_engine_is_unreachable(
    services, engine_down, client
):
    response = client.get("/search/suggestions/services/", {"q": "tena"})

    assert response.status_code == 200
    assert {"value": "Tenancy Rescue", "group": "service"} in response.json()["suggestions"]


def test_publishing_a_service_with_the_engine_unreachable_still_publishes_it(
    services, engine_down, django_capture_on_commit_callbacks, caplog
):
    service = ServicePageFactory(parent=services, title="Night Shelter", live=False)

    with (
        caplog.at_level(logging.ERROR, logger="search.engine"),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        service.save_revision().publish()

    assert callbacks, "publishing should have asked the engine to update"
    service.refresh_from_db()
    assert service.live
    assert any("Could not update the search engine" in r.getMessage() for r in caplog.records)
    results = search("services", SearchQuery(text="shelter"))
    assert [found.title for found in results.results] == ["Night Shelter"]
    assert results.degraded is True


def test_changing_capacity_with_the_engine_unreachable_does_not_raise(
    services, engine_down, django_capture_on_commit_callbacks
):
    service = services.services.get(title="Debt Clinic")
    status = service.operational_status

    with django_capture_on_commit_callbacks(execute=True):
        status.capacity = "paused"
        status.save()

    status.refresh_from_db()
    assert status.capacity == "paused"


@pytest.fixture
def engine_without_index(engine_url, settings):
    """A reachable engine on which the services index was never built."""
    import uuid

    settings.SEARCH_URL = engine_url
    settings.SEARCH_INDEX_PREFIX = f"test-never-built-{uuid.uuid4().hex[:12]}-"


def test_a_search_answers_from_the_database_when_the_engine_has_no_index_yet(
    services, engine_without_index
):
    results = search("services", SearchQuery(text="tenancy"))

    assert [service.title for service in results.results] == ["Tenancy Rescue"]
    assert results.degraded is True
    assert results.backend == "database"


def test_suggestions_come_from_the_database_when_the_engine_has_no_index_yet(
    services, engine_without_index
):
    assert "Tenancy Rescue" in [item["value"] for item in suggest("services", "tena")]
