import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .security import has_authenticator_app, must_use_two_factor, request_must_use_two_factor

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
        if not request_must_use_two_factor(request) or has_authenticator_app(user):
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


# When someone with a short session was last seen (a Unix time).
LAST_SEEN_SESSION_KEY = "short_session_last_seen"
# Saving the session on every request would write to the database each time: the idle timer
# restarts at most once a minute, which is close enough.
LAST_SEEN_REFRESH_SECONDS = 60
# Requests a page makes by itself, not a sign that anyone is there: the Wagtail editor pings
# every few seconds while it is open.
BACKGROUND_URL_NAMESPACES = {"wagtailadmin_editing_sessions"}


class ShortStaffSessionsMiddleware:
    """Sessions of everyone who must use two-factor authentication (staff, superusers,
    moderators, forum managers, commissioners: `accounts.security.must_use_two_factor`) end
    after `settings.STAFF_SESSION_IDLE_SECONDS` without a request. Everyone else's sessions are
    left alone (two weeks if they chose to stay signed in, else until the browser closes).

    The session cookie and the stored session expire that long after the last request. If the
    person did not choose to stay signed in, the cookie still ends when the browser closes and
    the idle time is checked here, from the time the session records.

    Every page request restarts the idle timer; the Wagtail editor's background pings do not
    (BACKGROUND_URL_NAMESPACES), so an editor left open on an unattended computer still ends.

    Costs: nothing for a visitor without a session cookie; for a signed-in person outside the
    staff, the group query RequireTwoFactorForStaffMiddleware makes anyway (shared, once a
    request); for those with short sessions, a session save at most once a minute. Runs after
    AuthenticationMiddleware and MessageMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Before anything else runs as them: sign out someone who has been away too long.
        before = signed_in_user(request)
        if before is not None and request_must_use_two_factor(request) and idle_too_long(request):
            logout(request)
            messages.info(request, signed_out_message(), fail_silently=True)
            before = None
        response = self.get_response(request)
        # Someone who signed in during this request has a short session from the start (for
        # those signing in with a password alone, allauth sets the session's length after the
        # sign-in that start_short_session hears).
        after = signed_in_user(request)
        if after is not None and after != before and request_must_use_two_factor(request):
            keep_session_short(request)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        # A request for a page (after the URL is resolved, so pings can be told apart): the
        # person is here, and their idle time starts again.
        match = request.resolver_match
        if match is not None and BACKGROUND_URL_NAMESPACES.intersection(match.namespaces):
            return None
        if signed_in_user(request) is not None and request_must_use_two_factor(request):
            keep_session_short(request)
        return None


def signed_in_user(request):
    # No session cookie: nobody is signed in, and the session is not even loaded.
    if getattr(request, "session", None) is None or not request.session.session_key:
        return None
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def idle_too_long(request):
    last_seen = request.session.get(LAST_SEEN_SESSION_KEY)
    return last_seen is not None and time.time() - last_seen > settings.STAFF_SESSION_IDLE_SECONDS


def keep_session_short(request):
    """Give the session the short length, and restart its idle timer if it is a minute old."""
    session = request.session
    limit = settings.STAFF_SESSION_IDLE_SECONDS
    if not session.get_expire_at_browser_close() and session.get_expiry_age() != limit:
        session.set_expiry(limit)
    now = time.time()
    last_seen = session.get(LAST_SEEN_SESSION_KEY)
    if last_seen is None or now - last_seen >= LAST_SEEN_REFRESH_SECONDS:
        # Saving the session also moves its expiry (cookie and database) on.
        session[LAST_SEEN_SESSION_KEY] = now


def start_short_session(sender, request, user, **kwargs):
    """On `user_logged_in`: the session starts short, saved with the sign-in itself, so the
    next request has nothing to write. Connected in AccountsConfig.ready()."""
    if request is None or getattr(request, "session", None) is None:
        return
    if getattr(request, "user", None) is user:  # Django's login() has just set it
        short = request_must_use_two_factor(request)
    else:  # a request made up to sign someone in, like the test client's force_login
        short = must_use_two_factor(user)
    if short:
        keep_session_short(request)


def idle_time_text(seconds):
    """STAFF_SESSION_IDLE_SECONDS in words: "2 hours", "90 minutes"."""
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    minutes = max(1, round(seconds / 60))
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


def signed_out_message():
    return _(
        "You have been signed out because you did not use the site for %(time)s. "
        "Sign in again to carry on."
    ) % {"time": idle_time_text(settings.STAFF_SESSION_IDLE_SECONDS)}
