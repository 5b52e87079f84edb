"""The directory's facets and listing, as bitmaps held in memory.

Each facet option has a bitmap (a Python integer, one bit per primary key) of the objects it
applies to; counting an option among the matching ids is then `(ids & option).bit_count()`,
microseconds for every option of every facet. Likewise the objects an index lists in each
language (`Snapshot.listed`) and their order for each sort (`Snapshot.order`): the database
backend answers "which results are listed and meet each chosen filter" from these, where SQL
would pass over every listed row with a join per filter (40-110 ms at 10,000 organisations).

The bitmaps are a snapshot. Every change that can move an object in or out of an option or
the listing, or change the text it is found by, calls `data_changed(index_name)`, which
stores a new random token in the database; a search uses its process's snapshot only while
that token is unchanged (and the snapshot is younger than SNAPSHOT_MAX_AGE, a bound on
anything that changed without saying so, such as a raw queryset `update()`), and otherwise
rebuilds it: one query per facet, and one for each language's listing and each sort asked
for. The page's rows are always read from the listing in the database, so an object no
longer listed is never shown, even from a stale snapshot. The matches of each text searched
for are remembered with the snapshot (`Snapshot.text_matches_for`), as the engine's request
cache remembers a search.
"""

import secrets
import threading
import time
from array import array
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.utils import translation

# A snapshot is rebuilt at least this often, whatever the token says (seconds).
SNAPSHOT_MAX_AGE = 600
# The most text searches' matches a snapshot remembers (the least recently asked go first):
# up to 2,000 ids each, kept as 8-byte integers, so at most about 16 MB a process.
TEXT_MATCHES_KEPT = 1000

_snapshots = {}
_lock = threading.Lock()


@dataclass
class Snapshot:
    token: str
    built_at: float
    index: object = None
    # {facet param: {option value: bitmap of primary keys}}
    members: dict = field(default_factory=dict)
    # Built when first asked for: {language: bitmap}, {(language, sort): [pk, ...]}
    listings: dict = field(default_factory=dict)
    orders: dict = field(default_factory=dict)
    # {key: array of ids}, least recently asked first
    text_matches: OrderedDict = field(default_factory=OrderedDict)

    def counts(self, param, ids_bitmap):
        return {
            value: (ids_bitmap & members).bit_count()
            for value, members in self.members.get(param, {}).items()
        }

    def having(self, param, values):
        """The bitmap of the objects having any of the facet's values."""
        options = self.members.get(param, {})
        return reduce(or_, (options.get(value, 0) for value in values), 0)

    def text_matches_for(self, key, find):
        """What `find()` answers (ids), remembered under `key` while the snapshot is current:
        the token moves with every change to the index's text too (`search.text_table`)."""
        with _lock:
            found = self.text_matches.get(key)
            if found is not None:
                self.text_matches.move_to_end(key)
                return list(found)
        found = find()
        with _lock:
            self.text_matches[key] = array("q", found)
            while len(self.text_matches) > TEXT_MATCHES_KEPT:
                self.text_matches.popitem(last=False)
        return found

    def listed(self, language):
        """The bitmap of the objects the index lists to a visitor in `language`."""
        if language not in self.listings:
            with translation.override(language):
                pks = self.index.get_queryset().order_by().values_list("pk", flat=True)
                self.listings[language] = bitmap(pks)
        return self.listings[language]

    def order(self, language, sort):
        """Every object listed in `language`, in the sort's order (the index's first sort
        when it has no such sort)."""
        sort = sort if sort in self.index.sorts else next(iter(self.index.sorts), "")
        key = (language, sort)
        if key not in self.orders:
            with translation.override(language):
                ordered = self.index.order(self.index.get_queryset(), sort)
                self.orders[key] = list(ordered.values_list("pk", flat=True))
        return self.orders[key]


def bitmap(pks):
    """A Python integer with bit `pk` set for each primary key."""
    pks = list(pks)
    if not pks:
        return 0
    bits = bytearray(max(pks) // 8 + 1)
    for pk in pks:
        bits[pk >> 3] |= 1 << (pk & 7)
    return int.from_bytes(bits, "little")


def pks(bits):
    """The primary keys whose bits are set, in ascending order (`bitmap` the other way)."""
    found = []
    for number, byte in enumerate(bits.to_bytes((bits.bit_length() + 7) // 8, "little")):
        if byte:
            start = number * 8
            found.extend(start + bit for bit in _BITS_OF_BYTE[byte])
    return found


_BITS_OF_BYTE = [tuple(bit for bit in range(8) if byte >> bit & 1) for byte in range(256)]


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
    return Snapshot(token=token, built_at=time.monotonic(), index=index, members=members)


def forget_snapshots():
    with _lock:
        _snapshots.clear()
