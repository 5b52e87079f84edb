"""Sending what forums announce: each notice to the "as it happens" subscribers (a task,
enqueued when the notice is recorded), and the weekly digests (a scheduled command).

Each is idempotent: a notice is claimed (its `sent_at` stamped) in the transaction that
queues its emails, and a digest is claimed (`digest_sent_up_to` moved on) in the one that
queues it, so running either twice sends nothing twice; each email is queued in the outbox
under a natural key (the notice and its reader, the subscription and the digest's period)
and delivered once (core/outbox.py)."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from wagtail.models import Page

from django_tasks import task

from core.emails import personal_emails, send_now, send_templated_email
from core.page_urls import localized_page_absolute_url
from core.progress import Progress
from forums.models import (
    ConsultationPage,
    EventPage,
    ForumNewsPage,
    ForumNotice,
    ForumSubscription,
    NoticeFrequency,
    NoticeTopic,
)
from forums.notifications.links import (
    personal_links,
    preferences_url,
    unsubscribe_headers,
    unsubscribe_url,
)

# A weekly digest goes at most this often to one person for one forum, however often the
# command runs.
DIGEST_AT_MOST_EVERY = datetime.timedelta(days=6)


def wants(subscription, topic):
    return topic in (subscription.topics or [])


def subscribers(forum, topic, frequency):
    """The active subscriptions of `forum` that hear about `topic` at `frequency`, with their
    users, in one query (the topics are filtered here: SQLite cannot search JSON lists)."""
    subscriptions = (
        ForumSubscription.objects.filter(forum=forum, frequency=frequency, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("pk")
    )
    return [subscription for subscription in subscriptions if wants(subscription, topic)]


@task()
def send_notice(notice_id):
    """Email a forum's notice to its "as it happens" subscribers who chose its topic, each
    their own message with their own unsubscribe link. Returns the number queued.

    The claim and the messages are one transaction: each message is stored in the outbox
    under the notice and its reader, and delivered once it commits (core/outbox.py), so a
    task that dies here leaves the notice unclaimed and nothing sent, and one that dies
    later leaves messages the outbox still delivers, once each."""
    with transaction.atomic():
        claimed = ForumNotice.objects.filter(pk=notice_id, sent_at__isnull=True).update(
            sent_at=timezone.now()
        )
        if not claimed:
            return 0
        return _queue_notice(notice_id)


def _queue_notice(notice_id):
    notice = ForumNotice.objects.select_related("forum", "page").get(pk=notice_id)
    page = notice.page.specific
    if not page.live:
        return 0
    forum = notice.forum
    users = [
        subscription.user
        for subscription in subscribers(forum, notice.topic, NoticeFrequency.AS_IT_HAPPENS)
    ]
    if not users:
        return 0

    def context_for(_language):
        return {
            "page_url": localized_page_absolute_url(page),
            "forum_title": forum.localized.title,
            "preferences_url": preferences_url(forum.pk),
        }

    messages = personal_emails(
        users,
        "forums/emails/notice",
        {"notice": notice, "page": page, **kind_of(page, notice.topic)},
        key=lambda user: f"forum-notice:{notice.pk}:user:{user.pk}",
        context_for=context_for,
        personal=personal_links(forum.pk),
    )
    return send_now(messages)


def kind_of(page, topic):
    """Flags for the templates, which never compare page types or topics as strings."""
    return {
        "is_event": isinstance(page, EventPage),
        "is_consultation": isinstance(page, ConsultationPage),
        "is_news": isinstance(page, ForumNewsPage),
        "is_outcome": topic == NoticeTopic.OUTCOMES,
    }


# Weekly digests


def _since(subscription):
    return subscription.digest_sent_up_to or subscription.created_at


def _due_subscriptions(now):
    """Weekly subscriptions with topics whose last digest was long enough ago."""
    subscriptions = (
        ForumSubscription.objects.filter(frequency=NoticeFrequency.WEEKLY, user__is_active=True)
        .filter(
            Q(digest_sent_up_to__isnull=True) | Q(digest_sent_up_to__lte=now - DIGEST_AT_MOST_EVERY)
        )
        .exclude(user__email="")
        .select_related("user", "forum")
        .order_by("user_id", "forum_id")
    )
    return [subscription for subscription in subscriptions if subscription.topics]


def _notices_by_forum(subscriptions, now):
    """{forum id: [notice]} published since the earliest of these subscriptions' last
    digests, in one query (the pages' specific fields in one more per page type)."""
    if not subscriptions:
        return {}
    earliest = min(_since(subscription) for subscription in subscriptions)
    notices = list(
        ForumNotice.objects.filter(
            forum__in={subscription.forum_id for subscription in subscriptions},
            published_at__gt=earliest,
            published_at__lte=now,
            page__live=True,
        )
        .select_related("page")
        .order_by("published_at", "pk")
    )
    pages = Page.objects.filter(pk__in={notice.page_id for notice in notices}).specific()
    specific = {page.pk: page for page in pages}
    by_forum = {}
    for notice in notices:
        notice.page = specific.get(notice.page_id, notice.page)
        by_forum.setdefault(notice.forum_id, []).append(notice)
    return by_forum


def digest_sections(notices, links):
    """The digest's items grouped by topic, in the order of `NoticeTopic`, each with its
    page's address from `links` ({page id: address})."""
    sections = []
    for topic in NoticeTopic:
        items = [
            {
                "notice": notice,
                "page": notice.page,
                "url": links[notice.page_id],
                **kind_of(notice.page, notice.topic),
            }
            for notice in notices
            if notice.topic == topic.value
        ]
        if items:
            sections.append({"title": topic.label, "items": items})
    return sections


def send_notification_digests(now, progress=None):
    """Email each weekly subscriber, one email per forum, what the forum announced (in the
    topics they chose) since their last digest, or since they subscribed. Nothing is sent to
    anyone with nothing new. `progress` (a core.progress.Progress, optional) is told the
    number of subscriptions due and each one looked at. Returns the number of digests sent."""
    subscriptions = _due_subscriptions(now)
    progress = progress or Progress.silent()
    progress.total = len(subscriptions)
    by_forum = _notices_by_forum(subscriptions, now)
    sent = 0
    for subscription in subscriptions:
        progress.advance()
        since = _since(subscription)
        notices = [
            notice
            for notice in by_forum.get(subscription.forum_id, [])
            if notice.published_at > since and wants(subscription, notice.topic)
        ]
        if not notices:
            continue
        with transaction.atomic():
            claimed = ForumSubscription.objects.filter(
                pk=subscription.pk, digest_sent_up_to=subscription.digest_sent_up_to
            ).update(digest_sent_up_to=now)
            if not claimed:
                continue
            _send_digest(subscription, notices, since, now)
            sent += 1
    return sent


def _send_digest(subscription, notices, since, now):
    forum = subscription.forum
    user = subscription.user

    def context_for(_language):
        links = {notice.page_id: localized_page_absolute_url(notice.page) for notice in notices}
        return {
            "sections": digest_sections(notices, links),
            "forum_title": forum.localized.title,
            "preferences_url": preferences_url(forum.pk),
            "unsubscribe_url": unsubscribe_url(user.pk, forum.pk),
        }

    # The header's link is in the reader's language too: it is the same page either way.
    # One digest per subscription and period: the key names both.
    send_templated_email(
        [user],
        "forums/emails/digest",
        {"since": since, "until": now, "count": len(notices)},
        context_for=context_for,
        headers=unsubscribe_headers(unsubscribe_url(user.pk, forum.pk)),
        key=f"forum-digest:{subscription.pk}:since:{since.isoformat()}",
    )
