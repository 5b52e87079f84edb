#!/usr/bin/env python
"""Search benchmark: the directory's search entry point and page, on every backend.

Usage (from the project folder):

    .venv/bin/python bench/search.py [--organisations 10000] [--queries 200]
                                     [--backends sqlite,postgres,engine]
                                     [--seed 2025] [--budget 600] [--query-timeout 60]
                                     [--keep] [--no-record] [--docs docs/benchmarks.md]

    A quick smoke run:  .venv/bin/python bench/search.py --organisations 200 --queries 20

For each backend asked for, the script

1. builds a fresh database: SQLite in a temporary file, PostgreSQL as a new database
   (BENCH_POSTGRES_URL, default
   postgres://commonground:commonground@127.0.0.1:5432/commonground_bench, created and
   dropped through the `postgres` maintenance database), and runs `migrate`;
2. generates N organisations with about three services each *in bulk* (page tree rows,
   child-table rows, many-to-many rows, operational status, locations: a few dozen
   INSERTs of thousands of rows, never page by page), using the demo data's vocabulary
   and planners (directory/demo/) so that titles and descriptions read like the
   real thing; then builds the database's search table (`rebuild_search_index
   --database-only`, timed as the "database index build"), and checks that the pages
   work (a service page answers 200);
3. for "engine": rebuilds the "services" index on the OpenSearch node
   (BENCH_SEARCH_URL, TEST_SEARCH_URL or SEARCH_URL; if none is set,
   `tools/opensearch/opensearch.sh start` is asked for one) from the PostgreSQL data (or
   the SQLite data when PostgreSQL is not asked for), under the index prefix "bench-" so
   the site's own index is never touched, and times it ("index build");
4. runs the same seeded mix of queries (free text, misspellings, places, filters only,
   text and filters, page 2) against each backend, after up to 10 warm-up queries: (a)
   the entry point `search.api.search()` in-process, and (b) the directory page over
   HTTP, from `manage.py runserver --noreload` on a free local port. Each pass stops
   starting queries after --budget seconds, and a query still running after
   --query-timeout seconds is stopped (the database statement is interrupted) and counted
   as "at least" that long, so a backend that takes minutes a query cannot hold the run
   for hours; the three slowest queries are then re-run with their SQL captured and under
   cProfile;
5. prints a table (p50 / p95 / max in ms, queries per second, index build time) and
   appends it, with the machine, the versions, N and the command, to docs/benchmarks.md.

Each step that needs Django runs in a child process (this script, re-executed with
`--child ...`) with DATABASE_URL, SEARCH_URL and DJANGO_SETTINGS_MODULE=bench.settings
(the development settings without DEBUG) in its environment before Django starts.
Databases and engine indexes are deleted at the end unless --keep is given.
"""

import argparse
import json
import os
import platform
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as `python bench/search.py`, this folder would come first on sys.path and this file
# would shadow the project's `search` app: put the project folder there instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

PYTHON = sys.executable
SETTINGS = "bench.settings"
DEFAULT_POSTGRES_URL = "postgres://commonground:commonground@127.0.0.1:5432/commonground_bench"
# BENCH_ENGINE_PREFIX keeps concurrent runs (other checkouts) from deleting each other's indexes.
ENGINE_PREFIX = os.environ.get("BENCH_ENGINE_PREFIX", "bench-")
INDEX = "services"
WARM_UP = 10
# Searches timed right after a change, with the snapshot rebuilt (`measure_unremembered`).
UNREMEMBERED_AFTER_CHANGE = 20
# Warm-up needs a query or two to load caches and connections, not minutes.
WARM_UP_BUDGET = 60
WARM_UP_TIMEOUT = 30
PROFILED = 3
DOCS = ROOT / "docs" / "benchmarks.md"

# The search issue's targets, by size: p95 of the entry point and of the directory page over
# HTTP (ms, by kind of backend), and the index builds (s). At 100,000 organisations only the
# engine has targets (its entry point, and a rebuild that completes); the rest is stated.
TARGETS = {
    10_000: {
        "entry": {"engine": 20.0, "postgres": 100.0},
        "http": {"engine": 100.0, "postgres": 150.0},
        "build": 30.0,
    },
    100_000: {"entry": {"engine": 50.0}, "http": {}, "build": None},
}


def targets_for(organisations):
    """The targets of the largest size not above `organisations` (the smallest's below it)."""
    sizes = sorted(TARGETS)
    return TARGETS[max([size for size in sizes if size <= organisations] or sizes[:1])]


