from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse

from .security import has_authenticator_app, must_use_two_factor

# Where someone was going when they were sent to set up two-factor authentication; the
# page that shows their recovery codes offers to take them there.
RETURN_TO_SESSION_KEY = "two_factor_return_to"

# Views that stay open to someone who has not set up two-factor authentication yet:
# allauth's own (sign in and out, email, password, two-factor set-up, re-authentication)
# and Django's file serving in development.
EXEMPT_VIEW_MODULES = ("allauth.", "django.views.static")


class RequireTwoFactorForStaffMiddleware:
    """Send anyone who must use two-factor authentication but has no authenticator app to
    set one up, from every page except the ones needed to do that or to sign out.

    allauth has no "two-factor required" switch. Without this, a staff account protected
    by a password alone could reach the Wagtail admin. Runs after AuthenticationMiddleware
    and allauth's AccountMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if self._is_exempt(request, view_func):
            return None
        if not must_use_two_factor(user) or has_authenticator_app(user):
            return None
        if request.method == "GET":
            request.session[RETURN_TO_SESSION_KEY] = request.get_full_path()
        return HttpResponseRedirect(reverse("mfa_activate_totp"))

    @staticmethod
    def _is_exempt(request, view_func):
        path = request.path_info
        if any(
            prefix and path.startswith(prefix)
            for prefix in (settings.STATIC_URL, settings.MEDIA_URL)
        ):
            return True
        module = getattr(view_func, "__module__", "") or ""
        return module.startswith(EXEMPT_VIEW_MODULES)
