"""The organisation dashboard, the team page and the invitation link, through HTTP:
who may do what (a matrix), bad input, and the journeys' edges."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

import pytest
from allauth.account.models import EmailAddress

from directory.models import Invitation, MembershipRole, OrganisationMembership
from directory.permissions import MODERATORS_GROUP
from tests.factories.accounts import (
    DEFAULT_PASSWORD,
    StaffUserFactory,
    VerifiedUserFactory,
    activate_authenticator_app,
)
from tests.factories.core import UserFactory
from tests.factories.directory import OrganisationPageFactory
from tests.factories.team import InvitationFactory, MembershipFactory, OwnerFactory, invitee_of

pytestmark = pytest.mark.django_db

ACTORS = ["anonymous", "non_member", "editor_of_a", "owner_of_a", "moderator", "admin"]


@pytest.fixture
def world():
    """Two organisations, A and B, each with an owner, and people in every role."""
    a = OrganisationPageFactory(title="Alpha Aid")
    b = OrganisationPageFactory(title="Beta Support")
    owner_of_a = OwnerFactory(organisation=a).user
    editor_of_a = MembershipFactory(organisation=a).user
    OwnerFactory(organisation=b)
    moderator = VerifiedUserFactory()
    moderator.groups.add(Group.objects.get_or_create(name=MODERATORS_GROUP)[0])
    activate_authenticator_app(moderator)
    return {
        "a": a,
        "b": b,
        "anonymous": None,
        "non_member": VerifiedUserFactory(),
        "editor_of_a": editor_of_a,
        "owner_of_a": owner_of_a,
        "moderator": moderator,
        "admin": StaffUserFactory(),
    }


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


# The dashboard and the organisation switcher


def test_the_dashboard_shows_the_organisation_role_team_and_a_place_for_listing_actions(
    client, world
):
    client.force_login(world["editor_of_a"])
    response = client.get(f"/manage/{world['a'].pk}/")
    html = response.content.decode()
    assert "Alpha Aid" in html
    assert "You are an editor" in html
    assert world["owner_of_a"].email not in html  # names, not addresses, on the dashboard
    assert "Manage the team" not in html
    assert "moj-organisation-nav" not in html  # one organisation: no switcher
    templates = [t.name for t in response.templates]
    assert "directory/includes/listing_actions.html" in templates


def test_someone_in_several_teams_sees_the_organisation_switcher(client, world):
    user = world["owner_of_a"]
    MembershipFactory(user=user, organisation=world["b"])
    client.force_login(user)

    html = client.get(f"/manage/{world['a'].pk}/").content.decode()
    assert 'class="moj-organisation-nav"' in html
    assert 'href="/manage/"' in html
    assert "Manage the team and invite colleagues" in html

    choose = client.get("/manage/").content.decode()
    assert f'href="/manage/{world["a"].pk}/"' in choose
    assert f'href="/manage/{world["b"].pk}/"' in choose


@pytest.mark.parametrize("url", ["/manage/999999/", "/manage/999999/team/", "/manage/abc/"])
def test_an_unknown_organisation_is_not_found(client, world, url):
    client.force_login(world["owner_of_a"])
    assert client.get(url).status_code == 404


def test_a_member_or_invitation_of_another_organisation_is_not_found(client, world):
    client.force_login(world["owner_of_a"])
    other_member = world["b"].memberships.get()
    other_invitation = InvitationFactory(organisation=world["b"])
    a = world["a"].pk
    assert client.post(f"/manage/{a}/team/members/{other_member.pk}/remove/").status_code == 404
    assert client.get(f"/manage/{a}/team/members/{other_member.pk}/role/").status_code == 404
    assert (
        client.post(f"/manage/{a}/team/invitations/{other_invitation.pk}/cancel/").status_code
        == 404
    )
    assert OrganisationMembership.objects.filter(pk=other_member.pk).exists()


# Inviting: bad input gets a clear message next to the field and keeps what was typed


@pytest.mark.parametrize(
    "email, message",
    [
        ("", "Enter their email address"),
        ("not an email", "Enter an email address in the correct format"),
        ("<script>alert(1)</script>@x", "Enter an email address in the correct format"),
    ],
)
def test_a_bad_email_address_is_shown_next_to_the_field(client, world, email, message):
    client.force_login(world["owner_of_a"])
    response = client.post(f"/manage/{world['a'].pk}/team/", {"email": email, "role": "owner"})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'class="govuk-error-message"' in html
    assert "<script>alert(1)</script>" not in html
    if email:
        assert 'value="owner" checked' in html  # the choice is kept
    assert not Invitation.objects.exists()


def test_an_unknown_role_is_refused_next_to_the_field(client, world):
    client.force_login(world["owner_of_a"])
    response = client.post(
        f"/manage/{world['a'].pk}/team/", {"email": "a@example.org", "role": "superuser"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert 'href="#id_role_0"' in html  # the summary links to the first radio
    assert 'id="id_role_0"' in html
    assert not Invitation.objects.exists()


def test_inviting_someone_already_in_the_team_says_so(client, world):
    client.force_login(world["owner_of_a"])
    response = client.post(
        f"/manage/{world['a'].pk}/team/",
        {"email": world["editor_of_a"].email, "role": "editor"},
    )
    assert "already in your team" in response.content.decode()


def test_a_double_submitted_invitation_creates_one(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world["owner_of_a"])
    data = {"email": "twice@example.org", "role": "editor"}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(f"/manage/{world['a'].pk}/team/", data)
        second = client.post(f"/manage/{world['a'].pk}/team/", data)
    assert first.status_code == 302
    assert second.status_code == 200
    assert Invitation.objects.filter(email="twice@example.org").count() == 1
    assert len(mail.outbox) == 1


def test_the_team_page_lists_members_and_pending_invitations_only(client, world):
    a = world["a"]
    InvitationFactory(organisation=a, email="waiting@example.org")
    InvitationFactory(organisation=a, email="expired@example.org", expires_at=timezone.now())
    InvitationFactory(organisation=a, email="cancelled@example.org", revoked_at=timezone.now())
    client.force_login(world["owner_of_a"])
    html = client.get(f"/manage/{a.pk}/team/").content.decode()
    assert world["editor_of_a"].email in html
    assert "waiting@example.org" in html
    assert "expired@example.org" not in html
    assert "cancelled@example.org" not in html
    assert "Only owner" in html


def test_the_only_owner_cannot_be_made_an_editor_through_the_page(client, world):
    owner = world["a"].memberships.get(role=MembershipRole.OWNER)
    client.force_login(world["owner_of_a"])
    response = client.post(
        f"/manage/{world['a'].pk}/team/members/{owner.pk}/role/", {"role": "editor"}
    )
    assert response.status_code == 200
    assert "cannot make the only owner an editor" in response.content.decode()
    owner.refresh_from_db()
    assert owner.role == MembershipRole.OWNER


def test_the_only_owner_cannot_be_removed_through_the_page(client, world):
    owner = world["a"].memberships.get(role=MembershipRole.OWNER)
    client.force_login(world["owner_of_a"])
    response = client.post(f"/manage/{world['a'].pk}/team/members/{owner.pk}/remove/")
    assert response.status_code == 409
    assert "cannot remove the only owner" in response.content.decode()
    assert OrganisationMembership.objects.filter(pk=owner.pk).exists()


def test_an_owner_makes_an_editor_an_owner(client, world):
    editor = world["a"].memberships.get(role=MembershipRole.EDITOR)
    client.force_login(world["owner_of_a"])
    response = client.post(
        f"/manage/{world['a'].pk}/team/members/{editor.pk}/role/", {"role": "owner"}
    )
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.role == MembershipRole.OWNER


# Following the emailed link


def test_the_invitation_page_shows_the_organisation_and_who_invited(client):
    inviter = VerifiedUserFactory(first_name="Priya", last_name="Shah")
    invitation = InvitationFactory(token="tok", invited_by=inviter, role="owner")
    html = client.get("/invitations/tok/").content.decode()
    assert invitation.organisation.title in html
    assert "Priya Shah" in html
    assert "Owner" in html
    assert "/account/login/?next=/invitations/tok/" in html


def test_an_anonymous_person_cannot_accept(client):
    invitation = InvitationFactory(token="tok")
    client.post("/invitations/tok/")
    assert not OrganisationMembership.objects.filter(organisation=invitation.organisation).exists()


def test_someone_without_a_verified_email_address_cannot_accept(client):
    invitation = InvitationFactory(token="tok")
    unverified = UserFactory(email=invitation.email)  # the invited address, not yet confirmed
    client.force_login(unverified)
    response = client.post("/invitations/tok/")
    assert "confirm your email address" in response.content.decode()
    assert not OrganisationMembership.objects.filter(user=unverified).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_accepting_joins_the_team_and_opens_the_dashboard(client):
    invitation = InvitationFactory(token="tok")
    colleague = invitee_of(invitation)
    client.force_login(colleague)
    response = client.post("/invitations/tok/")
    assert response.status_code == 302
    assert response.url == f"/manage/{invitation.organisation.pk}/"
    assert OrganisationMembership.objects.filter(
        user=colleague, organisation=invitation.organisation, role="editor"
    ).exists()


def test_a_double_submitted_acceptance_creates_one_membership(client):
    invitation = InvitationFactory(token="tok")
    colleague = invitee_of(invitation)
    client.force_login(colleague)
    client.post("/invitations/tok/")
    second = client.post("/invitations/tok/")
    assert second.status_code == 302
    assert (
        OrganisationMembership.objects.filter(
            user=colleague, organisation=invitation.organisation
        ).count()
        == 1
    )


@pytest.mark.parametrize(
    "state, heading",
    [
        ({"expires_at": timezone.now() - timedelta(days=1)}, "This invitation has expired"),
        ({"revoked_at": timezone.now()}, "This invitation has been cancelled"),
        ({"accepted_at": timezone.now()}, "This invitation has already been used"),
    ],
)
def test_a_closed_invitation_gives_a_clear_page(client, state, heading):
    InvitationFactory(token="tok", **state)
    stranger = VerifiedUserFactory()
    client.force_login(stranger)
    for response in (client.get("/invitations/tok/"), client.post("/invitations/tok/")):
        assert response.status_code == 410
        assert heading in response.content.decode()
    assert not OrganisationMembership.objects.filter(user=stranger).exists()


@pytest.mark.parametrize("token", ["nonsense", "x" * 300, "%3Cscript%3E"])
def test_an_unknown_invitation_link_is_not_found(client, token):
    response = client.get(f"/invitations/{token}/")
    assert response.status_code == 404
    assert "This invitation link does not work" in response.content.decode()


def test_following_a_used_link_after_leaving_the_team_says_it_was_used(client):
    invitation = InvitationFactory(token="tok")
    colleague = invitee_of(invitation)
    client.force_login(colleague)
    client.post("/invitations/tok/")
    OrganisationMembership.objects.filter(user=colleague).delete()

    response = client.post("/invitations/tok/")

    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    assert not OrganisationMembership.objects.filter(
        user=colleague, organisation=invitation.organisation
    ).exists()


def test_an_existing_owner_is_told_accepting_changes_nothing(client):
    owner = OwnerFactory()
    InvitationFactory(token="tok", organisation=owner.organisation, email=owner.user.email)
    client.force_login(owner.user)
    assert "Accepting changes nothing" in client.get("/invitations/tok/").content.decode()
    client.post("/invitations/tok/")
    owner.refresh_from_db()
    assert owner.role == MembershipRole.OWNER


# The invitation is for the address it was sent to, not for whoever holds the link


@pytest.mark.parametrize("role", ["owner", "editor"])
def test_someone_signed_in_with_another_address_is_told_whom_it_was_for_and_cannot_join(
    client, role
):
    inviter = VerifiedUserFactory(first_name="Priya", last_name="Shah")
    owner = OwnerFactory(user=inviter, organisation__title="Alpha Aid")
    invitation = InvitationFactory(
        token="tok",
        organisation=owner.organisation,
        invited_by=inviter,
        role=role,
        email="jo.bloggs@example.org",
    )
    intruder = VerifiedUserFactory(email="intruder@example.net")
    client.force_login(intruder)

    for response in (client.get("/invitations/tok/"), client.post("/invitations/tok/")):
        html = response.content.decode()
        assert response.status_code == 403
        assert "This invitation is for someone else" in html
        assert "j***@example.org" in html
        assert "jo.bloggs@example.org" not in html
        assert "intruder@example.net" in html  # who they are signed in as
        assert "sign out, then sign in with that address" in html
        assert "Priya Shah" in html and "send a new invitation to your address" in html
        assert 'action="/account/logout/"' in html
        assert 'name="next" value="/invitations/tok/"' in html
        assert "Join the team</button>" not in html

    assert not OrganisationMembership.objects.filter(user=intruder).exists()
    assert list(owner.organisation.memberships.all()) == [owner]
    invitation.refresh_from_db()
    assert invitation.accepted_at is None and invitation.accepted_by is None


def test_the_intruder_never_joins_so_cannot_remove_the_owner(client):
    owner = OwnerFactory()
    organisation = owner.organisation
    InvitationFactory(token="tok", organisation=organisation, role="owner")
    intruder = VerifiedUserFactory()
    client.force_login(intruder)

    client.post("/invitations/tok/")
    remove = client.post(f"/manage/{organisation.pk}/team/members/{owner.pk}/remove/")
    demote = client.post(
        f"/manage/{organisation.pk}/team/members/{owner.pk}/role/", {"role": "editor"}
    )
    team = client.get(f"/manage/{organisation.pk}/team/")

    assert remove.status_code == demote.status_code == team.status_code == 403
    owner.refresh_from_db()
    assert owner.role == MembershipRole.OWNER
    assert list(organisation.memberships.all()) == [owner]


def test_the_invited_address_in_another_case_can_join(client):
    invitation = InvitationFactory(token="tok", email="Jo.Bloggs@Example.ORG", role="owner")
    colleague = VerifiedUserFactory(email="jo.bloggs@example.org")
    client.force_login(colleague)

    html = client.get("/invitations/tok/").content.decode()
    assert "Join the team</button>" in html
    response = client.post("/invitations/tok/")

    assert response.status_code == 302
    assert response.url == f"/manage/{invitation.organisation.pk}/"
    assert OrganisationMembership.objects.filter(
        user=colleague, organisation=invitation.organisation, role="owner"
    ).exists()


def test_a_second_verified_address_of_the_signed_in_person_will_do(client):
    colleague = VerifiedUserFactory(email="home@example.net")
    EmailAddress.objects.create(user=colleague, email="work@example.org", verified=True)
    invitation = InvitationFactory(token="tok", email="work@example.org")
    client.force_login(colleague)

    assert client.post("/invitations/tok/").status_code == 302
    assert OrganisationMembership.objects.filter(
        user=colleague, organisation=invitation.organisation
    ).exists()


def test_an_unverified_invited_address_is_refused_with_a_message_to_confirm_it(client):
    colleague = VerifiedUserFactory(email="home@example.net")
    EmailAddress.objects.create(user=colleague, email="work@example.org", verified=False)
    invitation = InvitationFactory(token="tok", email="work@example.org", role="owner")
    client.force_login(colleague)

    page = client.get("/invitations/tok/")
    assert page.status_code == 200
    assert "Confirm your email address first" in page.content.decode()
    assert "Join the team</button>" not in page.content.decode()
    assert 'href="/account/email/"' in page.content.decode()

    refused = client.post("/invitations/tok/")
    assert refused.status_code == 403
    assert "Confirm your email address work@example.org before you join" in (
        refused.content.decode()
    )
    assert not OrganisationMembership.objects.filter(user=colleague).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_someone_signed_out_sees_a_partly_hidden_address_and_ways_to_sign_in_or_up(client):
    InvitationFactory(token="tok", email="jo.bloggs@example.org")
    response = client.get("/invitations/tok/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "j***@example.org" in html
    assert "jo.bloggs@example.org" not in html
    assert 'href="/account/login/?next=/invitations/tok/"' in html
    assert 'href="/account/signup/?next=/invitations/tok/"' in html
    assert "Join the team</button>" not in html


def test_signing_in_from_the_invitation_comes_back_to_it(client):
    invitation = InvitationFactory(token="tok")
    colleague = invitee_of(invitation)
    response = client.post(
        "/account/login/?next=/invitations/tok/",
        {"login": colleague.email, "password": DEFAULT_PASSWORD, "next": "/invitations/tok/"},
    )
    assert response.status_code == 302
    assert response.url == "/invitations/tok/"
    assert "Join the team</button>" in client.get(response.url).content.decode()


@pytest.mark.parametrize("signed_in_as", ["invitee", "stranger", "nobody"])
@pytest.mark.parametrize(
    "state, heading, advice",
    [
        (
            {"expires_at": timezone.now() - timedelta(days=1)},
            "This invitation has expired",
            "Ask Priya Shah to send you a new one.",
        ),
        (
            {"revoked_at": timezone.now()},
            "This invitation has been cancelled",
            "ask one of its owners",
        ),
        (
            {"accepted_at": timezone.now()},
            "This invitation has already been used",
            "ask Priya Shah to send you a new invitation",
        ),
    ],
)
def test_a_closed_invitation_says_what_happened_and_whom_to_ask(
    client, state, heading, advice, signed_in_as
):
    inviter = VerifiedUserFactory(first_name="Priya", last_name="Shah")
    invitation = InvitationFactory(token="tok", invited_by=inviter, role="owner", **state)
    person = {
        "invitee": invitee_of(invitation),
        "stranger": VerifiedUserFactory(),
        "nobody": None,
    }[signed_in_as]
    if person:
        client.force_login(person)
    for response in (client.get("/invitations/tok/"), client.post("/invitations/tok/")):
        html = response.content.decode()
        assert response.status_code == 410
        assert heading in html
        assert advice in html
        assert invitation.email not in html
    assert not OrganisationMembership.objects.filter(organisation=invitation.organisation).exists()


def test_an_expired_invitation_from_someone_who_has_left_says_to_ask_an_owner(client):
    invitation = InvitationFactory(
        token="tok", invited_by=None, expires_at=timezone.now() - timedelta(days=1)
    )
    html = client.get("/invitations/tok/").content.decode()
    assert f"Ask one of the owners of {invitation.organisation.title}" in html


def test_html_in_names_is_shown_as_text_on_the_team_pages(client):
    owner = OwnerFactory(organisation__title="<i>Alpha</i>", user__first_name="<script>x</script>")
    InvitationFactory(token="tok", organisation=owner.organisation, invited_by=owner.user)
    client.force_login(owner.user)
    for url in [f"/manage/{owner.organisation.pk}/", f"/manage/{owner.organisation.pk}/team/"]:
        html = client.get(url).content.decode()
        assert "&lt;i&gt;Alpha&lt;/i&gt;" in html
        assert "<script>x</script>" not in html
    client.logout()
    html = client.get("/invitations/tok/").content.decode()
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["", "team/"])
def test_the_dashboard_and_team_page_queries_do_not_grow_with_the_team(client, page):
    small = OwnerFactory()
    large = OwnerFactory()
    for _ in range(10):
        MembershipFactory(organisation=large.organisation)
        InvitationFactory(organisation=large.organisation)
        MembershipFactory(user=large.user)  # and more organisations of their own
    client.force_login(small.user)
    small_count = count_queries(client, f"/manage/{small.organisation.pk}/{page}")
    client.force_login(large.user)
    assert count_queries(client, f"/manage/{large.organisation.pk}/{page}") == small_count


def test_resending_from_the_team_page_emails_a_new_link_and_the_old_one_stops_working(
    client, world, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(organisation=world["a"], token="old")
    client.force_login(world["owner_of_a"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/manage/{world['a'].pk}/team/invitations/{invitation.pk}/resend/")
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [invitation.email]
    assert client.get("/invitations/old/").status_code == 404
    new_path = message.body.split("http://testserver", 1)[1].split()[0]
    client.logout()
    assert client.get(new_path).status_code == 200


def test_cancelling_from_the_team_page_closes_the_link(client, world):
    invitation = InvitationFactory(organisation=world["a"], token="tok")
    client.force_login(world["owner_of_a"])
    url = f"/manage/{world['a'].pk}/team/invitations/{invitation.pk}/cancel/"
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # twice: no harm
    assert client.get(url).status_code == 405
    assert client.get("/invitations/tok/").status_code == 410


def test_choosing_an_organisation_needs_you_to_sign_in(client):
    response = client.get("/manage/")
    assert response.status_code == 302
    assert response.url.startswith("/account/login/")
