#!/usr/bin/env python
"""Open data API benchmark: list pages of the Open Referral UK API at N organisations.

Usage (from the project folder):

    .venv/bin/python bench/api.py [--organisations 10000] [--requests 40] [--budget 300]
                                  [--database-url postgres://...] [--keep] [--no-record]

    A quick smoke run:  .venv/bin/python bench/api.py --organisations 300 --requests 5

The script builds a fresh PostgreSQL database (BENCH_API_POSTGRES_URL, default
postgres://commonground:commonground@127.0.0.1:5432/commonground_bench_api) with N
organisations, with `bench/search.py`'s own steps (migrate, bulk load, the search table), or
reuses the one given with --database-url (left in place). A child process with
DJANGO_SETTINGS_MODULE=bench.settings and OPEN_DATA_API_RATE raised (so the rate limit
never throttles the run) then requests each case below, round after round, after two
warm-up requests each: (a) in-process with Django's test Client, (b) over HTTP from
`manage.py runserver --noreload` on a free port. Each pass stops starting rounds after
--budget seconds. The cases slower than the target (p95 >= 100 ms) in-process, or the two
slowest, are re-run once with the SQL captured and under cProfile. The table (p50 / p95 /
max ms, SQL statements per request) is printed and appended to docs/benchmarks.md.
"""

import argparse
import json
import os
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
# Run as `python bench/api.py`, this folder would come first on sys.path and bench/search.py
# would shadow the project's `search` app: put the project folder there instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

from bench.search import (  # noqa: E402
    PYTHON,
    Server,
    child,
    child_env,
    describe_machine,
    drop_postgres,
    log,
    percentile,
    record,
    recreate_postgres,
    revision,
    run,
)

DEFAULT_URL = "postgres://commonground:commonground@127.0.0.1:5432/commonground_bench_api"
TARGET_MS = 100.0
RATE = "1000000/m"
WARM_UP = 2
PROFILED = 2


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=40, help="requests per case and pass")
    parser.add_argument("--budget", type=float, default=300, help="seconds per pass")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--database-url", help="measure this database (not built or dropped)")
    parser.add_argument("--keep", action="store_true", help="keep the database built")
    parser.add_argument("--no-record", action="store_true", help="do not write docs/")
    parser.add_argument("--docs", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--child", choices=["measure"])
    parser.add_argument("--result-file")
    args = parser.parse_args()
    if args.child:
        import django

        django.setup()
        Path(args.result_file).write_text(json.dumps(child_measure(args), default=str))
        return
    command = " ".join(
        [".venv/bin/python bench/api.py", f"--organisations {args.organisations}"]
        + [f"--requests {args.requests}", f"--budget {args.budget:g}"]
        + (["--database-url …"] if args.database_url else [])
    )
    started, load_before = time.monotonic(), os.getloadavg()
    url = args.database_url or os.environ.get("BENCH_API_POSTGRES_URL", DEFAULT_URL)
    workdir = Path(tempfile.mkdtemp(prefix="commonground-bench-api-"))
    build = None
    try:
        versions = {} if args.database_url else {"PostgreSQL": recreate_postgres(url)}
        if not args.database_url:
            build = build_database(url, workdir, args)
            versions.update(build["versions"])
        result = measure(url, workdir, args)
        versions.update(result["versions"])
    finally:
        if not args.database_url and not args.keep:
            drop_postgres(url)
        for path in workdir.glob("*"):
            path.unlink()
        workdir.rmdir()
    machine = describe_machine(versions) + (
        f"; load average (1 min) {load_before[0]:.2f} at the start, "
        f"{os.getloadavg()[0]:.2f} at the end"
    )
    report = render(args, command, machine, build, result, time.monotonic() - started)
    print("\n" + report)
    if not args.no_record:
        record(report, Path(args.docs))
        log(f"Appended to {args.docs}")


def build_database(url, workdir, args):
    """bench/search.py's steps: migrate, then its `build` child (bulk load, the search table)."""
    log(f"[api] migrate {url.rsplit('/', 1)[-1]}")
    t0 = time.monotonic()
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], child_env(url))
    migrate_seconds = time.monotonic() - t0
    search_args = SimpleNamespace(
        organisations=args.organisations, queries=0, seed=args.seed, budget=0, query_timeout=0
    )
    build = child("build", url, workdir, search_args, label="api")
    build["migrate_seconds"] = migrate_seconds
    return build


