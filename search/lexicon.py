"""The words and phrases a search recognises, and what each stands for.

Built from two kinds of editable data: synonym groups ("drink, drinking, alcohol"), which
may also say what their words mean in the index's vocabularies ("somewhere to live" means
the Accommodation type of support), and the names of the vocabularies' own terms ("Drugs",
"Women"). An index says which of its facets can be understood this way
(`SearchIndex.understood_facets`); for any other index the same words are plain synonyms.
"""

import re
from dataclasses import dataclass

from search import reference
from search.text import normalise, singular


@dataclass(frozen=True)
class Meaning:
    # The words that mean the same: any of them may match a result's text.
    terms: tuple[str, ...]
    # ((facet parameter, option value), ...): the terms the words stand for, if any.
    targets: tuple[tuple[str, str], ...] = ()
    # What to call it when showing what was understood ("Accommodation").
    label: str = ""


@dataclass(frozen=True)
class Lexicon:
    # {first word (singular): [(words (singular), meaning), ...] longest first}
    phrases: dict

    def match(self, tokens, start):
        """(number of words, meaning) of the longest phrase starting at tokens[start]."""
        first = singular(tokens[start])
        for words, meaning in self.phrases.get(first, ()):
            candidate = tuple(singular(token) for token in tokens[start : start + len(words)])
            if candidate == words:
                return len(words), meaning
        return None

    def words(self):
        """Every word of every phrase, as written (for spelling correction)."""
        return {
            word
            for entries in self.phrases.values()
            for _, meaning in entries
            for term in meaning.terms
            for word in normalise(term).split()
        }


def lexicon_for(index):
    """The lexicon of an index (cached; forgotten when a synonym group or term changes)."""
    name = index.name if index is not None else ""
    return reference.cached(f"lexicon:{name}", lambda: build_lexicon(index))


def build_lexicon(index):
    from search.models import SynonymGroup

    understood = dict(getattr(index, "understood_facets", {}) or {})
    labels = _option_labels(index, understood)
    relations = {param: relation for param, relation in understood.items() if relation}
    groups = SynonymGroup.objects.prefetch_related(*relations.values())
    entries = {}
    for target, phrases in getattr(index, "understood_phrases", {}).items():
        if target in labels:
            terms = tuple(term.strip() for term in phrases.split(",") if term.strip())
            meaning = Meaning(terms=terms, targets=(target,), label=labels[target])
            for term in terms:
                entries.setdefault(_key(term), meaning)
    for group in groups:
        targets = tuple(
            (param, term.slug)
            for param, relation in relations.items()
            for term in getattr(group, relation).all()
            if (param, term.slug) in labels
        )
        label = _label(targets, labels, group.term_list)
        meaning = Meaning(terms=tuple(group.term_list), targets=targets, label=label)
        for term in group.term_list:
            entries.setdefault(_key(term), meaning)
    # A term's own name is understood too ("Debt advice"), unless a group already says more.
    for target, label in labels.items():
        name = _spoken_name(label)
        if name:
            entries.setdefault(_key(name), Meaning(terms=(name,), targets=(target,), label=label))
    phrases = {}
    for words, meaning in entries.items():
        if words:
            phrases.setdefault(words[0], []).append((words, meaning))
    for candidates in phrases.values():
        candidates.sort(key=lambda entry: -len(entry[0]))
    return Lexicon(phrases=phrases)


def _label(targets, labels, terms):
    """The name of the term that the group's first word names, or of its first term."""
    for target in targets:
        if terms and _spoken_name(labels[target]) == normalise(terms[0]):
            return labels[target]
    return labels[targets[0]] if targets else ""


def _option_labels(index, understood):
    """{(facet parameter, option value): label} for the facets the index understands."""
    labels = {}
    for facet in getattr(index, "facets", []):
        if facet.param not in understood:
            continue
        for value, label, children in facet.options():
            labels[(facet.param, value)] = str(label)
            for child_value, child_label in children:
                labels[(facet.param, child_value)] = str(child_label)
    return labels


def _spoken_name(label):
    """A term's name as someone would type it: "Young adults (18–25)" → "young adults"."""
    return normalise(re.sub(r"\([^)]*\)", " ", label))


def _key(phrase):
    return tuple(singular(word) for word in normalise(phrase).split())
