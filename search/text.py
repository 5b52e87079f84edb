"""Text as a search reads it: lower case, words only, and back to the words as typed."""

import re


def normalise(text):
    """Lower case, punctuation as spaces (keeping hyphens and apostrophes inside words)."""
    text = text.lower().replace("’", "'")
    text = re.sub(r"[^\w\s'-]+", " ", text)
    text = re.sub(r"(?<!\w)['-]+|['-]+(?!\w)", " ", text)
    return " ".join(text.split())


def singular(word):
    """A rough singular, enough to match "tenancies" to "tenancy" and "women's" to "women"."""
    if word.endswith("'s"):
        return word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def typed_phrase(original, words):
    """The stretch of `original` that was normalised into `words`, as the person typed it
    ("in Leeds", "Somewhere to live!"), so it can be shown and taken out again."""
    separator = r"[\s,.;:!?'’\"()/&-]*"
    pattern = r"(?<!\w)" + separator.join(_as_typed(word) for word in words)
    match = re.search(pattern + r"(?!\w)", original, flags=re.IGNORECASE)
    return match.group(0) if match else " ".join(words)


def remove_phrase(original, phrase):
    """The text without one phrase (once), spaces tidied."""
    if not phrase:
        return original
    return " ".join(original.replace(phrase, " ", 1).split())


def _as_typed(word):
    """A pattern for a normalised word: any case, "'" or "’", a hyphen or a space."""
    return re.escape(word).replace(r"\-", r"[\s-]+").replace("'", "['’]")


def is_phrase(term):
    """Words matched together and in order ("mental health", "ex-forces"), on every backend."""
    return " " in term or "-" in term
