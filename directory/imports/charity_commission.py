"""Import criminal justice charities from the Charity Commission for England and Wales.

The Commission publishes its register as a daily extract, one JSON file per table, each one
large array of records (the charity table is over a gigabyte and starts with a byte-order
mark). The import streams them (`iter_json_array`): the classification and area-of-operation
tables first, into small dicts keyed by charity number, then the charity table itself.

What it does with each main charity (subsidiaries, `linked_charity_number` ≠ 0, are skipped):

- **Selection**: a charity is imported when its name or activities contain one of the
  keywords, or when it has one of the classification codes (settings
  `CHARITY_IMPORT_KEYWORDS` and `CHARITY_IMPORT_CLASSIFICATION_CODES`, or the command's
  options). A charity that is already listed is always kept up to date, selected or not.
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
import re
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

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
from directory.listings.confidentiality import organisation_address_is_protected
from directory.models import (
    DirectoryIndexPage,
    OrganisationPage,
    OrganisationSource,
    OrganisationStatus,
)

logger = logging.getLogger(__name__)


# Words in a charity's name or activities that say it works in criminal justice. Matched
# case-insensitively at the start of a word, so "prison" also finds "prisoners".
DEFAULT_KEYWORDS = [
    "offender",
    "prison",
    "probation",
    "ex-offender",
    "criminal justice",
    "rehabilitation of offenders",
    "resettlement",
    "youth justice",
    "victims of crime",
]
# The Commission's "What" codes are broad (for instance 105, "The prevention or relief of
# poverty"): none singles out criminal justice, so by default none is used.
DEFAULT_CLASSIFICATION_CODES = []

PROGRESS_EVERY = 50_000

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


@dataclass
class Selection:
    """Which charities to import: any keyword in the name or activities, or any code."""

    keywords: list[str]
    classification_codes: list[str]

    def __post_init__(self):
        self.keywords = [keyword.strip().lower() for keyword in self.keywords if keyword.strip()]
        self.classification_codes = [
            str(code).strip() for code in self.classification_codes if str(code).strip()
        ]
        self._pattern = (
            re.compile(r"\b(?:" + "|".join(re.escape(k) for k in self.keywords) + ")")
            if self.keywords
            else None
        )

    @classmethod
    def from_settings(cls, keywords=None, classification_codes=None):
        """The settings' selection, or — if either option is given — exactly the options."""
        if keywords or classification_codes:
            return cls(list(keywords or []), list(classification_codes or []))
        return cls(
            list(getattr(settings, "CHARITY_IMPORT_KEYWORDS", DEFAULT_KEYWORDS)),
            list(
                getattr(
                    settings, "CHARITY_IMPORT_CLASSIFICATION_CODES", DEFAULT_CLASSIFICATION_CODES
                )
            ),
        )

    def matches(self, record, codes):
        if self.classification_codes and codes.intersection(self.classification_codes):
            return True
        if self._pattern is None:
            return False
        text = f"{record.get('charity_name') or ''}\n{record.get('charity_activities') or ''}"
        return bool(self._pattern.search(text.lower()))


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    held: int = 0
    skipped: int = 0
    skipped_reasons: Counter = field(default_factory=Counter)
    records_read: int = 0
    dry_run: bool = False

    def skip(self, reason):
        self.skipped += 1
        self.skipped_reasons[reason] += 1

    def lines(self):
        lines = [
            f"Charity records read: {self.records_read}",
            f"Created: {self.created}",
            f"Updated: {self.updated}",
            f"Unchanged: {self.unchanged}",
            f"Marked as removed from the register: {self.removed}",
            f"Held (draft, in moderation or unpublished): {self.held}",
            f"Skipped: {self.skipped}",
        ]
        lines += [f"  {reason}: {count}" for reason, count in sorted(self.skipped_reasons.items())]
        if self.dry_run:
            lines.append("Dry run: nothing was saved.")
        return lines


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


@dataclass
class CharityCommissionImport:
    """One run of the import over the extract in `folder`."""

    folder: Path
    selection: Selection
    today: datetime.date
    limit: int | None = None
    chunk_size: int = DEFAULT_CHUNK_SIZE
    report: ImportReport = field(default_factory=ImportReport)

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
        self.listed = dict(
            OrganisationPage.objects.filter(
                charity_regulator=CharityRegulator.ENGLAND_AND_WALES
            ).values_list("charity_number", "pk")
        )
        processed = 0
        for record in iter_table(self.folder, CHARITY_FILE, self.chunk_size):
            self.report.records_read += 1
            if self.report.records_read % PROGRESS_EVERY == 0:
                self._log_progress()
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

    def _log_progress(self):
        logger.info(
            "Read %s charity records: %s created, %s updated",
            self.report.records_read,
            self.report.created,
            self.report.updated,
        )

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
        if number in self.listed:
            return number  # already listed: kept up to date, selected or not
        if not self.selection.matches(record, self.classifications.get(raw_number, set())):
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
            self.report.created += 1
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
                self.report.removed += 1
                logger.info("Marked %s (%s) as removed on %s", page.title, number, removed_on)
            else:
                self.report.unchanged += 1
            _save_status(status, status_changes)
            return
        if status.removed_from_register_on is not None:
            status_changes["removed_from_register_on"] = None  # registered again

        if _is_held(page):
            self.report.held += 1
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
            self.report.updated += 1
            logger.info("Updated %s (%s): %s", page.title, number, ", ".join(sorted(changes)))
        else:
            self.report.unchanged += 1
        _save_status(status, status_changes)


def import_charity_commission(
    folder,
    *,
    selection=None,
    dry_run=False,
    limit=None,
    chunk_size=DEFAULT_CHUNK_SIZE,
    today=None,
):
    """Import the extract in `folder`; returns an `ImportReport`. Safe to run again."""
    folder = Path(folder)
    for filename in (CHARITY_FILE, CLASSIFICATION_FILE, AREA_FILE):
        with open_table(folder, filename):
            pass  # fail before any work if a table is missing
    run = CharityCommissionImport(
        folder=folder,
        selection=selection or Selection.from_settings(),
        today=today or timezone.localdate(),
        limit=limit,
        chunk_size=chunk_size,
        report=ImportReport(dry_run=dry_run),
    )
    # Each charity is saved in its own transaction; a dry run does everything in one and
    # rolls it back, so its report is exactly what a real run would say.
    with transaction.atomic() if dry_run else nullcontext():
        report = run.run()
        if dry_run:
            transaction.set_rollback(True)
    logger.info("Charity Commission import finished: %s", "; ".join(report.lines()))
    return report
