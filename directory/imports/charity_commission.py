"""Import criminal justice charities from the Charity Commission for England and Wales.

The Commission publishes its register as a daily extract, one JSON file per table, each one
large array of records (the charity table is over a gigabyte and starts with a byte-order
mark). The import streams them (`iter_json_array`): the classification and area-of-operation
tables first, into small dicts keyed by charity number, then the charity table itself.

What it does with each main charity (subsidiaries, `linked_charity_number` ≠ 0, are skipped):

- **Selection** (`selection.py`): a charity is imported when its name or activities contain
  one of the keywords, or when it has one of the classification codes: the active
  `CharitySelectionRule`s moderators edit in the admin, or the command's options. A charity
  that is already listed is always kept up to date, selected or not. A charity a moderator
  rejected (`RejectedCharity`) is never added again (counted as rejected); its live listing,
  if a team claimed it or listed it themselves, is still kept up to date.
- **Run record** (`runs.py`): every run, dry runs included, is saved as a `CharityImportRun`
  with its counts, counts by region and a sample of what was added and why.
- **New listing**: a live, published, unclaimed `OrganisationPage` under the directory, with
  `source` imported. Imported listings are public from the start, so that the organisation
  can find and claim them and the reach report can count them. Removed charities are never
  added.
- **Existing listing** (same regulator and number): each imported field is overwritten only
  while the page still shows what the last import wrote (`OrganisationStatus.register_snapshot`),
  so whatever an owner or moderator changed is kept. A new revision is published only when
  something changed: importing the same extract twice changes nothing. A listing with an
  unpublished draft, in moderation or unpublished is left alone ("held"): publishing would
  replace the draft or cancel the moderation, or bring back a page someone took down.
  Fields the import never wrote (no snapshot entry, e.g. a self-listed organisation that
  later matched) are never touched.
- **Confidential addresses**: the register's address and postcode are never written to a
  listing whose address must stay unpublished (`organisation_address_is_protected`: kept
  confidential by its team, or services for people affected by domestic abuse or sexual
  violence, or every location confidential); the snapshot keeps what it had for them, and
  `address_is_confidential` is never written.
- **Removed from the register**: the listing is marked (`removed_from_register_on`), not
  deleted or changed; moderators decide what happens next.
"""

import datetime
import logging
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from core.progress import Progress
from directory.identifiers import CharityRegulator, normalise_charity_number
from directory.imports.charity_extract import (
    AREA_FILE,
    CHARITY_FILE,
    CLASSIFICATION_FILE,
    CharityImportError,
    iter_table,
    load_areas,
    load_classifications,
    open_table,
)
from directory.imports.charity_mapping import PlaceMap, as_date, as_int, is_removed, map_record
from directory.imports.json_stream import DEFAULT_CHUNK_SIZE
from directory.imports.runs import ImportReport, finish_run, start_run
from directory.imports.selection import Selection, rejected_numbers
from directory.listings.confidentiality import organisation_address_is_protected
from directory.models import (
    DirectoryIndexPage,
    OrganisationPage,
    OrganisationSource,
    OrganisationStatus,
)

__all__ = ["ImportReport", "Selection", "import_charity_commission"]

logger = logging.getLogger(__name__)

# The fields the import writes, and records in the snapshot.
IMPORTED_FIELDS = [
    "title",
    "summary",
    "description",
    "website",
    "email",
    "phone",
    "address",
    "postcode",
    "income_band",
    "is_national",
    "regions",
]
ADDRESS_FIELDS = ("address", "postcode")


# Writing -----------------------------------------------------------------------------------


def current_values(page):
    """The page's values for the imported fields, in the snapshot's form."""
    values = {name: getattr(page, name) for name in IMPORTED_FIELDS if name != "regions"}
    values["regions"] = sorted(region.slug for region in page.regions.all())
    return values


