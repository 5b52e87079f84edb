"""Getting the Charity Commission's register extract into one folder the import can read.

The import reads a folder holding the three tables (`charity_extract.open_table`: each
table's .json, or the Commission's .zip of it). `prepared_extract` gives it one from what
the operator has:

- **a folder**: used as it is;
- **files** (.json or .zip) and **URLs** (http or https), one per table, recognised by
  their names (`publicextract.charity.zip`, …): local files are linked, URLs downloaded,
  into a temporary folder that is removed afterwards, whatever happens;
- **the published addresses** (`--fetch`): `settings.CHARITY_REGISTER_URLS`, a dict
  {table's JSON file name: URL}, by default the Commission's own (`DEFAULT_REGISTER_URLS`).

Downloads stream to disk in chunks (never the whole body in memory), with a timeout on each
read. A download is complete only when the bytes received match the Content-Length. A
dropped connection is resumed with a Range request (`Range: bytes=N-`, answered 206); a
server that answers 200 instead is read again from the start. After
`CHARITY_DOWNLOAD_ATTEMPTS` attempts (a short, growing pause between them) the download
fails with a clear error, and every table is downloaded and checked (a .zip must be a sound
archive holding its table) before anything is imported.
"""

import os
import re
import shutil
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
from contextlib import contextmanager
from http.client import HTTPException
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings

from core.progress import Progress
from directory.imports.charity_extract import (
    AREA_FILE,
    CHARITY_FILE,
    CLASSIFICATION_FILE,
    CharityImportError,
)

TABLES = (CHARITY_FILE, CLASSIFICATION_FILE, AREA_FILE)

# The register extract's JSON tables, one .zip each, as linked from
# https://register-of-charities.charitycommission.gov.uk/register/full-register-download
# (refreshed daily). Change them with settings.CHARITY_REGISTER_URLS if the Commission moves
# them.
REGISTER_DATA_URL = "https://ccewuksprdoneregsadata1.blob.core.windows.net/data/json"
DEFAULT_REGISTER_URLS = {
    table: f"{REGISTER_DATA_URL}/{PurePosixPath(table).with_suffix('.zip')}" for table in TABLES
}

DEFAULT_ATTEMPTS = 5
DEFAULT_TIMEOUT_SECONDS = 60
DEFAULT_BACKOFF_SECONDS = 2
CHUNK_SIZE = 1024 * 1024
USER_AGENT = "CommonGround-register-import/1.0 (+urllib)"


class DownloadError(CharityImportError):
    """A table could not be downloaded, or what arrived is not the extract."""


def register_urls():
    """{table: URL} to fetch: `settings.CHARITY_REGISTER_URLS`, or the Commission's own."""
    return dict(getattr(settings, "CHARITY_REGISTER_URLS", None) or DEFAULT_REGISTER_URLS)


def is_url(source):
    return str(source).lower().startswith(("http://", "https://"))


def table_named(name):
    """The table a file is for, from its name (`publicextract.charity.zip` → the charity
    table's JSON file name); None for any other name."""
    for table in TABLES:
        if name in (table, str(PurePosixPath(table).with_suffix(".zip"))):
            return table
    return None


def _source_name(source):
    if is_url(source):
        return PurePosixPath(unquote(urlsplit(source).path)).name
    return Path(source).name


def tables_from_sources(sources):
    """[(table, source)] for files and URLs named after the tables; every table once."""
    found = {}
    for source in sources:
        table = table_named(_source_name(source))
        if table is None:
            names = ", ".join(str(PurePosixPath(t).with_suffix(".zip")) for t in TABLES)
            raise CharityImportError(
                f"{source} is not one of the register extract's tables: expected one of "
                f"{names} (or the .json files)."
            )
        if table in found:
            raise CharityImportError(f"Two sources for {table}: {found[table]} and {source}.")
        found[table] = source
    return _every_table(found)


