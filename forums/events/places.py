"""Places in event lists: how many are left, and whether to say "Full — join the waiting
list", for a whole list of events in one query (never one per event)."""

from django.db.models import Count
from django.utils import timezone

from forums.models import HOLDS_A_PLACE, EventRegistration, RegistrationState


def places_taken_by_event(events):
    """{event id: number of places taken} for `events`, in one query."""
    ids = [event.pk for event in events]
    if not ids:
        return {}
    rows = (
        EventRegistration.objects.filter(event_id__in=ids, status__in=HOLDS_A_PLACE)
        .values("event_id")
        .annotate(taken=Count("pk"))
        .order_by()
    )
    return {row["event_id"]: row["taken"] for row in rows}


def is_full(event, taken):
    """Whether an event with limited places has none left (capacity 0 means unlimited)."""
    return bool(event.capacity) and taken >= event.capacity


def shows_waiting_list(event, taken, now=None):
    """Whether a list says "Full — join the waiting list": no places left while people can
    still register (and so join the waiting list)."""
    return is_full(event, taken) and event.registration_state(now) == RegistrationState.OPEN


def with_places(events, now=None):
    """`events` as a list, each with `places_taken`, `places_left` (None when unlimited),
    `is_full` and `shows_waiting_list` set: what lists of events show."""
    events = list(events)
    now = now or timezone.now()
    taken_by_event = places_taken_by_event(events)
    for event in events:
        taken = taken_by_event.get(event.pk, 0)
        event.places_taken = taken
        event.places_left = max(event.capacity - taken, 0) if event.capacity else None
        event.is_full = is_full(event, taken)
        event.shows_waiting_list = shows_waiting_list(event, taken, now)
    return events
