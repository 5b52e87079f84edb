import re

from django import template
from django.utils.html import strip_tags

from wagtail.models import Site

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


@register.filter
def plain_text(html):
    """Rich text as one line of plain text, keeping words in separate blocks apart."""
    spaced = re.sub(r"</?(p|h[1-6]|li|ul|ol|br)\b[^>]*>", " ", str(html or ""))
    return " ".join(strip_tags(spaced).split())
