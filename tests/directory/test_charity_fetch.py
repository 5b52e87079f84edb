"""Fetching the register extract: import_charity_commission given the tables' URLs (or
--fetch and settings.CHARITY_REGISTER_URLS) downloads them from a local HTTP server started
by the test, resumes a dropped connection, starts again when the server ignores Range,
rejects a truncated download or a 404 with a clear message, and imports nothing, leaving no
temporary file, unless every table arrived whole."""

import io
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

import pytest

from directory.imports.fetch import DEFAULT_REGISTER_URLS, TABLES, download
from directory.models import CharityImportRun, OrganisationPage
from tests.directory.charity_commission_fixture import FIXTURE

SELECTED = {"9100001", "9100002", "9100003", "9100006", "9100007"}


def zipped(table):
    """The Commission's .zip of one fixture table, as bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(FIXTURE / table, table)
    return buffer.getvalue()


def zip_name(table):
    return str(Path(table).with_suffix(".zip"))


EXTRACT = {f"/data/json/{zip_name(table)}": zipped(table) for table in TABLES}


class ExtractHandler(BaseHTTPRequestHandler):
    """Serves EXTRACT whole, honouring `Range: bytes=N-`. Subclasses misbehave."""

    requests = None  # [(path, Range header)], set per server

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        self.requests.append((self.path, self.headers.get("Range")))
        body = EXTRACT.get(self.path)
        if body is None:
            self.send_error(404, "Not Found")
            return
        self.answer(body, self.requests_for_this_path())

    def requests_for_this_path(self):
        return sum(1 for path, _range in self.requests if path == self.path)

    def answer(self, body, nth):
        start = self.range_start()
        if start:
            self.send(body[start:], status=206, content_range=(start, len(body)))
        else:
            self.send(body)

    def range_start(self):
        value = self.headers.get("Range") or ""
        if value.startswith("bytes=") and value.endswith("-"):
            return int(value[len("bytes=") : -1])
        return 0

    def send(self, body, status=200, length=None, content_range=None, cut_at=None):
        self.send_response(status)
        self.send_header("Content-Type", "application/zip")
        self.send_header("Content-Length", str(len(body) if length is None else length))
        if content_range:
            start, total = content_range
            self.send_header("Content-Range", f"bytes {start}-{total - 1}/{total}")
        self.end_headers()
        self.wfile.write(body[:cut_at])
        self.wfile.flush()
        self.close_connection = True


class DropsMidFileOnce(ExtractHandler):
    """The first request for each file stops halfway (the connection closes)."""

    def answer(self, body, nth):
        if nth == 1:
            self.send(body, cut_at=len(body) // 2)
        else:
            super().answer(body, nth)


class DropsOnceThenIgnoresRange(ExtractHandler):
    """The first request stops halfway; later ones answer 200 with the whole file."""

    def answer(self, body, nth):
        self.send(body, cut_at=len(body) // 2 if nth == 1 else None)


class AlwaysTruncatesTheAreaTable(ExtractHandler):
    """The area of operation table announces more bytes than it ever sends."""

    def answer(self, body, nth):
        if "area_of_operation" in self.path:
            self.send(body, length=len(body) + 1000)
        else:
            super().answer(body, nth)


class AnswersRangeFromTheWrongByte(ExtractHandler):
    """The first request stops halfway; a Range request gets the first 10 bytes (206)."""

    def answer(self, body, nth):
        if nth == 1:
            self.send(body, cut_at=len(body) // 2)
        elif self.range_start():
            self.send_response(206)
            self.send_header("Content-Length", "10")
            self.send_header("Content-Range", f"bytes 0-9/{len(body)}")
            self.end_headers()
            self.wfile.write(body[:10])
        else:
            self.send(body)


class ServesAnErrorPage(ExtractHandler):
    def answer(self, body, nth):
        self.send(b"<html><body>Service unavailable</body></html>")


@pytest.fixture
def serve():
    """serve(handler class) starts a local HTTP server; returns (base URL, requests made)."""
    servers = []

    def start(handler):
        requests = []
        handler_class = type(handler.__name__, (handler,), {"requests": requests})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler_class)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/data/json", requests

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def downloads(settings, tmp_path):
    """Where the temporary folders go (to check none is left), with no pause between tries."""
    folder = tmp_path / "downloads"
    settings.CHARITY_DOWNLOAD_DIR = str(folder)
    settings.CHARITY_DOWNLOAD_BACKOFF_SECONDS = 0
    settings.CHARITY_DOWNLOAD_ATTEMPTS = 3
    settings.CHARITY_DOWNLOAD_TIMEOUT_SECONDS = 5
    settings.PROGRESS_INTERVAL_SECONDS = 0
    return folder


def urls(base):
    return [f"{base}/{zip_name(table)}" for table in TABLES]


def imported_numbers():
    return set(OrganisationPage.objects.values_list("charity_number", flat=True))


def assert_nothing_left(folder):
    assert not folder.exists() or list(folder.iterdir()) == []


def test_fetch_resumes_a_dropped_connection_with_a_range_request(tree, serve, downloads, settings):
    base, requests = serve(DropsMidFileOnce)
    settings.CHARITY_REGISTER_URLS = dict(zip(TABLES, urls(base), strict=True))
    out = io.StringIO()

    call_command("import_charity_commission", "--fetch", stdout=out)

    assert imported_numbers() == SELECTED
    assert "Created: 5" in out.getvalue()
    run = CharityImportRun.objects.get()
    assert (run.outcome, run.added, run.source) == ("completed", 5, "\n".join(urls(base)))
    for table in TABLES:
        path = f"/data/json/{zip_name(table)}"
        half = len(EXTRACT[path]) // 2
        assert [r for r in requests if r[0] == path] == [(path, None), (path, f"bytes={half}-")]
        assert f"Downloading {zip_name(table)}: done: {len(EXTRACT[path]):,} bytes" in (
            out.getvalue()
        )
    assert_nothing_left(downloads)


def test_a_server_ignoring_range_is_read_again_from_the_start(tree, serve, downloads):
    base, requests = serve(DropsOnceThenIgnoresRange)
    out = io.StringIO()

    call_command("import_charity_commission", *urls(base), stdout=out)

    assert imported_numbers() == SELECTED
    assert len(requests) == 6  # each file: the dropped request, then the whole file again
    assert_nothing_left(downloads)


def test_a_truncated_download_is_rejected_and_nothing_is_imported(tree, serve, downloads):
    base, requests = serve(AlwaysTruncatesTheAreaTable)
    area = EXTRACT[f"/data/json/{zip_name(TABLES[2])}"]

    with pytest.raises(CommandError) as raised:
        call_command("import_charity_commission", *urls(base), stdout=io.StringIO())

    assert str(raised.value) == (
        f"Could not download {urls(base)[2]}: stopped at {len(area):,} of "
        f"{len(area) + 1000:,} bytes after 3 attempts (the connection closed early). "
        "Nothing was imported."
    )
    assert len([r for r in requests if "area_of_operation" in r[0]]) == 3
    assert OrganisationPage.objects.count() == 0
    run = CharityImportRun.objects.get()  # moderators see the run that never started
    assert (run.outcome, run.added) == ("failed", 0)
    assert "stopped at" in run.error
    assert_nothing_left(downloads)


def test_a_missing_file_is_explained_at_once(tree, serve, downloads):
    base, requests = serve(ExtractHandler)
    sources = [*urls(base)[:2], f"{base}/missing/{zip_name(TABLES[2])}"]

    with pytest.raises(CommandError, match=r"the server answered 404 Not Found"):
        call_command("import_charity_commission", *sources, stdout=io.StringIO())

    assert len(requests) == 3  # a 404 is not tried again
    assert OrganisationPage.objects.count() == 0
    assert_nothing_left(downloads)


def test_an_error_page_instead_of_the_zip_is_rejected(tree, serve, downloads):
    base, _requests = serve(ServesAnErrorPage)

    with pytest.raises(CommandError, match=r"publicextract.charity.zip is not a zip archive"):
        call_command("import_charity_commission", *urls(base), stdout=io.StringIO())

    assert OrganisationPage.objects.count() == 0
    assert_nothing_left(downloads)


def test_local_zip_files_and_urls_can_be_mixed(tree, serve, downloads, tmp_path):
    base, _requests = serve(ExtractHandler)
    charity_zip = tmp_path / zip_name(TABLES[0])
    charity_zip.write_bytes(zipped(TABLES[0]))

    call_command(
        "import_charity_commission", str(charity_zip), *urls(base)[1:], stdout=io.StringIO()
    )

    assert imported_numbers() == SELECTED
    assert charity_zip.exists()  # the operator's own file is left alone
    assert_nothing_left(downloads)


def test_sources_must_name_each_table_once(tree, downloads):
    with pytest.raises(CommandError, match="not one of the register extract's tables"):
        call_command("import_charity_commission", "https://example.org/extract.zip")
    with pytest.raises(CommandError, match="nothing given for .*charity_area_of_operation"):
        call_command("import_charity_commission", *urls("https://example.org")[:2])
    with pytest.raises(CommandError, match="or --fetch"):
        call_command("import_charity_commission")
    assert_nothing_left(downloads)


def test_the_default_addresses_are_the_commissions_json_tables():
    assert {
        table: "https://ccewuksprdoneregsadata1.blob.core.windows.net/data/json/" + zip_name(table)
        for table in TABLES
    } == DEFAULT_REGISTER_URLS


def test_a_part_that_is_not_the_one_asked_for_is_not_appended(serve, downloads, tmp_path):
    base, requests = serve(AnswersRangeFromTheWrongByte)
    path = f"/data/json/{zip_name(TABLES[1])}"
    target = tmp_path / "table.zip"

    download(urls(base)[1], target)

    assert target.read_bytes() == EXTRACT[path]
    assert [r[1] for r in requests] == [None, f"bytes={len(EXTRACT[path]) // 2}-", None]
