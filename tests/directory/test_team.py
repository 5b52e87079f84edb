"""The team rules: invitations work once and expire, and an organisation always keeps an
owner. These call `directory.team.rules` directly; the views are tested in test_team_views.py."""

import re
from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.utils import timezone

import pytest
from allauth.account.models import EmailAddress

from directory.models import Invitation, MembershipRole, OrganisationMembership
from directory.team.rules import (
    InvitationState,
    InviteeProblem,
    TeamRuleError,
    accept_invitation,
    change_role,
    find_invitation,
    hash_token,
    invitation_state,
    invite_colleague,
    invitee_problem,
    mask_email,
    may_accept_invitation,
    remove_member,
    resend_invitation,
    revoke_invitation,
)
from tests.factories.accounts import VerifiedUserFactory
from tests.factories.core import UserFactory
from tests.factories.directory import OrganisationPageFactory
from tests.factories.team import InvitationFactory, MembershipFactory, OwnerFactory, invitee_of

pytestmark = pytest.mark.django_db

BASE_URL = "http://testserver/"


def token_in(message):
    match = re.search(r"http://testserver/invitations/(?P<token>[-\w]+)/", message.body)
    assert match, message.body
    return match["token"]


@pytest.fixture
def owner():
    return OwnerFactory()


def test_inviting_a_colleague_emails_a_link_whose_token_is_stored_only_as_a_hash(
    owner, django_capture_on_commit_callbacks, settings
):
    settings.INVITATION_VALID_DAYS = 7
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite_colleague(
            owner.organisation, "Colleague@Example.org ", "editor", owner.user, BASE_URL
        )

    [message] = mail.outbox
    assert message.to == ["Colleague@Example.org"]
    assert owner.organisation.title in message.subject
    token = token_in(message)
    assert len(token) >= 40
    assert invitation.token_hash == hash_token(token)
    assert token not in str(Invitation.objects.filter(pk=invitation.pk).values().get())
    assert find_invitation(token) == invitation
    lifetime = invitation.expires_at - invitation.created_at
    assert timedelta(days=7) - timedelta(minutes=1) < lifetime <= timedelta(days=7)
    [(html, _mimetype)] = message.alternatives
    assert f"http://testserver/invitations/{token}/" in html


def test_invitations_last_as_long_as_the_setting_says(owner, settings):
    settings.INVITATION_VALID_DAYS = 2
    invitation = invite_colleague(
        owner.organisation, "a@example.org", "editor", owner.user, BASE_URL
    )
    assert invitation.expires_at - invitation.created_at <= timedelta(days=2)


def test_the_same_person_is_not_invited_twice_while_an_invitation_is_pending(owner):
    invite_colleague(owner.organisation, "a@example.org", "editor", owner.user, BASE_URL)
    with pytest.raises(TeamRuleError, match="already invited"):
        invite_colleague(owner.organisation, "A@example.org", "owner", owner.user, BASE_URL)
    assert Invitation.objects.count() == 1


def test_someone_already_in_the_team_is_not_invited(owner):
    editor = MembershipFactory(organisation=owner.organisation)
    with pytest.raises(TeamRuleError, match="already in your team"):
        invite_colleague(
            owner.organisation, editor.user.email.upper(), "editor", owner.user, BASE_URL
        )


def test_an_unknown_role_is_refused(owner):
    with pytest.raises(TeamRuleError):
        invite_colleague(owner.organisation, "a@example.org", "admin", owner.user, BASE_URL)


def test_accepting_makes_the_person_a_member_with_the_invited_role():
    invitation = InvitationFactory(role=MembershipRole.OWNER)
    colleague = invitee_of(invitation)

    membership = accept_invitation(invitation, colleague)

    assert membership.user == colleague
    assert membership.organisation == invitation.organisation
    assert membership.role == MembershipRole.OWNER
    invitation.refresh_from_db()
    assert invitation_state(invitation) == InvitationState.ACCEPTED
    assert invitation.accepted_by == colleague
    assert invitation.organisation.operational_status.is_claimed


def test_accepting_twice_creates_one_membership():
    invitation = InvitationFactory()
    colleague = invitee_of(invitation)

    first = accept_invitation(invitation, colleague)
    second = accept_invitation(invitation, colleague)

    assert first == second
    assert OrganisationMembership.objects.filter(user=colleague).count() == 1


def test_an_invitation_works_once_someone_else_cannot_use_it_again():
    invitation = InvitationFactory()
    accept_invitation(invitation, invitee_of(invitation))
    stranger = VerifiedUserFactory()

    with pytest.raises(TeamRuleError, match="already been used"):
        accept_invitation(invitation, stranger)
    assert not OrganisationMembership.objects.filter(user=stranger).exists()


def test_an_expired_invitation_cannot_be_accepted():
    invitation = InvitationFactory(expires_at=timezone.now() - timedelta(seconds=1))
    colleague = invitee_of(invitation)

    assert invitation_state(invitation) == InvitationState.EXPIRED
    with pytest.raises(TeamRuleError, match="expired"):
        accept_invitation(invitation, colleague)
    assert not OrganisationMembership.objects.filter(user=colleague).exists()


