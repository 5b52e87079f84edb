"""The site served as production serves it: gunicorn with config/gunicorn.conf.py and the
production settings on PostgreSQL, whitenoise's hashed static files, JSON log lines.

A real gunicorn on a free loopback port, against the test database.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import quote

from django.conf import settings

import pytest

# django_db: so that the test database exists (the test itself makes no query).
pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

# collectstatic (whitenoise's hashed, compressed copies), then the database cache's table.
PREPARE = (
    "import django; from django.core.management import call_command; django.setup(); "
    "call_command('collectstatic', interactive=False, verbosity=0); "
    "call_command('createcachetable')"
)
# How long gunicorn may take to load the site and start its worker on a busy machine.
START_DEADLINE_SECONDS = 60


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(database):
    """The test database's address, as DATABASE_URL gives it in production."""
    credentials = quote(database["USER"], safe="")
    if database["PASSWORD"]:
        credentials += ":" + quote(database["PASSWORD"], safe="")
    host = database["HOST"] or "127.0.0.1"
    port = database["PORT"] or "5432"
    return f"postgres://{credentials}@{host}:{port}/{quote(database['NAME'], safe='')}"


def production_environment(static_root, port):
    from django.db import connection

    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"REDIS_URL", "SEARCH_URL", "TASKS_BACKEND", "WEB_CONCURRENCY"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="tests.core.serving_settings",
        SERVING_TEST_STATIC_ROOT=str(static_root),
        SECRET_KEY="serving-test-" + "k" * 40,
        DATABASE_URL=database_url(connection.settings_dict),
        ALLOWED_HOSTS="127.0.0.1",
        TRUSTED_PROXY_COUNT="0",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
    )
    return environment


def get(url, **headers):
    """Status, headers and body of a GET, without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def wait_until_serving(server, base_url, log):
    deadline = time.monotonic() + START_DEADLINE_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn stopped while starting:\n{log.read_text()}")
        try:
            return get(f"{base_url}/healthz")
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer in {START_DEADLINE_SECONDS} s:\n{log.read_text()}")


@pytest.fixture
def production_server(django_db_setup, tmp_path):
    """gunicorn serving the test database as production would, after the steps
    tools/serve-production.sh takes first (collectstatic, the cache's table). Yields its
    base URL and the file its output goes to."""
    port = free_port()
    environment = production_environment(tmp_path / "static", port)
    # As tools/serve-production.sh does before serving, in one process.
    prepared = subprocess.run(
        [sys.executable, "-c", PREPARE],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )
    if prepared.returncode:
        pytest.fail(f"collectstatic or createcachetable failed:\n{prepared.stderr[-3000:]}")
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "config/gunicorn.conf.py"],
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(server, base_url, log)
        yield base_url, log, tmp_path / "static"
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_gunicorn_serves_the_site_as_production_does(production_server):
    base_url, log, static_root = production_server

    # The health check, over plain HTTP as a load balancer probes it: not sent to HTTPS.
    status, headers, body = get(f"{base_url}/healthz")
    assert status == 200
    assert json.loads(body) == {
        "status": "ok",
        "checks": {"database": "ok", "search_engine": "not configured"},
    }
    assert "no-store" in headers["Cache-Control"]
    # Everything else is, unless the proxy says the visitor came over HTTPS.
    assert get(f"{base_url}/")[0] == 301

    # The stylesheet under its hashed name, compressed and kept by browsers for good.
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    hashed = manifest["paths"]["dist/main.css"]
    assert hashed != "dist/main.css"
    status, headers, body = get(
        f"{base_url}/static/{hashed}", **{"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}
    )
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]
    assert "max-age=315360000" in headers["Cache-Control"]

    # One JSON object per line, each request among them (a worker writes its access line
    # after answering: wait for the last one).
    for _ in range(50):
        requests = [
            entry
            for entry in map(json.loads, log.read_text().splitlines())
            if entry["logger"] == "gunicorn.access"
        ]
        if any(entry["path"] == f"/static/{hashed}" for entry in requests):
            break
        time.sleep(0.1)
    by_path = {entry["path"]: entry for entry in requests}
    assert {"method": "GET", "path": "/healthz", "status": 200}.items() <= by_path[
        "/healthz"
    ].items()
    assert by_path["/"]["status"] == 301
    assert by_path[f"/static/{hashed}"]["status"] == 200
    assert all("duration_ms" in entry for entry in requests)
