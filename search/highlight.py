"""Result snippets with the words that matched marked, the same for every backend."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

SNIPPET_WORDS = 40


def highlight(text, terms, length=SNIPPET_WORDS):
    """A window of `text` around the first match, escaped, with matches in <mark>.

    Words match on their start ("mentor" marks "mentoring"), so stems and plurals show.
    """
    words = text.split()
    if not words:
        return ""
    stems = [_stem(term) for term in terms if term]
    pattern = None
    if stems:
        alternatives = "|".join(
            r"\s+".join(re.escape(part) for part in stem.split())
            for stem in sorted(stems, key=len, reverse=True)
        )
        pattern = re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)
    start = 0
    if pattern:
        for position, word in enumerate(words):
            if pattern.match(word.strip("\"'(“‘")):
                start = max(0, position - length // 4)
                break
    window = " ".join(words[start : start + length])
    html = escape(window)
    if pattern:
        html = pattern.sub(lambda match: f"<mark>{match.group(0)}</mark>", html)
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + length < len(words) else ""
    return mark_safe(f"{prefix}{html}{suffix}")


def _stem(term):
    """A crude stem: enough to mark "housing" for "house" and "mentoring" for "mentor"."""
    term = term.lower().strip()
    for ending in ("ing", "es", "s", "e"):
        if len(term) > len(ending) + 3 and term.endswith(ending):
            return term[: -len(ending)]
    return term
