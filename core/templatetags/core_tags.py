from django import template
from django.conf import settings
from django.db.models import F
from django.utils import translation

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from core.models import SiteSettings
from core.navigation import children
from core.text import plain_text

register = template.Library()


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The site's sections: live pages under the home page that are shown in menus."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    current_path = request.path
    items = []
    # Not `get_children()`, whose range under the home page reads every page of the site.
    sections = list(children(site.root_page).live().in_menu().specific(defer=True))
    translated = _translations_in_active_language(sections)
    for page in sections:
        page = translated.get(page.translation_key, page)
        url = page.get_url(request)
        items.append(
            {
                "title": page.title,
                "url": url,
                "current": current_path == url,
                "active": bool(url) and current_path.startswith(url),
            }
        )
    return items


def _translations_in_active_language(pages):
    """{translation key: the live version in the visitor's language} for pages translated
    into it (one query; none in the default language)."""
    language = translation.get_language()
    if not pages or not language or language == settings.LANGUAGE_CODE:
        return {}
    keys = [page.translation_key for page in pages]
    others = Page.objects.live().filter(translation_key__in=keys, locale__language_code=language)
    return {page.translation_key: page for page in others.specific(defer=True)}


register.filter("plain_text", plain_text)


@register.simple_tag(takes_context=True)
def message_banner(context):
    """The messages from the last action, for one notification banner: a success banner
    only when every message is a success (GOV.UK shows one banner per page)."""
    messages = list(context.get("messages") or [])
    return {
        "messages": messages,
        "success": bool(messages) and all(m.level_tag == "success" for m in messages),
    }


FOOTER_PAGES = ("privacy_page", "cookies_page", "accessibility_page")


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """{"privacy_page": page or None, ...}: the pages the footer links to, chosen in the site
    settings, each as `page.localized` gives it (its live translation in the visitor's
    language, else itself), all in one query rather than two for each."""
    request = context.get("request")
    if request is None:
        return {}
    site_settings = SiteSettings.for_request(request)
    chosen = {name: getattr(site_settings, f"{name}_id") for name in FOOTER_PAGES}
    pages = _localized_pages([pk for pk in chosen.values() if pk])
    return {name: pages.get(pk) for name, pk in chosen.items()}


def _localized_pages(ids):
    """{id: the page, or its live translation in the visitor's language}: what Wagtail's
    `Page.localized` gives for each, in one query."""
    if not ids:
        return {}
    language = _content_language()
    pages = Page.objects.filter(pk__in=ids).order_by()
    translations = Page.objects.order_by().filter(
        translation_key__in=pages.values("translation_key"),
        locale__language_code=language,
        live=True,
    )
    # A union, not one filter with OR: each half is read through its own index (with OR, a
    # pass over every page, 20 ms at 40,000 pages).
    with_language = F("locale__language_code")
    rows = list(
        pages.annotate(language=with_language).union(translations.annotate(language=with_language))
    )
    translated = {row.translation_key: row for row in rows if row.language == language and row.live}
    chosen = {}
    for row in rows:
        if row.pk in ids:
            own = row.language == language
            chosen[row.pk] = row if own else translated.get(row.translation_key, row)
    return chosen


def _content_language():
    """The language code of the active locale, as `Locale.get_active()` finds it."""
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)


@register.simple_tag(takes_context=True)
def breadcrumb_ancestors(context, page):
    """`page`'s ancestors below the tree's root, for the breadcrumbs. A page just under the
    site's home page (most sections) needs no query: its only such ancestor is the home page
    the request was routed through."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    root = site.root_page if site is not None else None
    if root is not None and page.depth == root.depth + 1 and page.path.startswith(root.path):
        return [root] if root.depth > 1 else []
    return [ancestor for ancestor in page.get_ancestors() if ancestor.depth > 1]
