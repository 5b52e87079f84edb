"""How people choose what a forum emails them: the forum page's link, the preferences page
(signed in), joining a forum, registering for an event, and the account page."""

import json

from django.urls import reverse

import pytest

from forums.models import ForumSubscription
from forums.notifications.links import unsubscribe_token
from tests.factories import EventPageFactory, EventRegistrationFactory
from tests.factories.translations import welsh_version
from tests.forums.notification_helpers import subscribe

pytestmark = pytest.mark.django_db


def preferences_path(forum):
    return f"/forum-emails/{forum.pk}/"


def test_the_forum_page_links_to_its_emails_and_signing_in_leads_back(client, forum):
    page = client.get(forum.url).content.decode()
    assert "Get emails from this forum" in page
    assert f'href="{preferences_path(forum)}"' in page
    response = client.get(preferences_path(forum))
    assert response.status_code == 302
    assert response.url == f"/account/login/?next={preferences_path(forum)}"


def test_the_preferences_page_asks_what_and_how_often(client, forum, person):
    client.force_login(person)
    content = client.get(preferences_path(forum)).content.decode()
    assert "What do you want to hear about?" in content
    assert content.count('type="checkbox"') == 4 and content.count('type="radio"') == 2
    assert "<legend" in content and "You do not get emails from this forum." in content
    assert "Stop all emails from this forum" not in content


def test_choosing_topics_and_frequency_saves_them(client, forum, person):
    client.force_login(person)
    response = client.post(
        preferences_path(forum), {"topics": ["news", "events"], "frequency": "weekly"}
    )
    assert response.status_code == 302
    subscription = ForumSubscription.objects.get(user=person, forum=forum)
    assert subscription.topics == ["events", "news"] and subscription.frequency == "weekly"
    content = client.get(response.url).content.decode()
    assert "Your choices are saved" in content
    assert "Stop all emails from this forum" in content
    assert 'value="news" checked' in content.replace('"  checked', '" checked')


def test_a_missing_frequency_is_explained(client, forum, person):
    client.force_login(person)
    response = client.post(preferences_path(forum), {"topics": ["news"]})
    assert response.status_code == 400
    content = response.content.decode()
    assert "There is a problem" in content and "Select how often you want emails" in content
    assert not ForumSubscription.objects.exists()


def test_stop_all_emails_keeps_the_choice_to_hear_nothing(client, forum, person):
    subscribe(person, forum, topics=["news", "events"])
    client.force_login(person)
    client.post(preferences_path(forum), {"stop": "1"})
    assert ForumSubscription.objects.get(user=person).topics == []


def test_choosing_on_the_welsh_forum_page_subscribes_to_the_one_forum(client, forum, person):
    welsh = welsh_version(forum, title="Fforwm y Gogledd Ddwyrain")
    client.force_login(person)
    client.post(preferences_path(welsh), {"topics": ["news"], "frequency": "as_it_happens"})
    assert ForumSubscription.objects.get(user=person).forum_id == forum.pk


def test_joining_a_forum_subscribes_the_person_to_everything_and_says_how_to_change(
    client, forum, charity, charity_worker
):
    client.force_login(charity_worker)
    response = client.post(
        f"/forum-membership/{forum.pk}/join/", {"organisation": charity.pk}, follow=True
    )
    subscription = ForumSubscription.objects.get(user=charity_worker, forum=forum)
    assert sorted(subscription.topics) == ["consultations", "events", "news", "outcomes"]
    assert subscription.frequency == "as_it_happens"
    content = response.content.decode()
    assert "We will email you when this forum publishes something new." in content
    assert f'href="{preferences_path(forum)}">Change what you get</a>' in content


def test_joining_again_keeps_a_choice_to_hear_nothing(client, forum, charity, charity_worker):
    subscribe(charity_worker, forum, topics=[])
    client.force_login(charity_worker)
    client.post(f"/forum-membership/{forum.pk}/join/", {"organisation": charity.pk})
    assert ForumSubscription.objects.get(user=charity_worker).topics == []


def test_a_registrant_is_offered_the_forums_emails_not_subscribed(client, forum, person):
    event = EventPageFactory(parent=forum)
    EventRegistrationFactory(event=event, user=person)
    client.force_login(person)
    content = client.get(event.url).content.decode()
    assert f'href="{preferences_path(forum)}"' in content
    assert not ForumSubscription.objects.exists()


def test_the_account_page_lists_subscriptions_with_change_and_stop_links(
    client, forum, other_forum, person
):
    subscribe(person, forum, topics=["news", "events"], frequency="weekly")
    subscribe(person, other_forum, topics=[])
    client.force_login(person)
    content = client.get(reverse("account")).content.decode()
    assert "Emails from forums" in content
    assert forum.title in content and other_forum.title in content
    assert "New events" in content and "A weekly digest" in content and "No emails" in content
    assert f'href="{preferences_path(forum)}"' in content
    stop = f"/forum-emails/stop/{unsubscribe_token(person.pk, forum.pk)}/"
    assert f'href="{stop}"' in content
    assert f"/forum-emails/stop/{unsubscribe_token(person.pk, other_forum.pk)}/" not in content


def test_the_data_download_holds_the_persons_email_choices(client, forum, person):
    subscribe(person, forum, topics=["news"], frequency="weekly")
    client.force_login(person)
    data = json.loads(client.get(reverse("account_download_data")).content)
    (choice,) = data["forum_email_choices"]
    assert choice["forum"] == forum.title
    assert choice["topics"] == ["news"] and choice["how_often"] == "weekly"


def test_subscriptions_go_with_the_person(forum, person):
    subscribe(person, forum)
    person.delete()
    assert not ForumSubscription.objects.exists()
