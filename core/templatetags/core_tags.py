from django import template

from wagtail.models import Site

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
    for page in site.root_page.get_children().live().in_menu().specific(defer=True):
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
