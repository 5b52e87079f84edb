#!/usr/bin/env python
"""Load test: the production server on PostgreSQL under a realistic mix, beside hello world.

Usage (from the project folder):

    .venv/bin/python bench/load.py [--organisations 10000] [--clients 16] [--duration 60]
                                   [--warm-up 10] [--max-requests 200000]
                                   [--search postgres,engine] [--workers N] [--people 500]
                                   [--database-url postgres://...] [--keep] [--no-record]

    A quick smoke run:  .venv/bin/python bench/load.py --organisations 200 --duration 20 \\
                            --search postgres --no-record

What it does:

1. Builds a fresh PostgreSQL database (BENCH_LOAD_POSTGRES_URL, default
   postgres://commonground:commonground@127.0.0.1:5432/commonground_bench_load, created and
   dropped through the `postgres` maintenance database) with `bench/search.py`'s own steps,
   imported from it: `migrate` and its `build` child (the site structure, N organisations
   with about three services each written in bulk, the search table). Then, with the
   server's settings: `migrate` again (production adds the task queue's tables),
   `createcachetable`, `collectstatic` (whitenoise's hashed files), and a child that adds
   the demo forums' events (`forums.demo.load`) and --people signed-in people (users and
   their sessions, in bulk), and picks the addresses the clients will ask for.
   --database-url measures an existing database instead (left in place; not built).
2. Serves it with gunicorn and production settings (`bench.load_settings`: production's,
   with a plain "hello world" view added at /bench/hello/), with `-c config/gunicorn.conf.py`
   when that file exists (else --workers sync workers, default 2 × cores + 1), bound to
   127.0.0.1 on a free port: loopback only. Environment: a random SECRET_KEY,
   ALLOWED_HOSTS=127.0.0.1, TRUSTED_PROXY_COUNT=0, SECURE_SSL_REDIRECT=false (plain HTTP on
   loopback), SEARCH_URL empty for "postgres" or the engine's for "engine", emails to
   Django's dummy backend.
3. Drives it with locust (as a library, headless, in a child process): --clients
   concurrent clients with no think time (a closed loop: each sends its next request when
   the last is answered, so throughput is what the server sustains). Before the pages and
   mix phases every page the clients pick from is asked for once (filling the page cache,
   at most 10 minutes), then each phase warms up for --warm-up seconds (not counted), then
   is measured for --duration seconds or --max-requests requests, whichever comes first:
   - **hello world**: GET /bench/hello/ (the ceiling);
   - **anonymous pages**: what a page cache can serve: the home page 10, organisation pages
     15, service pages 20, event pages 15 (weights);
   - **mix** (once per search backend in --search): anonymous browsing (home 10,
     organisation 15, service 20), directory searches 30 (a seeded mix of text, filters and
     page 2 from `bench/search.py`'s `build_queries`), event pages 15, and registrations 10:
     a signed-in person (session cookie) opens an upcoming event's page and registers
     (POST with the CSRF token; 302 expected; full events put people on the waiting list,
     registering twice keeps the first registration).
   A response other than 2xx (3xx for the registration POST) or a connection error is an
   error. The load generator runs on the same machine as the server (loopback), so both
   compete for the same cores; its CPU use is printed.
4. Prints, per phase and per kind of request, requests, errors, requests per second and
   p50 / p95 / p99 (ms), then the pass criteria: 0 errors; anonymous pages' throughput at
   least 50% of hello world's; directory search p95 per search backend (stated). Appends
   it, with the machine, versions and command, to docs/benchmarks.md (unless --no-record).

The gunicorn server, databases and engine indexes made here are removed at the end (the
database and indexes kept with --keep).
"""

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
# Run as `python bench/load.py`, this folder would come first on sys.path and bench/search.py
# would shadow the project's `search` app: put the project folder there instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
# Engine indexes under a prefix of this benchmark's own, so that it never deletes another
# benchmark's (bench/search.py reads it when imported, and its children inherit it).
os.environ.setdefault("BENCH_ENGINE_PREFIX", "bench-load-")

from bench.search import (  # noqa: E402
    ENGINE_PREFIX,
    PYTHON,
    child,
    child_env,
    delete_engine_indexes,
    describe_machine,
    drop_postgres,
    find_engine,
    free_port,
    log,
    record,
    recreate_postgres,
    revision,
    run,
)

