"""/healthz, as a load balancer and monitoring see it: the database decides whether this
server takes visitors; the search engine is reported, and its being down never takes the
site out of service (the directory then searches the database)."""

import socket

from django.db import OperationalError, connection

import pytest

from tests.conftest import skip_unless_available
from tests.search.conftest import ENGINE_URL, engine_reachable

pytestmark = pytest.mark.django_db


def closed_port():
    """A loopback port nothing listens on: bound, then released."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_healthy_with_the_database_up_and_no_engine_configured(client, settings):
    settings.SEARCH_URL = ""

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "search_engine": "not configured"},
    }


def test_still_healthy_when_only_the_search_engine_is_down(client, settings):
    settings.SEARCH_URL = f"http://127.0.0.1:{closed_port()}"

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "search_engine": "down"},
    }


def test_out_of_service_when_the_database_is_down(client, settings, monkeypatch):
    settings.SEARCH_URL = ""

    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "down",
        "checks": {"database": "down", "search_engine": "not configured"},
    }


def test_reports_a_running_search_engine(client, settings):
    skip_unless_available(engine_reachable(ENGINE_URL), "no search engine: set TEST_SEARCH_URL")
    settings.SEARCH_URL = ENGINE_URL

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "search_engine": "ok"}


def test_is_never_cached_and_sets_no_cookie(client):
    response = client.get("/healthz")

    cache_control = response["Cache-Control"]
    assert "no-cache" in cache_control
    assert "no-store" in cache_control
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_only_reads(client):
    assert client.post("/healthz").status_code == 405
