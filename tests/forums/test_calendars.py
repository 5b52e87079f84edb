"""Calendars: every .ics and feed parses (RFC 5545), stable UIDs, SEQUENCE goes up with every
published change, cancelled events say so, the joining link is never in a calendar."""

import datetime

from django.urls import reverse
from django.utils import timezone

import icalendar
import pytest

from forums.account import events_for_account, replace_feed_token
from tests.factories import EventPageFactory, EventRegistrationFactory

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.org/secret-room"


def _parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert JOIN not in response.content.decode()
    return {str(vevent["uid"]): vevent for vevent in calendar.walk("VEVENT")}


def _publish(event, **changes):
    event = type(event).objects.get(pk=event.pk)
    for name, value in changes.items():
        setattr(event, name, value)
    event.save_revision().publish()
    return event


@pytest.fixture
def online_event(forum):
    return EventPageFactory(
        parent=forum, format="hybrid", joining_link=JOIN, title="Commissioning plans"
    )


def test_an_event_calendar_file(client, online_event):
    [(uid, vevent)] = _parse(client.get(f"/calendars/events/{online_event.pk}.ics")).items()
    assert uid == f"event-{online_event.pk}@common-ground"
    assert str(vevent["summary"]) == "Commissioning plans"
    assert vevent.decoded("dtstart") == online_event.start
    assert "Civic Centre" in str(vevent["location"])
    assert str(vevent["status"]) == "CONFIRMED"


def test_dtstart_is_the_right_instant_after_the_clocks_go_back(client, forum):
    # 10:00 London time on 2 November 2026 is 10:00 UTC (GMT); on 1 October, 09:00 UTC (BST).
    london = timezone.get_default_timezone()
    winter = EventPageFactory(
        parent=forum,
        start=datetime.datetime(2026, 11, 2, 10, 0, tzinfo=london),
        end=datetime.datetime(2026, 11, 2, 12, 0, tzinfo=london),
    )
    summer = EventPageFactory(
        parent=forum,
        start=datetime.datetime(2026, 10, 1, 10, 0, tzinfo=london),
        end=datetime.datetime(2026, 10, 1, 12, 0, tzinfo=london),
    )
    [winter_event] = _parse(client.get(f"/calendars/events/{winter.pk}.ics")).values()
    [summer_event] = _parse(client.get(f"/calendars/events/{summer.pk}.ics")).values()
    assert winter_event.decoded("dtstart") == datetime.datetime(
        2026, 11, 2, 10, 0, tzinfo=datetime.UTC
    )
    assert winter_event["dtstart"].to_ical() == b"20261102T100000Z"
    assert summer_event["dtstart"].to_ical() == b"20261001T090000Z"


def test_forum_and_site_feeds_hold_their_events(client, forum, other_forum, online_event):
    elsewhere = EventPageFactory(parent=other_forum)
    draft = EventPageFactory(parent=forum, live=False)
    forum_feed = _parse(client.get(f"/calendars/forums/{forum.pk}.ics"))
    site_feed = _parse(client.get("/calendars/all-forums.ics"))
    assert set(forum_feed) == {f"event-{online_event.pk}@common-ground"}
    assert set(site_feed) == {
        f"event-{online_event.pk}@common-ground",
        f"event-{elsewhere.pk}@common-ground",
    }
    assert f"event-{draft.pk}@common-ground" not in site_feed


def test_feeds_make_a_fixed_number_of_queries(client, forum, django_assert_max_num_queries):
    EventPageFactory.create_batch(2, parent=forum)
    with django_assert_max_num_queries(12) as small:
        client.get("/calendars/all-forums.ics")
    EventPageFactory.create_batch(6, parent=forum)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/calendars/all-forums.ics")


def test_sequence_goes_up_with_every_published_change_and_cancelling_says_so(client, online_event):
    url = f"/calendars/events/{online_event.pk}.ics"
    _publish(online_event)
    [first] = _parse(client.get(url)).values()
    assert first["sequence"] == 0

    _publish(online_event, start=online_event.start + datetime.timedelta(hours=1))
    [moved] = _parse(client.get(url)).values()
    assert moved["sequence"] == 1

    _publish(online_event, status="cancelled", status_reason="Venue flooded")
    [cancelled] = _parse(client.get(url)).values()
    assert cancelled["sequence"] == 2
    assert str(cancelled["status"]) == "CANCELLED"
    assert str(cancelled["uid"]) == str(first["uid"])
    assert "Venue flooded" in str(cancelled["description"])


def test_publishing_an_old_revision_never_lowers_the_sequence(client, online_event):
    first_revision = _publish(online_event).get_latest_revision()
    _publish(online_event, title="Commissioning plans (new room)")
    first_revision.publish()
    [vevent] = _parse(client.get(f"/calendars/events/{online_event.pk}.ics")).values()
    assert vevent["sequence"] == 2


def test_my_events_feed_is_private_and_revocable(client, online_event, forum, person):
    EventRegistrationFactory(event=online_event, user=person)
    not_mine = EventPageFactory(parent=forum)
    cancelled = EventPageFactory(parent=forum)
    EventRegistrationFactory(event=cancelled, user=person, status="cancelled")

    path = events_for_account(person)["calendar_feed_path"]
    feed = _parse(client.get(path))
    assert set(feed) == {f"event-{online_event.pk}@common-ground"}
    assert f"event-{not_mine.pk}@common-ground" not in feed

    replace_feed_token(person)
    assert client.get(path).status_code == 404
    assert client.get(events_for_account(person)["calendar_feed_path"]).status_code == 200


def test_a_person_replaces_their_calendar_address_from_the_account_page(client, person):
    old = events_for_account(person)["calendar_feed_path"]
    client.force_login(person)
    client.post(reverse("forums_reset_my_calendar"))
    assert client.get(old).status_code == 404
