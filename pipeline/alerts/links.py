"""The links in pipeline alert emails. Each digest's unsubscribe link is signed (its own salt)
and names one subscription, so it works without signing in, stops only that alert, and
cannot be altered to stop someone else's."""

from django.urls import reverse

from core.page_urls import absolute_url
from core.signed_ids import read_ids, sign_ids
from forums.notifications.links import unsubscribe_headers

__all__ = ["read_unsubscribe_token", "unsubscribe_headers", "unsubscribe_token", "unsubscribe_url"]

_UNSUBSCRIBE_SALT = "pipeline.alerts.unsubscribe"


def unsubscribe_token(subscription):
    return sign_ids(_UNSUBSCRIBE_SALT, u=subscription.user_id, a=subscription.pk)


def read_unsubscribe_token(token):
    """(user id, subscription id) from an unsubscribe link, or None when forged or altered."""
    return read_ids(token, _UNSUBSCRIBE_SALT, "u", "a")


def unsubscribe_path(subscription):
    return reverse("pipeline_alerts_unsubscribe", args=[unsubscribe_token(subscription)])


def unsubscribe_url(subscription):
    """In the active language, on the site's configured root URL."""
    return absolute_url(unsubscribe_path(subscription))


def alerts_url():
    return absolute_url(reverse("pipeline_alerts"))
