"""The pipeline's public listing: opportunities by financial quarter for the next 18 months,
the filters that narrow it, and what changed recently.

Financial quarters are the UK's, from 1 April: April to June is the first quarter of a
financial year. Each live opportunity is placed by its next relevant key date: when it
opens, else when it closes, else when the service starts (the first of these still to
come); one with none of these dates known is "Date not yet known".
"""

import datetime

from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pipeline.models import KEY_DATES, OpportunityPage, OpportunityStatus, StatusUpdate

HORIZON_MONTHS = 18
# An income threshold under this still lets a small organisation bid.
SMALL_ORGANISATION_INCOME = 500_000
PLACEMENT_DATES = ("opens_on", "closes_on", "starts_on")
RECENT_DAYS = 30
RECENT_LIMIT = 20


def quarter_start(day):
    """The first day of the UK financial quarter holding `day` (quarters from 1 April)."""
    month = ((day.month - 4) % 12) // 3 * 3 + 4
    month = month if month <= 12 else month - 12
    return datetime.date(day.year, month, 1)


def add_months(day, months):
    """The first of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def quarter_label(start):
    """ "April to June 2027 (quarter 1 of 2027 to 2028)"."""
    end = add_months(start, 2)
    first_year = start.year if start.month >= 4 else start.year - 1
    return _("%(start)s to %(end)s (quarter %(number)s of %(first)s to %(second)s)") % {
        "start": date_format(start, "F"),
        "end": date_format(end, "F Y"),
        "number": (start.month - 4) % 12 // 3 + 1,
        "first": first_year,
        "second": first_year + 1,
    }


def quarters_ahead(today):
    """The first days of the quarters from `today`'s to the one 18 months on."""
    last = quarter_start(add_months(today, HORIZON_MONTHS))
    start, quarters = quarter_start(today), []
    while start <= last:
        quarters.append(start)
        start = add_months(start, 3)
    return quarters


def placement_date(opportunity, today):
    """The key date that places `opportunity` in a quarter: the first of opens, closes and
    starts still to come; None when none is known. When all known ones have passed, the
    last of them (it falls before the listing's first quarter)."""
    known = [getattr(opportunity, name) for name in PLACEMENT_DATES]
    known = [day for day in known if day]
    if not known:
        return None
    upcoming = [day for day in known if day >= today]
    return upcoming[0] if upcoming else known[-1]


def open_to_small_organisations(queryset):
    """Opportunities a small organisation can bid for, or take part in: no income threshold,
    a threshold under £500,000, or subcontracting offered."""
    return queryset.filter(
        Q(income_threshold__isnull=True)
        | Q(income_threshold__lt=SMALL_ORGANISATION_INCOME)
        | Q(subcontracting_offered=True)
    )


def in_region(queryset, region_slug):
    """Opportunities in the region (by its slug, in any language), national ones included."""
    through = OpportunityPage.regions.through
    linked = through.objects.filter(opportunitypage_id=OuterRef("pk"), region__slug=region_slug)
    return queryset.filter(Q(is_national=True) | Exists(linked))


def in_category(queryset, category_slug):
    through = OpportunityPage.categories.through
    linked = through.objects.filter(
        opportunitypage_id=OuterRef("pk"), servicecategory__slug=category_slug
    )
    return queryset.filter(Exists(linked))


def filtered(queryset, filters):
    """`queryset` narrowed by every filter given (they combine); `filters` holds only valid
    values (see `pipeline.opportunities.filters.valid_filters`)."""
    if filters.get("region"):
        queryset = in_region(queryset, filters["region"])
    if filters.get("category"):
        queryset = in_category(queryset, filters["category"])
    if filters.get("kind"):
        queryset = queryset.filter(kind=filters["kind"])
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    if filters.get("small"):
        queryset = open_to_small_organisations(queryset)
    return queryset


def with_last_updated(queryset):
    """Each opportunity with `last_updated`: its latest history entry, else its last publish."""
    latest = StatusUpdate.objects.filter(opportunity=OuterRef("pk")).order_by("-recorded_at", "-pk")
    return queryset.annotate(
        last_updated=Coalesce(Subquery(latest.values("recorded_at")[:1]), "last_published_at")
    )


