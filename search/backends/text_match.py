"""Which objects' text matches a query's words, best first: the database backend's text
search, over the table of entries `search.text_table` keeps (`search.models.TextEntry`).

Each alternative is a word or a phrase (`search.text.is_phrase`: words together and in
order); an object matches when its text holds any alternative. Ranked by weight: the
object's own name (title) counts most, then the names it is known by (related), then what it
says (body).

- PostgreSQL: a weighted `tsvector` (generated column, GIN index) matched with a constant
  tsquery. Only the first RANKED_CANDIDATES matches are ranked with `ts_rank`, after a cheap
  order (name matches first, then the newest), so a broad query never ranks tens of
  thousands of rows. When nothing matches word for word, the words of the index that
  resemble the typed ones are matched instead (`fuzzy_ids`).
- SQLite: FTS5 with English stemming, ranked by `bm25()` with the same weights.
- Anything else (SQLite built without FTS5): every word of an alternative contained in the
  text, newest first.
"""

import functools
import re
import sqlite3

from django.db import connection
from django.db.models import Q

from search.models import TextEntry
from search.text import is_phrase

# The most text matches PostgreSQL ranks for one query (the rest follow in the cheap order).
RANKED_CANDIDATES = 200
# The fuzzy fallback (see `fuzzy_ids`): how alike a word of the index must be to a typed
# word (pg_trgm similarity: "mentring" and "mentoring" 0.58; "gambling" and "games" 0.25),
# how many of the closest are tried, and the shortest word tried at all.
FUZZY_WORD_SIMILARITY = 0.5
FUZZY_SPELLINGS = 5
FUZZY_MIN_WORD_LENGTH = 4
# Weights of title, related and body: PostgreSQL's ts_rank takes them for D, C, B, A.
POSTGRES_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
SQLITE_BM25_WEIGHTS = (10.0, 4.0, 1.0)
# The text search configuration of the generated columns (search migration 0010).
POSTGRES_CONFIG = "english"


def ranked_ids(index, alternatives, limit):
    """Primary keys of the objects in the index's table whose text holds any of the
    alternatives, best first, at most `limit`. The table holds every object of the model,
    drafts too: which are shown is the listing's decision (the database backend keeps only
    those its snapshot lists, `search.facet_bitmaps`), so no join is needed here (a join
    with the live pages took 33 of 46 ms for a broad query at 10,000 organisations)."""
    alternatives = [term for term in alternatives if _words(term)]
    if not alternatives:
        return []
    if connection.vendor == "postgresql":
        return _postgres_ranked_ids(index, alternatives, limit)
    if connection.vendor == "sqlite" and _sqlite_has_fts5():
        return _sqlite_ranked_ids(index, alternatives, limit)
    return _contained_ids(index, alternatives, limit)


def _words(term):
    return re.findall(r"\w+", term.lower())


def _postgres_tsquery(alternatives):
    """The alternatives' tsquery: any of them, each a phrase or a word."""
    parts = [
        f"{'phraseto_tsquery' if is_phrase(term) else 'plainto_tsquery'}(%s::regconfig, %s)"
        for term in alternatives
    ]
    params = [value for term in alternatives for value in (POSTGRES_CONFIG, term)]
    return " || ".join(parts), params


