"""Organisations join and leave forums; the forum page shows the count."""

import pytest

from forums.models import ForumMembership
from tests.factories import ForumMembershipFactory, OrganisationPageFactory

pytestmark = pytest.mark.django_db


def test_an_editor_joins_and_leaves_a_forum_for_their_organisation(
    client, forum, charity, charity_worker
):
    client.force_login(charity_worker)
    page = client.get(forum.url).content.decode()
    assert "Join this forum for Second Chances North East" in page

    client.post(f"/forum-membership/{forum.pk}/join/", {"organisation": charity.pk})
    client.post(f"/forum-membership/{forum.pk}/join/", {"organisation": charity.pk})
    assert ForumMembership.objects.filter(forum=forum, organisation=charity).count() == 1
    page = client.get(forum.url).content.decode()
    assert "1 organisation is a member of this forum." in page
    assert "Leave this forum for Second Chances North East" in page

    client.post(f"/forum-membership/{forum.pk}/leave/", {"organisation": charity.pk})
    assert not ForumMembership.objects.exists()


def test_an_organisation_may_join_several_forums(
    client, forum, other_forum, charity, charity_worker
):
    client.force_login(charity_worker)
    for f in (forum, other_forum):
        client.post(f"/forum-membership/{f.pk}/join/", {"organisation": charity.pk})
    assert ForumMembership.objects.filter(organisation=charity).count() == 2


def test_nobody_joins_for_an_organisation_they_do_not_run(client, forum, person):
    stranger = OrganisationPageFactory()
    client.force_login(person)
    response = client.post(f"/forum-membership/{forum.pk}/join/", {"organisation": stranger.pk})
    assert response.status_code == 404
    assert not ForumMembership.objects.exists()


def test_visitors_see_the_member_count_but_not_the_members(client, forum):
    for _ in range(3):
        ForumMembershipFactory(forum=forum)
    page = client.get(forum.url).content.decode()
    assert "3 organisations are members of this forum." in page


def test_forum_page_makes_a_fixed_number_of_queries(
    client, forum, charity_worker, django_assert_max_num_queries
):
    from tests.factories import EventPageFactory

    EventPageFactory.create_batch(2, parent=forum)
    client.force_login(charity_worker)
    client.get(forum.url)
    with django_assert_max_num_queries(80) as few:
        client.get(forum.url)
    EventPageFactory.create_batch(6, parent=forum)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(forum.url)


def test_past_events_show_that_outcomes_are_published(client, forum):
    import datetime

    from tests.factories import EventPageFactory

    start = datetime.datetime(2026, 1, 5, 10, tzinfo=datetime.UTC)
    EventPageFactory(
        parent=forum,
        title="January forum",
        start=start,
        end=start + datetime.timedelta(hours=2),
        closed=True,
        minutes="<p>You said, we did.</p>",
    )
    page = client.get(forum.url).content.decode()
    assert "Past events and outcomes" in page
    assert "January forum" in page and "Outcomes published" in page
