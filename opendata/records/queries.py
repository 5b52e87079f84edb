"""What open data publishes: exactly what the public directory shows, in the site's default
language (the Welsh pages share their English pages' ids), fetched for records in a fixed
number of queries however many there are."""

import threading
import time

from django.conf import settings
from django.db.models import Prefetch, Q

from wagtail.coreutils import get_supported_content_language_variant

from core.models import ServiceCategory
from directory.models import OrganisationPage, ServicePage
from directory.models.status import StalenessStage
from search.facet_bitmaps import SNAPSHOT_MAX_AGE, current_token


def _default_language():
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


SERVICES_INDEX = "services"
_held = {}
_lock = threading.Lock()

ORGANISATION_RELATED = ["led_by_and_for", "commissioning_relationships"]


def public_services():
    """The services the directory lists (live, not closed for good, under a live
    organisation, not hidden as out of date), with what their records show."""
    return (
        ServicePage.objects.listed()
        .filter(locale__language_code=_default_language())
        .select_related("organisation", "operational_status")
        .prefetch_related(
            Prefetch("categories", queryset=ServiceCategory.objects.select_related("parent")),
            "client_groups",
            "stages",
            "regions",
            "locations",
            "opening_hours",
            *[f"organisation__{name}" for name in ORGANISATION_RELATED],
        )
        .order_by("pk")
    )


def public_service_list(ids):
    """The public services among `ids`, with what a list's record shows (its organisation),
    checked again for being public."""
    return (
        ServicePage.objects.listed()
        .filter(pk__in=ids)
        .select_related("organisation", "operational_status")
        .prefetch_related(*[f"organisation__{name}" for name in ORGANISATION_RELATED])
    )


def public_service_ids():
    """The ids of the public services, ascending. Held per process and rebuilt when the
    directory's data changes (the token search.facet_bitmaps keeps for the services index,
    renewed by every save of a service or organisation) or after SNAPSHOT_MAX_AGE: one
    query per request instead of the joins that decide who is public."""
    token = current_token(SERVICES_INDEX)
    with _lock:
        held = _held.get("ids")
        fresh = held is not None and time.monotonic() - held[1] < SNAPSHOT_MAX_AGE
        if fresh and held[0] == token:
            return held[2]
    ids = list(public_services().values_list("pk", flat=True).order_by("pk"))
    with _lock:
        _held["ids"] = (token, time.monotonic(), ids)
    return ids


def forget_public_service_ids():
    with _lock:
        _held.clear()


def public_organisations():
    """The organisations the directory shows (live, not hidden as out of date), in the
    site's default language."""
    hidden = Q(
        operational_status__staleness_stage=StalenessStage.HIDDEN,
        operational_status__keep_listed=False,
    )
    return (
        OrganisationPage.objects.live()
        .filter(locale__language_code=_default_language())
        .exclude(hidden)
        .prefetch_related(*ORGANISATION_RELATED)
        .order_by("pk")
    )
