"""How a listing reads where it is shown in a few words: its categories on one line each, and
the description search engines and link previews show."""

import html

from core.text import plain_text

# Search engines show about this many characters of a description; link previews fewer.
DESCRIPTION_LENGTH = 160


def sharing_description(text, limit=DESCRIPTION_LENGTH):
    """Rich or plain text as one line of plain text (HTML entities decoded: templates escape
    it again), cut at a word boundary with an ellipsis when longer than `limit`."""
    words = html.unescape(plain_text(text))
    if len(words) <= limit:
        return words
    cut = words[: limit - 1]
    if " " in cut and not words[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.–-") + "…"


def checklist_items(text):
    """A checklist written one item a line, without the bullets people type ("-", "*", "•")."""
    lines = (line.strip().lstrip("-*•").strip() for line in (text or "").splitlines())
    return [line for line in lines if line]


def category_lines(categories):
    """One line per top-level category, its chosen subcategories after it, so the parent is
    never repeated: "Accommodation: Supported and move-on housing, Tenancy sustainment".

    `categories` are `ServiceCategory` rows with their parent selected."""
    groups = {}
    for category in categories:
        parent = category.parent if category.parent_id else category
        children = groups.setdefault(parent, [])
        if category is not parent:
            children.append(category)
    lines = []
    for parent in sorted(groups, key=lambda term: (term.sort_order, term.name)):
        children = sorted(groups[parent], key=lambda term: (term.sort_order, term.name))
        names = ", ".join(child.name for child in children)
        lines.append(f"{parent.name}: {names}" if names else parent.name)
    return lines
