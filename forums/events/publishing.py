"""What happens when an event is published: calendars learn of the change (SEQUENCE), people
registered or waiting hear of a postponement or cancellation, freed places go to the waiting
list, and attendees hear when the outcomes are published (with a link to the event's feedback
survey, if one is open)."""

from django.db import transaction
from django.utils import timezone

from core.emails import send_templated_email
from core.page_urls import localized_page_absolute_url
from forums.feedback.rules import event_outcomes_published
from forums.models import ACTIVE, HOLDS_A_PLACE, EventCalendarState, EventStatus
from forums.registrations.rules import promote_from_waitlist, send_registration_email


def event_published(event, now=None):
    now = now or timezone.now()
    with transaction.atomic():
        state, created = EventCalendarState.objects.select_for_update().get_or_create(event=event)
        first_publish = created or not state.published_status
        schedule_changed = not first_publish and (
            state.published_start != event.start
            or state.published_end != event.end
            or state.published_status != event.status
        )
        if not first_publish:
            # Any published change may matter to a calendar (time, place, title, status).
            state.sequence += 1
        status_changed = not first_publish and state.published_status != event.status
        if status_changed and event.status in (EventStatus.POSTPONED, EventStatus.CANCELLED):
            notify_change(event, "forums/emails/status_changed")
        elif schedule_changed and event.status == EventStatus.SCHEDULED:
            notify_change(event, "forums/emails/rescheduled")
        state.published_start = event.start
        state.published_end = event.end
        state.published_status = event.status
        if event.closed and event.minutes and state.outcomes_emailed_at is None:
            notify_outcomes(event)
            state.outcomes_emailed_at = now
        state.save()
        if state.outcomes_emailed_at is not None:
            # Attendees not yet invited to an open feedback survey are invited now (once).
            event_outcomes_published(event, now)
    if event.status == EventStatus.SCHEDULED:
        promote_from_waitlist(event, now=now)


def notify_change(event, template):
    """Email everyone registered or waiting about a change (each their own cancel link)."""
    for registration in event.registrations.filter(status__in=ACTIVE).select_related("user"):
        registration.event = event
        send_registration_email(registration, template)


def notify_outcomes(event):
    """Tell each attendee, in their language, that the outcomes are published."""
    attendees = event.registrations.filter(status__in=HOLDS_A_PLACE).select_related("user")
    for registration in attendees:
        send_templated_email(
            [registration.user],
            "forums/emails/outcomes",
            {"event": event},
            context_for=lambda _language: {"event_url": localized_page_absolute_url(event)},
        )
