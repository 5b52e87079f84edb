import pytest

from forums.demo import load_forum_demo
from forums.models import EventPage, EventRegistration, ForumMembership
from tests.factories import OrganisationPageFactory, RegionalForumPageFactory

pytestmark = pytest.mark.django_db


def test_demo_forums_have_events_waiting_lists_outcomes_and_members_once(tree):
    forums = [
        RegionalForumPageFactory(parent=tree.forums, region=slug)
        for slug in ("north-east", "london")
    ]
    OrganisationPageFactory(regions=["london"])

    assert load_forum_demo(forums) == 6
    counts = (
        EventPage.objects.count(),
        EventRegistration.objects.count(),
        ForumMembership.objects.count(),
    )
    assert load_forum_demo(forums) == 0
    assert (
        EventPage.objects.count(),
        EventRegistration.objects.count(),
        ForumMembership.objects.count(),
    ) == counts

    assert EventRegistration.objects.filter(status="waitlisted").count() == 6
    assert EventPage.objects.live().filter(closed=True).exclude(minutes="").count() == 2
    assert ForumMembership.objects.filter(forum=forums[1]).exists()
    for event in EventPage.objects.filter(capacity__gt=0):
        assert event.registrations.holding_a_place().count() <= event.capacity


def test_demo_consultations_open_forthcoming_and_closed_with_an_outcome(tree):
    from forums.models import ConsultationPage, ConsultationResponse

    forum = RegionalForumPageFactory(parent=tree.forums, region="wales")
    load_forum_demo([forum])
    load_forum_demo([forum])
    consultations = ConsultationPage.objects.child_of(forum)
    assert sorted(c.current_state for c in consultations) == ["closed", "forthcoming", "open"]
    assert ConsultationResponse.objects.filter(status="submitted").count() == 8
    closed = consultations.get(title__endswith="housing on release")
    assert closed.outcome_notice.published_at
