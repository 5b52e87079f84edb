"""Outreach from the reach report: a forum's managers invite organisations on the outreach
list to an upcoming event or open consultation. Each invitation is recorded (who invited
whom to what, when, at which addresses), each organisation is emailed once at its listed
address, a send over the limit sends nothing, and nobody is invited to the same thing twice."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from forums.models import OutreachInvitation
from forums.outreach import rules
from forums.outreach.rules import (
    OUTREACH_SEND_LIMIT,
    OutreachRefused,
    invitable_items,
    send_invitations,
)
from tests.factories import (
    ConsultationPageFactory,
    EventPageFactory,
    OrganisationPageFactory,
)
from tests.forums.consultation_helpers import _manager_of

pytestmark = pytest.mark.django_db


def _organisation(title, **kwargs):
    kwargs.setdefault("email", f"{title.lower().replace(' ', '.')}@example.org")
    return OrganisationPageFactory(title=title, regions=["north-east"], **kwargs)


@pytest.fixture
def manager(forum):
    user = _manager_of(forum)
    user.first_name, user.last_name = "Rita", "Patel"
    user.save()
    return user


@pytest.fixture
def meeting(forum):
    forum.contact_email = "north-east.forum@example.gov.uk"
    forum.save()
    return EventPageFactory(parent=forum, title="Spring forum meeting")


@pytest.fixture
def three(tree):
    return [_organisation(name) for name in ("Alpha Aid", "Beta Trust", "Gamma House")]


def invite_url(forum, **query):
    from urllib.parse import urlencode

    return f"/admin/forums/outreach/{forum.pk}/invite/?{urlencode(query)}"


def _post(client, forum, item, organisations, action="send", message=""):
    return client.post(
        invite_url(forum, item=item.pk),
        {
            "organisations": [str(o.pk) for o in organisations],
            "message": message,
            "action": action,
        },
    )


def test_a_send_records_who_was_invited_to_what_and_when_and_emails_each_contact_once(
    client, forum, manager, meeting, three, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, forum, meeting, three, message="We would love to see you.")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/forums/outreach/{forum.pk}/sent/"

    invitations = OutreachInvitation.objects.order_by("organisation__title")
    assert [(i.organisation.title, i.page_id, i.forum_id) for i in invitations] == [
        ("Alpha Aid", meeting.pk, forum.pk),
        ("Beta Trust", meeting.pk, forum.pk),
        ("Gamma House", meeting.pk, forum.pk),
    ]
    assert {i.invited_by for i in invitations} == {manager}
    assert invitations[0].sent_to == ["alpha.aid@example.org"]
    assert all(i.sent_at is not None for i in invitations)

    assert sorted(tuple(email.to) for email in mailoutbox) == [
        ("alpha.aid@example.org",),
        ("beta.trust@example.org",),
        ("gamma.house@example.org",),
    ]
    email = next(e for e in mailoutbox if e.to == ["beta.trust@example.org"])
    assert email.subject == "North East forum invites you: Spring forum meeting"
    assert "Hello Beta Trust," in email.body
    assert "Rita Patel, of the North East forum, invites your organisation" in email.body
    assert "We would love to see you." in email.body
    assert f"http://testserver{meeting.url}" in email.body
    assert "(UK time)" in email.body
    assert "listed in the Common Ground directory as working in North East" in email.body
    assert "email north-east.forum@example.gov.uk and say so" in email.body


def test_the_list_of_invitations_sent_shows_who_invited_whom_to_what(
    client, forum, manager, meeting, three
):
    send_invitations(forum, meeting, three[:1], manager)
    client.force_login(manager)
    response = client.get(f"/admin/forums/outreach/{forum.pk}/sent/")
    assert response.status_code == 200
    assert "Invitations sent" in response.text
    row = response.text.split("<tbody>")[1]
    assert "Alpha Aid" in row and "Spring forum meeting" in row
    assert "alpha.aid@example.org" in row and "Rita Patel" in row
    assert "1 invitation sent." in response.text


def test_the_preview_is_the_email_as_it_is_sent(
    client, forum, manager, meeting, three, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    preview = _post(client, forum, meeting, three[:2], action="preview", message="Do come.")
    assert preview.status_code == 200
    assert "Send 2 invitations" in preview.text
    assert not OutreachInvitation.objects.exists() and not mailoutbox
    shown = preview.context["email"]
    change = _post(client, forum, meeting, three[:2], action="change", message="Do come.")
    assert change.context["ticked"] == {str(three[0].pk), str(three[1].pk)}
    assert "Do come." in change.text
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, forum, meeting, three[:2], message="Do come.")
    sent = next(e for e in mailoutbox if e.to == [three[0].email])
    assert (sent.subject, sent.body) == (shown["subject"], shown["text"])


def test_a_send_over_the_limit_sends_nothing(
    client, forum, manager, meeting, three, mailoutbox, monkeypatch
):
    monkeypatch.setattr(rules, "OUTREACH_SEND_LIMIT", 2)
    client.force_login(manager)
    response = _post(client, forum, meeting, three)
    assert response.status_code == 200
    assert "You can invite up to 2 organisations at a time and 3 are selected" in response.text
    assert not OutreachInvitation.objects.exists()
    assert not mailoutbox


def test_the_rule_refuses_more_than_the_limit_whoever_calls_it(forum, manager, meeting, three):
    with pytest.raises(OutreachRefused):
        send_invitations(forum, meeting, three[:1] * (OUTREACH_SEND_LIMIT + 1), manager)
    assert not OutreachInvitation.objects.exists()


def test_an_organisation_is_never_invited_to_the_same_item_twice(
    client, forum, manager, meeting, three, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_invitations(forum, meeting, three[:1], manager)
    assert len(mailoutbox) == 1
    client.force_login(manager)
    page = client.get(invite_url(forum, item=meeting.pk))
    assert "Invited on" in page.text
    assert f'value="{three[0].pk}"' not in page.text  # not selectable
    with django_capture_on_commit_callbacks(execute=True):
        again = _post(client, forum, meeting, three[:1])
    assert again.status_code == 200
    assert "cannot be invited" in again.text
    assert OutreachInvitation.objects.count() == 1
    assert len(mailoutbox) == 1


def test_a_send_racing_another_emails_only_the_organisations_it_invited(
    forum, manager, meeting, three, mailoutbox, django_capture_on_commit_callbacks
):
    """Another manager invited Alpha Aid after this one loaded the page: only the rows this
    send creates are emailed."""
    OutreachInvitation.objects.create(
        forum=forum, page=meeting, organisation=three[0], sent_to=[three[0].email]
    )
    with django_capture_on_commit_callbacks(execute=True):
        created = send_invitations(forum, meeting, three, manager)
    assert [i.organisation for i in created] == three[1:]
    assert sorted(e.to[0] for e in mailoutbox) == sorted(o.email for o in three[1:])


def test_the_same_organisation_may_be_invited_to_another_item(
    forum, manager, meeting, three, mailoutbox, django_capture_on_commit_callbacks
):
    consultation = ConsultationPageFactory(parent=forum, title="Housing on release")
    with django_capture_on_commit_callbacks(execute=True):
        send_invitations(forum, meeting, three[:1], manager)
        send_invitations(forum, consultation, three[:1], manager)
    assert OutreachInvitation.objects.filter(organisation=three[0]).count() == 2
    consultation_email = mailoutbox[1]
    assert consultation_email.subject == "North East forum asks for your views: Housing on release"
    assert "respond to the consultation Housing on release" in consultation_email.body


def test_an_organisation_without_an_email_address_is_shown_but_cannot_be_chosen(
    client, forum, manager, meeting, three
):
    silent = _organisation("Quiet Corner", email="")
    client.force_login(manager)
    page = client.get(invite_url(forum, item=meeting.pk))
    assert "Quiet Corner" in page.text
    assert "Cannot invite: no email address listed" in page.text
    assert f'value="{silent.pk}"' not in page.text
    response = _post(client, forum, meeting, [silent])
    assert "cannot be invited" in response.text
    assert not OutreachInvitation.objects.exists()


def test_select_all_ticks_every_organisation_on_the_page_that_can_be_invited(
    client, forum, manager, meeting, three
):
    send_invitations(forum, meeting, three[:1], manager)
    client.force_login(manager)
    response = _post(client, forum, meeting, [], action="select-all")
    assert response.status_code == 200
    assert response.context["ticked"] == {str(three[1].pk), str(three[2].pk)}
    ticked_boxes = re.findall(r'name="organisations" value="(\d+)"[^>]* checked>', response.text)
    assert sorted(ticked_boxes) == sorted([str(three[1].pk), str(three[2].pk)])


def test_only_the_forums_upcoming_events_and_open_consultations_can_be_invited_to(
    forum, other_forum, meeting
):
    import datetime

    from django.utils import timezone

    past = timezone.now() - datetime.timedelta(days=3)
    EventPageFactory(parent=forum, start=past, end=past + datetime.timedelta(hours=2))
    EventPageFactory(parent=forum, title="Postponed", status="postponed", status_reason="Snow")
    EventPageFactory(parent=other_forum, title="London meeting")
    open_one = ConsultationPageFactory(parent=forum, title="Open")
    ConsultationPageFactory(
        parent=forum, opens_at=past - datetime.timedelta(days=30), closes_at=past
    )
    ConsultationPageFactory(parent=forum, feedback_for_event=meeting, response_mode="person")
    assert invitable_items(forum) == [meeting, open_one]


def test_the_page_names_the_item_and_offers_no_blank_options(client, forum, manager, meeting):
    client.force_login(manager)
    response = client.get(invite_url(forum, item=meeting.pk))
    assert response.status_code == 200
    assert "Invite organisations to Spring forum meeting" in response.text
    assert "---------" not in response.text
    assert "Regional forums" in response.text  # the breadcrumbs


def test_the_outreach_page_makes_as_many_queries_for_many_organisations_as_for_few(
    client, forum, manager, meeting
):
    client.force_login(manager)
    for number in range(2):
        _organisation(f"First {number}")
    url = invite_url(forum, item=meeting.pk, show="all")
    client.get(url)  # warm caches (site, locales)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for number in range(6):
        _organisation(f"More {number}", income_band="under-10k", led_by_and_for=["women"])
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.text.count('name="organisations"') == 8
    assert len(many) == len(few)
