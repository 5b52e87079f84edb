"""The searchable text of every index's objects (`search.models.TextEntry`): what the database
backend matches text against (`search.backends.text_match`).

One entry per object, written from `index.text_entries()` (plain rows, in bulk) or
`index.text_entry(obj)` (an object in memory). `rebuild` writes an index's
entries in bulk (`manage.py rebuild_search_index`); `save_entries` and `refresh` keep them in
step as objects change (the owning app's signals call them, the way they tell the engine);
`fill_missing` builds an empty table after migrating, so an installation that upgrades finds
its directory at once.
"""

import re

from django.db import transaction

from search import facet_bitmaps
from search.indexes import registered_indexes
from search.models import TextEntry, TextWord

BATCH_SIZE = 1000
# The words the fuzzy fallback may offer as near spellings (`search.models.TextWord`).
FUZZY_WORD = re.compile(r"[^\W\d_]{4,50}")


def _row(index, pk, text):
    return TextEntry(
        index_name=index.name,
        object_id=pk,
        title=text.title or "",
        related=text.related or "",
        body=text.body or "",
    )


def _words(row):
    return set(FUZZY_WORD.findall(f"{row.title} {row.related} {row.body}".lower()))


def _add_words(index, words):
    TextWord.objects.bulk_create(
        [TextWord(index_name=index.name, word=word) for word in sorted(words)],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )


def _write(index, rows):
    """Insert or update these entries, and add their new words. (A word no entry holds any
    more stays until the next rebuild: offered as a near spelling, it matches nothing.)"""
    if not rows:
        return
    TextEntry.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["index_name", "object_id"],
        update_fields=["title", "related", "body"],
    )
    _add_words(index, set().union(*(_words(row) for row in rows)))
    # Text matches are remembered with the index's snapshot.
    facet_bitmaps.data_changed(index.name)


def _insert(rows):
    # An entry already there was written by a save during the rebuild: it is newer.
    TextEntry.objects.bulk_create(rows, ignore_conflicts=True)


def rebuild(index, progress=None):
    """Write every entry of the index afresh, in batches; returns how many. Searches see the
    old entries until it commits."""
    count = 0
    words = set()
    with transaction.atomic():
        TextEntry.objects.filter(index_name=index.name).delete()
        TextWord.objects.filter(index_name=index.name).delete()
        rows = []
        for pk, text in index.text_entries():
            rows.append(_row(index, pk, text))
            words |= _words(rows[-1])
            if len(rows) == BATCH_SIZE:
                _insert(rows)
                count += len(rows)
                if progress:
                    progress.advance(len(rows))
                rows = []
        _insert(rows)
        count += len(rows)
        _add_words(index, words)
        if progress and rows:
            progress.advance(len(rows))
        facet_bitmaps.data_changed(index.name)
    return count


def save_entries(index, objects):
    """Write these objects' entries from the objects as they are in memory (a page being
    saved holds its new terms before they are committed)."""
    _write(index, [_row(index, obj.pk, index.text_entry(obj)) for obj in objects])


def refresh(index, pks):
    """Write the entries of these objects as the database has them now, and remove those of
    objects that no longer exist."""
    pks = set(pks)
    if not pks:
        return
    rows = [_row(index, pk, text) for pk, text in index.text_entries(pks)]
    _write(index, rows)
    remove(index, pks - {row.object_id for row in rows})


def remove(index, pks):
    pks = list(pks)
    if pks:
        TextEntry.objects.filter(index_name=index.name, object_id__in=pks).delete()
        facet_bitmaps.data_changed(index.name)


def fill_missing():
    """Build the entries of each index that has objects but no entries yet (a new table)."""
    built = {}
    for index in registered_indexes():
        if TextEntry.objects.filter(index_name=index.name).exists():
            continue
        if next(index.text_entries(), None) is not None:
            built[index.name] = rebuild(index)
    return built
