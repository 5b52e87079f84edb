"""The account page's "My events" section and the private calendar address.

The account page is assembled from sections each app registers; `events_for_account`
gives this section's context and `templates/forums/includes/account_events.html` shows it.
"""

from django.urls import reverse
from django.utils import timezone

from forums.models import ACTIVE, CalendarFeedToken, EventRegistration
from forums.models.records import new_feed_token


def feed_token(user):
    token, _created = CalendarFeedToken.objects.get_or_create(user=user)
    return token


def replace_feed_token(user):
    """A new secret address for the person's calendar; the old one stops working."""
    token = feed_token(user)
    token.token = new_feed_token()
    token.created_at = timezone.now()
    token.save(update_fields=["token", "created_at"])
    return token


def events_for_account(user, now=None):
    now = now or timezone.now()
    registrations = list(
        EventRegistration.objects.filter(user=user)
        .select_related("event", "organisation")
        .order_by("event__start")
    )
    upcoming = [
        r for r in registrations if r.event.end >= now and r.status in ACTIVE and r.event.live
    ]
    past = [r for r in registrations if r.event.end < now and r.status != "cancelled"]
    past.reverse()
    token = feed_token(user).token
    for registration in upcoming:
        registration.cancel_url = reverse("forums_cancel_registration", args=[registration.pk])
    return {
        "upcoming_registrations": upcoming,
        "past_registrations": past,
        "calendar_feed_path": reverse("forums_my_calendar", args=[token]),
        "calendar_feed_token": token,
        "reset_calendar_url": reverse("forums_reset_my_calendar"),
    }


def responses_for_account(user, now=None):
    """The consultations this person has answered or started to, newest first, with a link
    to carry on or change the answers while the consultation is open."""
    from forums.models import ConsultationResponse, ConsultationState

    now = now or timezone.now()
    responses = list(
        ConsultationResponse.objects.filter(user=user)
        .select_related("consultation", "organisation")
        .order_by("-updated_on", "-pk")
    )
    for response in responses:
        response.consultation_open = response.consultation.state(now) == ConsultationState.OPEN
        response.respond_url = reverse(
            "forums_consultation_respond", args=[response.consultation_id]
        )
    return {"consultation_responses": responses}
