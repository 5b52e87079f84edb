"""Jobs that run on a schedule (management commands, from cron or a systemd timer). Each
is idempotent: running it twice with the same clock does the work once."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from core.emails import send_templated_email
from core.page_urls import absolute_url
from core.progress import Progress
from forums.feedback.rules import invite_to_feedback
from forums.models import (
    ConsultationPage,
    EventCalendarState,
    EventPage,
    EventRegistration,
    EventStatus,
    RegistrationStatus,
)
from forums.registrations.rules import send_registration_email
from forums.roles import forum_managers_group_name

REMINDER_HOURS = 24
NAG_EVERY = datetime.timedelta(days=7)
NAG_FOR = datetime.timedelta(days=90)
ACCESS_NEEDS_KEPT_FOR = datetime.timedelta(days=30)


def send_event_reminders(now, hours=REMINDER_HOURS, progress=None):
    """Remind registered attendees of events starting within `hours`, once each. `progress`
    (a core.progress.Progress, optional) is told the number due and each one looked at."""
    due = list(
        EventRegistration.objects.filter(
            status=RegistrationStatus.REGISTERED,
            reminded_at__isnull=True,
            event__live=True,
            event__status=EventStatus.SCHEDULED,
            event__start__gt=now,
            event__start__lte=now + datetime.timedelta(hours=hours),
        )
        .select_related("event", "user")
        .order_by("pk")
    )
    progress = progress or Progress.silent()
    progress.total = len(due)
    sent = 0
    for registration in due:
        progress.advance()
        with transaction.atomic():
            # Claim the reminder first, so a second run at the same time cannot send it too.
            claimed = EventRegistration.objects.filter(
                pk=registration.pk, reminded_at__isnull=True
            ).update(reminded_at=now)
            if not claimed:
                continue
            send_registration_email(registration, "forums/emails/reminder")
            sent += 1
    return sent


def forum_managers(forum):
    return get_user_model().objects.filter(
        is_active=True, groups__name=forum_managers_group_name(forum)
    )


def nag_about_unclosed_events(now):
    """Remind a forum's managers, weekly, of past events they have not closed."""
    events = (
        EventPage.objects.live()
        .filter(
            closed=False,
            status=EventStatus.SCHEDULED,
            end__lt=now,
            end__gte=now - NAG_FOR,
        )
        .order_by("end")
    )
    sent = 0
    for event in events:
        with transaction.atomic():
            state, _created = EventCalendarState.objects.select_for_update().get_or_create(
                event=event
            )
            if state.last_nagged_at and state.last_nagged_at > now - NAG_EVERY:
                continue
            state.last_nagged_at = now
            state.save(update_fields=["last_nagged_at"])
            forum = event.get_parent().specific
            recipients = list(forum_managers(forum))
            manage_url = absolute_url(reverse("forum_records:registrations", args=[event.pk]))
            send_templated_email(
                recipients, "forums/emails/nag", {"event": event, "manage_url": manage_url}
            )
            sent += 1
    return sent


def send_feedback_invitations(now, progress=None):
    """Invite attendees to feedback surveys that are open now, for events whose outcomes are
    published: this catches surveys that open after the outcomes were published. Each
    attendee is emailed once per survey. `progress` (a core.progress.Progress, optional) is
    told the number of surveys and each one done. Returns the number emailed."""
    surveys = list(
        ConsultationPage.objects.live()
        .filter(
            feedback_for_event__isnull=False,
            feedback_for_event__calendar_state__outcomes_emailed_at__isnull=False,
            opens_at__lte=now,
            closes_at__gt=now,
        )
        .select_related("feedback_for_event")
        .order_by("pk")
    )
    progress = progress or Progress.silent()
    progress.total = len(surveys)
    emailed = 0
    for survey in surveys:
        emailed += invite_to_feedback(survey, now)
        progress.advance()
    return emailed


def delete_old_access_needs(now):
    """Access needs are health data: delete them 30 days after the event ends."""
    return (
        EventRegistration.objects.filter(
            event__end__lt=now - ACCESS_NEEDS_KEPT_FOR,
        )
        .exclude(access_needs="")
        .update(access_needs="", access_needs_deleted_at=now)
    )
