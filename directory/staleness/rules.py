"""The freshness ladder: listings nobody has confirmed for a while are reminded, flagged,
reminded a last time, then hidden from default results — so practitioners can trust what
they read, and no organisation loses its listing without fair warning.

Measured from the day the listing was last confirmed (or first published):

- 6 months: the owners are reminded, with a one-click "still right" link (REMINDED);
- 9 months: the listing says publicly that it may be out of date, and the owners are told
  (FLAGGED);
- 12 months less 14 days: a final reminder names the day it will be hidden (FINAL_REMINDER);
- 12 months: it leaves the default results (`ServicePage.objects.listed()`, and the engine's
  index through the OrganisationStatus signal) and the owners are told how to put it back
  (HIDDEN). A moderator may keep it listed, with a reason: it is then never hidden.

The ladder moves a listing one step per run at most, and each step waits at least GRACE after
the previous one, so a listing first seen when already 13 months old is reminded today and
hidden no sooner than six weeks later, always 14 days or more after its final reminder. Each
step happens once however often the command runs. Confirming resets the ladder. Days are
Europe/London calendar days: a step due on a day happens on the first run that day.
"""

import calendar
import datetime

from django.core import signing
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale

from core.emails import send_templated_email
from core.page_urls import absolute_url, localized_page_absolute_url
from core.progress import Progress
from directory.models import (
    MembershipRole,
    OrganisationPage,
    OrganisationStatus,
    ServiceStatus,
    StalenessStage,
)
from directory.moderation.rules import statuses_of

REMIND_AFTER_MONTHS = 6
FLAG_AFTER_MONTHS = 9
HIDE_AFTER_MONTHS = 12
FINAL_NOTICE = datetime.timedelta(days=14)  # the final reminder comes this long before hiding
GRACE = datetime.timedelta(days=14)  # every step at least this long after the previous one
CONFIRM_LINK_MAX_AGE = datetime.timedelta(days=60)
_SIGNER_SALT = "directory.confirm-listing"

LADDER = [
    StalenessStage.CURRENT,
    StalenessStage.REMINDED,
    StalenessStage.FLAGGED,
    StalenessStage.FINAL_REMINDER,
    StalenessStage.HIDDEN,
]
# When each step happened, on the status.
STEP_TIMESTAMPS = {
    StalenessStage.REMINDED: "reminded_at",
    StalenessStage.FLAGGED: "flagged_at",
    StalenessStage.FINAL_REMINDER: "final_reminded_at",
    StalenessStage.HIDDEN: "hidden_at",
}
# The email each step sends to the owners.
STEP_EMAILS = {
    StalenessStage.REMINDED: "directory/emails/confirm_listing",
    StalenessStage.FLAGGED: "directory/emails/listing_flagged",
    StalenessStage.FINAL_REMINDER: "directory/emails/listing_final_reminder",
    StalenessStage.HIDDEN: "directory/emails/listing_hidden",
}
# Steps a listing a moderator keeps listed never reaches: it will not be hidden.
_NOT_WHEN_KEPT_LISTED = {StalenessStage.FINAL_REMINDER, StalenessStage.HIDDEN}


def months_before(moment, months):
    """The same day (and time) `months` calendar months earlier (clamped to the month's end).
    Negative `months` count forwards."""
    month_index = moment.month - 1 - months
    year = moment.year + month_index // 12
    month = month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def months_after(day, months):
    return months_before(day, -months)


def last_confirmed(status):
    """When the listing was last known to be right: confirmed, else first published, else
    when it was created."""
    return status.last_confirmed_at or status.organisation.first_published_at or status.created_at


def _local_day(moment):
    return timezone.localdate(moment) if moment else None


def threshold_on(confirmed_on, step):
    """The day `step` is due, counting only from the last confirmation."""
    hide_on = months_after(confirmed_on, HIDE_AFTER_MONTHS)
    return {
        StalenessStage.REMINDED: months_after(confirmed_on, REMIND_AFTER_MONTHS),
        StalenessStage.FLAGGED: months_after(confirmed_on, FLAG_AFTER_MONTHS),
        StalenessStage.FINAL_REMINDER: hide_on - FINAL_NOTICE,
        StalenessStage.HIDDEN: hide_on,
    }[step]


def remaining_steps(status):
    """The steps still ahead of the listing, in order."""
    steps = LADDER[LADDER.index(StalenessStage(status.staleness_stage)) + 1 :]
    if status.keep_listed:
        steps = [step for step in steps if step not in _NOT_WHEN_KEPT_LISTED]
    return steps


