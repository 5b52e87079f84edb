"""Who must use two-factor authentication, and whether they do.

allauth offers two-factor authentication but cannot require it, so these rules decide and
`accounts.middleware.RequireTwoFactorForStaffMiddleware` enforces them.
"""

from django.conf import settings

from allauth.mfa.models import Authenticator

DEFAULT_TWO_FACTOR_REQUIRED_GROUPS = ["Moderators", "Forum managers", "Commissioners"]


def two_factor_required_groups():
    return getattr(settings, "TWO_FACTOR_REQUIRED_GROUPS", DEFAULT_TWO_FACTOR_REQUIRED_GROUPS)


def must_use_two_factor(user):
    """Staff, superusers and members of the groups that moderate, run forums or commission."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    groups = two_factor_required_groups()
    return bool(groups) and user.groups.filter(name__in=groups).exists()


def has_authenticator_app(user):
    """True once the user has activated an authenticator app (TOTP)."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
