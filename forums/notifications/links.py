"""The links in forum emails: absolute, on the site's configured root URL, in the active
language. The unsubscribe link is signed (its own salt), so it works without signing in and
cannot be altered to stop someone else's emails."""

from django.urls import reverse

from core.page_urls import absolute_url
from core.signed_ids import read_ids, sign_ids

_UNSUBSCRIBE_SALT = "forums.notifications.unsubscribe"


def unsubscribe_token(user_id, forum_id):
    return sign_ids(_UNSUBSCRIBE_SALT, u=user_id, f=forum_id)


def read_unsubscribe_token(token):
    """(user id, forum id) from an unsubscribe link, or None when it is forged or altered."""
    return read_ids(token, _UNSUBSCRIBE_SALT, "u", "f")


def unsubscribe_url(user_id, forum_id):
    """In the active language."""
    return absolute_url(
        reverse("forums_notifications_unsubscribe", args=[unsubscribe_token(user_id, forum_id)])
    )


def preferences_url(forum_id):
    return absolute_url(reverse("forums_notification_preferences", args=[forum_id]))


def unsubscribe_headers(url):
    """RFC 2369 and RFC 8058: mail programs offer "Unsubscribe", and unsubscribe with a bare
    POST to `url`."""
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def personal_links(forum_id):
    """`personal` for core.emails.personal_emails: each reader's own unsubscribe link."""

    def links(user):
        url = unsubscribe_url(user.pk, forum_id)
        return {"unsubscribe_url": url}, unsubscribe_headers(url)

    return links
