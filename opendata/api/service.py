"""The API's NinjaAPI: JSON errors (400 for a parameter it cannot use, 404 for an unknown
id, 429 past the rate limit), CORS open to every origin, and a rate limit per client."""

import datetime

from django.conf import settings
from django.utils import timezone

from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.throttling import SimpleRateThrottle

from core.ratelimit import client_address
from opendata.api.filters import BadParameter

DEFAULT_RATE = "60/m"


class ClientRateThrottle(SimpleRateThrottle):
    """`settings.OPEN_DATA_API_RATE` requests ("60/m") per client address, read on every
    request so a deployment (or a test) can change it."""

    scope = "opendata"

    def __init__(self):
        self.rate = None
        self.num_requests, self.duration = None, None

    def get_cache_key(self, request):
        # The client as the rest of the site counts it: X-Forwarded-For only from our proxies.
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}

    def allow_request(self, request):
        self.rate = getattr(settings, "OPEN_DATA_API_RATE", DEFAULT_RATE)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class OpenDataAPI(NinjaAPI):
    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        response["Access-Control-Allow-Origin"] = "*"
        return response


api = OpenDataAPI(
    title="Common Ground open data",
    version="3.0",
    description=(
        "The Common Ground directory of voluntary organisations working in criminal justice "
        "in England and Wales, as an Open Referral UK 3.0 API. Read-only, public, no key. "
        "Open Government Licence v3.0."
    ),
    urls_namespace="opendata_api",
    docs_url=None,
    throttle=[ClientRateThrottle()],
)


@api.exception_handler(BadParameter)
def bad_parameter(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(ValidationError)
def invalid_parameter(request, exc):
    problems = [
        f"{'.'.join(str(part) for part in error.get('loc', [])[1:])}: {error.get('msg')}"
        for error in exc.errors
    ]
    return api.create_response(request, {"detail": "; ".join(problems)}, status=400)


def check_parameters(request, allowed):
    """Refuse a parameter the endpoint does not know (a typo would otherwise be ignored)."""
    unknown = sorted(set(request.GET) - set(allowed))
    if unknown:
        raise BadParameter(
            f"Unknown parameter: {', '.join(unknown)}. This endpoint takes: "
            f"{', '.join(sorted(allowed))}."
        )


def aware(moment):
    """A datetime from the query as an aware one (UTC when no offset was given)."""
    if moment is None or timezone.is_aware(moment):
        return moment
    return moment.replace(tzinfo=datetime.UTC)
