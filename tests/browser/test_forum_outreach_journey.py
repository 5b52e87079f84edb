"""A forum manager reaches beyond the forum's members: publishes an event (a member who asked
to hear about new events is emailed, once), invites three organisations from the reach
report's outreach list, and promotes someone from the waiting list."""

import re

from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache

import pytest
from playwright.sync_api import expect

from forums.memberships.rules import join_forum
from forums.models import EventPage, OutreachInvitation, RegistrationStatus
from forums.registrations.rules import register_for_event
from tests.factories import (
    ForumIndexPageFactory,
    OrganisationPageFactory,
    RegionalForumPageFactory,
    build_site_tree,
)
from tests.factories.accounts import VerifiedUserFactory, activate_authenticator_app

from .test_forum_journey import sign_in, the_manager_publishes_an_event

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EVENT_TITLE = "Resettlement in the North East: open forum"
INVITED = ["Harbour Women's Centre", "Tyne Lived Experience Network", "Wear Debt Advice"]


@pytest.fixture(autouse=True)
def _forget_rate_limits():
    cache.clear()


def test_a_manager_publishes_invites_and_promotes(live_server, page, axe, chromium):
    tree = build_site_tree()
    forums = ForumIndexPageFactory(parent=tree.home)
    forum = RegionalForumPageFactory(parent=forums, region="north-east")
    member = OrganisationPageFactory(title="Second Chances North East", regions=["north-east"])
    worker = VerifiedUserFactory(email="worker@second-chances.example")
    join_forum(forum, member, user=worker)  # joining subscribes the person who joined
    for title in INVITED:
        slug = title.split()[0].lower()
        OrganisationPageFactory(title=title, regions=["north-east"], email=f"hello@{slug}.example")
    OrganisationPageFactory(
        title="Elsewhere Trust", regions=["london"], email="hi@elsewhere.example"
    )
    manager = VerifiedUserFactory()
    manager.groups.add(Group.objects.get(name="Forum managers: North East"))
    app = activate_authenticator_app(manager)

    sign_in(page, live_server.url, manager.email, app)
    expect(page).to_have_url(re.compile(r"/(admin/)?$"))
    mail.outbox.clear()
    the_manager_publishes_an_event(page, live_server.url, forum, title=EVENT_TITLE, places=1)
    event = EventPage.objects.get(title=EVENT_TITLE)
    assert event.capacity == 1

    # The member who asked to hear about new events gets one email, with its own way out.
    notices = [m for m in mail.outbox if EVENT_TITLE in m.subject]
    assert [m.to for m in notices] == [[worker.email]]
    assert notices[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    mail.outbox.clear()
    the_manager_invites_three_organisations(page, live_server.url, axe)
    invitations = OutreachInvitation.objects.filter(page=event)
    assert sorted(invitations.values_list("organisation__title", flat=True)) == INVITED
    assert all(invitation.invited_by == manager for invitation in invitations)
    invited_addresses = sorted(address for m in mail.outbox for address in m.to)
    assert invited_addresses == sorted(
        f"hello@{title.split()[0].lower()}.example" for title in INVITED
    )

    # One place: the first person gets it, the second waits.
    first = register_for_event(event, VerifiedUserFactory())
    second_person = VerifiedUserFactory(first_name="Amira", last_name="Khan")
    waiting = register_for_event(event, second_person)
    assert (first.status, waiting.status) == ("registered", "waitlisted")

    mail.outbox.clear()
    the_manager_promotes_from_the_waiting_list(page, live_server.url, event)
    waiting.refresh_from_db()
    event.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED
    assert event.capacity == 2
    assert [m.to for m in mail.outbox] == [[second_person.email]]


def the_manager_invites_three_organisations(page, base_url, axe):
    page.goto(f"{base_url}/admin/forums/reach/")
    assert axe(page) == []
    page.get_by_role("link", name="Invite organisations to an event or consultation").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(EVENT_TITLE)
    expect(page.get_by_text("Elsewhere Trust")).to_have_count(0)
    for title in INVITED:
        page.get_by_label(f"Invite {title}").check()
    page.get_by_role("button", name="Preview the invitation").click()
    expect(page.get_by_text(f"invites you: {EVENT_TITLE}").first).to_be_visible()
    page.get_by_role("button", name="Send 3 invitations").click()
    expect(page.get_by_text(f"3 organisations invited to {EVENT_TITLE}.")).to_be_visible()


def the_manager_promotes_from_the_waiting_list(page, base_url, event):
    page.goto(f"{base_url}/admin/forums/events/{event.pk}/registrations/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Registrations for {EVENT_TITLE}")
    page.get_by_role("button", name=re.compile("Promote Amira Khan")).click()
    expect(page.get_by_text("Amira Khan has a place now. We have emailed them.")).to_be_visible()
    expect(page.get_by_text("The event was full, so it has 2 places now.")).to_be_visible()
