"""Ids carried in a signed link (an unsubscribe link, say): `sign_ids` makes the token and
`read_ids` gives the ids back, or None when the token is forged, altered or not what it
should be. Each kind of link has its own salt, so one kind's token is worthless as another's."""

from django.core import signing


def sign_ids(salt, **ids):
    return signing.dumps(ids, salt=salt)


def read_ids(token, salt, *names):
    """The ids named `names`, in that order, from `token`; None unless every one is an int."""
    try:
        data = signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    values = tuple(data.get(name) for name in names)
    if not all(isinstance(value, int) and not isinstance(value, bool) for value in values):
        return None
    return values
