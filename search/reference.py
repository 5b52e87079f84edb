"""Reference data a search reads every time and that changes rarely: each facet's options,
place names, synonym groups and the spelling vocabulary.

Each is kept in the cache for a few minutes, and forgotten as soon as a row it is read from
is saved or deleted (see `watch`), so an edit to a snippet shows in the next search.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from search import facet_bitmaps

REFERENCE_CACHE_SECONDS = 300
KEY_PREFIX = "search:reference:"
# The key under which the names of every cached entry are kept, so they can be forgotten.
KEYS = f"{KEY_PREFIX}keys"

# {model: names of the indexes whose facet options it holds}
_watched = {}


def cached(name, compute):
    """The value cached under `name`, computed (and remembered) when missing."""
    key = f"{KEY_PREFIX}{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, REFERENCE_CACHE_SECONDS)
        keys = cache.get(KEYS) or set()
        if key not in keys:
            cache.set(KEYS, keys | {key}, None)
    return value


def forget():
    """Forget every cached entry (a taxonomy term, place or synonym group changed)."""
    keys = cache.get(KEYS) or set()
    cache.delete_many([*keys, KEYS])


def watch(*models, index_name=None):
    """Forget the cached reference data whenever a row of one of these models changes; with
    `index_name`, the models hold that index's facet options, whose bitmaps then go stale too."""
    for model in models:
        if model not in _watched:
            _watched[model] = set()
            post_save.connect(
                _changed, sender=model, dispatch_uid=f"search-reference-{model._meta}"
            )
            post_delete.connect(
                _changed, sender=model, dispatch_uid=f"search-reference-d-{model._meta}"
            )
        if index_name:
            _watched[model].add(index_name)


def _changed(sender, **kwargs):
    forget()
    # A term's slug is what its facet option is called in the bitmaps too.
    for index_name in sorted(_watched.get(sender, ())):
        facet_bitmaps.data_changed(index_name)
