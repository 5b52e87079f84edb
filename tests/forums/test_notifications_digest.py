"""Weekly subscribers get one email per forum with what it published in their topics since
their last digest: nothing when there is nothing new, nothing twice."""

import datetime

from django.core.management import call_command

import pytest
import time_machine

from forums.models import ForumSubscription
from forums.notifications.rules import save_preferences
from tests.factories import ConsultationPageFactory, EventPageFactory
from tests.forums.feedback_helpers import _publish
from tests.forums.notification_helpers import draft_news

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
MONDAY = datetime.datetime(2026, 6, 1, 7, 0, tzinfo=UTC)


def day(days, hours=0):
    return MONDAY + datetime.timedelta(days=days, hours=hours)


@pytest.fixture
def at(django_capture_on_commit_callbacks):
    """Do something at a moment, running what happens on commit."""

    def at(moment, action, *args, **kwargs):
        with (
            time_machine.travel(moment, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            return action(*args, **kwargs)

    return at


def publish(page, **changes):
    return _publish(page, **changes)


def digests(at, moment):
    at(moment, call_command, "send_notification_digests", now=moment.isoformat())


@pytest.fixture
def weekly(at, forum, person):
    return at(
        MONDAY,
        ForumSubscription.objects.create,
        user=person,
        forum=forum,
        topics=["news", "events"],
        frequency="weekly",
    )


def test_a_weeks_items_come_in_one_digest_grouped_by_topic(
    at, forum, other_forum, person, weekly, mailoutbox
):
    at(day(1), publish, draft_news(forum, "Funding round opens"))
    at(day(2), publish, EventPageFactory(parent=forum, title="Summer meeting", live=False))
    at(day(3), publish, ConsultationPageFactory(parent=forum, title="Not chosen", live=False))
    at(day(3), publish, draft_news(other_forum, "Another forum's news"))
    assert mailoutbox == []
    digests(at, day(7))
    (message,) = mailoutbox
    assert message.to == [person.email]
    assert message.subject == f"This week from {forum.title}: 2 new items"
    body = message.body
    assert "NEW EVENTS" in body and "NEWS" in body
    assert body.index("Summer meeting") < body.index("Funding round opens")
    assert "Not chosen" not in body and "Another forum" not in body
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<http://testserver/forum-emails/stop/"
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    digests(at, day(7))
    digests(at, day(14))
    assert len(mailoutbox) == 1


def test_the_next_digest_has_only_what_is_new(at, forum, weekly, mailoutbox):
    at(day(1), publish, draft_news(forum, "First item"))
    digests(at, day(7))
    at(day(8), publish, draft_news(forum, "Second item"))
    digests(at, day(14))
    assert len(mailoutbox) == 2
    assert "Second item" in mailoutbox[1].body and "First item" not in mailoutbox[1].body
    assert "1 new item" in mailoutbox[1].subject


def test_nothing_new_or_no_topics_sends_nothing(at, forum, weekly, mailoutbox):
    digests(at, day(7))
    assert mailoutbox == []
    ForumSubscription.objects.filter(pk=weekly.pk).update(topics=[])
    at(day(8), publish, draft_news(forum))
    digests(at, day(14))
    assert mailoutbox == []


def test_a_person_gets_at_most_one_digest_per_forum_in_six_days(at, forum, weekly, mailoutbox):
    at(day(1), publish, draft_news(forum, "First item"))
    digests(at, day(7))
    at(day(8), publish, draft_news(forum, "Second item"))
    digests(at, day(9))
    assert len(mailoutbox) == 1
    digests(at, day(14))
    assert len(mailoutbox) == 2 and "Second item" in mailoutbox[1].body


def test_switching_to_weekly_does_not_send_again_what_came_as_it_happened(
    at, forum, person, mailoutbox
):
    at(MONDAY, save_preferences, person, forum, ["news"], "as_it_happens")
    at(day(1), publish, draft_news(forum, "Sent at once"))
    assert len(mailoutbox) == 1
    at(day(2), save_preferences, person, forum, ["news"], "weekly")
    at(day(3), publish, draft_news(forum, "In the digest"))
    digests(at, day(9))
    assert len(mailoutbox) == 2
    assert "In the digest" in mailoutbox[1].body and "Sent at once" not in mailoutbox[1].body
