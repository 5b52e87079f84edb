"""The parts of Wagtail's search (the `modelsearch` package) that are not its public API, and
that the database backend uses anyway, in one place.

Why: the database backend asks Wagtail's own full-text search for the same match and the same
rank, but as primary keys only and without the correlated subqueries that make Wagtail's
queries slow on a large directory (see `DatabaseBackend._sqlite_ranked_ids` and
`_postgres_ranked_ids`). That needs the query compiler's rank expression, SQLite's FTS5 match
and index-entry table, and a helper or two, none of which Wagtail promises to keep. A Wagtail
or modelsearch upgrade may move or rename them without a deprecation: they are imported here
and nowhere else in search/ (the compiler methods the backend calls are listed in INTERNALS
too), and tests/search/test_wagtail_internals.py names the one that moved. When it fails, read
how the new version does what the function here did.

The SQLite FTS5 names are imported only when called: the modules that hold them cannot be
imported on PostgreSQL (their models exist only on SQLite), nor on a SQLite built without FTS5.
"""

SQLITE_QUERY = "modelsearch.backends.database.sqlite.query"
SQLITE_BACKEND = "modelsearch.backends.database.sqlite.sqlite"
POSTGRES_BACKEND = "modelsearch.backends.database.postgres.postgres"

# Every internal used here or by the database backend, as (module, attribute path, the database
# it exists on: None for all). tests/search/test_wagtail_internals.py checks that each is still
# where we look for it; it also checks what cannot be named here: the search results'
# `query_compiler` and the index entries' columns the backend filters on (`index_entries__...`).
INTERNALS = [
    (SQLITE_BACKEND, "SQLiteSearchBackend", "sqlite"),
    (SQLITE_BACKEND, "SQLiteSearchQueryCompiler.FTS_TABLE_FIELDS", "sqlite"),
    (SQLITE_BACKEND, "SQLiteSearchQueryCompiler.get_config", "sqlite"),
    (SQLITE_BACKEND, "SQLiteSearchQueryCompiler.build_search_query", "sqlite"),
    (SQLITE_BACKEND, "SQLiteSearchQueryCompiler.get_search_vectors", "sqlite"),
    (SQLITE_BACKEND, "SQLiteSearchQueryCompiler._build_rank_expression", "sqlite"),
    (SQLITE_QUERY, "MatchExpression", "sqlite"),
    (SQLITE_QUERY, "SQLiteFTSIndexEntry", "sqlite"),
    (SQLITE_QUERY, "normalize", "sqlite"),
    (POSTGRES_BACKEND, "PostgresSearchQueryCompiler.get_config", None),
    (POSTGRES_BACKEND, "PostgresSearchQueryCompiler.build_tsquery", None),
    (POSTGRES_BACKEND, "PostgresSearchQueryCompiler.get_index_vectors", None),
    (POSTGRES_BACKEND, "PostgresSearchQueryCompiler._build_rank_expression", None),
    ("modelsearch.utils", "get_descendants_content_types_pks", None),
]


def text_search_compiler(backend, text_query, queryset):
    """The query compiler of Wagtail's search for `text_query` (it holds the parsed query,
    the fields searched and the search configuration); the search itself never runs."""
    return backend.search(text_query, queryset).query_compiler


def rank_expression(compiler, vectors, config):
    """Wagtail's rank of a match: weighted bm25() on SQLite (lower is better), ts_rank on
    PostgreSQL (higher is better)."""
    return compiler._build_rank_expression(vectors, config)


def sqlite_fts_match(compiler, config):
    """The FTS5 MATCH of the compiler's query over its fields, as Wagtail's SQLite search
    writes it (a filter on `sqlite_fts_entries()`)."""
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize

    return MatchExpression(
        compiler.fields or compiler.FTS_TABLE_FIELDS,
        compiler.build_search_query(normalize(compiler.query), config=config),
    )


def sqlite_fts_entries():
    """The FTS5 table's rows (one per index entry, `index_entry` its primary key)."""
    from modelsearch.backends.database.sqlite.query import SQLiteFTSIndexEntry

    return SQLiteFTSIndexEntry.objects.all()


def content_type_ids(model):
    """Primary keys of the content types of `model` and its subclasses, which index entries
    are stored under."""
    from modelsearch.utils import get_descendants_content_types_pks

    return get_descendants_content_types_pks(model)


def is_sqlite_fts5_backend(backend):
    """Whether Wagtail searches with SQLite's FTS5 (not its fallback for old SQLite builds)."""
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    return isinstance(backend, SQLiteSearchBackend)
