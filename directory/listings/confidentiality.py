"""Addresses that must not be published: when an organisation's address is kept confidential
by default, and postcodes written one way.

A refuge's address must never appear on the site, in search, in exports or in open data.
Whether an organisation's own address is hidden is its choice (`address_is_confidential`),
but the choice starts as "hidden" for the organisations most at risk
(`address_confidential_by_default`), and nothing here ever makes a hidden address public:
the default only ever turns hiding on.

Hiding an address takes effect at once (`hide_organisation_address_at_once`,
`hide_location_at_once`), like removing a service: whoever asks has found it exposed. The
same change also goes to moderators with the rest of the edit; showing an address again
waits for their review like any other change.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.page_cache import pages_changed
from directory.models import OrganisationPage, ServiceLocation

# Services for people affected by domestic abuse or sexual violence: the parent category and
# everything under it (see ../shared/reference/vocabularies.md).
CONFIDENTIAL_PARENT_CATEGORY = "domestic-abuse-sexual-violence"
CONFIDENTIAL_CATEGORIES = frozenset(
    {
        CONFIDENTIAL_PARENT_CATEGORY,
        "domestic-abuse-survivors",
        "sexual-violence-support",
        "behaviour-change",
    }
)

# A UK postcode: outward code (area, district) and inward code, with or without the space.
POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")
POSTCODE_ERROR = _("Enter a real postcode, like LS1 4AP")


def normalise_postcode(value):
    """A postcode in capitals with one space before the last three characters ("ls14ap" →
    "LS1 4AP"); "" stays "". Raises ValidationError for something that is not a postcode."""
    compact = " ".join((value or "").upper().split())
    if not compact:
        return ""
    match = POSTCODE.match(compact)
    if not match:
        raise ValidationError(POSTCODE_ERROR, code="invalid")
    return f"{match.group(1)} {match.group(2)}"


def is_confidential_category(category):
    parent = getattr(category, "parent", None)
    return category.slug in CONFIDENTIAL_CATEGORIES or (
        parent is not None and parent.slug == CONFIDENTIAL_PARENT_CATEGORY
    )


def address_confidential_by_default(categories, locations):
    """Whether an organisation's own address starts as confidential: when any of its services
    supports people affected by domestic abuse or sexual violence, or when it has locations
    and every one of them is confidential.

    `categories`: the categories of all its services; `locations`: all its services'
    locations (anything with `is_confidential`)."""
    if any(is_confidential_category(category) for category in categories):
        return True
    locations = list(locations)
    return bool(locations) and all(location.is_confidential for location in locations)


def organisation_address_confidential_by_default(organisation):
    """The default rule applied to an organisation's saved services (any state)."""
    from core.models import ServiceCategory

    categories = ServiceCategory.objects.filter(services__organisation=organisation).select_related(
        "parent"
    )
    locations = ServiceLocation.objects.filter(service__organisation=organisation)
    return address_confidential_by_default(categories, locations)


def organisation_address_is_protected(organisation):
    """Whether an import or any automatic process must leave the address unpublished."""
    return organisation.address_is_confidential or organisation_address_confidential_by_default(
        organisation
    )


def hide_organisation_address_at_once(organisation):
    """The public page stops showing the organisation's address now (not after review)."""
    OrganisationPage.objects.filter(pk=organisation.pk).update(address_is_confidential=True)
    # Its services show the address too.
    pages_changed([organisation], content=True)


def hide_location_at_once(location_pk, service):
    """A published location of `service` shows only its area from now on."""
    if location_pk is not None:
        ServiceLocation.objects.filter(pk=location_pk, service=service).update(is_confidential=True)
        pages_changed([service])