def measure(url, workdir, args):
    result_file = workdir / "api-measure.json"
    log("[api] measure")
    command = [PYTHON, str(Path(__file__).resolve()), "--child", "measure"]
    command += ["--result-file", str(result_file), "--requests", str(args.requests)]
    command += ["--budget", str(args.budget), "--seed", str(args.seed)]
    run(command, child_env(url, {"OPEN_DATA_API_RATE": RATE}))
    return json.loads(result_file.read_text())


# ---------------------------------------------------------------------------------------
# The child: Django set up on the benchmark database
# ---------------------------------------------------------------------------------------


def cases():
    """[(name, path, params)]: the list pages, filters, search and a detail record."""
    from django.db.models import Count, Q
    from django.test import Client

    from core.models import ServiceCategory
    from opendata.records.queries import public_organisations, public_services

    services = public_services()
    total = services.count()
    last = max(1, -(-total // 50))
    # The area of support with the most services (its kinds included), as a client would ask.
    common = max(
        ServiceCategory.objects.in_default_locale().filter(parent__isnull=True),
        key=lambda term: (
            services.filter(Q(categories=term) | Q(categories__parent=term))
            .values("pk")
            .distinct()
            .count()
        ),
    )
    organisation = public_organisations().annotate(n=Count("services")).order_by("-n", "pk").first()
    middle = services.values_list("translation_key", "last_published_at")[total // 2]
    modified = middle[1].replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    page = {"per_page": 50}
    listed = [
        ("services, page 1", "/api/services", {**page, "page": 1}),
        ("services, middle page", "/api/services", {**page, "page": max(1, last // 2)}),
        ("services, last page", "/api/services", {**page, "page": last}),
        (
            f"services, taxonomy_term_id ({common.name})",
            "/api/services",
            {**page, "taxonomy_term_id": str(common.translation_key)},
        ),
        ("services, postcode=LS6", "/api/services", {**page, "postcode": "LS6"}),
        (
            "services, organization_id",
            "/api/services",
            {**page, "organization_id": str(organisation.translation_key)},
        ),
        ("services, modified_after (half)", "/api/services", {**page, "modified_after": modified}),
        ("services, search=housing", "/api/services", {**page, "search": "housing"}),
        ("services/{id}", f"/api/services/{middle[0]}", {}),
        ("service_at_locations, page 1", "/api/service_at_locations", page),
        ("organizations, page 1", "/api/organizations", page),
    ]
    client = Client(HTTP_HOST="localhost")
    for name, path, params in listed:
        response = client.get(path, params)
        if response.status_code != 200:
            raise SystemExit(f"{name}: {path} {params} answered {response.status_code}")
    return listed, {"listed services": total, "pages of 50": last}


def child_measure(args):
    import django
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    import wagtail

    import ninja

    listed, counts = cases()
    client = Client(HTTP_HOST="localhost")
    details = {}
    for name, path, params in listed:
        for _ in range(WARM_UP):
            client.get(path, params)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, params)
        body = response.json()
        details[name] = {
            "path": path,
            "params": params,
            "sql": len(captured.captured_queries),
            "bytes": len(response.content),
            "items": len(body.get("contents", [])) if "contents" in body else 1,
            "total": body.get("total_items"),
        }

    cpu = {name: [] for name, _path, _params in listed}

    def in_process(path, params):
        t0, c0 = time.perf_counter(), time.process_time()
        response = client.get(path, params)
        assert response.status_code == 200, (path, params, response.status_code)
        # This process's CPU time (Python, not PostgreSQL's): unaffected by other load.
        cpu[_name(listed, path, params)].append((time.process_time() - c0) * 1000)
        return (time.perf_counter() - t0) * 1000

    entry = run_rounds("in-process", listed, in_process, args)
    http = measure_http(listed, args)
    slow = [name for name, ms in entry.items() if percentile(sorted(ms), 95) >= TARGET_MS]
    slowest = sorted(entry, key=lambda name: percentile(sorted(entry[name]), 95), reverse=True)
    profiled = slow or slowest[:PROFILED]
    profiles = {name: profile_case(client, *_case(listed, name)) for name in profiled}
    versions = {
        "Django": django.get_version(),
        "Wagtail": wagtail.__version__,
        "django-ninja": ninja.__version__,
    }
    return {
        "counts": counts,
        "details": details,
        "entry": entry,
        "cpu": cpu,
        "http": http,
        "profiles": profiles,
        "versions": versions,
    }


def _name(listed, path, params):
    return next(name for name, *case in listed if case == [path, params])


def _case(listed, wanted):
    return next((path, params) for name, path, params in listed if name == wanted)


def run_rounds(label, listed, run_one, args):
    """Every case once a round, `args.requests` rounds or until the budget is spent:
    {name: [ms]}. Round-robin, so every case meets the same caches and the same load."""
    timings = {name: [] for name, _path, _params in listed}
    started = time.monotonic()
    for number in range(1, args.requests + 1):
        if time.monotonic() - started > args.budget:
            log(f"[api] {label}: budget of {args.budget:g} s spent after {number - 1} rounds")
            break
        for name, path, params in listed:
            timings[name].append(run_one(path, params))
        if number % 10 == 0:
            log(f"[api] {label}: {number}/{args.requests} rounds")
    return timings


def measure_http(listed, args):
    from django.utils.http import urlencode

    server = Server(Path(args.result_file).with_suffix(".server.log"))
    server.start("/api/")

    def over_http(path, params):
        url = server.base.removesuffix("/api/") + path + ("?" + urlencode(params) if params else "")
        t0 = time.perf_counter()
        with urllib.request.urlopen(url, timeout=120) as response:
            response.read()
        return (time.perf_counter() - t0) * 1000

    try:
        for _name, path, params in listed:
            for _ in range(WARM_UP):
                over_http(path, params)
        return run_rounds("HTTP", listed, over_http, args)
    finally:
        server.stop()


def profile_case(client, path, params, limit=8):
    """One more request with the SQL captured, and one under cProfile: where the time goes."""
    import cProfile
    import pstats

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        t0 = time.perf_counter()
        client.get(path, params)
        total_ms = (time.perf_counter() - t0) * 1000
    statements = sorted(
        (
            {"ms": float(item["time"]) * 1000, "sql": " ".join(item["sql"].split())}
            for item in captured.captured_queries
        ),
        key=lambda item: item["ms"],
        reverse=True,
    )
    for item in statements[:3]:
        sql = item["sql"]
        item["sql"] = sql if len(sql) <= 500 else sql[:380] + " … " + sql[-110:]
    profiler = cProfile.Profile()
    profiler.runcall(client.get, path, params)
    functions = {}
    for (filename, _line, name), stats in pstats.Stats(profiler).stats.items():
        file = Path(filename)
        if ROOT in file.parents and ".venv" not in file.parts and "bench" not in file.parts:
            label = f"{file.relative_to(ROOT)}:{name}"
        elif name == "execute" and filename.endswith("django/db/backends/utils.py"):
            label = "all SQL (CursorWrapper.execute)"
        else:
            continue
        functions[label] = max(functions.get(label, 0), stats[3] * 1000)
    ranked = sorted(functions.items(), key=lambda item: item[1], reverse=True)[:limit]
    return {
        "ms": total_ms,
        "sql_count": len(statements),
        "sql_ms": sum(item["ms"] for item in statements),
        "top_sql": statements[:3],
        "hotspots": ranked,
    }


# ---------------------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------------------


def _figures(timings):
    ordered = sorted(timings)
    if not ordered:
        return "— | — | — | 0"
    p50, p95 = percentile(ordered, 50), percentile(ordered, 95)
    return f"{p50:.1f} | {p95:.1f} | {ordered[-1]:.1f} | {len(ordered)}"


def _median(values):
    return f"{percentile(sorted(values), 50):.1f}" if values else "—"


def render(args, command, machine, build, result, total_seconds):
    from datetime import UTC, datetime

    counts = result["counts"]
    lines = [
        f"## {datetime.now(UTC):%Y-%m-%d %H:%M} UTC — open data API, "
        f"{args.organisations:,} organisations (`bench/api.py`)",
        "",
        f"- Machine: {machine}",
        f"- Command: `{command}`",
        f"- Code: {revision()}",
        f"- Whole run: {total_seconds / 60:.1f} min",
        f"- Data: {counts['listed services']:,} public services ({counts['pages of 50']:,} "
        "pages of 50)"
        + (
            f"; migrate {build['migrate_seconds']:.1f} s, bulk load {build['load_seconds']:.1f} s, "
            f"search table {build['database_index_seconds']:.1f} s"
            if build
            else "; an existing database (--database-url)"
        ),
        "",
        "| request | items | SQL | in-process p50 | p95 | max | n | CPU p50 | HTTP p50 | p95 "
        "| max | n |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, detail in result["details"].items():
        lines.append(
            f"| {name} | {detail['items']} | {detail['sql']} | "
            f"{_figures(result['entry'][name])} | {_median(result.get('cpu', {}).get(name))} | "
            f"{_figures(result['http'][name])} |"
        )
    lines += [
        "",
        "Milliseconds, one client, requests one after another, every case once a round after "
        f"{WARM_UP} warm-up requests each; in-process is Django's test Client (middleware, "
        "django-ninja, records, JSON), HTTP is `manage.py runserver --noreload` over a socket "
        "(`DEBUG = False`). CPU is the median CPU time of the in-process request in the "
        "measuring process (Python only, not PostgreSQL's), which other load on the machine "
        f"does not inflate. SQL is statements per request. Rate limit raised to {RATE}. "
        "Search runs on the database backend (PostgreSQL; `SEARCH_URL` empty).",
        "",
    ]
    lines += target_lines(result) + profile_lines(result)
    return "\n".join(lines) + "\n"


def target_lines(result):
    lines = [f"Target: a list page of 50 services in under {TARGET_MS:.0f} ms p95:", ""]
    for name, timings in result["entry"].items():
        if not name.startswith("services,") or not timings:
            continue
        entry_p95 = percentile(sorted(timings), 95)
        http = result["http"][name]
        http_p95 = percentile(sorted(http), 95) if http else float("nan")
        worst = max(entry_p95, http_p95)
        verdict = "met" if worst < TARGET_MS else f"**missed** ({worst / TARGET_MS:.1f}×)"
        lines.append(f"- {name}: in-process {entry_p95:.1f} ms, HTTP {http_p95:.1f} ms — {verdict}")
    return lines + [""]


def profile_lines(result):
    lines = ["Profiled (one request re-run with the SQL captured, then under cProfile):", ""]
    for name, profile in result["profiles"].items():
        lines.append(
            f"- {name}: {profile['ms']:.0f} ms, {profile['sql_count']} SQL statements taking "
            f"{profile['sql_ms']:.0f} ms"
        )
        if profile["hotspots"]:
            spent = ", ".join(f"{label} {ms:.0f}" for label, ms in profile["hotspots"])
            lines.append(f"  - cProfile, cumulative ms: {spent}")
        for statement in profile["top_sql"][:2]:
            lines.append(f"  - {statement['ms']:.0f} ms: `{statement['sql']}`")
    return lines


if __name__ == "__main__":
    main()
