"""A forum's managers message the people registered for an event: everyone with a place, the
waiting list, or both. Each person gets one email of their own, cancelled registrations
none, and the message is recorded with how many people it reached."""

import pytest

from forums.models import EventMessage
from tests.factories import EventPageFactory, EventRegistrationFactory
from tests.forums.consultation_helpers import _manager_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(forum):
    return EventPageFactory(parent=forum, title="Spring forum meeting")


@pytest.fixture
def people(meeting):
    """Two with a place, one who attended, one waiting, one who cancelled."""
    return {
        name: EventRegistrationFactory(
            event=meeting, status=status, user__email=f"{name}@example.org", user__first_name=name
        )
        for name, status in (
            ("ann", "registered"),
            ("bob", "registered"),
            ("cat", "attended"),
            ("dan", "waitlisted"),
            ("eve", "cancelled"),
        )
    }


@pytest.fixture
def manager(forum):
    return _manager_of(forum)


def url(event):
    return f"/admin/forums/outreach/events/{event.pk}/message/"


def send(client, event, audience, action="send"):
    return client.post(
        url(event),
        {
            "audience": audience,
            "subject": "Room change",
            "body": "We have moved to the main hall.",
            "action": action,
        },
    )


@pytest.mark.parametrize(
    "audience, reached",
    [
        ("registered", {"ann", "bob", "cat"}),
        ("waitlisted", {"dan"}),
        ("everyone", {"ann", "bob", "cat", "dan"}),
    ],
)
def test_a_message_reaches_exactly_the_chosen_audience_one_email_each(
    client,
    meeting,
    people,
    manager,
    audience,
    reached,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, meeting, audience)
    assert response.status_code == 302
    assert sorted(tuple(email.to) for email in mailoutbox) == sorted(
        (f"{name}@example.org",) for name in reached
    )
    email = next(e for e in mailoutbox if e.to == [f"{sorted(reached)[0]}@example.org"])
    assert email.subject == "Room change"
    assert f"Hello {sorted(reached)[0]}" in email.body
    assert "We have moved to the main hall." in email.body
    assert f"http://testserver{meeting.url}" in email.body
    record = EventMessage.objects.get()
    assert (record.event, record.audience, record.recipient_count, record.sent_by) == (
        meeting,
        audience,
        len(reached),
        manager,
    )


def test_the_waiting_list_is_told_why_it_gets_the_message(
    client, meeting, people, manager, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, meeting, "waitlisted")
    assert "you are on the waiting list for Spring forum meeting" in mailoutbox[0].body


def test_the_preview_sends_nothing_and_shows_the_email_as_sent(
    client, meeting, people, manager, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    preview = send(client, meeting, "waitlisted", action="preview")
    assert preview.status_code == 200
    assert "It goes to everyone on the waiting list: 1 person" in preview.text
    assert not mailoutbox and not EventMessage.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        send(client, meeting, "waitlisted")
    shown = preview.context["email"]
    assert (mailoutbox[0].subject, mailoutbox[0].body) == (shown["subject"], shown["text"])


def test_earlier_messages_are_listed_on_the_page(
    client, meeting, people, manager, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, meeting, "registered")
    page = client.get(url(meeting))
    assert page.status_code == 200
    assert "Message the people registered for Spring forum meeting" in page.text
    earlier = page.text.split("<tbody>")[1]
    assert "Room change" in earlier and "3 people" in earlier


def test_a_second_click_on_send_sends_nothing_more(
    client, meeting, people, manager, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, meeting, "registered")
        again = send(client, meeting, "registered")
    assert "This message was sent a moment ago, so it was not sent again." in again.text
    assert EventMessage.objects.count() == 1
    assert len(mailoutbox) == 3


def test_a_message_to_nobody_is_refused_and_not_recorded(
    client, meeting, manager, mailoutbox, django_capture_on_commit_callbacks
):
    EventRegistrationFactory(event=meeting, status="registered")
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, meeting, "waitlisted")
    assert response.status_code == 200
    assert "Nobody is in this group yet" in response.text
    assert not mailoutbox and not EventMessage.objects.exists()


def test_the_form_says_what_is_missing(client, meeting, people, manager):
    client.force_login(manager)
    response = client.post(url(meeting), {"action": "preview"})
    assert "Choose who to send the message to" in response.text
    assert "Enter a subject" in response.text
    assert "Enter a message" in response.text


def test_another_regions_managers_cannot_message_the_events_registrants(
    client, meeting, people, other_forum, mailoutbox
):
    client.force_login(_manager_of(other_forum))
    for response in (client.get(url(meeting)), send(client, meeting, "everyone")):
        assert response.status_code in (302, 403)
        assert "Spring forum meeting" not in response.text
    assert not mailoutbox and not EventMessage.objects.exists()


def test_each_person_gets_the_message_in_their_own_language(
    client, meeting, people, manager, mailoutbox, django_capture_on_commit_callbacks
):
    people["dan"].user.preferred_language = "cy"
    people["dan"].user.save()
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, meeting, "everyone")
    by_address = {email.to[0]: email for email in mailoutbox}
    assert len(by_address) == 4
    assert "Tudalen y digwyddiad:" in by_address["dan@example.org"].body  # "The event page:"
    assert "The event page:" in by_address["ann@example.org"].body
