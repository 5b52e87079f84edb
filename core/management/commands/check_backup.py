"""Check a backup: restore it into a scratch database and see that the site works from it.

    manage.py check_backup DUMP [--media FOLDER-OR-ARCHIVE] [--keep]

DUMP is a `pg_dump -Fc` file (`tools/backup.sh` makes one, with a tar of the media). The
command

1. creates an empty scratch database on the same PostgreSQL server as the site
   (`<site database>_backupcheck_<time>`) and restores the dump into it with `pg_restore`
   (a truncated or corrupt dump fails here);
2. runs the checks below in a child process whose DATABASE_URL is the scratch database,
   with REDIS_URL and SEARCH_URL emptied, so that nothing it renders reads or writes the live
   site's shared cache or search engine:
   - every migration of this code is applied in the backup, and the backup has none this
     code does not know;
   - the key tables (live pages, organisations, services, events, users) have rows, printed
     beside the current database's counts; a table empty in the backup but not in the
     current database fails;
   - the home page and a directory search answer 200 from the restored database (through
     Django's full request handling, as the site serves them);
   - with --media, every file the database refers to (documents, images, any file field;
     not image renditions, which Wagtail makes again on demand) is in the media backup: a
     folder (a copy of MEDIA_ROOT) or a tar archive of it;
3. drops the scratch database, even when a step failed (unless --keep).

It prints a report and exits non-zero when any check fails. PostgreSQL only; the database
role needs CREATEDB. `pg_restore` is taken from the newest /usr/lib/postgresql/<version>/bin
(it must be at least as new as the pg_dump that made the file), else from PATH.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import FileField

# The key tables: (label, app label, model, only live pages).
KEY_TABLES = [
    ("live pages", "wagtailcore", "Page", True),
    ("organisations", "directory", "OrganisationPage", True),
    ("services", "directory", "ServicePage", True),
    ("events", "forums", "EventPage", True),
    ("users", "accounts", "User", False),
]
# Media a restore can do without: Wagtail makes renditions again from the original image.
REGENERATED_MEDIA = {"wagtailimages.Rendition"}
DIRECTORY_SEARCH = "housing"
MISSING_SHOWN = 5


class Command(BaseCommand):
    help = "Restore a pg_dump file into a scratch database and check that the site works from it."

    def add_arguments(self, parser):
        parser.add_argument("dump", help="a `pg_dump -Fc` file")
        parser.add_argument(
            "--media", help="the media backup: a copy of MEDIA_ROOT, or a tar archive of it"
        )
        parser.add_argument(
            "--keep", action="store_true", help="keep the scratch database (to look into it)"
        )
        # The child process's mode: run the checks on the database it is connected to.
        parser.add_argument("--inspect-restored", metavar="DATABASE", help=argparse.SUPPRESS)

    def handle(self, *args, **options):
        if options["inspect_restored"]:
            self._inspect(options["inspect_restored"], options["media"])
            return
        if connection.vendor != "postgresql":
            raise CommandError("check_backup needs the site's database to be PostgreSQL.")
        dump = Path(options["dump"])
        if not dump.is_file():
            raise CommandError(f"No dump file at {dump}.")
        media = Path(options["media"]) if options["media"] else None
        if media and not media.exists():
            raise CommandError(f"No media backup at {media}.")

        scratch = scratch_database_name(connection.settings_dict["NAME"])
        self.stdout.write(f"Checking {dump} ({dump.stat().st_size:,} bytes)")
        try:
            create_database(scratch)
        except Exception as error:  # noqa: BLE001 - psycopg's errors, said plainly
            raise CommandError(
                f"Could not create the scratch database {scratch} (the database role needs "
                f"CREATEDB): {error}"
            ) from error
        try:
            started = time.monotonic()
            restore(dump, scratch)
            self.stdout.write(f"  restored into {scratch} in {time.monotonic() - started:.1f} s")
            found = self._inspect_in_child(dump, scratch, media)
        except CommandError as error:
            self.stdout.write(self.style.ERROR(f"  FAILED  {error}"))
            raise CommandError(f"The backup {dump} is NOT usable: {error}") from error
        finally:
            if options["keep"]:
                self.stdout.write(f"  kept the scratch database {scratch}")
            else:
                try:
                    drop_database(scratch)
                except Exception as error:  # noqa: BLE001 - the report matters more
                    self.stderr.write(f"Could not drop the scratch database {scratch}: {error}")
        failures = self._report(found, key_table_counts())
        if failures:
            raise CommandError(
                f"The backup {dump} is NOT usable: {failures} check(s) failed (see above)."
            )
        self.stdout.write(self.style.SUCCESS(f"The backup {dump} restores and serves the site."))

    # -- the parent: run the child, print the report ---------------------------------------

    def _inspect_in_child(self, dump, scratch, media):
        command = [sys.executable, "-m", "django", "check_backup", str(dump)]
        command += ["--inspect-restored", scratch]
        if media:
            command += ["--media", str(media.resolve())]
        env = dict(os.environ)
        env.update({"DATABASE_URL": database_url(scratch), "REDIS_URL": "", "SEARCH_URL": ""})
        env.setdefault("DJANGO_SETTINGS_MODULE", settings.SETTINGS_MODULE)
        result = subprocess.run(
            command, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
        )
        lines = result.stdout.strip().splitlines()
        if result.returncode != 0 or not lines:
            detail = (result.stderr.strip() or result.stdout.strip()).splitlines()[-5:]
            raise CommandError(
                "the site could not be started on the restored database: " + " / ".join(detail)
            )
        return json.loads(lines[-1])

    def _report(self, found, current):
        failures = 0

        def line(ok, text):
            nonlocal failures
            failures += 0 if ok else 1
            mark = self.style.SUCCESS("  ok     ") if ok else self.style.ERROR("  FAILED ")
            self.stdout.write(mark + text)

        migrations = found["migrations"]
        line(
            not migrations["missing"] and not migrations["unknown"],
            f"migrations: {migrations['applied']} applied; "
            f"missing for this code: {_some(migrations['missing'])}; "
            f"unknown to this code: {_some(migrations['unknown'])}",
        )
        for label, count in found["counts"].items():
            now = current.get(label, 0)
            # Rows may have come and gone since the backup; a table emptied is a broken dump.
            ok = count > 0 if label == "live pages" else (count > 0 or now == 0)
            line(ok, f"{label}: {count:,} in the backup ({now:,} in the current database)")
        for check in found["pages"]:
            line(check["status"] == 200, f"{check['name']} {check['path']}: {check['status']}")
        media = found["media"]
        if media is None:
            self.stdout.write("  -      media: not checked (give --media FOLDER-OR-ARCHIVE)")
        else:
            missing = media["missing"]
            line(
                not missing,
                f"media: {media['referenced']:,} file(s) referenced, "
                + (
                    f"{len(missing):,} missing from the media backup: {_some(missing)}"
                    if missing
                    else "all present"
                ),
            )
        return failures

    # -- the child: connected to the restored database -------------------------------------

    def _inspect(self, scratch, media):
        if connection.settings_dict["NAME"] != scratch:
            raise CommandError("--inspect-restored runs only on the scratch database.")
        from django.test.utils import override_settings

        # Rendering must not read or write any cache the live site shares.
        caches = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
        with override_settings(CACHES=caches):
            found = {
                "migrations": migration_state(),
                "counts": key_table_counts(),
                "pages": served_pages(),
                "media": media_check(Path(media)) if media else None,
            }
        self.stdout.write(json.dumps(found))


def _some(names):
    """The first few names, and how many there are in all."""
    if not names:
        return "none"
    shown = ", ".join(names[:MISSING_SHOWN])
    return shown + (f" … ({len(names):,} in all)" if len(names) > MISSING_SHOWN else "")


# ---------------------------------------------------------------------------------------
# The scratch database
# ---------------------------------------------------------------------------------------


def scratch_database_name(site_database):
    stamp = time.strftime("%Y%m%d%H%M%S")
    base = re.sub(r"[^a-z0-9_]", "_", site_database.lower())[:24]
    return f"{base}_backupcheck_{stamp}_{os.getpid()}"


def _maintenance_connection():
    import psycopg

    db = connection.settings_dict
    params = {
        "dbname": "postgres",
        "user": db["USER"] or None,
        "password": db["PASSWORD"] or None,
        "host": db["HOST"] or None,
        "port": db["PORT"] or None,
    }
    if db.get("OPTIONS", {}).get("sslmode"):
        params["sslmode"] = db["OPTIONS"]["sslmode"]
    return psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True)


def create_database(name):
    from psycopg import sql

    # template0: an empty database, without what template1 may hold (extensions), which
    # would clash with the dump's own CREATE EXTENSION.
    with _maintenance_connection() as maintenance:
        maintenance.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(name))
        )


def drop_database(name):
    from psycopg import sql

    with _maintenance_connection() as maintenance:
        maintenance.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def postgres_program(name):
    """The newest installed version of a PostgreSQL client program (pg_dump, pg_restore)."""
    found = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    if found:
        return str(found[-1])
    on_path = shutil.which(name)
    if not on_path:
        raise CommandError(f"{name} is not installed (apt-get install postgresql-client).")
    return on_path


def client_environment():
    """The environment for pg_dump and pg_restore: the site database's server and role."""
    db = connection.settings_dict
    env = dict(os.environ)
    for variable, value in [
        ("PGHOST", db["HOST"]),
        ("PGPORT", db["PORT"]),
        ("PGUSER", db["USER"]),
        ("PGPASSWORD", db["PASSWORD"]),
        ("PGSSLMODE", db.get("OPTIONS", {}).get("sslmode")),
    ]:
        if value:
            env[variable] = str(value)
    return env


