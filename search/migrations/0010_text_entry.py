"""The directory's own table of searchable text (search.models.TextEntry), with what each
database needs to match and rank it quickly. The table is filled by
`manage.py rebuild_search_index` (and kept in step as pages are saved)."""

from django.db import migrations, models

# PostgreSQL: the weighted document and the title's words, generated from the columns (so
# never out of step with them), a GIN index for matching, and a trigram index on the words for the
# fuzzy fallback. The configuration is named (not the server's default) so that the expressions
# are immutable, as generated columns require.
POSTGRES_FORWARD = [
    "ALTER TABLE search_textentry ADD COLUMN document tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english'::regconfig, title), 'A') || "
    "setweight(to_tsvector('english'::regconfig, related), 'B') || "
    "setweight(to_tsvector('english'::regconfig, body), 'C')) STORED",
    "ALTER TABLE search_textentry ADD COLUMN title_document tsvector GENERATED ALWAYS AS ("
    "to_tsvector('english'::regconfig, title)) STORED",
    "CREATE INDEX search_textentry_document ON search_textentry USING gin (document)",
    "CREATE INDEX search_textword_word_trgm ON search_textword USING gin (word gin_trgm_ops)",
    # Wagtail's own entries are no longer matched fuzzily (migration 0006 made these).
    "DROP INDEX IF EXISTS search_entry_title_text_trgm",
    "DROP INDEX IF EXISTS search_entry_body_text_trgm",
]
POSTGRES_BACKWARD = [
    "CREATE INDEX IF NOT EXISTS search_entry_title_text_trgm ON wagtailsearch_indexentry "
    "USING gin (title_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_entry_body_text_trgm ON wagtailsearch_indexentry "
    "USING gin (body_text gin_trgm_ops)",
]

# SQLite: an FTS5 index over the table (external content: the text is stored once), kept in
# step by triggers, with English stemming ("housing" finds "house").
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_textentry_fts USING fts5(title, related, body, "
    "content='search_textentry', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_textentry_fts_insert AFTER INSERT ON search_textentry BEGIN "
    "INSERT INTO search_textentry_fts(rowid, title, related, body) "
    "VALUES (new.id, new.title, new.related, new.body); END",
    "CREATE TRIGGER search_textentry_fts_delete AFTER DELETE ON search_textentry BEGIN "
    "INSERT INTO search_textentry_fts(search_textentry_fts, rowid, title, related, body) "
    "VALUES ('delete', old.id, old.title, old.related, old.body); END",
    "CREATE TRIGGER search_textentry_fts_update AFTER UPDATE ON search_textentry BEGIN "
    "INSERT INTO search_textentry_fts(search_textentry_fts, rowid, title, related, body) "
    "VALUES ('delete', old.id, old.title, old.related, old.body); "
    "INSERT INTO search_textentry_fts(rowid, title, related, body) "
    "VALUES (new.id, new.title, new.related, new.body); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_textentry_fts_update",
    "DROP TRIGGER IF EXISTS search_textentry_fts_delete",
    "DROP TRIGGER IF EXISTS search_textentry_fts_insert",
    "DROP TABLE IF EXISTS search_textentry_fts",
]


def _sqlite_has_fts5(connection):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA compile_options")
        return any(option == "ENABLE_FTS5" for (option,) in cursor.fetchall())


def add_text_indexes(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        statements = POSTGRES_FORWARD
    elif connection.vendor == "sqlite" and _sqlite_has_fts5(connection):
        statements = SQLITE_FORWARD
    else:
        statements = []
    for statement in statements:
        schema_editor.execute(statement)


def drop_text_indexes(apps, schema_editor):
    # PostgreSQL's columns and indexes go with the table.
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0009_seed_welsh_meanings"),
    ]

    operations = [
        migrations.CreateModel(
            name="TextEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("index_name", models.CharField(max_length=100)),
                ("object_id", models.PositiveBigIntegerField()),
                ("title", models.TextField(blank=True)),
                ("related", models.TextField(blank=True)),
                ("body", models.TextField(blank=True)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("index_name", "object_id"),
                        name="search_text_entry_one_per_object",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="TextWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("index_name", models.CharField(max_length=100)),
                ("word", models.CharField(max_length=100)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("index_name", "word"), name="search_text_word_once"
                    )
                ],
            },
        ),
        migrations.RunPython(add_text_indexes, drop_text_indexes),
    ]
