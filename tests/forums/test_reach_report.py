"""The reach report: on a fixture with known engagement, its numbers and outreach list match
hand-computed values exactly; who may see which region; the CSV exports."""

import csv
import datetime
import io

from django.contrib.auth.models import Group
from django.utils import timezone

import pytest

from forums.models import ConsultationResponse
from forums.reach.report import (
    current_quarter,
    financial_quarter,
    financial_year,
    outreach_list,
    parse_period,
    period_choices,
    reach_report,
)
from forums.roles import forum_managers_group_name
from tests.factories import (
    ConsultationPageFactory,
    EventPageFactory,
    EventRegistrationFactory,
    ForumMembershipFactory,
    OrganisationPageFactory,
    RegionalForumPageFactory,
    ServicePageFactory,
)
from tests.factories.accounts import VerifiedUserFactory, activate_authenticator_app
from tests.factories.core import term

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2027, 2, 10, 12, 0))  # the report is read in Q4
Q3 = financial_quarter(2026, 3)  # October to December 2026
Q2 = financial_quarter(2026, 2)
YEAR = financial_year(2026)


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def event(forum, day, **kwargs):
    return EventPageFactory(parent=forum, start=at(day), end=at(day, 12), **kwargs)


def respond(consultation, organisation, day, status="submitted"):
    return ConsultationResponse.objects.create(
        consultation=consultation,
        user=VerifiedUserFactory(),
        organisation=organisation,
        for_organisation=True,
        status=status,
        submitted_on=day if status == "submitted" else None,
    )


class Fixture:
    """North East's reach in Q3 2026-27, built to be counted by hand.

    Listed in the North East (8): both, national, by_service, elsewhere_event, member,
    earlier, no_show, waitlisted. Engaged in Q3 (4): both (attended and responded: once),
    national (responded to a national consultation), elsewhere_event (attended the London
    forum's event) and member (a forum member since before the quarter). Not listed there:
    london_only (attended the North East event, but does not cover the region) and draft.
    """

    def __init__(self, tree):
        self.ne_forum = RegionalForumPageFactory(parent=tree.forums, region="north-east")
        self.london_forum = RegionalForumPageFactory(parent=tree.forums, region="london")
        self._list_organisations()
        self._register_for_events()
        self._respond_to_consultations(tree)
        self._join_the_forum()

    def _list_organisations(self):
        org = OrganisationPageFactory
        self.both = org(
            title="Both Ways Trust",
            regions=["north-east"],
            income_band="under-10k",
            led_by_and_for=["lived-experience"],
            commissioning_relationships=["crs-supply-chain"],
            email="hello@bothways.example",
        )
        self.national = org(title="National Voice", is_national=True, income_band="over-10m")
        self.by_service = org(
            title="Across The Pennines",
            regions=["north-west"],
            income_band="10k-100k",
            email="team@pennines.example",
            phone="0161 496 0000",
        )
        ServicePageFactory(parent=self.by_service, regions=["north-east"], categories=["drugs"])
        self.elsewhere_event = org(
            title="Elsewhere Events", regions=["north-east", "london"], income_band="under-10k"
        )
        self.member = org(
            title="Member Organisation",
            regions=["north-east"],
            commissioning_relationships=["dynamic-framework"],
        )
        self.earlier = org(
            title="Earlier Engagers", regions=["north-east"], income_band="100k-500k"
        )
        self.no_show = org(title="No Show Project", regions=["north-east"])
        self.waitlisted = org(title="Waiting Room", regions=["north-east"])
        self.london_only = org(title="London Only", regions=["london"])
        self.draft = org(title="Draft Charity", regions=["north-east"], live=False)

    def _register_for_events(self):
        ne_event = event(self.ne_forum, datetime.date(2026, 10, 15))
        EventRegistrationFactory(event=ne_event, organisation=self.both, status="attended")
        EventRegistrationFactory(event=ne_event, organisation=self.london_only, status="attended")
        EventRegistrationFactory(event=ne_event, organisation=self.no_show, status="registered")
        EventRegistrationFactory(event=ne_event, organisation=self.waitlisted, status="waitlisted")
        EventRegistrationFactory(event=ne_event, organisation=self.draft, status="attended")
        # Attendance never recorded at the London event: holding a place counts.
        london_event = event(self.london_forum, datetime.date(2026, 11, 3))
        EventRegistrationFactory(
            event=london_event, organisation=self.elsewhere_event, status="registered"
        )
        EventRegistrationFactory(event=london_event, organisation=self.no_show, status="cancelled")
        # Q2: only the year counts it.
        q2_event = event(self.ne_forum, datetime.date(2026, 8, 20))
        EventRegistrationFactory(event=q2_event, organisation=self.earlier, status="attended")

    def _respond_to_consultations(self, tree):
        regional = ConsultationPageFactory(parent=self.ne_forum)
        respond(regional, self.both, datetime.date(2026, 11, 2))
        respond(regional, self.no_show, None, status="draft")  # a draft is not engagement
        national = ConsultationPageFactory(parent=tree.forums, title="National consultation")
        respond(national, self.national, datetime.date(2026, 12, 1))

    def _join_the_forum(self):
        membership = ForumMembershipFactory(forum=self.ne_forum, organisation=self.member)
        membership.created_at = at(datetime.date(2026, 5, 1))
        membership.save()
        # Joined after the quarter ends: not a member during it.
        late = ForumMembershipFactory(forum=self.ne_forum, organisation=self.waitlisted)
        late.created_at = at(datetime.date(2027, 1, 10))
        late.save()


