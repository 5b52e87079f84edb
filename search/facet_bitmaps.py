"""Facet counts for large result sets, from bitmaps held in memory.

Counting a facet in SQL over tens of thousands of matching ids is a pass over the join
tables per facet, and the dominant cost of a broad search on the database backend. Here each
facet option has a bitmap (a Python integer, one bit per primary key) of the objects it
applies to; counting an option among the matching ids is then `(ids & option).bit_count()`,
microseconds for every option of every facet.

The bitmaps are a snapshot. Every change that can move an object in or out of an option
calls `data_changed(index_name)`, which stores a new random token in the database; a search
uses its process's snapshot only while that token is unchanged (and the snapshot is younger
than SNAPSHOT_MAX_AGE, a bound on anything that changed without saying so, such as a raw
queryset `update()`), and otherwise rebuilds it: one query per facet. The matching ids
themselves always come from the database, so the snapshot only decides counts.

Small result sets are counted in SQL as before (cheap, and no snapshot is built).
"""

import secrets
import threading
import time
from dataclasses import dataclass, field

# Result sets with more ids than this are counted from the bitmaps.
BITMAPS_ABOVE = 200
# A snapshot is rebuilt at least this often, whatever the token says (seconds).
SNAPSHOT_MAX_AGE = 600

_snapshots = {}
_lock = threading.Lock()


@dataclass
class Snapshot:
    token: str
    built_at: float
    # {facet param: {option value: bitmap of primary keys}}
    members: dict = field(default_factory=dict)

    def counts(self, param, ids_bitmap):
        return {
            value: (ids_bitmap & members).bit_count()
            for value, members in self.members.get(param, {}).items()
        }


def bitmap(pks):
    """A Python integer with bit `pk` set for each primary key."""
    pks = list(pks)
    if not pks:
        return 0
    bits = bytearray(max(pks) // 8 + 1)
    for pk in pks:
        bits[pk >> 3] |= 1 << (pk & 7)
    return int.from_bytes(bits, "little")


def data_changed(index_name):
    """Something the index's facets read has changed: snapshots must be rebuilt."""
    from search.models import FacetDataVersion

    FacetDataVersion.objects.update_or_create(
        index_name=index_name, defaults={"token": secrets.token_hex(16)}
    )


def current_token(index_name):
    """The index's token, created (random) when missing: a snapshot is never keyed on "no
    row", which a database emptied and refilled without recording a change would match."""
    from search.models import FacetDataVersion

    version, _created = FacetDataVersion.objects.get_or_create(
        index_name=index_name, defaults={"token": secrets.token_hex(16)}
    )
    return version.token


def snapshot(index):
    """The index's current snapshot, rebuilt when the data changed or it grew too old."""
    token = current_token(index.name)
    with _lock:
        current = _snapshots.get(index.name)
        fresh = current is not None and time.monotonic() - current.built_at < SNAPSHOT_MAX_AGE
        if fresh and current.token == token:
            return current
    built = build_snapshot(index, token)
    with _lock:
        _snapshots[index.name] = built
    return built


def build_snapshot(index, token):
    model = index.get_queryset().model
    members = {
        facet.param: {value: bitmap(pks) for value, pks in facet.members(model).items()}
        for facet in index.facets
    }
    return Snapshot(token=token, built_at=time.monotonic(), members=members)


def forget_snapshots():
    with _lock:
        _snapshots.clear()
