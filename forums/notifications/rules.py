"""What members hear about from a forum, and when.

A person chooses, per forum, the topics they hear about (`NoticeTopic`) and how often
(`NoticeFrequency`), in a `ForumSubscription`. A forum announces a page once per topic: the
first time an event, consultation or news item is published, and the first time its outcomes
are. The `ForumNotice` is recorded before anything is sent (one per page and topic, and one
per translation key: a Welsh version publishing announces nothing), and only a new notice
enqueues the "as it happens" emails (forums/notifications/jobs.py); weekly subscribers get it
in their digest.

Subscriptions and notices belong to the forum's version in the site's default language, so a
forum's Welsh page and its English one are one forum to subscribe to.
"""

from functools import partial

from django.db import transaction
from django.utils import timezone

from forums.models import (
    ConsultationOutcomeNotice,
    ConsultationPage,
    ConsultationState,
    EventCalendarState,
    EventPage,
    EventStatus,
    ForumNewsPage,
    ForumNotice,
    ForumSubscription,
    NoticeFrequency,
    NoticeTopic,
    RegionalForumPage,
)
from forums.models.engagement import every_topic
from forums.notifications.jobs import send_notice
from forums.roles import default_language_version

# Subscribing


def the_forum(forum):
    """The version of `forum` subscriptions and notices belong to."""
    return default_language_version(forum)


def subscription_of(user, forum):
    """`user`'s subscription to `forum` (any language version), or None."""
    if not user.is_authenticated:
        return None
    return ForumSubscription.objects.filter(user=user, forum=the_forum(forum)).first()


def subscribe_on_joining(forum, user):
    """Someone who joins a forum for their organisation hears about everything in it, as it
    happens, unless they already chose what they hear (even nothing): their choice stands.
    Returns (subscription, created)."""
    subscription, created = ForumSubscription.objects.get_or_create(
        user=user,
        forum=the_forum(forum),
        defaults={"topics": every_topic(), "frequency": NoticeFrequency.AS_IT_HAPPENS},
    )
    return subscription, created


def save_preferences(user, forum, topics, frequency, now=None):
    """Record what `user` hears about from `forum` and how often. No topics: nothing is sent.
    A first weekly digest covers what is published from now on."""
    now = now or timezone.now()
    topics = [topic.value for topic in NoticeTopic if topic.value in set(topics)]
    subscription, created = ForumSubscription.objects.get_or_create(
        user=user,
        forum=the_forum(forum),
        defaults={"topics": topics, "frequency": frequency, "created_at": now, "updated_at": now},
    )
    if not created:
        if frequency != subscription.frequency and frequency == NoticeFrequency.WEEKLY:
            # Items already sent as they happened are not sent again in the first digest.
            subscription.digest_sent_up_to = now
        subscription.topics = topics
        subscription.frequency = frequency
        subscription.updated_at = now
        subscription.save(update_fields=["topics", "frequency", "updated_at", "digest_sent_up_to"])
    return subscription


def stop_emails(user_id, forum_id, now=None):
    """Send `user` nothing more from the forum. The subscription is kept with no topics, so
    joining the forum again later does not subscribe them again. Idempotent."""
    return ForumSubscription.objects.filter(user_id=user_id, forum_id=forum_id).update(
        topics=[], updated_at=now or timezone.now()
    )


# Announcing


def announce(page, forum, topic, now=None):
    """Record that `forum` announces `page` under `topic`, once (once for all the page's
    language versions), and send the "as it happens" emails after the transaction commits.
    Returns the new notice, or None when it was announced before."""
    with transaction.atomic():
        if ForumNotice.objects.filter(
            page__translation_key=page.translation_key, topic=topic
        ).exists():
            return None
        notice, created = ForumNotice.objects.get_or_create(
            page=page,
            topic=topic,
            defaults={"forum": forum, "published_at": now or timezone.now()},
        )
    if not created:
        return None
    transaction.on_commit(partial(send_notice.enqueue, notice.pk))
    return notice


def forum_of(page):
    """The regional forum `page` belongs to (its default-language version), or None for a
    page outside one (a national consultation, directly under the forum index)."""
    parent = page.get_parent()
    parent = parent.specific if parent is not None else None
    if not isinstance(parent, RegionalForumPage):
        return None
    return the_forum(parent)


def _first_publish(page):
    """Whether this publish made the page live for the first time (Wagtail stamps both
    moments at once then; scheduled publishing stamps them when the page goes live)."""
    return (
        page.live
        and page.first_published_at is not None
        and page.first_published_at == page.last_published_at
    )


def _published_by_this_publish(moment, page):
    """Whether `moment` (an outcome's first publication) came from this publish."""
    return (
        moment is not None
        and page.last_published_at is not None
        and (moment >= page.last_published_at)
    )


def _event_topics(event, first, now):
    topics = []
    if first and event.status == EventStatus.SCHEDULED and not event.is_past(now):
        topics.append(NoticeTopic.EVENTS)
    state = EventCalendarState.objects.filter(event_id=event.pk).first()
    if state is not None and _published_by_this_publish(state.outcomes_emailed_at, event):
        topics.append(NoticeTopic.OUTCOMES)
    return topics


def _consultation_topics(consultation, first, now):
    if consultation.feedback_for_event_id:
        # An event's feedback survey is for the people who came: they are invited to it.
        return []
    topics = []
    if first and consultation.state(now) != ConsultationState.CLOSED:
        topics.append(NoticeTopic.CONSULTATIONS)
    outcome = ConsultationOutcomeNotice.objects.filter(consultation_id=consultation.pk).first()
    if outcome is not None and _published_by_this_publish(outcome.published_at, consultation):
        topics.append(NoticeTopic.OUTCOMES)
    return topics


def topics_to_announce(page, now=None):
    """What publishing `page` now announces: a new event (upcoming and scheduled), a new
    consultation (not yet closed), a news item, or the outcomes of an event or consultation
    published by this very publish."""
    now = now or timezone.now()
    first = _first_publish(page)
    if isinstance(page, EventPage):
        return _event_topics(page, first, now)
    if isinstance(page, ConsultationPage):
        return _consultation_topics(page, first, now)
    if isinstance(page, ForumNewsPage) and first:
        return [NoticeTopic.NEWS]
    return []


def page_published(page, now=None):
    """Called each time an event, consultation or news item is published (after the
    features' own handlers: the outcomes are recorded by then). A translation announces
    nothing: the page in the default language does. Returns the new notices."""
    if not page.live or default_language_version(page).pk != page.pk:
        return []
    topics = topics_to_announce(page, now)
    forum = forum_of(page) if topics else None
    if forum is None:
        return []
    notices = (announce(page, forum, topic, now) for topic in topics)
    return [notice for notice in notices if notice is not None]
