"""Following the emailed invitation link: the page, accepting (once), and the clear pages for
links that are expired, cancelled, used or unknown."""

from datetime import timedelta

from django.utils import timezone

import pytest

from directory.models import MembershipRole, OrganisationMembership
from tests.factories.accounts import (
    VerifiedUserFactory,
)
from tests.factories.core import UserFactory
from tests.factories.team import InvitationFactory, OwnerFactory, invitee_of

pytestmark = pytest.mark.django_db


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
