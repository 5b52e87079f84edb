"""The reach report: for a region and a period, which listed organisations the forums engage
and which they miss.

- **Listed** organisations covering a region: live organisations whose declared coverage or
  whose public services' coverage includes the region. National organisations (or ones with
  a national service) cover every region. Without a region (site-wide), every live
  organisation counts.
- **Engaged** in a period: the organisation attended an event that started in the period,
  submitted a response to a consultation in the period, or was a forum member during it, or
  engaged in a way another app registers (REACH_ENGAGEMENT_HOOK: the pipeline's interest in
  partnering).
  Engagement counts in every region the organisation covers, whichever forum it happened
  in, and an organisation counts once however often it engaged.
- **Attended**: marked as attended. Where a past event's attendance was never recorded,
  everyone who held a place counts as having attended.
- **Periods** are financial quarters and years (1 April to 31 March), in Europe/London time
  (forums/reach/periods.py). The headline compares a period with the one before it, counting
  the organisations listed today in both.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.models import Locale

from core.models import CommissioningRelationship, IncomeBand, LedByAndFor
from directory.models import OrganisationPage, ServicePage
from directory.models.pages import Coverage
from forums.models import (
    ConsultationResponse,
    EventRegistration,
    EventStatus,
    ForumMembership,
    RegistrationStatus,
    ResponseStatus,
)
from forums.reach.breakdowns import (
    Row,
    breakdowns,
    commissioning_members,
    confirmed_organisations,
    term_members,
)
from forums.reach.periods import (  # noqa: F401 (the report's periods, imported from here too)
    Period,
    current_quarter,
    financial_quarter,
    financial_year,
    parse_period,
    period_choices,
    previous_period,
    quarters_of_year,
    trend_quarters,
)
from search.ids import AmongIds

# Ways an organisation engages, as shown in the outreach list and the CSV.
ATTENDED = "attended"
RESPONDED = "responded"
MEMBER = "member"

# Other apps add ways of engaging without forums importing them: a function registered under
# this Wagtail hook name takes (start, end) datetimes and returns (way, rows), rows being
# (organisation id, datetime) pairs for engagements in [start, end). One query each.
REACH_ENGAGEMENT_HOOK = "register_reach_engagement"


# Who is listed, who engaged


def counted_as():
    """{live organisation page id: the id it counts as}. An organisation and its
    translations (pages sharing a translation_key) count once, as the page in the default
    language (or, failing that, the first made)."""
    default_locale = Locale.get_default().pk
    pages = list(
        OrganisationPage.objects.live()
        .order_by("pk")
        .values_list("pk", "translation_key", "locale_id")
    )
    chosen = {}
    for pk, key, locale_id in pages:
        if key not in chosen or (locale_id == default_locale and chosen[key][1] != default_locale):
            chosen[key] = (pk, locale_id)
    return {pk: chosen[key][0] for pk, key, _locale_id in pages}


def organisations_covering(region=None, counted=None):
    """Ids of the live organisations covering `region` (every live one when None), each
    organisation once (see counted_as)."""
    counted = counted_as() if counted is None else counted
    if region is None:
        return set(counted.values())
    declared = OrganisationPage.objects.live().filter(Coverage.covering(region))
    by_service = (
        ServicePage.objects.public()
        .filter(Coverage.covering(region))
        .values_list("organisation_id", flat=True)
    )
    ids = set(declared.values_list("pk", flat=True)) | set(by_service)
    return {counted[pk] for pk in ids if pk in counted}


def attended_registrations(registrations, now):
    """Registrations that count as attendance: marked attended, or held a place at a past,
    not cancelled event whose attendance was never recorded."""
    recorded = EventRegistration.objects.filter(
        event=OuterRef("event"), status=RegistrationStatus.ATTENDED
    )
    unrecorded = Q(
        status=RegistrationStatus.REGISTERED,
        event__end__lt=now,
        event__status=EventStatus.SCHEDULED,
    ) & ~Exists(recorded)
    return registrations.filter(Q(status=RegistrationStatus.ATTENDED) | unrecorded)


def engagements_by_period(periods, now=None):
    """{period: {organisation id: {ways it engaged}}} for every organisation that engaged in
    each of `periods`, in any forum or national consultation: three queries however many
    periods (each engagement is counted in every period holding its day)."""
    now = now or timezone.now()
    found = {period: {} for period in periods}
    span = Period("", "", min(p.start for p in periods), max(p.end for p in periods))

    def add(rows, way, within=Period.contains):
        for organisation_id, day in rows:
            for period in found:
                if within(period, day):
                    found[period].setdefault(organisation_id, set()).add(way)

    registrations = EventRegistration.objects.filter(
        organisation__isnull=False,
        event__start__gte=span.start_at,
        event__start__lt=span.end_at,
        event__live=True,
    )
    attended = attended_registrations(registrations, now).values_list(
        "organisation_id", "event__start"
    )
    add(((pk, timezone.localdate(start)) for pk, start in attended), ATTENDED)
    add(
        ConsultationResponse.objects.filter(
            organisation__isnull=False,
            status=ResponseStatus.SUBMITTED,
            submitted_on__gte=span.start,
            submitted_on__lt=span.end,
        ).values_list("organisation_id", "submitted_on"),
        RESPONDED,
    )
    memberships = ForumMembership.objects.filter(created_at__lt=span.end_at).values_list(
        "organisation_id", "created_at"
    )
    add(
        ((pk, timezone.localdate(joined)) for pk, joined in memberships),
        MEMBER,
        within=lambda period, day: day < period.end,  # a member during the period
    )
    for source in hooks.get_hooks(REACH_ENGAGEMENT_HOOK):
        way, rows = source(span.start_at, span.end_at)
        add(((pk, timezone.localdate(moment)) for pk, moment in rows), way)
    return found


def engagements(period, now=None):
    """{organisation id: {ways it engaged}} for every organisation that engaged in `period`."""
    return engagements_by_period([period], now=now)[period]


def last_engaged_on(now=None):
    """{organisation id: the day it last attended an event or submitted a response}, at any
    time up to now, for the outreach list."""
    now = now or timezone.now()
    latest = {}
    registrations = EventRegistration.objects.filter(
        organisation__isnull=False, event__start__lt=now, event__live=True
    )
    for organisation_id, start in (
        attended_registrations(registrations, now)
        .values("organisation_id")
        .annotate(latest=Max("event__start"))
        .values_list("organisation_id", "latest")
    ):
        latest[organisation_id] = timezone.localdate(start)
    for organisation_id, day in (
        ConsultationResponse.objects.filter(
            organisation__isnull=False, status=ResponseStatus.SUBMITTED
        )
        .values("organisation_id")
        .annotate(latest=Max("submitted_on"))
        .values_list("organisation_id", "latest")
    ):
        if organisation_id not in latest or day > latest[organisation_id]:
            latest[organisation_id] = day
    return latest


# The report


@dataclass
class ReachReport:
    region: object  # a Region, or None for every region
    period: Period
    listed: set
    engaged: dict  # {organisation id: {ways}} for the listed organisations that engaged
    breakdowns: list = field(default_factory=list)
    trend: list = field(default_factory=list)  # [(Period, Row)], oldest first
    previous: Period | None = None
    previous_engaged: int = 0  # listed organisations (as listed today) engaged in `previous`

    @property
    def total(self):
        return Row(_("All listed organisations"), len(self.listed), len(self.engaged))

    @property
    def not_engaged_ids(self):
        return self.listed - set(self.engaged)

    @property
    def change(self):
        """How many more organisations engaged than in the previous period (negative: fewer)."""
        return len(self.engaged) - self.previous_engaged


def reach_report(region, period, now=None):
    """The whole report for `region` (None: every region) over `period`, compared with the
    period before it, with the trend by quarter."""
    now = now or timezone.now()
    counted = counted_as()
    listed = organisations_covering(region, counted)
    previous = previous_period(period)
    trend = trend_quarters(period, timezone.localdate(now))
    found = engagements_by_period([period, previous, *trend], now=now)

    def engaged_in(in_period):
        engaged = {}
        for pk, ways in found[in_period].items():  # engaging as a translation counts once
            if counted.get(pk) in listed:
                engaged.setdefault(counted[pk], set()).update(ways)
        return engaged

    engaged = engaged_in(period)
    report = ReachReport(
        region=region,
        period=period,
        listed=listed,
        engaged=engaged,
        previous=previous,
        previous_engaged=len(engaged_in(previous)),
    )
    report.breakdowns = breakdowns(listed, set(engaged))
    report.trend = [
        (quarter, Row(quarter.label, len(listed), len(engaged_in(quarter)))) for quarter in trend
    ]
    return report


# The outreach list

OUTREACH_SORTS = {
    "name": lambda row: row["name"].lower(),
    "income": lambda row: (row["income_order"], row["name"].lower()),
    "last_engaged": lambda row: (row["last_engaged"] or datetime.date.min, row["name"].lower()),
}


def _names_by_organisation(members, names):
    """{organisation id: sorted term names} from {term id: {organisation ids}}."""
    by_organisation = {}
    for term_id, organisation_ids in members.items():
        for organisation_id in organisation_ids:
            by_organisation.setdefault(organisation_id, []).append(names[term_id])
    return {pk: sorted(found) for pk, found in by_organisation.items()}


def outreach_list(report, sort="name", now=None):
    """The listed organisations covering the region that did not engage in the period, with
    how to contact them, sorted by `sort` (a key of OUTREACH_SORTS, "-" for descending).
    `led_by_and_for` and `commissioning` are lists of term names (empty: none)."""
    ids = report.not_engaged_ids
    income_order = {value: position for position, (value, _label) in enumerate(IncomeBand.choices)}
    commissioning = commissioning_members()
    confirmed = confirmed_organisations(commissioning, ids)
    relationships = _names_by_organisation(
        commissioning, dict(CommissioningRelationship.objects.values_list("pk", "name"))
    )
    led_by_and_for = _names_by_organisation(
        term_members(OrganisationPage.led_by_and_for.through, "ledbyandfor_id"),
        dict(LedByAndFor.objects.values_list("pk", "name")),
    )
    latest = last_engaged_on(now=now)
    organisations = (
        OrganisationPage.objects.live()
        .filter(AmongIds("pk", ids))
        .only("pk", "title", "url_path", "email", "phone", "website", "income_band", "is_national")
    )
    rows = [
        {
            "id": organisation.pk,
            "page": organisation,
            "name": organisation.title,
            "email": organisation.email,
            "phone": organisation.phone,
            "website": organisation.website,
            "income": organisation.get_income_band_display() if organisation.income_band else "",
            "income_order": income_order.get(organisation.income_band, len(income_order)),
            "commissioning": relationships.get(organisation.pk, []),
            "commissioning_confirmed": organisation.pk in confirmed,
            "led_by_and_for": led_by_and_for.get(organisation.pk, []),
            "national": organisation.is_national,
            "last_engaged": latest.get(organisation.pk),
        }
        for organisation in organisations
    ]
    descending = sort.startswith("-")
    key = OUTREACH_SORTS.get(sort.lstrip("-"), OUTREACH_SORTS["name"])
    rows.sort(key=key, reverse=descending)
    return rows