def _unique_slug(directory, title, number):
    base = slugify(title)[:200] or f"charity-{number}"
    taken = set(
        OrganisationPage.objects.child_of(directory)
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    for slug in (base, f"{base}-{number}"):
        if slug not in taken:
            return slug
    counter = 2
    while f"{base}-{number}-{counter}" in taken:
        counter += 1
    return f"{base}-{number}-{counter}"


def _apply(page, values, places):
    for name, value in values.items():
        if name == "regions":
            page.regions = [places.regions_by_slug[slug] for slug in value]
        else:
            setattr(page, name, value)


def create_listing(directory, number, values, places):
    page = OrganisationPage(
        slug=_unique_slug(directory, values["title"], number),
        charity_regulator=CharityRegulator.ENGLAND_AND_WALES,
        charity_number=number,
        source=OrganisationSource.IMPORTED,
    )
    _apply(page, values, places)
    directory.add_child(instance=page)
    page.save_revision().publish()
    OrganisationStatus.objects.filter(organisation=page).update(
        is_claimed=False, register_snapshot=values, removed_from_register_on=None
    )
    return page


def plan_update(current, snapshot, imported, withheld=()):
    """The fields to write and the new snapshot.

    A field is written only while the page still shows what the last import wrote; a field
    the page already agrees on is recorded in the snapshot without a write. `withheld`
    fields (a confidential address) are neither written nor recorded.
    """
    changes = {}
    new_snapshot = dict(snapshot)
    for name in IMPORTED_FIELDS:
        if name not in snapshot or name in withheld:
            continue  # never imported into this listing, or withheld: not ours to change
        value = imported[name]
        if current[name] == value:
            new_snapshot[name] = value
        elif current[name] == snapshot[name]:
            changes[name] = value
            new_snapshot[name] = value
    return changes, new_snapshot


def _is_held(page):
    return not page.live or page.has_unpublished_changes or page.workflow_in_progress


def _save_status(status, changes):
    """Save only what changed, so an import with nothing new leaves the row as it was."""
    if not changes:
        return
    for name, value in changes.items():
        setattr(status, name, value)
    status.save(update_fields=[*changes, "updated_at"])


def _region_names(page):
    return [region.name for region in page.regions.all()]


@dataclass
class CharityCommissionImport:
    """One run of the import over the extract in `folder`."""

    folder: Path
    selection: Selection
    today: datetime.date
    limit: int | None = None
    chunk_size: int = DEFAULT_CHUNK_SIZE
    report: ImportReport = field(default_factory=ImportReport)
    progress: Progress = field(default_factory=Progress.silent)

    def run(self):
        self.directory = DirectoryIndexPage.objects.order_by("path").first()
        if self.directory is None:
            raise CharityImportError(
                "There is no directory page to add listings to: run setup_site first."
            )
        logger.info("Reading classifications and areas of operation from %s", self.folder)
        self.classifications = load_classifications(self.folder, self.chunk_size)
        self.areas = load_areas(self.folder, self.chunk_size)
        self.places = PlaceMap()
        listed = OrganisationPage.objects.filter(
            charity_regulator=CharityRegulator.ENGLAND_AND_WALES
        ).values_list("charity_number", "pk", "live")
        self.listed = {number: pk for number, pk, _live in listed}
        # A rejected charity stays out, unless a live listing of it remains (claimed or
        # self-listed: rejecting unpublishes only unclaimed imports).
        self.rejected = rejected_numbers() - {number for number, _pk, live in listed if live}
        processed = 0
        for record in iter_table(self.folder, CHARITY_FILE, self.chunk_size):
            self.report.records_read += 1
            self.progress.advance()
            number = self._number_to_import(record)
            if number is None:
                continue
            if self.limit is not None and processed >= self.limit:
                break
            processed += 1
            try:
                with transaction.atomic():
                    self._import(record, number)
            except ValidationError as error:
                logger.warning("Charity %s could not be saved: %s", number, error)
                self.report.skip("could not be saved")
        return self.report

    def _number_to_import(self, record):
        """The normalised number of a charity to create or update, or None (and why)."""
        if as_int(record.get("linked_charity_number")) not in (0, None):
            self.report.skip("subsidiary")
            return None
        raw_number = as_int(record.get("registered_charity_number"))
        try:
            number = normalise_charity_number(CharityRegulator.ENGLAND_AND_WALES, str(raw_number))
        except ValidationError:
            self.report.skip("invalid charity number")
            return None
        if number in self.rejected:
            self.report.rejected += 1
            return None
        if number in self.listed:
            return number  # already listed: kept up to date, selected or not
        self._reasons = self.selection.matches(record, self.classifications.get(raw_number, set()))
        if not self._reasons:
            self.report.skip("not selected")
            return None
        if is_removed(record):
            self.report.skip("removed, not listed")
            return None
        return number

    def _import(self, record, number):
        areas = self.areas.get(int(number), [])
        page_id = self.listed.get(number)
        if page_id is None:
            values = map_record(record, number, areas, self.places)
            page = create_listing(self.directory, number, values, self.places)
            self.listed[number] = page.pk
            regions = [self.places.regions_by_slug[slug].name for slug in values["regions"]]
            self.report.count("created", regions)
            self.report.add_to_sample(number, page.title, self._reasons)
            logger.info("Created %s (%s)", page.title, number)
        else:
            self._update(OrganisationPage.objects.get(pk=page_id), record, number, areas)

    def _update(self, page, record, number, areas):
        status, _created = OrganisationStatus.objects.get_or_create(organisation=page)
        status_changes = {}

        if is_removed(record):
            if status.removed_from_register_on is None:
                removed_on = as_date(record.get("date_of_removal")) or self.today
                status_changes["removed_from_register_on"] = removed_on
                self.report.count("removed", _region_names(page))
                logger.info("Marked %s (%s) as removed on %s", page.title, number, removed_on)
            else:
                self.report.count("unchanged", _region_names(page))
            _save_status(status, status_changes)
            return
        if status.removed_from_register_on is not None:
            status_changes["removed_from_register_on"] = None  # registered again

        if _is_held(page):
            self.report.count("held", _region_names(page))
            _save_status(status, status_changes)
            return

        imported = map_record(record, number, areas, self.places)
        withheld = ADDRESS_FIELDS if organisation_address_is_protected(page) else ()
        changes, new_snapshot = plan_update(
            current_values(page), status.register_snapshot or {}, imported, withheld
        )
        if new_snapshot != status.register_snapshot:
            status_changes["register_snapshot"] = new_snapshot
        if changes:
            _apply(page, changes, self.places)
            page.save_revision().publish()
            self.report.count("updated", _region_names(page))
            logger.info("Updated %s (%s): %s", page.title, number, ", ".join(sorted(changes)))
        else:
            self.report.count("unchanged", _region_names(page))
        _save_status(status, status_changes)


def import_charity_commission(
    folder,
    *,
    selection=None,
    dry_run=False,
    limit=None,
    chunk_size=DEFAULT_CHUNK_SIZE,
    today=None,
    progress=None,
    source="",
):
    """Import the extract in `folder`; returns an `ImportReport`. Safe to run again.

    Every run is recorded as a `CharityImportRun` (`source` says where the extract came
    from, the folder by default); a run that fails is recorded as failed, then the error is
    raised again. `progress` (a `core.progress.Progress`) advances once per charity record.
    """
    folder = Path(folder)
    for filename in (CHARITY_FILE, CLASSIFICATION_FILE, AREA_FILE):
        with open_table(folder, filename):
            pass  # fail before any work if a table is missing
    run = CharityCommissionImport(
        folder=folder,
        selection=selection or Selection.from_rules(),
        today=today or timezone.localdate(),
        limit=limit,
        chunk_size=chunk_size,
        report=ImportReport(dry_run=dry_run),
        progress=progress or Progress.silent(),
    )
    record = start_run(source or folder, dry_run)
    # Each charity is saved in its own transaction; a dry run does everything in one and
    # rolls it back, so its report is exactly what a real run would say. The run's record
    # is written outside it: it is all a dry run leaves behind.
    try:
        with transaction.atomic() if dry_run else nullcontext():
            report = run.run()
            if dry_run:
                transaction.set_rollback(True)
    except Exception as error:
        finish_run(record, run.report, error=error)
        raise
    finish_run(record, report)
    logger.info("Charity Commission import finished: %s", "; ".join(report.lines()))
    return report
