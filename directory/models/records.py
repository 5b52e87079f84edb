"""Plain records about listings (no revisions): who belongs to which organisation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    EDITOR = "editor", _("Editor")


class OrganisationMembership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        "directory.OrganisationPage", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.EDITOR
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation membership")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="one_membership_per_person"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class ProblemReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")
    DISMISSED = "dismissed", _("Dismissed")


class ListingProblemReport(models.Model):
    """Someone (no account needed) says a listing is wrong; moderators and owners see it."""

    organisation = models.ForeignKey(
        "directory.OrganisationPage", on_delete=models.CASCADE, related_name="problem_reports"
    )
    service = models.ForeignKey(
        "directory.ServicePage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="problem_reports",
    )
    what_is_wrong = models.TextField(_("what is wrong"), max_length=2000)
    contact_email = models.EmailField(_("email (optional)"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProblemReportStatus.choices,
        default=ProblemReportStatus.OPEN,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("problem report")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.service or self.organisation}: {self.what_is_wrong[:60]}"
