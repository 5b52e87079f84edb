"""The reach report's commissioning breakdown: confirmed by a commissioner or moderator, or
only as the organisation declared it; and an organisation with a Welsh translation counts
once. On the hand-counted fixture of test_reach_report."""

import datetime

import pytest

from directory.moderation.rules import confirm_commissioning
from forums.reach.report import outreach_list, reach_report
from tests.factories import EventRegistrationFactory
from tests.factories.accounts import StaffUserFactory
from tests.forums.test_reach_report import NOW, Q3, Fixture, event, manager_of, rows_of, term_region

pytestmark = pytest.mark.django_db

SUPPLY_CHAIN = "CRS supply-chain partner (subcontracted by a lead provider)"
FRAMEWORK = "Qualified for the Dynamic Framework, not currently contracted"
GRANT = "Grant-funded by HMPPS or the Ministry of Justice"
URL = "/admin/forums/reach/"


@pytest.fixture
def fixture(tree):
    return Fixture(tree)


@pytest.fixture
def north_east():
    return term_region("north-east")


def commissioning_table(report):
    (breakdown,) = [b for b in report.breakdowns if b.title.startswith("Relationship")]
    return {row.label: (row.listed, row.engaged) for row in breakdown.rows}


def test_confirmed_relationships_are_counted_apart_from_declared_ones(fixture, north_east):
    commissioner = StaffUserFactory()
    confirm_commissioning(fixture.both, ["crs-supply-chain"], commissioner)
    # Corrected and confirmed: the member organisation is grant-funded, not on the framework.
    confirm_commissioning(fixture.member, ["moj-grant"], commissioner)
    confirm_commissioning(fixture.no_show, [], commissioner)  # confirmed outside commissioning

    table = commissioning_table(reach_report(north_east, Q3, now=NOW))

    assert table[f"{SUPPLY_CHAIN}: confirmed"] == (1, 1)
    assert table[f"{SUPPLY_CHAIN}: declared only"] == (0, 0)
    assert table[f"{GRANT}: confirmed"] == (1, 1)
    assert table[f"{FRAMEWORK}: declared only"] == (0, 0)
    assert table[f"{FRAMEWORK}: confirmed"] == (0, 0)
    assert table["Outside commissioning: confirmed"] == (1, 0)
    assert table["Outside commissioning: not confirmed"] == (5, 2)
    assert sum(listed for listed, _engaged in table.values()) == 8


def test_a_declaration_changed_after_confirmation_is_declared_only_again(fixture, north_east):
    confirm_commissioning(fixture.both, ["crs-supply-chain"], StaffUserFactory())
    fixture.both.commissioning_relationships.set(
        list(fixture.both.commissioning_relationships.model.objects.filter(slug="moj-grant"))
    )
    fixture.both.save()

    table = commissioning_table(reach_report(north_east, Q3, now=NOW))

    assert table[f"{GRANT}: declared only"] == (1, 1)
    assert table[f"{SUPPLY_CHAIN}: confirmed"] == (0, 0)


def test_an_organisation_with_a_welsh_translation_counts_once(fixture, north_east):
    from wagtail.models import Locale

    welsh = Locale.objects.create(language_code="cy")
    translation = fixture.both.copy_for_translation(welsh, copy_parents=True)
    translation.save_revision().publish()
    # Engaging as the Welsh page is the organisation engaging.
    EventRegistrationFactory(
        event=event(fixture.ne_forum, datetime.date(2026, 10, 25)),
        organisation=translation,
        status="attended",
    )
    member_translation = fixture.member.copy_for_translation(welsh)
    member_translation.save_revision().publish()
    confirm_commissioning(fixture.member, ["dynamic-framework"], StaffUserFactory())

    report = reach_report(north_east, Q3, now=NOW)
    everywhere = reach_report(None, Q3, now=NOW)

    assert (report.total.listed, report.total.engaged) == (8, 4)
    assert (everywhere.total.listed, everywhere.total.engaged) == (9, 5)
    assert translation.pk not in report.listed
    table = commissioning_table(report)
    assert table[f"{SUPPLY_CHAIN}: declared only"] == (1, 1)
    assert table[f"{FRAMEWORK}: confirmed"] == (1, 1)
    assert sum(listed for listed, _engaged in table.values()) == 8


def test_the_outreach_list_says_whether_the_relationship_is_confirmed(fixture, north_east):
    confirm_commissioning(fixture.no_show, [], StaffUserFactory())

    rows = {row["name"]: row for row in outreach_list(reach_report(north_east, Q3, now=NOW))}

    assert rows["No Show Project"]["commissioning_confirmed"]
    assert not rows["Waiting Room"]["commissioning_confirmed"]


def test_the_csvs_and_page_show_confirmed_and_declared(client, fixture):
    confirm_commissioning(fixture.both, ["crs-supply-chain"], StaffUserFactory())
    confirm_commissioning(fixture.no_show, [], StaffUserFactory())
    client.force_login(manager_of(fixture.ne_forum))
    params = {"region": "north-east", "period": Q3.slug}

    summary = rows_of(client.get(URL + "summary.csv", params))
    outreach = rows_of(client.get(URL + "outreach.csv", params))
    page = client.get(URL, params).content.decode()

    breakdown = "Relationship to HMPPS commissioning"
    assert [breakdown, f"{SUPPLY_CHAIN}: confirmed", "1", "1", "0", "100"] in summary
    assert [breakdown, f"{FRAMEWORK}: declared only", "1", "1", "0", "100"] in summary
    assert outreach[0][5:7] == [breakdown, "Commissioning relationship confirmed"]
    by_name = {row[0]: row for row in outreach[1:]}
    assert by_name["No Show Project"][6] == "yes"
    assert by_name["Waiting Room"][6] == "no (declared by the organisation)"
    assert f"{SUPPLY_CHAIN}: confirmed" in page
    assert "declared only" in page
