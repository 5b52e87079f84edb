"""Plain records about forums and events (no revisions): registrations, memberships, the
calendar state of each event, feedback survey invitations and the private calendar feeds."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended")


# Registrations that hold a place at the event.
HOLDS_A_PLACE = [RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED]
# Registrations that are still "on": a person may have only one of these per event.
ACTIVE = [*HOLDS_A_PLACE, RegistrationStatus.WAITLISTED]


class EventRegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE)

    def holding_a_place(self):
        return self.filter(status__in=HOLDS_A_PLACE)

    def waitlisted(self):
        return self.filter(status=RegistrationStatus.WAITLISTED).order_by("created_at", "pk")


class EventRegistration(models.Model):
    """A person's place (or place in the queue) at an event, for an organisation or
    themselves. Access needs are health data: shown only to the event's forum managers and
    deleted 30 days after the event."""

    event = models.ForeignKey(
        "forums.EventPage", on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    organisation = models.ForeignKey(
        "directory.OrganisationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
        help_text=_("Empty: the person comes as an individual."),
    )
    # The organisation the person named when it is not in the directory: the reach report
    # counts them as "not listed" and invites the organisation to list.
    unlisted_organisation_name = models.CharField(
        _("organisation (not listed)"), max_length=200, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.REGISTERED,
    )
    access_needs = models.TextField(_("access needs"), blank=True, max_length=1000)
    access_needs_deleted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    objects = EventRegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("event registration")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(status__in=ACTIVE),
                name="one_active_registration_per_person",
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.event} ({self.get_status_display()})"

    @property
    def is_active(self):
        return self.status in ACTIVE

    @property
    def is_waitlisted(self):
        return self.status == RegistrationStatus.WAITLISTED

    @property
    def has_attended(self):
        return self.status == RegistrationStatus.ATTENDED


class ForumMembership(models.Model):
    """An organisation belongs to a regional forum (it may belong to several)."""

    forum = models.ForeignKey(
        "forums.RegionalForumPage", on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        "directory.OrganisationPage", on_delete=models.CASCADE, related_name="forum_memberships"
    )
    joined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("forum membership")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "organisation"], name="one_membership_per_forum"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.forum}"


class EventCalendarState(models.Model):
    """What calendars and change emails need to remember about an event, outside its
    revisions (publishing an old revision must never lower SEQUENCE)."""

    event = models.OneToOneField(
        "forums.EventPage", on_delete=models.CASCADE, related_name="calendar_state"
    )
    sequence = models.PositiveIntegerField(default=0)
    # The schedule as last published, to tell what changed on the next publish.
    published_start = models.DateTimeField(null=True, blank=True)
    published_end = models.DateTimeField(null=True, blank=True)
    published_status = models.CharField(max_length=10, blank=True)
    outcomes_emailed_at = models.DateTimeField(null=True, blank=True)
    last_nagged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("event calendar state")


class FeedbackInvitation(models.Model):
    """An attendee was emailed a link to their event's feedback survey. One per person and
    survey: recorded before the email is sent, so a second run cannot send it again."""

    survey = models.ForeignKey(
        "forums.ConsultationPage", on_delete=models.CASCADE, related_name="feedback_invitations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_invitations"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("feedback survey invitation")
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="one_feedback_invitation")
        ]

    def __str__(self):
        return f"{self.user} – {self.survey}"


def new_feed_token():
    return secrets.token_urlsafe(24)


class CalendarFeedToken(models.Model):
    """The secret in a person's private "my events" calendar URL; replacing it revokes the
    old URL."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed_token"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed token")
