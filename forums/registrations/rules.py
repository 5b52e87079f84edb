"""Who gets a place at an event: registering, the waiting list, cancelling and promotion.

Capacity is never exceeded, even when many people register at once: every change to who
holds a place happens in a transaction that first locks the event's row, so registrations
for one event are decided one at a time (PostgreSQL; SQLite serialises all writes anyway).
"""

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.emails import send_templated_email
from core.page_cache import pages_changed
from core.page_urls import absolute_url, localized_page_absolute_url
from core.text import parse_id
from directory.permissions import organisations_acting_for
from forums.events.calendars import event_ics
from forums.models import EventPage, EventRegistration, RegistrationState, RegistrationStatus

_CANCEL_SALT = "forums.cancel-registration"


class RegistrationError(Exception):
    """Why a registration cannot be made, in words for the person registering."""


def places_taken(event):
    return event.registrations.holding_a_place().count()


def places_left(event):
    """None when places are unlimited."""
    if not event.capacity:
        return None
    return max(event.capacity - places_taken(event), 0)


def _lock(event):
    """Lock the event's row until the transaction ends; registrations queue behind it."""
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event.pk)


def _has_room(event):
    return not event.capacity or places_taken(event) < event.capacity


def _check_open(event, now):
    state = event.registration_state(now)
    if state == RegistrationState.NOT_YET:
        raise RegistrationError(_("Registration has not opened yet."))
    if state == RegistrationState.CLOSED:
        raise RegistrationError(_("Registration has closed."))
    if state == RegistrationState.UNAVAILABLE:
        raise RegistrationError(_("This event is not taking registrations."))


def register_for_event(
    event,
    user,
    organisation=None,
    access_needs="",
    now=None,
    *,
    unlisted_organisation_name="",
    organisation_claimed=False,
):
    """Give `user` a place, or a place on the waiting list when the event is full.

    Registering twice returns the existing registration (a double-submitted form makes one).
    `organisation_claimed`: the organisation is the one a guest named (forums.registrations.
    guests), taken at their word; otherwise it must be one `user` acts for here.
    `unlisted_organisation_name`: the organisation they named that is not in the directory.
    """
    _check_open(event, now or timezone.now())
    if (
        organisation is not None
        and not organisation_claimed
        and not organisations_acting_for(user).filter(pk=organisation.pk).exists()
    ):
        raise RegistrationError(_("You can only register for an organisation you belong to."))
    try:
        with transaction.atomic():
            event = _lock(event)
            existing = event.registrations.active().filter(user=user).first()
            if existing is not None:
                return existing
            registration = EventRegistration.objects.create(
                event=event,
                user=user,
                organisation=organisation,
                unlisted_organisation_name="" if organisation else unlisted_organisation_name,
                access_needs=access_needs.strip(),
                # Stamped once the lock is held, so the waiting list's order is the order
                # in which places were decided.
                created_at=now or timezone.now(),
                status=RegistrationStatus.REGISTERED
                if _has_room(event)
                else RegistrationStatus.WAITLISTED,
            )
            if registration.status == RegistrationStatus.REGISTERED:
                send_place_confirmed(registration, "forums/emails/registered")
            else:
                send_waitlisted(registration)
            return registration
    except IntegrityError:
        # The same person registering twice at the same moment: the other one won.
        return event.registrations.active().get(user=user)


def cancel_registration(registration, now=None):
    """Give up a place (or a place in the queue); the first person waiting gets it."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock(registration.event)
        registration = EventRegistration.objects.get(pk=registration.pk)
        if not registration.is_active:
            return registration
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        promote_from_waitlist(event, now=now, locked=True)
        return registration


def promote_from_waitlist(event, now=None, locked=False):
    """Fill free places from the waiting list, earliest first; each person promoted is
    emailed once. Returns the promoted registrations."""
    now = now or timezone.now()
    if not locked:
        with transaction.atomic():
            return promote_from_waitlist(_lock(event), now=now, locked=True)
    if event.registration_state(now) == RegistrationState.UNAVAILABLE or event.is_past(now):
        return []
    promoted = []
    free = None if not event.capacity else event.capacity - places_taken(event)
    waiting = event.registrations.waitlisted().select_related("user", "event")
    if free is not None:
        waiting = waiting[: max(free, 0)]
    for registration in waiting:
        registration.status = RegistrationStatus.REGISTERED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        send_place_confirmed(registration, "forums/emails/promoted")
        promoted.append(registration)
    return promoted


# What an event's forum managers do (forums/registrations/manager_actions.py)


class PromotionError(Exception):
    """Why a person cannot be promoted from the waiting list, in words for the manager."""


class CancellationError(Exception):
    """Why a manager cannot cancel a registration, in words for the manager."""


def _add_a_place(event):
    """One more place at `event` (locked): on the live page and in its latest revision (the
    one the editor opens), so publishing the page again does not take the place away."""
    EventPage.objects.filter(pk=event.pk).update(capacity=F("capacity") + 1)
    pages_changed([event])
    event.capacity += 1
    revision = event.latest_revision
    if revision is not None and revision.content.get("capacity"):
        revision.content["capacity"] += 1
        revision.save(update_fields=["content"])


def promote_registration(registration, now=None):
    """Give a named person on the waiting list a place, ahead of the queue, and email them.

    When no place is free (the usual case: freed places go to the waiting list at once) the
    event gains one, so the places taken never exceed the places offered. Returns
    (registration, whether a place was added)."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock(registration.event)
        registration = EventRegistration.objects.select_related("user").get(pk=registration.pk)
        if registration.status != RegistrationStatus.WAITLISTED:
            raise PromotionError(_("This person is no longer on the waiting list."))
        if event.is_past(now):
            raise PromotionError(_("The event has finished."))
        if event.registration_state(now) == RegistrationState.UNAVAILABLE:
            raise PromotionError(_("The event is postponed or cancelled."))
        added_a_place = not _has_room(event)
        if added_a_place:
            _add_a_place(event)
        registration.status = RegistrationStatus.REGISTERED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        registration.event = event
        send_place_confirmed(registration, "forums/emails/promoted")
        return registration, added_a_place


