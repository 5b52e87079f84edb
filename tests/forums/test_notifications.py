"""Members hear what a forum publishes, as it happens: once per page and topic, only from the
forums and topics they chose, never again for a republish or a translation, each with their
own one-click unsubscribe link."""

from django.test import Client
from django.utils import timezone

import pytest

from forums.models import ForumNewsPage, ForumNotice, ForumSubscription, NoticeTopic
from forums.notifications.jobs import send_notice
from forums.notifications.links import read_unsubscribe_token, unsubscribe_token
from tests.factories import EventPageFactory
from tests.factories.accounts import VerifiedUserFactory
from tests.factories.translations import welsh_version
from tests.forums.feedback_helpers import _publish
from tests.forums.notification_helpers import draft_news, subscribe

pytestmark = pytest.mark.django_db

# What the notice task may take, whatever the number of readers, besides one query per email
# (see below).
MAX_QUERIES = 13


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish a page as an editor does, running what happens once the transaction
    commits (the task queue's immediate backend then sends the emails)."""

    def publish(page, **changes):
        with django_capture_on_commit_callbacks(execute=True):
            return _publish(page, **changes)

    return publish


def sent_to(mailoutbox):
    return sorted(address for message in mailoutbox for address in message.to)


def test_a_member_gets_one_email_per_news_item_and_none_from_other_forums_or_topics(
    forum, other_forum, person, publish, mailoutbox
):
    subscribe(person, forum, topics=["news"])
    elsewhere = subscribe(VerifiedUserFactory(), other_forum, topics=["news"]).user
    events_only = subscribe(VerifiedUserFactory(), forum, topics=["events"]).user
    publish(draft_news(forum, "A new chair for the forum"))
    assert sent_to(mailoutbox) == [person.email]
    assert "A new chair for the forum" in mailoutbox[0].subject
    publish(draft_news(forum, "Funding round opens"))
    assert sent_to(mailoutbox) == [person.email, person.email]
    assert elsewhere.email not in sent_to(mailoutbox)
    assert events_only.email not in sent_to(mailoutbox)


def test_republishing_or_publishing_again_after_unpublishing_sends_nothing(
    forum, person, publish, mailoutbox
):
    subscribe(person, forum, topics=["news"])
    news = publish(draft_news(forum))
    publish(news, summary="Corrected summary")
    news.unpublish()
    publish(news)
    assert len(mailoutbox) == 1
    assert ForumNotice.objects.filter(page=news).count() == 1


def test_a_welsh_version_publishing_announces_nothing(forum, person, publish, mailoutbox):
    subscribe(person, forum, topics=["news"])
    news = publish(draft_news(forum))
    with_welsh = welsh_version(news, title="Cadeirydd newydd")
    publish(with_welsh, summary="Newid")
    assert len(mailoutbox) == 1
    assert ForumNotice.objects.count() == 1


def test_a_page_translated_before_it_is_published_is_announced_once_by_its_english_version(
    forum, person, publish, mailoutbox
):
    subscribe(person, forum, topics=["news"])
    news = draft_news(forum)
    welsh_version(news, title="Cadeirydd newydd")
    assert mailoutbox == []
    publish(news)
    assert len(mailoutbox) == 1
    assert ForumNotice.objects.get().page_id == news.pk


def test_a_welsh_reader_is_linked_to_the_welsh_page(forum, publish, mailoutbox):
    reader = VerifiedUserFactory(preferred_language="cy")
    subscribe(reader, forum, topics=["news"])
    news = draft_news(forum)
    welsh = welsh_version(news, title="Cadeirydd newydd")
    publish(news)
    body = mailoutbox[0].body
    assert f"http://testserver{welsh.url}" in body and "/cy/" in welsh.url


def test_an_event_email_says_what_when_where_and_why_with_absolute_links(
    forum, person, publish, mailoutbox
):
    subscribe(person, forum, topics=["events"])
    event = EventPageFactory(parent=forum, title="Housing roundtable", live=False)
    publish(event)
    (message,) = mailoutbox
    assert message.subject == f"New event from {forum.title}: Housing roundtable"
    body = message.body
    local_start = timezone.localtime(event.start)
    assert local_start.strftime("%-d %B %Y, %H:%M") in body
    assert "Civic Centre" in body and event.summary in body
    assert f"http://testserver{event.url}" in body
    assert "because you chose to hear about this" in body
    assert f"http://testserver/forum-emails/{forum.pk}/" in body
    html = message.alternatives[0][0]
    assert f'href="http://testserver{event.url}"' in html


def test_each_email_carries_its_readers_own_one_click_unsubscribe_headers(
    forum, person, publish, mailoutbox
):
    other = VerifiedUserFactory()
    subscribe(person, forum, topics=["news"])
    subscribe(other, forum, topics=["news"])
    publish(draft_news(forum))
    assert len(mailoutbox) == 2
    links = set()
    for message in mailoutbox:
        (address,) = message.to
        user = person if address == person.email else other
        link = message.extra_headers["List-Unsubscribe"]
        prefix = "<http://testserver/forum-emails/stop/"
        assert link.startswith(prefix) and link.endswith("/>")
        # The token names this reader and this forum (it carries its own signing time).
        assert read_unsubscribe_token(link[len(prefix) : -2]) == (user.pk, forum.pk)
        assert link[1:-1] in message.body
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in message.message().as_string()
        links.add(link)
    assert len(links) == 2


def test_a_bare_post_to_the_unsubscribe_link_stops_the_emails_without_signing_in(
    forum, person, publish, mailoutbox
):
    subscribe(person, forum, topics=["news", "events"])
    publish(draft_news(forum))
    link = mailoutbox[0].extra_headers["List-Unsubscribe"][1:-1]
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(
        link, data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert "You will get no more emails from" in response.content.decode()
    assert ForumSubscription.objects.get(user=person).topics == []
    # Posting again (a mail program retrying) changes nothing and still says so.
    assert mail_program.post(link).status_code == 200
    publish(draft_news(forum, "Another item"))
    assert len(mailoutbox) == 1


def test_opening_the_unsubscribe_link_only_asks(client, forum, person):
    subscribe(person, forum, topics=["news"])
    response = client.get(f"/forum-emails/stop/{unsubscribe_token(person.pk, forum.pk)}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert f"Stop emails from {forum.title}" in content
    assert 'method="post"' in content
    assert ForumSubscription.objects.get(user=person).topics == ["news"]


@pytest.mark.parametrize("how", ["altered", "other salt", "garbage"])
def test_a_forged_or_altered_unsubscribe_link_is_refused_with_a_clear_page(
    client, forum, person, how
):
    from django.core import signing

    subscribe(person, forum, topics=["news"])
    token = unsubscribe_token(person.pk, forum.pk)
    someone_else = unsubscribe_token(person.pk + 1, forum.pk)
    forged = {
        # Another person's payload under this link's signature.
        "altered": someone_else.rsplit(":", 1)[0] + ":" + token.rsplit(":", 1)[1],
        "other salt": signing.dumps({"u": person.pk, "f": forum.pk}, salt="another-purpose"),
        "garbage": "not-a-token",
    }[how]
    for method in (client.get, client.post):
        response = method(f"/forum-emails/stop/{forged}/")
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    assert ForumSubscription.objects.get(user=person).topics == ["news"]


def test_weekly_subscribers_get_nothing_as_it_happens(forum, person, publish, mailoutbox):
    subscribe(person, forum, topics=["news"], frequency="weekly")
    publish(draft_news(forum))
    assert mailoutbox == []
    assert ForumNotice.objects.get().sent_at is not None


def test_the_send_task_makes_the_same_queries_for_two_or_ten_subscribers(
    forum, django_assert_max_num_queries, mailoutbox, django_capture_on_commit_callbacks
):
    news = draft_news(forum)
    ForumNewsPage.objects.filter(pk=news.pk).update(live=True)
    counts = []
    # The first run fills the caches every email shares (the site's root paths, locales).
    for size in (1, 2, 10):
        ForumSubscription.objects.all().delete()
        for _ in range(size):
            subscribe(VerifiedUserFactory(), forum, topics=["news"])
        notice = ForumNotice.objects.create(
            forum=forum, page=news, topic=NoticeTopic.NEWS, published_at=timezone.now()
        )
        # The emails are delivered from the outbox once the task's transaction commits.
        with (
            django_assert_max_num_queries(MAX_QUERIES + size) as captured,
            django_capture_on_commit_callbacks(execute=True),
        ):
            assert send_notice.call(notice.pk) == size
        counts.append(len(captured.captured_queries))
        notice.delete()
    # Building and queuing the emails takes the same queries for two or ten readers; the
    # outbox then records each email as sent the moment the mail server has it: one query
    # per email, the price of never sending one twice.
    assert counts[2] - counts[1] == 10 - 2
    assert len(mailoutbox) == 13
    # A notice already sent is not sent again.
    assert (
        send_notice.call(
            ForumNotice.objects.create(
                forum=forum, page=news, topic=NoticeTopic.NEWS, sent_at=timezone.now()
            ).pk
        )
        == 0
    )


def test_a_page_copied_as_a_draft_is_announced_when_it_is_first_published(
    forum, person, publish, mailoutbox, django_capture_on_commit_callbacks
):
    subscribe(person, forum, topics=["news"])
    news = publish(draft_news(forum, "A new chair"))
    original = ForumNewsPage.objects.get(pk=news.pk)
    with django_capture_on_commit_callbacks(execute=True):
        draft = original.copy(
            to=forum, update_attrs={"slug": "next-chair", "title": "Next chair"}, keep_live=False
        )
    assert len(mailoutbox) == 1
    publish(ForumNewsPage.objects.get(pk=draft.pk), summary="Meet the next chair.")
    assert [message.subject for message in mailoutbox][1:] == [
        f"News from {forum.title}: Next chair"
    ]
