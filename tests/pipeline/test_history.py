"""An opportunity's public history: appended when it is published with a new status, moved
key dates or a new promised update; never rewritten, whatever the admin posts."""

import pytest

from pipeline.models import HistoryIsPermanent, OpportunityPage, StatusUpdate
from tests.factories.accounts import StaffUserFactory
from tests.factories.translations import welsh_version
from tests.pipeline.helpers import (
    DAY,
    edit_form_data,
    entries,
    published_opportunity,
    republish,
    snapshot,
)

pytestmark = pytest.mark.django_db


def test_the_first_publish_adds_the_opportunity_to_the_pipeline():
    page = published_opportunity(status="market_engagement")

    [added] = entries(page)
    assert (added.status, added.previous_status, added.date_changes) == (
        "market_engagement",
        "",
        [],
    )
    assert added.key_dates["closes_on"] == page.closes_on.isoformat()


def test_republishing_without_a_change_adds_nothing():
    page = published_opportunity()

    republish(page, summary="Funding for specialist services (typo fixed).")
    republish(page)

    assert len(entries(page)) == 1


def test_a_status_change_appends_an_entry_and_leaves_earlier_ones_unchanged():
    page = published_opportunity()
    first = snapshot(entries(page)[0])

    republish(page, status="open", change_reason="The competition is open for bids.")
    republish(page, status="closed", change_reason="Bids closed on time.")

    history = entries(page)
    assert snapshot(history[0]) == first
    assert [(e.previous_status, e.status, e.reason) for e in history[1:]] == [
        ("planned", "open", "The competition is open for bids."),
        ("open", "closed", "Bids closed on time."),
    ]


def test_a_moved_key_date_is_recorded_with_both_dates():
    page = published_opportunity()
    old = page.closes_on

    republish(page, closes_on=old + 20 * DAY, change_reason="More time for small bidders.")

    moved = entries(page)[-1]
    assert moved.status == moved.previous_status == "planned"
    assert moved.date_changes == [
        {"field": "closes_on", "old": old.isoformat(), "new": (old + 20 * DAY).isoformat()}
    ]
    assert moved.key_dates["closes_on"] == (old + 20 * DAY).isoformat()


def test_a_new_promised_update_is_an_entry_of_its_own():
    page = published_opportunity()
    promised = page.opens_on
    republish(page, status="delayed", next_update_on=promised, change_reason="Budget review.")

    republish(page, next_update_on=promised + 14 * DAY, change_reason="Review continues.")

    assert [e.next_update_on for e in entries(page)] == [None, promised, promised + 14 * DAY]


def test_the_welsh_version_adds_no_entries_and_shows_the_same_history(client):
    page = published_opportunity()
    republish(page, status="open", change_reason="Open for bids.")

    welsh = welsh_version(page, title="Cyfle", status="closed", change_reason="Ar gau.")
    republish(welsh, closes_on=welsh.closes_on + 7 * DAY)

    assert not StatusUpdate.objects.filter(opportunity=welsh).exists()
    assert len(entries(page)) == 2
    html = client.get(welsh.url).content.decode()
    assert "Open for bids." in html


def test_history_entries_cannot_be_changed_or_deleted_in_code():
    page = published_opportunity()
    entry = entries(page)[0]
    before = snapshot(entry)

    entry.reason = "Rewritten"
    with pytest.raises(HistoryIsPermanent):
        entry.save()
    with pytest.raises(HistoryIsPermanent):
        entry.delete()
    with pytest.raises(HistoryIsPermanent):
        StatusUpdate.objects.filter(pk=entry.pk).update(reason="Rewritten")
    with pytest.raises(HistoryIsPermanent):
        StatusUpdate.objects.filter(pk=entry.pk).delete()

    assert snapshot(StatusUpdate.objects.get(pk=entry.pk)) == before


def test_no_admin_edit_rewrites_or_deletes_the_history(client):
    page = published_opportunity()
    republish(page, status="open", change_reason="Open for bids.")
    before = [snapshot(entry) for entry in entries(page)]
    client.force_login(StaffUserFactory())
    page = OpportunityPage.objects.get(pk=page.pk)
    url = f"/admin/pages/{page.pk}/edit/"

    for changes in (
        {"status": "planned", "change_reason": "Back to planned.", "history": "[]"},
        {"closes_on": page.closes_on + 20 * DAY, "change_reason": "Later."},
        {"title": "Renamed opportunity"},
    ):
        response = client.post(url, edit_form_data(page, **changes))
        assert response.status_code == 302, response.content.decode()[:2000]
        page = OpportunityPage.objects.get(pk=page.pk)

    history = entries(page)
    assert [snapshot(entry) for entry in history[:2]] == before
    assert [(e.status, e.reason) for e in history[2:]] == [
        ("planned", "Back to planned."),
        ("planned", "Later."),
    ]


def test_the_admin_has_no_way_to_edit_history(client):
    from django.urls import NoReverseMatch, reverse

    from wagtail.snippets.models import get_snippet_models

    assert StatusUpdate not in get_snippet_models()
    client.force_login(StaffUserFactory())
    for name in ("wagtailsnippets_pipeline_statusupdate:list", "admin:pipeline_statusupdate"):
        with pytest.raises(NoReverseMatch):
            reverse(name)
    assert client.get("/admin/snippets/pipeline/statusupdate/").status_code == 404


def test_the_admin_cannot_delete_an_opportunity_with_history(client):
    page = published_opportunity()
    before = [snapshot(entry) for entry in entries(page)]
    client.force_login(StaffUserFactory())

    for target in (page, page.get_parent()):
        response = client.post(f"/admin/pages/{target.pk}/delete/")
        assert response.status_code in (302, 403)
        assert response.get("Location") != f"/admin/pages/{target.get_parent().pk}/"

    assert OpportunityPage.objects.filter(pk=page.pk).exists()
    assert [snapshot(entry) for entry in entries(page)] == before
