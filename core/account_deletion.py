"""Deleting an account: each app may ask a question first and tidy up before it goes.

An app registers a factory that takes `(user, data)` and returns a Django form, or None when
it has nothing to say to this person. The form has:

- `deletion_template`: a template shown on the delete page (what goes, what stays, and any
  fields the person must fill in), given `form`;
- `apply()`: called inside the deletion's transaction, before the user is deleted.

In an app's `wagtail_hooks.py`::

    @hooks.register(ACCOUNT_DELETION_HOOK)
    def hand_over_organisations(user, data=None):
        return HandOverForm(user, data=data) if owns_something(user) else None
"""

from wagtail import hooks

ACCOUNT_DELETION_HOOK = "register_account_deletion"


def account_deletion_parts(user, data=None):
    parts = [factory(user, data=data) for factory in hooks.get_hooks(ACCOUNT_DELETION_HOOK)]
    return [part for part in parts if part is not None]
