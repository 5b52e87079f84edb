"""Selection you can trust: rules moderators edit, reasons for each charity added, rejected
charities kept out, a record of every run (dry runs too) with counts by region, progress
while it reads, and the admin pages for it, open to moderators and site admins only."""

import io
import shutil

from django.contrib.auth.models import Group, Permission
from django.core.management.base import OutputWrapper
from django.urls import reverse

import pytest

from core.progress import Progress
from directory.imports.charity_commission import import_charity_commission
from directory.imports.charity_extract import CHARITY_FILE
from directory.imports.json_stream import JSONStreamError
from directory.imports.selection import reject_charity
from directory.models import (
    CharityImportRun,
    CharitySelectionRule,
    OrganisationPage,
    OrganisationStatus,
    RejectedCharity,
)
from directory.permissions import COMMISSIONERS_GROUP, ensure_commissioners_group
from tests.directory.charity_commission_fixture import FIXTURE
from tests.directory.test_charity_commission_import import SELECTED, database_state
from tests.factories.accounts import (
    ModeratorFactory,
    VerifiedUserFactory,
    activate_authenticator_app,
)


def run_import(folder=FIXTURE, **kwargs):
    return import_charity_commission(folder, chunk_size=256, **kwargs)


def numbers_listed():
    return set(OrganisationPage.objects.values_list("charity_number", flat=True))


def test_the_rules_in_the_database_decide_what_is_imported(tree):
    CharitySelectionRule.objects.filter(value="prison").update(active=False)
    CharitySelectionRule.objects.create(kind="classification", value="105")

    report = run_import()

    # 9100001 matched only "prison"; 9100008 (a community kitchen) has code 105.
    assert numbers_listed() == SELECTED - {"9100001"} | {"9100008"}
    assert report.created == 5


def test_a_dry_run_prints_what_would_be_added_and_why_and_changes_nothing_else(tree):
    before = database_state()

    report = run_import(dry_run=True)

    assert database_state() == before
    lines = report.lines()
    assert "Sample of charities that would be added, and why each was selected:" in lines
    assert any(line.startswith("  Amberwick Resettlement Trust (9100002): ") for line in lines)
    assert 'keyword "resettlement"' in "\n".join(lines)
    assert lines[-1] == "Dry run: nothing was saved."
    # The run's record is the only thing written.
    run = CharityImportRun.objects.get()
    assert (run.dry_run, run.outcome, run.added, run.records_read) == (True, "completed", 5, 9)
    assert {row["number"] for row in run.sample} == SELECTED
    helpline = next(row for row in run.sample if row["number"] == "9100007")
    assert helpline["reasons"] == ['keyword "victims of crime"']


def test_each_run_records_its_counts_by_region_and_sample(tree):
    run_import(source="https://example.test/extract")
    run_import()

    first, second = CharityImportRun.objects.order_by("started_at", "pk")
    assert first.source == "https://example.test/extract"
    assert second.source == str(FIXTURE)
    assert (first.added, first.skipped, first.outcome) == (5, 4, "completed")
    assert first.finished_at is not None
    assert first.by_region["London"] == {"added": 1}
    assert first.by_region["Greater Manchester"] == {"added": 1}
    assert first.by_region["No region"] == {"added": 1}  # the national charity
    assert "Created: 5" in first.report
    assert (second.added, second.unchanged, second.sample) == (0, 5, [])
    assert second.by_region["London"] == {"unchanged": 1}


def test_a_failing_run_is_recorded_as_failed_and_the_error_raised(tree, tmp_path):
    folder = tmp_path / "extract"
    shutil.copytree(FIXTURE, folder)
    path = folder / CHARITY_FILE
    path.write_bytes(path.read_bytes()[:-40])  # cut off mid-record

    with pytest.raises(JSONStreamError):
        run_import(folder)

    run = CharityImportRun.objects.get()
    assert run.outcome == "failed"
    assert "JSONStreamError" in run.error
    assert run.records_read > 0


def test_a_rejected_charity_is_unpublished_and_stays_out(tree):
    run_import()
    moderator = ModeratorFactory()
    rejection = RejectedCharity(charity_number="9100002", reason="Not criminal justice work")

    page = reject_charity(rejection, moderator)

    assert page.charity_number == "9100002"
    rejection.refresh_from_db()
    assert (rejection.name, rejection.rejected_by) == ("Amberwick Resettlement Trust", moderator)
    assert OrganisationPage.objects.get(charity_number="9100002").live is False
    RejectedCharity.objects.create(charity_number="9100003")  # rejected before it was listed
    OrganisationPage.objects.filter(charity_number="9100003").delete()

    report = run_import()

    assert report.rejected == 2
    assert (report.created, report.held) == (0, 0)
    assert not OrganisationPage.objects.filter(charity_number="9100003").exists()
    assert OrganisationPage.objects.get(charity_number="9100002").live is False
    assert CharityImportRun.objects.order_by("-pk").first().rejected == 2


