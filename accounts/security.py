"""Who must use two-factor authentication, and whether they do.

allauth offers two-factor authentication but cannot require it, so these rules decide and
`accounts.middleware.RequireTwoFactorForStaffMiddleware` enforces them. The same people have
shorter sessions (`accounts.middleware.ShortStaffSessionsMiddleware`).
"""

from django.conf import settings
from django.db.models import Q

from allauth.mfa.models import Authenticator

DEFAULT_TWO_FACTOR_REQUIRED_GROUPS = ["Moderators", "Forum managers", "Commissioners"]
# Groups made per region or per team: "Forum managers: North East" and the like.
DEFAULT_TWO_FACTOR_REQUIRED_GROUP_PREFIXES = ["Forum managers:"]


def two_factor_required_groups():
    return getattr(settings, "TWO_FACTOR_REQUIRED_GROUPS", DEFAULT_TWO_FACTOR_REQUIRED_GROUPS)


def two_factor_required_group_prefixes():
    return getattr(
        settings,
        "TWO_FACTOR_REQUIRED_GROUP_PREFIXES",
        DEFAULT_TWO_FACTOR_REQUIRED_GROUP_PREFIXES,
    )


def must_use_two_factor(user):
    """Staff, superusers, members of the groups that moderate, run forums or commission
    (including every per-region forum managers group), and members of any group that opens
    the admin, whatever it is called."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    condition = Q(name__in=two_factor_required_groups()) | Q(
        permissions__content_type__app_label="wagtailadmin",
        permissions__codename="access_admin",
    )
    for prefix in two_factor_required_group_prefixes():
        condition |= Q(name__startswith=prefix)
    return user.groups.filter(condition).exists()


def request_must_use_two_factor(request):
    """`must_use_two_factor(request.user)`, worked out once a request: more than one middleware
    asks (two-factor set-up, session length), and for people outside the staff it is a query."""
    user = request.user
    known = getattr(request, "_must_use_two_factor", None)
    if known is None or known[0] != user.pk:  # first asked, or someone signed in since
        known = (user.pk, must_use_two_factor(user))
        request._must_use_two_factor = known
    return known[1]


def has_authenticator_app(user):
    """True once the user has activated an authenticator app (TOTP)."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
