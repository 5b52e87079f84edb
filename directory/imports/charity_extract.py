"""Reading the Charity Commission's extract: one JSON array per table, in a folder or in
the Commission's .zip files, streamed record by record."""

import io
import zipfile
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

from directory.imports.charity_mapping import as_int
from directory.imports.json_stream import DEFAULT_CHUNK_SIZE, iter_json_array

CHARITY_FILE = "publicextract.charity.json"
CLASSIFICATION_FILE = "publicextract.charity_classification.json"
AREA_FILE = "publicextract.charity_area_of_operation.json"


class CharityImportError(Exception):
    """The import cannot run (missing files, no directory page)."""


@contextmanager
def open_table(folder, filename):
    """A binary stream of one table: the .json file, or the .json inside the Commission's .zip."""
    folder = Path(folder)
    path = folder / filename
    if path.exists():
        with path.open("rb") as stream:
            yield stream
        return
    archive_path = path.with_suffix(".zip")
    if archive_path.exists():
        with zipfile.ZipFile(archive_path) as archive:
            member = next((name for name in archive.namelist() if name.endswith(filename)), None)
            if member is None:
                raise CharityImportError(f"{archive_path} does not contain {filename}")
            with archive.open(member) as stream:
                yield io.BufferedReader(stream)
        return
    raise CharityImportError(f"Missing {filename} (or its .zip) in {folder}")


def iter_table(folder, filename, chunk_size=DEFAULT_CHUNK_SIZE):
    with open_table(folder, filename) as stream:
        yield from iter_json_array(stream, chunk_size=chunk_size)


def _main_charity_number(record):
    """The registered number of a main charity's record; None for a subsidiary's."""
    if as_int(record.get("linked_charity_number")) not in (0, None):
        return None
    return as_int(record.get("registered_charity_number"))


def load_classifications(folder, chunk_size=DEFAULT_CHUNK_SIZE):
    """Classification codes of each main charity: {charity number: {"105", "301", …}}."""
    codes = defaultdict(set)
    for record in iter_table(folder, CLASSIFICATION_FILE, chunk_size):
        number = _main_charity_number(record)
        code = record.get("classification_code")
        if number is not None and code not in (None, ""):
            codes[number].add(str(code).strip())
    return codes


def load_areas(folder, chunk_size=DEFAULT_CHUNK_SIZE):
    """Areas of operation of each main charity: {charity number: ["Leeds", …]}."""
    areas = defaultdict(list)
    for record in iter_table(folder, AREA_FILE, chunk_size):
        number = _main_charity_number(record)
        description = (record.get("geographic_area_description") or "").strip()
        if number is not None and description:
            areas[number].append(description)
    return areas
