"""Who may invite organisations, see the invitations sent and message an event's
registrants: the managers of that forum and site admins, nobody else. Every group that
exists after `setup_site` is tried, as in test_personal_data_access."""

from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import Locale

import pytest

from directory.permissions import COMMISSIONERS_GROUP, MODERATORS_GROUP
from forums.models import EventMessage, OutreachInvitation, RegionalForumPage
from forums.roles import NATIONAL_FORUM_MANAGERS
from tests.factories import EventPageFactory, EventRegistrationFactory, OrganisationPageFactory
from tests.factories.accounts import VerifiedUserFactory, activate_authenticator_app
from tests.factories.translations import welsh_version

pytestmark = pytest.mark.django_db

NORTH_EAST = "Forum managers: North East"
EVERY_SCREEN = {"invite", "sent", "message registrants"}


@pytest.fixture
def site(db):
    call_command("setup_site", verbosity=0)
    north_east = RegionalForumPage.objects.get(
        region__slug="north-east", locale=Locale.get_default()
    )
    event = EventPageFactory(parent=north_east, title="North East forum meeting")
    EventRegistrationFactory(event=event, user__email="registered@example.org")
    organisation = OrganisationPageFactory(
        title="Second Chances", regions=["north-east"], email="hello@example.org"
    )
    return {"north_east": north_east, "event": event, "organisation": organisation}


def urls(site):
    forum, event = site["north_east"].pk, site["event"].pk
    return {
        "invite": f"/admin/forums/outreach/{forum}/invite/?item={event}",
        "sent": f"/admin/forums/outreach/{forum}/sent/",
        "message registrants": f"/admin/forums/outreach/events/{event}/message/",
    }


def _in_groups(*names, **kwargs):
    user = VerifiedUserFactory(**kwargs)
    for name in names:
        user.groups.add(Group.objects.get(name=name))
    activate_authenticator_app(user)
    return user


def attempt(client, user, site):
    """The screens `user` reaches, and whether any of their sends got through."""
    client.logout()
    if user is not None:
        client.force_login(user)
    reached = set()
    for name, url in urls(site).items():
        response = client.get(url)
        assert response.status_code in {200, 302, 403}, (name, response.status_code)
        if response.status_code == 200:
            reached.add(name)
        else:  # refused (Wagtail's admin turns a 403 into a redirect with a message)
            assert "North East forum meeting" not in response.text, name
    client.post(
        urls(site)["invite"],
        {"organisations": [site["organisation"].pk], "action": "send"},
    )
    client.post(
        urls(site)["message registrants"],
        {"audience": "everyone", "subject": "Hi", "body": "Hello", "action": "send"},
    )
    sent = OutreachInvitation.objects.exists() or EventMessage.objects.exists()
    OutreachInvitation.objects.all().delete()
    EventMessage.objects.all().delete()
    return reached, sent


def test_every_group_that_exists_is_refused_but_the_forums_own_managers(client, site):
    groups = set(Group.objects.values_list("name", flat=True))
    known = {NORTH_EAST, NATIONAL_FORUM_MANAGERS, MODERATORS_GROUP, COMMISSIONERS_GROUP}
    other_regions = {name for name in groups if name.startswith("Forum managers: ")} - known
    assert groups - known - other_regions == set(), "a new group: decide what it may do here"
    assert len(other_regions) == 11
    for name in sorted(groups):
        reached, sent = attempt(client, _in_groups(name), site)
        if name == NORTH_EAST:
            assert (reached, sent) == (EVERY_SCREEN, True), name
        else:
            assert (reached, sent) == (set(), False), name


@pytest.mark.parametrize(
    "role, allowed",
    [("anonymous", False), ("plain user", False), ("superuser", True)],
)
def test_people_outside_the_groups(client, site, role, allowed):
    user = {
        "anonymous": lambda: None,
        "plain user": VerifiedUserFactory,
        "superuser": lambda: _in_groups(is_superuser=True, is_staff=True),
    }[role]()
    reached, sent = attempt(client, user, site)
    assert (reached, sent) == ((EVERY_SCREEN, True) if allowed else (set(), False))


def test_the_forums_welsh_version_is_run_by_the_same_managers(client, site):
    welsh = welsh_version(site["north_east"])
    client.force_login(_in_groups(NORTH_EAST))
    response = client.get(f"/admin/forums/outreach/{welsh.pk}/sent/")
    assert response.status_code == 200
    client.force_login(_in_groups("Forum managers: London"))
    assert client.get(f"/admin/forums/outreach/{welsh.pk}/sent/").status_code in (302, 403)