DEFAULT_URL = "postgres://commonground:commonground@127.0.0.1:5432/commonground_bench_load"
SETTINGS = "bench.load_settings"
GUNICORN_CONF = ROOT / "config" / "gunicorn.conf.py"
HELLO = "/bench/hello/"
HOST = "127.0.0.1"  # loopback only: the server binds here and the clients ask here

# Weights of each kind of request (how often a client picks it).
PAGE_WEIGHTS = {"home page": 10, "organisation page": 15, "service page": 20, "event page": 15}
MIX_WEIGHTS = {**PAGE_WEIGHTS, "directory search": 30, "registration": 10}
SAMPLED_PAGES = 500  # organisation and service pages the clients pick from
SEARCHES = 300  # directory searches in the seeded mix
PRIME_SECONDS = 600  # the longest spent asking for every page once before a phase

# Pass criteria (issue 19).
MAX_ERRORS = 0
MIN_PAGES_TO_HELLO = 0.5


# ---------------------------------------------------------------------------------------
# The parent: database, server, phases, report
# ---------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients")
    parser.add_argument("--duration", type=float, default=60, help="seconds measured a phase")
    parser.add_argument("--warm-up", type=float, default=10, help="seconds before measuring")
    parser.add_argument("--max-requests", type=int, default=200_000, help="a phase at most")
    parser.add_argument("--search", default="postgres,engine", help="backends for the mix")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: its config)")
    parser.add_argument("--people", type=int, default=500, help="signed-in people")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--database-url", help="measure this database (not built or dropped)")
    parser.add_argument("--keep", action="store_true", help="keep the database and index")
    parser.add_argument("--no-record", action="store_true", help="do not write docs/")
    parser.add_argument("--docs", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--child", choices=["prepare", "drive"])
    parser.add_argument("--phase", choices=["hello", "pages", "mix"])
    parser.add_argument("--base")
    parser.add_argument("--plan-file")
    parser.add_argument("--result-file")
    args = parser.parse_args()
    if args.child == "prepare":
        import django

        django.setup()
        Path(args.result_file).write_text(json.dumps(child_prepare(args)))
        return
    if args.child == "drive":
        Path(args.result_file).write_text(json.dumps(child_drive(args)))
        return

    backends = [name.strip() for name in args.search.split(",") if name.strip()]
    if not backends or set(backends) - {"postgres", "engine"}:
        parser.error("--search takes postgres and/or engine")
    command = " ".join(
        [".venv/bin/python bench/load.py", f"--organisations {args.organisations}"]
        + [f"--clients {args.clients}", f"--duration {args.duration:g}"]
        + [f"--warm-up {args.warm_up:g}", f"--search {','.join(backends)}"]
        + ([f"--workers {args.workers}"] if args.workers else [])
        + (["--database-url …"] if args.database_url else [])
    )
    started, load_before = time.monotonic(), os.getloadavg()
    url = args.database_url or os.environ.get("BENCH_LOAD_POSTGRES_URL", DEFAULT_URL)
    workdir = Path(tempfile.mkdtemp(prefix="commonground-bench-load-"))
    engine_url = find_engine() if "engine" in backends else None
    if "engine" in backends and not engine_url:
        log("No search engine reachable: the engine is left out.")
        backends.remove("engine")
        if not backends:
            raise SystemExit("nothing to measure")
    build, phases, versions = None, [], {}
    server_env = {
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DATABASE_URL": url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "TRUSTED_PROXY_COUNT": "0",
        "SECURE_SSL_REDIRECT": "false",
        "SEARCH_URL": "",
        "SEARCH_INDEX_PREFIX": ENGINE_PREFIX,
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "WAGTAILADMIN_BASE_URL": f"http://{HOST}",
        "PYTHONPATH": str(ROOT),
        "PYTHONUNBUFFERED": "1",
    }
    try:
        if not args.database_url:
            versions["PostgreSQL"] = recreate_postgres(url)
            build = build_database(url, workdir, args)
            versions.update(build["versions"])
        plan = prepare(url, server_env, workdir, args)
        if engine_url:
            search_args = _search_args(args)
            built = child(
                "engine-build",
                url,
                workdir,
                search_args,
                "engine",
                extra={"SEARCH_URL": engine_url},
            )
            versions["OpenSearch"] = built["engine_version"]
        for number, backend in enumerate(backends):
            env = dict(server_env, SEARCH_URL=engine_url if backend == "engine" else "")
            with GunicornServer(env, workdir / f"server-{backend}.log", args.workers) as server:
                names = ["hello", "pages", "mix"] if number == 0 else ["mix"]
                for phase in names:
                    result = drive(phase, server.base, workdir, args)
                    result["search"] = backend
                    phases.append(result)
                versions["gunicorn"] = server.describe()
    finally:
        if not args.database_url and not args.keep:
            drop_postgres(url)
        if engine_url and not args.keep:
            delete_engine_indexes(engine_url)
        for path in workdir.glob("*"):
            path.unlink()
        workdir.rmdir()

    machine = describe_machine(versions) + (
        f"; load average (1 min) {load_before[0]:.2f} at the start, "
        f"{os.getloadavg()[0]:.2f} at the end"
    )
    report = render(args, command, machine, build, plan, phases, time.monotonic() - started)
    print("\n" + report)
    if not args.no_record:
        record(report, Path(args.docs))
        log(f"Appended to {args.docs}")


def _search_args(args):
    """The arguments bench/search.py's children read."""
    return SimpleNamespace(
        organisations=args.organisations, queries=0, seed=args.seed, budget=0, query_timeout=0
    )


def build_database(url, workdir, args):
    """bench/search.py's steps: migrate, then its `build` child (bulk load, the search table)."""
    log(f"[load] migrate {url.rsplit('/', 1)[-1]}")
    t0 = time.monotonic()
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], child_env(url))
    migrate_seconds = time.monotonic() - t0
    build = child("build", url, workdir, _search_args(args), label="load")
    build["migrate_seconds"] = migrate_seconds
    return build


