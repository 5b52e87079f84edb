"""The account page's "My events" section and the data export."""

import datetime
import json

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

import pytest

from forums.account import events_for_account
from forums.personal_data import personal_data
from tests.factories import EventPageFactory, EventRegistrationFactory

pytestmark = pytest.mark.django_db


def _section(user):
    request = RequestFactory().get("/account/")
    request.user = user
    return render_to_string(
        "forums/includes/account_events.html", events_for_account(user), request=request
    )


def test_my_events_lists_upcoming_with_cancel_links_and_past(client, forum, person):
    soon = EventPageFactory(parent=forum, title="Spring forum")
    start = timezone.now() - datetime.timedelta(days=40)
    past = EventPageFactory(
        parent=forum, title="Winter forum", start=start, end=start + datetime.timedelta(hours=2)
    )
    dropped = EventPageFactory(parent=forum, title="Dropped")
    registration = EventRegistrationFactory(event=soon, user=person)
    EventRegistrationFactory(event=past, user=person, status="attended")
    EventRegistrationFactory(event=dropped, user=person, status="cancelled")

    html = _section(person)
    assert "Spring forum" in html and "Winter forum" in html
    assert "Dropped" not in html
    assert f"/events/registrations/{registration.pk}/cancel/" in html

    client.force_login(person)
    client.post(f"/events/registrations/{registration.pk}/cancel/")
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_nobody_cancels_someone_elses_registration(client, event, person):
    registration = EventRegistrationFactory(event=event)
    client.force_login(person)
    assert client.post(f"/events/registrations/{registration.pk}/cancel/").status_code == 404
    registration.refresh_from_db()
    assert registration.status == "registered"


def test_cancel_link_from_the_email_asks_then_cancels(client, event, person):
    from forums.registrations.rules import cancel_token

    registration = EventRegistrationFactory(event=event, user=person)
    url = f"/events/cancel/{cancel_token(registration)}/"
    assert "Cancel my registration" in client.get(url).content.decode()
    registration.refresh_from_db()
    assert registration.status == "registered"  # a GET (a mail scanner) changes nothing
    client.post(url)
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert client.get("/events/cancel/forged-token/").status_code == 400


def test_personal_data_holds_the_persons_registrations_only(event, person, charity):
    EventRegistrationFactory(event=event, user=person, organisation=charity, access_needs="Loop")
    EventRegistrationFactory(event=event)
    data = personal_data(person)
    json.dumps(data)
    [entry] = data["event_registrations"]
    assert entry["event"] == event.title
    assert entry["on_behalf_of"] == charity.title
    assert entry["access_needs"] == "Loop"


def test_the_account_page_and_the_data_download_include_your_events(client, forum, person):
    from django.urls import reverse

    event = EventPageFactory(parent=forum, title="Summer forum")
    EventRegistrationFactory(event=event, user=person)
    client.force_login(person)
    page = client.get(reverse("account")).content.decode()
    assert "Your events" in page and "Summer forum" in page
    download = client.get(reverse("account_download_data"))
    data = json.loads(download.content)
    assert [r["event"] for r in data["event_registrations"]] == ["Summer forum"]
