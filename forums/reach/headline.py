"""The reach report's headline, read at a glance: how many organisations engaged in the
period, as a share of those listed, and the change on the period before, in words and
numbers ("42 organisations engaged, 18% of 230 listed; up 6 on last quarter (36)")."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    detail: str = ""


@dataclass(frozen=True)
class Headline:
    sentence: str
    figures: list  # [Figure]: engaged, share of listed, change


def change_words(change, previous_is_quarter):
    """ "up 6 on last quarter", "down 2 on last year", "no change on last quarter"."""
    if previous_is_quarter:
        words = {
            "up": _("up %(count)s on last quarter"),
            "down": _("down %(count)s on last quarter"),
            "same": _("no change on last quarter"),
        }
    else:
        words = {
            "up": _("up %(count)s on last year"),
            "down": _("down %(count)s on last year"),
            "same": _("no change on last year"),
        }
    direction = "up" if change > 0 else "down" if change < 0 else "same"
    return words[direction] % {"count": abs(change)}


def headline(report):
    """The headline of a ReachReport (forums/reach/report.py)."""
    total = report.total
    engaged = ngettext(
        "%(count)s organisation engaged", "%(count)s organisations engaged", total.engaged
    ) % {"count": total.engaged}
    share = _("%(percent)s of %(listed)s listed") % {
        "percent": total.percent_text,
        "listed": total.listed,
    }
    change = change_words(report.change, report.previous.is_quarter)
    sentence = _("%(engaged)s, %(share)s; %(change)s (%(previous)s).") % {
        "engaged": engaged,
        "share": share,
        "change": change,
        "previous": report.previous_engaged,
    }
    previous_label = (
        _("Change on last quarter") if report.previous.is_quarter else _("Change on last year")
    )
    signed = f"+{report.change}" if report.change > 0 else str(report.change)
    figures = [
        Figure(_("Organisations engaged"), str(total.engaged)),
        Figure(
            _("Share of listed organisations"),
            total.percent_text,
            ngettext("of %(count)s listed", "of %(count)s listed", total.listed)
            % {"count": total.listed},
        ),
        Figure(
            previous_label,
            signed.replace("-", "\u2212"),  # a minus sign, not a hyphen
            _("%(count)s in %(period)s")
            % {
                "count": report.previous_engaged,
                "period": report.previous.label,
            },
        ),
    ]
    return Headline(sentence=sentence, figures=figures)
