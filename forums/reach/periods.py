"""The reach report's periods: financial quarters and years (1 April to 31 March), in
Europe/London time. A quarter's report is compared with the quarter before it, a year's with
the year before; the trend shows the quarters up to the one viewed."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

QUARTER_MONTHS = {1: 4, 2: 7, 3: 10, 4: 1}  # the calendar month each financial quarter starts

# How many quarters a quarter's trend shows, the quarter itself last.
TREND_QUARTERS = 6


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

    @property
    def is_quarter(self):
        return "-q" in self.slug

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
    """The financial quarter holding `today` (by default, today in London)."""
    today = today or timezone.localdate()
    start_year = financial_year_starting(today)
    for quarter in quarters_of_year(start_year):
        if quarter.contains(today):
            return quarter
    raise AssertionError("every day falls in a quarter")


def previous_period(period):
    """The period of the same length just before `period`: the quarter before a quarter,
    the financial year before a year."""
    if period.is_quarter:
        return current_quarter(period.start - datetime.timedelta(days=1))
    return financial_year(period.year_start - 1)


def trend_quarters(period, today):
    """The quarters a report's trend shows, oldest first, none still to begin: a year's own
    quarters; for a quarter, the TREND_QUARTERS quarters ending with it."""
    if not period.is_quarter:
        return [q for q in quarters_of_year(period.year_start) if q.start <= today]
    quarters = [period]
    while len(quarters) < TREND_QUARTERS:
        quarters.insert(0, previous_period(quarters[0]))
    return [q for q in quarters if q.start <= today]


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
