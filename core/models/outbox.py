"""The outbox: every email the site sends, stored in the transaction of the action that sends
it, before anything goes to the mail server (core/emails.py queues and delivers them).

A row's `idempotency_key` is unique, so queuing the same message twice stores and sends it
once; its delivery is claimed with a conditional UPDATE (a lease that ends at `due_at`), so
two workers never send the same row, and a worker that died mid-send leaves a lease that
expires and the row is tried again."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutgoingEmailQuerySet(models.QuerySet):
    def due(self, now=None):
        """Rows a worker may claim now: queued ones whose time has come, and ones whose
        sender's lease has run out (the worker died or hung mid-send)."""
        return self.filter(
            status__in=[OutgoingEmailStatus.QUEUED, OutgoingEmailStatus.SENDING],
            due_at__lte=now or timezone.now(),
        )


class OutgoingEmail(models.Model):
    idempotency_key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    to = models.JSONField(_("to"), default=list)
    subject = models.TextField(_("subject"))
    text = models.TextField(_("plain text"))
    html = models.TextField(_("HTML"), blank=True)
    # [[filename, text content, MIME type], ...]
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OutgoingEmailStatus.choices,
        default=OutgoingEmailStatus.QUEUED,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # Queued: when it may next be tried (now, or a retry's time). Sending: when the sender's
    # lease runs out and another worker may take it over.
    due_at = models.DateTimeField(_("due at"), default=timezone.now)
    # Who holds the lease: set by each claim, so a worker updates only the rows it claimed.
    claim = models.UUIDField(_("claim"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["due_at"],
                name="outgoing_email_due",
                condition=Q(status__in=["queued", "sending"]),
            ),
            models.Index(fields=["status", "created_at"], name="outgoing_email_status_age"),
        ]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)} ({self.get_status_display()})"
