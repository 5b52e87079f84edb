"""Operational state: what changes outside moderation, so it lives outside page revisions.

Publishing a page would cancel pending moderation, and approving a workflow publishes the
latest revision, which would silently restore an old capacity value. So capacity, "last
confirmed" and claimed/unclaimed are plain one-to-one records without revisions.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CapacityStatus(models.TextChoices):
    ACCEPTING = "accepting", _("Accepting referrals")
    WAITING_LIST = "waiting-list", _("Waiting list")
    PAUSED = "paused", _("Not accepting referrals")


class StalenessStage(models.TextChoices):
    CURRENT = "current", _("Current")
    REMINDED = "reminded", _("Reminder sent")
    FLAGGED = "flagged", _("Shown as possibly out of date")
    FINAL_REMINDER = "final-reminder", _("Final reminder sent")
    HIDDEN = "hidden", _("Hidden from default results")


class ServiceStatus(models.Model):
    service = models.OneToOneField(
        "directory.ServicePage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="operational_status",
    )
    capacity = models.CharField(
        _("capacity"),
        max_length=20,
        choices=CapacityStatus.choices,
        default=CapacityStatus.ACCEPTING,
    )
    capacity_note = models.CharField(
        _("capacity note"),
        max_length=255,
        blank=True,
        help_text=_("For example, how long the waiting list is."),
    )
    last_confirmed_at = models.DateTimeField(_("last confirmed"), null=True, blank=True)
    last_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("service status")
        verbose_name_plural = _("service statuses")

    def __str__(self):
        return f"{self.service_id}: {self.get_capacity_display()}"


class OrganisationStatus(models.Model):
    organisation = models.OneToOneField(
        "directory.OrganisationPage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="operational_status",
    )
    is_claimed = models.BooleanField(_("claimed"), default=False)
    last_confirmed_at = models.DateTimeField(_("last confirmed"), null=True, blank=True)
    last_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    staleness_stage = models.CharField(
        _("staleness"),
        max_length=20,
        choices=StalenessStage.choices,
        default=StalenessStage.CURRENT,
    )
    # When each step of the staleness ladder happened, so each happens once.
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    flagged_at = models.DateTimeField(_("flagged as possibly out of date"), null=True, blank=True)
    final_reminded_at = models.DateTimeField(_("final reminder sent"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden from default results"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    # What the last import from a public register said, field by field: an import only
    # overwrites a field whose value still equals what it imported last time.
    register_snapshot = models.JSONField(_("last imported values"), default=dict, blank=True)
    removed_from_register_on = models.DateField(
        _("removed from the charity register on"), null=True, blank=True
    )
    keep_listed = models.BooleanField(
        _("keep listed"),
        default=False,
        help_text=_("A moderator has checked this listing: keep it in results even if stale."),
    )
    keep_listed_reason = models.TextField(_("why it is kept listed"), blank=True)
    keep_listed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("kept listed by"),
    )
    keep_listed_at = models.DateTimeField(_("kept listed on"), null=True, blank=True)
    # The commissioning relationships (term slugs) a commissioner or moderator confirmed, and
    # when. While the organisation's own declaration differs, it shows as "declared".
    confirmed_commissioning = models.JSONField(
        _("confirmed commissioning relationships"), default=list, blank=True
    )
    commissioning_confirmed_at = models.DateTimeField(
        _("commissioning relationship confirmed on"), null=True, blank=True
    )
    commissioning_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("commissioning relationship confirmed by"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisation status")
        verbose_name_plural = _("organisation statuses")

    def __str__(self):
        return f"{self.organisation_id}: {self.get_staleness_stage_display()}"

    @property
    def may_be_out_of_date(self):
        return self.staleness_stage in {
            StalenessStage.FLAGGED,
            StalenessStage.FINAL_REMINDER,
            StalenessStage.HIDDEN,
        }

    def confirms_commissioning(self, slugs):
        """Whether a commissioner or moderator confirmed exactly these relationships (term
        slugs); otherwise they are only as the organisation declared them."""
        return self.commissioning_confirmed_at is not None and sorted(
            self.confirmed_commissioning
        ) == sorted(slugs)
