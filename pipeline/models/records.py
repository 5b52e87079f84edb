"""The pipeline's plain records: the public history of each opportunity (appended, never
rewritten), organisations' interest in partnering, and people's alerts."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pipeline.models.pages import OpportunityStatus


class HistoryIsPermanent(Exception):
    """A published history entry cannot be changed or deleted."""


class StatusUpdateQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise HistoryIsPermanent

    def delete(self):
        raise HistoryIsPermanent


class StatusUpdate(models.Model):
    """One dated public entry in an opportunity's history: its status then, why, and which
    key dates moved (from and to). Written by `pipeline.opportunities.history` on publish."""

    opportunity = models.ForeignKey(
        "pipeline.OpportunityPage", on_delete=models.CASCADE, related_name="history"
    )
    recorded_at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(max_length=20, choices=OpportunityStatus.choices)
    previous_status = models.CharField(max_length=20, choices=OpportunityStatus.choices, blank=True)
    reason = models.TextField(blank=True)
    # [{"field": "closes_on", "old": "2027-01-31", "new": "2027-03-15"}]
    date_changes = models.JSONField(default=list, blank=True)
    # Every key date as published with this entry, to tell what the next publish moves.
    key_dates = models.JSONField(default=dict, blank=True)
    next_update_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = StatusUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("status update")
        ordering = ["recorded_at", "pk"]

    def __str__(self):
        return f"{self.opportunity}: {self.get_status_display()} ({self.recorded_at:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise HistoryIsPermanent
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise HistoryIsPermanent


class PartnerInterest(models.Model):
    """A listed organisation would like to partner on an opportunity seeking specialists."""

    opportunity = models.ForeignKey(
        "pipeline.OpportunityPage", on_delete=models.CASCADE, related_name="partner_interest"
    )
    organisation = models.ForeignKey(
        "directory.OrganisationPage", on_delete=models.CASCADE, related_name="partner_interest"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note"), max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("interest in partnering")
        verbose_name_plural = _("interest in partnering")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "organisation"], name="one_interest_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.opportunity}"


class AlertSubscription(models.Model):
    """A person's pipeline alert: new opportunities and changes matching its regions,
    categories and kinds (each empty: any), at most one digest a day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pipeline_alerts"
    )
    organisation = models.ForeignKey(
        "directory.OrganisationPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="pipeline_alerts",
        help_text=_("Empty: for the person themselves."),
    )
    regions = models.ManyToManyField("core.Region", blank=True, related_name="+")
    categories = models.ManyToManyField("core.ServiceCategory", blank=True, related_name="+")
    kinds = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # The end of the period the last digest covered.
    sent_up_to = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pipeline alert")

    def __str__(self):
        return f"{self.user} ({self.pk})"
