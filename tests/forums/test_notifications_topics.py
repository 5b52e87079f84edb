"""What publishing announces, by topic: a new event (upcoming), a new regional consultation
(not an event's feedback survey, not a national consultation), and the outcomes of an event
or consultation, each once."""

import datetime

from django.utils import timezone

import pytest

from forums.models import ForumNotice, ForumSubscription, NoticeTopic
from tests.factories import ConsultationPageFactory, EventPageFactory
from tests.forums.feedback_helpers import _publish, _publish_outcomes, _survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    def publish(page, **changes):
        with django_capture_on_commit_callbacks(execute=True):
            return _publish(page, **changes)

    return publish


@pytest.fixture
def everything(forum, person):
    """`person` hears about every topic from `forum`, as it happens."""
    return ForumSubscription.objects.create(user=person, forum=forum)


def notices():
    return sorted((notice.page.title, notice.topic) for notice in ForumNotice.objects.all())


def test_a_new_event_is_announced_and_its_outcomes_later_once(
    forum, everything, publish, mailoutbox, django_capture_on_commit_callbacks
):
    event = publish(EventPageFactory(parent=forum, title="Spring meeting", live=False))
    assert [m.subject for m in mailoutbox] == [f"New event from {forum.title}: Spring meeting"]
    start = timezone.now() - datetime.timedelta(days=2)
    publish(event, start=start, end=start + datetime.timedelta(hours=2))
    with django_capture_on_commit_callbacks(execute=True):
        event = _publish_outcomes(event)
    with django_capture_on_commit_callbacks(execute=True):
        _publish(event, minutes="<p>Corrected minutes.</p>")
    assert [m.subject for m in mailoutbox][1:] == ["Outcomes published: Spring meeting"]
    assert "minutes and outcomes of this event are published" in mailoutbox[1].body
    assert notices() == [("Spring meeting", "events"), ("Spring meeting", "outcomes")]


def test_an_event_first_published_after_it_happened_or_cancelled_is_not_announced(
    forum, everything, publish, mailoutbox
):
    start = timezone.now() - datetime.timedelta(days=3)
    publish(EventPageFactory(parent=forum, start=start, live=False))
    publish(
        EventPageFactory(parent=forum, status="cancelled", status_reason="Venue closed", live=False)
    )
    assert mailoutbox == [] and notices() == []


def test_a_regional_consultation_is_announced_with_its_dates(
    forum, everything, publish, mailoutbox
):
    consultation = publish(
        ConsultationPageFactory(parent=forum, title="Housing on release", live=False)
    )
    (message,) = mailoutbox
    assert message.subject == f"New consultation from {forum.title}: Housing on release"
    closes = timezone.localtime(consultation.closes_at).strftime("%-d %B %Y, %H:%M")
    assert f"until {closes}" in message.body
    assert consultation.summary in message.body


def test_feedback_surveys_and_national_consultations_are_not_announced(
    tree, forum, everything, past_event, publish, mailoutbox
):
    survey = _survey(past_event)
    survey.live = False
    survey.save()
    publish(survey)
    publish(ConsultationPageFactory(parent=tree.forums, title="National", live=False))
    assert mailoutbox == [] and notices() == []


def test_a_consultations_outcome_is_announced_once_when_first_published(
    forum, everything, publish, mailoutbox
):
    opened = timezone.now() - datetime.timedelta(days=40)
    consultation = ConsultationPageFactory(
        parent=forum,
        title="Employment support",
        opens_at=opened,
        closes_at=opened + datetime.timedelta(days=28),
    )
    publish(consultation, outcome_did="<p>We funded two new employment advisers.</p>")
    publish(consultation, outcome_did="<p>We funded three new employment advisers.</p>")
    assert [m.subject for m in mailoutbox] == ["Outcomes published: Employment support"]
    assert "We asked, you said, we did" in mailoutbox[0].body
    assert notices() == [("Employment support", NoticeTopic.OUTCOMES)]


def test_pages_already_published_before_notifications_existed_announce_nothing(
    forum, everything, mailoutbox, django_capture_on_commit_callbacks
):
    """A page first published long ago (before this feature) and published again now is not
    new: nothing is announced."""
    event = EventPageFactory(parent=forum)
    long_ago = timezone.now() - datetime.timedelta(days=30)
    type(event).objects.filter(pk=event.pk).update(first_published_at=long_ago)
    with django_capture_on_commit_callbacks(execute=True):
        _publish(event, summary="New summary")
    assert mailoutbox == [] and notices() == []
