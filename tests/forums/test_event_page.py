"""The event page: registering, the joining link, status banners, registration messages."""

import datetime

from django.utils import timezone

import pytest
import time_machine

from forums.models import EventRegistration
from tests.factories import EventPageFactory, EventRegistrationFactory
from tests.factories.accounts import VerifiedUserFactory

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.org/forum-north-east"


@pytest.fixture
def online_event(forum):
    return EventPageFactory(
        parent=forum, format="online", venue_name="", joining_link=JOIN, capacity=10
    )


def test_visitors_are_asked_to_sign_in_to_register(client, event):
    response = client.get(event.url)
    assert response.status_code == 200
    assert "Sign in to register" in response.content.decode()


def test_signed_in_person_registers_for_their_organisation(client, event, charity_worker, charity):
    client.force_login(charity_worker)
    page = client.get(event.url).content.decode()
    assert "Second Chances North East" in page
    assert "As an individual" in page

    response = client.post(
        f"/events/{event.pk}/register/",
        {"on_behalf_of": str(charity.pk), "access_needs": "Hearing loop"},
        follow=True,
    )

    registration = EventRegistration.objects.get(user=charity_worker)
    assert registration.organisation == charity
    assert registration.access_needs == "Hearing loop"
    assert "You are registered" in response.content.decode()


def test_registering_as_an_individual(client, event, person):
    client.force_login(person)
    client.post(f"/events/{event.pk}/register/", {"on_behalf_of": "individual"})
    assert EventRegistration.objects.get(user=person).organisation is None


def test_double_submitted_form_makes_one_registration(client, event, person):
    client.force_login(person)
    for _ in range(2):
        client.post(f"/events/{event.pk}/register/", {"on_behalf_of": "individual"})
    assert EventRegistration.objects.filter(user=person).count() == 1


def test_a_missing_choice_is_explained_next_to_the_field_and_access_needs_are_kept(
    client, event, person
):
    client.force_login(person)
    response = client.post(
        f"/events/{event.pk}/register/", {"on_behalf_of": "", "access_needs": "Quiet room"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_on_behalf_of-error"' in page
    assert "Quiet room" in page
    assert not EventRegistration.objects.exists()


def test_someone_elses_organisation_is_not_a_choice(client, event, person, charity):
    client.force_login(person)
    response = client.post(f"/events/{event.pk}/register/", {"on_behalf_of": str(charity.pk)})
    assert response.status_code == 400
    assert not EventRegistration.objects.exists()


def test_unknown_event_is_not_found(client, person):
    client.force_login(person)
    assert (
        client.post("/events/999999/register/", {"on_behalf_of": "individual"}).status_code == 404
    )
    assert client.get("/calendars/events/999999.ics").status_code == 404


def test_full_event_offers_the_waiting_list(client, event, person):
    EventRegistrationFactory.create_batch(2, event=event)
    client.force_login(person)
    page = client.get(event.url).content.decode()
    assert "Join the waiting list" in page
    client.post(f"/events/{event.pk}/register/", {"on_behalf_of": "individual"})
    assert EventRegistration.objects.get(user=person).status == "waitlisted"


def test_registration_window_is_explained(client, forum, person):
    now = timezone.now()
    not_yet = EventPageFactory(parent=forum, registration_opens_at=now + datetime.timedelta(days=2))
    closed = EventPageFactory(parent=forum, registration_closes_at=now - datetime.timedelta(days=1))
    client.force_login(person)
    assert "Registration opens on" in client.get(not_yet.url).content.decode()
    assert "Registration has closed" in client.get(closed.url).content.decode()


def test_cancelled_and_postponed_events_say_so_with_the_reason(client, forum):
    cancelled = EventPageFactory(parent=forum, status="cancelled", status_reason="Venue flooded")
    postponed = EventPageFactory(parent=forum, status="postponed", status_reason="Strike day")
    page = client.get(cancelled.url).content.decode()
    assert "This event has been cancelled." in page and "Venue flooded" in page
    page = client.get(postponed.url).content.decode()
    assert "This event has been postponed." in page and "Strike day" in page


class TestJoiningLink:
    def test_registered_attendee_sees_it_from_thirty_minutes_before_the_start(
        self, client, online_event
    ):
        attendee = EventRegistrationFactory(event=online_event).user
        client.force_login(attendee)
        with time_machine.travel(online_event.start - datetime.timedelta(minutes=31)):
            page = client.get(online_event.url).content.decode()
            assert JOIN not in page
            assert "appears here 30 minutes before the start" in page
        with time_machine.travel(online_event.start - datetime.timedelta(minutes=29)):
            assert JOIN in client.get(online_event.url).content.decode()

    def test_never_shown_to_people_not_registered(self, client, online_event):
        waiting = EventRegistrationFactory(event=online_event, status="waitlisted").user
        stranger = VerifiedUserFactory()
        with time_machine.travel(online_event.start + datetime.timedelta(minutes=5)):
            assert JOIN not in client.get(online_event.url).content.decode()
            for user in (waiting, stranger):
                client.force_login(user)
                assert JOIN not in client.get(online_event.url).content.decode()


def test_times_are_shown_in_london_time_after_the_clocks_go_back(client, forum):
    # 10:00 in London on 2 November 2026 (GMT, after the October change) is 10:00 UTC.
    start = datetime.datetime(2026, 11, 2, 10, 0, tzinfo=datetime.UTC)
    event = EventPageFactory(parent=forum, start=start, end=start + datetime.timedelta(hours=2))
    with time_machine.travel(datetime.datetime(2026, 10, 1, tzinfo=datetime.UTC)):
        page = client.get(event.url).content.decode()
    assert "Monday 2 November 2026, 10:00" in page


def test_times_are_shown_in_london_time_in_summer(client, forum):
    # 10:00 in London on 1 October 2026 (BST) is 09:00 UTC.
    start = datetime.datetime(2026, 10, 1, 9, 0, tzinfo=datetime.UTC)
    event = EventPageFactory(parent=forum, start=start, end=start + datetime.timedelta(hours=2))
    with time_machine.travel(datetime.datetime(2026, 9, 1, tzinfo=datetime.UTC)):
        page = client.get(event.url).content.decode()
    assert "Thursday 1 October 2026, 10:00" in page
