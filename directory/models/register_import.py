"""The Charity Commission import's own records: which charities count as criminal justice
(rules moderators edit), the charities an admin rejected (never imported again), and what
each run did (shown to moderators)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SelectionRuleKind(models.TextChoices):
    KEYWORD = "keyword", _("Word or phrase in the charity's name or activities")
    CLASSIFICATION = "classification", _("Charity Commission classification code")


class CharitySelectionRule(models.Model):
    """One reason to import a charity: a keyword (matched at the start of a word, any case)
    or a classification code. A charity matching any active rule is imported."""

    kind = models.CharField(_("kind"), max_length=20, choices=SelectionRuleKind.choices)
    value = models.CharField(
        _("keyword or code"),
        max_length=200,
        help_text=_('A word or phrase such as "resettlement", or a code such as "105".'),
    )
    note = models.TextField(_("why"), blank=True)
    active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(_("added"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("charity selection rule")
        verbose_name_plural = _("charity selection rules")
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="unique_selection_rule")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"


class RejectedCharity(models.Model):
    """A charity the import must never add again (it was rejected by an admin)."""

    charity_number = models.CharField(_("charity number"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=255, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rejected by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rejected_at = models.DateTimeField(_("rejected on"), default=timezone.now)

    class Meta:
        verbose_name = _("rejected charity")
        verbose_name_plural = _("rejected charities")
        ordering = ["-rejected_at"]

    def __str__(self):
        return f"{self.name} ({self.charity_number})" if self.name else self.charity_number


class ImportOutcome(models.TextChoices):
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    FAILED = "failed", _("Failed")


class CharityImportRun(models.Model):
    """What one run of the import did, with counts by region."""

    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    source = models.TextField(_("source"), blank=True)
    dry_run = models.BooleanField(_("dry run"), default=False)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=ImportOutcome.choices, default=ImportOutcome.RUNNING
    )
    error = models.TextField(_("error"), blank=True)
    records_read = models.PositiveIntegerField(_("records read"), default=0)
    added = models.PositiveIntegerField(_("added"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    held = models.PositiveIntegerField(_("held (owner edits or drafts kept)"), default=0)
    removed = models.PositiveIntegerField(_("marked removed"), default=0)
    rejected = models.PositiveIntegerField(_("rejected, not added"), default=0)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)
    # {region name: {"added": n, "updated": n, ...}}
    by_region = models.JSONField(_("by region"), default=dict, blank=True)
    # [{"number", "name", "reasons": [...]}]: a sample of what was added and why it matched.
    sample = models.JSONField(_("sample"), default=list, blank=True)
    report = models.TextField(_("report"), blank=True)

    class Meta:
        verbose_name = _("charity import run")
        verbose_name_plural = _("charity import runs")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M} ({self.get_outcome_display()})"