@pytest.fixture
def fixture(tree):
    return Fixture(tree)


@pytest.fixture
def north_east():
    return term_region("north-east")


def term_region(slug):
    from core.models import Region

    return term(Region, slug)


def names(organisations):
    return sorted(o.title for o in organisations)


class TestPeriods:
    def test_financial_quarters_and_years(self):
        assert (Q3.start, Q3.end) == (datetime.date(2026, 10, 1), datetime.date(2027, 1, 1))
        q4 = financial_quarter(2026, 4)
        assert (q4.start, q4.end) == (datetime.date(2027, 1, 1), datetime.date(2027, 4, 1))
        assert (YEAR.start, YEAR.end) == (datetime.date(2026, 4, 1), datetime.date(2027, 4, 1))
        assert current_quarter(datetime.date(2027, 3, 31)) == q4
        assert current_quarter(datetime.date(2026, 4, 1)) == financial_quarter(2026, 1)

    def test_periods_start_at_midnight_london_time(self):
        # 1 April 2026 is in British Summer Time: midnight in London is 23:00 UTC.
        assert YEAR.start_at == datetime.datetime(2026, 3, 31, 23, 0, tzinfo=datetime.UTC)

    def test_parsing(self):
        assert parse_period("2026-27") == YEAR
        assert parse_period("2026-27-q3") == Q3
        for nonsense in ["", None, "2026", "2026-28", "2026-27-q5", "x-y", "26-27"]:
            assert parse_period(nonsense) is None

    def test_choices_offer_quarters_that_have_begun(self):
        slugs = [p.slug for p in period_choices(datetime.date(2026, 11, 25), years=2)]
        assert slugs == [
            "2026-27",
            "2026-27-q3",
            "2026-27-q2",
            "2026-27-q1",
            "2025-26",
            "2025-26-q4",
            "2025-26-q3",
            "2025-26-q2",
            "2025-26-q1",
        ]


