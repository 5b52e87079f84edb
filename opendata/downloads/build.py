"""Build the downloads: the directory as one CSV row per public service (with its
organisation's columns) and as an Open Referral UK JSON package.

Each file is written to a temporary file in the same folder and moved into place with
`os.replace`, so a reader always gets a whole file, the old one or the new one. Rows are read
from the database in chunks and written as they come, so memory stays flat however big the
directory grows. When a file was generated and how big it is are read back from the file.
"""

import csv
import datetime
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation

from core.exports import BOM, clean_cell
from core.page_urls import page_absolute_url
from core.progress import Progress
from opendata.records.organisations import (
    organization_identifiers,
    organization_record,
    text_of,
)
from opendata.records.queries import public_organisations, public_services
from opendata.records.services import service_record
from opendata.records.taxonomies import TAXONOMIES, all_terms, taxonomy_record, term_record

CSV_NAME = "directory.csv"
JSON_NAME = "directory.json"
CONTENT_TYPES = {
    CSV_NAME: "text/csv; charset=utf-8",
    JSON_NAME: "application/json",
}
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
ATTRIBUTION = "Contains data from Common Ground, published under the Open Government Licence v3.0."
CHUNK_SIZE = 500


def open_data_root():
    """Where the downloads live: `settings.OPEN_DATA_ROOT`, or `open-data/` in the project."""
    root = getattr(settings, "OPEN_DATA_ROOT", None)
    return Path(root) if root else Path(settings.BASE_DIR) / "open-data"


@dataclass(frozen=True)
class DownloadFile:
    """A generated download as it is on disk."""

    name: str
    path: Path
    generated_at: datetime.datetime
    size: int

    @property
    def content_type(self):
        return CONTENT_TYPES[self.name]


def download_file(name):
    """The download called `name` if it has been generated, else None."""
    if name not in CONTENT_TYPES:
        return None
    path = open_data_root() / name
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    generated_at = datetime.datetime.fromtimestamp(stat.st_mtime, tz=datetime.UTC)
    return DownloadFile(name=name, path=path, generated_at=generated_at, size=stat.st_size)


