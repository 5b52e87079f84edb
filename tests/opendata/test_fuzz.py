"""An OpenAPI-driven fuzz run: schemathesis sends requests made from the served OpenAPI
document (valid and invalid parameters, known and unknown ids) to the real Django app and
database; no answer may be a server error or differ from what the document promises.

Bounded and derandomised, so CI runs the same examples every time.
"""

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

pytestmark = pytest.mark.django_db

# Loaded when the module is collected, from the served document (a request that needs no
# database). `schemathesis.pytest.from_fixture` would load it later, but it does not work with
# pytest 9 (it reads `request.node._nodeid`, which pytest 9 removed).
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler())


@pytest.fixture(autouse=True)
def _keep_the_test_database_connection():
    """A WSGI handler closes the database connection after each request, which would end
    the test's transaction (on PostgreSQL); Django's test client stops it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_never_fails_and_answers_as_its_document_says(case, open_directory):
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
