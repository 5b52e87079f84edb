"""Query understanding: the same for every backend.

"housing for women leaving prison in Leeds" becomes concepts to look for (each with its
synonyms) and a place ("Leeds", in Yorkshire and the Humber) to filter by. Misspelt words
are corrected against the words the index actually contains.
"""

import difflib
import re
from dataclasses import dataclass, field

from search import reference

# Words that carry no meaning in a search for support. Generic words like "support" and
# "help" are here too: nearly every listing uses them, so they would match everything.
STOP_WORDS = frozenset(
    """
    a about an and any are as at be but by can do does for from get getting give have i in
    into is it its me my near need needs of on or our please some that the their them there
    these they this to us we what where which who with without you your
    help helps helping support supports supporting service services people person someone
    looking find finding around nearby local
    """.split()
)
# Place names count only after these words, or when the whole query is a place:
# "reading support", "bath" and "bury" must not become regions by accident.
PLACE_MARKERS = ("in", "near", "around")
# Place names that are also everyday words: only a place after "in", "near" or "around".
AMBIGUOUS_PLACE_NAMES = frozenset({"reading", "bath", "bury", "barry", "boston", "hull"})
MIN_CORRECTABLE_LENGTH = 5


@dataclass
class Place:
    name: str
    region_slug: str
    phrase: str  # as typed, e.g. "in Leeds"


@dataclass
class UnderstoodText:
    original: str
    # Each concept is a list of alternatives (a word and its synonyms); any may match.
    concepts: list[list[str]] = field(default_factory=list)
    place: Place | None = None
    corrections: dict[str, str] = field(default_factory=dict)

    @property
    def has_text(self):
        return bool(self.concepts)

    @property
    def text_without_place(self):
        if not self.place:
            return self.original
        return " ".join(self.original.replace(self.place.phrase, " ").split())

    @property
    def alternatives(self):
        """Every word or phrase that may match, each once."""
        return list(dict.fromkeys(term for concept in self.concepts for term in concept))


def normalise(text):
    """Lower case, punctuation as spaces (keeping hyphens and apostrophes inside words)."""
    text = text.lower().replace("’", "'")
    text = re.sub(r"[^\w\s'-]+", " ", text)
    text = re.sub(r"(?<!\w)['-]+|['-]+(?!\w)", " ", text)
    return " ".join(text.split())


def understand(text, vocabulary=frozenset()):
    """Turn what someone typed into concepts, synonyms and a place."""
    original = " ".join((text or "").split())
    result = UnderstoodText(original=original)
    words = normalise(original)
    if not words:
        return result

    place, words = _find_place(original, words)
    result.place = place

    groups = synonym_groups()
    tokens = words.split()
    index = 0
    while index < len(tokens):
        matched = _match_synonym(tokens, index, groups)
        if matched:
            length, group = matched
            result.concepts.append(group)
            index += length
            continue
        word = tokens[index]
        index += 1
        if word in STOP_WORDS or len(word) < 2:
            continue
        corrected = _correct(word, vocabulary)
        if corrected != word:
            result.corrections[word] = corrected
        group = _group_containing(corrected, groups)
        result.concepts.append(group or [corrected])
    # The same concept typed twice counts once.
    unique = []
    for concept in result.concepts:
        if concept not in unique:
            unique.append(concept)
    result.concepts = unique
    return result


def synonym_groups():
    """The editable synonym groups (cached; forgotten when a group is saved or deleted)."""
    from search.models import SynonymGroup

    return reference.cached(
        "synonyms", lambda: [group.term_list for group in SynonymGroup.objects.all()]
    )


def place_names():
    """{place name as normalised: (name, region slug)} (cached like the synonyms)."""
    from core.models import Place as PlaceName

    def load():
        # Hyphens count as spaces: "Stoke on Trent" is Stoke-on-Trent.
        return {
            _unhyphenated(normalise(name)): (name, region_slug)
            for name, region_slug in PlaceName.objects.values_list("name", "region__slug")
        }

    return reference.cached("places", load)


def _match_synonym(tokens, index, groups):
    """The longest synonym phrase starting at tokens[index], as (length, group)."""
    best = None
    for group in groups:
        for term in group:
            term_tokens = term.split()
            length = len(term_tokens)
            candidate = tokens[index : index + length]
            if _same_words(candidate, term_tokens) and (best is None or length > best[0]):
                best = (length, group)
    return best


def _same_words(typed, term):
    if len(typed) != len(term):
        return False
    return all(_singular(a) == _singular(b) for a, b in zip(typed, term, strict=True))


def _singular(word):
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _group_containing(word, groups):
    for group in groups:
        if any(_same_words([word], term.split()) for term in group):
            return group
    return None


def _find_place(original, words):
    """A place named after "in", "near" or "around", or a query that is only a place."""
    places = place_names()
    words = _unhyphenated(words)
    whole = places.get(words)
    if whole and words not in AMBIGUOUS_PLACE_NAMES:
        return Place(name=whole[0], region_slug=whole[1], phrase=original), ""
    tokens = words.split()
    for position, token in enumerate(tokens):
        if token not in PLACE_MARKERS:
            continue
        # The longest place name after the marker: "newcastle upon tyne" before "newcastle".
        for end in range(len(tokens), position + 1, -1):
            candidate = " ".join(tokens[position + 1 : end])
            if candidate in places:
                name, region_slug = places[candidate]
                phrase = _typed_phrase(original, tokens[position], candidate)
                remaining = tokens[:position] + tokens[end:]
                return Place(name=name, region_slug=region_slug, phrase=phrase), " ".join(remaining)
    return None, words


def _unhyphenated(text):
    return " ".join(text.replace("-", " ").split())


def _typed_phrase(original, marker, place):
    """The words as the person typed them ("in Leeds"), so they can be taken out again."""
    pattern = (
        r"\b"
        + re.escape(marker)
        + r"\s+"
        + r"[\s,.'-]*".join(re.escape(part) for part in place.split())
        + r"\b"
    )
    match = re.search(pattern, original, flags=re.IGNORECASE)
    return match.group(0) if match else f"{marker} {place}"


def _correct(word, vocabulary):
    """The closest known word to one the index has never seen ("acommodation")."""
    if not vocabulary or word in vocabulary or len(word) < MIN_CORRECTABLE_LENGTH:
        return word
    if word.isdigit():
        return word
    candidates = difflib.get_close_matches(word, vocabulary, n=5, cutoff=0.8)
    if not candidates:
        return word

    def closeness(candidate):
        # Prefer a word of the same length: "advise" is nearer "advice" than "advisers".
        ratio = difflib.SequenceMatcher(None, word, candidate).ratio()
        return ratio - 0.05 * abs(len(candidate) - len(word))

    best = max(candidates, key=closeness)
    return best if closeness(best) >= 0.8 else word


def cached_vocabulary(index):
    """The words an index's documents use (names of things, terms, synonyms), for spelling."""

    def load():
        words = set()
        for text in index.vocabulary():
            words.update(normalise(text).split())
        for group in synonym_groups():
            for term in group:
                words.update(term.split())
        return frozenset(word for word in words if len(word) >= 3 and not word.isdigit())

    return reference.cached(f"vocabulary:{index.name}", load)
