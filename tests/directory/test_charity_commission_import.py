"""The Charity Commission import: listings created, kept up to date and marked as removed
without overwriting what people edited."""

import datetime
import json
import shutil

from wagtail.models import PageLogEntry, Revision

import pytest

from directory.imports.charity_commission import (
    import_charity_commission,
)
from directory.imports.charity_extract import CHARITY_FILE
from directory.imports.charity_mapping import (
    PlaceMap,
)
from directory.models import OrganisationPage, OrganisationSource, OrganisationStatus
from tests.directory.charity_commission_fixture import FIXTURE
from tests.factories import OrganisationPageFactory, UserFactory

# The charities in the fixture that the default keywords select.
SELECTED = {"9100001", "9100002", "9100003", "9100006", "9100007"}


@pytest.fixture
def extract(tmp_path):
    """A copy of the fixture extract that a test may change."""
    folder = tmp_path / "extract"
    shutil.copytree(FIXTURE, folder)
    return folder


def edit_charity(folder, number, **changes):
    """Change the main record of one charity in a copy of the extract (kept with its BOM)."""
    path = folder / CHARITY_FILE
    records = json.loads(path.read_text(encoding="utf-8-sig"))
    for record in records:
        if record["registered_charity_number"] == number and record["linked_charity_number"] == 0:
            record.update(changes)
    path.write_text(json.dumps(records, indent=1), encoding="utf-8-sig")


def run_import(folder=FIXTURE, **kwargs):
    return import_charity_commission(folder, chunk_size=256, **kwargs)


def listing(number):
    return OrganisationPage.objects.get(charity_regulator="ccew", charity_number=number)


def status_of(page):
    return OrganisationStatus.objects.get(organisation=page)


def region_slugs(page):
    return sorted(page.regions.values_list("slug", flat=True))


def database_state():
    """Everything the import could change, to compare two imports."""
    through = OrganisationPage.regions.through
    return {
        "pages": list(OrganisationPage.objects.order_by("pk").values()),
        "regions": sorted(through.objects.values_list("organisationpage_id", "region_id")),
        "statuses": list(OrganisationStatus.objects.order_by("pk").values()),
        "revisions": sorted(
            Revision.page_revisions.values_list("object_id", "pk").order_by("object_id", "pk")
        ),
        "log entries": PageLogEntry.objects.count(),
    }


def assert_a_public_unclaimed_import(page, directory):
    """A live listing in the directory, from the register, with one revision and unclaimed."""
    assert page.live
    assert page.get_parent().pk == directory.pk
    assert page.source == OrganisationSource.IMPORTED
    assert page.charity_regulator == "ccew"
    assert page.revisions.count() == 1
    status = status_of(page)
    assert status.is_claimed is False
    assert status.removed_from_register_on is None
    assert set(status.register_snapshot) >= {"title", "summary", "regions", "website"}


def assert_the_prison_link_is_mapped_from_its_record(prison_link):
    """Every field of a charity with a full record in the extract."""
    assert prison_link.title == "Quillbrook Prison Link"
    assert prison_link.slug == "quillbrook-prison-link"
    assert region_slugs(prison_link) == ["yorkshire-and-the-humber"]
    assert prison_link.is_national is False
    assert prison_link.income_band == "10k-100k"
    assert prison_link.website == "https://www.quillbrook-prison-link.example"
    assert prison_link.email == "hello@quillbrook-prison-link.example"
    assert prison_link.phone == "0113 496 0001"
    assert prison_link.address == "Larch House\n12 Mill Lane\nLeeds"
    assert prison_link.postcode == "LS1 4AB"
    assert prison_link.summary.startswith("We run the visitors' centre at the local prison")
    assert "help with travel costs &amp; childcare" in prison_link.description


def test_importing_creates_public_unclaimed_listings_for_the_selected_charities(tree):
    report = run_import()

    assert set(OrganisationPage.objects.values_list("charity_number", flat=True)) == SELECTED
    assert (report.created, report.updated, report.unchanged, report.removed) == (5, 0, 0, 0)
    assert report.records_read == 9
    assert report.skipped_reasons == {
        "subsidiary": 1,
        "not selected": 2,
        "removed, not listed": 1,
    }

    for page in OrganisationPage.objects.all():
        assert_a_public_unclaimed_import(page, tree.directory)

    assert_the_prison_link_is_mapped_from_its_record(listing("9100001"))

    resettlement = listing("9100002")
    assert resettlement.title == "Amberwick Resettlement Trust"
    assert resettlement.is_national is True
    assert region_slugs(resettlement) == []
    assert resettlement.website == "https://www.amberwick-resettlement.example"
    assert resettlement.income_band == "1m-5m"
    assert len(resettlement.summary) <= 300
    assert resettlement.summary.endswith(".")
    assert "&quot;the first week&quot; [and the first year]" in resettlement.description

    womens_project = listing("9100003")
    assert region_slugs(womens_project) == ["london"]
    assert womens_project.income_band == "under-10k"
    assert womens_project.website == ""  # "n/a" is not a web address
    assert womens_project.email == ""  # nor is "not an email" an email address
    assert womens_project.postcode == "E8 1AA"

    # "Kirklees" is not a known place: the contact address says West Yorkshire.
    assert region_slugs(listing("9100006")) == ["yorkshire-and-the-humber"]
    assert listing("9100006").income_band == ""

    helpline = listing("9100007")
    assert helpline.title == "Larkhollow Victims of Crime Helpline"
    assert region_slugs(helpline) == ["greater-manchester", "west-midlands"]
    assert helpline.website == "https://Larkhollow-helpline.example/support"