def restore(dump, database):
    """pg_restore the dump into the (empty) database; stop at the first error."""
    command = [postgres_program("pg_restore"), "--no-owner", "--no-privileges"]
    command += ["--exit-on-error", "--dbname", database, str(dump)]
    result = subprocess.run(command, env=client_environment(), capture_output=True, text=True)
    if result.returncode != 0:
        detail = " / ".join(result.stderr.strip().splitlines()[-3:]) or "no message"
        raise CommandError(f"the dump could not be restored (pg_restore: {detail})")


def database_url(name):
    """DATABASE_URL for another database on the site database's server, as the same role."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = quote(db["HOST"] or "", safe="")
    port = f":{db['PORT']}" if db["PORT"] else ""
    url = f"postgres://{credentials}@{host}{port}/{quote(name, safe='')}"
    sslmode = db.get("OPTIONS", {}).get("sslmode")
    return url + (f"?sslmode={sslmode}" if sslmode else "")


# ---------------------------------------------------------------------------------------
# The checks (in the child, on the restored database)
# ---------------------------------------------------------------------------------------


def migration_state():
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    loader = executor.loader
    plan = executor.migration_plan(loader.graph.leaf_nodes())
    applied = set(loader.applied_migrations)
    # The migrations a squashed migration replaces are known too (Wagtail squashes its own).
    known = set(loader.graph.nodes) | {
        replaced for squashed in loader.replacements.values() for replaced in squashed.replaces
    }
    return {
        "applied": len(applied),
        "missing": [f"{migration.app_label}.{migration.name}" for migration, _back in plan],
        "unknown": sorted(f"{app}.{name}" for app, name in applied - known),
    }


def key_table_counts():
    """{label: rows} of the key tables on the database Django is connected to (the restored
    one in the child, the current one in the parent). The models are looked up by name:
    core sits below the apps that define them."""
    counts = {}
    for label, app_label, model_name, live_only in KEY_TABLES:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        queryset = model._default_manager.all()
        counts[label] = (queryset.filter(live=True) if live_only else queryset).count()
    return counts


def _host():
    for host in settings.ALLOWED_HOSTS:
        if host not in ("*", "") and not host.startswith("["):
            return host.lstrip(".")
    return "localhost"


def served_pages():
    """The home page and a directory search, requested as a visitor would."""
    from django.test import Client

    client = Client(HTTP_HOST=_host())
    pages = [("home page", "/")]
    directory_model = apps.get_model("directory", "DirectoryIndexPage")
    directory = directory_model.objects.live().first()
    if directory:
        path = urlsplit(directory.url or "").path  # a full URL when there are several sites
        pages.append(("directory search", f"{path}?q={DIRECTORY_SEARCH}"))
    else:
        pages.append(("directory search", "(no live directory page)"))
    checks = []
    for name, path in pages:
        status = client.get(path, secure=True).status_code if path.startswith("/") else None
        checks.append({"name": name, "path": path, "status": status})
    return checks


def referenced_files():
    """Every file name the database refers to, from every model's file fields."""
    names = set()
    for model in apps.get_models():
        if model._meta.label in REGENERATED_MEDIA:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, FileField):
                values = model._default_manager.exclude(**{field.name: ""})
                names.update(values.values_list(field.name, flat=True))
    return sorted(name for name in names if name)


def media_backup_names(media):
    """The files in the media backup, as names relative to MEDIA_ROOT."""
    if media.is_dir():
        return {path.relative_to(media).as_posix() for path in media.rglob("*") if path.is_file()}
    with tarfile.open(media) as archive:
        return {
            member.name.removeprefix("./") for member in archive.getmembers() if member.isfile()
        }


def media_check(media):
    referenced = referenced_files()
    try:
        present = media_backup_names(media)
    except (tarfile.TarError, OSError) as error:
        return {"referenced": len(referenced), "missing": [f"(unreadable backup: {error})"]}
    return {"referenced": len(referenced), "missing": [n for n in referenced if n not in present]}
