"""The language switcher (English / Cymraeg) and the page's language attributes.

Each language links to the same page in that language: for a Wagtail page, its live
translation where there is one, otherwise the same path under the language's prefix (an
untranslated page is served there in English, `HomePage.route`); for any other view,
Django's `translate_url`. The query string is kept, so a search stays a search.
"""

from dataclasses import dataclass, field

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from wagtail.models import Page

register = template.Library()

# Each language named in itself, as GOV.UK's Welsh services do: never translated.
LANGUAGE_NAMES = {"en-gb": "English", "cy": "Cymraeg"}
# The value of lang and hreflang attributes for each language.
HTML_LANGUAGES = {"en-gb": "en-GB", "cy": "cy"}


@dataclass
class LanguageLink:
    code: str
    name: str
    lang: str
    url: str
    current: bool
    # Whether this page exists in that language (not only the interface).
    translated: bool


@dataclass
class LanguageVersions:
    html_lang: str
    # The lang of the page's own content when it differs from the interface's (an English
    # page shown under /cy/), else "".
    content_lang: str = ""
    links: list = field(default_factory=list)

    @property
    def alternates(self):
        """Links for <link rel="alternate" hreflang>: languages the page exists in, when it
        exists in more than one."""
        translated = [link for link in self.links if link.translated]
        return translated if len(translated) > 1 else []


def html_lang(language_code):
    return HTML_LANGUAGES.get(language_code, language_code)


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The page's languages: its lang attributes and a link to it in every language."""
    request = context.get("request")
    current = translation.get_language() or settings.LANGUAGE_CODE
    cached = getattr(request, "_language_versions", None) if request else None
    if cached is not None:
        return cached
    page = context.get("page")
    if not isinstance(page, Page):
        page = None
    versions = LanguageVersions(html_lang=html_lang(current))
    translations = _live_translations(page)
    if page is not None:
        own = next((code for code, other in translations.items() if other.pk == page.pk), None)
        own = own or page.locale.language_code  # a draft being previewed
        versions.content_lang = html_lang(own) if own != current else ""
    if request is not None:
        versions.links = [
            _link(request, page, translations, code, current) for code, _name in settings.LANGUAGES
        ]
        request._language_versions = versions
    return versions


def _live_translations(page):
    """{language code: the page's live version in it} (the page itself included)."""
    if page is None:
        return {}
    pages = (
        Page.objects.filter(translation_key=page.translation_key).live().select_related("locale")
    )
    return {other.locale.language_code: other for other in pages}


def _link(request, page, translations, code, current):
    translated = page is None or code in translations
    if page is not None and code in translations:
        with translation.override(code):
            url = translations[code].get_url(request)
        query = request.META.get("QUERY_STRING", "")
        url = f"{url}?{query}" if url and query else url
    else:
        url = translate_url(request.get_full_path(), code)
    return LanguageLink(
        code=code,
        name=LANGUAGE_NAMES.get(code, code),
        lang=html_lang(code),
        url=url,
        current=code == current,
        translated=translated,
    )