def _evaluated(tsquery_sql, params):
    """A tsquery expression evaluated once, as text ('' when it holds only stop words): the
    planner can then use the GIN index, and no row evaluates it again."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ({tsquery_sql})::text", params)
        return cursor.fetchone()[0] or ""


def _postgres_ranked_ids(index, alternatives, limit):
    return _postgres_matching(index, _evaluated(*_postgres_tsquery(alternatives)), limit)


def _postgres_matching(index, tsquery, limit):
    if not tsquery:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.object_id FROM search_textentry e "
            "WHERE e.index_name = %s AND e.document @@ %s::tsquery "
            "ORDER BY e.title_document @@ %s::tsquery DESC, e.object_id DESC LIMIT %s",
            [index.name, tsquery, tsquery, limit],
        )
        ordered = [row[0] for row in cursor.fetchall()]
        if len(ordered) <= 1:
            return ordered
        cursor.execute(
            "SELECT e.object_id FROM search_textentry e "
            "WHERE e.index_name = %s AND e.object_id = ANY(%s) "
            "ORDER BY ts_rank(%s::real[], e.document, %s::tsquery) DESC, e.object_id DESC",
            [index.name, ordered[:RANKED_CANDIDATES], POSTGRES_WEIGHTS, tsquery],
        )
        ranked = [row[0] for row in cursor.fetchall()]
    return ranked + ordered[RANKED_CANDIDATES:]


def fuzzy_ids(index, alternatives, limit):
    """On PostgreSQL, the objects whose text holds near spellings of the alternatives' words
    (typos), best first; elsewhere, none.

    Each word of FUZZY_MIN_WORD_LENGTH letters or more stands for the words of the index
    that resemble it (pg_trgm similarity of at least FUZZY_WORD_SIMILARITY, the closest
    FUZZY_SPELLINGS, found in `search.models.TextWord` through its trigram index); a shorter
    word stands for itself: a near spelling of so short a word is more often another word
    than a typo. An alternative matches when its text holds a spelling of each of its words.
    """
    if connection.vendor != "postgresql":
        return []
    spellings = _near_spellings(
        index,
        {word for term in alternatives for word in _words(term) if _fuzzy_word(word)},
    )
    parts, params = [], []
    for term in alternatives:
        words = [spellings.get(word, []) if _fuzzy_word(word) else [word] for word in _words(term)]
        if not all(words):
            continue
        parts.append(
            " && ".join(
                "(" + " || ".join(["plainto_tsquery(%s::regconfig, %s)"] * len(options)) + ")"
                for options in words
            )
        )
        params += [
            value for options in words for word in options for value in (POSTGRES_CONFIG, word)
        ]
    if not parts:
        return []
    tsquery = _evaluated(" || ".join(f"({part})" for part in parts), params)
    return _postgres_matching(index, tsquery, limit)


def _fuzzy_word(word):
    return len(word) >= FUZZY_MIN_WORD_LENGTH and not word.isdigit()


def _near_spellings(index, words):
    """{word: [the index's words that resemble it, closest first]}."""
    if not words:
        return {}
    spellings = {}
    with connection.cursor() as cursor:
        # The % operator reads its threshold from this setting (for this connection).
        cursor.execute(
            "SELECT set_config('pg_trgm.similarity_threshold', %s, false)",
            [str(FUZZY_WORD_SIMILARITY)],
        )
        cursor.execute(
            "SELECT typed.word, near.word FROM unnest(%s::text[]) AS typed(word) "
            "CROSS JOIN LATERAL (SELECT w.word FROM search_textword w "
            "WHERE w.index_name = %s AND w.word %% typed.word "
            "ORDER BY similarity(w.word, typed.word) DESC, w.word LIMIT %s) AS near",
            [sorted(words), index.name, FUZZY_SPELLINGS],
        )
        for typed, near in cursor.fetchall():
            spellings.setdefault(typed, []).append(near)
    return spellings


@functools.cache
def _sqlite_has_fts5():
    """Whether this SQLite has FTS5 (search migration 0010 then made the FTS5 table)."""
    with sqlite3.connect(":memory:") as probe:
        return ("ENABLE_FTS5",) in probe.execute("PRAGMA compile_options").fetchall()


def _fts_match(alternatives):
    """An FTS5 query: each word quoted (no operator can be typed), a phrase's words in order,
    a word alone as itself; alternatives joined by OR."""
    return " OR ".join(f'"{" ".join(_words(term))}"' for term in alternatives)


def _sqlite_ranked_ids(index, alternatives, limit):
    title, related, body = SQLITE_BM25_WEIGHTS
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.object_id FROM search_textentry_fts "
            "JOIN search_textentry e ON e.id = search_textentry_fts.rowid "
            "WHERE search_textentry_fts MATCH %s AND e.index_name = %s "
            f"ORDER BY bm25(search_textentry_fts, {title}, {related}, {body}), "
            "e.object_id DESC LIMIT %s",
            [_fts_match(alternatives), index.name, limit],
        )
        return [row[0] for row in cursor.fetchall()]


def _contained_ids(index, alternatives, limit):
    matches = Q()
    for term in alternatives:
        every_word = Q()
        for word in _words(term):
            every_word &= (
                Q(title__icontains=word) | Q(related__icontains=word) | Q(body__icontains=word)
            )
        matches |= every_word
    entries = TextEntry.objects.filter(matches, index_name=index.name)
    return list(entries.order_by("-object_id").values_list("object_id", flat=True)[:limit])
