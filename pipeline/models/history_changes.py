"""What a publish would add to an opportunity's history, and how far its key dates moved.

Shared by the history rules (pipeline.opportunities.history, which appends entries) and the
admin form (which asks for a reason when there is a change to record): models never import a
feature folder, so the comparison lives here.
"""

import datetime

# Imported by pages.py (through the admin form), so the models are imported where used.


def key_dates_snapshot(values):
    """{field: "YYYY-MM-DD" or None} for every key date of a page (or a dict of values)."""
    from pipeline.models.pages import KEY_DATES

    get = values.get if isinstance(values, dict) else lambda name: getattr(values, name)
    return {name: (get(name).isoformat() if get(name) else None) for name in KEY_DATES}


def latest_entry(page):
    """The page's newest history entry, or None before its first publish."""
    from pipeline.models.records import StatusUpdate

    if page is None or page.pk is None:
        return None
    return StatusUpdate.objects.filter(opportunity=page).order_by("-recorded_at", "-pk").first()


def date_changes(before, after):
    """[{field, old, new}] for the key dates that differ between two snapshots, in the order
    the steps happen."""
    from pipeline.models.pages import KEY_DATES

    return [
        {"field": name, "old": before.get(name), "new": after.get(name)}
        for name in KEY_DATES
        if before.get(name) != after.get(name)
    ]


def needs_reason(latest, status, snapshot):
    """Whether publishing `status` and these key dates changes what the latest entry says
    (a new status or a moved date), so that the change must be explained."""
    if latest is None:
        return False
    return status != latest.status or bool(date_changes(latest.key_dates, snapshot))


def slip_days(old, new):
    """Days from the old date to the new one (negative: brought forward); None unless both
    are dates ("YYYY-MM-DD" strings or dates)."""
    if not old or not new:
        return None
    old, new = (datetime.date.fromisoformat(d) if isinstance(d, str) else d for d in (old, new))
    return (new - old).days
