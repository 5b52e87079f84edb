"""The Open data page: what is published, how to use the API and the downloads, under what
licence, and how often it changes."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from opendata.downloads.build import (
    CSV_NAME,
    JSON_NAME,
    LICENCE_URL,
    download_file,
)

API_BASE = "/api/"

EXAMPLE_REQUESTS = [
    "services?per_page=10",
    "services?search=housing&per_page=10",
    "taxonomy_terms?per_page=100",
]

PERIODS = {"s": _("second"), "m": _("minute"), "h": _("hour"), "d": _("day")}


def api_rate_limit():
    """How many requests the API allows each client, and in what period, from the API's own
    setting ("60/m")."""
    count, _slash, period = settings.OPEN_DATA_API_RATE.partition("/")
    return {"requests": int(count), "period": PERIODS.get(period[:1], PERIODS["m"])}


def _downloads():
    return [
        {
            "name": name,
            "url": reverse("open_data_download", kwargs={"name": name}),
            "file": download_file(name),
        }
        for name in (CSV_NAME, JSON_NAME)
    ]


@require_safe
def open_data(request):
    api_base = request.build_absolute_uri(API_BASE)
    return render(
        request,
        "opendata/open_data.html",
        {
            "downloads": _downloads(),
            "api_base": api_base,
            "examples": [f"{api_base}{example}" for example in EXAMPLE_REQUESTS],
            "openapi_url": f"{API_BASE}openapi.json",
            "docs_url": reverse("open_data_api_explorer"),
            "rate_limit": api_rate_limit(),
            "licence_url": LICENCE_URL,
        },
    )
