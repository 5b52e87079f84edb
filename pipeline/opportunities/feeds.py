"""The pipeline's feeds: an iCalendar of every known key date of every live opportunity
(one all-day event each, with a stable UID), and an Atom feed of its public history (one
entry per status update). Links are on the configured root URL (`core.page_urls`): feeds
are read far from any request."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

import icalendar

from core.page_urls import absolute_url, page_absolute_url
from pipeline.models import KEY_DATES, OpportunityPage, OpportunityStatus, PipelineIndexPage
from pipeline.opportunities.listing import describe_change, key_date_label, recent_changes
from search.translations import one_version_each

PRODID = "-//Common Ground//Commissioning pipeline//EN"
FEED_ENTRIES = 50
FEED_DAYS = 365


def key_date_uid(opportunity, field):
    """Stable: names the opportunity and the key date, never its title or the date."""
    host = getattr(settings, "CALENDAR_UID_DOMAIN", "common-ground")
    return f"opportunity-{opportunity.pk}-{field.removesuffix('_on')}@{host}"


def _vevent(opportunity, field, day, url, now):
    vevent = icalendar.Event()
    vevent.add("uid", key_date_uid(opportunity, field))
    vevent.add("dtstamp", now)
    vevent.add("dtstart", day)
    vevent.add("dtend", day + datetime.timedelta(days=1))
    vevent.add("summary", f"{opportunity.title}: {key_date_label(field)}")
    status = opportunity.get_status_display()
    vevent.add("description", f"{_('Status')}: {status}\n\n{opportunity.summary}\n\n{url}")
    vevent.add("url", url)
    vevent.add("transp", "TRANSPARENT")
    if opportunity.status == OpportunityStatus.CANCELLED:
        vevent.add("status", "CANCELLED")
    if opportunity.last_published_at:
        vevent.add("last-modified", opportunity.last_published_at.astimezone(datetime.UTC))
    return vevent


def key_dates_calendar(opportunities, name, now=None):
    """An iCalendar (bytes): one all-day event per known key date of each opportunity."""
    now = (now or timezone.now()).astimezone(datetime.UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for opportunity in opportunities:
        url = page_absolute_url(opportunity)
        for field in KEY_DATES:
            day = getattr(opportunity, field)
            if day:
                calendar.add_component(_vevent(opportunity, field, day, url, now))
    return calendar.to_ical()


def calendar_opportunities():
    """Every live opportunity, once each, in the visitor's language where translated."""
    return one_version_each(OpportunityPage.objects.live()).order_by("pk")


def pipeline_title():
    index = PipelineIndexPage.objects.live().first()
    return index.localized.title if index else _("Commissioning pipeline")


class ChangesFeed(Feed):
    """Atom: each entry one public history entry, newest first, with its date."""

    feed_type = Atom1Feed

    def title(self):
        return _("%(pipeline)s: what changed") % {"pipeline": pipeline_title()}

    def subtitle(self):
        return _("Every change of status or key date, with its reason.")

    def link(self):
        index = PipelineIndexPage.objects.live().first()
        return page_absolute_url(index.localized) if index else absolute_url("/")

    def feed_url(self):
        return absolute_url(reverse("pipeline_changes_feed"))

    def items(self):
        return recent_changes(days=FEED_DAYS, limit=FEED_ENTRIES)

    def item_title(self, item):
        change = describe_change(item)
        return f"{item.opportunity.title}: {change['to']}"

    def item_description(self, item):
        return _change_text(describe_change(item))

    def item_link(self, item):
        return page_absolute_url(item.opportunity)

    def item_guid(self, item):
        return f"{page_absolute_url(item.opportunity)}#update-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.recorded_at

    def item_updateddate(self, item):
        return item.recorded_at


def _change_text(change):
    """The change in words, as plain text lines."""
    lines = []
    if change["is_new"]:
        lines.append(_("Added to the pipeline: %(status)s.") % {"status": change["to"]})
    elif change["status_changed"]:
        lines.append(
            _("Status changed from %(old)s to %(new)s.")
            % {"old": change["from"], "new": change["to"]}
        )
    for move in change["moves"]:
        lines.append(_move_text(move))
    if change["reason"]:
        lines.append(_("Reason: %(reason)s") % {"reason": change["reason"]})
    return "\n".join(lines)


def _move_text(move):
    label = move["label"][:1].upper() + move["label"][1:]
    if move["old"] and move["new"]:
        text = _("%(label)s: moved from %(old)s to %(new)s") % {
            "label": label,
            "old": move["old"].isoformat(),
            "new": move["new"].isoformat(),
        }
        if move["slip_days"]:
            later = (
                _("%(days)s days later") if move["slip_days"] > 0 else _("%(days)s days earlier")
            )
            text += f" ({later % {'days': move['slip_abs']}})"
        return text
    if move["new"]:
        return _("%(label)s: now expected on %(new)s") % {
            "label": label,
            "new": move["new"].isoformat(),
        }
    return _("%(label)s: no longer expected on %(old)s") % {
        "label": label,
        "old": move["old"].isoformat() if move["old"] else "",
    }
