"""Places in a query: a town, a region or a postcode, and the probation region it is in.

"housing in Leeds", "women housing Leeds", "LS6 1AA", "LS6" and "CF10" all name a region.
A place name counts anywhere in the query, unless it is also an everyday word ("reading",
"bath", "bury"): those count only after "in", "near" or "around", or as the whole query.
"""

import re
from dataclasses import dataclass

from search import reference
from search.text import normalise, typed_phrase

PLACE_MARKERS = ("in", "near", "around")
# Place names that are also everyday words: a place only after a marker or on their own.
AMBIGUOUS_PLACE_NAMES = frozenset(
    {"reading", "bath", "bury", "barry", "boston", "hull", "sale", "street", "wells", "deal"}
)
# An outward code ("LS6", "CF10", "M1", "EC1A"), optionally followed by an inward code ("1AA").
OUTWARD_CODE = re.compile(r"^([a-z]{1,2})(\d[a-z\d]?)$")
INWARD_CODE = re.compile(r"^\d[a-z]{2}$")
# A whole postcode typed without its space ("LS61AA").
WHOLE_POSTCODE = re.compile(r"^([a-z]{1,2}\d[a-z\d]?)(\d[a-z]{2})$")


@dataclass
class Place:
    name: str
    region_slug: str
    phrase: str  # as typed, e.g. "in Leeds" or "LS6 1AA"


def find_place(original, words):
    """(the place the words name, or None; the words without it)."""
    tokens = words.split()
    for finder in (_postcode, _after_marker, _whole_query, _anywhere):
        found = finder(original, tokens)
        if found:
            return found
    return None, " ".join(tokens)


def place_names():
    """{place or region name, normalised: (name, region slug)} (cached)."""
    from core.models import Place as PlaceName
    from core.models import Region

    def load():
        names = {
            _unhyphenated(normalise(name)): (name, slug)
            for name, slug in Region.objects.values_list("name", "slug")
        }
        # Hyphens count as spaces: "Stoke on Trent" is Stoke-on-Trent.
        names.update(
            {
                _unhyphenated(normalise(name)): (name, region_slug)
                for name, region_slug in PlaceName.objects.values_list("name", "region__slug")
            }
        )
        return names

    return reference.cached("places", load)


def postcode_areas():
    """{"LS": (region name, region slug), "CH5": ...} (cached)."""
    from core.models import PostcodeArea

    def load():
        rows = PostcodeArea.objects.values_list("code", "region__name", "region__slug")
        return {code.lower(): (name, slug) for code, name, slug in rows}

    return reference.cached("postcodes", load)


def _postcode(original, tokens):
    areas = postcode_areas()
    for position, token in enumerate(tokens):
        whole = WHOLE_POSTCODE.match(token)
        outward = whole.group(1) if whole else token
        match = OUTWARD_CODE.match(outward)
        if not match:
            continue
        region = areas.get(outward) or areas.get(match.group(1))
        if region is None:
            continue
        end = position + 1
        if end < len(tokens) and INWARD_CODE.match(tokens[end]):
            end += 1
        code = " ".join(tokens[position:end]) if not whole else f"{outward} {whole.group(2)}"
        phrase = typed_phrase(original, code.split())
        place = Place(name=f"{code.upper()} ({region[0]})", region_slug=region[1], phrase=phrase)
        return place, " ".join(tokens[:position] + tokens[end:])
    return None


def _after_marker(original, tokens):
    places = place_names()
    for position, token in enumerate(tokens):
        if token not in PLACE_MARKERS:
            continue
        span = _longest_place(tokens, position + 1, places)
        if span:
            return _found(original, tokens, position, span, places)
    return None


def _whole_query(original, tokens):
    words = _unhyphenated(" ".join(tokens))
    whole = place_names().get(words)
    if whole and words not in AMBIGUOUS_PLACE_NAMES:
        return Place(name=whole[0], region_slug=whole[1], phrase=original), ""
    return None


def _anywhere(original, tokens):
    places = place_names()
    for position in range(len(tokens)):
        span = _longest_place(tokens, position, places)
        if span and span[1] not in AMBIGUOUS_PLACE_NAMES:
            return _found(original, tokens, position, span, places)
    return None


def _longest_place(tokens, start, places):
    """(end, name) of the longest place name starting at tokens[start]: "newcastle upon tyne"
    before "newcastle"."""
    for end in range(len(tokens), start, -1):
        candidate = _unhyphenated(" ".join(tokens[start:end]))
        if candidate in places:
            return end, candidate
    return None


def _found(original, tokens, position, span, places):
    end, candidate = span
    name, region_slug = places[candidate]
    phrase = typed_phrase(original, tokens[position:end])
    return Place(name=name, region_slug=region_slug, phrase=phrase), " ".join(
        tokens[:position] + tokens[end:]
    )


def _unhyphenated(text):
    return " ".join(text.replace("-", " ").split())
