"""An organisation's team: inviting colleagues, roles, and keeping at least one owner.

Views, the account deletion and (later) admin actions call these functions; each rule lives
here once. An invitation is for the address it was sent to, not for whoever holds the link:
only someone signed in with that address verified may accept it (`invitee_problem`).
Team changes lock the organisation's row, so two owners acting at once (or one
double-submitting) cannot leave it without an owner or create two of anything.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Page

from allauth.account.models import EmailAddress

from core.emails import send_templated_email
from directory.models import Invitation, MembershipRole, OrganisationMembership, OrganisationStatus


class TeamRuleError(ValidationError):
    """A team change the rules do not allow; the message says why, in plain English."""


class InvitationState:
    PENDING = "pending"
    ACCEPTED = "accepted"
    EXPIRED = "expired"
    REVOKED = "revoked"


class InviteeProblem:
    """Why someone may not accept an invitation (see `invitee_problem`)."""

    SIGNED_OUT = "signed_out"
    UNVERIFIED = "unverified"
    WRONG_PERSON = "wrong_person"


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token():
    return secrets.token_urlsafe(32)


def _lock(organisation):
    """Serialise team changes to one organisation (a no-op on SQLite, which locks anyway)."""
    Page.objects.select_for_update().filter(pk=organisation.pk).first()


def invitation_lifetime():
    return timedelta(days=settings.INVITATION_VALID_DAYS)


def invitation_state(invitation, now=None):
    now = now or timezone.now()
    if invitation.accepted_at:
        return InvitationState.ACCEPTED
    if invitation.revoked_at:
        return InvitationState.REVOKED
    if invitation.expires_at <= now:
        return InvitationState.EXPIRED
    return InvitationState.PENDING


def pending_invitations(organisation, now=None):
    now = now or timezone.now()
    return organisation.invitations.filter(
        accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    )


def owners(organisation):
    return organisation.memberships.filter(role=MembershipRole.OWNER)


def team_members(organisation):
    return organisation.memberships.select_related("user").order_by("role", "user__email")


def _invitation_link(token, base_url):
    return base_url.rstrip("/") + reverse("directory_accept_invitation", args=[token])


def _send_invitation(invitation, token, base_url):
    send_templated_email(
        [invitation.email],
        "directory/emails/invitation",
        {
            "invitation": invitation,
            "organisation": invitation.organisation,
            "invited_by": invitation.invited_by,
            "valid_days": settings.INVITATION_VALID_DAYS,
        },
        # The link is made in the reader's language: a Welsh reader joins at /cy/.
        context_for=lambda _language: {"link": _invitation_link(token, base_url)},
    )


def invite_colleague(organisation, email, role, invited_by, base_url):
    """Email `email` a link to join the team as `role`; returns the invitation.

    Only a hash of the link's token is kept. Someone already in the team, or already
    invited and not yet answered, is not invited twice: resend that invitation instead.
    """
    email = email.strip()
    if role not in MembershipRole.values:
        raise TeamRuleError(_("Choose owner or editor"), code="role")
    with transaction.atomic():
        _lock(organisation)
        if organisation.memberships.filter(user__email__iexact=email).exists():
            raise TeamRuleError(_("This person is already in your team"), code="member")
        if pending_invitations(organisation).filter(email__iexact=email).exists():
            raise TeamRuleError(
                _("You have already invited this person. You can resend the invitation below."),
                code="invited",
            )
        token = _new_token()
        invitation = Invitation.objects.create(
            organisation=organisation,
            email=email,
            role=role,
            token_hash=hash_token(token),
            invited_by=invited_by,
            expires_at=timezone.now() + invitation_lifetime(),
        )
        _send_invitation(invitation, token, base_url)
    return invitation


def resend_invitation(invitation, sent_by, base_url):
    """A new link (the old one stops working) valid for the full period again."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation_state(invitation) in {InvitationState.ACCEPTED, InvitationState.REVOKED}:
            raise TeamRuleError(_("This invitation can no longer be sent"), code="closed")
        token = _new_token()
        invitation.token_hash = hash_token(token)
        invitation.expires_at = timezone.now() + invitation_lifetime()
        invitation.invited_by = sent_by
        invitation.save(update_fields=["token_hash", "expires_at", "invited_by"])
        _send_invitation(invitation, token, base_url)
    return invitation


