"""The outreach list's filters pick the right organisations: engagement this period,
relationship to commissioning, income and led-by-and-for; only organisations listed in the
forum's region are offered."""

import pytest

from forums.outreach.rules import OutreachFilters, outreach_candidates
from forums.reach.periods import current_quarter
from tests.factories import ForumMembershipFactory, OrganisationPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations(forum):
    def listed(title, **kwargs):
        return OrganisationPageFactory(
            title=title, regions=["north-east"], email=f"{title}@example.org", **kwargs
        )

    found = {
        "lead": listed("lead", commissioning_relationships=["crs-lead-provider"]),
        "grant": listed("grant", commissioning_relationships=["moj-grant"], income_band="1m-5m"),
        "small": listed("small", income_band="under-10k", led_by_and_for=["women"]),
        "lived": listed("lived", led_by_and_for=["lived-experience"]),
        "member": listed("member"),
        "national": OrganisationPageFactory(title="national", is_national=True),
        "london": OrganisationPageFactory(title="london", regions=["london"]),
    }
    ForumMembershipFactory(forum=forum, organisation=found["member"])  # engaged this period
    return found


def names(forum, **filters):
    _report, rows = outreach_candidates(forum, current_quarter(), OutreachFilters(**filters))
    return {row["name"] for row in rows}


def test_by_default_the_organisations_listed_in_the_region_that_have_not_engaged(
    forum, organisations
):
    assert names(forum) == {"lead", "grant", "small", "lived", "national"}


def test_every_listed_organisation_when_engagement_does_not_matter(forum, organisations):
    _report, rows = outreach_candidates(
        forum, current_quarter(), OutreachFilters(not_engaged=False)
    )
    assert {row["name"]: row["engaged"] for row in rows} == {
        "lead": False,
        "grant": False,
        "small": False,
        "lived": False,
        "member": True,
        "national": False,
    }


def test_by_commissioning_relationship(forum, organisations):
    assert names(forum, commissioning="crs-lead-provider") == {"lead"}
    assert names(forum, commissioning="moj-grant") == {"grant"}
    assert names(forum, commissioning="outside") == {"small", "lived", "national"}


def test_by_income(forum, organisations):
    assert names(forum, income="under-10k") == {"small"}
    assert names(forum, income="1m-5m") == {"grant"}
    assert names(forum, income="unknown") == {"lead", "lived", "national"}


def test_by_led_by_and_for(forum, organisations):
    assert names(forum, led_by_and_for="women") == {"small"}
    assert names(forum, led_by_and_for="any") == {"small", "lived"}
    assert names(forum, led_by_and_for="none") == {"lead", "grant", "national"}


def test_filters_combine(forum, organisations):
    assert names(forum, led_by_and_for="any", income="under-10k") == {"small"}
    assert names(forum, not_engaged=False, commissioning="outside", led_by_and_for="none") == {
        "member",
        "national",
    }


def test_the_page_filters_by_the_address_the_reach_report_links_with(client, forum, organisations):
    from tests.factories import EventPageFactory
    from tests.forums.consultation_helpers import _manager_of

    event = EventPageFactory(parent=forum)
    client.force_login(_manager_of(forum))
    response = client.get(
        f"/admin/forums/outreach/{forum.pk}/invite/",
        {
            "region": "north-east",
            "period": current_quarter().slug,
            "item": event.pk,
            "led_by_and_for": "any",
        },
    )
    assert response.status_code == 200
    assert {row["name"] for row in response.context["rows"]} == {"small", "lived"}