def listed_opportunities(index_page, filters=None):
    """The index's live opportunities, filtered, with their regions and last update: a fixed
    number of queries however many there are."""
    queryset = OpportunityPage.objects.live().child_of(index_page)
    queryset = filtered(queryset, filters or {})
    return with_last_updated(queryset).prefetch_related("regions").order_by("title", "pk")


def by_quarter(opportunities, today=None):
    """[{"start", "label", "opportunities"}] for each quarter of the next 18 months (empty
    ones included, so a visitor sees nothing is expected then), then "Date not yet known"
    when some have no dates. Opportunities whose dates have all passed, or fall later than
    18 months on, are not listed."""
    today = today or timezone.localdate()
    starts = quarters_ahead(today)
    groups = {start: [] for start in starts}
    unknown = []
    for opportunity in opportunities:
        day = placement_date(opportunity, today)
        if day is None:
            unknown.append(opportunity)
        elif quarter_start(day) in groups:
            groups[quarter_start(day)].append((day, opportunity))
    quarters = [
        {
            "start": start,
            "label": quarter_label(start),
            "opportunities": [item for _day, item in sorted(groups[start], key=_by_day)],
        }
        for start in starts
    ]
    if unknown:
        quarters.append({"start": None, "label": _("Date not yet known"), "opportunities": unknown})
    return quarters


def _by_day(pair):
    day, opportunity = pair
    return (day, opportunity.title, opportunity.pk)


def regions_text(opportunity):
    """ "National", or the opportunity's regions (prefetched) in their order."""
    if opportunity.is_national:
        return _("National")
    names = [region.name for region in sorted(opportunity.regions.all(), key=_term_order)]
    return ", ".join(names) if names else _("Not yet known")


def _term_order(term):
    return (term.sort_order, term.name)


def value_text(opportunity):
    """ "£100,000 to £250,000", "Up to £250,000", "From £100,000" or "Not yet known"."""
    low, high = opportunity.value_min, opportunity.value_max
    if low and high and low != high:
        return _("£%(low)s to £%(high)s") % {"low": f"{low:,}", "high": f"{high:,}"}
    if high:
        return _("Up to £%(high)s") % {"high": f"{high:,}"} if not low else f"£{high:,}"
    if low:
        return _("From £%(low)s") % {"low": f"{low:,}"}
    return _("Not yet known")


def recent_changes(index_page=None, now=None, days=RECENT_DAYS, limit=RECENT_LIMIT):
    """The latest history entries of live opportunities (of `index_page`, when given) from
    the last `days` days, newest first, with their opportunity."""
    now = now or timezone.now()
    live = OpportunityPage.objects.live()
    if index_page is not None:
        live = live.descendant_of(index_page)
    entries = StatusUpdate.objects.filter(
        opportunity__in=live.values("pk"), recorded_at__gte=now - datetime.timedelta(days=days)
    )
    return entries.select_related("opportunity").order_by("-recorded_at", "-pk")[:limit]


def status_label(value):
    return OpportunityStatus(value).label if value in OpportunityStatus.values else value


def key_date_label(field):
    """ "closes", "service starts": the key date's name, for sentences."""
    if field not in KEY_DATES:
        return field
    return str(OpportunityPage._meta.get_field(field).verbose_name)


def _as_date(value):
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def moved_dates(entry):
    """Each key date an entry moved: {"label", "old", "new", "slip_days"} (dates or None;
    slip_days positive when later, negative when earlier, None unless both are known;
    slip_abs its size)."""
    moves = []
    for change in entry.date_changes or []:
        old, new = _as_date(change.get("old")), _as_date(change.get("new"))
        slip = (new - old).days if old and new else None
        moves.append(
            {
                "label": key_date_label(change.get("field")),
                "old": old,
                "new": new,
                "slip_days": slip,
                "slip_abs": abs(slip) if slip is not None else None,
            }
        )
    return moves


def describe_change(entry):
    """An entry in words: {"entry", "opportunity", "is_new", "status_changed", "from", "to",
    "moves", "reason"}."""
    return {
        "entry": entry,
        "opportunity": entry.opportunity,
        "is_new": not entry.previous_status,
        "status_changed": bool(entry.previous_status) and entry.previous_status != entry.status,
        "from": status_label(entry.previous_status) if entry.previous_status else "",
        "to": status_label(entry.status),
        "moves": moved_dates(entry),
        "reason": entry.reason,
    }
