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
