"""Links that keep visitors in their language.

A page not translated into the visitor's language is still served under that language's
prefix, its content in its own language inside the visitor's interface (`HomePage.route`).
So a page's link is built in the visitor's language: from a Welsh page, an English-only
service is linked at `/cy/…`, and following links never drops someone out of the Welsh
interface. A page's own language prefix is kept when it has one (a Welsh page is always at
`/cy/…`, even from the English admin).
"""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation


def in_visitors_language(path):
    """`path` (a page's path, unprefixed when the page is in the default language) under the
    active language's prefix, when that language is not the default."""
    language = translation.get_language()
    if not path or not language or language == settings.LANGUAGE_CODE:
        return path
    if path == f"/{language}" or path.startswith(f"/{language}/"):
        return path
    if any(path.startswith(f"/{code}/") for code, _name in settings.LANGUAGES):
        return path  # a page with its own language prefix keeps it
    return translate_url(path, language)


class LinkedInVisitorsLanguage:
    """For page models: `get_url_parts` builds the path in the visitor's language."""

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if parts is None:
            return None
        site_id, root_url, page_path = parts
        return site_id, root_url, in_visitors_language(page_path)


# Absolute addresses, for emails and calendar feeds: always on the site's configured root URL
# (settings.WAGTAILADMIN_BASE_URL), never on the address a request or a Site row happens to
# carry (the demo's Site row says http://localhost).


def site_root_url():
    """The configured root URL, without a trailing slash: "https://commonground.example"."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path):
    """`path` ("/forums/…", from `reverse()` or a page's URL) on the configured root URL.
    An address that is already absolute is returned as it is."""
    if not path or "://" in path:
        return path
    return site_root_url() + (path if path.startswith("/") else f"/{path}")


def page_absolute_url(page):
    """`page`'s own address on the configured root URL, in the active language's prefix (see
    `in_visitors_language`). "" for a page that is not routable."""
    parts = page.get_url_parts()
    if parts is None:
        return ""
    _site_id, _root_url, page_path = parts
    return absolute_url(page_path)


def localized_page_absolute_url(page):
    """The address of `page`'s version in the active language (its translation where there
    is one, else `page` itself), on the configured root URL: for links in emails."""
    return page_absolute_url(page.localized)


def webcal_url(url):
    """A calendar feed's address for "subscribe" links: the same address with the webcal://
    scheme, which calendar apps open as a subscription rather than a one-off download."""
    scheme, separator, rest = url.partition("://")
    return f"webcal://{rest}" if separator and scheme in ("http", "https") else url
