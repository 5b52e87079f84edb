from django import template
from django.conf import settings
from django.utils import translation

from wagtail.models import Page, Site

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
    sections = list(site.root_page.get_children().live().in_menu().specific(defer=True))
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
