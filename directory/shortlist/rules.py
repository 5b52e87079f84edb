"""A practitioner's shortlist: the services they are weighing up for someone, in their order,
each with a private note.

Without an account the list is kept in the session; signed in, on the account, and a list
made before signing in joins the account's (`merge_session_shortlist`). Nothing about the
person being helped is asked for or stored: only the practitioner's own notes, which never
leave the list unless they choose to email them.

Share links are snapshots: a link holds the services that were on the list when it was made,
in that order, and never the notes. Each service's details are read when the link is opened,
so phone numbers and availability are current, and a service no longer listed drops out. A
changed list needs a new link. Links stop working `SHARE_VALID_DAYS` after they are made.
"""

import datetime
import secrets
from dataclasses import dataclass, field

from django.contrib import messages
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from directory.models import ServicePage, ShortlistShare
from directory.models.opening_hours import opening_week
from directory.shortlist.stores import (
    AccountShortlist,
    EmptyShortlist,
    Entry,
    SessionShortlist,
)

# The most services one list holds: enough for any referral, small enough to print.
MAX_ITEMS = 50
SHARE_VALID_DAYS = 30
# The same list shared again within this time (a double-clicked button) gives the same link.
SHARE_DUPLICATE_WINDOW = datetime.timedelta(minutes=10)
EMAILS_PER_HOUR = 10


class ShortlistFull(Exception):
    """The list already holds `MAX_ITEMS` services."""


class ShareExpired(Exception):
    def __init__(self, share):
        super().__init__(share.token)
        self.share = share


def shortlist_for(request):
    """The shortlist of whoever sent `request`: their account's when signed in (with anything
    still in the session joined to it), else the session's."""
    session = getattr(request, "session", None)
    if session is None:
        return EmptyShortlist()
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # Signing in joins the lists (signals.py); this catches a sign-in that did not say so.
        if session.get(SessionShortlist.KEY) or session.get(SessionShortlist.SHARES_KEY):
            join_browser_list_to_account(request, user)
        return AccountShortlist(user)
    return SessionShortlist(session)


def join_browser_list_to_account(request, user):
    """On signing in: join the list kept in the session to the account's, and say if some
    services did not fit."""
    left_out = merge_session_shortlist(request.session, user)
    if left_out:
        messages.warning(
            request,
            ngettext(
                "%(count)s service from this browser was not added to your shortlist: it can "
                "hold up to %(limit)s.",
                "%(count)s services from this browser were not added to your shortlist: it "
                "can hold up to %(limit)s.",
                left_out,
            )
            % {"count": left_out, "limit": MAX_ITEMS},
            fail_silently=True,
        )
    return left_out


def merge_session_shortlist(session, user):
    """Join the list kept in `session` to `user`'s: services already on the account's list
    stay where they are (keeping a note if the account's has none), the others are added at
    the end, up to `MAX_ITEMS`. Empties the session's list. Returns how many services did not
    fit."""
    session_list = SessionShortlist(session)
    account_list = AccountShortlist(user)
    entries = session_list.entries()
    shares = list(session_list.shares().values_list("pk", flat=True))
    if shares:
        ShortlistShare.objects.filter(pk__in=shares, user=None).update(user=user)
    session_list.forget_shares()
    if not entries:
        session_list.clear()
        return 0
    existing = {entry.service_id: entry for entry in account_list.entries()}
    known = set(
        ServicePage.objects.filter(pk__in=[e.service_id for e in entries]).values_list(
            "pk", flat=True
        )
    )
    left_out = 0
    for entry in entries:
        if entry.service_id not in known:
            continue  # deleted since it was added
        if entry.service_id in existing:
            if entry.note and not existing[entry.service_id].note:
                account_list.set_note(entry.service_id, entry.note)
        elif not account_list.add(entry.service_id, entry.note, limit=MAX_ITEMS):
            left_out += 1
    session_list.clear()
    return left_out


def add_to_shortlist(shortlist, service):
    """Put a listed service at the end of the list. Adding one already there changes nothing
    (False). Raises ShortlistFull when the list holds `MAX_ITEMS`."""
    if service.pk in shortlist.service_ids():
        return False
    if not shortlist.add(service.pk, limit=MAX_ITEMS):
        if service.pk in shortlist.service_ids():
            return False  # added by a request at the same moment
        raise ShortlistFull
    return True


