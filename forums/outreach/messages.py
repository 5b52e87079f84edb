"""Messages from a forum's managers to the people registered for one of its events: everyone
with a place, the waiting list, or both. One email per person, in their own language, and a
record of each message (who sent what to how many people)."""

import datetime

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.emails import current_language, render_email, send_templated_email
from core.page_urls import localized_page_absolute_url, site_root_url
from forums.models import (
    ACTIVE,
    HOLDS_A_PLACE,
    EventMessage,
    MessageAudience,
    RegistrationStatus,
)
from forums.outreach.rules import OutreachRefused, reply_address

MESSAGE_EMAIL = "forums/emails/event_message"

AUDIENCE_STATUSES = {
    MessageAudience.REGISTERED: HOLDS_A_PLACE,
    MessageAudience.WAITLISTED: [RegistrationStatus.WAITLISTED],
    MessageAudience.EVERYONE: ACTIVE,
}


def message_recipients(event, audience):
    """The registrations `audience` reaches, in the order people registered."""
    return (
        event.registrations.filter(status__in=AUDIENCE_STATUSES[audience])
        .select_related("user")
        .order_by("created_at", "pk")
    )


def audience_sizes(event):
    """{audience: how many people it reaches}, in one query."""
    counts = event.registrations.aggregate(
        **{
            audience.value: Count("pk", filter=Q(status__in=statuses))
            for audience, statuses in AUDIENCE_STATUSES.items()
        }
    )
    return {MessageAudience(value): count for value, count in counts.items()}


def _message_email(event, registration, subject, body):
    context = {
        "registration": registration,
        "name": registration.user.get_full_name(),
        "waiting": registration.status == RegistrationStatus.WAITLISTED,
        "subject": subject,
        "body": body,
        "reply_to": reply_address(event.get_parent().specific),
    }

    def context_for(_language):
        return {"event": event.localized, "event_url": localized_page_absolute_url(event)}

    return context, context_for


def render_event_message(event, registration, subject, body):
    """The message as `registration`'s person gets it, in the current language: `subject`,
    `text` and `html` (for the preview)."""
    context, context_for = _message_email(event, registration, subject, body)
    context = {"site_url": site_root_url(), **context, **context_for(current_language())}
    subject, text, html = render_email(MESSAGE_EMAIL, context)
    return {"subject": subject, "text": text, "html": html}


def send_event_message(event, audience, subject, body, sent_by, now=None):
    """Email everyone `audience` reaches, one email each, once the message is recorded.
    Raises OutreachRefused, recording and sending nothing, when it reaches nobody."""
    now = now or timezone.now()
    with transaction.atomic():
        # The event row is locked so that a second click cannot pass the check below too.
        type(event).objects.select_for_update().filter(pk=event.pk).first()
        if _sent_just_now(event, audience, subject, body, now):
            raise OutreachRefused(
                _("This message was sent a moment ago, so it was not sent again.")
            )
        registrations = list(message_recipients(event, audience))
        if not registrations:
            raise OutreachRefused(_("Nobody is in the group you chose, so nothing was sent."))
        message = EventMessage.objects.create(
            event=event,
            audience=audience,
            subject=subject,
            body=body,
            sent_by=sent_by,
            sent_at=now,
            recipient_count=len(registrations),
        )
        for registration in registrations:
            context, context_for = _message_email(event, registration, subject, body)
            send_templated_email(
                [registration.user], MESSAGE_EMAIL, context, context_for=context_for
            )
    return message


# The same message to the same people within this time is a second click, not a new message.
RESEND_WINDOW = datetime.timedelta(minutes=10)


def _sent_just_now(event, audience, subject, body, now):
    return EventMessage.objects.filter(
        event=event,
        audience=audience,
        subject=subject,
        body=body,
        sent_at__gte=now - RESEND_WINDOW,
    ).exists()


def messages_sent(event):
    return event.messages.select_related("sent_by").order_by("-sent_at", "-pk")
