"""A practitioner's shortlist of services, kept on their account, and read-only share links.

Without an account the list lives in the session instead (`directory/shortlist/stores.py`);
nothing about the person being helped is stored, only the practitioner's own notes. Both
records go with the account (on_delete=CASCADE).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The longest private note on one shortlisted service.
SHORTLIST_NOTE_MAX_LENGTH = 500


class ShortlistItem(models.Model):
    """One service on a signed-in person's shortlist, in their order, with their note."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shortlist_items"
    )
    service = models.ForeignKey("directory.ServicePage", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(_("position"), default=0)
    note = models.TextField(_("note"), max_length=SHORTLIST_NOTE_MAX_LENGTH, blank=True)
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("shortlisted service")
        verbose_name_plural = _("shortlisted services")
        ordering = ["position", "pk"]
        constraints = [
            # A double-submitted "Add to shortlist" adds the service once.
            models.UniqueConstraint(fields=["user", "service"], name="unique_shortlist_service")
        ]

    def __str__(self):
        return f"{self.service_id} on {self.user_id}'s shortlist"


class ShortlistShare(models.Model):
    """A read-only link to a shortlist as it was when the link was made (which services, in
    which order; never the notes). Each service's details are read when the link is opened,
    so they are current. The link stops working at `expires_at`."""

    token = models.CharField(max_length=64, unique=True, editable=False)
    # Who made it, when signed in (their links go with their account); None from a session.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="shortlist_shares",
    )
    service_ids = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("shared shortlist")
        verbose_name_plural = _("shared shortlists")

    def __str__(self):
        return f"Shared shortlist of {len(self.service_ids)} services"

    def has_expired(self, now=None):
        return (now or timezone.now()) >= self.expires_at