def test_a_revoked_invitation_cannot_be_accepted():
    invitation = revoke_invitation(InvitationFactory())
    colleague = invitee_of(invitation)

    assert invitation_state(invitation) == InvitationState.REVOKED
    with pytest.raises(TeamRuleError, match="cancelled"):
        accept_invitation(invitation, colleague)
    assert not OrganisationMembership.objects.filter(user=colleague).exists()


def test_revoking_an_accepted_invitation_changes_nothing():
    invitation = InvitationFactory()
    accept_invitation(invitation, invitee_of(invitation))
    invitation = revoke_invitation(invitation)
    assert invitation.revoked_at is None
    assert invitation_state(invitation) == InvitationState.ACCEPTED


def test_an_existing_owner_accepting_an_editor_invitation_stays_an_owner():
    owner = OwnerFactory()
    invitation = InvitationFactory(
        organisation=owner.organisation, role=MembershipRole.EDITOR, email=owner.user.email
    )

    membership = accept_invitation(invitation, owner.user)

    assert membership.pk == owner.pk
    assert membership.role == MembershipRole.OWNER
    assert OrganisationMembership.objects.filter(organisation=owner.organisation).count() == 1


def test_an_existing_editor_accepting_an_owner_invitation_becomes_an_owner():
    editor = MembershipFactory()
    invitation = InvitationFactory(
        organisation=editor.organisation, role=MembershipRole.OWNER, email=editor.user.email
    )

    membership = accept_invitation(invitation, editor.user)

    assert membership.role == MembershipRole.OWNER


def test_one_person_can_join_several_organisations():
    colleague = VerifiedUserFactory()
    accept_invitation(InvitationFactory(email=colleague.email), colleague)
    accept_invitation(InvitationFactory(email=colleague.email), colleague)
    assert colleague.memberships.count() == 2


# Only the person the invitation was sent to may accept it, not whoever holds the link


@pytest.mark.parametrize("role", [MembershipRole.OWNER, MembershipRole.EDITOR])
def test_someone_with_a_different_verified_address_cannot_accept(role):
    owner = OwnerFactory()
    invitation = InvitationFactory(
        organisation=owner.organisation, role=role, email="jo.bloggs@example.org"
    )
    intruder = VerifiedUserFactory(email="intruder@example.net")

    with pytest.raises(TeamRuleError) as refused:
        accept_invitation(invitation, intruder)

    assert refused.value.code == InviteeProblem.WRONG_PERSON
    assert "j***@example.org" in refused.value.message
    assert "jo.bloggs@example.org" not in refused.value.message
    assert not OrganisationMembership.objects.filter(user=intruder).exists()
    assert list(owner.organisation.memberships.all()) == [owner]
    invitation.refresh_from_db()
    assert invitation_state(invitation) == InvitationState.PENDING
    assert invitation.accepted_by is None
    # The person it was for can still use it.
    assert accept_invitation(invitation, invitee_of(invitation)).role == role


@pytest.mark.parametrize(
    "invited, verified",
    [
        ("Jo.Bloggs@Example.ORG", "jo.bloggs@example.org"),
        ("jo.bloggs@example.org", "JO.BLOGGS@EXAMPLE.ORG"),
        ("  jo.bloggs@example.org ", "jo.bloggs@example.org"),
    ],
)
def test_the_invited_address_matches_in_any_case_and_without_surrounding_spaces(invited, verified):
    invitation = InvitationFactory(email=invited)
    colleague = VerifiedUserFactory(email=verified)

    assert may_accept_invitation(invitation, colleague)
    assert accept_invitation(invitation, colleague).user == colleague


def test_any_of_the_persons_verified_addresses_will_do():
    colleague = VerifiedUserFactory(email="home@example.net")
    EmailAddress.objects.create(user=colleague, email="work@example.org", verified=True)
    invitation = InvitationFactory(email="Work@example.org")

    assert accept_invitation(invitation, colleague).user == colleague


def test_an_unverified_matching_address_is_refused_with_a_message_to_confirm_it():
    colleague = VerifiedUserFactory(email="home@example.net")
    EmailAddress.objects.create(user=colleague, email="work@example.org", verified=False)
    invitation = InvitationFactory(email="work@example.org", role=MembershipRole.OWNER)

    with pytest.raises(TeamRuleError, match="Confirm your email address") as refused:
        accept_invitation(invitation, colleague)

    assert refused.value.code == InviteeProblem.UNVERIFIED
    assert not OrganisationMembership.objects.filter(user=colleague).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_account_whose_only_address_is_unconfirmed_cannot_accept():
    invitation = InvitationFactory()
    unconfirmed = UserFactory(email=invitation.email)  # signed up, never confirmed

    assert invitee_problem(invitation, unconfirmed) == InviteeProblem.UNVERIFIED
    with pytest.raises(TeamRuleError):
        accept_invitation(invitation, unconfirmed)
    assert not OrganisationMembership.objects.exists()


