"""What outreach invitations led to: for the invitations a region's forum sent in the period
(forums/outreach/), how many of the organisations invited to each event registered for it,
or to each consultation responded to it, after they were invited.

- **Registered**: a registration for the organisation at that event made after the
  invitation was sent, still on (with a place, on the waiting list or attended).
- **Responded**: a submitted response for the organisation to that consultation, submitted
  on or after the day (in London) the invitation was sent.
"""

import zoneinfo
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.db.models.functions import TruncDate

from forums.models import (
    ConsultationResponse,
    EventPage,
    EventRegistration,
    OutreachInvitation,
    ResponseStatus,
)
from forums.models.records import ACTIVE
from forums.reach.breakdowns import NO_FIGURE

LONDON = zoneinfo.ZoneInfo("Europe/London")


@dataclass
class InvitationEffect:
    title: str
    is_event: bool
    invited: int = 0
    took_up: int = 0  # registered for the event, or responded to the consultation

    @property
    def percent_text(self):
        return f"{round(100 * self.took_up / self.invited)}%" if self.invited else NO_FIGURE


@dataclass(frozen=True)
class InvitationsSummary:
    items: list  # [InvitationEffect], most recently invited to first
    invited: int
    took_up: int


def invitation_effect(region, period):
    """The invitations sent in `period` by `region`'s forum (every forum when None), item by
    item: how many organisations were invited and how many took the invitation up."""
    invitations = OutreachInvitation.objects.filter(
        sent_at__gte=period.start_at, sent_at__lt=period.end_at
    )
    if region is not None:
        invitations = invitations.filter(forum__region__translation_key=region.translation_key)
    registered = EventRegistration.objects.filter(
        event_id=OuterRef("page_id"),
        organisation_id=OuterRef("organisation_id"),
        status__in=ACTIVE,
        created_at__gte=OuterRef("sent_at"),
    )
    responded = ConsultationResponse.objects.filter(
        consultation_id=OuterRef("page_id"),
        organisation_id=OuterRef("organisation_id"),
        status=ResponseStatus.SUBMITTED,
        submitted_on__gte=OuterRef("sent_on"),
    )
    rows = (
        invitations.annotate(sent_on=TruncDate("sent_at", tzinfo=LONDON))
        .annotate(registered=Exists(registered), responded=Exists(responded))
        .select_related("page")
        .order_by("-sent_at", "pk")
    )
    items = {}
    for invitation in rows:
        page = invitation.page
        if page.pk not in items:
            items[page.pk] = InvitationEffect(
                page.title, is_event=issubclass(page.specific_class or object, EventPage)
            )
        item = items[page.pk]
        item.invited += 1
        item.took_up += invitation.registered or invitation.responded
    found = list(items.values())
    return InvitationsSummary(
        items=found,
        invited=sum(item.invited for item in found),
        took_up=sum(item.took_up for item in found),
    )