class TestNumbers:
    def test_listed_and_engaged_match_the_hand_count(self, fixture, north_east):
        report = reach_report(north_east, Q3, now=NOW)
        f = fixture
        listed = [f.both, f.national, f.by_service, f.elsewhere_event, f.member, f.earlier]
        listed += [f.no_show, f.waitlisted]
        assert report.listed == {o.pk for o in listed}
        assert set(report.engaged) == {f.both.pk, f.national.pk, f.elsewhere_event.pk, f.member.pk}
        assert report.engaged[f.both.pk] == {"attended", "responded"}  # counted once
        total = report.total
        assert (total.listed, total.engaged, total.not_engaged, total.percent) == (8, 4, 4, 50)

    def test_the_outreach_list_is_everyone_else_with_contacts(self, fixture, north_east):
        report = reach_report(north_east, Q3, now=NOW)
        rows = outreach_list(report, now=NOW)
        assert [row["name"] for row in rows] == [
            "Across The Pennines",
            "Earlier Engagers",
            "No Show Project",
            "Waiting Room",
        ]
        pennines = rows[0]
        assert (pennines["email"], pennines["phone"]) == ("team@pennines.example", "0161 496 0000")
        assert rows[1]["last_engaged"] == datetime.date(2026, 8, 20)
        assert rows[2]["last_engaged"] is None  # registered where attendance was recorded

    def test_outreach_sorts(self, fixture, north_east):
        report = reach_report(north_east, Q3, now=NOW)
        by_income = [r["name"] for r in outreach_list(report, sort="income", now=NOW)]
        # Known bands in their order, then the unknown ones by name.
        assert by_income == [
            "Across The Pennines",
            "Earlier Engagers",
            "No Show Project",
            "Waiting Room",
        ]
        by_name_desc = [r["name"] for r in outreach_list(report, sort="-name", now=NOW)]
        assert by_name_desc[0] == "Waiting Room"
        recent_first = [r["name"] for r in outreach_list(report, sort="-last_engaged", now=NOW)]
        assert recent_first[0] == "Earlier Engagers"

    def test_the_year_counts_every_quarter(self, fixture, north_east):
        report = reach_report(north_east, YEAR, now=NOW)
        assert report.total.engaged == 6  # and Earlier Engagers (Q2), Waiting Room (Q4)
        trend = [(quarter.slug, row.engaged, row.listed) for quarter, row in report.trend]
        # Q1: the member joined on 1 May. Q2: and Earlier Engagers. Q4: the two members.
        assert trend == [
            ("2026-27-q1", 1, 8),
            ("2026-27-q2", 2, 8),
            ("2026-27-q3", 4, 8),
            ("2026-27-q4", 2, 8),
        ]

    def test_quarters_still_to_come_are_not_in_the_trend(self, fixture, north_east):
        report = reach_report(north_east, YEAR, now=at(datetime.date(2026, 11, 25)))
        assert [quarter.slug for quarter, _row in report.trend][-1] == "2026-27-q3"

    def test_engagement_counts_only_where_an_organisation_works(self, fixture):
        london = reach_report(term_region("london"), Q3, now=NOW)
        f = fixture
        # London Only attended in the North East but counts in London; National Voice
        # counts everywhere; Elsewhere Events covers London too.
        assert set(london.engaged) == {f.london_only.pk, f.national.pk, f.elsewhere_event.pk}
        assert f.both.pk not in london.listed

    def test_site_wide_counts_every_live_organisation_once(self, fixture):
        report = reach_report(None, Q3, now=NOW)
        assert report.total.listed == 9  # every live organisation; the draft is not listed
        assert report.total.engaged == 5

    def test_breakdowns_loop_over_the_taxonomies(self, fixture, north_east):
        report = reach_report(north_east, Q3, now=NOW)
        tables = {
            b.title: {r.label: (r.listed, r.engaged) for r in b.rows} for b in report.breakdowns
        }
        commissioning = tables["Relationship to HMPPS commissioning"]
        # Nobody has confirmed anything: every relationship is as declared.
        supply_chain = "CRS supply-chain partner (subcontracted by a lead provider)"
        assert commissioning[f"{supply_chain}: declared only"] == (1, 1)
        assert commissioning[f"{supply_chain}: confirmed"] == (0, 0)
        framework = "Qualified for the Dynamic Framework, not currently contracted"
        assert commissioning[f"{framework}: declared only"] == (1, 1)
        assert commissioning["Outside commissioning: not confirmed"] == (6, 2)
        assert commissioning["Outside commissioning: confirmed"] == (0, 0)
        assert len(commissioning) == 10  # four terms and "outside commissioning", each split
        income = tables["Annual income"]
        assert income["Under £10,000"] == (2, 2)
        assert income["£10,000 to £100,000"] == (1, 0)
        assert income["Over £10m"] == (1, 1)
        assert income["Income not known"] == (3, 1)
        assert sum(listed for listed, _ in income.values()) == 8
        led = tables["Led by and for"]
        assert led["Led by people with lived experience of the justice system"] == (1, 1)
        assert led["Not led by and for a group"] == (7, 3)
        categories = tables["Service category"]
        # A subcategory (drugs) counts under its top-level category.
        assert categories["Dependency and recovery"] == (1, 0)
        # The factory gives every other organisation no services.
        assert categories["No public services listed"] == (7, 4)


@pytest.fixture
def admin_user(db):
    user = VerifiedUserFactory(is_superuser=True, is_staff=True)
    activate_authenticator_app(user)
    return user


def manager_of(forum):
    user = VerifiedUserFactory()
    user.groups.add(Group.objects.get(name=forum_managers_group_name(forum)))
    activate_authenticator_app(user)
    return user


