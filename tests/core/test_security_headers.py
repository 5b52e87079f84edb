"""Security headers: production settings pass Django's deployment checks; every page sends a
Content-Security-Policy (strict on public pages, the admin's own under /admin/),
Permissions-Policy and Referrer-Policy; production adds HSTS with includeSubDomains and
preload, and upgrade-insecure-requests."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

import pytest

from core.security_headers import ContentSecurityPolicyMiddleware
from tests.factories import build_site_tree
from tests.factories.accounts import StaffUserFactory

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parents[2]

# What production.py insists on before it loads: nothing here is ever connected to.
PRODUCTION_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "production-check-9x-Qz7_LmP2vR8tW4yB6nD1cF3hJ5aK0eU",
    "DATABASE_URL": "postgres://commonground:commonground@127.0.0.1:5432/commonground",
    "ALLOWED_HOSTS": "commonground.example.org",
    "TRUSTED_PROXY_COUNT": "1",
}

PRODUCTION_SETTINGS_AS_JSON = """
import json
import django
from django.conf import settings
django.setup()
print(json.dumps({
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": settings.SECURE_HSTS_INCLUDE_SUBDOMAINS,
    "SECURE_HSTS_PRELOAD": settings.SECURE_HSTS_PRELOAD,
    "CONTENT_SECURITY_POLICY": settings.CONTENT_SECURITY_POLICY,
}))
"""


def run_in_production(*arguments):
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DEBUG", "SECURE_", "REDIS_", "AWS_"))
    }
    environment.update(PRODUCTION_ENVIRONMENT)
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def test_production_settings_pass_the_deployment_checks():
    result = run_in_production("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def production_settings():
    result = run_in_production("-c", PRODUCTION_SETTINGS_AS_JSON)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_sends_hsts_with_subdomains_and_preload(client, production_settings):
    build_site_tree()
    with override_settings(**production_settings):
        response = client.get("/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "upgrade-insecure-requests" in policy(response)


def assert_strict(directives):
    for directive in ("script-src", "style-src"):
        assert directives[directive] == ["'self'"], directive
    # One inline style, allowed by its hash alone (the autocomplete's, on iPhones).
    assert directives["style-src-attr"][0] == "'unsafe-hashes'"
    assert all(source.startswith("'sha256-") for source in directives["style-src-attr"][1:])
    assert "'unsafe-eval'" not in directives["default-src"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["img-src"] == ["'self'", "data:"]


def assert_the_other_policies(response):
    assert "camera=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "browsing-topics=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    "path",
    ["/", "/directory/?q=housing", "/account/login/", "/no-such-page/"],
    ids=["home", "directory search", "sign in", "not found"],
)
def test_public_pages_send_the_strict_policy(client, path):
    build_site_tree()
    response = client.get(path)
    assert response.status_code in (200, 404)
    assert_strict(policy(response))
    assert "upgrade-insecure-requests" not in policy(response)  # production only
    assert_the_other_policies(response)


def test_the_admin_has_its_own_policy_and_keeps_the_rest(client):
    build_site_tree()
    client.force_login(StaffUserFactory())
    response = client.get("/admin/")
    assert response.status_code == 200
    directives = policy(response)
    # Wagtail's widgets write inline scripts and styles; it frames its own previews.
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["style-src-attr"] == ["'unsafe-inline'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert_the_other_policies(response)


def test_images_from_object_storage_are_allowed_from_its_origin_only():
    s3 = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "media",
            "endpoint_url": "https://objects.example.org",
            "region_name": "eu-west-2",
            "access_key": "test-access-key",
            "secret_key": "test-secret-key",
            "querystring_auth": True,
        },
    }
    with override_settings(STORAGES={**settings.STORAGES, "default": s3}):
        middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse("ok"))
        response = middleware(RequestFactory().get("/"))
    images = policy(response)["img-src"]
    assert images[:2] == ["'self'", "data:"]
    assert len(images) == 3
    assert images[2].startswith("https://") and images[2].endswith("objects.example.org")
    assert policy(response)["script-src"] == ["'self'"]