def prepare(url, server_env, workdir, args):
    """What production needs beyond the benchmark's data, then events, people and the
    addresses the clients ask for (the `prepare` child)."""
    # Publishing the demo events logs a line per page: only warnings here.
    env = {**os.environ, **server_env, "LOG_LEVEL": "WARNING"}
    log("[load] production migrate, cache table, static files")
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], env)
    run([PYTHON, "manage.py", "createcachetable"], env)
    run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v", "0"], env)
    result_file = workdir / "plan.json"
    log("[load] events, people and addresses")
    command = [PYTHON, str(Path(__file__).resolve()), "--child", "prepare"]
    command += ["--result-file", str(result_file), "--people", str(args.people)]
    command += ["--seed", str(args.seed)]
    run(command, env)
    return json.loads(result_file.read_text())


def drive(phase, base, workdir, args):
    result_file = workdir / f"drive-{phase}.json"
    log(
        f"[load] {phase}: {args.clients} clients, {args.warm_up:g} s warm-up, "
        f"{args.duration:g} s measured"
    )
    command = [PYTHON, str(Path(__file__).resolve()), "--child", "drive", "--phase", phase]
    command += ["--base", base, "--plan-file", str(workdir / "plan.json")]
    command += ["--result-file", str(result_file), "--clients", str(args.clients)]
    command += ["--duration", str(args.duration), "--warm-up", str(args.warm_up)]
    command += ["--max-requests", str(args.max_requests), "--seed", str(args.seed)]
    # The driver must stop by itself; this is the backstop.
    limit = PRIME_SECONDS + args.warm_up + args.duration + 120
    subprocess.run(command, cwd=ROOT, check=True, timeout=limit)
    result = json.loads(result_file.read_text())
    total = result["kinds"]["all"]
    log(
        f"[load] {phase}: {total['requests']:,} requests, {total['errors']} errors, "
        f"{result['rps']:.1f}/s, p50 {total['p50']} ms, p95 {total['p95']} ms, "
        f"p99 {total['p99']} ms"
    )
    return result


