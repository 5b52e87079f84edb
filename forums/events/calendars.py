"""Calendars (RFC 5545): one event, a forum's events, every forum's events, a person's events.

UIDs are stable (they name the page, never its title or time), SEQUENCE comes from
`EventCalendarState` and goes up on every published change, cancelled events say
STATUS:CANCELLED. The joining link never goes into a calendar: calendars are forwarded,
synced and shared, and the link is for registered attendees only.
"""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags

import icalendar

from core.page_urls import page_absolute_url
from forums.models import EventCalendarState, EventStatus

PRODID = "-//Common Ground//Regional forums//EN"
# Feeds carry events that ended up to this long ago (calendar apps keep what they fetched).
FEED_HISTORY = datetime.timedelta(days=180)


def event_uid(event):
    host = getattr(settings, "CALENDAR_UID_DOMAIN", "common-ground")
    return f"event-{event.pk}@{host}"


def sequence_of(event):
    try:
        return event.calendar_state.sequence
    except EventCalendarState.DoesNotExist:
        return 0


def _location(event):
    parts = []
    if event.is_in_person:
        parts.extend(
            part for part in [event.venue_name, event.venue_address.replace("\n", ", ")] if part
        )
    if event.is_online:
        parts.append("Online (joining link sent to registered attendees)")
    return ", ".join(parts)


def _vevent(event, url, now):
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", now)
    vevent.add("dtstart", event.start.astimezone(datetime.UTC))
    vevent.add("dtend", event.end.astimezone(datetime.UTC))
    vevent.add("summary", event.title)
    description = event.summary
    if event.status != EventStatus.SCHEDULED and event.status_reason:
        description = f"{event.get_status_display()}: {event.status_reason}\n\n{description}"
    vevent.add("description", f"{description}\n\n{url}" if url else description)
    location = _location(event)
    if location:
        vevent.add("location", location)
    if url:
        vevent.add("url", url)
    vevent.add("sequence", sequence_of(event))
    vevent.add(
        "status",
        {
            EventStatus.SCHEDULED: "CONFIRMED",
            EventStatus.POSTPONED: "TENTATIVE",
            EventStatus.CANCELLED: "CANCELLED",
        }[EventStatus(event.status)],
    )
    if event.last_published_at:
        vevent.add("last-modified", event.last_published_at.astimezone(datetime.UTC))
    return vevent


def build_calendar(events, name, url_for=None, now=None):
    """An iCalendar (bytes) holding `events`; `url_for(event)` gives each event's page URL."""
    now = (now or timezone.now()).astimezone(datetime.UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", strip_tags(name))
    for event in events:
        calendar.add_component(_vevent(event, url_for(event) if url_for else "", now))
    return calendar.to_ical()


def feed_events(queryset, now=None):
    """Live events of a feed, recent and upcoming, with their calendar state in one query."""
    now = now or timezone.now()
    return (
        queryset.live()
        .filter(end__gte=now - FEED_HISTORY)
        .select_related("calendar_state")
        .order_by("start")
    )


def event_ics(event):
    """One event's calendar; its link is on the configured root URL (feeds and emails are
    read far from any request)."""
    return build_calendar([event], event.title, page_absolute_url)