def rows_of(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


class TestViews:
    URL = "/admin/forums/reach/"

    def test_a_manager_sees_their_region_by_default(self, client, fixture):
        client.force_login(manager_of(fixture.ne_forum))
        response = client.get(self.URL, {"period": Q3.slug})
        assert response.status_code == 200
        assert response.context["report"].region.slug == "north-east"
        content = response.content.decode()
        assert "Across The Pennines" in content
        assert "team@pennines.example" in content
        assert f'<a href="{fixture.by_service.url}">Across The Pennines</a>' in content

    def test_permission_matrix(self, client, fixture):
        ne = manager_of(fixture.ne_forum)
        london = manager_of(fixture.london_forum)
        plain = VerifiedUserFactory()
        cases = [
            (ne, "north-east", True),
            (ne, "london", False),
            (ne, "all", False),
            (london, "london", True),
            (london, "north-east", False),
            (plain, "north-east", False),  # no admin access at all
        ]
        for user, region, allowed in cases:
            client.force_login(user)
            for path in (self.URL, self.URL + "summary.csv", self.URL + "outreach.csv"):
                response = client.get(path, {"region": region, "period": Q3.slug})
                if allowed:
                    assert response.status_code == 200, (user, region, path)
                else:
                    # The admin sends people it refuses back to the dashboard with a message.
                    assert response.status_code in (302, 403), (user, region, path)
                    assert "Across The Pennines" not in response.content.decode()
        client.logout()
        assert client.get(self.URL)["Location"].startswith("/account/login/")

    def test_an_admin_sees_every_region(self, client, fixture, admin_user):
        client.force_login(admin_user)
        response = client.get(self.URL, {"period": Q3.slug})
        assert response.context["report"].region is None
        response = client.get(self.URL, {"region": "london", "period": Q3.slug})
        assert response.context["report"].region.slug == "london"

    def test_outreach_csv_has_the_outreach_rows(self, client, fixture):
        client.force_login(manager_of(fixture.ne_forum))
        response = client.get(
            self.URL + "outreach.csv", {"region": "north-east", "period": Q3.slug}
        )
        assert response["Content-Disposition"] == (
            'attachment; filename="reach-north-east-2026-27-q3-outreach.csv"'
        )
        rows = rows_of(response)
        assert rows[0][:2] == ["Organisation", "Email"]
        assert [row[0] for row in rows[1:]] == [
            "Across The Pennines",
            "Earlier Engagers",
            "No Show Project",
            "Waiting Room",
        ]

    def test_summary_csv_has_the_totals_and_breakdowns(self, client, fixture):
        client.force_login(manager_of(fixture.ne_forum))
        response = client.get(self.URL + "summary.csv", {"region": "north-east", "period": Q3.slug})
        rows = rows_of(response)
        assert rows[1] == ["Total", "All listed organisations", "8", "4", "4", "50"]
        assert ["Annual income", "Under £10,000", "2", "2", "0", "100"] in rows

    def test_a_spreadsheet_formula_in_a_name_is_neutralised(self, client, fixture):
        OrganisationPageFactory(title='=HYPERLINK("http://evil")', regions=["north-east"])
        client.force_login(manager_of(fixture.ne_forum))
        rows = rows_of(
            client.get(self.URL + "outreach.csv", {"region": "north-east", "period": Q3.slug})
        )
        assert '\'=HYPERLINK("http://evil")' in [row[0] for row in rows]

    @pytest.mark.parametrize("region", ["north%00east", "\x00", "north-east\x00"])
    def test_a_nul_in_the_region_is_an_unknown_region_not_an_error(self, client, fixture, region):
        client.force_login(manager_of(fixture.ne_forum))
        response = client.get(self.URL, {"region": region})
        assert response.status_code == 200
        assert response.context["report"].region.slug == "north-east"

    def test_an_unknown_period_falls_back_to_this_quarter(self, client, fixture):
        client.force_login(manager_of(fixture.ne_forum))
        response = client.get(self.URL, {"period": "nonsense"})
        assert response.status_code == 200
        assert response.context["report"].period == current_quarter()

    def test_queries_do_not_grow_with_organisations(self, client, fixture):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.force_login(manager_of(fixture.ne_forum))
        params = {"region": "north-east", "period": Q3.slug}
        client.get(self.URL, params)  # warm the caches
        with CaptureQueriesContext(connection) as before:
            client.get(self.URL, params)
        for n in range(15):
            organisation = OrganisationPageFactory(title=f"Extra {n}", regions=["north-east"])
            EventRegistrationFactory(
                event=event(fixture.ne_forum, datetime.date(2026, 10, 20)),
                organisation=organisation,
                status="attended",
            )
        with CaptureQueriesContext(connection) as after:
            response = client.get(self.URL, params)
        assert response.context["report"].total.listed == 23
        assert len(after) == len(before)

    def test_the_outreach_list_pages_keep_the_region_period_and_sort(
        self, client, fixture, monkeypatch
    ):
        from forums.reach import views as reach_views

        monkeypatch.setattr(reach_views, "OUTREACH_PER_PAGE", 3)
        client.force_login(manager_of(fixture.ne_forum))
        params = {"region": "north-east", "period": Q3.slug, "sort": "-name"}
        first = client.get(self.URL, params)
        assert [row["name"] for row in first.context["outreach"].object_list] == [
            "Waiting Room",
            "No Show Project",
            "Earlier Engagers",
        ]
        links = first.context["sort_links"]
        assert links["name"]["aria"] == "descending" and "sort=name" in links["name"]["url"]
        assert links["income"]["aria"] == "none" and "sort=income" in links["income"]["url"]
        next_url = first.context["page_url"]["next"]
        assert "previous" not in first.context["page_url"]
        second = client.get(next_url)
        assert second.context["report"].region.slug == "north-east"
        assert second.context["report"].period == Q3
        assert [row["name"] for row in second.context["outreach"].object_list] == [
            "Across The Pennines"
        ]
        assert "next" not in second.context["page_url"]
