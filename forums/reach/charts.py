"""The reach report's bar charts, worked out on the server and drawn as inline SVG by
templates/forums/admin/reach/bar_chart.html (no JavaScript).

One horizontal bar per row: the row's label (wrapped to lines a phone can show) with its
value after it in bold, then the bar. Bars are scaled so the largest value fills the width,
a real value always gets a bar long enough to see, and a zero or missing value gets none.
Widths are percentages of the chart's width (the SVG is as wide as its container, so a
phone and a desktop draw the same chart); heights are pixels. Every coordinate is text, so
the template never formats a number for the language in use.

The chart is an image with a title and a description; its table, which the report shows
beside it, is the equivalent for anyone who cannot see it.
"""

import textwrap
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

LINE_HEIGHT = 20  # one line of label text (14px type)
BAR_HEIGHT = 16
ROW_GAP = 12
LABEL_CHARACTERS = 44  # a line of label text that fits a 390px-wide phone
MIN_BAR_PERCENT = 2.0  # the shortest bar for a real value


@dataclass(frozen=True)
class TextLine:
    text: str
    y: str  # the baseline
    value: str = ""  # the row's value, shown in bold after the text on the label's last line


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    lines: list  # [TextLine]
    y: str
    width: str  # a percentage of the chart's width, "" for no bar


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    height: str
    bar_height: str
    bars: list  # [Bar]


def bar_width(value, largest):
    """The bar's width as a percentage of the chart's, the largest value filling it: None
    for a zero or missing value, at least MIN_BAR_PERCENT for any other."""
    if not value or not largest:
        return None
    return max(MIN_BAR_PERCENT, 100 * value / largest)


def label_lines(label, value_text, characters=LABEL_CHARACTERS):
    """[(text, value)]: the label wrapped to lines of at most `characters`, the value after
    it on its last line when it fits there, else on a line of its own."""
    lines = textwrap.wrap(label, characters) or [""]
    if len(lines[-1]) + 1 + len(value_text) <= characters:
        return [(text, "") for text in lines[:-1]] + [(lines[-1], value_text)]
    return [(text, "") for text in lines] + [("", value_text)]


def bar_chart(chart_id, title, description, rows):
    """A Chart of `rows`, [(label, value or None, value text)], in their order."""
    largest = max((value or 0 for _label, value, _text in rows), default=0)
    bars, y = [], 0
    for label, value, value_text in rows:
        lines = []
        for text, value_on_line in label_lines(label, value_text):
            y += LINE_HEIGHT
            lines.append(TextLine(text, str(y - 5), value_on_line))
        width = bar_width(value, largest)
        bars.append(
            Bar(
                label=label,
                value_text=value_text,
                lines=lines,
                y=str(y + 2),
                width="" if width is None else f"{width:.2f}",
            )
        )
        y += 2 + BAR_HEIGHT + ROW_GAP
    return Chart(
        id=chart_id,
        title=title,
        description=description,
        height=str(max(y - ROW_GAP + 2, 0)),
        bar_height=str(BAR_HEIGHT),
        bars=bars,
    )


# The report's charts


def _largest(rows, value):
    """The row with the largest `value(row)`, or None when every value is zero or missing."""
    found = max(rows, key=lambda row: value(row) or 0, default=None)
    return found if found is not None and value(found) else None


def _share_text(row):
    if row.percent is None:
        return _("%(none)s (none listed)") % {"none": row.percent_text}
    return _("%(percent)s (%(engaged)s of %(listed)s)") % {
        "percent": row.percent_text,
        "engaged": row.engaged,
        "listed": row.listed,
    }


def breakdown_chart(breakdown, chart_id):
    """The share of each group's listed organisations that engaged, as bars."""
    rows = [(row.label, row.percent, _share_text(row)) for row in breakdown.rows]
    top = _largest(breakdown.rows, lambda row: row.percent)
    if top is None:
        summary = _("No group has an organisation that engaged.")
    else:
        summary = _("The largest share is %(percent)s: %(label)s.") % {
            "percent": top.percent_text,
            "label": top.label,
        }
    description = " ".join(
        [
            _("Bar chart of the share of listed organisations that engaged, by group."),
            summary,
            _("The table after the chart gives every figure."),
        ]
    )
    title = _("%(breakdown)s: share engaged") % {"breakdown": breakdown.title}
    return bar_chart(chart_id, title, description, rows)


def trend_chart(trend, chart_id):
    """Organisations engaged in each quarter of the trend ([(quarter, Row)]), as bars."""
    rows = [
        (
            row.label,
            row.engaged,
            ngettext("%(count)s organisation", "%(count)s organisations", row.engaged)
            % {"count": row.engaged},
        )
        for _quarter, row in trend
    ]
    top = _largest([row for _quarter, row in trend], lambda row: row.engaged)
    if top is None:
        summary = _("No organisation engaged in these quarters.")
    else:
        summary = ngettext(
            "The most was %(count)s organisation, in %(quarter)s.",
            "The most was %(count)s organisations, in %(quarter)s.",
            top.engaged,
        ) % {"count": top.engaged, "quarter": top.label}
    description = " ".join(
        [
            _("Bar chart of the organisations engaged in each quarter, oldest first."),
            summary,
            _("The table after the chart gives every figure."),
        ]
    )
    return bar_chart(chart_id, _("Organisations engaged by quarter"), description, rows)
