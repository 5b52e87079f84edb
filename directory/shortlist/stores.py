"""Where a shortlist is kept: in the session without an account, on the account when signed in.

Both stores offer the same few operations on an ordered list of entries (a service id and the
practitioner's note), so the rules in `rules.py` work the same on either. The stores keep
order and uniqueness; what may be added, and how many, is for the rules to say.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Max

from core.text import parse_id
from directory.models import ShortlistItem, ShortlistShare


@dataclass(frozen=True)
class Entry:
    service_id: int
    note: str = ""


def _moved(ids, service_id, offset):
    """`ids` with `service_id` moved `offset` places (-1 up, +1 down), or None if it cannot
    move (not there, or already first or last)."""
    if service_id not in ids:
        return None
    index = ids.index(service_id)
    target = index + offset
    if not 0 <= target < len(ids):
        return None
    ids = list(ids)
    ids[index], ids[target] = ids[target], ids[index]
    return ids


class SessionShortlist:
    """A shortlist in the session, as `[[service_id, note], ...]`, in order."""

    KEY = "directory_shortlist"
    SHARES_KEY = "directory_shortlist_shares"
    is_account = False

    def __init__(self, session):
        self.session = session

    def entries(self):
        entries, seen = [], set()
        for raw in self.session.get(self.KEY) or []:
            # Sessions outlive code: anything not shaped as we write it is skipped.
            if not isinstance(raw, list | tuple) or not raw:
                continue
            service_id = parse_id(raw[0])
            note = raw[1] if len(raw) > 1 and isinstance(raw[1], str) else ""
            if service_id is not None and service_id not in seen:
                seen.add(service_id)
                entries.append(Entry(service_id, note))
        return entries

    def _save(self, entries):
        self.session[self.KEY] = [[entry.service_id, entry.note] for entry in entries]

    def service_ids(self):
        return [entry.service_id for entry in self.entries()]

    def count(self):
        return len(self.entries())

    def add(self, service_id, note="", limit=None):
        """Add at the end; False when it is already there or the list holds `limit`."""
        entries = self.entries()
        if any(entry.service_id == service_id for entry in entries):
            return False
        if limit is not None and len(entries) >= limit:
            return False
        self._save([*entries, Entry(service_id, note)])
        return True

    def remove(self, service_id):
        entries = self.entries()
        kept = [entry for entry in entries if entry.service_id != service_id]
        self._save(kept)
        return len(kept) != len(entries)

    def move(self, service_id, offset):
        entries = {entry.service_id: entry for entry in self.entries()}
        order = _moved(list(entries), service_id, offset)
        if order is None:
            return False
        self._save([entries[pk] for pk in order])
        return True

    def set_note(self, service_id, note):
        entries = self.entries()
        if not any(entry.service_id == service_id for entry in entries):
            return False
        self._save(
            [
                Entry(entry.service_id, note) if entry.service_id == service_id else entry
                for entry in entries
            ]
        )
        return True

    def clear(self):
        self.session.pop(self.KEY, None)

    # Share links made from this session: the session is the only way to know they are ours.
    def shares(self):
        tokens = [token for token in self.session.get(self.SHARES_KEY) or [] if token]
        return ShortlistShare.objects.filter(token__in=tokens, user=None)

    def remember_share(self, share):
        tokens = [token for token in self.session.get(self.SHARES_KEY) or [] if token]
        self.session[self.SHARES_KEY] = [*tokens, share.token][-20:]

    def share_owner(self):
        return None

    def forget_shares(self):
        self.session.pop(self.SHARES_KEY, None)


class AccountShortlist:
    """A signed-in person's shortlist, as `ShortlistItem` rows."""

    is_account = True

    def __init__(self, user):
        self.user = user

    def _items(self):
        return ShortlistItem.objects.filter(user=self.user)

    def _lock(self):
        """Changes to one person's list are made one at a time (a row lock on PostgreSQL)."""
        users = get_user_model().objects.select_for_update().filter(pk=self.user.pk)
        list(users.values_list("pk", flat=True))

    def entries(self):
        rows = self._items().order_by("position", "pk").values_list("service_id", "note")
        return [Entry(service_id, note) for service_id, note in rows]

    def service_ids(self):
        return list(self._items().order_by("position", "pk").values_list("service_id", flat=True))

    def count(self):
        return self._items().count()

    def add(self, service_id, note="", limit=None):
        with transaction.atomic():
            self._lock()
            items = self._items()
            if items.filter(service_id=service_id).exists():
                return False
            if limit is not None and items.count() >= limit:
                return False
            last = items.aggregate(last=Max("position"))["last"]
            try:
                with transaction.atomic():
                    ShortlistItem.objects.create(
                        user=self.user,
                        service_id=service_id,
                        note=note,
                        position=0 if last is None else last + 1,
                    )
            except IntegrityError:  # the same service, added by a request at the same moment
                return False
        return True

    def remove(self, service_id):
        deleted, _ = self._items().filter(service_id=service_id).delete()
        return bool(deleted)

    def move(self, service_id, offset):
        with transaction.atomic():
            self._lock()
            items = list(self._items().order_by("position", "pk"))
            order = _moved([item.service_id for item in items], service_id, offset)
            if order is None:
                return False
            by_service = {item.service_id: item for item in items}
            # Positions are renumbered 0, 1, 2… so the list never holds two at one place.
            for position, pk in enumerate(order):
                by_service[pk].position = position
            ShortlistItem.objects.bulk_update(items, ["position"])
        return True

    def set_note(self, service_id, note):
        return bool(self._items().filter(service_id=service_id).update(note=note))

    def clear(self):
        self._items().delete()

    def shares(self):
        return ShortlistShare.objects.filter(user=self.user)

    def remember_share(self, share):
        pass  # the share's `user` says whose it is

    def share_owner(self):
        return self.user


class EmptyShortlist:
    """For a request with no session (a preview, a dummy request): nothing on it."""

    is_account = False

    def entries(self):
        return []

    def service_ids(self):
        return []

    def count(self):
        return 0
