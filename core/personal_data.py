"""What a person can download about themselves: each app contributes its part.

In an app's `wagtail_hooks.py`::

    @hooks.register(PERSONAL_DATA_HOOK)
    def directory_personal_data(user):
        return {"organisation_memberships": [...], "listing_claims": [...]}

Each hook returns a dict of JSON-ready values about `user` (dates as ISO strings). Include
only this person's data: never other people's names or email addresses.
"""

from wagtail import hooks

PERSONAL_DATA_HOOK = "register_personal_data"


def collect_personal_data(user):
    """Every app's part of `user`'s data, merged into one dict."""
    data = {}
    for hook in hooks.get_hooks(PERSONAL_DATA_HOOK):
        for key, value in (hook(user) or {}).items():
            if key in data:
                raise ValueError(f"Two apps export personal data under the same key: {key!r}")
            data[key] = value
    return data


def isoformat(value):
    """A date or datetime as an ISO 8601 string, or None."""
    return value.isoformat() if value else None