def planned_days(status):
    """{step: the day it is due} for every step still ahead, if nobody confirms: each on its
    threshold, and never sooner than GRACE after the step before it."""
    confirmed = last_confirmed(status)
    if confirmed is None:
        return {}
    confirmed_on = _local_day(confirmed)
    timestamp = STEP_TIMESTAMPS.get(StalenessStage(status.staleness_stage))
    previous = _local_day(getattr(status, timestamp)) if timestamp else None
    plan = {}
    for step in remaining_steps(status):
        due = threshold_on(confirmed_on, step)
        if previous is not None:
            due = max(due, previous + GRACE)
        plan[step] = previous = due
    return plan


def next_step(status, now):
    """The step the listing takes on this run, or None: one step at most, once it is due."""
    plan = planned_days(status)
    if not plan:
        return None
    step = next(iter(plan))
    return step if timezone.localdate(now) >= plan[step] else None


def _statuses_on_the_ladder():
    """Live listings not yet hidden; an organisation and its translations climb as one, so
    a translation is left out when its default-language page is live."""
    default_locale = Locale.get_default()
    source_is_live = OrganisationPage.objects.live().filter(
        translation_key=OuterRef("organisation__translation_key"), locale=default_locale
    )
    return (
        OrganisationStatus.objects.filter(organisation__live=True)
        .exclude(staleness_stage=StalenessStage.HIDDEN)
        .filter(Q(organisation__locale=default_locale) | ~Exists(source_is_live))
        .select_related("organisation")
        .order_by("organisation__title", "pk")
    )


@transaction.atomic
def take_step(status_pk, now):
    """Take the listing's next step if it is still due (re-read under a lock, so two runs at
    once take it once): record when, tell the owners. Returns the step, or None."""
    status = (
        OrganisationStatus.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=status_pk)
    )
    step = next_step(status, now)
    if step is None:
        return None
    fields = {"staleness_stage": step, STEP_TIMESTAMPS[step]: now}
    for translation in statuses_of(status.organisation):
        # The organisation's translations climb with it (saved: the signal reindexes).
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save()
        if translation.pk == status.pk:
            status = translation
    send_step_email(status, step)
    return step


def run_staleness_ladder(now=None, progress=None):
    """Move every live listing one step up the ladder where one is due. `progress` (a
    core.progress.Progress, optional) is told the total and each listing looked at.
    Returns [(organisation, step taken)], in the organisations' order."""
    now = now or timezone.now()
    moves = []
    statuses = _statuses_on_the_ladder()
    progress = progress or Progress.silent()
    progress.total = statuses.count()
    for status in statuses.iterator(chunk_size=500):
        progress.advance()
        if next_step(status, now) is None:
            continue
        step = take_step(status.pk, now)
        if step is not None:
            moves.append((status.organisation, step))
    return moves


def owners_emails(organisation):
    owners = organisation.memberships.filter(role=MembershipRole.OWNER).select_related("user")
    emails = [membership.user.email for membership in owners]
    return emails or [organisation.email]


def send_step_email(status, step):
    """Tell the owners what happened, what happens next and when, with the one-click
    "still right" link."""
    organisation = status.organisation
    plan = planned_days(status)
    token = confirm_token(organisation)

    def links(_language):
        # Made in the reader's language: a Welsh reader is sent to the /cy/ pages, and to
        # the listing's Welsh version where there is one.
        return {
            "confirm_url": absolute_url(reverse("directory_confirm_listing", args=[token])),
            "page_url": localized_page_absolute_url(organisation),
            "manage_url": absolute_url(reverse("directory_manage_listing", args=[organisation.pk])),
        }

    send_templated_email(
        owners_emails(organisation),
        STEP_EMAILS[step],
        {
            "organisation": organisation,
            "last_confirmed": _local_day(last_confirmed(status)),
            "flag_on": plan.get(StalenessStage.FLAGGED),
            "final_reminder_on": plan.get(StalenessStage.FINAL_REMINDER),
            "hide_on": plan.get(StalenessStage.HIDDEN),
            "confirm_link_days": CONFIRM_LINK_MAX_AGE.days,
        },
        context_for=links,
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
    return absolute_url(reverse("directory_confirm_listing", args=[confirm_token(organisation)]))


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
    """The listing is still right: reset the ladder (for its translations too) and date every
    service's confirmation."""
    now = now or timezone.now()
    by = user if user and user.is_authenticated else None
    confirmed = None
    for status in statuses_of(organisation).select_for_update(of=("self",)):
        status.last_confirmed_at = now
        status.last_confirmed_by = by
        status.staleness_stage = StalenessStage.CURRENT
        for name in STEP_TIMESTAMPS.values():
            setattr(status, name, None)
        status.save()
        if status.organisation_id == organisation.pk:
            confirmed = status
    ServiceStatus.objects.filter(
        service__organisation__translation_key=organisation.translation_key
    ).update(last_confirmed_at=now, last_confirmed_by=by)
    return confirmed