def test_subsidiaries_removed_and_unselected_charities_are_not_listed(tree):
    run_import()

    numbers = set(OrganisationPage.objects.values_list("charity_number", flat=True))
    assert "9100004" not in numbers  # a gardening club
    assert "9100008" not in numbers  # a community kitchen: selected only by its code
    assert "910005" not in numbers  # removed from the register
    assert not OrganisationPage.objects.filter(title__icontains="visitors fund").exists()
    assert not OrganisationPage.objects.filter(charity_number__contains="-").exists()


def test_importing_the_same_extract_twice_changes_nothing(tree):
    run_import()
    before = database_state()

    report = run_import()

    assert database_state() == before
    assert (report.created, report.updated, report.removed, report.held) == (0, 0, 0, 0)
    assert report.unchanged == 5


def test_an_owners_edit_survives_while_untouched_fields_follow_the_register(tree, extract):
    run_import(extract)
    page = listing("9100001")
    owner = UserFactory()
    page.summary = "Our own words: a welcome for every family visiting the prison."
    page.save_revision(user=owner).publish(user=owner, skip_permission_checks=True)

    edit_charity(
        extract,
        9100001,
        charity_activities="We now also run a helpline for prisoners' families.",
        charity_contact_web="quillbrook-link.example",
        latest_income=120000.0,
    )
    report = run_import(extract)

    page = listing("9100001")
    assert page.summary == "Our own words: a welcome for every family visiting the prison."
    assert page.description == "<p>We now also run a helpline for prisoners&#x27; families.</p>"
    assert page.website == "https://quillbrook-link.example"
    assert page.income_band == "100k-500k"
    assert page.live and not page.has_unpublished_changes
    assert page.revisions.count() == 3  # the import's, the owner's, the import's again
    assert report.updated == 1
    assert report.unchanged == 4

    snapshot = status_of(page).register_snapshot
    assert snapshot["website"] == "https://quillbrook-link.example"
    # The summary is still the owner's: the snapshot keeps what the import last wrote.
    assert snapshot["summary"].startswith("We run the visitors' centre")

    # And once more with the same extract: nothing new.
    revisions = Revision.page_revisions.count()
    assert run_import(extract).updated == 0
    assert Revision.page_revisions.count() == revisions


def test_an_edited_region_is_kept(tree, extract):
    run_import(extract)
    page = listing("9100003")
    page.regions = list(page.regions.all()) + [PlaceMap().regions_by_slug["south-central"]]
    page.save_revision().publish()

    edit_charity(extract, 9100003, charity_contact_phone="020 7946 0999")
    run_import(extract)

    page = listing("9100003")
    assert region_slugs(page) == ["london", "south-central"]
    assert page.phone == "020 7946 0999"


def test_a_listing_with_a_draft_is_held_until_it_is_published(tree, extract):
    run_import(extract)
    page = listing("9100002")
    page.summary = "A draft the owner has not published yet."
    page.save_revision()

    edit_charity(extract, 9100002, charity_contact_phone="0115 496 0999")
    report = run_import(extract)

    page = listing("9100002")
    assert report.held == 1
    assert page.phone == "0115 496 0002"
    assert page.get_latest_revision().as_object().summary == (
        "A draft the owner has not published yet."
    )


def test_a_charity_removed_from_the_register_is_marked_not_deleted(tree, extract):
    run_import(extract)
    revisions = listing("9100007").revisions.count()

    edit_charity(
        extract,
        9100007,
        charity_registration_status="Removed",
        date_of_removal="2025-10-01T00:00:00",
        charity_contact_phone="0161 496 0999",
    )
    report = run_import(extract)

    page = listing("9100007")
    assert report.removed == 1
    assert status_of(page).removed_from_register_on == datetime.date(2025, 10, 1)
    assert page.live
    assert page.phone == "0161 496 0007"
    assert page.revisions.count() == revisions

    before = database_state()
    assert run_import(extract).removed == 0
    assert database_state() == before


def test_an_existing_listing_of_a_removed_charity_is_marked(tree):
    page = OrganisationPageFactory(
        title="Copperholt Offender Mentoring",
        charity_regulator="ccew",
        charity_number="910005",
        source=OrganisationSource.SELF_LISTED,
    )

    run_import()

    assert status_of(page).removed_from_register_on == datetime.date(2024, 3, 31)


def test_a_self_listed_organisation_is_not_overwritten(tree):
    page = OrganisationPageFactory(
        title="Quillbrook Families",
        summary="Written by the charity itself.",
        charity_regulator="ccew",
        charity_number="9100001",
        source=OrganisationSource.SELF_LISTED,
        website="https://quillbrook-families.example",
    )
    OrganisationStatus.objects.filter(organisation=page).update(is_claimed=True)
    revisions = page.revisions.count()

    report = run_import()

    page = listing("9100001")
    assert page.title == "Quillbrook Families"
    assert page.summary == "Written by the charity itself."
    assert page.website == "https://quillbrook-families.example"
    assert page.source == OrganisationSource.SELF_LISTED
    assert page.revisions.count() == revisions
    assert status_of(page).is_claimed is True
    assert report.created == 4
    assert report.unchanged == 1


def test_a_dry_run_saves_nothing(tree):
    before = database_state()

    report = run_import(dry_run=True)

    assert report.created == 5
    assert database_state() == before