def test_someone_signed_out_cannot_accept():
    invitation = InvitationFactory()
    assert invitee_problem(invitation, AnonymousUser()) == InviteeProblem.SIGNED_OUT
    with pytest.raises(TeamRuleError):
        accept_invitation(invitation, AnonymousUser())
    assert not OrganisationMembership.objects.exists()


def test_a_member_of_the_team_cannot_use_an_invitation_sent_to_someone_else():
    editor = MembershipFactory()
    invitation = InvitationFactory(organisation=editor.organisation, role=MembershipRole.OWNER)

    with pytest.raises(TeamRuleError):
        accept_invitation(invitation, editor.user)

    editor.refresh_from_db()
    assert editor.role == MembershipRole.EDITOR


@pytest.mark.parametrize(
    "email, masked",
    [
        ("jo.bloggs@example.org", "j***@example.org"),
        (" J@Example.org ", "J***@Example.org"),
        ("odd@name@example.org", "o***@example.org"),
        ("not an address", "***"),
        ("@example.org", "***"),
        ("", "***"),
    ],
)
def test_a_masked_address_shows_only_its_first_letter_and_domain(email, masked):
    assert mask_email(email) == masked


def test_resending_replaces_the_link_and_restarts_the_clock(
    owner, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(
        organisation=owner.organisation,
        token="old-token",
        expires_at=timezone.now() + timedelta(hours=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        resend_invitation(invitation, owner.user, BASE_URL)

    new_token = token_in(mail.outbox[0])
    assert find_invitation("old-token") is None
    assert find_invitation(new_token) == invitation
    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now() + timedelta(days=6)


def test_a_revoked_invitation_cannot_be_resent(owner):
    invitation = revoke_invitation(InvitationFactory(organisation=owner.organisation))
    with pytest.raises(TeamRuleError):
        resend_invitation(invitation, owner.user, BASE_URL)


@pytest.mark.parametrize("token", ["", "nonsense", "x" * 500])
def test_an_unknown_token_finds_nothing(token):
    InvitationFactory(token="real-token")
    assert find_invitation(token) is None


def test_the_only_owner_cannot_become_an_editor(owner):
    with pytest.raises(TeamRuleError, match="only owner"):
        change_role(owner, MembershipRole.EDITOR)
    owner.refresh_from_db()
    assert owner.role == MembershipRole.OWNER


def test_an_owner_can_become_an_editor_when_there_is_another_owner(owner):
    OwnerFactory(organisation=owner.organisation)
    assert change_role(owner, MembershipRole.EDITOR).role == MembershipRole.EDITOR


def test_an_editor_can_be_made_an_owner(owner):
    editor = MembershipFactory(organisation=owner.organisation)
    assert change_role(editor, MembershipRole.OWNER).role == MembershipRole.OWNER


def test_the_only_owner_cannot_be_removed(owner):
    MembershipFactory(organisation=owner.organisation)
    with pytest.raises(TeamRuleError, match="only owner"):
        remove_member(owner)
    assert OrganisationMembership.objects.filter(pk=owner.pk).exists()


def test_a_member_can_be_removed(owner):
    editor = MembershipFactory(organisation=owner.organisation)
    remove_member(editor)
    remove_member(editor)  # twice: nothing more happens
    assert not OrganisationMembership.objects.filter(pk=editor.pk).exists()
    assert OrganisationMembership.objects.filter(pk=owner.pk).exists()


def test_an_owner_can_leave_when_another_owner_stays(owner):
    OwnerFactory(organisation=owner.organisation)
    remove_member(owner)
    assert owner.organisation.memberships.count() == 1


def test_team_factories_build_saved_records():
    organisation = OrganisationPageFactory()
    membership = MembershipFactory(organisation=organisation)
    owner = OwnerFactory(organisation=organisation)
    invitation = InvitationFactory(organisation=organisation, token="t")
    assert membership.role == "editor" and owner.role == "owner"
    assert find_invitation("t") == invitation
    assert membership.user.emailaddress_set.get().verified


def test_html_in_an_organisation_name_is_plain_text_in_the_invitation(
    django_capture_on_commit_callbacks,
):
    owner = OwnerFactory(organisation__title="Alpha & <b>Beta</b>")
    with django_capture_on_commit_callbacks(execute=True):
        invite_colleague(owner.organisation, "a@example.org", "editor", owner.user, BASE_URL)
    [message] = mail.outbox
    assert message.subject == "Join the team of Alpha & <b>Beta</b> on Common Ground"
    assert "Alpha & <b>Beta</b>" in message.body
    [(html, _mimetype)] = message.alternatives
    assert "<b>Beta</b>" not in html
    assert "Alpha &amp; &lt;b&gt;Beta&lt;/b&gt;" in html
