"""A person's forum emails on their account page, and in their personal-data download."""

from django.urls import reverse

from wagtail.models import Locale

from core.personal_data import isoformat
from forums.models import ForumSubscription, NoticeTopic, RegionalForumPage
from forums.notifications.links import unsubscribe_token


def _topic_labels(subscription):
    chosen = set(subscription.topics or [])
    return [topic.label for topic in NoticeTopic if topic.value in chosen]


def _forums_in_active_language(forums):
    """{forum id: its version in the active language} (itself when it has none): no query
    for someone with no subscriptions, at most two (the locale, the translations)."""
    shown = {forum.pk: forum for forum in forums}
    if not forums:
        return shown
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return shown
    if all(forum.locale_id == locale.pk for forum in forums):
        return shown
    by_key = {forum.translation_key: forum.pk for forum in forums}
    for translated in RegionalForumPage.objects.live().filter(
        translation_key__in=by_key, locale=locale
    ):
        shown[by_key[translated.translation_key]] = translated
    return shown


def subscriptions_for_account(user):
    """The forums this person chose emails from, with links to change or stop them, in a
    fixed number of queries."""
    subscriptions = list(
        ForumSubscription.objects.filter(user=user)
        .select_related("forum")
        .order_by("forum__title", "pk")
    )
    shown = _forums_in_active_language([subscription.forum for subscription in subscriptions])
    for subscription in subscriptions:
        subscription.shown_forum = shown[subscription.forum_id]
        subscription.topic_labels = _topic_labels(subscription)
        subscription.preferences_path = reverse(
            "forums_notification_preferences", args=[subscription.forum_id]
        )
        subscription.unsubscribe_path = reverse(
            "forums_notifications_unsubscribe",
            args=[unsubscribe_token(user.pk, subscription.forum_id)],
        )
    return {"forum_subscriptions": subscriptions}


def personal_data(user):
    subscriptions = (
        ForumSubscription.objects.filter(user=user).select_related("forum").order_by("pk")
    )
    return {
        "forum_email_choices": [
            {
                "forum": subscription.forum.title,
                "topics": list(subscription.topics or []),
                "how_often": subscription.frequency,
                "chosen_at": isoformat(subscription.created_at),
                "changed_at": isoformat(subscription.updated_at),
                "last_weekly_digest_covered_up_to": isoformat(subscription.digest_sent_up_to),
            }
            for subscription in subscriptions
        ]
    }
