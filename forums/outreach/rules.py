"""Outreach from the reach report: a forum's managers invite organisations on its outreach
list to one of the forum's upcoming events or open consultations, by email to each
organisation's public contact address.

- **What they may be invited to**: the forum's live events that have not ended and are not
  postponed or cancelled, and its live consultations that have not closed (an event's
  feedback survey is for its attendees only, so never).
- **Who**: the organisations listed as covering the forum's region (the reach report's
  "listed"), by default those not engaged in the period, filtered by commissioning
  relationship, income and led-by-and-for. An organisation without a public email address
  cannot be invited, nor one already invited to the same item.
- **At most OUTREACH_SEND_LIMIT organisations in one send**: asking for more sends nothing.
- **Never twice**: each invitation is recorded before anything is sent (one per organisation
  and item, held by the database) and only the records this send created are emailed, so two
  managers pressing "Send" at once email each organisation once.
"""

import dataclasses

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.emails import current_language, render_email, send_templated_email
from core.models import CommissioningRelationship, LedByAndFor, Region
from core.page_urls import localized_page_absolute_url, site_root_url
from directory.models import OrganisationPage
from forums.models import (
    ConsultationPage,
    EventPage,
    EventStatus,
    OutreachInvitation,
)
from forums.reach.breakdowns import commissioning_members, term_members
from forums.reach.report import outreach_list, reach_report
from forums.roles import default_language_version

OUTREACH_SEND_LIMIT = 50
INVITATION_EMAIL = "forums/emails/outreach_invitation"

# Filter values besides a term's slug or an income band ("" means any).
OUTSIDE_COMMISSIONING = "outside"
INCOME_NOT_KNOWN = "unknown"
ANY_LED_BY_AND_FOR = "any"
NOT_LED_BY_AND_FOR = "none"


class OutreachRefused(Exception):
    """A send that would break a rule; nothing was sent. The message says why."""


@dataclasses.dataclass(frozen=True)
class OutreachFilters:
    not_engaged: bool = True
    commissioning: str = ""  # a term's slug, OUTSIDE_COMMISSIONING, or "" for any
    income: str = ""  # an IncomeBand value, INCOME_NOT_KNOWN, or "" for any
    led_by_and_for: str = ""  # a term's slug, ANY_ / NOT_LED_BY_AND_FOR, or "" for any


def forum_region(forum):
    """The forum's region in the default language (the reach report's regions)."""
    return (
        Region.objects.in_default_locale()
        .filter(translation_key=forum.region.translation_key)
        .first()
        or forum.region
    )


def invitable_items(forum, now=None):
    """The forum's upcoming events (soonest first), then its open and forthcoming
    consultations (closing soonest first)."""
    now = now or timezone.now()
    forum = default_language_version(forum)
    events = (
        EventPage.objects.live()
        .child_of(forum)
        .filter(end__gte=now, status=EventStatus.SCHEDULED)
        .order_by("start", "pk")
    )
    consultations = (
        ConsultationPage.objects.live()
        .child_of(forum)
        .filter(closes_at__gt=now, feedback_for_event__isnull=True)
        .order_by("closes_at", "pk")
    )
    return [*events, *consultations]


def invitable_item(forum, page_id, now=None):
    return next((item for item in invitable_items(forum, now) if item.pk == page_id), None)


# Who may be invited


def _term_ids(model, slug):
    """The ids of a term (given by its slug in the default language) in every language."""
    keys = model.objects.in_default_locale().filter(slug=slug).values("translation_key")
    return set(model.objects.filter(translation_key__in=keys).values_list("pk", flat=True))


def _matching(members, model, value, none_value, any_value=None):
    """The organisation ids a taxonomy filter keeps, or None to keep every one."""
    if not value:
        return None
    everyone = set().union(*members.values()) if members else set()
    if value == none_value:
        return {"exclude": everyone}
    if value == any_value:
        return {"include": everyone}
    ids = _term_ids(model, value)
    return {"include": set().union(*(members.get(pk, set()) for pk in ids))}


def _kept(organisation_id, rule):
    if rule is None:
        return True
    if "exclude" in rule:
        return organisation_id not in rule["exclude"]
    return organisation_id in rule["include"]


def _income_kept(row, income):
    band = row["page"].income_band
    return not income or band == income or (income == INCOME_NOT_KNOWN and not band)


