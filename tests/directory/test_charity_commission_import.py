"""The Charity Commission import: a streaming reader for the register extract, and listings
created, kept up to date and marked as removed without overwriting what people edited."""

import datetime
import io
import json
import shutil
from pathlib import Path

from django.core.management import call_command

from wagtail.models import PageLogEntry, Revision

import pytest

from directory.imports.charity_commission import (
    CHARITY_FILE,
    ImportReport,
    PlaceMap,
    Selection,
    clean_website,
    describe,
    import_charity_commission,
    income_band,
    summarise,
    tidy_name,
)
from directory.imports.json_stream import JSONStreamError, iter_json_array
from directory.models import OrganisationPage, OrganisationSource, OrganisationStatus
from tests.factories import OrganisationPageFactory, UserFactory

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "charity_commission"

# The charities in the fixture that the default keywords select.
SELECTED = {"9100001", "9100002", "9100003", "9100006", "9100007"}


# The streaming reader -----------------------------------------------------------------------

AWKWARD_ARRAY = (
    "\ufeff \r\n\t[ \n"
    '{"id": 1, "name": "Brackets ] and [ braces } {", "nested": {"list": [1, [2, {"x": []}]]}},'
    '\n\n   {"id": 2, "text": "Commas, \\"quotes\\", a backslash \\\\ and \\u00a3", "n": -12.5e3}'
    '\t,{"id": 3, "unicode": "£ é — 🙂", "empty": {}, "none": null, "yes": true, "no": false},'
    '123456789, "a string", [], true , null,\r\n'
    '{"id": 4, "long": "' + "x" * 500 + '"}'
    "\n ]\n\n"
)


class TrickleStream:
    """A binary stream that hands out at most `size` bytes a read and remembers how much."""

    def __init__(self, data, size):
        self._data = io.BytesIO(data)
        self._size = size
        self.bytes_read = 0
        self.largest_read = 0

    def read(self, n=-1):
        chunk = self._data.read(self._size if n is None or n < 0 else min(n, self._size))
        self.bytes_read += len(chunk)
        self.largest_read = max(self.largest_read, len(chunk))
        return chunk


def expected_elements():
    return json.loads(AWKWARD_ARRAY.lstrip("\ufeff"))


@pytest.mark.parametrize("chunk_size", [1, 2, 3, 5, 7, 16, 1024])
def test_the_reader_yields_every_element_whatever_the_chunk_size(chunk_size):
    stream = TrickleStream(AWKWARD_ARRAY.encode("utf-8"), chunk_size)

    elements = list(iter_json_array(stream, chunk_size=chunk_size))

    assert elements == expected_elements()
    assert stream.largest_read <= chunk_size


@pytest.mark.parametrize("chunk_size", [1, 4, 64])
def test_the_reader_takes_text_streams_with_a_byte_order_mark(chunk_size):
    elements = list(iter_json_array(io.StringIO(AWKWARD_ARRAY), chunk_size=chunk_size))

    assert elements == expected_elements()


def test_the_reader_yields_records_before_reading_the_whole_stream():
    records = [{"registered_charity_number": n, "charity_name": f"Charity {n}"} for n in range(500)]
    data = b"\xef\xbb\xbf" + json.dumps(records).encode()
    stream = TrickleStream(data, 64)

    reader = iter_json_array(stream, chunk_size=64)
    first = next(reader)

    assert first == records[0]
    assert stream.bytes_read < 200 < len(data)
    assert list(reader) == records[1:]


def test_an_empty_array_yields_nothing():
    assert list(iter_json_array(io.BytesIO(b"\xef\xbb\xbf [ \n ] \n"), chunk_size=2)) == []


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b'{"not": "an array"}',
        b'[{"id": 1}, {"id": 2}',
        b'[{"id": 1} {"id": 2}]',
        b'[{"id": 1, "name": "unterminated}]',
        b'[{"id": 1}] trailing',
    ],
)
def test_a_malformed_array_is_an_error(data):
    with pytest.raises(JSONStreamError):
        list(iter_json_array(io.BytesIO(data), chunk_size=3))


def test_the_fixture_is_shaped_like_the_commissions_extract():
    raw = (FIXTURE / CHARITY_FILE).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf[")
    with (FIXTURE / CHARITY_FILE).open("rb") as stream:
        records = list(iter_json_array(stream, chunk_size=10))
    assert len(records) == 9
    assert {record["linked_charity_number"] for record in records} == {0, 1}


# Mapping -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("www.example.org", "https://www.example.org"),
        ("example.org/about", "https://example.org/about"),
        ("http://example.org", "http://example.org"),
        ("HTTPS://Example.org/Path", "https://Example.org/Path"),
        ("n/a", ""),
        ("none", ""),
        ("ftp://example.org", ""),
        (None, ""),
        ("", ""),
    ],
)
def test_websites_get_a_scheme_or_are_dropped(value, expected):
    assert clean_website(value) == expected


@pytest.mark.parametrize(
    ("income", "band"),
    [
        (0, "under-10k"),
        (2500.0, "under-10k"),
        (10000, "under-10k"),
        (10001, "10k-100k"),
        (499999.99, "100k-500k"),
        (1250000.0, "1m-5m"),
        (25000000, "over-10m"),
        (None, ""),
        ("", ""),
    ],
)
def test_latest_income_maps_to_an_income_band(income, band):
    assert income_band(income) == band


