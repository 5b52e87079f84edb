"""Forum calendars per language: an event translated into Welsh appears once in each
calendar, as its Welsh page in the Welsh one (/cy/…) and its English page in the English
one; an event with no Welsh page appears in both, in English."""

import icalendar
import pytest

from tests.factories import EventPageFactory
from tests.factories.translations import welsh_version

pytestmark = pytest.mark.django_db


def _events(response):
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    return {
        str(vevent["summary"]): str(vevent.get("url", "")) for vevent in calendar.walk("VEVENT")
    }


@pytest.fixture
def events(forum):
    translated = EventPageFactory(parent=forum, title="Commissioning plans")
    untranslated = EventPageFactory(parent=forum, title="Housing round table")
    welsh_version(forum, title="Fforwm y Gogledd Ddwyrain")
    welsh = welsh_version(translated, title="Cynlluniau comisiynu")
    return translated, untranslated, welsh


def test_the_english_forum_calendar_has_each_event_once_in_english(client, forum, events):
    found = _events(client.get(f"/calendars/forums/{forum.pk}.ics"))

    assert set(found) == {"Commissioning plans", "Housing round table"}
    assert "/cy/" not in found["Commissioning plans"]


def test_the_welsh_forum_calendar_has_the_welsh_event_and_the_untranslated_one(
    client, forum, events
):
    _translated, _untranslated, welsh = events
    welsh_forum = forum.get_translation(welsh.locale)

    for forum_id in (forum.pk, welsh_forum.pk):
        found = _events(client.get(f"/cy/calendars/forums/{forum_id}.ics"))
        assert set(found) == {"Cynlluniau comisiynu", "Housing round table"}
        assert "/cy/" in found["Cynlluniau comisiynu"]


def test_every_forums_calendar_is_per_language_too(client, events):
    english = _events(client.get("/calendars/all-forums.ics"))
    welsh = _events(client.get("/cy/calendars/all-forums.ics"))

    assert {"Commissioning plans", "Housing round table"} <= set(english)
    assert "Cynlluniau comisiynu" not in english
    assert {"Cynlluniau comisiynu", "Housing round table"} <= set(welsh)
    assert "Commissioning plans" not in welsh
