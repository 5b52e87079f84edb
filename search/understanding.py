"""Query understanding: the same for every backend.

"somewhere to live for a woman leaving prison in Leeds" becomes a place (Leeds, in
Yorkshire and the Humber) and three concepts: Accommodation, Women and Leaving prison,
each recognised from the index's vocabularies (see search.lexicon). Words that carry no
meaning here ("help", "support", "for") are dropped; any other word is a concept of its own,
with its synonyms, misspellings corrected against the words the index contains.

Every concept counts: a search first asks for results matching all of them, and only when
none does, for results matching any, those matching more ranked first (search.api).
"""

import difflib
from dataclasses import dataclass, field

from search import reference
from search.lexicon import lexicon_for
from search.places import Place, find_place
from search.text import normalise, remove_phrase, typed_phrase

__all__ = ["Concept", "Place", "UnderstoodText", "cached_vocabulary", "understand"]

# Words that carry no meaning in a search for support in this field. Generic words like
# "support", "help" and "service" are here too: nearly every listing uses them, so they
# would match everything. So are the words every listing here is about ("probation"). Welsh
# ones too ("cymorth", "gwasanaeth", "ar gyfer"…), for searches typed in Welsh.
STOP_WORDS = frozenset(
    """
    a about after all also an and any are as at be been but by can could do does each for
    from get getting give given got has had have he her him his i if in into is it its just
    like me more my near need needs needed now of on or our please she should so some somebody
    someone something that the their them there these they this those to us want wants was
    we were what when where which who whom will with without would you your
    help helps helping helpful support supports supporting supported service services
    people person client clients individual looking find finding around nearby local area
    areas based available offer offers offering provide provides providing provider
    providers organisation organisations organization charity charities group groups
    probation offender offenders ex-offender ex-offenders uk
    ac ar am at i o y yr yn yng ym ei eu fy ein eich gyda heb mewn dros gan wrth hyd neu ond
    os pan sydd mae oes ydy bod angen eisiau cymorth gwasanaeth gwasanaethau sefydliad
    sefydliadau elusen elusennau prawf ger lleol gyfer
    """.split()
)
MIN_CORRECTABLE_LENGTH = 5


@dataclass
class Concept:
    """One thing the person asked for: words that may match (a word and its synonyms) and,
    when it was recognised, the vocabulary terms it stands for."""

    terms: list[str]
    targets: tuple = ()  # ((facet parameter, option value), ...)
    label: str = ""
    phrase: str = ""  # as typed

    @property
    def recognised(self):
        return bool(self.targets)


@dataclass
class UnderstoodText:
    original: str
    concepts: list[Concept] = field(default_factory=list)
    place: Place | None = None
    corrections: dict[str, str] = field(default_factory=dict)

    @property
    def has_text(self):
        return bool(self.concepts)

    @property
    def recognised(self):
        """The concepts recognised as vocabulary terms, to show as "we understood"."""
        return [concept for concept in self.concepts if concept.recognised]

    @property
    def text_without_place(self):
        return remove_phrase(self.original, self.place.phrase if self.place else "")

    def text_without(self, concept):
        """The text as typed, without the words of one concept."""
        return remove_phrase(self.original, concept.phrase)

    @property
    def alternatives(self):
        """Every word or phrase that may match, each once."""
        return list(dict.fromkeys(term for concept in self.concepts for term in concept.terms))


def understand(text, vocabulary=frozenset(), index=None):
    """Turn what someone typed into a place and concepts, each with its synonyms."""
    original = " ".join((text or "").split())
    result = UnderstoodText(original=original)
    words = normalise(original)
    if not words:
        return result
    result.place, words = find_place(original, words)
    lexicon = lexicon_for(index)
    tokens = words.split()
    position = 0
    while position < len(tokens):
        matched = lexicon.match(tokens, position)
        if matched:
            length, meaning = matched
            phrase = typed_phrase(original, tokens[position : position + length])
            result.concepts.append(_concept(meaning, phrase))
            position += length
            continue
        word = tokens[position]
        position += 1
        if word in STOP_WORDS or len(word) < 2:
            continue
        corrected = _correct(word, vocabulary)
        if corrected != word:
            result.corrections[word] = corrected
        matched = lexicon.match([corrected], 0)
        phrase = typed_phrase(original, [word])
        result.concepts.append(
            _concept(matched[1], phrase) if matched else Concept(terms=[corrected], phrase=phrase)
        )
    result.concepts = _each_once(result.concepts)
    return result


def _concept(meaning, phrase):
    return Concept(
        terms=list(meaning.terms), targets=meaning.targets, label=meaning.label, phrase=phrase
    )


def _each_once(concepts):
    """The same concept typed twice ("housing accommodation") counts once."""
    unique = {}
    for concept in concepts:
        unique.setdefault((tuple(concept.terms), concept.targets), concept)
    return list(unique.values())


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
        words.update(lexicon_for(index).words())
        return frozenset(word for word in words if len(word) >= 3 and not word.isdigit())

    return reference.cached(f"vocabulary:{index.name}", load)
