"""What the reach report shows besides listed organisations: the searches in the region that
found nothing, the people who took part without a listed organisation (and the link that
invites their organisations to list), and what outreach invitations led to. The page keeps a
fixed number of queries however much of each there is."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from bs4 import BeautifulSoup

from forums.models import ConsultationResponse, OutreachInvitation
from forums.reach.invitations import invitation_effect
from forums.reach.searches import searches_that_found_nothing
from forums.reach.unlisted import people_not_listed
from search.log import filters_key, record_search
from search.models import SearchLogEntry
from tests.factories import (
    ConsultationPageFactory,
    EventRegistrationFactory,
    OrganisationPageFactory,
)
from tests.factories.accounts import VerifiedUserFactory
from tests.forums.test_reach_report import (
    NOW,
    Q3,
    Fixture,
    admin_user,  # noqa: F401 (a fixture)
    at,
    event,
    manager_of,
    respond,
    term_region,
)

pytestmark = pytest.mark.django_db

URL = "/admin/forums/reach/"
IN_Q3 = datetime.date(2026, 11, 10)
MANY_CATEGORIES = [f"a-rather-long-category-slug-{n:02d}" for n in range(20)]


@pytest.fixture
def fixture(tree):
    return Fixture(tree)


def search(text, region=None, results=0, day=IN_Q3, times=1, **filters):
    if region is not None:
        filters["region"] = region
    for _time in range(times):
        record_search("services", text, filters, results, today=day)


@pytest.fixture
def searches():
    search("debt advice", ["north-east"], times=3)
    search("housing", ["london", "north-east"], category=["accommodation"])
    search("women", ["london"], times=2)
    search("gambling", ["north-east-lincolnshire"])  # not the North East: a whole item only
    search("mentoring", ["north-east"], results=5)  # found something
    search("debt advice", ["north-east"], day=datetime.date(2026, 9, 30))  # Q2
    search("legal aid", times=4)  # no region
    search("", ["north-east"], category=MANY_CATEGORIES)  # kept as a digest


def searched_for(response):
    table = BeautifulSoup(response.content, "html.parser").find("table", class_="cg-reach-searches")
    return [th.get_text(strip=True) for th in table.tbody.select("th")]


class TestSearchesThatFoundNothing:
    def test_the_log_can_be_narrowed_to_a_filter_value(self, db, searches):
        entries = SearchLogEntry.objects.with_filter("region", "north-east")
        assert sorted(entry.query for entry in entries) == [
            "",
            "debt advice",
            "debt advice",
            "housing",
            "mentoring",
        ]
        digest = entries.get(query="")
        assert digest.filters_key.startswith("sha256:")
        assert filters_key({"region": ["north-east"]}) == '{"region":["north-east"]}'
        assert not SearchLogEntry.objects.with_filter("category", "north-east").exists()

    def test_a_region_sees_its_own_most_frequent_first(self, db, searches):
        found = searches_that_found_nothing(term_region("north-east"), Q3)
        assert [(row.query, row.times) for row in found.rows] == [
            ("debt advice", 3),
            ("", 1),
            ("housing", 1),
        ]
        assert (found.times, found.different) == (5, 3)
        housing = found.rows[2]
        assert housing.filters == "category: accommodation, region: london"

    def test_every_region_sees_every_search_that_found_nothing(self, db, searches):
        found = searches_that_found_nothing(None, Q3)
        assert [row.query for row in found.rows][:2] == ["legal aid", "debt advice"]
        assert found.times == 4 + 3 + 1 + 2 + 1 + 1

    def test_a_forum_manager_sees_their_regions_searches_on_the_report(
        self, client, fixture, searches
    ):
        client.force_login(manager_of(fixture.ne_forum))
        response = client.get(URL, {"period": Q3.slug})
        assert searched_for(response) == ["debt advice", "(filters only)", "housing"]
        assert "/admin/reports/searches-with-no-results/" not in response.content.decode()

    def test_a_site_admin_sees_every_region_and_the_whole_log(
        self,
        client,
        fixture,
        searches,
        admin_user,  # noqa: F811
    ):
        client.force_login(admin_user)
        response = client.get(URL, {"period": Q3.slug})
        assert {"legal aid", "women", "gambling"} <= set(searched_for(response))
        assert "/admin/reports/searches-with-no-results/" in response.content.decode()


def unlisted_attendee(forum_event, name="", status="attended"):
    return EventRegistrationFactory(
        event=forum_event, organisation=None, unlisted_organisation_name=name, status=status
    )


def respond_alone(consultation, day):
    return ConsultationResponse.objects.create(
        consultation=consultation,
        user=VerifiedUserFactory(),
        for_organisation=False,
        status="submitted",
        submitted_on=day,
    )


@pytest.fixture
def unlisted(fixture, tree):
    ne_event = event(fixture.ne_forum, datetime.date(2026, 11, 12))
    unlisted_attendee(ne_event, "Hope Hub")
    unlisted_attendee(ne_event, "  hope   HUB ")
    unlisted_attendee(ne_event, "")  # came as an individual
    unlisted_attendee(ne_event, "Riverside Kitchen", status="cancelled")
    unlisted_attendee(ne_event, "Future Friends", status="waitlisted")
    london_event = event(fixture.london_forum, datetime.date(2026, 11, 12))
    unlisted_attendee(london_event, "Thames Mentors")
    regional = ConsultationPageFactory(parent=fixture.ne_forum)
    national = ConsultationPageFactory(parent=tree.forums)
    respond_alone(regional, datetime.date(2026, 12, 1))
    respond_alone(national, datetime.date(2026, 12, 1))
    respond_alone(regional, datetime.date(2027, 1, 5))  # Q4


class TestPeopleWithoutAListedOrganisation:
    def test_they_are_counted_and_the_names_they_gave_listed_once(self, unlisted):
        found = people_not_listed(term_region("north-east"), Q3, now=NOW)
        # Two gave Hope Hub, one came as an individual, one responded for themselves.
        assert found.people == 4
        assert [(named.name, named.people) for named in found.names] == [("Hope Hub", 2)]
        assert found.invite_url == "http://testserver/list-your-organisation/"

    def test_every_region_counts_national_consultations_and_every_forum(self, unlisted):
        found = people_not_listed(None, Q3, now=NOW)
        assert found.people == 6
        assert [named.name for named in found.names] == ["Hope Hub", "Thames Mentors"]

    def test_the_report_invites_them_to_list(self, client, fixture, unlisted):
        client.force_login(manager_of(fixture.ne_forum))
        content = client.get(URL, {"period": Q3.slug, "region": "north-east"}).content.decode()
        assert "4 people took part without a listed organisation." in content
        assert "Hope Hub" in content and "Thames Mentors" not in content
        assert (
            'Copy this link to send:\n      <a href="http://testserver/list-your-organisation/">'
            in content
        )


def invite(forum, page, organisation, day):
    return OutreachInvitation.objects.create(
        forum=forum, page=page, organisation=organisation, sent_at=at(day, 9)
    )


@pytest.fixture
def invitations(fixture):
    f = fixture
    day = datetime.date(2026, 10, 20)
    meeting = event(f.ne_forum, datetime.date(2026, 11, 20), title="Winter meeting")
    took_up, too_early, cancelled, silent = (
        OrganisationPageFactory(title=name, regions=["north-east"])
        for name in ("Took Up", "Too Early", "Cancelled Later", "Silent")
    )
    for organisation in (took_up, too_early, cancelled, silent):
        invite(f.ne_forum, meeting, organisation, day)
    EventRegistrationFactory(event=meeting, organisation=took_up, created_at=at(day, 15))
    EventRegistrationFactory(event=meeting, organisation=too_early, created_at=at(day, 8))
    EventRegistrationFactory(
        event=meeting, organisation=cancelled, created_at=at(day, 15), status="cancelled"
    )
    survey = ConsultationPageFactory(parent=f.ne_forum, title="Housing survey")
    invite(f.ne_forum, survey, took_up, datetime.date(2026, 11, 1))
    invite(f.ne_forum, survey, too_early, datetime.date(2026, 11, 1))
    respond(survey, took_up, datetime.date(2026, 11, 5))
    respond(survey, too_early, None, status="draft")
    london_event = event(f.london_forum, datetime.date(2026, 11, 20))
    invite(f.london_forum, london_event, took_up, day)
    invite(f.ne_forum, survey, silent, datetime.date(2026, 9, 1))  # sent in Q2
    return meeting, survey


class TestInvitationEffect:
    def test_invited_then_registered_or_responded_item_by_item(self, invitations):
        found = invitation_effect(term_region("north-east"), Q3)
        items = [(i.title, i.is_event, i.invited, i.took_up) for i in found.items]
        assert items == [("Housing survey", False, 2, 1), ("Winter meeting", True, 4, 1)]
        assert (found.invited, found.took_up) == (6, 2)
        assert invitation_effect(None, Q3).invited == 7

    def test_the_report_shows_it(self, client, fixture, invitations):
        client.force_login(manager_of(fixture.ne_forum))
        content = client.get(URL, {"period": Q3.slug}).content.decode()
        assert "6 invitations sent in this period; 2 led to a registration or a response." in (
            " ".join(content.split())
        )
        assert "Event: Winter meeting" in content and "Consultation: Housing survey" in content
        forum = fixture.ne_forum.pk
        assert f'href="/admin/forums/outreach/{forum}/invite/"' in content
        assert f'href="/admin/forums/outreach/{forum}/sent/"' in content

    def test_every_region_at_once_has_no_forum_to_invite_from(
        self,
        client,
        fixture,
        invitations,
        admin_user,  # noqa: F811
    ):
        client.force_login(admin_user)
        content = client.get(URL, {"period": Q3.slug}).content.decode()
        assert "/admin/forums/outreach/" not in content
        assert "7 invitations sent in this period; 2 led" in " ".join(content.split())


def test_the_report_takes_the_same_queries_however_much_there_is(
    client, fixture, searches, unlisted, invitations
):
    client.force_login(manager_of(fixture.ne_forum))
    params = {"region": "north-east", "period": Q3.slug}
    client.get(URL, params)  # warm the caches
    with CaptureQueriesContext(connection) as before:
        client.get(URL, params)
    meeting, survey = invitations
    for n in range(10):
        organisation = OrganisationPageFactory(title=f"More {n}", regions=["north-east"])
        invite(fixture.ne_forum, meeting, organisation, datetime.date(2026, 10, 21))
        invite(fixture.ne_forum, survey, organisation, datetime.date(2026, 10, 21))
        EventRegistrationFactory(event=meeting, organisation=organisation, status="attended")
        unlisted_attendee(meeting, f"Unlisted {n}")
        search(f"search {n}", ["north-east"])
    with CaptureQueriesContext(connection) as after:
        response = client.get(URL, params)
    assert response.context["invitations"].invited == 26
    assert len(response.context["not_listed"].names) == 11
    assert len(after) == len(before)