def tables_from_settings(urls=None):
    """[(table, URL)] from `settings.CHARITY_REGISTER_URLS` (or the given dict)."""
    urls = register_urls() if urls is None else dict(urls)
    unknown = sorted(set(urls) - set(TABLES))
    if unknown:
        raise CharityImportError(
            f"CHARITY_REGISTER_URLS names unknown tables: {', '.join(unknown)} "
            f"(the keys are {', '.join(TABLES)})."
        )
    return _every_table(urls)


def _every_table(found):
    missing = [table for table in TABLES if table not in found]
    if missing:
        raise CharityImportError(
            "The import needs all three tables; nothing given for " + ", ".join(missing) + "."
        )
    return [(table, found[table]) for table in TABLES]


@contextmanager
def prepared_extract(sources=None, *, fetch=False, progress_for=None):
    """A folder holding the three tables, from a folder, files and URLs (`sources`) or the
    published addresses (`fetch`). A temporary folder is removed on the way out.

    `progress_for(label, total)` returns a Progress for each download (by default none)."""
    sources = [str(source) for source in (sources or [])]
    if len(sources) == 1 and not is_url(sources[0]) and Path(sources[0]).is_dir():
        yield Path(sources[0])
        return
    pairs = tables_from_settings() if fetch and not sources else tables_from_sources(sources)
    for _table, source in pairs:
        if not is_url(source) and not Path(source).is_file():
            raise CharityImportError(f"{source} does not exist.")
    folder = Path(tempfile.mkdtemp(prefix="charity-register-", dir=_temporary_root()))
    try:
        for table, source in pairs:
            if is_url(source):
                fetch_table(table, source, folder, progress_for=progress_for)
            else:
                link_table(table, Path(source), folder)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _temporary_root():
    root = getattr(settings, "CHARITY_DOWNLOAD_DIR", None)
    if root:
        Path(root).mkdir(parents=True, exist_ok=True)
    return root


def link_table(table, path, folder):
    """Put a local file into the folder under its table's name (linked, or copied)."""
    name = table if path.suffix.lower() == ".json" else _zip_name(table)
    target = folder / name
    try:
        os.symlink(path.resolve(), target)
    except OSError:
        shutil.copyfile(path, target)
    check_table(table, target, str(path))
    return target


def fetch_table(table, url, folder, progress_for=None):
    """Download one table into the folder, under the name `open_table` looks for."""
    partial = folder / (table + ".part")
    download(url, partial, progress_for=progress_for)
    looks_zipped = _source_name(url).lower().endswith(".zip") or zipfile.is_zipfile(partial)
    target = folder / (_zip_name(table) if looks_zipped else table)
    partial.replace(target)
    check_table(table, target, url)
    return target


def _zip_name(table):
    return str(PurePosixPath(table).with_suffix(".zip"))


def check_table(table, path, source):
    """Fail early, before any import, if a table is not what the import expects."""
    if path.suffix == ".zip":
        _check_zip(table, path, source)
        return
    with path.open("rb") as stream:
        start = stream.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    if not start.startswith(b"["):
        raise DownloadError(
            f"{source} is not the register's {table}: it does not start with a JSON array."
        )


def _check_zip(table, path, source):
    if not zipfile.is_zipfile(path):
        raise DownloadError(f"{source} is not a zip archive.")
    try:
        with zipfile.ZipFile(path) as archive:
            damaged = archive.testzip()
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise DownloadError(f"{source} is a damaged zip archive ({error}).") from error
    if damaged is not None:
        raise DownloadError(f"{source} is a damaged zip archive ({damaged} fails its check).")
    if not any(name.endswith(table) for name in names):
        raise DownloadError(f"{source} does not contain {table}.")


def _setting(name, default):
    value = getattr(settings, name, None)
    return default if value is None else value


