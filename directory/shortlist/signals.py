"""Signing in joins the shortlist kept in the browser to the account's.

Connected by importing this module from `DirectoryConfig.ready()`. Until then, and for any
sign-in that does not send allauth's signal, `rules.shortlist_for` joins a list left in the
session the first time the shortlist is used after signing in.
"""

from django.dispatch import receiver

from allauth.account.signals import user_logged_in

from directory.shortlist.rules import join_browser_list_to_account


@receiver(user_logged_in, dispatch_uid="directory_shortlist_join_on_sign_in")
def join_shortlist_on_sign_in(sender, request, user, **kwargs):
    if getattr(request, "session", None) is not None:
        join_browser_list_to_account(request, user)
