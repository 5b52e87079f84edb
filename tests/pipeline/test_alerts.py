"""Pipeline alerts: one digest a day at most per alert, listing only what matches it (region,
area of support, kind), nothing when nothing matches, nothing twice; stopping one alert from
its email without signing in."""

import pytest

from pipeline.alerts.links import unsubscribe_path
from pipeline.models import AlertSubscription
from tests.factories.accounts import VerifiedUserFactory
from tests.pipeline.alert_helpers import (
    alerts,
    change,
    day,
    make_pipeline,
    opportunity,
    runner_at,
    subscribe,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def at(django_capture_on_commit_callbacks):
    return runner_at(django_capture_on_commit_callbacks)


@pytest.fixture
def pipeline(db):
    return make_pipeline()


@pytest.fixture
def person(db):
    return VerifiedUserFactory(email="sam@example.org")


@pytest.fixture
def opportunities(at, pipeline):
    """Published on day 0: two in London for accommodation (one for a kind of support within
    it), and three that do not match London + accommodation."""

    def make():
        return {
            "beds": opportunity(pipeline, "London beds", regions=["london"]),
            "emergency": opportunity(
                pipeline,
                "London emergency housing",
                regions=["london"],
                categories=["emergency-accommodation"],
            ),
            "north": opportunity(pipeline, "North East beds", regions=["north-east"]),
            "jobs": opportunity(
                pipeline,
                "London jobs",
                regions=["london"],
                categories=["education-training-employment"],
            ),
            "wales": opportunity(pipeline, "Wales beds", regions=["wales"]),
        }

    return at(day(0), make)


@pytest.fixture
def london_accommodation(at, person, opportunities):
    return at(day(0, 2), subscribe, person, regions=["london"], categories=["accommodation"])


def changes_of_day_one(at, opportunities):
    at(day(1, 1), change, opportunities["beds"], status="delayed", change_reason="Budget review")
    at(day(1, 2), change, opportunities["emergency"], status="open", change_reason="Now open")
    for key in ("north", "jobs", "wales"):
        at(day(1, 3), change, opportunities[key], status="cancelled", change_reason="Not needed")


def test_one_digest_lists_the_two_matching_changes_of_the_day_and_nothing_else(
    at, person, opportunities, london_accommodation, mailoutbox
):
    changes_of_day_one(at, opportunities)
    alerts(at, day(1, 5))

    (message,) = mailoutbox
    assert message.to == [person.email]
    assert "2 opportunities match your alert" in message.subject
    body = message.body
    assert "London beds" in body and "Budget review" in body
    assert "London emergency housing" in body and "Now open" in body
    for title in ("North East beds", "London jobs", "Wales beds", "Not needed"):
        assert title not in body
    assert f"http://testserver{opportunities['beds'].url}" in body
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<http://testserver/pipeline-alerts/stop/"
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = message.alternatives[0][0]
    assert "London beds" in html and "Wales beds" not in html


def test_running_twice_sends_nothing_twice(at, opportunities, london_accommodation, mailoutbox):
    changes_of_day_one(at, opportunities)
    alerts(at, day(1, 5))
    alerts(at, day(1, 5))
    alerts(at, day(1, 8))
    assert len(mailoutbox) == 1
    alerts(at, day(2, 5))  # nothing new since
    assert len(mailoutbox) == 1
    assert AlertSubscription.objects.get(pk=london_accommodation.pk).sent_up_to == day(1, 5)


def test_at_most_one_digest_a_day_and_the_next_has_only_what_is_new(
    at, opportunities, london_accommodation, mailoutbox
):
    changes_of_day_one(at, opportunities)
    alerts(at, day(1, 5))
    at(day(1, 6), change, opportunities["beds"], status="open", change_reason="Budget agreed")
    alerts(at, day(1, 8))
    assert len(mailoutbox) == 1
    alerts(at, day(2, 5))
    assert len(mailoutbox) == 2
    body = mailoutbox[1].body
    assert "Budget agreed" in body and "Budget review" not in body
    assert "London emergency housing" not in body


def test_nothing_matching_sends_nothing(at, person, opportunities, mailoutbox):
    at(
        day(0, 2),
        subscribe,
        person,
        regions=["london"],
        categories=["accommodation"],
        kinds=["contract"],
    )
    changes_of_day_one(at, opportunities)  # all grants
    alerts(at, day(1, 5))
    assert mailoutbox == []


def test_new_and_national_opportunities_match_any_region_chosen(at, person, pipeline, mailoutbox):
    at(day(0), subscribe, person, regions=["wales"])
    at(day(1), opportunity, pipeline, "Everywhere", regions=[], is_national=True)
    at(day(1), opportunity, pipeline, "Only London", regions=["london"])
    alerts(at, day(1, 5))
    (message,) = mailoutbox
    assert "Everywhere" in message.body and "Only London" not in message.body


def test_an_empty_alert_matches_everything(at, person, opportunities, mailoutbox):
    at(day(0, 2), subscribe, person)
    changes_of_day_one(at, opportunities)
    alerts(at, day(1, 5))
    (message,) = mailoutbox
    assert "5 opportunities" in message.subject


def test_unsubscribe_works_without_signing_in_and_stops_only_that_alert(
    at, client, person, opportunities, london_accommodation, mailoutbox
):
    other = at(day(0, 2), subscribe, person, regions=["wales"])
    path = unsubscribe_path(london_accommodation)

    asked = client.get(path)
    assert asked.status_code == 200 and "Stop this alert" in asked.content.decode()
    assert AlertSubscription.objects.filter(pk=london_accommodation.pk).exists()

    stopped = client.post(path)  # a mail program's one-click POST: no CSRF token, no session
    assert stopped.status_code == 200 and "You are unsubscribed" in stopped.content.decode()
    assert list(AlertSubscription.objects.values_list("pk", flat=True)) == [other.pk]
    assert client.post(path).status_code == 200  # again: nothing changes

    changes_of_day_one(at, opportunities)
    alerts(at, day(1, 5))
    (message,) = mailoutbox  # only the Wales alert
    assert "Wales beds" in message.body and "London beds" not in message.body


def test_an_altered_unsubscribe_link_stops_nothing(client, person, london_accommodation):
    path = unsubscribe_path(london_accommodation)
    response = client.post(path[:-3] + "abc/")
    assert response.status_code == 400
    assert AlertSubscription.objects.filter(pk=london_accommodation.pk).exists()