def write_atomically(path, write):
    """Call `write(text_file)` on a temporary file beside `path`, then move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with open(descriptor, "w", encoding="utf-8", newline="") as handle:
            result = write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return result


# --- CSV ------------------------------------------------------------------------------------


def _joined(values):
    return "; ".join(value for value in values if value)


def _names(terms):
    return _joined(term.name for term in terms)


def _iso(moment):
    return moment.isoformat() if moment else ""


def _assured_date(service):
    """When the service was last confirmed as correct (Open Referral's `assured_date`)."""
    status = getattr(service, "operational_status", None)
    confirmed = status.last_confirmed_at if status else None
    return confirmed.date().isoformat() if confirmed else ""


def _one_line(address):
    return ", ".join(line.strip(" ,") for line in address.splitlines() if line.strip(" ,"))


def _location_text(location):
    """A location as published: a confidential one is only its area."""
    if location.is_confidential:
        return location.area
    parts = [location.name, _one_line(location.address), location.postcode]
    return ", ".join(part for part in [*parts, location.area] if part)


def _identifiers(organisation):
    """Register numbers in org-id.guide form (GB-CHC-1098765, GB-COH-01234567)."""
    return _joined(found["identifier"] for found in organization_identifiers(organisation))


SERVICE_COLUMNS = [
    ("service_id", lambda s: s.translation_key),
    ("service_name", lambda s: s.title),
    ("service_description", lambda s: text_of(s.description)),
    ("service_status", lambda s: s.status),
    ("service_page", page_absolute_url),
    ("service_website", lambda s: s.website),
    ("service_email", lambda s: s.email),
    ("service_phone", lambda s: s.phone),
    ("categories", lambda s: _names(s.categories.all())),
    ("client_groups", lambda s: _names(s.client_groups.all())),
    ("justice_stages", lambda s: _names(s.stages.all())),
    ("works_nationally", lambda s: "yes" if s.is_national else "no"),
    ("regions", lambda s: "" if s.is_national else _names(s.regions.all())),
    ("eligibility", lambda s: s.eligibility),
    ("referral_method", lambda s: s.get_referral_method_display()),
    ("referral_details", lambda s: s.referral_details),
    ("cost", lambda s: s.cost),
    ("languages", lambda s: _joined(s.language_list)),
    ("delivery", lambda s: _joined(str(m.label) for m in s.delivery_methods)),
    ("locations", lambda s: " | ".join(_location_text(loc) for loc in s.locations.all())),
    ("assured_date", _assured_date),
    ("last_modified", lambda s: _iso(s.last_published_at)),
]
ORGANISATION_COLUMNS = [
    ("organisation_id", lambda o: o.translation_key),
    ("organisation_name", lambda o: o.title),
    ("organisation_page", page_absolute_url),
    ("organisation_website", lambda o: o.website),
    ("organisation_email", lambda o: o.email),
    ("organisation_phone", lambda o: o.phone),
    ("organisation_identifiers", _identifiers),
    ("organisation_address", lambda o: _one_line(o.public_address)),
]
CSV_HEADER = [name for name, _value in SERVICE_COLUMNS + ORGANISATION_COLUMNS]


def csv_row(service):
    organisation = service.organisation
    values = [value(service) for _name, value in SERVICE_COLUMNS]
    values += [value(organisation) for _name, value in ORGANISATION_COLUMNS]
    return [clean_cell(value) for value in values]


def write_csv(handle, progress=None):
    """One row per public service; returns how many."""
    progress = progress or Progress.silent()
    handle.write(BOM)
    writer = csv.writer(handle)
    writer.writerow(CSV_HEADER)
    count = 0
    for service in public_services().iterator(chunk_size=CHUNK_SIZE):
        writer.writerow(csv_row(service))
        count += 1
        progress.advance()
    return count


# --- JSON -----------------------------------------------------------------------------------


def _write_array(handle, key, records, progress=None):
    """Write `"key": [ ... ]`, one record at a time; returns how many."""
    progress = progress or Progress.silent()
    handle.write(f"{json.dumps(key)}: [")
    count = 0
    for record in records:
        handle.write(",\n" if count else "\n")
        handle.write(json.dumps(record, ensure_ascii=False, default=str))
        count += 1
        progress.advance()
    handle.write("\n]")
    return count


def package_header(generated_at):
    return {
        "generated_at": generated_at.isoformat(),
        "licence": LICENCE_URL,
        "attribution": ATTRIBUTION,
        "standard": "Open Referral UK 3.0",
    }


def write_json_package(handle, generated_at, progress=None):
    """The Open Referral UK package: every public service (full records, with their
    organisation and locations), the organisations, the taxonomies and their terms."""
    header = json.dumps(package_header(generated_at), ensure_ascii=False)
    handle.write(header[:-1] + ",\n")
    services = public_services().iterator(chunk_size=CHUNK_SIZE)
    counts = {"services": _write_array(handle, "services", map(service_record, services), progress)}
    handle.write(",\n")
    organisations = public_organisations().iterator(chunk_size=CHUNK_SIZE)
    counts["organizations"] = _write_array(
        handle, "organizations", map(organization_record, organisations), progress
    )
    handle.write(",\n")
    taxonomies = (taxonomy_record(taxonomy, with_terms=False) for taxonomy in TAXONOMIES)
    counts["taxonomies"] = _write_array(handle, "taxonomies", taxonomies)
    handle.write(",\n")
    terms = (term_record(term, taxonomy) for taxonomy, term in all_terms())
    counts["taxonomy_terms"] = _write_array(handle, "taxonomy_terms", terms)
    handle.write("\n}\n")
    return counts


# --- Both -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuildSummary:
    services: int
    organisations: int
    files: list
    seconds: float

    def __str__(self):
        sizes = ", ".join(f"{file.name} {file.size:,} bytes" for file in self.files)
        return (
            f"Open data: {self.services:,} services, {self.organisations:,} organisations; "
            f"{sizes}; {self.seconds:.1f} s."
        )


def _silent(label, unit):
    return Progress.silent()


def build_open_data(progress_for=_silent):
    """Write both downloads from what the public directory shows now. `progress_for(label,
    unit)` gives the Progress each file reports to (core.progress)."""
    started = time.monotonic()
    root = open_data_root()
    # Names and labels in the files are the default language's, whoever runs the command.
    with translation.override(settings.LANGUAGE_CODE):
        with progress_for(CSV_NAME, "services") as progress:
            services = write_atomically(root / CSV_NAME, lambda h: write_csv(h, progress))
        with progress_for(JSON_NAME, "records") as progress:
            counts = write_atomically(
                root / JSON_NAME,
                lambda h: write_json_package(h, timezone.now(), progress),
            )
    return BuildSummary(
        services=services,
        organisations=counts["organizations"],
        files=[download_file(CSV_NAME), download_file(JSON_NAME)],
        seconds=time.monotonic() - started,
    )
