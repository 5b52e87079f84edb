"""When a service is open: opening times per day of the week, shaped after Open Referral UK's
`schedule` (one weekly schedule per row: `byday`, `opens_at`, `closes_at`).

A day may have more than one range (9am to 12:30pm and 1:30pm to 5pm); a day without any is
closed, once the service gives any opening times at all. A closing time of midnight (00:00)
means the end of the day. Anything a week cannot say ("closed on bank holidays") goes in the
service's note on opening hours.
"""

import datetime
import functools
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.compare import TextFieldComparison
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel

MIDNIGHT = datetime.time(0, 0)
MIDDAY = datetime.time(12, 0)


class Weekday(models.IntegerChoices):
    """Days as Python numbers them (`date.weekday()`), with Open Referral UK's `byday` code."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")

    @property
    def byday(self):
        return ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[self.value]


def minutes_from_midnight(value, closing=False):
    """A time as minutes since the day began; a closing time of midnight is the day's end."""
    if closing and value == MIDNIGHT:
        return 24 * 60
    return value.hour * 60 + value.minute


def closing_time_error(opens_at, closes_at):
    """The message for a range that does not close after it opens, or None."""
    if opens_at is None or closes_at is None:
        return None
    if minutes_from_midnight(closes_at, closing=True) <= minutes_from_midnight(opens_at):
        return _("The closing time must be after the opening time")
    return None


def overlapping_ranges(ranges):
    """The ranges, as given, that start before an earlier range on the same day has closed.

    `ranges` are (weekday, opens_at, closes_at) tuples, in any order."""
    overlapping = []
    by_day = {}
    for item in ranges:
        by_day.setdefault(item[0], []).append(item)
    for day_ranges in by_day.values():
        day_ranges.sort(key=lambda item: minutes_from_midnight(item[1]))
        latest_close = None
        for item in day_ranges:
            if latest_close is not None and minutes_from_midnight(item[1]) < latest_close:
                overlapping.append(item)
            closes = minutes_from_midnight(item[2], closing=True)
            latest_close = closes if latest_close is None else max(latest_close, closes)
    return overlapping


OVERLAP_MESSAGE = _("Opening times on the same day must not overlap")


def mark_overlapping_rows(formset):
    """In the admin's inline panel: the overlap message on each row that starts before an
    earlier row on its day has closed. (Each row checks its own closing time.)"""
    if formset is None:
        return
    ranges = []
    for form in formset.forms:
        # Rows with errors of their own are left out: their times may be missing or wrong.
        if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE"):
            row = form.cleaned_data
            ranges.append((row["weekday"], row["opens_at"], row["closes_at"], form))
    for overlapping in overlapping_ranges(ranges):
        overlapping[3].add_error("opens_at", OVERLAP_MESSAGE)


TIME_PATTERN = re.compile(
    r"^(?P<hour>\d{1,2})(?:[:.]?(?P<minute>\d{2}))?(?::\d{2})?\s*(?P<half>am|pm|a\.m\.|p\.m\.)?$"
)


def parse_time(text):
    """A time as people write it ("9am", "5:30pm", "17:30", "0915", "midday"), or None.

    Raises ValueError for text that is not a time."""
    text = " ".join((text or "").lower().split())
    if not text:
        return None
    if text in {"midday", "noon", "12 noon"}:
        return MIDDAY
    if text == "midnight":
        return MIDNIGHT
    match = TIME_PATTERN.match(text)
    if match is None:
        raise ValueError(text)
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    half = (match["half"] or "").replace(".", "")
    if (hour, minute, half) == (24, 0, ""):
        return MIDNIGHT
    if half:
        if not 1 <= hour <= 12:
            raise ValueError(text)
        hour = hour % 12 + (12 if half == "pm" else 0)
    return datetime.time(hour, minute)  # ValueError when out of range


def format_time(value):
    """A time in GOV.UK style: 9am, 5:30pm, midday, midnight."""
    if value == MIDNIGHT:
        return gettext("midnight")
    if value == MIDDAY:
        return gettext("midday")
    return time_as_typed(value)


def time_as_typed(value):
    """A time for a form box, in words `parse_time` reads back in any language ("" if None)."""
    if value is None:
        return ""
    suffix = "am" if value.hour < 12 else "pm"
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{value.hour % 12 or 12}{minutes}{suffix}"


def format_range(opens_at, closes_at):
    if opens_at == MIDNIGHT and closes_at == MIDNIGHT:
        return gettext("Open all day")
    return gettext("%(opens)s to %(closes)s") % {
        "opens": format_time(opens_at),
        "closes": format_time(closes_at),
    }


def opening_week(opening_hours, today=None):
    """Seven days from Monday, each with its ranges as text ("9am to 5pm"), whether it is
    closed and whether it is `today` (a weekday number). Empty when no times are given."""
    opening_hours = sorted(
        opening_hours, key=lambda row: (row.weekday, minutes_from_midnight(row.opens_at))
    )
    if not opening_hours:
        return []
    week = []
    for day in Weekday:
        ranges = [
            format_range(row.opens_at, row.closes_at) for row in opening_hours if row.weekday == day
        ]
        week.append({"day": day, "ranges": ranges, "closed": not ranges, "is_today": day == today})
    return week


def week_as_text(page):
    """A page's week as one line ("Monday: 9am to 5pm; Tuesday: Closed; …"), "" if none."""
    return "; ".join(
        f"{day['day'].label}: {', '.join(day['ranges']) or gettext('Closed')}"
        for day in opening_week(page.opening_hours.all())
    )


class OpeningHoursComparison(TextFieldComparison):
    """Two versions' weeks compared as text, so whoever reviews a change (a moderator, or the
    admin's revision history) reads it day by day rather than row by row."""

    def __init__(self, obj_a, obj_b, label):
        self.label = label
        self.val_a = week_as_text(obj_a)
        self.val_b = week_as_text(obj_b)

    def field_label(self):
        return str(self.label)


class OpeningHoursPanel(InlinePanel):
    """The rows of opening times in the admin, compared between versions as one week."""

    def __init__(self, relation_name="opening_hours", **kwargs):
        super().__init__(relation_name, **kwargs)

    class BoundPanel(InlinePanel.BoundPanel):
        def get_comparison(self):
            return [functools.partial(OpeningHoursComparison, label=_("Opening hours"))]


class ServiceOpeningHours(models.Model):
    """One range of opening times on one day of the week: an Open Referral UK weekly schedule."""

    service = ParentalKey(
        "directory.ServicePage", on_delete=models.CASCADE, related_name="opening_hours"
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens_at = models.TimeField(_("opens"))
    closes_at = models.TimeField(
        _("closes"), help_text=_("00:00 means midnight, at the end of the day.")
    )

    panels = [
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens_at"), FieldPanel("closes_at")])
    ]

    class Meta:
        ordering = ["weekday", "opens_at"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def __str__(self):
        return f"{Weekday(self.weekday).label}: {format_range(self.opens_at, self.closes_at)}"

    def clean(self):
        super().clean()
        message = closing_time_error(self.opens_at, self.closes_at)
        if message:
            raise ValidationError({"closes_at": message})

    @property
    def byday(self):
        """Open Referral UK's `byday` for this row ("MO" to "SU")."""
        return Weekday(self.weekday).byday
