"""The fixed choices of directory pages: where a listing came from, a service's status, how
to refer and how it is delivered."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationSource(models.TextChoices):
    SELF_LISTED = "self-listed", _("Listed by the organisation")
    IMPORTED = "imported", _("Imported from a public register")
    STAFF = "staff", _("Added by site staff")


class ServiceState(models.TextChoices):
    """Open Referral UK's service status."""

    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")
    DEFUNCT = "defunct", _("Closed for good")


class ReferralMethod(models.TextChoices):
    SELF = "self", _("Self-referral")
    PROFESSIONAL = "professional", _("Professional referral")
    BOTH = "both", _("Self-referral or professional referral")


class DeliveryMethod(models.TextChoices):
    IN_PERSON = "in-person", _("In person")
    ONLINE = "online", _("Online")
    PHONE = "phone", _("By phone")
