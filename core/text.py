import re

from django.utils.html import strip_tags


def plain_text(html):
    """Rich text as one line of plain text, keeping words in separate blocks apart."""
    spaced = re.sub(r"</?(p|h[1-6]|li|ul|ol|br)\b[^>]*>", " ", str(html or ""))
    return " ".join(strip_tags(spaced).split())


# The largest id a database column holds (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def parse_id(value):
    """A record id from the address or a form (ASCII digits only), or None for anything else:
    `"²".isdigit()` is true but `int("²")` fails, and an id too big for the database fails
    on SQLite."""
    value = str(value or "")
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def without_nul(text):
    """Text with NUL characters removed: PostgreSQL refuses them in any text value."""
    return str(text or "").replace("\x00", "")
