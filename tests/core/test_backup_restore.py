"""A backup restores: a site dumped with pg_dump and restored into an empty database serves
the same pages and the same search results, and `check_backup` tells a good dump (and its
media) from a truncated one or a media backup with files missing.

PostgreSQL only: the site is committed (a transactional test), dumped with `pg_dump -Fc`,
restored with `pg_restore` into a database this test creates and drops, and each database is
read by a separate Django process (DATABASE_URL pointing at it), as a restored site would be.
"""

import json
import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from wagtail.documents import get_document_model

import pytest

from core.management.commands.check_backup import (
    client_environment,
    create_database,
    database_url,
    drop_database,
    postgres_program,
    restore,
    scratch_database_name,
)
from tests.directory.filter_directory import build_filter_directory
from tests.factories import EventPageFactory, UserFactory, build_site_tree

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

QUERIES = ["housing", "women leaving prison", "recovery in Cardiff"]

# What a visitor of the site held in DATABASE_URL would see: every live page's address,
# title and status, and the services each query finds, in order.
SNAPSHOT = """
import json, django
django.setup()
from django.test import Client
from wagtail.models import Page
from search.api import SearchQuery, search

client = Client()
pages = []
for page in Page.objects.live().filter(depth__gt=1).order_by("path"):
    url = page.get_url()
    if url is None:  # outside the site (Wagtail's "Welcome" page)
        continue
    response = client.get(url)
    pages.append([url, page.title, response.status_code, page.title in response.text])
found = {q: [r.pk for r in search("services", SearchQuery(text=q)).results] for q in QUERIES}
print(json.dumps({"pages": pages, "search": found}))
"""


def snapshot(database):
    env = dict(os.environ, DATABASE_URL=database_url(database), SEARCH_URL="", REDIS_URL="")
    script = f"QUERIES = {QUERIES!r}\n{SNAPSHOT}"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def site(migrated_transactional_db, tmp_path):
    """A small site, committed: home, directory with four organisations and eight services,
    an event, two people, and a document whose file is in a copy of the media folder."""
    build_site_tree()
    build_filter_directory()
    EventPageFactory(title="Autumn forum meeting")
    UserFactory.create_batch(2)
    get_document_model().objects.create(title="Minutes", file="documents/minutes.txt")
    media = tmp_path / "media"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "minutes.txt").write_text("Minutes of the autumn meeting")
    return media


@pytest.fixture
def dump(site, tmp_path):
    path = tmp_path / "site.dump"
    subprocess.run(
        [postgres_program("pg_dump"), "--format=custom", "--no-owner", "--file", str(path)]
        + [connection.settings_dict["NAME"]],
        env=client_environment(),
        check=True,
    )
    return path


@pytest.fixture
def restored(dump):
    name = scratch_database_name("restore_test")
    create_database(name)
    try:
        restore(dump, name)
        yield name
    finally:
        drop_database(name)


def test_the_restored_database_serves_the_same_pages_and_search_results(restored):
    source = snapshot(connection.settings_dict["NAME"])
    copy = snapshot(restored)

    assert copy == source
    titles = {title for _url, title, _status, _shown in copy["pages"]}
    assert {"Leeds Housing Advice", "Autumn forum meeting"} <= titles
    assert all(status == 200 and shown for _url, _title, status, shown in copy["pages"])
    assert copy["search"]["housing"], "the check needs a query with results"


def test_check_backup_passes_a_good_dump_with_its_media(dump, site, capsys):
    call_command("check_backup", str(dump), media=str(site))

    out = capsys.readouterr().out
    assert "FAILED" not in out
    assert "missing for this code: none" in out
    assert "services: 8 in the backup (8 in the current database)" in out
    assert "directory search" in out
    assert "media: 1 file(s) referenced, all present" in out
    assert "restores and serves the site" in out
    assert not _scratch_databases_left()


def test_check_backup_fails_a_truncated_dump_with_a_clear_message(dump, tmp_path):
    truncated = tmp_path / "truncated.dump"
    truncated.write_bytes(dump.read_bytes()[: dump.stat().st_size // 2])

    with pytest.raises(CommandError, match="NOT usable: the dump could not be restored"):
        call_command("check_backup", str(truncated))
    assert not _scratch_databases_left()


def test_check_backup_fails_when_media_files_are_missing(dump, tmp_path, capsys):
    empty_media = tmp_path / "empty-media"
    empty_media.mkdir()

    with pytest.raises(CommandError, match="NOT usable: 1 check"):
        call_command("check_backup", str(dump), media=str(empty_media))
    assert "1 missing from the media backup: documents/minutes.txt" in capsys.readouterr().out


def _scratch_databases_left():
    """check_backup's scratch databases for this test database (named after it)."""
    prefix = scratch_database_name(connection.settings_dict["NAME"]).split("_backupcheck_")[0]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{prefix}_backupcheck_%"]
        )
        return [row[0] for row in cursor.fetchall()]
