"""The public history of an opportunity: one dated entry each time it is published with a
new status, moved key dates or a new promised update; never rewritten.

History is kept on the page in the site's default language; its translations (the Welsh
page) show that history and never add to it.
"""

from django.utils import timezone

from wagtail.models import Locale

from pipeline.models import OpportunityPage, StatusUpdate
from pipeline.models.history_changes import date_changes, key_dates_snapshot, latest_entry


def default_language_version(page):
    """The version of `page` in the site's default language (the page itself when it is in
    it, or has no such version)."""
    default = Locale.get_default()
    if page.locale_id == default.pk:
        return page
    return (
        OpportunityPage.objects.filter(translation_key=page.translation_key, locale=default).first()
        or page
    )


def history_of(page):
    """The public history shown on `page` (or its translation), oldest first."""
    return StatusUpdate.objects.filter(opportunity=default_language_version(page)).order_by(
        "recorded_at", "pk"
    )


def record_publish(page, user=None, now=None):
    """Append the entry this publish makes, if any: the first publish adds the opportunity to
    the pipeline; later ones record a new status, moved key dates or a new promised update,
    with the page's reason. Returns the new entry, or None when nothing changed (a typo
    fix) or the page is a translation."""
    if page.locale_id != Locale.get_default().pk:
        return None
    snapshot = key_dates_snapshot(page)
    latest = latest_entry(page)
    entry = StatusUpdate(
        opportunity=page,
        recorded_at=now or timezone.now(),
        status=page.status,
        reason=(page.change_reason or "").strip(),
        key_dates=snapshot,
        next_update_on=page.next_update_on,
        recorded_by=user,
    )
    if latest is not None:
        moved = date_changes(latest.key_dates, snapshot)
        unchanged = page.status == latest.status and page.next_update_on == latest.next_update_on
        if unchanged and not moved:
            return None
        entry.previous_status = latest.status
        entry.date_changes = moved
    entry.save()
    return entry


def holds_published_history(page):
    """Whether deleting `page` would delete published history (its own, or that of an
    opportunity below it, as under the pipeline's index): history is never deleted."""
    return StatusUpdate.objects.filter(opportunity__path__startswith=page.path).exists()
