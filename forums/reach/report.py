"""The reach report: for a region and a period, which listed organisations the forums engage
and which they miss.

- **Listed** organisations covering a region: live organisations whose declared coverage or
  whose public services' coverage includes the region. National organisations (or ones with
  a national service) cover every region. Without a region (site-wide), every live
  organisation counts.
- **Engaged** in a period: the organisation attended an event that started in the period,
  submitted a response to a consultation in the period, or was a forum member during it.
  Engagement counts in every region the organisation covers, whichever forum it happened
  in, and an organisation counts once however often it engaged.
- **Attended**: marked as attended. Where a past event's attendance was never recorded,
  everyone who held a place counts as having attended.
- **Periods** are financial quarters and years (1 April to 31 March), in Europe/London time.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Locale

from core.models import CommissioningRelationship, IncomeBand
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
)
from search.ids import AmongIds

QUARTER_MONTHS = {1: 4, 2: 7, 3: 10, 4: 1}  # the calendar month each financial quarter starts

# Ways an organisation engages, as shown in the outreach list and the CSV.
ATTENDED = "attended"
RESPONDED = "responded"
MEMBER = "member"


# Periods


@dataclass(frozen=True)
class Period:
    """A financial year or quarter: from `start` (inclusive) to `end` (exclusive)."""

    slug: str
    label: str
    start: datetime.date
    end: datetime.date

    @property
    def start_at(self):
        return _london_midnight(self.start)

    @property
    def end_at(self):
        return _london_midnight(self.end)

    @property
    def year_start(self):
        return financial_year_starting(self.start)

    def contains(self, day):
        return self.start <= day < self.end


def _london_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def financial_year_starting(day):
    """The calendar year in which the financial year holding `day` began."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year(start_year):
    return Period(
        slug=f"{start_year}-{(start_year + 1) % 100:02d}",
        label=_("Financial year %(start)s to %(end)s")
        % {"start": start_year, "end": start_year + 1},
        start=datetime.date(start_year, 4, 1),
        end=datetime.date(start_year + 1, 4, 1),
    )


def financial_quarter(start_year, quarter):
    month = QUARTER_MONTHS[quarter]
    year = start_year + 1 if quarter == 4 else start_year
    start = datetime.date(year, month, 1)
    end = datetime.date(year + 1, 1, 1) if month == 10 else datetime.date(year, month + 3, 1)
    return Period(
        slug=f"{financial_year(start_year).slug}-q{quarter}",
        label=_("Q%(quarter)s %(year)s (%(first)s to %(last)s)")
        % {
            "quarter": quarter,
            "year": financial_year(start_year).slug,
            "first": start.strftime("%b %Y"),
            "last": (end - datetime.timedelta(days=1)).strftime("%b %Y"),
        },
        start=start,
        end=end,
    )


def quarters_of_year(start_year):
    return [financial_quarter(start_year, quarter) for quarter in (1, 2, 3, 4)]


def parse_period(slug):
    """`2026-27` is a financial year, `2026-27-q3` one of its quarters; anything else: None."""
    parts = (slug or "").lower().split("-")
    try:
        start_year = int(parts[0])
        if len(parts[0]) != 4 or int(parts[1]) != (start_year + 1) % 100:
            return None
        if len(parts) == 2:
            return financial_year(start_year)
        if len(parts) == 3 and parts[2] in ("q1", "q2", "q3", "q4"):
            return financial_quarter(start_year, int(parts[2][1]))
    except (IndexError, ValueError):
        return None
    return None


def current_quarter(today=None):
    today = today or timezone.localdate()
    start_year = financial_year_starting(today)
    for quarter in quarters_of_year(start_year):
        if quarter.contains(today):
            return quarter
    raise AssertionError("every day falls in a quarter")


def period_choices(today=None, years=3):
    """The current and previous financial years, each followed by its quarters that have
    begun, newest first."""
    today = today or timezone.localdate()
    this_year = financial_year_starting(today)
    choices = []
    for start_year in range(this_year, this_year - years, -1):
        choices.append(financial_year(start_year))
        choices.extend(
            quarter for quarter in reversed(quarters_of_year(start_year)) if quarter.start <= today
        )
    return choices


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


def _attendance(registrations, now):
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


def engagements(period, now=None):
    """{organisation id: {ways it engaged}} for every organisation that engaged in `period`,
    in any forum or national consultation."""
    now = now or timezone.now()
    found = {}

    def add(ids, way):
        for organisation_id in ids:
            found.setdefault(organisation_id, set()).add(way)

    registrations = EventRegistration.objects.filter(
        organisation__isnull=False,
        event__start__gte=period.start_at,
        event__start__lt=period.end_at,
        event__live=True,
    )
    add(_attendance(registrations, now).values_list("organisation_id", flat=True), ATTENDED)
    add(
        ConsultationResponse.objects.filter(
            organisation__isnull=False,
            status=ResponseStatus.SUBMITTED,
            submitted_on__gte=period.start,
            submitted_on__lt=period.end,
        ).values_list("organisation_id", flat=True),
        RESPONDED,
    )
    add(
        ForumMembership.objects.filter(created_at__lt=period.end_at).values_list(
            "organisation_id", flat=True
        ),
        MEMBER,
    )
    return found


