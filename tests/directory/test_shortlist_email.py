"""Emailing a shortlist to an address the practitioner types: contacts in full, notes only
when they tick the box, rate-limited, and the address kept nowhere."""

from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache

import pytest

from directory.shortlist import rules
from tests.directory.shortlist_fixtures import add, service_with_details

pytestmark = pytest.mark.django_db

ADDRESS = "colleague@probation.example"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def listed(client):
    services = [service_with_details("Alpha advice"), service_with_details("Beta beds")]
    for service in services:
        add(client, service)
    client.post("/shortlist/note/", {"service": services[0].pk, "note": "Ask for Sam"})
    return services


def send(client, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post("/shortlist/email/", {"email": ADDRESS, **data})


def test_the_list_is_emailed_with_contacts_in_full_and_a_clear_confirmation(
    client, listed, django_capture_on_commit_callbacks
):
    response = send(client, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Shortlist sent" in page
    assert f"We have emailed your shortlist to {ADDRESS}" in page
    [message] = mail.outbox
    assert message.to == [ADDRESS]
    assert message.subject == "A shortlist of services from Common Ground"
    html = message.alternatives[0][0]
    for text in [message.body, html]:
        assert "Alpha advice" in text and "Beta beds" in text
        assert "0113 496 0000" in text
        assert "referrals@example.org" in text
        assert "Send the referral form to the team." in text
        assert "Date of release" in text
        assert "Monday: 9am to 5pm" in text
        assert "4 Hidden Lane" not in text
    assert message.body.index("Alpha advice") < message.body.index("Beta beds")
    assert 'href="mailto:referrals@example.org"' in html


def test_notes_are_left_out_unless_the_box_is_ticked(
    client, listed, django_capture_on_commit_callbacks
):
    form = client.get("/shortlist/email/").content.decode()
    assert 'name="include_notes"' in form
    assert "checked" not in form

    send(client, django_capture_on_commit_callbacks)
    send(client, django_capture_on_commit_callbacks, include_notes="on")

    without, with_notes = mail.outbox
    assert "Ask for Sam" not in without.body + without.alternatives[0][0]
    assert "Ask for Sam" in with_notes.body
    assert "Ask for Sam" in with_notes.alternatives[0][0]


def test_the_address_is_not_kept(client, listed, django_capture_on_commit_callbacks):
    send(client, django_capture_on_commit_callbacks)
    for session in Session.objects.all():
        assert ADDRESS not in str(session.get_decoded())
    assert ADDRESS not in str(client.cookies)


def test_a_wrong_address_is_explained_next_to_the_field_and_kept(
    client, listed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/shortlist/email/", {"email": "not an address", "include_notes": "on"}
        )
    page = response.content.decode()
    assert "Enter an email address in the correct format, like name@example.com" in page
    assert 'href="#id_email"' in page
    assert 'value="not an address"' in page
    assert "checked" in page
    assert mail.outbox == []


def test_sending_is_rate_limited_per_client(
    client, listed, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(rules, "EMAILS_PER_HOUR", 2)
    send(client, django_capture_on_commit_callbacks)
    send(client, django_capture_on_commit_callbacks)

    response = send(client, django_capture_on_commit_callbacks)

    assert response.status_code == 429
    page = response.content.decode()
    assert "You have sent your shortlist a lot of times" in page
    assert f'value="{ADDRESS}"' in page
    assert len(mail.outbox) == 2
    # Another client is not held back.
    other = client.__class__(REMOTE_ADDR="203.0.113.9")
    add(other, listed[0])
    with django_capture_on_commit_callbacks(execute=True):
        assert other.post("/shortlist/email/", {"email": ADDRESS}).status_code == 200
    assert len(mail.outbox) == 3


def test_the_limit_is_ten_an_hour(client, listed, django_capture_on_commit_callbacks):
    for _ in range(10):
        assert send(client, django_capture_on_commit_callbacks).status_code == 200
    assert send(client, django_capture_on_commit_callbacks).status_code == 429
    assert len(mail.outbox) == 10


def test_a_bot_filling_the_hidden_field_is_thanked_but_nothing_is_sent(
    client, listed, django_capture_on_commit_callbacks
):
    response = send(client, django_capture_on_commit_callbacks, website="spam.example")
    assert "Shortlist sent" in response.content.decode()
    assert mail.outbox == []


def test_an_empty_list_has_nothing_to_send(client, django_capture_on_commit_callbacks):
    page = client.get("/shortlist/email/").content.decode()
    assert "There is nothing to send" in page
    assert 'name="email"' not in page
    send(client, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_a_service_no_longer_listed_is_not_emailed(
    client, listed, django_capture_on_commit_callbacks
):
    listed[1].unpublish()
    send(client, django_capture_on_commit_callbacks)
    assert "Beta beds" not in mail.outbox[0].body
