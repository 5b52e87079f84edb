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

    @property
    def is_owner(self):
        return self.role == MembershipRole.OWNER


class DecidedRecord(models.Model):
    """Who decided, and when: every record moderators decide on carries it."""

    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


class ProblemReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")
    DISMISSED = "dismissed", _("Dismissed")


class ListingProblemReport(DecidedRecord):
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
    decision_note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("problem report")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.service or self.organisation}: {self.what_is_wrong[:60]}"

    @property
    def is_open(self):
        return self.status == ProblemReportStatus.OPEN

    @property
    def is_resolved(self):
        return self.status == ProblemReportStatus.RESOLVED


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Decision(DecidedRecord):
    """A request moderators approve or reject (a listing, a claim), with their reason."""

    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    decision_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        abstract = True

    @property
    def is_pending(self):
        return self.status == ReviewStatus.PENDING

    @property
    def is_approved(self):
        return self.status == ReviewStatus.APPROVED

    @property
    def is_rejected(self):
        return self.status == ReviewStatus.REJECTED


class SubmissionKind(models.TextChoices):
    NEW_LISTING = "new", _("New listing")
    CHANGES = "changes", _("Changes to a listing")


class ListingSubmission(Decision):
    """Page revisions an owner or editor sent for moderation, reviewed as one unit.

    The public pages keep showing the last approved version until a moderator approves;
    approving publishes every revision in `revisions`.
    """

    organisation = models.ForeignKey(
        "directory.OrganisationPage", on_delete=models.CASCADE, related_name="submissions"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=SubmissionKind.choices)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="listing_submissions",
    )
    revisions = models.ManyToManyField("wagtailcore.Revision", related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("listing submission")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(status="pending"),
                name="one_pending_submission_per_organisation",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.organisation}"

    @property
    def is_new_listing(self):
        return self.kind == SubmissionKind.NEW_LISTING


class ListingClaim(Decision):
    """Someone says an unclaimed listing is theirs to look after."""

    organisation = models.ForeignKey(
        "directory.OrganisationPage", on_delete=models.CASCADE, related_name="claims"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="listing_claims"
    )
    role_explanation = models.TextField(_("your role in the organisation"), max_length=1000)
    email_domain_matches = models.BooleanField(
        _("email domain matches the website"),
        default=False,
        help_text=_("The claimant's verified email address is on the organisation's domain."),
    )
    evidence = models.CharField(_("evidence"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("listing claim")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=models.Q(status="pending"),
                name="one_pending_claim_per_person_and_organisation",
            )
        ]

    def __str__(self):
        return f"{self.user} claims {self.organisation}"


class Invitation(models.Model):
    """An owner asks a colleague to help look after a listing; the link works once."""

    organisation = models.ForeignKey(
        "directory.OrganisationPage", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(
        _("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.EDITOR
    )
    # Only a hash of the token is stored: the link in the email is the only copy.
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="invitations_sent",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations_accepted",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} to {self.organisation}"


class ListingDraft(models.Model):
    """Answers to the create-a-listing steps, kept between steps and visits."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="listing_draft"
    )
    answers = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("listing in progress")
        verbose_name_plural = _("listings in progress")

    def __str__(self):
        return f"Listing in progress by {self.user}"
