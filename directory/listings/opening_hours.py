"""The opening hours part of the service form: for each day, the times it opens and closes
(a second pair for a break), a day left empty being closed, and one note. No JavaScript: a
day shows two pairs of boxes, or as many as its saved times need."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import Weekday
from directory.models.opening_hours import (
    closing_time_error,
    overlapping_ranges,
    parse_time,
    time_as_typed,
)


def hours_field(day, end, slot):
    return f"{Weekday(day).name.lower()}_{end}_{slot}"


HOURS_FIELD = re.compile(r"^[a-z]+_(opens|closes)_\d+$")
HOURS_LABELS = {
    ("opens", False): _("Opens"),
    ("closes", False): _("Closes"),
    ("opens", True): _("Opens again"),
    ("closes", True): _("Closes again"),
}
HOURS_ERRORS = {
    ("opens", "format"): _("Enter %(day)s’s opening time like 9am or 1:30pm"),
    ("closes", "format"): _("Enter %(day)s’s closing time like 5pm or 12:30pm"),
    ("opens", "missing"): _("Enter the time the service opens on %(day)s"),
    ("closes", "missing"): _("Enter the time the service closes on %(day)s"),
    ("closes", "order"): _("%(day)s’s closing time must be after its opening time"),
}


class OpeningHoursFields(forms.Form):
    """Fields `monday_opens_1`, `monday_closes_1`, `monday_opens_2`… and the note; the
    valid times are `cleaned_data["opening_hours"]`, (weekday, opens, closes) each."""

    opening_hours_note = forms.CharField(
        label=_("Anything else about opening hours (optional)"),
        help_text=_("For example: closed on bank holidays; drop-in on Tuesday afternoons."),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "class": "govuk-!-width-full"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        named = set(self.data) | set(self.initial)
        self.hours_slots = {}
        for day in Weekday:
            count = 2
            while hours_field(day, "opens", count + 1) in named:
                count += 1
            self.hours_slots[day] = range(1, count + 1)
            for slot in self.hours_slots[day]:
                for end in ("opens", "closes"):
                    self.fields[hours_field(day, end, slot)] = forms.CharField(
                        label=HOURS_LABELS[(end, slot > 1)],
                        required=False,
                        max_length=20,
                        widget=forms.TextInput(
                            attrs={"class": "govuk-input--width-5", "autocomplete": "off"}
                        ),
                    )

    def hours_fields(self):
        """For the template: one dict per day, with its pairs of bound fields and the fields
        among them that have errors (shown together under the day's legend)."""
        days = []
        for day, slots in self.hours_slots.items():
            pairs = [
                (self[hours_field(day, "opens", slot)], self[hours_field(day, "closes", slot)])
                for slot in slots
            ]
            wrong = [field for pair in pairs for field in pair if field.errors]
            days.append({"day": day, "slots": pairs, "fields_with_errors": wrong})
        return days

    def other_fields(self):
        """Every field but the opening hours, in the form's order."""
        return [
            field
            for field in self
            if not HOURS_FIELD.match(field.name) and field.name != "opening_hours_note"
        ]

    def clean(self):
        cleaned_data = super().clean()
        ranges = []
        for day, slots in self.hours_slots.items():
            for slot in slots:
                found = self._clean_pair(day, slot)
                if found:
                    ranges.append((day, *found, slot))
        for day, _opens, _closes, slot in overlapping_ranges(ranges):
            self.add_error(
                hours_field(day, "opens", slot),
                _("%(day)s’s opening times must not overlap") % {"day": day.label},
            )
        cleaned_data["opening_hours"] = [item[:3] for item in ranges]
        return cleaned_data

    def _clean_pair(self, day, slot):
        """(opens, closes) for one pair, None if it is empty or wrong (an error is added)."""
        times = {}
        for end in ("opens", "closes"):
            name = hours_field(day, end, slot)
            try:
                times[end] = parse_time(self.cleaned_data.get(name))
            except ValueError:
                self.add_error(name, HOURS_ERRORS[end, "format"] % {"day": day.label})
                return None
        if times["opens"] is None and times["closes"] is None:
            return None
        for end in ("opens", "closes"):
            if times[end] is None:
                name = hours_field(day, end, slot)
                self.add_error(name, HOURS_ERRORS[end, "missing"] % {"day": day.label})
                return None
        if closing_time_error(times["opens"], times["closes"]):
            self.add_error(
                hours_field(day, "closes", slot),
                HOURS_ERRORS["closes", "order"] % {"day": day.label},
            )
            return None
        return times["opens"], times["closes"]


def opening_hours_initial(opening_hours):
    """Saved opening times as the form shows them, "" for an empty box (never None)."""
    initial = {}
    by_day = {day: [] for day in Weekday}
    for row in sorted(opening_hours, key=lambda row: (row.weekday, row.opens_at)):
        by_day[row.weekday].append(row)
    for day, rows in by_day.items():
        for slot in range(1, max(2, len(rows)) + 1):
            row = rows[slot - 1] if slot <= len(rows) else None
            initial[hours_field(day, "opens", slot)] = time_as_typed(row and row.opens_at)
            initial[hours_field(day, "closes", slot)] = time_as_typed(row and row.closes_at)
    return initial