def remove_from_shortlist(shortlist, service_id):
    return shortlist.remove(service_id)


MOVES = {"up": -1, "down": 1}


def move_on_shortlist(shortlist, service_id, direction):
    """Move a service one place `"up"` or `"down"`; False at either end or when not there."""
    return shortlist.move(service_id, MOVES[direction])


def save_note(shortlist, service_id, note):
    """The practitioner's own note on a service on their list (an empty note clears it)."""
    return shortlist.set_note(service_id, note.strip())


@dataclass
class ShortlistRow:
    """One service on a list as pages show it: `listed` is False for one no longer listed
    (unpublished, closed or hidden since it was added), whose details are not shown."""

    service: ServicePage
    note: str = ""
    listed: bool = True
    checklist: list = field(default_factory=list)
    opening_week: list = field(default_factory=list)


def services_with_details(ids):
    """The services with `ids`, with everything their contact details show, in a fixed number
    of queries however many there are."""
    return (
        ServicePage.objects.filter(pk__in=ids)
        .select_related("organisation", "operational_status", "organisation__operational_status")
        .prefetch_related(
            "regions",
            Prefetch("locations"),
            Prefetch("opening_hours"),
        )
    )


def shortlist_rows(entries):
    """Rows for `entries` (a list's entries, or a share's ids as entries), in their order. A
    service deleted since it was added is left out."""
    ids = [entry.service_id for entry in entries]
    services = {service.pk: service for service in services_with_details(ids)}
    listed = set(ServicePage.objects.listed().filter(pk__in=ids).values_list("pk", flat=True))
    rows = []
    for entry in entries:
        service = services.get(entry.service_id)
        if service is None:
            continue
        is_listed = service.pk in listed
        rows.append(
            ShortlistRow(
                service=service,
                note=entry.note,
                listed=is_listed,
                checklist=referral_checklist(service) if is_listed else [],
                opening_week=opening_week(service.opening_hours.all()) if is_listed else [],
            )
        )
    return rows


def referral_checklist(service):
    """What a referral must include, one item a line, as the organisation wrote it."""
    return [line.strip() for line in service.referral_checklist.splitlines() if line.strip()]


def listed_rows(rows):
    return [row for row in rows if row.listed]


# Share links -----------------------------------------------------------------------------


def create_share_link(shortlist, now=None):
    """A read-only link to the services now listed on `shortlist`, in its order, without
    notes, working for `SHARE_VALID_DAYS`. Sharing the same list again within a few minutes
    (a double-clicked button) gives the same link."""
    now = now or timezone.now()
    ids = [row.service.pk for row in listed_rows(shortlist_rows(shortlist.entries()))]
    recent = shortlist.shares().filter(created_at__gte=now - SHARE_DUPLICATE_WINDOW)
    for share in recent.order_by("-created_at"):
        if share.service_ids == ids and not share.has_expired(now):
            return share
    share = ShortlistShare.objects.create(
        token=secrets.token_urlsafe(32),
        user=shortlist.share_owner(),
        service_ids=ids,
        created_at=now,
        expires_at=now + datetime.timedelta(days=SHARE_VALID_DAYS),
    )
    shortlist.remember_share(share)
    return share


def active_shares(shortlist, now=None):
    """The links made from this list that still work, newest first."""
    now = now or timezone.now()
    return list(shortlist.shares().filter(expires_at__gt=now).order_by("-created_at"))


def open_share(token, now=None):
    """The share with `token`; raises ShortlistShare.DoesNotExist for none, ShareExpired for
    one past its expiry."""
    share = ShortlistShare.objects.get(token=token)
    if share.has_expired(now):
        raise ShareExpired(share)
    return share


def shared_rows(share):
    """What a share link shows: the services still listed, in order, never a note."""
    return listed_rows(
        shortlist_rows([Entry(pk) for pk in share.service_ids if isinstance(pk, int)])
    )


def delete_expired_shares(now=None, keep_days=365):
    """Forget links that expired more than `keep_days` ago (until then, opening one says it
    has expired rather than that it never existed)."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=keep_days)
    deleted, _counts = ShortlistShare.objects.filter(expires_at__lt=cutoff).delete()
    return deleted


def full_message():
    return _(
        "Your shortlist is full. It can hold up to %(limit)s services. Remove a service "
        "before you add another."
    ) % {"limit": MAX_ITEMS}
