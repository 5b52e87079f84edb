"""Teams: who looks after which organisation, and invitations to join.

`OwnerFactory(organisation=org)` gives an organisation a verified owner;
`InvitationFactory(organisation=org, token="known")` stores the hash of a token the test
knows, so it can follow the link; `invitee_of(invitation)` is the person it was sent to (only
someone with the invited address verified may accept it).
"""

from datetime import timedelta

from django.utils import timezone

import factory
from factory.django import DjangoModelFactory

from directory.models import Invitation, MembershipRole, OrganisationMembership
from directory.team.rules import hash_token

from .accounts import VerifiedUserFactory
from .directory import OrganisationPageFactory


class MembershipFactory(DjangoModelFactory):
    """An editor of a new organisation, with a verified account."""

    user = factory.SubFactory(VerifiedUserFactory)
    organisation = factory.SubFactory(OrganisationPageFactory)
    role = MembershipRole.EDITOR

    class Meta:
        model = OrganisationMembership


class OwnerFactory(MembershipFactory):
    role = MembershipRole.OWNER


class InvitationFactory(DjangoModelFactory):
    """A pending invitation to be an editor. Pass `token=` to know the link's token."""

    organisation = factory.SubFactory(OrganisationPageFactory)
    email = factory.Sequence(lambda n: f"colleague{n}@example.org")
    role = MembershipRole.EDITOR
    invited_by = factory.SubFactory(VerifiedUserFactory)
    token = factory.Sequence(lambda n: f"test-token-{n}")
    token_hash = factory.LazyAttribute(lambda o: hash_token(o.token))
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))

    class Meta:
        model = Invitation
        exclude = ["token"]


def invitee_of(invitation, **user_fields):
    """A signed-up person whose verified address is the one `invitation` was sent to."""
    return VerifiedUserFactory(email=invitation.email, **user_fields)
