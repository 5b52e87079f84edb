"""The links in pipeline alert emails. Each digest's unsubscribe link is signed (its own salt)
and names one subscription, so it works without signing in, stops only that alert, and
cannot be altered to stop someone else's."""

from django.core import signing
from django.urls import reverse

from core.page_urls import absolute_url
from forums.notifications.links import unsubscribe_headers

__all__ = ["read_unsubscribe_token", "unsubscribe_headers", "unsubscribe_token", "unsubscribe_url"]

_UNSUBSCRIBE_SALT = "pipeline.alerts.unsubscribe"


def unsubscribe_token(subscription):
    return signing.dumps({"u": subscription.user_id, "a": subscription.pk}, salt=_UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """(user id, subscription id) from an unsubscribe link, or None when forged or altered."""
    try:
        data = signing.loads(token, salt=_UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    user_id, subscription_id = data.get("u"), data.get("a")
    if not isinstance(user_id, int) or not isinstance(subscription_id, int):
        return None
    return user_id, subscription_id


def unsubscribe_path(subscription):
    return reverse("pipeline_alerts_unsubscribe", args=[unsubscribe_token(subscription)])


def unsubscribe_url(subscription):
    """In the active language, on the site's configured root URL."""
    return absolute_url(unsubscribe_path(subscription))


def alerts_url():
    return absolute_url(reverse("pipeline_alerts"))
