"""Records of two-way engagement (no revisions): what members choose to hear about, what a
forum has announced, who its managers invited from the outreach list, the messages they sent
to an event's registrants, and registrations from people without an account."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NoticeTopic(models.TextChoices):
    """What a member can choose to hear about from a forum."""

    EVENTS = "events", _("New events")
    CONSULTATIONS = "consultations", _("New consultations")
    NEWS = "news", _("News")
    OUTCOMES = "outcomes", _("Outcomes of events and consultations")


class NoticeFrequency(models.TextChoices):
    AS_IT_HAPPENS = "as_it_happens", _("As it happens")
    WEEKLY = "weekly", _("A weekly digest")


def every_topic():
    return [topic.value for topic in NoticeTopic]


class ForumSubscription(models.Model):
    """What one person hears about from one forum, and how often. No row, or no topics:
    nothing is sent."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_subscriptions"
    )
    forum = models.ForeignKey(
        "forums.RegionalForumPage", on_delete=models.CASCADE, related_name="subscriptions"
    )
    topics = models.JSONField(_("topics"), default=every_topic, blank=True)
    frequency = models.CharField(
        _("how often"),
        max_length=20,
        choices=NoticeFrequency.choices,
        default=NoticeFrequency.AS_IT_HAPPENS,
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # The end of the period the last weekly digest covered.
    digest_sent_up_to = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("forum subscription")
        constraints = [
            models.UniqueConstraint(fields=["user", "forum"], name="one_subscription_per_forum")
        ]

    def __str__(self):
        return f"{self.user} – {self.forum}"


class ForumNotice(models.Model):
    """A forum announced something (an event, consultation, news item or outcome) on first
    publishing it. One per page and topic: recorded before anything is sent, so publishing
    again announces nothing."""

    forum = models.ForeignKey(
        "forums.RegionalForumPage", on_delete=models.CASCADE, related_name="notices"
    )
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    topic = models.CharField(max_length=20, choices=NoticeTopic.choices)
    published_at = models.DateTimeField(default=timezone.now, db_index=True)
    # When the "as it happens" emails went (None: not yet).
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("forum notice")
        ordering = ["published_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["page", "topic"], name="one_notice_per_page_and_topic")
        ]

    def __str__(self):
        return f"{self.get_topic_display()}: {self.page}"


class OutreachInvitation(models.Model):
    """A forum manager invited an organisation from the outreach list to an event or
    consultation. One per organisation and item: an organisation is never invited to the
    same thing twice."""

    forum = models.ForeignKey(
        "forums.RegionalForumPage", on_delete=models.CASCADE, related_name="outreach_invitations"
    )
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "directory.OrganisationPage", on_delete=models.CASCADE, related_name="outreach_invitations"
    )
    sent_to = models.JSONField(_("sent to"), default=list)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("outreach invitation")
        ordering = ["-sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "organisation"], name="one_invitation_per_organisation_and_item"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.page}"


class MessageAudience(models.TextChoices):
    REGISTERED = "registered", _("Everyone with a place")
    WAITLISTED = "waitlisted", _("Everyone on the waiting list")
    EVERYONE = "everyone", _("Everyone registered or waiting")


class EventMessage(models.Model):
    """A message a forum manager sent to an event's registrants (kept as a record)."""

    event = models.ForeignKey("forums.EventPage", on_delete=models.CASCADE, related_name="messages")
    audience = models.CharField(_("send to"), max_length=20, choices=MessageAudience.choices)
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"), max_length=5000)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    recipient_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("message to registrants")
        ordering = ["-sent_at", "pk"]

    def __str__(self):
        return self.subject


def new_guest_token():
    return secrets.token_urlsafe(32)


class GuestRegistration(models.Model):
    """Someone without an account asked for a place; nothing is held until they follow the
    link emailed to them, which registers them (see forums/registrations/guests.py)."""

    event = models.ForeignKey(
        "forums.EventPage", on_delete=models.CASCADE, related_name="guest_requests"
    )
    name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("email address"))
    organisation = models.ForeignKey(
        "directory.OrganisationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The organisation they named when it is not in the directory ("" for an individual).
    unlisted_organisation_name = models.CharField(max_length=200, blank=True)
    access_needs = models.TextField(blank=True, max_length=1000)
    token = models.CharField(max_length=64, unique=True, default=new_guest_token)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    registration = models.OneToOneField(
        "forums.EventRegistration",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guest_request",
    )

    class Meta:
        verbose_name = _("guest registration")

    def __str__(self):
        return f"{self.email} – {self.event}"
