"""Which objects' text matches a query's words, best first: the database backend's text
search, over the table of entries `search.text_table` keeps (`search.models.TextEntry`).

Each alternative is a word or a phrase (`search.text.is_phrase`: words together and in
order); an object matches when its text holds any alternative. Ranked by weight: the
object's own name (title) counts most, then the names it is known by (related), then what it
says (body).

- PostgreSQL: a weighted `tsvector` (generated column, GIN index) matched with a constant
  tsquery. Only the first RANKED_CANDIDATES matches are ranked with `ts_rank`, after a cheap
  order (name matches first, then the newest), so a broad query never ranks tens of
  thousands of rows. When nothing matches word for word, trigram similarity finds near
  spellings (`fuzzy_ids`).
- SQLite: FTS5 with English stemming, ranked by `bm25()` with the same weights.
- Anything else (SQLite built without FTS5): every word of an alternative contained in the
  text, newest first.
"""

import re

from django.db import connection
from django.db.models import Q

from search.models import TextEntry
from search.text import is_phrase

# The most text matches PostgreSQL ranks for one query (the rest follow in the cheap order).
RANKED_CANDIDATES = 200
# How alike a stretch of text must be to the query to match fuzzily (pg_trgm's word
# similarity): at the usual 0.3, "gambling" resembles "games".
FUZZY_SIMILARITY_THRESHOLD = 0.6
# Shorter text is matched fuzzily against names only (see `fuzzy_ids`).
FUZZY_BODY_MIN_LENGTH = 5
# Weights of title, related and body: PostgreSQL's ts_rank takes them for D, C, B, A.
POSTGRES_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
SQLITE_BM25_WEIGHTS = (10.0, 4.0, 1.0)
# The text search configuration of the generated columns (search migration 0010).
POSTGRES_CONFIG = "english"


def ranked_ids(index, alternatives, limit):
    """Primary keys of the objects of `index.get_text_search_queryset()` whose text holds any
    of the alternatives, best first, at most `limit`."""
    alternatives = [term for term in alternatives if _words(term)]
    if not alternatives:
        return []
    if connection.vendor == "postgresql":
        return _postgres_ranked_ids(index, alternatives, limit)
    if connection.vendor == "sqlite" and _sqlite_has_fts_table():
        return _sqlite_ranked_ids(index, alternatives, limit)
    return _contained_ids(index, alternatives, limit)


def _words(term):
    return re.findall(r"\w+", term.lower())


def _searchable(index):
    """(SQL, params) of the primary keys a text search may return."""
    queryset = index.get_text_search_queryset().order_by().values("pk")
    return queryset.query.sql_with_params()


def _postgres_tsquery(alternatives):
    """The alternatives' tsquery, evaluated once, as text ('' when only stop words)."""
    parts = [
        f"{'phraseto_tsquery' if is_phrase(term) else 'plainto_tsquery'}(%s::regconfig, %s)"
        for term in alternatives
    ]
    params = [value for term in alternatives for value in (POSTGRES_CONFIG, term)]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ({' || '.join(parts)})::text", params)
        return cursor.fetchone()[0] or ""


def _postgres_ranked_ids(index, alternatives, limit):
    tsquery = _postgres_tsquery(alternatives)
    if not tsquery:
        return []
    searchable, searchable_params = _searchable(index)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.object_id FROM search_textentry e "
            "WHERE e.index_name = %s AND e.document @@ %s::tsquery "
            f"AND e.object_id IN ({searchable}) "
            "ORDER BY e.title_document @@ %s::tsquery DESC, e.object_id DESC LIMIT %s",
            [index.name, tsquery, *searchable_params, tsquery, limit],
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
    """On PostgreSQL, the objects whose text holds a stretch similar to the alternatives
    (typos, near spellings), most similar first: pg_trgm's word similarity of at least
    FUZZY_SIMILARITY_THRESHOLD, served by the entries' trigram indexes. Elsewhere, none.

    Text shorter than FUZZY_BODY_MIN_LENGTH is compared with names only: its few trigrams
    are in most bodies, and a near spelling of so short a word is more often another word
    than a typo.
    """
    if connection.vendor != "postgresql":
        return []
    text = " ".join(alternatives)
    columns = ["e.title", "e.related"]
    if len(text) >= FUZZY_BODY_MIN_LENGTH:
        columns.append("e.body")
    similar = " OR ".join(f"%s <%% {column}" for column in columns)
    similarity = ", ".join(f"word_similarity(%s, {column})" for column in columns)
    searchable, searchable_params = _searchable(index)
    with connection.cursor() as cursor:
        # The operator reads its threshold from this setting (for this connection).
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)",
            [str(FUZZY_SIMILARITY_THRESHOLD)],
        )
        cursor.execute(
            "SELECT e.object_id FROM search_textentry e "
            f"WHERE e.index_name = %s AND ({similar}) AND e.object_id IN ({searchable}) "
            f"ORDER BY GREATEST({similarity}) DESC, e.object_id DESC LIMIT %s",
            [
                index.name,
                *[text] * len(columns),
                *searchable_params,
                *[text] * len(columns),
                limit,
            ],
        )
        return [row[0] for row in cursor.fetchall()]


def _sqlite_has_fts_table():
    return "search_textentry_fts" in connection.introspection.table_names()


def _fts_match(alternatives):
    """An FTS5 query: each word quoted (no operator can be typed), a phrase's words in order,
    a word alone as itself; alternatives joined by OR."""
    return " OR ".join(f'"{" ".join(_words(term))}"' for term in alternatives)


def _sqlite_ranked_ids(index, alternatives, limit):
    searchable, searchable_params = _searchable(index)
    title, related, body = SQLITE_BM25_WEIGHTS
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.object_id FROM search_textentry_fts "
            "JOIN search_textentry e ON e.id = search_textentry_fts.rowid "
            "WHERE search_textentry_fts MATCH %s AND e.index_name = %s "
            f"AND e.object_id IN ({searchable}) "
            f"ORDER BY bm25(search_textentry_fts, {title}, {related}, {body}), "
            "e.object_id DESC LIMIT %s",
            [_fts_match(alternatives), index.name, *searchable_params, limit],
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
    entries = TextEntry.objects.filter(
        matches,
        index_name=index.name,
        object_id__in=index.get_text_search_queryset().values("pk"),
    )
    return list(entries.order_by("-object_id").values_list("object_id", flat=True)[:limit])