def cancel_registration_by_manager(registration, reason="", now=None):
    """A forum manager cancels someone's registration (or place in the queue): the person
    is emailed, with the reason if one is given, and the first person waiting gets a freed
    place. Returns (registration, the registrations promoted)."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock(registration.event)
        registration = EventRegistration.objects.select_related("user").get(pk=registration.pk)
        if not registration.is_active:
            raise CancellationError(_("This registration is already cancelled."))
        if event.is_past(now):
            raise CancellationError(_("The event has finished: record attendance instead."))
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        registration.event = event
        send_templated_email(
            [registration.user],
            "forums/emails/cancelled_by_organisers",
            {"registration": registration, "event": event, "reason": reason.strip()},
            context_for=lambda _language: {"event_url": event_url(event)},
        )
        return registration, promote_from_waitlist(event, now=now, locked=True)


def record_attendance(event, attended_ids):
    """Mark who came: people holding a place are 'attended' if their id is in
    `attended_ids`, otherwise back to 'registered'. Returns the number who attended."""
    attended_ids = {pk for pk in map(parse_id, attended_ids) if pk is not None}
    with transaction.atomic():
        _lock(event)
        places = event.registrations.holding_a_place()
        places.filter(pk__in=attended_ids).update(status=RegistrationStatus.ATTENDED)
        places.exclude(pk__in=attended_ids).update(status=RegistrationStatus.REGISTERED)
        return event.registrations.filter(status=RegistrationStatus.ATTENDED).count()


# Links in emails


def cancel_token(registration):
    return signing.dumps({"r": registration.pk}, salt=_CANCEL_SALT)


def registration_for_token(token):
    """The registration a cancel link names, or None (forged or unknown)."""
    try:
        data = signing.loads(token, salt=_CANCEL_SALT)
    except signing.BadSignature:
        return None
    return (
        EventRegistration.objects.select_related("event", "user").filter(pk=data.get("r")).first()
    )


def cancel_url(registration):
    path = reverse("forums_cancel_from_email", args=[cancel_token(registration)])
    return absolute_url(path)


def event_url(event):
    """The event's page in the active language: its translation where there is one."""
    return localized_page_absolute_url(event)


def _links(registration):
    """`context_for` an email about `registration`: its links in the reader's language."""

    def links(_language):
        return {
            "event_url": event_url(registration.event),
            "cancel_url": cancel_url(registration),
        }

    return links


def send_registration_email(registration, template, attachments=None):
    """Email the person registered about their registration, in their language, with the
    event's page and their own cancel link."""
    send_templated_email(
        [registration.user],
        template,
        {"registration": registration, "event": registration.event},
        attachments=attachments,
        context_for=_links(registration),
    )


def send_place_confirmed(registration, template):
    event = registration.event
    send_registration_email(
        registration,
        template,
        attachments=[(f"{event.slug}.ics", event_ics(event).decode(), "text/calendar")],
    )


def send_waitlisted(registration):
    send_registration_email(registration, "forums/emails/waitlisted")


# What the event page shows


def registration_state(event, now=None):
    """Whether `event` takes registrations now: a `RegistrationState`."""
    return event.registration_state(now)


def registration_context(event, request, form=None):
    """The registration part of the event page for this visitor: what they hold, whether they
    may register now, and flags for the template (which never compares states as strings).
    `form` is a registration form that failed validation; the page makes a blank one when
    `may_register` and there is none."""
    user = request.user
    registration = None
    if user.is_authenticated:
        registration = event.registrations.active().filter(user=user).first()
    is_waitlisted = registration is not None and registration.is_waitlisted
    holds_a_place = registration is not None and not is_waitlisted
    state = registration_state(event)
    left = places_left(event)
    return {
        "registration": registration,
        "registration_state": state,
        "registration_open": state == RegistrationState.OPEN,
        "registration_not_yet_open": state == RegistrationState.NOT_YET,
        "registration_closed": state == RegistrationState.CLOSED,
        "registration_unavailable": state == RegistrationState.UNAVAILABLE,
        "may_register": (
            user.is_authenticated and registration is None and state == RegistrationState.OPEN
        ),
        "is_waitlisted": is_waitlisted,
        "holds_a_place": holds_a_place,
        "places_left": left,
        "is_full": left == 0,
        "registration_form": form,
        "show_joining_link": holds_a_place and event.joining_link_visible(),
        "joining_link_later": holds_a_place and event.is_online and not event.is_past(),
        "calendar_url": reverse("forums_event_calendar", args=[event.pk]),
        "register_url": reverse("forums_register", args=[event.pk]),
        # People without an account register with their email address (guests.py).
        "may_register_as_guest": (not user.is_authenticated and state == RegistrationState.OPEN),
        "guest_register_url": reverse("forums_guest_register", args=[event.pk]),
        "account_cancel_url": reverse("forums_cancel_registration", args=[registration.pk])
        if registration
        else None,
    }
