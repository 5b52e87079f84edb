"""When a stored page is stale: stamps, moved by changes, compared with those it was stored
with.

A stamp is a time in nanoseconds kept in the cache under its tag, with no expiry:
- `page:<id>`: the page, or a list it shows of the pages below it, changed;
- `content:<id>`: the page's own content changed, which the pages below it show too;
- `site`: the menu, the footer or a taxonomy changed: every page shows them.

A stamp that was never moved is created at 1 when a page is stored with it, so that a stamp
the cache later loses (evicted) reads as "changed", never as "as before"."""

import time
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from wagtail.models import Page

SITE = "site"
_PREFIX = "page-cache:stamp:"
_NEVER_MOVED = 1


def page_tag(pk):
    return f"page:{pk}"


def content_tag(pk):
    return f"content:{pk}"


def tags_of(page):
    """What a stored copy of `page` depends on: the site, the page and its ancestors' own
    content (read from the path, in one query)."""
    return [SITE, page_tag(page.pk), *(content_tag(pk) for pk in _ancestor_pks([page.path]))]


def current(tags):
    """{tag: stamp} now; 0 for a stamp never moved (or lost)."""
    found = cache.get_many([_PREFIX + tag for tag in tags])
    return {tag: found.get(_PREFIX + tag, 0) for tag in tags}


def stamps_to_store(tags):
    """{tag: stamp} to store a page with, creating the stamps never moved."""
    stamps = current(tags)
    missing = [tag for tag, stamp in stamps.items() if not stamp]
    for tag in missing:
        cache.add(_PREFIX + tag, _NEVER_MOVED, timeout=None)
    if missing:
        stamps.update(current(missing))
    return stamps


def move(tags):
    """Every page stored with one of `tags` is stale from now on. Called after the change's
    transaction commits: a page rendered before that, from the data as it was, is stored with
    the old stamps, or not at all, and so is never served."""
    now = time.time_ns()
    cache.set_many({_PREFIX + tag: now for tag in tags}, timeout=None)


def pages_changed(pages, content=False):
    """The pages (or their ids) changed: each of them and each page listing them (their
    ancestors) are stale once the transaction commits, in every language. With `content`,
    the pages' own content changed, so the pages below them are stale too (they show it)."""
    if settings.PAGE_CACHE_SECONDS:
        pages = list(pages)
        transaction.on_commit(lambda: move(tags_changed_by(pages, content)))


def site_changed():
    """Something every page shows changed (the menu, the footer, a taxonomy term)."""
    if settings.PAGE_CACHE_SECONDS:
        transaction.on_commit(partial(move, [SITE]))


def tags_changed_by(pages, content=False):
    pks = {page if isinstance(page, int) else page.pk for page in pages}
    # A page's versions in other languages show links to it (and share its records).
    rows = list(
        Page.objects.filter(
            translation_key__in=Page.objects.filter(pk__in=pks).values("translation_key")
        ).values_list("pk", "path")
    )
    paths = [path for _pk, path in rows]
    # Deleted pages are not found: their own stamps no longer matter, their ancestors' do.
    paths += [page.path for page in pages if not isinstance(page, int) and page.path]
    changed = pks | {pk for pk, _path in rows}
    tags = {page_tag(pk) for pk in changed | set(_ancestor_pks(paths))}
    if content:
        tags |= {content_tag(pk) for pk in changed}
    return tags


def _ancestor_pks(paths):
    steps = Page.steplen
    prefixes = {path[:end] for path in paths for end in range(steps, len(path), steps)}
    if not prefixes:
        return []
    return list(Page.objects.filter(path__in=prefixes).values_list("pk", flat=True))
