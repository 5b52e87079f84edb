"""The security headers Django does not send itself: Content-Security-Policy (through
django-csp, with the Wagtail admin's own looser policy) and Permissions-Policy.

The policies are in settings (CONTENT_SECURITY_POLICY, WAGTAILADMIN_CONTENT_SECURITY_POLICY)
and are the same in every environment, so development and the tests see what production sends.
"""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import NoReverseMatch, reverse

from csp.middleware import CSPMiddleware

logger = logging.getLogger(__name__)

# Powerful browser features the site never uses, switched off for every page and anything it
# might embed. FLoC's `interest-cohort` was withdrawn in 2022 and Chromium now warns about it
# in the console (as it does for `bluetooth`); `browsing-topics` is what replaced it.
PERMISSIONS_POLICY = {
    "accelerometer": "()",
    "autoplay": "()",
    "browsing-topics": "()",
    "camera": "()",
    "display-capture": "()",
    "encrypted-media": "()",
    "geolocation": "()",
    "gyroscope": "()",
    "hid": "()",
    "idle-detection": "()",
    "magnetometer": "()",
    "microphone": "()",
    "midi": "()",
    "payment": "()",
    "serial": "()",
    "usb": "()",
    "xr-spatial-tracking": "()",
}


def permissions_policy_header():
    return ", ".join(f"{feature}={allowlist}" for feature, allowlist in PERMISSIONS_POLICY.items())


class PermissionsPolicyMiddleware:
    """Adds Permissions-Policy to every response that does not already set one."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header()

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


def storage_origin(storage):
    """The origin media files are served from when it is not the site's own (object storage:
    a presigned URL's host), else None. Asked of the storage itself, so the policy follows
    whatever bucket, endpoint or custom domain it is configured with."""
    try:
        url = storage.url("content-security-policy-probe")
    except Exception:  # no credentials yet, a storage without URLs: images stay 'self' only
        logger.warning("Could not ask the media storage for its address", exc_info=True)
        return None
    parts = urlsplit(url)
    if parts.scheme and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def is_admin_path(path):
    try:
        admin_prefix = reverse("wagtailadmin_home")
    except NoReverseMatch:
        return False
    return path.startswith(admin_prefix)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, plus two things its settings cannot say:

    - the Wagtail admin gets WAGTAILADMIN_CONTENT_SECURITY_POLICY's directives in place of the
      site's: its widgets (date pickers, inline panels) render inline scripts and its preview
      is framed by the admin itself. Public pages keep the strict policy.
    - images may come from object storage (S3), whose origin is read from the storage.
    """

    def __init__(self, get_response):
        super().__init__(get_response)
        self.media_origin = storage_origin(default_storage)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if self.media_origin:
            update = dict(parts.update or {})
            update["img-src"] = [*update.get("img-src", []), self.media_origin]
            parts.update = update
        if is_admin_path(request.path):
            admin_directives = getattr(settings, "WAGTAILADMIN_CONTENT_SECURITY_POLICY", {})
            parts.replace = {**admin_directives, **(parts.replace or {})}
        return parts