class GunicornServer:
    """gunicorn serving the site with the load test's settings on a free loopback port, in
    its own process group, stopped (TERM, then KILL) on leaving the block."""

    def __init__(self, env, log_path, workers):
        self.env = {**os.environ, **env}
        self.log_path = log_path
        self.workers = workers
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"

    def command(self):
        command = [PYTHON, "-m", "gunicorn"]
        if GUNICORN_CONF.exists():
            command += ["-c", str(GUNICORN_CONF)]
        workers = self.workers or (None if GUNICORN_CONF.exists() else 2 * os.cpu_count() + 1)
        if workers:
            command += ["--workers", str(workers)]
        # On the command line, these win over the configuration file.
        command += ["--bind", f"{HOST}:{self.port}", "config.wsgi:application"]
        return command

    def describe(self):
        """gunicorn's version, its configuration and the number of workers it runs."""
        import gunicorn

        if self.workers:
            workers = self.workers
        elif GUNICORN_CONF.exists():  # the configuration's own rule
            workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * os.cpu_count() + 1, 12))
        else:
            workers = 2 * os.cpu_count() + 1
        config = "config/gunicorn.conf.py" if GUNICORN_CONF.exists() else "no configuration file"
        return f"{gunicorn.__version__} ({config}, {workers} workers)"

    def __enter__(self):
        self.log = open(self.log_path, "a")  # noqa: SIM115 - closed in __exit__
        log(f"[load] gunicorn: {' '.join(self.command()[1:])}")
        self.process = subprocess.Popen(
            self.command(),
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._fail("gunicorn exited")
            try:
                with urllib.request.urlopen(self.base + HELLO, timeout=30) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        self._fail("gunicorn did not answer")

    def _fail(self, message):
        self.__exit__()
        tail = self.log_path.read_text().splitlines()[-20:]
        raise SystemExit(f"{message}; the end of its log:\n" + "\n".join(tail))

    def __exit__(self, *exc_info):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()
        return False


# ---------------------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------------------

PHASE_TITLES = {"hello": "hello world", "pages": "anonymous pages", "mix": "mix"}


def render(args, command, machine, build, plan, phases, total_seconds):
    now = datetime.now(UTC)
    lines = [
        f"## {now:%Y-%m-%d %H:%M} UTC — load, {args.organisations:,} organisations, "
        f"{args.clients} clients",
        "",
        f"- Machine: {machine}",
        f"- Command: `{command}`",
        f"- Code: {revision()}",
        f"- Whole run: {total_seconds / 60:.1f} min",
        "- Shared cache: "
        + (
            "Redis (REDIS_URL)"
            if os.environ.get("REDIS_URL")
            else "the database cache (no REDIS_URL)"
        ),
    ]
    if build:
        counts = build["counts"]
        lines.append(
            f"- Data: {counts['organisations']:,} organisations, {counts['services']:,} "
            f"services ({counts['listed services']:,} listed); bulk load "
            f"{build['load_seconds']:.1f} s"
        )
    lines.append(
        f"- Clients ask for {plan['counts']['organisation pages']} organisation and "
        f"{plan['counts']['service pages']} service pages, {plan['counts']['event pages']} "
        f"event pages ({plan['counts']['open events']} open for registration), "
        f"{plan['counts']['searches']} directory searches; {plan['counts']['people']} "
        "signed-in people register"
    )
    lines += [
        "",
        "| phase | search | kind | requests | errors | req/s | p50 | p95 | p99 | max |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for phase in phases:
        title = PHASE_TITLES[phase["phase"]]
        for kind, stats in phase["kinds"].items():
            rate = phase["rps"] if kind == "all" else stats["requests"] / phase["seconds"]
            lines.append(
                f"| {title} | {phase['search']} | {kind} | {stats['requests']:,} "
                f"| {stats['errors']} | {rate:.1f} | {stats['p50']} | {stats['p95']} "
                f"| {stats['p99']} | {stats['max']} |"
            )
    lines += [
        "",
        f"Times in ms. Each phase: {args.clients} clients without think time, "
        f"{args.warm_up:g} s of warm-up not counted, then {args.duration:g} s (at most "
        f"{args.max_requests:,} requests) measured; req/s = requests ÷ seconds measured. "
        "Before the anonymous pages and the mix, every page the clients pick from was asked "
        "for once (the page cache filled: "
        + ", ".join(
            f"{p['primed']['pages']} pages in {p['primed']['seconds']:.0f} s"
            for p in phases
            if p["primed"]["pages"]
        )
        + "). "
        "The load generator (locust, one process) shares the machine with the server; "
        "its CPU use per phase: "
        + ", ".join(
            f"{PHASE_TITLES[p['phase']]} ({p['search']}) {p['client_cpu']:.0%} of one core"
            for p in phases
        )
        + ".",
    ]
    errors = [(p, message) for p in phases for message in p["error_messages"]]
    for phase, message in errors[:10]:
        lines.append(f"- error in {PHASE_TITLES[phase['phase']]}: {message}")
    lines += ["", "Pass criteria:", ""]
    # Failed requests, and exceptions in the load test's own code (warm-up included).
    total_errors = sum(p["kinds"]["all"]["errors"] + p["exceptions"] for p in phases)
    lines.append(
        f"- errors: {total_errors} (≤ {MAX_ERRORS}): "
        + ("met" if total_errors <= MAX_ERRORS else "**missed**")
    )
    by_phase = {p["phase"]: p for p in phases if p["phase"] != "mix"}
    if "hello" in by_phase and "pages" in by_phase:
        ratio = by_phase["pages"]["rps"] / by_phase["hello"]["rps"]
        lines.append(
            f"- anonymous pages / hello world throughput: {by_phase['pages']['rps']:.1f} ÷ "
            f"{by_phase['hello']['rps']:.1f} req/s = {ratio:.0%} (≥ {MIN_PAGES_TO_HELLO:.0%}): "
            + ("met" if ratio >= MIN_PAGES_TO_HELLO else "**missed**")
        )
    for phase in phases:
        if phase["phase"] == "mix" and "directory search" in phase["kinds"]:
            search = phase["kinds"]["directory search"]
            lines.append(
                f"- directory search p95 under the mix, {phase['search']}: {search['p95']} ms "
                f"(p50 {search['p50']} ms, {search['requests']:,} searches)"
            )
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------
# The `prepare` child: Django set up with the server's settings, on the benchmark database
# ---------------------------------------------------------------------------------------


def child_prepare(args):
    import random
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone
    from django.utils.http import urlencode

    from bench.search import build_queries
    from directory.models import DirectoryIndexPage, OrganisationPage, ServicePage
    from forums import demo as forum_demo
    from forums.models import EventPage, RegionalForumPage, RegistrationState

    rng = random.Random(f"{args.seed}:load")
    forum_demo.load(list(RegionalForumPage.objects.all()))

    # People: accounts made in bulk (no password: they never sign in by form), each with a
    # signed-in session, as after signing in.
    User = get_user_model()
    emails = [f"load-test-{n}@example.org" for n in range(args.people)]
    User.objects.filter(email__in=emails).delete()
    User.objects.bulk_create(
        [User(email=email, password=make_password(None)) for email in emails], batch_size=1000
    )
    store = import_module(settings.SESSION_ENGINE).SessionStore
    backend = settings.AUTHENTICATION_BACKENDS[0]
    sessions = []
    for user in User.objects.filter(email__in=emails):
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = backend
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        sessions.append(session.session_key)

    def sample(queryset):
        urls = [page.url for page in queryset.only("id", "url_path").order_by("pk")]
        return rng.sample(urls, min(SAMPLED_PAGES, len(urls)))

    now = timezone.now()
    events = list(EventPage.objects.live().order_by("pk"))
    open_events = [
        {"id": event.pk, "url": event.url}
        for event in events
        if event.registration_state(now) == RegistrationState.OPEN
    ]
    directory = DirectoryIndexPage.objects.live().first().url
    searches = []
    for _kind, query in build_queries(SEARCHES, args.seed):
        params = query.to_params() + ([("page", query.page)] if query.page != 1 else [])
        searches.append(directory + ("?" + urlencode(params) if params else ""))
    plan = {
        "home": ["/"],
        "organisations": sample(OrganisationPage.objects.live()),
        "services": sample(ServicePage.objects.listed()),
        "events": [event.url for event in events],
        "open_events": open_events,
        "searches": searches,
        "sessions": sessions,
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
    }
    plan["counts"] = {
        "organisation pages": len(plan["organisations"]),
        "service pages": len(plan["services"]),
        "event pages": len(events),
        "open events": len(open_events),
        "searches": len(searches),
        "people": len(sessions),
    }
    if not open_events:
        raise SystemExit("no event is open for registration: the mix needs one")
    return plan


# ---------------------------------------------------------------------------------------
# The `drive` child: locust, headless, against the server on loopback
# ---------------------------------------------------------------------------------------


def child_drive(args):
    # locust patches the standard library for gevent when imported: only in this child.
    import itertools
    import random

    import gevent
    from locust import FastHttpUser, constant
    from locust.env import Environment

    if not args.base.startswith(f"http://{HOST}:"):
        raise SystemExit("the load test sends requests to the loopback address only")
    plan = json.loads(Path(args.plan_file).read_text())
    rng = random.Random(f"{args.seed}:drive:{args.phase}")
    people = itertools.cycle(plan["sessions"])

    def get(user, kind, urls):
        user.client.get(rng.choice(urls), name=kind)

    def register(user):
        """A signed-in person opens an open event's page, then registers (302 back to it)."""
        event = rng.choice(plan["open_events"])
        cookies = f"{plan['session_cookie']}={user.session}; {plan['csrf_cookie']}={user.csrf}"
        user.client.get(event["url"], name="event page (signed in)", headers={"Cookie": cookies})
        with user.client.post(
            f"/events/{event['id']}/register/",
            data={"csrfmiddlewaretoken": user.csrf, "on_behalf_of": "individual"},
            headers={"Cookie": cookies, "Referer": args.base + event["url"]},
            name="registration",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code != 302 or "login" in location:
                response.failure(f"registration answered {response.status_code} {location}")
            else:
                response.success()

    actions = {
        "hello world": lambda user: user.client.get(HELLO, name="hello world"),
        "home page": lambda user: get(user, "home page", plan["home"]),
        "organisation page": lambda user: get(user, "organisation page", plan["organisations"]),
        "service page": lambda user: get(user, "service page", plan["services"]),
        "event page": lambda user: get(user, "event page", plan["events"]),
        "directory search": lambda user: get(user, "directory search", plan["searches"]),
        "registration": register,
    }
    weights = {"hello": {"hello world": 1}, "pages": PAGE_WEIGHTS, "mix": MIX_WEIGHTS}[args.phase]

    class Client(FastHttpUser):
        host = args.base
        wait_time = constant(0)
        tasks = {actions[kind]: weight for kind, weight in weights.items()}

        def on_start(self):
            self.session = next(people)
            self.csrf = secrets.token_hex(16)  # a CSRF secret of 32 characters

    primed = {"pages": 0, "seconds": 0.0, "errors": []}
    if args.phase in ("pages", "mix"):
        pages = plan["home"] + plan["organisations"] + plan["services"] + plan["events"]
        primed = prime(args.base, pages, args.clients)
    environment = Environment(user_classes=[Client], catch_exceptions=True)
    runner = environment.create_local_runner()
    runner.start(args.clients, spawn_rate=min(args.clients, 100))
    gevent.sleep(args.warm_up)
    environment.stats.reset_all()
    cpu_before, started = os.times(), time.monotonic()
    while (
        time.monotonic() - started < args.duration
        and environment.stats.total.num_requests < args.max_requests
    ):
        gevent.sleep(0.1)
    seconds = time.monotonic() - started
    cpu_after = os.times()
    result = {
        "phase": args.phase,
        "seconds": seconds,
        "rps": environment.stats.total.num_requests / seconds,
        "kinds": {"all": _figures(environment.stats.total)},
        "exceptions": sum(item["count"] for item in runner.exceptions.values())
        + len(primed["errors"]),
        "primed": {"pages": primed["pages"], "seconds": primed["seconds"]},
        "client_cpu": ((cpu_after.user + cpu_after.system) - (cpu_before.user + cpu_before.system))
        / seconds,
        "error_messages": [
            f"{error.name}: {error.error} ({error.occurrences}×)"
            for error in environment.stats.errors.values()
        ]
        + [
            f"exception in the load test itself: {item['msg']} ({item['count']}×)"
            for item in runner.exceptions.values()
        ]
        + [f"while filling the page cache: {error}" for error in primed["errors"][:5]],
    }
    for (name, _method), entry in sorted(environment.stats.entries.items()):
        result["kinds"][name] = _figures(entry)
    runner.quit()
    return result


def prime(base, paths, clients):
    """Ask for every page the clients will ask for once, `clients` at a time, so that the
    measured phase meets the page cache filled rather than a cold start (at most
    PRIME_SECONDS). Returns how many pages, how long, and the errors met."""
    from gevent.pool import Pool

    started = time.monotonic()
    errors = []

    def fetch(path):
        if time.monotonic() - started > PRIME_SECONDS:
            return
        try:
            with urllib.request.urlopen(base + path, timeout=60) as response:
                response.read()
        except (urllib.error.URLError, OSError) as error:
            errors.append(f"{path}: {error}")

    Pool(clients).map(fetch, list(dict.fromkeys(paths)))
    seconds = time.monotonic() - started
    log(f"[load] {len(set(paths))} pages asked for once in {seconds:.1f} s (page cache filled)")
    return {"pages": len(set(paths)), "seconds": seconds, "errors": errors}


def _figures(entry):
    if not entry.num_requests:
        return {"requests": 0, "errors": entry.num_failures, "p50": 0, "p95": 0, "p99": 0, "max": 0}
    return {
        "requests": entry.num_requests,
        "errors": entry.num_failures,
        "p50": entry.get_response_time_percentile(0.50),
        "p95": entry.get_response_time_percentile(0.95),
        "p99": entry.get_response_time_percentile(0.99),
        "max": round(entry.max_response_time),
    }


if __name__ == "__main__":
    main()
