"""Who may open an organisation's dashboard and team page, invite, change the team and download
the organisation's data: every kind of person against their own organisation and another."""

import pytest

from directory.models import Invitation, OrganisationMembership
from tests.factories.team import InvitationFactory, MembershipFactory

pytestmark = pytest.mark.django_db


ACTORS = ["anonymous", "non_member", "editor_of_a", "owner_of_a", "moderator", "admin"]


def as_actor(client, world, actor):
    if world[actor] is not None:
        client.force_login(world[actor])
    return client


def expected(allowed, actor):
    if allowed:
        return 200
    return 302 if actor == "anonymous" else 403


DASHBOARD = {("editor_of_a", "a"), ("owner_of_a", "a")}


TEAM = {("owner_of_a", "a")}


ORGANISATION_DATA = {
    ("editor_of_a", "a"),
    ("owner_of_a", "a"),
    ("moderator", "a"),
    ("moderator", "b"),
    ("admin", "a"),
    ("admin", "b"),
}


@pytest.mark.parametrize("organisation", ["a", "b"])
@pytest.mark.parametrize("actor", ACTORS)
def test_who_can_open_an_organisations_dashboard(client, world, actor, organisation):
    response = as_actor(client, world, actor).get(f"/manage/{world[organisation].pk}/")
    assert response.status_code == expected((actor, organisation) in DASHBOARD, actor)
    if actor == "anonymous":
        assert response.url.startswith("/account/login/")


@pytest.mark.parametrize("organisation", ["a", "b"])
@pytest.mark.parametrize("actor", ACTORS)
def test_who_can_open_the_team_page(client, world, actor, organisation):
    response = as_actor(client, world, actor).get(f"/manage/{world[organisation].pk}/team/")
    assert response.status_code == expected((actor, organisation) in TEAM, actor)


@pytest.mark.parametrize("organisation", ["a", "b"])
@pytest.mark.parametrize("actor", ACTORS)
def test_who_can_invite_a_colleague(client, world, actor, organisation):
    response = as_actor(client, world, actor).post(
        f"/manage/{world[organisation].pk}/team/",
        {"email": "new.colleague@example.org", "role": "editor"},
    )
    if (actor, organisation) in TEAM:
        assert response.status_code == 302
        assert Invitation.objects.filter(organisation=world[organisation]).count() == 1
    else:
        assert response.status_code == (302 if actor == "anonymous" else 403)
        assert not Invitation.objects.exists()


@pytest.mark.parametrize("organisation", ["a", "b"])
@pytest.mark.parametrize("actor", ACTORS)
def test_who_can_change_roles_and_remove_members(client, world, actor, organisation):
    target = MembershipFactory(organisation=world[organisation])
    client = as_actor(client, world, actor)
    base = f"/manage/{world[organisation].pk}/team/members/{target.pk}"
    role = client.post(f"{base}/role/", {"role": "owner"})
    remove = client.post(f"{base}/remove/")
    allowed = (actor, organisation) in TEAM
    for response in (role, remove):
        assert response.status_code == (302 if allowed or actor == "anonymous" else 403)
    assert OrganisationMembership.objects.filter(pk=target.pk).exists() is not allowed


@pytest.mark.parametrize("organisation", ["a", "b"])
@pytest.mark.parametrize("actor", ACTORS)
def test_who_can_resend_and_cancel_invitations(client, world, actor, organisation):
    invitation = InvitationFactory(organisation=world[organisation])
    client = as_actor(client, world, actor)
    base = f"/manage/{world[organisation].pk}/team/invitations/{invitation.pk}"
    resend = client.post(f"{base}/resend/")
    cancel = client.post(f"{base}/cancel/")
    allowed = (actor, organisation) in TEAM
    for response in (resend, cancel):
        assert response.status_code == (302 if allowed or actor == "anonymous" else 403)
    invitation.refresh_from_db()
    assert (invitation.revoked_at is not None) is allowed


@pytest.mark.parametrize("organisation", ["a", "b"])
@pytest.mark.parametrize("actor", ACTORS)
def test_who_can_download_an_organisations_data(client, world, actor, organisation):
    response = as_actor(client, world, actor).get(f"/manage/{world[organisation].pk}/data.json")
    allowed = (actor, organisation) in ORGANISATION_DATA
    assert response.status_code == expected(allowed, actor)
    if allowed:
        assert response["Content-Type"].startswith("application/json")
        assert response["Content-Disposition"].startswith("attachment;")
        assert response.json()["organisation"]["name"] == world[organisation].title
