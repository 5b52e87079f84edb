"""An invitation is for the address it was sent to, not for whoever holds the link: someone
else is told whom it was for and cannot join; the invited person, signed in or not, can."""

import pytest
from allauth.account.models import EmailAddress

from directory.models import MembershipRole, OrganisationMembership
from tests.factories.accounts import (
    DEFAULT_PASSWORD,
    VerifiedUserFactory,
)
from tests.factories.team import InvitationFactory, OwnerFactory, invitee_of

pytestmark = pytest.mark.django_db


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