def test_a_long_activities_text_is_summarised_at_a_sentence_or_word_boundary():
    sentences = "We help people leaving prison. " * 20
    summary = summarise(sentences)
    assert len(summary) <= 300
    assert summary.endswith("prison.")

    one_long_sentence = "word " * 100
    summary = summarise(one_long_sentence)
    assert len(summary) <= 300
    assert summary.endswith("word…")

    assert summarise("  Short   and\nsweet. ") == "Short and sweet."


def test_the_description_is_escaped_plain_text_in_paragraphs():
    assert describe('Advice & "support" <b>now</b>\n\nSecond') == (
        "<p>Advice &amp; &quot;support&quot; &lt;b&gt;now&lt;/b&gt;</p><p>Second</p>"
    )


def test_names_in_capitals_are_put_in_title_case():
    assert tidy_name("THE AMBERWICK TRUST FOR EX-OFFENDERS (UK)") == (
        "The Amberwick Trust for Ex-Offenders (UK)"
    )
    assert tidy_name("Quillbrook Prison Link") == "Quillbrook Prison Link"


@pytest.mark.django_db
def test_areas_of_operation_map_to_regions_through_places():
    places = PlaceMap()

    assert places.coverage(["Leeds"], []) == (False, ["yorkshire-and-the-humber"])
    assert places.coverage(["Throughout England And Wales"], []) == (True, [])
    assert places.coverage(["Throughout England"], []) == (True, [])
    assert places.coverage(["Throughout London"], []) == (False, ["london"])
    assert places.coverage(["Throughout Wales"], []) == (False, ["wales"])
    assert places.coverage(["City Of London"], []) == (False, ["london"])
    assert places.coverage(["Newcastle Upon Tyne City", "County Durham"], []) == (
        False,
        ["north-east"],
    )
    assert places.coverage(["Manchester City", "Birmingham City", "Scotland"], []) == (
        False,
        ["greater-manchester", "west-midlands"],
    )
    # No usable area: the town in the contact address.
    assert places.coverage(["Kirklees"], ["Unit 4", "Huddersfield"]) == (
        False,
        ["yorkshire-and-the-humber"],
    )
    assert places.coverage([], ["1 Leeds Road", "Nowhere-in-particular"]) == (False, [])


def test_options_replace_the_configured_selection(settings):
    settings.CHARITY_IMPORT_KEYWORDS = ["prison"]
    settings.CHARITY_IMPORT_CLASSIFICATION_CODES = ["107"]

    configured = Selection.from_settings()
    assert configured.keywords == ["prison"]
    assert configured.classification_codes == ["107"]

    chosen = Selection.from_settings(classification_codes=["105"])
    assert chosen.keywords == []
    assert chosen.classification_codes == ["105"]
    assert chosen.matches({"charity_name": "Prison Visitors"}, {"101"}) is False
    assert chosen.matches({"charity_name": "Kitchen"}, {"105", "207"}) is True


# Importing ---------------------------------------------------------------------------------


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
        assert page.live
        assert page.get_parent().pk == tree.directory.pk
        assert page.source == OrganisationSource.IMPORTED
        assert page.charity_regulator == "ccew"
        assert page.revisions.count() == 1
        status = status_of(page)
        assert status.is_claimed is False
        assert status.removed_from_register_on is None
        assert set(status.register_snapshot) >= {"title", "summary", "regions", "website"}

    prison_link = listing("9100001")
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


# The command -------------------------------------------------------------------------------


def test_the_command_imports_and_prints_the_report(tree):
    out = io.StringIO()

    call_command("import_charity_commission", str(FIXTURE), stdout=out)

    output = out.getvalue()
    assert "Created: 5" in output
    assert "Updated: 0" in output
    assert "Unchanged: 0" in output
    assert "Marked as removed from the register: 0" in output
    assert "Skipped: 4" in output
    assert "subsidiary: 1" in output
    assert "not selected: 2" in output
    assert OrganisationPage.objects.count() == 5

    out = io.StringIO()
    call_command("import_charity_commission", str(FIXTURE), stdout=out)
    assert "Created: 0" in out.getvalue()
    assert "Unchanged: 5" in out.getvalue()


def test_the_command_selects_by_classification_code_and_keyword(tree):
    out = io.StringIO()

    call_command(
        "import_charity_commission",
        str(FIXTURE),
        "--classification-code",
        "105",
        "--keyword",
        "gardening",
        stdout=out,
    )

    assert set(OrganisationPage.objects.values_list("charity_number", flat=True)) == {
        "9100004",
        "9100008",
    }
    assert "Created: 2" in out.getvalue()


def test_the_command_dry_run_and_limit(tree):
    out = io.StringIO()
    call_command("import_charity_commission", str(FIXTURE), "--dry-run", stdout=out)
    assert "Created: 5" in out.getvalue()
    assert "Dry run: nothing was saved." in out.getvalue()
    assert OrganisationPage.objects.count() == 0

    call_command("import_charity_commission", str(FIXTURE), "--limit", "2", stdout=io.StringIO())
    assert OrganisationPage.objects.count() == 2


def test_the_command_explains_a_missing_file(tree, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="publicextract.charity.json"):
        call_command("import_charity_commission", str(tmp_path), stdout=io.StringIO())


def test_the_report_lists_its_counts():
    report = ImportReport(created=2, dry_run=True)
    report.skip("subsidiary")

    assert "Created: 2" in report.lines()
    assert "  subsidiary: 1" in report.lines()
    assert report.lines()[-1] == "Dry run: nothing was saved."
