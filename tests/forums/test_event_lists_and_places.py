"""Places in event lists and on the event page ("Full — join the waiting list" only when an
event with limited places has none left and registration is open), times in UK time, and the
editor's explicit choice between unlimited and a limited number of places."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from forums.models import EventPage
from tests.factories import EventPageFactory, EventRegistrationFactory
from tests.forums.consultation_helpers import _manager_of

pytestmark = pytest.mark.django_db

FULL = "Full — join the waiting list"


def _fill(event, count):
    for _ in range(count):
        EventRegistrationFactory(event=event)


def _listed(html, event):
    """The list item of `event` on a forum page or the forum index."""
    items = re.findall(r"<li class=\"govuk-!-margin-bottom-4\">.*?</li>", html, re.S)
    [item] = [item for item in items if f">{event.title}</a>" in item]
    return item


def test_a_full_event_says_join_the_waiting_list_on_the_forum_page_and_index(client, tree, forum):
    full = EventPageFactory(parent=forum, title="Full meeting", capacity=2)
    _fill(full, 2)
    EventRegistrationFactory(event=full, status="waitlisted")
    roomy = EventPageFactory(parent=forum, title="Roomy meeting", capacity=5)
    _fill(roomy, 4)
    unlimited = EventPageFactory(parent=forum, title="Open meeting", capacity=0)
    _fill(unlimited, 3)

    for url in (forum.url, tree.forums.url):
        html = client.get(url).content.decode()
        assert FULL in _listed(html, full)
        assert FULL not in _listed(html, roomy)
        assert FULL not in _listed(html, unlimited)


def test_a_full_event_whose_registration_has_closed_is_not_offered_a_waiting_list(client, forum):
    closed = EventPageFactory(
        parent=forum,
        title="Closed meeting",
        capacity=1,
        registration_closes_at=timezone.now() - datetime.timedelta(hours=1),
    )
    _fill(closed, 1)

    assert FULL not in _listed(client.get(forum.url).content.decode(), closed)
    places = client.get(closed.url).content.decode()
    assert re.search(r'data-testid="event-places">Full</dd>', places)


def test_the_event_page_says_full_join_the_waiting_list_then_places_left(client, forum):
    event = EventPageFactory(parent=forum, capacity=2)
    _fill(event, 2)
    assert f'data-testid="event-places">{FULL}</dd>' in client.get(event.url).content.decode()

    event.registrations.first().delete()
    assert 'data-testid="event-places">1 place left</dd>' in client.get(event.url).content.decode()


def _queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_lists_count_places_in_one_query_however_many_events(client, tree, forum):
    first = EventPageFactory(parent=forum, capacity=1)
    _fill(first, 1)
    _queries_for(client, forum.url)  # warm the caches (site root paths, settings)
    one_event = (_queries_for(client, forum.url), _queries_for(client, tree.forums.url))

    for _ in range(4):
        _fill(EventPageFactory(parent=forum, capacity=1), 1)
    five_events = (_queries_for(client, forum.url), _queries_for(client, tree.forums.url))

    assert five_events == one_event
    assert client.get(forum.url).content.decode().count(FULL) == 5


def test_lists_and_the_event_page_give_times_in_uk_time(client, forum):
    # 09:00 UTC in July is 10:00 in the UK (British Summer Time).
    start = datetime.datetime(timezone.now().year + 1, 7, 1, 9, 0, tzinfo=datetime.UTC)
    event = EventPageFactory(parent=forum, start=start, end=start + datetime.timedelta(hours=2))

    item = _listed(client.get(forum.url).content.decode(), event)
    assert re.search(r"10:00</time> \(UK time\)", item)
    when = client.get(event.url).content.decode()
    assert re.search(r"10:00</time>.*?12:00</time>\s*\(UK time\)", when, re.S)


# The editor's choice of places


def _event_form(**changes):
    day = timezone.localdate() + datetime.timedelta(days=10)
    fields = {
        "title": "Housing on release",
        "slug": "housing-on-release",
        "summary": "Tell the regional team what you see.",
        "agenda": streamfield([]),
        "start": f"{day:%Y-%m-%d} 10:00",
        "end": f"{day:%Y-%m-%d} 12:00",
        "format": "in_person",
        "venue_name": "Civic Centre",
        "venue_address": "",
        "accessibility": "",
        "joining_link": "",
        "audience_notes": "",
        "places": "unlimited",
        "capacity": "",
        "registration_opens_at": "",
        "registration_closes_at": "",
        "status": "scheduled",
        "status_reason": "",
        "minutes": rich_text(""),
        "outcome_documents": inline_formset([]),
        "attendee_count": "",
        **changes,
    }
    return nested_form_data(fields)


@pytest.fixture
def manager(forum):
    return _manager_of(forum)


def _add(client, forum, **changes):
    return client.post(f"/admin/pages/add/forums/eventpage/{forum.pk}/", _event_form(**changes))


@pytest.mark.parametrize(
    ("places", "capacity", "saved"),
    [("unlimited", "", 0), ("unlimited", "30", 0), ("limited", "12", 12)],
)
def test_the_choice_of_places_is_saved_as_the_capacity(
    client, manager, forum, places, capacity, saved
):
    client.force_login(manager)
    response = _add(client, forum, places=places, capacity=capacity)
    assert response.status_code == 302, response.content.decode()[:500]
    assert EventPage.objects.get(slug="housing-on-release").capacity == saved


@pytest.mark.parametrize("capacity", ["", "0"])
def test_limited_places_need_a_number_of_one_or_more(client, manager, forum, capacity):
    client.force_login(manager)
    response = _add(client, forum, places="limited", capacity=capacity)
    assert response.status_code == 200
    assert "Enter the number of places, 1 or more, or choose unlimited places." in (
        response.content.decode()
    )
    assert not EventPage.objects.filter(slug="housing-on-release").exists()


def test_publishing_needs_a_choice_of_places_and_a_draft_without_one_is_unlimited(
    client, manager, forum
):
    client.force_login(manager)
    response = _add(client, forum, places="", **{"action-publish": "action-publish"})
    assert "Choose unlimited places or a limited number." in response.content.decode()
    assert not EventPage.objects.filter(slug="housing-on-release").exists()

    assert _add(client, forum, places="").status_code == 302
    assert EventPage.objects.get(slug="housing-on-release").capacity == 0


def _checked_choice(html):
    [choice] = re.findall(r'<input[^>]*name="places"[^>]*value="(\w+)"[^>]*checked', html)
    return choice


def _capacity_value(html):
    [tag] = re.findall(r'<input[^>]*name="capacity"[^>]*>', html)
    value = re.search(r'value="(\d*)"', tag)
    return value[1] if value else ""


def test_the_edit_form_starts_from_the_events_places(client, manager, forum):
    client.force_login(manager)
    limited = EventPageFactory(parent=forum, capacity=12)
    unlimited = EventPageFactory(parent=forum, capacity=0)

    html = client.get(f"/admin/pages/{limited.pk}/edit/").content.decode()
    assert (_checked_choice(html), _capacity_value(html)) == ("limited", "12")
    html = client.get(f"/admin/pages/{unlimited.pk}/edit/").content.decode()
    assert (_checked_choice(html), _capacity_value(html)) == ("unlimited", "")
    assert "Unlimited places" in html and "A limited number of places" in html


def test_the_editor_says_times_are_uk_time(client, manager, forum):
    client.force_login(manager)
    html = client.get(f"/admin/pages/add/forums/eventpage/{forum.pk}/").content.decode()
    assert html.count("UK time (Europe/London)") >= 4
