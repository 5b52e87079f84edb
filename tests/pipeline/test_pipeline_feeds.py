"""The pipeline's feeds parse (icalendar, feedparser) and hold what they should: one all-day
event per known key date of each live opportunity, with a stable UID and an absolute link;
one Atom entry per history entry, with its date, its change in words and absolute links."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

import feedparser
import icalendar
import pytest

from pipeline.models import StatusUpdate
from tests.factories import OpportunityPageFactory
from tests.pipeline.listing_helpers import make_pipeline

pytestmark = pytest.mark.django_db

BASE = settings.WAGTAILADMIN_BASE_URL.rstrip("/")


@pytest.fixture
def pipeline(db):
    return make_pipeline()


def _events(client):
    response = client.get(reverse("pipeline_key_dates"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(vevent["uid"]): vevent for vevent in calendar.walk("VEVENT")}


def test_key_dates_calendar_has_one_all_day_event_per_known_date(client, pipeline):
    closes = timezone.localdate() + datetime.timedelta(days=60)
    grant = OpportunityPageFactory(
        title="Women's centres grant", closes_on=closes, market_engagement_on=None
    )
    OpportunityPageFactory(title="Draft", live=False)

    events = _events(client)

    assert len(events) == 4  # opens, closes, decision, starts; no market engagement
    closing = events[f"opportunity-{grant.pk}-closes@common-ground"]
    assert str(closing["summary"]) == "Women's centres grant: closes"
    assert closing.decoded("dtstart") == closes
    assert closing.decoded("dtend") == closes + datetime.timedelta(days=1)
    assert str(closing["url"]) == f"{BASE}{grant.url}"
    assert str(closing["url"]).startswith("http://testserver/")
    assert "Draft" not in " ".join(str(event["summary"]) for event in events.values())


def test_key_date_uids_stay_the_same_when_the_title_and_date_change(client, pipeline):
    grant = OpportunityPageFactory(title="Before")
    before = set(_events(client))
    grant.title = "After"
    grant.closes_on = grant.closes_on + datetime.timedelta(days=7)
    grant.save()
    events = _events(client)
    assert set(events) == before
    assert str(events[f"opportunity-{grant.pk}-closes@common-ground"]["summary"]) == (
        "After: closes"
    )


def test_cancelled_opportunities_say_so_in_the_calendar(client, pipeline):
    grant = OpportunityPageFactory(status="cancelled")
    assert str(_events(client)[f"opportunity-{grant.pk}-opens@common-ground"]["status"]) == (
        "CANCELLED"
    )


def _feed(client):
    response = client.get(reverse("pipeline_changes_feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_changes_feed_has_an_entry_per_status_update(client, pipeline):
    now = timezone.now()
    grant = OpportunityPageFactory(title="Led by and for grant")
    StatusUpdate.objects.create(
        opportunity=grant, status="planned", recorded_at=now - datetime.timedelta(days=10)
    )
    StatusUpdate.objects.create(
        opportunity=grant,
        status="delayed",
        previous_status="planned",
        reason="The panel needs more time.",
        date_changes=[{"field": "closes_on", "old": "2027-01-31", "new": "2027-03-15"}],
        recorded_at=now - datetime.timedelta(days=1),
    )
    hidden = OpportunityPageFactory(title="Unpublished", live=False)
    StatusUpdate.objects.create(opportunity=hidden, status="planned")

    feed = _feed(client)

    assert feed.feed.link == f"{BASE}{pipeline.url}"
    assert [entry.title for entry in feed.entries] == [
        "Led by and for grant: Delayed",
        "Led by and for grant: Planned",
    ]
    delayed, added = feed.entries
    assert delayed.link == f"{BASE}{grant.url}"
    assert delayed.link.startswith("http://testserver/")
    assert "Status changed from Planned to Delayed." in delayed.summary
    assert "Closes: moved from 2027-01-31 to 2027-03-15 (43 days later)" in delayed.summary
    assert "Reason: The panel needs more time." in delayed.summary
    assert "Added to the pipeline: Planned." in added.summary
    updated = datetime.datetime(*delayed.updated_parsed[:6], tzinfo=datetime.UTC)
    assert abs(updated - (now - datetime.timedelta(days=1))) < datetime.timedelta(seconds=1)
    assert delayed.id != added.id


def test_a_new_entry_leaves_earlier_entries_in_the_feed_unchanged(client, pipeline):
    grant = OpportunityPageFactory(title="Accommodation lot")
    StatusUpdate.objects.create(opportunity=grant, status="planned")
    first = _feed(client).entries[0]
    StatusUpdate.objects.create(
        opportunity=grant, status="open", previous_status="planned", reason="Now open."
    )
    entries = _feed(client).entries
    assert len(entries) == 2
    assert (entries[1].id, entries[1].summary, entries[1].updated) == (
        first.id,
        first.summary,
        first.updated,
    )
