"""The shortlist's rules, on both stores: the session (no account) and the account."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from directory.models import ShortlistItem, ShortlistShare
from directory.shortlist import rules
from directory.shortlist.stores import AccountShortlist, Entry, SessionShortlist
from tests.directory.shortlist_fixtures import service_with_details
from tests.factories import OrganisationPageFactory, ServicePageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["session", "account"])
def shortlist(request):
    if request.param == "session":
        return SessionShortlist({})
    return AccountShortlist(UserFactory())


@pytest.fixture
def services():
    organisation = OrganisationPageFactory()
    return [ServicePageFactory(parent=organisation, title=f"Service {n}") for n in range(4)]


def test_services_are_kept_in_the_order_they_were_added(shortlist, services):
    for service in services[:3]:
        assert rules.add_to_shortlist(shortlist, service) is True
    assert shortlist.service_ids() == [s.pk for s in services[:3]]


def test_adding_a_service_twice_keeps_it_once(shortlist, services):
    rules.add_to_shortlist(shortlist, services[0])
    assert rules.add_to_shortlist(shortlist, services[0]) is False
    assert shortlist.service_ids() == [services[0].pk]


def test_a_full_list_refuses_one_more_but_not_one_already_there(shortlist, services, monkeypatch):
    monkeypatch.setattr(rules, "MAX_ITEMS", 2)
    rules.add_to_shortlist(shortlist, services[0])
    rules.add_to_shortlist(shortlist, services[1])
    with pytest.raises(rules.ShortlistFull):
        rules.add_to_shortlist(shortlist, services[2])
    assert rules.add_to_shortlist(shortlist, services[1]) is False
    assert shortlist.count() == 2


def test_moving_up_and_down_swaps_with_the_neighbour(shortlist, services):
    a, b, c = services[:3]
    for service in (a, b, c):
        rules.add_to_shortlist(shortlist, service)
    assert rules.move_on_shortlist(shortlist, c.pk, "up") is True
    assert shortlist.service_ids() == [a.pk, c.pk, b.pk]
    assert rules.move_on_shortlist(shortlist, a.pk, "down") is True
    assert shortlist.service_ids() == [c.pk, a.pk, b.pk]


def test_the_first_cannot_move_up_nor_the_last_down(shortlist, services):
    a, b = services[:2]
    rules.add_to_shortlist(shortlist, a)
    rules.add_to_shortlist(shortlist, b)
    assert rules.move_on_shortlist(shortlist, a.pk, "up") is False
    assert rules.move_on_shortlist(shortlist, b.pk, "down") is False
    assert rules.move_on_shortlist(shortlist, services[3].pk, "up") is False
    assert shortlist.service_ids() == [a.pk, b.pk]


def test_a_note_is_kept_trimmed_and_can_be_cleared(shortlist, services):
    rules.add_to_shortlist(shortlist, services[0])
    assert rules.save_note(shortlist, services[0].pk, "  Call before Friday \n") is True
    assert shortlist.entries() == [Entry(services[0].pk, "Call before Friday")]
    rules.save_note(shortlist, services[0].pk, "")
    assert shortlist.entries() == [Entry(services[0].pk, "")]
    assert rules.save_note(shortlist, services[1].pk, "Not on the list") is False


def test_removing_takes_the_service_and_its_note_off(shortlist, services):
    rules.add_to_shortlist(shortlist, services[0])
    rules.save_note(shortlist, services[0].pk, "A note")
    assert rules.remove_from_shortlist(shortlist, services[0].pk) is True
    assert rules.remove_from_shortlist(shortlist, services[0].pk) is False
    assert shortlist.entries() == []


def test_account_positions_stay_distinct_after_moves(services):
    user = UserFactory()
    shortlist = AccountShortlist(user)
    for service in services:
        rules.add_to_shortlist(shortlist, service)
    rules.move_on_shortlist(shortlist, services[3].pk, "up")
    positions = list(ShortlistItem.objects.filter(user=user).values_list("position", flat=True))
    assert sorted(positions) == [0, 1, 2, 3]


def test_a_session_list_in_an_unexpected_shape_is_read_without_error():
    session = {SessionShortlist.KEY: [[5, "note"], "junk", [], ["x"], [5, "again"], [7], [8, 3]]}
    assert SessionShortlist(session).entries() == [Entry(5, "note"), Entry(7, ""), Entry(8, "")]


# Joining the session's list to the account's on sign-in ---------------------------------


def test_signing_in_joins_the_session_list_to_the_account_without_duplicates(services):
    a, b, c = services[:3]
    user = UserFactory()
    account = AccountShortlist(user)
    rules.add_to_shortlist(account, a)
    session = {}
    browser = SessionShortlist(session)
    for service in (b, a, c):
        rules.add_to_shortlist(browser, service)
    rules.save_note(browser, a.pk, "From the browser")

    assert rules.merge_session_shortlist(session, user) == 0

    assert account.entries() == [Entry(a.pk, "From the browser"), Entry(b.pk), Entry(c.pk)]
    assert SessionShortlist(session).entries() == []
    # Signing in again (another browser with the same list) adds nothing more.
    rules.merge_session_shortlist({SessionShortlist.KEY: [[b.pk, ""]]}, user)
    assert ShortlistItem.objects.filter(user=user).count() == 3


def test_the_accounts_note_wins_over_the_browsers(services):
    user = UserFactory()
    account = AccountShortlist(user)
    rules.add_to_shortlist(account, services[0])
    rules.save_note(account, services[0].pk, "Account note")
    session = {SessionShortlist.KEY: [[services[0].pk, "Browser note"]]}
    rules.merge_session_shortlist(session, user)
    assert account.entries() == [Entry(services[0].pk, "Account note")]


def test_joining_stops_at_the_limit_and_says_how_many_did_not_fit(services, monkeypatch):
    monkeypatch.setattr(rules, "MAX_ITEMS", 2)
    user = UserFactory()
    session = {SessionShortlist.KEY: [[s.pk, ""] for s in services[:3]]}
    assert rules.merge_session_shortlist(session, user) == 1
    assert AccountShortlist(user).service_ids() == [services[0].pk, services[1].pk]


def test_links_shared_before_signing_in_become_the_accounts(services):
    session = {}
    browser = SessionShortlist(session)
    rules.add_to_shortlist(browser, services[0])
    share = rules.create_share_link(browser)
    user = UserFactory()
    rules.merge_session_shortlist(session, user)
    share.refresh_from_db()
    assert share.user == user
    assert rules.active_shares(AccountShortlist(user)) == [share]


# What the pages show ------------------------------------------------------------------------


def test_a_service_taken_out_of_the_directory_shows_as_no_longer_listed(services):
    shortlist = SessionShortlist({})
    unpublished, hidden, kept = services[:3]
    for service in (unpublished, hidden, kept):
        rules.add_to_shortlist(shortlist, service)
    unpublished.unpublish()
    hidden_organisation = OrganisationPageFactory(staleness_stage="hidden")
    hidden.move(hidden_organisation, pos="last-child")
    hidden.save()

    rows = rules.shortlist_rows(shortlist.entries())

    assert [(row.service.pk, row.listed) for row in rows] == [
        (unpublished.pk, False),
        (hidden.pk, False),
        (kept.pk, True),
    ]


def test_a_deleted_service_drops_out_of_the_rows(services):
    shortlist = SessionShortlist({})
    rules.add_to_shortlist(shortlist, services[0])
    rules.add_to_shortlist(shortlist, services[1])
    services[0].delete()
    rows = rules.shortlist_rows(shortlist.entries())
    assert [row.service.pk for row in rows] == [services[1].pk]


def test_rows_carry_the_checklist_and_opening_week():
    service = service_with_details()
    [row] = rules.shortlist_rows([Entry(service.pk, "n")])
    assert row.checklist == ["Date of release", "Risk assessment"]
    monday = row.opening_week[0]
    assert (monday["day"].label, monday["ranges"]) == ("Monday", ["9am to 5pm"])
    assert row.opening_week[1]["closed"] is True


def test_rows_take_the_same_queries_however_many_services():
    few = [service_with_details(title=f"Few {n}") for n in range(2)]
    many = few + [service_with_details(title=f"Many {n}") for n in range(6)]

    def queries_for(services):
        with CaptureQueriesContext(connection) as captured:
            rows = rules.shortlist_rows([Entry(s.pk) for s in services])
            for row in rows:
                list(row.service.regions.all())
                list(row.service.locations.all())
                row.service.organisation.operational_status  # noqa: B018
                row.service.operational_status  # noqa: B018
        return len(captured)

    assert queries_for(many) == queries_for(few)


# Share links ----------------------------------------------------------------------------


def test_a_share_link_is_an_unguessable_snapshot_of_the_listed_services(services):
    shortlist = SessionShortlist({})
    for service in services[:3]:
        rules.add_to_shortlist(shortlist, service)
    services[1].unpublish()

    share = rules.create_share_link(shortlist)

    assert share.service_ids == [services[0].pk, services[2].pk]
    assert len(share.token) >= 40
    assert share.expires_at - share.created_at == datetime.timedelta(days=30)
    # Changing the list later does not change what the link shows.
    rules.remove_from_shortlist(shortlist, services[0].pk)
    assert [row.service.pk for row in rules.shared_rows(share)] == [
        services[0].pk,
        services[2].pk,
    ]


def test_sharing_twice_in_a_row_gives_one_link_and_a_changed_list_a_new_one(services):
    shortlist = AccountShortlist(UserFactory())
    rules.add_to_shortlist(shortlist, services[0])
    first = rules.create_share_link(shortlist)
    assert rules.create_share_link(shortlist) == first
    rules.add_to_shortlist(shortlist, services[1])
    second = rules.create_share_link(shortlist)
    assert second != first
    assert ShortlistShare.objects.count() == 2


def test_a_share_link_expires_after_thirty_days(services):
    shortlist = SessionShortlist({})
    rules.add_to_shortlist(shortlist, services[0])
    share = rules.create_share_link(shortlist)
    almost = share.created_at + datetime.timedelta(days=30) - datetime.timedelta(seconds=1)
    assert rules.open_share(share.token, now=almost) == share
    with pytest.raises(rules.ShareExpired):
        rules.open_share(share.token, now=share.created_at + datetime.timedelta(days=30))
    with pytest.raises(ShortlistShare.DoesNotExist):
        rules.open_share("not-a-token")


def test_long_expired_links_are_forgotten():
    now = timezone.now()
    ShortlistShare.objects.create(
        token="old", created_at=now, expires_at=now - datetime.timedelta(days=400)
    )
    ShortlistShare.objects.create(
        token="recent", created_at=now, expires_at=now - datetime.timedelta(days=3)
    )
    assert rules.delete_expired_shares(now=now) == 1
    assert list(ShortlistShare.objects.values_list("token", flat=True)) == ["recent"]