def revoke_invitation(invitation):
    """The link stops working. Revoking twice, or after it was accepted, changes nothing."""
    Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    invitation.refresh_from_db()
    return invitation


def find_invitation(token):
    """The invitation a link's token belongs to, or None (whatever state it is in)."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )


def normalise_email(email):
    """An address as compared: surrounding spaces dropped, any case."""
    return (email or "").strip().lower()


def mask_email(email):
    """Enough of an address for its owner to recognise it, not enough to give it away to
    anyone else: "jo.bloggs@example.org" becomes "j***@example.org"."""
    local, at, domain = (email or "").strip().rpartition("@")
    if not at or not local or not domain:
        return "***"
    return f"{local[0]}***@{domain}"


def invitee_problem(invitation, user):
    """Why `user` may not accept `invitation`, or None when they may.

    An invitation is for the address it was sent to: only someone signed in with that
    address confirmed (one of their verified addresses, in any case) may accept it. Holding
    the link is not enough, since links get forwarded, shared and left in inboxes.
    """
    if user is None or not user.is_authenticated:
        return InviteeProblem.SIGNED_OUT
    invited = normalise_email(invitation.email)
    if not invited:
        return InviteeProblem.WRONG_PERSON
    addresses = EmailAddress.objects.filter(user=user).values_list("email", "verified")
    if any(normalise_email(email) == invited and verified for email, verified in addresses):
        return None
    if normalise_email(user.email) == invited or any(
        normalise_email(email) == invited for email, _verified in addresses
    ):
        return InviteeProblem.UNVERIFIED
    return InviteeProblem.WRONG_PERSON


def may_accept_invitation(invitation, user):
    """Whether `user` is the person `invitation` was sent to (see `invitee_problem`)."""
    return invitee_problem(invitation, user) is None


def _check_invitee(invitation, user):
    problem = invitee_problem(invitation, user)
    if problem == InviteeProblem.SIGNED_OUT:
        raise TeamRuleError(_("Sign in to join the team"), code=problem)
    if problem == InviteeProblem.UNVERIFIED:
        raise TeamRuleError(
            _(
                "Confirm your email address %(email)s before you join: use the link in the "
                "email we sent you when you added it."
            )
            % {"email": invitation.email.strip()},
            code=problem,
        )
    if problem == InviteeProblem.WRONG_PERSON:
        raise TeamRuleError(
            _(
                "This invitation was sent to %(masked)s, not to an address on your account. "
                "Sign in as that address, or ask for an invitation to your own address."
            )
            % {"masked": mask_email(invitation.email)},
            code=problem,
        )


def accept_invitation(invitation, user):
    """Join the team. Returns the membership.

    Only the person the invitation was sent to may accept it: someone signed in with the
    invited address verified (`invitee_problem`); anyone else gets a TeamRuleError saying
    why, and nothing changes. The link works once: a second submit by the same person
    returns the same membership; anyone else, or an expired or revoked invitation, gets a
    TeamRuleError. Someone already in the team keeps their role, unless the invitation
    makes an editor an owner.
    """
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        state = invitation_state(invitation)
        if state == InvitationState.ACCEPTED:
            if invitation.accepted_by_id == user.pk:
                membership = OrganisationMembership.objects.filter(
                    user=user, organisation_id=invitation.organisation_id
                ).first()
                if membership:
                    return membership
            raise TeamRuleError(_("This invitation has already been used"), code="used")
        if state == InvitationState.REVOKED:
            raise TeamRuleError(_("This invitation has been cancelled"), code="revoked")
        if state == InvitationState.EXPIRED:
            raise TeamRuleError(_("This invitation has expired"), code="expired")
        _check_invitee(invitation, user)

        organisation = invitation.organisation
        _lock(organisation)
        membership = OrganisationMembership.objects.filter(
            user=user, organisation=organisation
        ).first()
        if membership is None:
            try:
                with transaction.atomic():
                    membership = OrganisationMembership.objects.create(
                        user=user, organisation=organisation, role=invitation.role
                    )
            except IntegrityError:
                membership = OrganisationMembership.objects.get(
                    user=user, organisation=organisation
                )
        elif invitation.role == MembershipRole.OWNER and membership.role != MembershipRole.OWNER:
            membership.role = MembershipRole.OWNER
            membership.save(update_fields=["role"])
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        OrganisationStatus.objects.filter(organisation=organisation).update(is_claimed=True)
    return membership


def change_role(membership, role):
    """Make a member an owner or an editor; the last owner cannot become an editor."""
    if role not in MembershipRole.values:
        raise TeamRuleError(_("Choose owner or editor"), code="role")
    with transaction.atomic():
        _lock(membership.organisation)
        membership = OrganisationMembership.objects.get(pk=membership.pk)
        if membership.role == role:
            return membership
        if membership.role == MembershipRole.OWNER and owners(membership.organisation).count() == 1:
            raise TeamRuleError(
                _("You cannot make the only owner an editor. Make someone else an owner first."),
                code="last_owner",
            )
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


def remove_member(membership):
    """Take someone out of the team; the last owner cannot be removed."""
    with transaction.atomic():
        _lock(membership.organisation)
        current = OrganisationMembership.objects.filter(pk=membership.pk).first()
        if current is None:
            return
        if current.role == MembershipRole.OWNER and owners(current.organisation).count() == 1:
            raise TeamRuleError(
                _("You cannot remove the only owner. Make someone else an owner first."),
                code="last_owner",
            )
        current.delete()


def sole_ownerships(user):
    """The organisations `user` is the only owner of, each with its other members.

    Returns a list of (organisation, other_memberships) pairs.
    """
    owned = list(
        OrganisationMembership.objects.filter(user=user, role=MembershipRole.OWNER)
        .select_related("organisation")
        .order_by("organisation__title")
    )
    if not owned:
        return []
    organisation_ids = [membership.organisation_id for membership in owned]
    others = (
        OrganisationMembership.objects.filter(organisation_id__in=organisation_ids)
        .exclude(user=user)
        .select_related("user")
        .order_by("user__email")
    )
    by_organisation = {}
    for other in others:
        by_organisation.setdefault(other.organisation_id, []).append(other)
    result = []
    for membership in owned:
        members = by_organisation.get(membership.organisation_id, [])
        if not any(other.role == MembershipRole.OWNER for other in members):
            result.append((membership.organisation, members))
    return result


def hand_over_ownership(organisation, new_owner_membership):
    """Make another member an owner, so the one leaving is no longer the only one."""
    if new_owner_membership.organisation_id != organisation.pk:
        raise TeamRuleError(_("Choose someone in this organisation's team"), code="not_member")
    return change_role(new_owner_membership, MembershipRole.OWNER)


def leave_all_organisations(user):
    """Before an account is deleted: its memberships go, and organisations nobody else
    looks after become unclaimed. Callers hand over sole ownerships with other members
    first; this refuses to leave such an organisation without an owner."""
    with transaction.atomic():
        for organisation, others in sole_ownerships(user):
            if others:
                raise TeamRuleError(
                    _("Make someone else an owner of %(name)s first")
                    % {"name": organisation.title},
                    code="last_owner",
                )
        organisation_ids = list(
            OrganisationMembership.objects.filter(user=user).values_list(
                "organisation_id", flat=True
            )
        )
        OrganisationMembership.objects.filter(user=user).delete()
        abandoned = [
            organisation_id
            for organisation_id in organisation_ids
            if not OrganisationMembership.objects.filter(organisation_id=organisation_id).exists()
        ]
        OrganisationStatus.objects.filter(organisation_id__in=abandoned).update(is_claimed=False)
    return abandoned
