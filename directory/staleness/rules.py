"""The staleness ladder: listings nobody has confirmed for a while are reminded, then flagged,
then hidden from default results — so practitioners can trust what they read.

6 months after the last confirmation the owners are emailed a one-click confirm link;
at 9 months the listing says publicly that it may be out of date; at 12 months it leaves
the default results (`ServicePage.objects.listed()`, and the engine's index through the
OrganisationStatus signal) unless a moderator chose to keep it listed. Confirming resets it.
Each step happens once, however often the command runs.
"""

import calendar
import datetime

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.emails import send_templated_email
from directory.models import (
    MembershipRole,
    OrganisationPage,
    OrganisationStatus,
    ServiceStatus,
    StalenessStage,
)

REMIND_AFTER_MONTHS = 6
FLAG_AFTER_MONTHS = 9
HIDE_AFTER_MONTHS = 12
CONFIRM_LINK_MAX_AGE = datetime.timedelta(days=60)
_SIGNER_SALT = "directory.confirm-listing"

_ORDER = [
    StalenessStage.CURRENT,
    StalenessStage.REMINDED,
    StalenessStage.FLAGGED,
    StalenessStage.HIDDEN,
]


def months_before(moment, months):
    """The same day and time `months` calendar months earlier (clamped to the month's end)."""
    month_index = moment.month - 1 - months
    year = moment.year + month_index // 12
    month = month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def last_confirmed(status):
    """When the listing was last known to be right: confirmed, else first published, else
    when it was created."""
    return status.last_confirmed_at or status.organisation.first_published_at or status.created_at


def stage_due(status, now):
    confirmed = last_confirmed(status)
    if confirmed is None:
        return StalenessStage.CURRENT
    if confirmed <= months_before(now, HIDE_AFTER_MONTHS):
        return StalenessStage.HIDDEN
    if confirmed <= months_before(now, FLAG_AFTER_MONTHS):
        return StalenessStage.FLAGGED
    if confirmed <= months_before(now, REMIND_AFTER_MONTHS):
        return StalenessStage.REMINDED
    return StalenessStage.CURRENT


def run_staleness_ladder(now=None):
    """Move every live listing up the ladder as far as it is due. Returns {stage: count}."""
    now = now or timezone.now()
    moved = dict.fromkeys(_ORDER[1:], 0)
    statuses = OrganisationStatus.objects.filter(organisation__live=True).select_related(
        "organisation"
    )
    for status in statuses.iterator(chunk_size=500):
        due = stage_due(status, now)
        current = StalenessStage(status.staleness_stage)
        if _ORDER.index(due) <= _ORDER.index(current):
            continue
        with transaction.atomic():
            if current == StalenessStage.CURRENT:
                status.reminded_at = now
                send_reminder(status)
            if _ORDER.index(due) >= _ORDER.index(StalenessStage.FLAGGED) and not status.flagged_at:
                status.flagged_at = now
            if due == StalenessStage.HIDDEN:
                status.hidden_at = now
            status.staleness_stage = due
            status.save()  # the signal brings the search engine up to date
        moved[due] += 1
    return moved


def owners_emails(organisation):
    owners = organisation.memberships.filter(role=MembershipRole.OWNER).select_related("user")
    emails = [membership.user.email for membership in owners]
    return emails or [organisation.email]


def send_reminder(status):
    organisation = status.organisation
    send_templated_email(
        owners_emails(organisation),
        "directory/emails/confirm_listing",
        {
            "organisation": organisation,
            "confirm_url": confirm_url(organisation),
            "page_url": organisation.full_url,
            "last_confirmed": status.last_confirmed_at,
        },
    )


def _confirmation_stamp(organisation):
    status = OrganisationStatus.objects.get(organisation=organisation)
    return status.last_confirmed_at.isoformat() if status.last_confirmed_at else ""


def confirm_token(organisation):
    """A signed token naming the organisation and its current confirmation, so it works once."""
    return signing.dumps(
        {"o": organisation.pk, "c": _confirmation_stamp(organisation)}, salt=_SIGNER_SALT
    )


def confirm_url(organisation):
    path = reverse("directory_confirm_listing", args=[confirm_token(organisation)])
    site = organisation.get_site()
    return f"{site.root_url}{path}" if site else path


class InvalidConfirmLink(Exception):
    pass


def organisation_for_token(token):
    """The organisation a confirm link is for, or InvalidConfirmLink (expired, used, forged)."""
    try:
        data = signing.loads(token, salt=_SIGNER_SALT, max_age=CONFIRM_LINK_MAX_AGE.total_seconds())
    except signing.BadSignature as error:
        raise InvalidConfirmLink from error
    organisation = OrganisationPage.objects.live().filter(pk=data.get("o")).first()
    if organisation is None:
        raise InvalidConfirmLink
    if _confirmation_stamp(organisation) != data.get("c"):
        raise InvalidConfirmLink
    return organisation


@transaction.atomic
def confirm_listing(organisation, user=None, now=None):
    """The listing is still right: reset the ladder and date every service's confirmation."""
    now = now or timezone.now()
    status = OrganisationStatus.objects.select_for_update().get(organisation=organisation)
    status.last_confirmed_at = now
    status.last_confirmed_by = user if user and user.is_authenticated else None
    status.staleness_stage = StalenessStage.CURRENT
    status.reminded_at = status.flagged_at = status.hidden_at = None
    status.save()
    ServiceStatus.objects.filter(service__organisation=organisation).update(
        last_confirmed_at=now, last_confirmed_by=status.last_confirmed_by
    )
    return status
