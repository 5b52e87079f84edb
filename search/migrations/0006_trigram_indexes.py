from django.db import migrations

INDEXES = {
    "search_entry_title_text_trgm": "title_text",
    "search_entry_body_text_trgm": "body_text",
}


def create_indexes(apps, schema_editor):
    """On PostgreSQL, trigram indexes let the fuzzy fallback (text that matches nothing word
    for word) find near spellings without comparing the text with every entry."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON wagtailsearch_indexentry "
            f"USING gin ({column} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_facet_data_version"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