def test_rejecting_a_claimed_listing_leaves_it_to_its_team(tree):
    run_import()
    page = OrganisationPage.objects.get(charity_number="9100001")
    OrganisationStatus.objects.filter(organisation=page).update(is_claimed=True)

    assert reject_charity(RejectedCharity(charity_number="9100001"), None) is None

    page.refresh_from_db()
    assert page.live is True
    assert run_import().rejected == 0  # still kept up to date


def test_progress_advances_once_per_charity_record(tree, settings):
    settings.PROGRESS_INTERVAL_SECONDS = 0
    out = io.StringIO()

    with Progress(OutputWrapper(out), "Charity records") as progress:
        run_import(progress=progress)

    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Charity records: 1 records")
    assert lines[8].startswith("Charity records: 9 records")
    assert lines[-1].startswith("Charity records: done: 9 records")


# The admin: moderators and site admins only --------------------------------------------


def _person(role):
    if role == "plain user":
        return VerifiedUserFactory()
    if role == "moderator":
        return ModeratorFactory()
    user = VerifiedUserFactory(is_superuser=role == "site admin", is_staff=role == "site admin")
    if role == "commissioner":
        ensure_commissioners_group()
        user.groups.add(Group.objects.get(name=COMMISSIONERS_GROUP))
    if role == "forum manager":
        group = Group.objects.create(name="Forum managers: London")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        user.groups.add(group)
    activate_authenticator_app(user)
    return user


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("moderator", True),
        ("site admin", True),
        ("commissioner", False),
        ("forum manager", False),
        ("plain user", False),
    ],
)
def test_who_sees_the_register_import_in_the_admin(client, tree, role, allowed):
    run_import(dry_run=True)
    run = CharityImportRun.objects.get()
    client.force_login(_person(role))
    urls = [
        reverse("charity_import_runs:index"),
        reverse("charity_import_runs:inspect", args=[run.pk]),
        reverse("charity_selection_rules:index"),
        reverse("charity_selection_rules:add"),
        reverse("rejected_charities:index"),
        reverse("rejected_charities:add"),
    ]
    for url in urls:
        response = client.get(url)
        assert (response.status_code == 200) is allowed, (url, response.status_code)
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert (b"Charity register import" in dashboard.content) is allowed
    # Runs are written by the import only: nobody edits or deletes them.
    assert client.get(reverse("charity_import_runs:edit", args=[run.pk])).status_code != 200


def test_a_moderator_sees_a_run_by_region_with_its_sample_and_rejects_from_it(client, tree):
    run_import()
    moderator = ModeratorFactory()
    client.force_login(moderator)
    run = CharityImportRun.objects.get()

    page = client.get(reverse("charity_import_runs:inspect", args=[run.pk])).content.decode()

    assert "Greater Manchester" in page
    assert "Amberwick Resettlement Trust (9100002)" in page
    assert "keyword &quot;resettlement&quot;" in page
    add_url = reverse("rejected_charities:add")
    assert f"{add_url}?charity_number=9100002" in page

    form = client.get(add_url, {"charity_number": "9100002", "name": "Amberwick"})
    assert b'value="9100002"' in form.content
    response = client.post(add_url, {"charity_number": " 9100002 ", "name": "", "reason": "No"})

    assert response.status_code == 302
    rejection = RejectedCharity.objects.get()
    assert (rejection.charity_number, rejection.rejected_by) == ("9100002", moderator)
    assert OrganisationPage.objects.get(charity_number="9100002").live is False


def test_a_moderator_cannot_reject_a_number_that_is_not_a_charity_number(client, tree):
    client.force_login(ModeratorFactory())

    response = client.post(reverse("rejected_charities:add"), {"charity_number": "abc"})

    assert response.status_code == 200
    assert b"Enter a charity number" in response.content
    assert not RejectedCharity.objects.exists()


def test_a_moderator_adds_a_selection_rule(client, tree):
    client.force_login(ModeratorFactory())

    response = client.post(
        reverse("charity_selection_rules:add"),
        {"kind": "keyword", "value": "gardening", "note": "Prison gardens", "active": "on"},
    )

    assert response.status_code == 302
    assert CharitySelectionRule.objects.filter(value="gardening", active=True).exists()
