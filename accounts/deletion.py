"""Deleting an account: what goes, what stays, and the order it happens in.

What goes: the person's account, email addresses, two-factor settings, memberships, claims
and listings in progress (they belong to the user and are deleted with it). What stays:
organisation listings, and records other people need (submissions and invitations keep
their dates but no longer say who). Each app tidies up its part first, through the
`core.account_deletion` registry (the directory hands over or releases organisations).
"""

from django.db import transaction


def delete_account(user, parts=()):
    """Apply each app's part (hand-overs, releases), then delete the user: all or nothing."""
    with transaction.atomic():
        for part in parts:
            part.apply()
        user.delete()