def outreach_candidates(forum, period, filters, item=None, now=None):
    """The reach report for the forum's region over `period`, and the rows of its outreach
    list (`forums.reach.report.outreach_list`) that `filters` keep, each with: `engaged`
    (in the period), `led_by_and_for` (names), `invited_at` (when it was invited to `item`,
    or None) and `selectable` (it has an email address and was not invited)."""
    report = reach_report(forum_region(forum), period, now=now)
    among = report if filters.not_engaged else dataclasses.replace(report, engaged={})
    rows = outreach_list(among, now=now)
    led = term_members(OrganisationPage.led_by_and_for.through, "ledbyandfor_id")
    commissioning = _matching(
        commissioning_members(),
        CommissioningRelationship,
        filters.commissioning,
        OUTSIDE_COMMISSIONING,
    )
    leading = _matching(
        led, LedByAndFor, filters.led_by_and_for, NOT_LED_BY_AND_FOR, ANY_LED_BY_AND_FOR
    )
    rows = [
        row
        for row in rows
        if _kept(row["id"], commissioning)
        and _kept(row["id"], leading)
        and _income_kept(row, filters.income)
    ]
    names = dict(LedByAndFor.objects.values_list("pk", "name"))
    invited = {}
    if item is not None:
        invited = dict(
            OutreachInvitation.objects.filter(page=item).values_list("organisation_id", "sent_at")
        )
    for row in rows:
        row["engaged"] = row["id"] in report.engaged
        row.setdefault(
            "led_by_and_for",
            sorted(names[term_id] for term_id, members in led.items() if row["id"] in members),
        )
        row["invited_at"] = invited.get(row["id"])
        row["selectable"] = bool(row["email"]) and row["invited_at"] is None
    return report, rows


# Sending


def reply_address(forum, invited_by=None):
    """Where an invited organisation writes back (to ask not to be invited, say): the forum's
    contact email, else its first team contact's, else the manager's own."""
    if forum.contact_email:
        return forum.contact_email
    contact = forum.team_contacts.exclude(email="").order_by("sort_order", "pk").first()
    if contact is not None:
        return contact.email
    return getattr(invited_by, "email", "") or ""


def inviter_name(user):
    return (user.get_full_name() if user else "") or _("The forum’s team")


def _invitation_email(forum, item, organisation, invited_by, message):
    """The context of one organisation's invitation, and its parts in the reader's
    language (`context_for`)."""
    forum = default_language_version(forum)
    context = {
        "organisation": organisation,
        "is_event": isinstance(item, EventPage),
        "inviter_name": inviter_name(invited_by),
        "message": message.strip(),
        "reply_to": reply_address(forum, invited_by),
    }

    def context_for(_language):
        return {
            "item": item.localized,
            "item_url": localized_page_absolute_url(item),
            "forum": forum.localized,
            "region": forum_region(forum).localized.name,
        }

    return context, context_for


def render_invitation(forum, item, organisation, invited_by, message):
    """The invitation as `send_invitations` sends it, in the current language: `subject`,
    `text` and `html` (for the preview)."""
    context, context_for = _invitation_email(forum, item, organisation, invited_by, message)
    context = {"site_url": site_root_url(), **context, **context_for(current_language())}
    subject, text, html = render_email(INVITATION_EMAIL, context)
    return {"subject": subject, "text": text, "html": html}


def check_send_size(count):
    if count > OUTREACH_SEND_LIMIT:
        raise OutreachRefused(
            _(
                "You can invite up to %(limit)s organisations at a time and %(count)s are "
                "selected. Nothing was sent: select fewer and send again."
            )
            % {"limit": OUTREACH_SEND_LIMIT, "count": count}
        )


def send_invitations(forum, item, organisations, invited_by, message="", now=None):
    """Invite each of `organisations` (pages the caller has checked are on the forum's
    outreach list) to `item`, by one email per organisation to its public address, sent
    once the invitations are recorded. Organisations without an address, or already invited
    to `item` (even a moment ago, by someone else), are left out. Returns the invitations
    made; raises OutreachRefused, sending nothing, over the limit."""
    organisations = list(organisations)
    check_send_size(len(organisations))
    forum = default_language_version(forum)
    now = now or timezone.now()
    created = []
    with transaction.atomic():
        for organisation in organisations:
            if not organisation.email:
                continue
            invitation, was_created = OutreachInvitation.objects.get_or_create(
                page_id=item.pk,
                organisation=organisation,
                defaults={
                    "forum": forum,
                    "sent_to": [organisation.email],
                    "invited_by": invited_by,
                    "sent_at": now,
                },
            )
            if not was_created:
                continue
            created.append(invitation)
            context, context_for = _invitation_email(forum, item, organisation, invited_by, message)
            send_templated_email(
                invitation.sent_to, INVITATION_EMAIL, context, context_for=context_for
            )
    return created


def invitations_sent(forum):
    """Every invitation the forum's managers sent, newest first."""
    return (
        OutreachInvitation.objects.filter(forum=default_language_version(forum))
        .select_related("organisation", "page", "invited_by")
        .order_by("-sent_at", "-pk")
    )
