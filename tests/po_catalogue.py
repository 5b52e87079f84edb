"""Reading a gettext catalogue (.po) in tests: its entries, and which are not translated."""

import ast
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
WELSH_CATALOGUE = BASE_DIR / "locale" / "cy" / "LC_MESSAGES" / "django.po"


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstrs: list = field(default_factory=list)
    fuzzy: bool = False
    obsolete: bool = False

    @property
    def translated(self):
        return not self.fuzzy and bool(self.msgstrs) and all(self.msgstrs)


def read_catalogue(path):
    """Every entry of a .po file but its header, obsolete ones included (marked)."""
    entries, entry, current = [], Entry(), None
    for raw_line in Path(path).read_text(encoding="utf-8").splitlines() + [""]:
        line = raw_line.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            if current is not None:
                entries.append(entry)
            entry, current = Entry(), None
            continue
        if line.startswith("#,"):
            entry.fuzzy = "fuzzy" in line
            continue
        if line.startswith("#"):
            continue
        entry.obsolete = entry.obsolete or obsolete
        keyword, _space, rest = line.partition(" ")
        if line.startswith('"'):
            _append(entry, current, ast.literal_eval(line))
            continue
        current = keyword
        if keyword.startswith("msgstr"):
            entry.msgstrs.append("")
        _append(entry, current, ast.literal_eval(rest))
    return [entry for entry in entries if entry.msgid]


def _append(entry, keyword, text):
    if keyword.startswith("msgstr"):
        entry.msgstrs[-1] += text
    elif keyword == "msgid":
        entry.msgid += text
    elif keyword == "msgctxt":
        entry.msgctxt = (entry.msgctxt or "") + text
    elif keyword == "msgid_plural":
        entry.msgid_plural = (entry.msgid_plural or "") + text


def untranslated(entries):
    return [entry for entry in entries if not entry.obsolete and not entry.translated]


def translations(entries):
    """{msgid: translation} of the translated singular entries without context."""
    return {
        entry.msgid: entry.msgstrs[0]
        for entry in entries
        if entry.translated and not entry.msgctxt and entry.msgid_plural is None
    }