def last_engaged_on(now=None):
    """{organisation id: the day it last attended an event or submitted a response}, at any
    time up to now, for the outreach list."""
    now = now or timezone.now()
    latest = {}
    registrations = EventRegistration.objects.filter(
        organisation__isnull=False, event__start__lt=now, event__live=True
    )
    for organisation_id, start in (
        _attendance(registrations, now)
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
    trend: list = field(default_factory=list)  # [(Period, Row)]

    @property
    def total(self):
        return Row(_("All listed organisations"), len(self.listed), len(self.engaged))

    @property
    def not_engaged_ids(self):
        return self.listed - set(self.engaged)


def reach_report(region, period, now=None):
    """The whole report for `region` (None: every region) over `period`."""
    now = now or timezone.now()
    counted = counted_as()
    listed = organisations_covering(region, counted)
    found = {period: engagements(period, now=now)}
    engaged = {}
    for pk, ways in found[period].items():  # engaging as a translation counts once, too
        if counted.get(pk) in listed:
            engaged.setdefault(counted[pk], set()).update(ways)
    report = ReachReport(region=region, period=period, listed=listed, engaged=engaged)
    report.breakdowns = breakdowns(listed, set(engaged))
    today = timezone.localdate(now)
    for quarter in quarters_of_year(period.year_start):
        if quarter.start > today:
            break
        if quarter not in found:  # a quarter's report counts its own quarter once
            found[quarter] = engagements(quarter, now=now)
        engaged_then = listed & {counted.get(pk) for pk in found[quarter]}
        report.trend.append((quarter, Row(quarter.label, len(listed), len(engaged_then))))
    return report


# The outreach list

OUTREACH_SORTS = {
    "name": lambda row: row["name"].lower(),
    "income": lambda row: (row["income_order"], row["name"].lower()),
    "last_engaged": lambda row: (row["last_engaged"] or datetime.date.min, row["name"].lower()),
}


def outreach_list(report, sort="name", now=None):
    """The listed organisations covering the region that did not engage in the period, with
    how to contact them, sorted by `sort` (a key of OUTREACH_SORTS, "-" for descending)."""
    ids = report.not_engaged_ids
    income_order = {value: position for position, (value, _label) in enumerate(IncomeBand.choices)}
    commissioning = commissioning_members()
    confirmed = confirmed_organisations(commissioning, ids)
    term_names = dict(CommissioningRelationship.objects.values_list("pk", "name"))
    by_organisation = {}
    for term_id, members in commissioning.items():
        for organisation_id in members:
            by_organisation.setdefault(organisation_id, []).append(term_names[term_id])
    latest = last_engaged_on(now=now)
    rows = []
    organisations = (
        OrganisationPage.objects.live()
        .filter(AmongIds("pk", ids))
        .only("pk", "title", "url_path", "email", "phone", "website", "income_band", "is_national")
    )
    for organisation in organisations:
        rows.append(
            {
                "id": organisation.pk,
                "page": organisation,
                "name": organisation.title,
                "email": organisation.email,
                "phone": organisation.phone,
                "website": organisation.website,
                "income": organisation.get_income_band_display()
                if organisation.income_band
                else "",
                "income_order": income_order.get(organisation.income_band, len(income_order)),
                "commissioning": sorted(by_organisation.get(organisation.pk, [])),
                "commissioning_confirmed": organisation.pk in confirmed,
                "national": organisation.is_national,
                "last_engaged": latest.get(organisation.pk),
            }
        )
    descending = sort.startswith("-")
    key = OUTREACH_SORTS.get(sort.lstrip("-"), OUTREACH_SORTS["name"])
    rows.sort(key=key, reverse=descending)
    return rows


OUTREACH_HEADER = [
    "Organisation",
    "Email",
    "Phone",
    "Website",
    "Annual income",
    "Relationship to HMPPS commissioning",
    "Commissioning relationship confirmed",
    "Works nationally",
    "Last engaged",
]


def outreach_csv_rows(rows):
    for row in rows:
        yield [
            row["name"],
            row["email"],
            row["phone"],
            row["website"],
            row["income"],
            "; ".join(row["commissioning"]) or "Outside commissioning",
            "yes" if row["commissioning_confirmed"] else "no (declared by the organisation)",
            "yes" if row["national"] else "no",
            row["last_engaged"].isoformat() if row["last_engaged"] else "",
        ]


SUMMARY_HEADER = ["Breakdown", "Group", "Listed", "Engaged", "Not engaged", "Engaged (%)"]


def summary_csv_rows(report):
    def cells(row):
        return [row.label, row.listed, row.engaged, row.not_engaged, row.percent]

    yield ["Total", *cells(report.total)]
    for breakdown in report.breakdowns:
        for row in breakdown.rows:
            yield [
                breakdown.title,
                row.label,
                row.listed,
                row.engaged,
                row.not_engaged,
                row.percent,
            ]
    for _quarter, row in report.trend:
        yield ["Trend by quarter", *cells(row)]