def download(url, path, *, progress_for=None, attempts=None, timeout=None, sleep=time.sleep):
    """Stream `url` into `path` until the bytes received match its Content-Length.

    Resumes a dropped connection with a Range request; starts again when the server
    answers 200 to it; raises DownloadError after `attempts` tries (or at once for a
    client error such as 404). Returns the size."""
    attempts = attempts or _setting("CHARITY_DOWNLOAD_ATTEMPTS", DEFAULT_ATTEMPTS)
    timeout = timeout or _setting("CHARITY_DOWNLOAD_TIMEOUT_SECONDS", DEFAULT_TIMEOUT_SECONDS)
    backoff = _setting("CHARITY_DOWNLOAD_BACKOFF_SECONDS", DEFAULT_BACKOFF_SECONDS)
    state = _Download(url, progress_for)
    with open(path, "wb") as out:
        for attempt in range(1, attempts + 1):
            try:
                state.attempt(out, timeout)
            except urllib.error.HTTPError as error:
                if error.code < 500 and error.code not in (408, 429):
                    raise DownloadError(
                        f"Could not download {url}: the server answered {error.code} "
                        f"{error.reason}."
                    ) from error
                state.last_error = f"{error.code} {error.reason}"
            except (urllib.error.URLError, HTTPException, OSError) as error:
                state.last_error = (
                    str(getattr(error, "reason", None) or error) or type(error).__name__
                )
            if state.complete():
                return state.received
            if attempt < attempts:
                sleep(backoff * 2 ** (attempt - 1))
    raise DownloadError(state.failure(attempts))


class _Download:
    """One file's download across attempts: how much arrived, how much is expected."""

    def __init__(self, url, progress_for=None):
        self.url = url
        self.progress_for = progress_for
        self.received = 0
        self.expected = None
        self.last_error = None

    def complete(self):
        return self.expected is not None and self.received == self.expected

    def attempt(self, out, timeout):
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
        if self.received:
            headers["Range"] = f"bytes={self.received}-"
        request = urllib.request.Request(self.url, headers=headers)
        with urllib.request.urlopen(request, timeout=timeout) as response:
            self._start(out, response)
            progress = self._progress()
            with progress:
                progress.advance(self.received)
                while chunk := response.read(CHUNK_SIZE):
                    out.write(chunk)
                    self.received += len(chunk)
                    progress.advance(len(chunk))
            out.flush()
        if self.expected is None:
            self.expected = self.received  # no Content-Length: the closed body is the file
        elif self.received != self.expected:
            self.last_error = "the connection closed early"
        if self.received > (self.expected or 0):
            self.last_error = "more bytes arrived than announced"
            self._restart(out)

    def _start(self, out, response):
        """Where this response's bytes go: after what we have (206), or from the start."""
        if response.status == 206:
            start, total = _content_range(response.headers.get("Content-Range"))
            if not self.received or start != self.received:
                self._restart(out)  # not the part asked for: ask for the whole file next
                raise HTTPException(f"unexpected Content-Range {start}, wanted {self.received}")
            if total is not None:
                self.expected = total
            return
        self._restart(out)
        length = response.headers.get("Content-Length")
        self.expected = int(length) if length and length.isdigit() else None

    def _restart(self, out):
        out.seek(0)
        out.truncate()
        self.received = 0

    def _progress(self):
        if self.progress_for is None:
            return Progress.silent()
        return self.progress_for(f"Downloading {_source_name(self.url)}", self.expected)

    def failure(self, attempts):
        of = f" of {self.expected:,}" if self.expected is not None else ""
        reason = f" ({self.last_error})" if self.last_error else ""
        return (
            f"Could not download {self.url}: stopped at {self.received:,}{of} bytes after "
            f"{attempts} attempts{reason}. Nothing was imported."
        )


def _content_range(value):
    """(first byte, total size or None) from `Content-Range: bytes 100-199/200`."""
    match = re.fullmatch(r"\s*bytes\s+(\d+)-\d+/(\d+|\*)\s*", value or "")
    if not match:
        return None, None
    total = match.group(2)
    return int(match.group(1)), (int(total) if total.isdigit() else None)
