"""People who can sign in: a confirmed email address (sign-in requires one) and, for those
who need it, an authenticator app."""

import time

import factory
import pyotp
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP

from .core import DEFAULT_PASSWORD, UserFactory

__all__ = [
    "DEFAULT_PASSWORD",
    "ModeratorFactory",
    "StaffUserFactory",
    "VerifiedUserFactory",
    "activate_authenticator_app",
    "fresh_code",
    "member_of",
]


class VerifiedUserFactory(UserFactory):
    """A person whose email address is confirmed, so they can sign in."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def email_address(user, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


class StaffUserFactory(VerifiedUserFactory):
    """A superuser who has set up an authenticator app, as every staff account must before
    it can use the admin; `user.authenticator_app` makes its codes."""

    is_staff = True
    is_superuser = True

    @factory.post_generation
    def authenticator_app(user, create, extracted, **kwargs):
        if create:
            user.authenticator_app = activate_authenticator_app(user)


def activate_authenticator_app(user):
    """Give `user` an authenticator app (TOTP) and return a pyotp.TOTP that makes its codes."""
    secret = pyotp.random_base32()
    TOTP.activate(user, secret)
    return pyotp.TOTP(secret)


def fresh_code(app, margin=3):
    """The app's current code, waiting for the next one if this one is about to expire
    (the site accepts only the code of the current 30 seconds)."""
    remaining = app.interval - time.time() % app.interval
    if remaining < margin:
        time.sleep(remaining + 0.1)
    return app.now()


class ModeratorFactory(VerifiedUserFactory):
    """A member of the Moderators group (not staff) with an authenticator app set up."""

    @factory.post_generation
    def moderator(user, create, extracted, **kwargs):
        if create:
            from directory.permissions import ensure_moderators_group

            user.groups.add(ensure_moderators_group())
            user.authenticator_app = activate_authenticator_app(user)


def member_of(organisation, role="owner", **user_fields):
    """A signed-up person who is an owner (or editor) of `organisation`."""
    from directory.models import OrganisationMembership

    user = VerifiedUserFactory(**user_fields)
    OrganisationMembership.objects.create(user=user, organisation=organisation, role=role)
    return user
