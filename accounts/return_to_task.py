"""Return to the task: where someone was going when they were asked to sign in or create an
account (list their organisation, claim a listing, register for an event, respond to a
consultation).

The place travels as allauth's own `next` parameter: through the sign-in and sign-up forms,
inside allauth's pending sign-in while the email address is being confirmed (signing in on
confirmation takes the person there), and in the confirmation link itself, so a link opened
in another browser leads to the task too (which asks the person to sign in first).

Only addresses on this site are followed (`is_same_site_url`): any other `next` is ignored.
"""

from typing import NamedTuple
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, Site


class Task(NamedTuple):
    """What the sign-in and sign-up pages say the account is for."""

    sign_in: str
    sign_up: str


LIST_YOUR_ORGANISATION = Task(
    _("Sign in to list your organisation"), _("Create an account to list your organisation")
)
CLAIM_A_LISTING = Task(
    _("Sign in to claim this listing"), _("Create an account to claim this listing")
)
REGISTER_FOR_AN_EVENT = Task(
    _("Sign in to register for this event"), _("Create an account to register for this event")
)
RESPOND_TO_A_CONSULTATION = Task(
    _("Sign in to respond to this consultation"),
    _("Create an account to respond to this consultation"),
)
CHOOSE_FORUM_EMAILS = Task(
    _("Sign in to choose the emails you get from this forum"),
    _("Create an account to get emails from this forum"),
)

# The tasks, by the name of the URL `next` points at.
TASKS_BY_URL_NAME = {
    "directory_create_listing": LIST_YOUR_ORGANISATION,
    "directory_create_listing_step": LIST_YOUR_ORGANISATION,
    "directory_create_listing_check": LIST_YOUR_ORGANISATION,
    "directory_claim_listing": CLAIM_A_LISTING,
    "forums_register": REGISTER_FOR_AN_EVENT,
    "forums_consultation_respond": RESPOND_TO_A_CONSULTATION,
    "forums_notification_preferences": CHOOSE_FORUM_EMAILS,
}
# ...and for the pages Wagtail serves, by the page's model (app_label.model).
TASKS_BY_PAGE_MODEL = {
    "forums.eventpage": REGISTER_FOR_AN_EVENT,
    "forums.consultationpage": RESPOND_TO_A_CONSULTATION,
}

NEXT_FIELD = "next"


def is_same_site_url(request, url):
    """Whether `url` is a place on this site (a path, or an address on the request's own
    host), so following it cannot send anyone to another site."""
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def next_url(request):
    """The request's `next` (form field or query), when it stays on this site."""
    url = request.POST.get(NEXT_FIELD) or request.GET.get(NEXT_FIELD)
    return url if is_same_site_url(request, url) else None


def task_for(request, url):
    """The task `url` leads to, or None (not a task, or not on this site)."""
    if not is_same_site_url(request, url):
        return None
    path = urlsplit(url).path
    # /cy/… addresses resolve (and find their pages) in Welsh, the others in English.
    with translation.override(get_language_from_path(path) or settings.LANGUAGE_CODE):
        try:
            match = resolve(path)
        except Resolver404:
            return None
        if match.url_name == "wagtail_serve":
            page_path = match.args[0] if match.args else ""
            return TASKS_BY_PAGE_MODEL.get(_page_model(request, page_path))
    return TASKS_BY_URL_NAME.get(match.url_name)


def task_of_request(request):
    """The task the request's `next` leads to (worked out once per request)."""
    if not hasattr(request, "_return_to_task"):
        request._return_to_task = task_for(request, next_url(request))
    return request._return_to_task


def _page_model(request, path):
    """The model of the live page at `path` (relative to the site's home page), if any."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page.localized
    page = (
        Page.objects.live()
        .filter(url_path=f"{root.url_path}{path}")
        .select_related("content_type")
        .only("content_type")
        .first()
    )
    if page is None:
        return None
    return f"{page.content_type.app_label}.{page.content_type.model}"