# ---------------------------------------------------------------------------------------
# The parent: databases, children, table, docs
# ---------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--backends", default="sqlite,postgres,engine")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--keep", action="store_true", help="keep the databases and index")
    parser.add_argument("--no-record", action="store_true", help="do not write docs/")
    parser.add_argument("--docs", default=str(DOCS), help="where to append the figures")
    parser.add_argument(
        "--budget",
        type=float,
        default=600,
        help="seconds per pass (entry point, HTTP) after which no new query is started",
    )
    parser.add_argument(
        "--query-timeout",
        type=float,
        default=60,
        help="seconds after which one query is stopped and counted as at least that long",
    )
    parser.add_argument("--child", choices=["build", "measure", "engine-build"])
    parser.add_argument("--result-file")
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    if args.child:
        run_child(args)
        return

    backends = [name.strip() for name in args.backends.split(",") if name.strip()]
    unknown = set(backends) - {"sqlite", "postgres", "engine"}
    if unknown:
        parser.error(f"unknown backends: {', '.join(sorted(unknown))}")
    command = " ".join(
        [".venv/bin/python", "bench/search.py"]
        + [f"--organisations {args.organisations}", f"--queries {args.queries}"]
        + [f"--backends {','.join(backends)}"]
        + ([f"--seed {args.seed}"] if args.seed != 2025 else [])
        + ([f"--budget {args.budget:g}"] if args.budget != 600 else [])
        + ([f"--query-timeout {args.query_timeout:g}"] if args.query_timeout != 60 else [])
    )
    started = time.monotonic()
    load_before = os.getloadavg()
    workdir = Path(tempfile.mkdtemp(prefix="commonground-bench-"))
    engine_url = None
    if "engine" in backends:
        engine_url = find_engine()
        if not engine_url:
            log("No search engine reachable: the engine is left out.")
            backends.remove("engine")

    # Which databases to build: the ones measured, plus one for the engine to index.
    databases = [name for name in ("sqlite", "postgres") if name in backends]
    engine_database = None
    if "engine" in backends:
        engine_database = "postgres" if "postgres" in backends or not databases else databases[0]
        if engine_database not in databases:
            databases.append(engine_database)

    postgres_url = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    urls = {"sqlite": f"sqlite:///{workdir / 'bench.sqlite3'}", "postgres": postgres_url}
    rows, builds, details = [], {}, {}
    versions = {}
    try:
        for name in databases:
            url = urls[name]
            if name == "postgres":
                versions["PostgreSQL"] = recreate_postgres(url)
            log(f"[{name}] migrate")
            t0 = time.monotonic()
            run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], child_env(url))
            migrate_seconds = time.monotonic() - t0
            build = child("build", url, workdir, args, label=name)
            build["migrate_seconds"] = migrate_seconds
            builds[name] = build
            versions.update(build.get("versions", {}))
            if name in backends:
                result = child("measure", url, workdir, args, label=name)
                details[name] = result
                rows.append(row(name, build, build["database_index_seconds"], result))
        if engine_url:
            url = urls[engine_database]
            env_extra = {"SEARCH_URL": engine_url}
            built = child("engine-build", url, workdir, args, label="engine", extra=env_extra)
            versions["OpenSearch"] = built["engine_version"]
            result = child("measure", url, workdir, args, label="engine", extra=env_extra)
            details["engine"] = result
            rows.append(
                row(
                    f"engine (data on {engine_database})",
                    builds[engine_database],
                    built["seconds"],
                    result,
                    indexed=built["indexed"],
                )
            )
    finally:
        if not args.keep:
            if "postgres" in databases:
                drop_postgres(postgres_url)
            if engine_url:
                delete_engine_indexes(engine_url)
            for path in workdir.glob("*"):
                path.unlink()
            workdir.rmdir()
        else:
            log(f"Kept: {workdir}, {postgres_url if 'postgres' in databases else ''}")

    machine = describe_machine(versions)
    machine += (
        f"; load average (1 min) {load_before[0]:.2f} at the start, "
        f"{os.getloadavg()[0]:.2f} at the end"
    )
    report = render_report(
        args, command, machine, rows, builds, details, time.monotonic() - started
    )
    print()
    print(report)
    if not args.no_record:
        record(report, Path(args.docs))
        log(f"Appended to {args.docs}")


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def child_env(database_url, extra=None):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "DATABASE_URL": database_url,
            "SEARCH_URL": "",
            "SEARCH_INDEX_PREFIX": ENGINE_PREFIX,
            "PYTHONPATH": str(ROOT),
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra or {})
    return env


def run(command, env):
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def child(mode, database_url, workdir, args, label, extra=None):
    result_file = workdir / f"{label}-{mode}.json"
    log(f"[{label}] {mode}")
    run(
        [
            PYTHON,
            str(Path(__file__).resolve()),
            "--child",
            mode,
            "--label",
            label,
            "--result-file",
            str(result_file),
            "--organisations",
            str(args.organisations),
            "--queries",
            str(args.queries),
            "--seed",
            str(args.seed),
            "--budget",
            str(args.budget),
            "--query-timeout",
            str(args.query_timeout),
        ],
        child_env(database_url, extra),
    )
    return json.loads(result_file.read_text())


def find_engine():
    for name in ("BENCH_SEARCH_URL", "TEST_SEARCH_URL", "SEARCH_URL"):
        if os.environ.get(name):
            return os.environ[name]
    script = ROOT / "tools" / "opensearch" / "opensearch.sh"
    try:
        output = subprocess.run(
            ["bash", str(script), "start"], capture_output=True, text=True, timeout=300
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    url = output.stdout.strip().splitlines()[-1] if output.stdout.strip() else ""
    return url if output.returncode == 0 and url.startswith("http") else None


def _postgres_parts(url):
    parts = urllib.parse.urlsplit(url)
    return parts, parts.path.lstrip("/")


def _maintenance(url):
    import psycopg

    parts, _name = _postgres_parts(url)
    return psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=urllib.parse.unquote(parts.username or ""),
        password=urllib.parse.unquote(parts.password or ""),
        dbname="postgres",
        autocommit=True,
    )


def recreate_postgres(url):
    from psycopg import sql

    _parts, name = _postgres_parts(url)
    with _maintenance(url) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return connection.execute("SHOW server_version").fetchone()[0].split()[0]


def drop_postgres(url):
    from psycopg import sql

    _parts, name = _postgres_parts(url)
    try:
        with _maintenance(url) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
    except Exception as error:  # noqa: BLE001 - cleanup must not hide the results
        log(f"could not drop {name}: {error}")


def delete_engine_indexes(url):
    """Delete the indexes this benchmark created (bench-services-...), by name."""
    try:
        with urllib.request.urlopen(
            f"{url.rstrip('/')}/_cat/indices/{ENGINE_PREFIX}{INDEX}-*?format=json", timeout=10
        ) as response:
            names = [item["index"] for item in json.load(response)]
        for name in names:
            request = urllib.request.Request(f"{url.rstrip('/')}/{name}", method="DELETE")
            urllib.request.urlopen(request, timeout=30).close()
    except (OSError, ValueError) as error:
        log(f"could not delete the benchmark's engine indexes: {error}")


def describe_machine(versions):
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
    except OSError:
        pass
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    software = ", ".join(
        [f"Python {platform.python_version()}"]
        + [f"{name} {version}" for name, version in versions.items()]
    )
    return f"{nproc} × {cpu}, {memory}; {platform.system()} {platform.release()}; {software}"


def revision():
    """The commit measured (BENCH_REVISION when running from an exported copy)."""
    if os.environ.get("BENCH_REVISION"):
        return os.environ["BENCH_REVISION"]
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--", ".", ":!bench", ":!docs"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    if not commit:
        return "unknown"
    return f"commit {commit}" + (" with uncommitted changes" if changed else "")


def row(name, build, index_seconds, result, indexed=None):
    return {
        "backend": name,
        "services": indexed if indexed is not None else build["counts"]["listed services"],
        "index_seconds": index_seconds,
        "entry": result["entry"]["summary"],
        "http": result["http"]["summary"],
        "degraded": result["entry"].get("degraded", 0),
    }


def _cells(summary):
    def figure(name):
        return ("≥" if name in summary["censored"] else "") + f"{summary[name]:.1f}"

    run = f"{summary['n']}/{summary['planned']}"
    if summary["timed_out"]:
        run += f" ({summary['timed_out']} stopped)"
    return " | ".join([figure("p50"), figure("p95"), figure("max"), f"{summary['qps']:.1f}", run])


