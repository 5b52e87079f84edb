"""Serves anonymous visitors' pages from the cache, stores them, and keeps every response
meant for one visitor out of shared caches (see the package's docstring).

A page may hold forms (add to shortlist, register for an event), and a form holds the
visitor's own CSRF token: the token is stored as a placeholder and each visitor served the
stored page gets a token of their own in its place (and the cookie that goes with it, from
CsrfViewMiddleware, outside this one). Such a response is `private`: only the stored copy,
which holds no token, is shared."""

import hashlib
import logging
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control, patch_vary_headers

from core.page_cache import stamps

logger = logging.getLogger(__name__)

_PREFIX = "page-cache:page:"
# Larger pages are served but not stored.
LARGEST_STORED = 1024 * 1024
# Headers a stored page is served with (the outer middleware add the others).
_KEPT_HEADERS = {"content-type", "content-language", "link", "x-robots-tag"}
# Cookies that change what a visitor sees (a signed-in session, a shortlist kept in the
# session, a message waiting to be shown): a request carrying one is never served from
# the cache, and what it is answered is never stored.
_PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
# The field `{% csrf_token %}` writes (and directory/templatetags/shortlist_buttons.py).
_TOKEN_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(")')
_TOKEN_PLACEHOLDER = b"\x00csrf-token\x00"


def page_for_cache(request, page):
    """Called as a page is served (a `before_serve_page` hook): the page it may be stored as."""
    request.page_for_cache = page


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (settings.PAGE_CACHE_SECONDS and is_anonymous_read(request)):
            return keep_private(request, self.get_response(request))
        key = _key(request)
        try:
            stored = cache.get(key)
            if stored is not None and stamps.current(stored["stamps"]) == stored["stamps"]:
                return keep_private(request, served_from_cache(request, stored))
        except Exception:
            # The cache is down (or the database it lives in): serve the page as if there
            # were no cache, so the site and its health check keep answering.
            logger.warning("Page cache unavailable", exc_info=True)
            return keep_private(request, self.get_response(request))
        started = time.time_ns()
        response = self.get_response(request)
        if may_store(request, response):
            try:
                store(key, request.page_for_cache, request, response, started)
            except Exception:
                logger.warning("Page cache unavailable", exc_info=True)
        return keep_private(request, response)


def is_anonymous_read(request):
    return request.method == "GET" and not any(
        name in request.COOKIES for name in _PERSONAL_COOKIES
    )


def may_store(request, response):
    """Only a page as anyone would see it: nothing kept for this visitor (a cookie, the
    session, a message), nothing marked private or not to be stored."""
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return (
        getattr(request, "page_for_cache", None) is not None
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not (session is not None and session.modified)
        and not getattr(messages, "added_new", False)
        and not response.has_header("Cache-Control")
        and len(response.content) <= LARGEST_STORED
    )


def store(key, page, request, response, started):
    page_stamps = stamps.stamps_to_store(stamps.tags_of(page))
    if any(stamp > started for stamp in page_stamps.values()):
        # Something it shows changed while it was being rendered.
        return
    content = _TOKEN_FIELD.sub(rb"\1" + _TOKEN_PLACEHOLDER + rb"\2", response.content)
    secret = request.META.get("CSRF_COOKIE", "").encode()
    if secret and secret in content:
        return  # the visitor's secret written some other way: never share it
    etag = f'"{hashlib.sha256(content).hexdigest()[:32]}"'
    headers = {name: value for name, value in response.items() if name.lower() in _KEPT_HEADERS}
    cache.set(
        key,
        {"stamps": page_stamps, "headers": headers, "etag": etag, "content": content},
        settings.PAGE_CACHE_SECONDS,
    )
    if _TOKEN_PLACEHOLDER not in content:
        response["ETag"] = etag
        mark_public(response)


def served_from_cache(request, stored):
    """The stored page; with forms, holding a token of this visitor's own (and never a 304:
    the copy the browser kept may hold a token it no longer has the cookie for)."""
    content = stored["content"]
    if _TOKEN_PLACEHOLDER in content:
        response = HttpResponse(content.replace(_TOKEN_PLACEHOLDER, get_token(request).encode()))
    elif stored["etag"] in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(content)
        response["ETag"] = stored["etag"]
        mark_public(response)
    if response.status_code == 200:
        for name, value in stored["headers"].items():
            response[name] = value
    response["X-Cache"] = "hit"
    return response


def mark_public(response):
    """Anyone may keep it, but must ask again before using it (a 304 when unchanged), so a
    change shows at once downstream too."""
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    patch_vary_headers(response, ["Cookie"])


def keep_private(request, response):
    """A response for this visitor alone (signed in, a session, a form token, a cookie) may
    be kept by their browser, never by a shared cache."""
    if response.has_header("Cache-Control"):
        return response
    session = getattr(request, "session", None)
    personal = (
        any(name in request.COOKIES for name in _PERSONAL_COOKIES)
        or response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or (session is not None and session.modified)
    )
    if personal:
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
    return response


def _key(request):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return _PREFIX + hashlib.sha256(address.encode()).hexdigest()
