"""What an opportunity page shows, in plain words: its value, eligibility, key dates (with
how far each moved) and its public history, newest first."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pipeline.models import KEY_DATES, DocumentKind, OpportunityPage, OpportunityStatus
from pipeline.models.history_changes import slip_days
from pipeline.opportunities.history import history_of


def money(value):
    return f"£{value:,}"


def value_range(page):
    """ "£X to £Y", "Up to £Y", "From £X", "£X" or "" when no value is given."""
    low, high = page.value_min, page.value_max
    if low and high:
        if low == high:
            return money(low)
        return _("%(low)s to %(high)s") % {"low": money(low), "high": money(high)}
    if high:
        return _("Up to %(high)s") % {"high": money(high)}
    if low:
        return _("From %(low)s") % {"low": money(low)}
    return ""


def duration(page):
    months = page.duration_months
    if not months:
        return ""
    return ngettext("%(count)d month", "%(count)d months", months) % {"count": months}


def who_may_bid(page):
    roles = [
        (page.open_to_lead_providers, _("Lead providers")),
        (page.open_to_partners, _("Partners in a bid led by another organisation")),
        (page.subcontracting_offered, _("Subcontractors (subcontracting is offered)")),
    ]
    return [label for offered, label in roles if offered]


def date_label(field):
    label = str(OpportunityPage._meta.get_field(field).verbose_name)
    return label[:1].upper() + label[1:]


def _as_date(value):
    return datetime.date.fromisoformat(value) if value else None


def slip_words(days):
    if days is None:
        return ""
    if days >= 0:
        return ngettext("%(count)d day later", "%(count)d days later", days) % {"count": days}
    days = -days
    return ngettext("%(count)d day earlier", "%(count)d days earlier", days) % {"count": days}


def moves(entry):
    """The key dates an entry moved: label, old and new dates, and the slip in words."""
    return [
        {
            "field": change["field"],
            "label": date_label(change["field"]),
            "old": _as_date(change["old"]),
            "new": _as_date(change["new"]),
            "slip": slip_words(slip_days(change["old"], change["new"])),
        }
        for change in entry.date_changes
    ]


def key_dates(page, entries):
    """Each key date that is set, with the date it moved from most recently (if it moved)."""
    rows = []
    for field in KEY_DATES:
        date = getattr(page, field)
        if not date:
            continue
        row = {"field": field, "label": date_label(field), "date": date, "moved_from": None}
        for entry in reversed(entries):
            change = next((c for c in entry.date_changes if c["field"] == field), None)
            if change and change["new"] == date.isoformat() and change["old"]:
                row["moved_from"] = _as_date(change["old"])
                row["slip"] = slip_words(slip_days(change["old"], date))
                break
        rows.append(row)
    return rows


def timeline(entries):
    """The public history, newest first."""
    items = []
    for position, entry in enumerate(entries):
        items.append(
            {
                "entry": entry,
                "added": position == 0,
                "status": entry.get_status_display(),
                "status_changed": position > 0 and entry.status != entry.previous_status,
                "moves": moves(entry),
            }
        )
    return items[::-1]


def delay_notice(page, latest, today=None):
    """For a delayed opportunity: days since its last update, the promised date of the next
    one and whether that date has passed."""
    if page.status != OpportunityStatus.DELAYED:
        return None
    today = today or timezone.localdate()
    since = (today - timezone.localdate(latest.recorded_at)).days if latest else None
    promised = page.next_update_on
    return {
        "days_since": since,
        "next_update_on": promised,
        "overdue": bool(promised and promised < today),
    }


def documents(page):
    """Modelling documents first, then the rest, each in the editor's order."""
    items = list(page.documents.select_related("document"))
    return sorted(items, key=lambda item: item.kind != DocumentKind.MODELLING)


def shaped_by(page):
    linked = [link.page for link in page.shaped_by.select_related("page")]
    return [linked_page.localized.specific for linked_page in linked if linked_page.live]


def opportunity_context(page, today=None):
    entries = list(history_of(page))
    latest = entries[-1] if entries else None
    return {
        "value_range": value_range(page),
        "duration": duration(page),
        "who_may_bid": who_may_bid(page),
        "led_by_and_for": [term.localized.name for term in page.led_by_and_for_only.all()],
        "regions": [term.localized.name for term in page.regions.all()],
        "categories": [term.localized.name for term in page.categories.all()],
        "key_dates": key_dates(page, entries),
        "timeline": timeline(entries),
        "last_updated": latest.recorded_at if latest else None,
        "delay": delay_notice(page, latest, today),
        "documents": documents(page),
        "shaped_by": shaped_by(page),
    }