def render_report(args, command, machine, rows, builds, details, total_seconds):
    now = datetime.now(UTC)
    lines = [
        f"## {now:%Y-%m-%d %H:%M} UTC — search, {args.organisations:,} organisations, "
        f"{args.queries} queries",
        "",
        f"- Machine: {machine}",
        f"- Command: `{command}`",
        f"- Code: {revision()}",
        f"- Whole run: {total_seconds / 60:.1f} min",
    ]
    for name, build in builds.items():
        counts = build["counts"]
        lines.append(
            f"- Data on {name}: {counts['organisations']:,} organisations, "
            f"{counts['services']:,} services ({counts['listed services']:,} listed), "
            f"{counts['m2m rows']:,} many-to-many rows; migrate {build['migrate_seconds']:.1f} s, "
            f"bulk load {build['load_seconds']:.1f} s, database index build (search table, "
            f"{counts['search table entries']:,} entries) {build['database_index_seconds']:.1f} s; "
            f"service page {build['render_status']}, directory page {build['directory_status']}, "
            f"tree problems {build['tree_problems']}"
        )
    lines += [
        "",
        "| backend | listed services | index build (s) | entry p50 | entry p95 | entry max "
        "| entry q/s | entry queries run | HTTP p50 | HTTP p95 | HTTP max | HTTP q/s "
        "| HTTP queries run |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for item in rows:
        entry, http = item["entry"], item["http"]
        lines.append(
            f"| {item['backend']} | {item['services']:,} | {item['index_seconds']:.1f} "
            f"| {_cells(entry)} | {_cells(http)} |"
        )
    lines += [
        "",
        "Times in milliseconds, one client, queries one after another (q/s = queries run ÷ "
        'time spent in them). "index build" is `rebuild_search_index --database-only` (the '
        "search table) for the database backends and "
        '`search.engine.rebuild("services")` for the engine. Each pass stops starting new '
        f"queries after {args.budget:g} s, and a query still running after "
        f"{args.query_timeout:g} s is stopped and counted as taking that long: figures marked "
        "≥ are such floors. The queries are a seeded random sequence, so those run are a "
        "fair sample of the mix.",
    ]
    degraded = [item for item in rows if item["degraded"]]
    for item in degraded:
        lines.append(f"- {item['backend']}: {item['degraded']} searches fell back to the database!")

    targets = targets_for(args.organisations)
    lines += ["", f"Targets at {args.organisations:,} organisations:", ""]
    for item in rows:
        kind = "engine" if item["backend"].startswith("engine") else item["backend"]
        for part, name in (("entry", "entry point"), ("http", "directory page (HTTP)")):
            target = targets[part].get(kind)
            if target is None:
                continue
            p95 = item[part]["p95"]
            shown = ("≥" if "p95" in item[part]["censored"] else "") + f"{p95:.1f}"
            verdict = (
                "met"
                if p95 <= target
                else f"**missed** by {p95 - target:.1f} ms ({p95 / target:.1f}×)"
            )
            lines.append(f"- {item['backend']} {name} p95 {shown} ms ≤ {target:.0f} ms: {verdict}")
        build, target = item["index_seconds"], targets["build"]
        if target is None:
            lines.append(f"- {item['backend']} index build {build:.1f} s (stated; no target)")
            continue
        verdict = "met" if build <= target else f"**missed** by {build - target:.1f} s"
        lines.append(f"- {item['backend']} index build {build:.1f} s ≤ {target:.0f} s: {verdict}")

    lines += ["", "By kind of query (entry point, ms, p50 / p95 / max, count):", ""]
    kinds = sorted({kind for result in details.values() for kind in result["entry"]["by_kind"]})
    lines.append("| kind | " + " | ".join(details) + " |")
    lines.append("|---|" + "---:|" * len(details))
    for kind in kinds:
        cells = []
        for result in details.values():
            stats = result["entry"]["by_kind"].get(kind)
            if not stats:
                cells.append("—")
                continue
            figures = [
                ("≥" if name in stats["censored"] else "") + f"{stats[name]:.0f}"
                for name in ("p50", "p95", "max")
            ]
            cells.append(" / ".join(figures) + f" ({stats['n']})")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")

    remembered = {name: result["unremembered"] for name, result in details.items()}
    remembered = {name: figures for name, figures in remembered.items() if figures}
    if remembered:
        lines += [
            "",
            "The database backends with nothing remembered (entry point, ms, p50 / p95 / max, "
            "count): every text query of the run with its text's matches forgotten first, and "
            f"the first {UNREMEMBERED_AFTER_CHANGE} queries each right after a change, which "
            "rebuilds the snapshot of the listing and facets (search/facet_bitmaps.py):",
            "",
            "| | " + " | ".join(remembered) + " |",
            "|---|" + "---:|" * len(remembered),
        ]
        for case in ("new text", "after a change"):
            cells = [
                f"{f[case]['p50']:.0f} / {f[case]['p95']:.0f} / {f[case]['max']:.0f} "
                f"({f[case]['n']})"
                for f in remembered.values()
            ]
            lines.append(f"| {case} | " + " | ".join(cells) + " |")

    lines += ["", "Slowest entry-point queries, re-run once with the SQL captured:", ""]
    for name, result in details.items():
        for profile in result["profile"]:
            stopped = " (stopped)" if profile["stopped"] else ""
            lines.append(
                f"- {name}: `{profile['query']}` — {profile['ms']:.0f} ms in the run, "
                f"{profile['rerun_ms']:.0f} ms re-run{stopped}: {profile['sql_count']} SQL "
                f"statements taking {profile['sql_ms']:.0f} ms; "
                f"query understanding {profile['understand_ms']:.0f} ms"
            )
            if profile["hotspots"]:
                spent = ", ".join(f"{label} {ms:.0f}" for label, ms in profile["hotspots"])
                lines.append(f"  - cProfile, cumulative ms: {spent}")
            for statement in profile["top_sql"][:2]:
                lines.append(f"  - {statement['ms']:.0f} ms: `{statement['sql']}`")
    return "\n".join(lines) + "\n"


DOCS_HEADER = """\
# Benchmarks

Figures from the scripts in `bench/`, newest last. Tests never assert wall-clock time
(DESIGN.md, "Benchmarks, not timed tests"); these runs are how speed targets are checked.
Benchmark data is generated in bulk and stays out of CI.

## Search (`bench/search.py`)

What is measured, per backend (SQLite, PostgreSQL, OpenSearch engine):

- **entry point**: `search.api.search("services", SearchQuery(...))` called in-process:
  query understanding, the backend's text search, filters, disjunctive facet counts, the
  page of results and its related rows. p50 / p95 / max over a fixed, seeded mix of queries
  (free text, misspellings, places, filters only, text and filters, page 2), after up to 10
  warm-up queries; queries per second with one client. Each pass has a time budget
  (`--budget`, 600 s) and each query a timeout (`--query-timeout`, 60 s): a backend too slow
  to finish the mix is measured on the part it ran (a fair sample: the mix is a seeded random
  sequence) and a stopped query counts as "at least" the timeout.
- **HTTP**: the same queries as GETs of the directory page from `manage.py runserver
  --noreload` over a real socket (template, context, search log write included), with
  `DEBUG = False` (`bench/settings.py`).
- **index build**: `rebuild_search_index --database-only` (the database's search table,
  `search.text_table`) for the database backends; `search.engine.rebuild("services")` for
  the engine. Wagtail's own index (the admin's page search) is not built: the directory
  does not read it.

Data: N organisations (default 10,000) with about three services each, generated in bulk
with the demo data's vocabularies and sentence builders, in a fresh database each run.

Floors: engine entry point p95 ≤ 50 ms; PostgreSQL entry point p95 ≤ 150 ms; index build
≤ 60 s. A miss is recorded with how much by, and why.

"""


def record(report, docs):
    docs.parent.mkdir(exist_ok=True)
    if not docs.exists():
        docs.write_text(DOCS_HEADER)
    with docs.open("a") as handle:
        handle.write("\n" + report)


# ---------------------------------------------------------------------------------------
# Children: run with Django set up on one database
# ---------------------------------------------------------------------------------------


def run_child(args):
    import django

    django.setup()
    handlers = {"build": child_build, "measure": child_measure, "engine-build": child_engine}
    result = handlers[args.child](args)
    Path(args.result_file).write_text(json.dumps(result, default=str))


# -- build ------------------------------------------------------------------------------


def child_build(args):
    import django
    from django.core.management import call_command
    from django.db import connection

    import wagtail

    from directory.models import OrganisationPage, ServicePage
    from home.site_structure import ensure_site_structure

    versions = {"Django": django.get_version(), "Wagtail": wagtail.__version__}
    if connection.vendor == "sqlite":
        import sqlite3

        versions["SQLite"] = sqlite3.sqlite_version

    started = time.monotonic()
    structure = ensure_site_structure()
    counts = BulkLoader(args.organisations, args.seed).load(structure.directory)
    if connection.vendor == "postgresql":
        # Statistics for the tables just filled: without them the planner assumes they are
        # empty until autovacuum happens to analyse them, and a query planned before that
        # ran for minutes (nested loops over 30,000 services).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    load_seconds = time.monotonic() - started
    log(
        f"[{args.label}] loaded {counts['organisations']:,} organisations, "
        f"{counts['services']:,} services in {load_seconds:.1f} s"
    )

    started = time.monotonic()
    call_command("rebuild_search_index", "--database-only", verbosity=0)
    database_index_seconds = time.monotonic() - started
    log(f"[{args.label}] search table built in {database_index_seconds:.1f} s")

    from django.test import Client

    from search.models import TextEntry

    counts["listed services"] = ServicePage.objects.listed().count()
    counts["public services"] = ServicePage.objects.public().count()
    counts["search table entries"] = TextEntry.objects.count()
    client = Client(HTTP_HOST="localhost")
    service = ServicePage.objects.listed().order_by("pk")[counts["listed services"] // 2]
    render_status = client.get(service.url).status_code
    directory_status = client.get(structure.directory.url, {"q": "housing"}).status_code
    organisation = OrganisationPage.objects.live().order_by("pk").first()
    organisation_status = client.get(organisation.url).status_code
    problems = tree_problems_in_sql()
    tree_problems = sum(problems.values())
    log(
        f"[{args.label}] listed services {counts['listed services']:,}; service page "
        f"{render_status}, organisation page {organisation_status}, directory "
        f"{directory_status}; tree problems {tree_problems}"
    )
    if render_status != 200 or directory_status != 200 or tree_problems:
        raise SystemExit(f"generated pages do not work: {problems}")
    return {
        "counts": counts,
        "load_seconds": load_seconds,
        "database_index_seconds": database_index_seconds,
        "render_status": render_status,
        "directory_status": directory_status,
        "tree_problems": tree_problems,
        "versions": versions,
    }


# The page tree's invariants, counted in SQL (treebeard's `Page.find_problems()` reads every
# page in Python: at 100,000 organisations it had not finished after 15 minutes). Wagtail's
# paths have 4 characters a level.
TREE_CHECKS = {
    "depth does not match the path": (
        "SELECT count(*) FROM wagtailcore_page WHERE length(path) <> depth * 4"
    ),
    "numchild does not match the children": (
        "WITH children AS (SELECT substr(path, 1, length(path) - 4) AS parent, count(*) AS n "
        "FROM wagtailcore_page WHERE depth > 1 GROUP BY 1) "
        "SELECT count(*) FROM wagtailcore_page p LEFT JOIN children c ON c.parent = p.path "
        "WHERE p.numchild <> coalesce(c.n, 0)"
    ),
    "pages without a parent": (
        "SELECT count(*) FROM wagtailcore_page c LEFT JOIN wagtailcore_page p "
        "ON p.path = substr(c.path, 1, length(c.path) - 4) WHERE c.depth > 1 AND p.id IS NULL"
    ),
}


def tree_problems_in_sql():
    """{problem: pages with it} for each of TREE_CHECKS."""
    from django.db import connection

    problems = {}
    with connection.cursor() as cursor:
        for problem, query in TREE_CHECKS.items():
            cursor.execute(query)
            problems[problem] = cursor.fetchone()[0]
    return problems


class BulkLoader:
    """N organisations with about three services each, written in bulk.

    Plans come from the demo data's helpers (titles, summaries, descriptions, eligibility,
    coverage, locations, capacity); the page tree is written directly: `wagtailcore_page`
    rows with their materialised paths, then the child tables (multi-table inheritance:
    `bulk_create` refuses it, so the child rows go in with the queryset's `_insert`, which
    writes only the model's own table), then many-to-many rows, statuses and locations.
    No revisions are written: the pages are live with no draft, as after an import.
    """

    BATCH = 1000

    def __init__(self, count, seed):
        self.count = count
        self.seed = seed

    def load(self, directory):
        from django.db import transaction

        from directory.demo.plans import Vocabulary

        vocabulary = Vocabulary.load()
        plans = self.plan(vocabulary)
        with transaction.atomic():
            return self.write(directory, plans)

    # Planning, with the demo data's planners (directory/demo/) -------------------------

    def plan(self, vocabulary):
        from collections import Counter

        from django.utils.text import slugify

        from core.models import IncomeBand
        from directory.demo.organisations import (
            COMMISSIONED_SHARE,
            INCOME_BAND_SHARES,
            SMALL_BANDS,
            THEMES,
        )
        from directory.demo.planning import plan_organisation
        from directory.demo.plans import unique_slug, weighted
        from directory.demo.service_planning import plan_services

        plan_rng = random.Random(f"{self.seed}:bench:plan")
        phones = Counter()
        titles, slugs = set(), set()
        towns = sorted({town for names in vocabulary.towns.values() for town in names})
        plans = []
        for index in range(self.count):
            rng = random.Random(f"{self.seed}:bench:organisation:{index}")
            theme = weighted(rng, {theme: theme.weight for theme in THEMES})
            is_national = rng.random() < 0.04
            is_draft = not is_national and rng.random() < 0.005
            band = weighted(rng, INCOME_BAND_SHARES)
            if is_national and band in SMALL_BANDS:
                band = IncomeBand.FROM_1M_TO_5M
            title = self._title(rng, theme, towns, titles)
            organisation = plan_organisation(
                rng, vocabulary, index, title, theme, band, is_national, is_draft, phones
            )
            organisation.slug = unique_slug(slugify(organisation.title), slugs)
            slugs.add(organisation.slug)
            # Two to four services (three on average), whatever the organisation's size.
            count = weighted(rng, {2: 25, 3: 50, 4: 25})
            organisation.services = plan_services(rng, vocabulary, organisation, phones, count)
            if vocabulary.commissioning and plan_rng.random() < COMMISSIONED_SHARE:
                count = 2 if plan_rng.random() < 0.15 else 1
                organisation.commissioning = plan_rng.sample(vocabulary.commissioning, count)
            for term in vocabulary.led_by_and_for:
                if plan_rng.random() < 0.03:
                    organisation.led_by_and_for.append(term)
            # Staleness: most listings are current, a few are hidden as out of date.
            organisation.staleness = weighted(
                plan_rng, {"current": 80, "reminded": 8, "flagged": 7, "hidden": 5}
            )
            organisation.keep_listed = (
                organisation.staleness == "hidden" and plan_rng.random() < 0.2
            )
            plans.append(organisation)
        return plans

    @staticmethod
    def _title(rng, theme, towns, taken):
        """ "Quillbrook Housing Project", then "... (Leeds)" once the plain name is taken."""
        from directory.demo.organisations import GENERIC_NOUNS, PLACE_WORDS

        word = rng.choice(PLACE_WORDS)
        noun = rng.choice(theme.nouns if rng.random() < 0.6 else GENERIC_NOUNS)
        title = f"{word} {noun}"
        if title in taken:
            title = f"{word} {noun} ({rng.choice(towns)})"
        suffix = 2
        base = title
        while title in taken:
            title = f"{base} {suffix}"
            suffix += 1
        taken.add(title)
        return title

    # Writing ------------------------------------------------------------------------------

    def write(self, directory, plans):
        from datetime import timedelta

        from django.contrib.contenttypes.models import ContentType
        from django.db.models import F
        from django.utils import timezone

        from wagtail.models import Locale, Page

        from directory.demo import build
        from directory.models import (
            OrganisationPage,
            OrganisationStatus,
            ServiceLocation,
            ServicePage,
            ServiceStatus,
        )

        now = timezone.now()
        locale = Locale.get_default()
        directory = Page.objects.get(pk=directory.pk)
        organisation_type = ContentType.objects.get_for_model(OrganisationPage)
        service_type = ContentType.objects.get_for_model(ServicePage)

        def page(plan, parent_path, parent_depth, parent_url_path, step, content_type, children):
            published = now - timedelta(days=400 + plan_days(plan))
            return Page(
                title=plan.title,
                draft_title=plan.title,
                slug=plan.slug,
                path=Page._get_path(parent_path, parent_depth + 1, step),
                depth=parent_depth + 1,
                numchild=children,
                url_path=f"{parent_url_path}{plan.slug}/",
                content_type=content_type,
                locale=locale,
                live=not getattr(plan, "is_draft", False),
                has_unpublished_changes=getattr(plan, "is_draft", False),
                first_published_at=None if getattr(plan, "is_draft", False) else published,
                last_published_at=None if getattr(plan, "is_draft", False) else published,
            )

        def plan_days(plan):
            return getattr(plan, "confirmed_days_ago", 0)

        # 1. Organisation pages: base rows, then the child table.
        first_step = directory.numchild + 1
        base_rows = [
            page(
                plan,
                directory.path,
                directory.depth,
                directory.url_path,
                first_step + i,
                organisation_type,
                len(plan.services),
            )
            for i, plan in enumerate(plans)
        ]
        Page.objects.bulk_create(base_rows, batch_size=self.BATCH)
        Page.objects.filter(pk=directory.pk).update(numchild=F("numchild") + len(plans))
        organisations = [
            build.organisation_page(plan, page_ptr_id=base.pk, summary=plan.summary[:300])
            for plan, base in zip(plans, base_rows, strict=True)
        ]
        self._insert_children(OrganisationPage, organisations)

        # 2. Service pages under each organisation.
        service_plans, service_rows, owners = [], [], []
        for plan, base in zip(plans, base_rows, strict=True):
            for step, service in enumerate(plan.services, start=1):
                service_plans.append(service)
                owners.append(base.pk)
                service_rows.append(
                    page(service, base.path, base.depth, base.url_path, step, service_type, 0)
                )
        Page.objects.bulk_create(service_rows, batch_size=self.BATCH)
        services = [
            build.service_page(plan, page_ptr_id=base.pk, organisation_id=owner)
            for plan, base, owner in zip(service_plans, service_rows, owners, strict=True)
        ]
        self._insert_children(ServicePage, services)

        # 3. Many-to-many rows.
        m2m = 0
        for model, field, plan_attribute in [
            (OrganisationPage, "regions", "regions"),
            (OrganisationPage, "led_by_and_for", "led_by_and_for"),
            (OrganisationPage, "commissioning_relationships", "commissioning"),
            (ServicePage, "categories", "categories"),
            (ServicePage, "client_groups", "client_groups"),
            (ServicePage, "stages", "stages"),
            (ServicePage, "regions", "regions"),
        ]:
            pairs = (
                zip(plans, base_rows, strict=True)
                if model is OrganisationPage
                else zip(service_plans, service_rows, strict=True)
            )
            m2m += self._insert_m2m(model, field, plan_attribute, pairs)

        # 4. Operational status and locations.
        OrganisationStatus.objects.bulk_create(
            [
                OrganisationStatus(
                    organisation_id=base.pk,
                    **build.organisation_status_fields(plan, now),
                    staleness_stage=plan.staleness,
                    keep_listed=plan.keep_listed,
                )
                for plan, base in zip(plans, base_rows, strict=True)
            ],
            batch_size=self.BATCH,
        )
        ServiceStatus.objects.bulk_create(
            [
                ServiceStatus(service_id=base.pk, **build.service_status_fields(plan, now))
                for plan, base in zip(service_plans, service_rows, strict=True)
            ],
            batch_size=self.BATCH,
        )
        ServiceLocation.objects.bulk_create(
            [
                location
                for plan, base in zip(service_plans, service_rows, strict=True)
                for location in build.service_locations(plan, service_id=base.pk)
            ],
            batch_size=self.BATCH,
        )
        return {
            "organisations": len(plans),
            "services": len(service_plans),
            "m2m rows": m2m,
        }

    def _insert_children(self, model, objects):
        """Rows of a multi-table child model's own table, for parent rows that exist."""
        from django.db import router

        fields = list(model._meta.local_concrete_fields)
        manager = model._base_manager
        using = router.db_for_write(model)
        for start in range(0, len(objects), self.BATCH // 2):
            manager._insert(objects[start : start + self.BATCH // 2], fields=fields, using=using)

    def _insert_m2m(self, model, field, plan_attribute, pairs):
        through = model._meta.get_field(field).remote_field.through
        source = model._meta.get_field(field).m2m_field_name()
        target = model._meta.get_field(field).m2m_reverse_field_name()
        rows = [
            through(**{f"{source}_id": base.pk, f"{target}_id": term.pk})
            for plan, base in pairs
            for term in dict.fromkeys(getattr(plan, plan_attribute))
        ]
        through.objects.bulk_create(rows, batch_size=self.BATCH * 2)
        return len(rows)


# -- engine ---------------------------------------------------------------------------


def child_engine(args):
    from django.conf import settings

    from search import engine

    url = settings.SEARCH_URL
    name, indexed, seconds = engine.rebuild(INDEX, url)
    info = engine.client(url).info()
    log(f"[engine] indexed {indexed:,} documents into {name} in {seconds:.1f} s")
    return {
        "index": name,
        "indexed": indexed,
        "seconds": seconds,
        "engine_version": info["version"]["number"],
    }


# -- measure ----------------------------------------------------------------------------

FREE_TEXT = [
    "housing in Leeds", "drug rehab", "debt advise", "women leaving prison",
    "mental health Manchester", "accommodation", "acommodation", "mentoring", "mentorng",
    "employment", "job search in Birmingham", "benefits", "help with benefits on release",
    "counseling", "counselling for women", "domestic abuse", "family support",
    "families of prisoners", "gambling", "alcohol", "drugs and alcohol in Liverpool",
    "ipp", "care leavers", "veterans", "restorative justice", "supported housing near Bristol",
    "debt advice in Cardiff", "young adults mentoring", "through the gate",
    "recovery community", "immigration advice for foreign nationals",
    "emergency accommodation London", "women's centre", "peer mentors", "reading support",
    "digital skills", "neurodiversity", "homeless", "employment support in Wales",
    "gp registration", "parenting course", "arts", "sport", "faith", "victim support",
    "budgeting", "tenancy", "legal advice", "Sheffield", "housing", "mental health",
    "hate crime", "xylophone lessons", "bank account and ID", "sex offender housing",
    "lived experience", "substance misuse in Newcastle upon Tyne", "education",
    "night shelter", "advocacy",
]  # fmt: skip

KIND_WEIGHTS = {"text": 35, "text + filters": 20, "filters": 30, "empty": 5}
FACET_WEIGHTS = {
    "region": 5, "category": 5, "group": 2, "capacity": 2, "income": 1, "stage": 1,
    "delivery": 1, "led_by": 0.5, "commissioning": 0.5,
}  # fmt: skip


def build_queries(count, seed):
    """A fixed, seeded mix of queries: [(kind, SearchQuery)]."""
    from core.models import (
        ClientGroup,
        CommissioningRelationship,
        IncomeBand,
        JusticeStage,
        LedByAndFor,
        Region,
        ServiceCategory,
    )
    from search.api import SearchQuery

    def slugs(model):
        return sorted(model.objects.in_default_locale().values_list("slug", flat=True))

    values = {
        "region": slugs(Region),
        "category": slugs(ServiceCategory),
        "group": slugs(ClientGroup),
        "stage": slugs(JusticeStage),
        "capacity": ["accepting"],
        "income": [value for value, _label in IncomeBand.choices],
        "delivery": ["in-person", "online", "phone"],
        "led_by": slugs(LedByAndFor),
        "commissioning": slugs(CommissioningRelationship) + ["outside-commissioning"],
    }
    rng = random.Random(f"{seed}:queries")
    queries = []
    for _ in range(count):
        kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
        text = rng.choice(FREE_TEXT) if kind.startswith("text") else ""
        filters = {}
        if kind in ("filters", "text + filters"):
            wanted = rng.choice([1, 1, 2, 2, 3]) if kind == "filters" else rng.choice([1, 1, 2])
            while len(filters) < wanted:
                param = rng.choices(list(FACET_WEIGHTS), weights=list(FACET_WEIGHTS.values()))[0]
                if param not in filters:
                    filters[param] = [rng.choice(values[param])]
        page = 2 if rng.random() < 0.1 else 1
        if page == 2:
            kind = f"{kind}, page 2"
        queries.append((kind, SearchQuery(text=text, filters=filters, page=page)))
    return queries


def describe(query):
    parts = [f"q={query.text!r}"] if query.text else []
    parts += [f"{param}={','.join(values)}" for param, values in query.filters.items()]
    if query.page != 1:
        parts.append(f"page={query.page}")
    return " ".join(parts) or "(everything)"


def summarise(records):
    """p50 / p95 / max of [(ms, timed_out)]; a figure that is a stopped query is a floor
    ("at least"), flagged in `censored`."""
    if not records:
        return {"n": 0, "timed_out": 0, "p50": 0.0, "p95": 0.0, "max": 0.0, "qps": 0.0,
                "censored": []}  # fmt: skip
    ordered = sorted(records)
    p50, p95, top = (percentile(ordered, 50), percentile(ordered, 95), ordered[-1])
    seconds = sum(ms for ms, _stopped in ordered) / 1000
    return {
        "n": len(ordered),
        "timed_out": sum(1 for _ms, stopped in ordered if stopped),
        "p50": p50[0],
        "p95": p95[0],
        "max": top[0],
        "qps": len(ordered) / seconds if seconds else 0.0,
        "censored": [name for name, item in [("p50", p50), ("p95", p95), ("max", top)] if item[1]],
    }


def percentile(ordered, pct):
    """Nearest-rank percentile of sorted values."""
    rank = max(1, -(-pct * len(ordered) // 100))
    return ordered[int(rank) - 1]


class Watchdog:
    """Stops the search running in this thread once `seconds` have passed, by interrupting
    the database statement in progress (SQLite `interrupt()`, PostgreSQL cancel), again
    and again until the search gives up. The engine has its own client timeout."""

    def __init__(self, seconds):
        import threading

        self.seconds = seconds
        self.fired = False
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self):
        from django.db import connection

        connection.ensure_connection()
        self.connection = connection
        self.raw = connection.connection
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.done.set()
        self.thread.join()
        return False

    def _watch(self):
        if self.done.wait(self.seconds):
            return
        self.fired = True
        while not self.done.is_set():
            try:
                if self.connection.vendor == "sqlite":
                    self.raw.interrupt()
                elif self.connection.vendor == "postgresql":
                    getattr(self.raw, "cancel_safe", self.raw.cancel)()
            except Exception:  # noqa: BLE001 - a closed connection has nothing to stop
                pass
            self.done.wait(0.2)


def run_pass(label, name, queries, run_one, budget, timeout):
    """Run the queries one after another until `budget` seconds are spent.

    `run_one(query, timeout)` returns (milliseconds, timed_out, extra). The queries are a
    seeded random sequence, so the ones run before the budget ends are a fair sample of
    the mix. Returns [(kind, ms, timed_out, extra)].
    """
    records = []
    started = time.monotonic()
    for number, (kind, query) in enumerate(queries, start=1):
        if time.monotonic() - started > budget:
            log(f"[{label}] {name}: budget of {budget:.0f} s spent after {len(records)} queries")
            break
        ms, timed_out, extra = run_one(query, timeout)
        records.append((kind, ms, timed_out, extra))
        if timed_out or ms > 10_000 or number % 50 == 0:
            note = f"stopped after {ms / 1000:.0f} s" if timed_out else f"{ms:.0f} ms"
            log(f"[{label}] {name} {number}/{len(queries)}: {describe(query)}: {note}")
    return records


def pass_summary(records, count):
    summary = summarise([(ms, stopped) for _kind, ms, stopped, _extra in records])
    summary["planned"] = count
    by_kind = defaultdict(list)
    for kind, ms, stopped, _extra in records:
        by_kind[kind.split(",")[0]].append((ms, stopped))
        if "page 2" in kind:
            by_kind["page 2"].append((ms, stopped))
    return summary, {kind: summarise(values) for kind, values in by_kind.items()}


def format_summary(summary):
    def figure(name):
        return ("≥" if name in summary["censored"] else "") + f"{summary[name]:.1f}"

    run = f"{summary['n']}/{summary['planned']}" + (
        f", {summary['timed_out']} stopped" if summary["timed_out"] else ""
    )
    return (
        f"p50 {figure('p50')} ms, p95 {figure('p95')} ms, max {figure('max')} ms, "
        f"{summary['qps']:.1f} q/s ({run})"
    )


def child_measure(args):
    from search.api import search

    queries = build_queries(args.queries, args.seed)
    warm_up = build_queries(WARM_UP, args.seed + 1)

    def run_one(query, timeout):
        from django.db import DatabaseError

        stopped = False
        with Watchdog(timeout) as watchdog:
            t0 = time.perf_counter()
            try:
                results = search(INDEX, query)
                list(results.results)
                extra = {"total": results.total, "degraded": bool(results.degraded)}
            except DatabaseError:
                if not watchdog.fired:
                    raise
                stopped, extra = True, {}
            elapsed = (time.perf_counter() - t0) * 1000
        # A search that finished although the watchdog fired (between two statements)
        # is a true measurement; only one that was stopped is a floor.
        return elapsed, stopped, extra

    # (a) The entry point, in-process.
    run_pass(args.label, "entry warm-up", warm_up, run_one, WARM_UP_BUDGET, WARM_UP_TIMEOUT)
    records = run_pass(args.label, "entry point", queries, run_one, args.budget, args.query_timeout)
    summary, by_kind = pass_summary(records, len(queries))
    entry = {
        "summary": summary,
        "by_kind": by_kind,
        "degraded": sum(1 for *_rest, extra in records if extra.get("degraded")),
        "zero_results": sum(1 for *_rest, extra in records if extra.get("total") == 0),
    }
    log(
        f"[{args.label}] entry point: {format_summary(summary)}; "
        f"{entry['zero_results']} with no results"
        + (f"; {entry['degraded']} DEGRADED" if entry["degraded"] else "")
    )

    unremembered = measure_unremembered(queries, run_one, args.query_timeout)

    # The slowest queries, once more with the SQL captured and under cProfile.
    seen, profile = set(), []
    for index in sorted(range(len(records)), key=lambda i: records[i][1], reverse=True):
        query = queries[index][1]
        if describe(query) in seen:
            continue
        seen.add(describe(query))
        profile.append(profile_query(query, records[index][1], args.query_timeout))
        if len(profile) == PROFILED:
            break

    # (b) The directory page over HTTP.
    http = measure_http(args, queries, warm_up)
    return {
        "entry": entry,
        "unremembered": unremembered,
        "http": http,
        "profile": profile,
        "queries_fingerprint": hash_queries(queries),
    }


def measure_unremembered(queries, run_one, timeout):
    """The database backend holds a snapshot of the listing and facets, and remembers each
    text's matches with it (search/facet_bitmaps.py): the run above meets a text again once
    it has been searched. The same queries here with (a) nothing remembered for their text,
    (b) the snapshot rebuilt first, as the first search after any edit rebuilds it. None on
    the engine."""
    from django.conf import settings

    from search import facet_bitmaps
    from search.indexes import get_index

    if settings.SEARCH_URL:
        return None
    index = get_index(INDEX)
    new_text = []
    for _kind, query in queries:
        if query.text:
            facet_bitmaps.snapshot(index).text_matches.clear()
            new_text.append(run_one(query, timeout)[:2])
    after_change = []
    for _kind, query in queries[:UNREMEMBERED_AFTER_CHANGE]:
        facet_bitmaps.data_changed(INDEX)
        after_change.append(run_one(query, timeout)[:2])
    result = {}
    for name, records in [("new text", new_text), ("after a change", after_change)]:
        result[name] = {**summarise(records), "planned": len(records)}
    log(", ".join(f"{name}: {format_summary(summary)}" for name, summary in result.items()))
    return result


def hash_queries(queries):
    import hashlib

    text = "\n".join(describe(query) for _kind, query in queries)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def profile_query(query, measured_ms, timeout):
    """Re-run one query with the SQL captured: how many statements, how long, which."""
    from django.db import DatabaseError, connection
    from django.test.utils import CaptureQueriesContext

    from search.api import search
    from search.indexes import get_index
    from search.understanding import cached_vocabulary, understand

    t0 = time.perf_counter()
    index = get_index(INDEX)
    vocabulary = cached_vocabulary(index) if query.text else frozenset()
    understand(query.text, vocabulary, index)
    understand_ms = (time.perf_counter() - t0) * 1000
    stopped = False
    with CaptureQueriesContext(connection) as captured, Watchdog(timeout) as watchdog:
        t0 = time.perf_counter()
        try:
            search(INDEX, query)
        except DatabaseError:
            if not watchdog.fired:
                raise
            stopped = True
        rerun_ms = (time.perf_counter() - t0) * 1000
    statements = [
        {"ms": float(item["time"]) * 1000, "sql": " ".join(item["sql"].split())}
        for item in captured.captured_queries
    ]
    top = sorted(statements, key=lambda item: item["ms"], reverse=True)[:3]
    for item in top:
        # The column list says little; what is joined, filtered and ordered says a lot.
        sql = re.sub(r"^SELECT (DISTINCT )?.*? FROM ", r"SELECT \1… FROM ", item["sql"], count=1)
        item["sql"] = sql if len(sql) <= 600 else sql[:450] + " … " + sql[-140:]
    return {
        "query": describe(query),
        # A query that had to be stopped is not run a third time.
        "hotspots": [] if stopped else hotspots(query),
        "stopped": stopped,
        "ms": measured_ms,
        "rerun_ms": rerun_ms,
        "understand_ms": understand_ms,
        "sql_count": len(statements),
        "sql_ms": sum(item["ms"] for item in statements),
        "top_sql": top,
    }


def hotspots(query, limit=6):
    """Run the query once more under cProfile: the project's functions (and the engine
    request) that take the most time, cumulatively, as [(name, ms)]."""
    import cProfile
    import pstats

    from search.api import search

    profiler = cProfile.Profile()
    profiler.enable()
    search(INDEX, query)
    profiler.disable()
    rows = {}
    for (filename, _line, name), (_cc, _nc, _tt, cumulative, _callers) in pstats.Stats(
        profiler
    ).stats.items():
        path = Path(filename)
        if ROOT in path.parents and ".venv" not in path.parts and "bench" not in path.parts:
            label = f"{path.relative_to(ROOT)}:{name}"
        elif name == "perform_request" and "opensearchpy" in filename:
            label = "engine HTTP request (opensearch-py perform_request)"
        elif name == "execute" and filename.endswith("django/db/backends/utils.py"):
            label = "all SQL (CursorWrapper.execute)"
        else:
            continue
        rows[label] = max(rows.get(label, 0), cumulative * 1000)
    ranked = sorted(rows.items(), key=lambda item: item[1], reverse=True)
    # The entry point itself is the total; keep what it spends its time in.
    return [(name, ms) for name, ms in ranked if not name.endswith("api.py:search")][:limit]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`manage.py runserver --noreload` on a free port, with this process's environment."""

    def __init__(self, log_path):
        self.log_path = log_path
        self.process = None

    def start(self, path):
        port = free_port()
        self.base = f"http://127.0.0.1:{port}{path}"
        self.log = open(self.log_path, "a")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [PYTHON, "manage.py", "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=os.environ.copy(),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_for(self.base, self.process)

    def stop(self):
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None
        self.log.close()


def measure_http(args, queries, warm_up):
    from django.utils.http import urlencode

    from directory.models import DirectoryIndexPage

    path = DirectoryIndexPage.objects.live().first().url
    server = Server(Path(args.result_file).with_suffix(".server.log"))
    server.start(path)

    def run_one(query, timeout):
        params = query.to_params()
        if query.page != 1:
            params.append(("page", query.page))
        url = server.base + ("?" + urlencode(params) if params else "")
        t0 = time.perf_counter()
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                response.read()
        except TimeoutError:
            stopped = True
        except urllib.error.URLError as error:
            if not isinstance(error.reason, TimeoutError):
                raise
            stopped = True
        else:
            stopped = False
        elapsed = (time.perf_counter() - t0) * 1000
        if stopped:
            # The server is still working on it: start afresh so it does not slow the next.
            server.stop()
            server.start(path)
        return elapsed, stopped, {}

    try:
        run_pass(args.label, "HTTP warm-up", warm_up, run_one, WARM_UP_BUDGET, WARM_UP_TIMEOUT)
        records = run_pass(args.label, "HTTP", queries, run_one, args.budget, args.query_timeout)
    finally:
        server.stop()
    summary, by_kind = pass_summary(records, len(queries))
    log(f"[{args.label}] HTTP: {format_summary(summary)}")
    return {"summary": summary, "by_kind": by_kind}


def wait_for(url, server, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("runserver exited; see its log next to the result file")
        try:
            with urllib.request.urlopen(url, timeout=120) as response:
                response.read()
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.3)
    raise RuntimeError(f"runserver did not answer at {url}")


if __name__ == "__main__":
    main()
