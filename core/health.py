"""/healthz: whether this server can answer, for the load balancer and for monitoring.

The database is required: without it nothing works, so the check fails (503) and the load
balancer stops sending this server visitors. The search engine is reported but never fails
the check: when it is down the directory answers from the database (search.api), so the
site still works, more slowly. The answer's status is "ok" (200) whenever the database is,
"down" (503) otherwise; `checks` says how each part is.

The answer holds no personal data, sets no cookie and is never cached. It reads no session
and is not rate-limited: a load balancer asks often, from one address.
"""

import logging

from django.conf import settings
from django.db import DatabaseError, InterfaceError, connection, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from opensearchpy import OpenSearch

logger = logging.getLogger(__name__)

OK = "ok"
DOWN = "down"
NOT_CONFIGURED = "not configured"

# A probe must answer well within the load balancer's own timeout (typically 5 s).
DATABASE_TIMEOUT_MS = 2000
ENGINE_TIMEOUT_SECONDS = 1


def database_status():
    """ "ok" when the default database answers a trivial query in time, "down" otherwise."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # For this transaction only: the connection may be reused by the next request.
                cursor.execute(f"SET LOCAL statement_timeout = {DATABASE_TIMEOUT_MS}")
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except (DatabaseError, InterfaceError):
        logger.warning("Health check: the database did not answer", exc_info=True)
        return DOWN
    return OK


def search_engine_status():
    """ "ok" when the engine at SEARCH_URL answers, "down" when it does not, "not configured"
    when the directory searches the database only.

    core sits below search/ (import contracts), so it asks the engine with the client
    search/engine.py uses, configured the same way (no retries), rather than through it.
    """
    url = settings.SEARCH_URL
    if not url:
        return NOT_CONFIGURED
    engine = OpenSearch(hosts=[url], timeout=ENGINE_TIMEOUT_SECONDS, max_retries=0)
    try:
        answered = engine.ping()
    except Exception:  # a malformed URL, say: reported, never a failed check
        logger.warning("Health check: could not ask the search engine", exc_info=True)
        answered = False
    finally:
        engine.close()
    return OK if answered else DOWN


@never_cache
@require_safe  # GET, and HEAD for probes that ask only for the status
def healthz(request):
    checks = {"database": database_status(), "search_engine": search_engine_status()}
    if checks["database"] != OK:
        return JsonResponse({"status": DOWN, "checks": checks}, status=503)
    return JsonResponse({"status": OK, "checks": checks})
