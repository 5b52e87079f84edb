"""What open data publishes: exactly what the public directory shows, in the site's default
language (the Welsh pages share their English pages' ids), fetched for records in a fixed
number of queries however many there are."""

from django.conf import settings
from django.db.models import Prefetch, Q

from wagtail.coreutils import get_supported_content_language_variant

from core.models import ServiceCategory
from directory.models import OrganisationPage, ServicePage
from directory.models.status import StalenessStage


def _default_language():
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


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
