import re

from django.utils.html import strip_tags


def plain_text(html):
    """Rich text as one line of plain text, keeping words in separate blocks apart."""
    spaced = re.sub(r"</?(p|h[1-6]|li|ul|ol|br)\b[^>]*>", " ", str(html or ""))
    return " ".join(strip_tags(spaced).split())
