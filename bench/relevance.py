#!/usr/bin/env python
"""Relevance benchmark: precision@k of the directory's search on the demo data, per backend.

Usage (from the project folder):

    .venv/bin/python bench/relevance.py [--backends sqlite,postgres,engine]
                                        [--no-record] [--docs docs/benchmarks.md]
                                        [--queries bench/relevance.toml] [--show 10]

The relevance set (`bench/relevance.toml`) holds practitioners' queries, each with the facet
filters that define a right answer and a k. For each backend asked for, the script

1. builds a fresh database (SQLite in a temporary file; PostgreSQL as a new database,
   BENCH_RELEVANCE_POSTGRES_URL, default
   postgres://commonground:commonground@127.0.0.1:5432/commonground_relevance, created and
   dropped through the `postgres` maintenance database) and runs `migrate`;
2. writes the demo directory into it: the organisations and services `load_demo_data`
   creates (`directory.demo.planning.build_demo_plan`, same seed, same plans), written in
   bulk with the search benchmark's writer (`bench/search.py`, `BulkLoader.write`), then
   the database's search table (`rebuild_search_index --database-only`);
3. runs every query through the one entry point, `search.api.search("services",
   SearchQuery(text=...))`, with the words alone (no filters), and judges the first k
   results against the query's filters; for "engine" the same, after
   `search.engine.rebuild("services")` from the PostgreSQL data (or the SQLite data when
   PostgreSQL is not asked for) under the index prefix `bench-relevance-`
   (BENCH_RELEVANCE_ENGINE_PREFIX), on the node at BENCH_SEARCH_URL, TEST_SEARCH_URL or
   SEARCH_URL (else `tools/opensearch/opensearch.sh start` is asked for one);
4. prints precision@k per query and backend, the mean per backend and per kind of query, and
   the failing queries with their top k (title, organisation, and why a result is not a
   right answer), and rewrites the "Relevance (precision@k)" section of docs/benchmarks.md.

precision@k = right answers among the first k results / min(k, right answers that exist).
A result is a right answer when it meets every filter of the query (a filter is met by any of
its values; a parent category includes its subcategories; a national service is in every
region), judged from the database by each facet's own rule (`Facet.members`, the rule its
filter applies), so every backend is judged against the same answers. The denominator is
min(k, ...) so that a query with only 3 right answers and k = 5 scores 100% when all 3 are
in the first 5.

The functions above the runner (`load_queries`, `build_demo_directory`, `evaluate`, ...)
are also what `tests/search/test_relevance.py` uses: one definition, measured the same way.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import tomllib
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as `python bench/relevance.py`, this folder would come first on sys.path and
# bench/search.py would shadow the project's `search` app: put the project folder there.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

QUERIES = ROOT / "bench" / "relevance.toml"
DOCS = ROOT / "docs" / "benchmarks.md"
INDEX = "services"
TARGET = 0.95
SETTINGS = "bench.settings"
PYTHON = sys.executable
DEFAULT_POSTGRES_URL = "postgres://commonground:commonground@127.0.0.1:5432/commonground_relevance"
ENGINE_PREFIX = os.environ.get("BENCH_RELEVANCE_ENGINE_PREFIX", "bench-relevance-")
QUERY_FIELDS = {"text", "filters", "k", "kind", "why"}
KINDS = ("need", "who", "stage", "place", "postcode", "combined", "spelling")
SECTION_START = "<!-- relevance: bench/relevance.py rewrites everything up to the end marker -->"
SECTION_END = "<!-- /relevance -->"


# ---------------------------------------------------------------------------------------
# The set
# ---------------------------------------------------------------------------------------


def load_queries(path=QUERIES):
    """The relevance set: [{"text", "filters": {param: [values]}, "k", "kind", "why"}]."""
    with open(path, "rb") as handle:
        entries = tomllib.load(handle).get("query", [])
    queries = []
    for number, entry in enumerate(entries, start=1):
        where = f"{Path(path).name}, query {number} ({entry.get('text')!r})"
        unknown = set(entry) - QUERY_FIELDS
        if unknown:
            raise ValueError(f"{where}: unknown fields {sorted(unknown)}")
        text, k, kind = entry.get("text"), entry.get("k"), entry.get("kind")
        filters = entry.get("filters") or {}
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{where}: no text")
        if not isinstance(k, int) or not 1 <= k <= 20:
            raise ValueError(f"{where}: k must be a whole number from 1 to 20")
        if kind not in KINDS:
            raise ValueError(f"{where}: kind must be one of {', '.join(KINDS)}")
        if not filters or not all(
            isinstance(values, list) and values and all(isinstance(v, str) for v in values)
            for values in filters.values()
        ):
            raise ValueError(f"{where}: filters must map facet parameters to lists of values")
        queries.append(
            {"text": text, "filters": filters, "k": k, "kind": kind, "why": entry.get("why", "")}
        )
    return queries


def describe_filters(filters):
    return "; ".join(f"{param}={'|'.join(values)}" for param, values in filters.items())


# ---------------------------------------------------------------------------------------
# The data
# ---------------------------------------------------------------------------------------


def build_demo_directory():
    """The demo directory (the plans `load_demo_data` creates), written in bulk and indexed
    for the database backends. Returns the counts written."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from bench.search import BulkLoader
    from directory.demo.planning import build_demo_plan
    from directory.demo.plans import Vocabulary
    from directory.models import StalenessStage
    from home.site_structure import ensure_site_structure
    from search import facet_bitmaps, reference

    structure = ensure_site_structure()
    plans = build_demo_plan(Vocabulary.load())
    for plan in plans:
        # As `load_demo_data` leaves them: current, nothing hidden as stale.
        plan.staleness = StalenessStage.CURRENT
        plan.keep_listed = False
    with transaction.atomic():
        counts = BulkLoader(len(plans), 0).write(structure.directory, plans)
    call_command("rebuild_search_index", "--database-only", verbosity=0)
    if connection.vendor == "postgresql":
        # Statistics for the tables just written, as autovacuum would gather them in time:
        # without them the planner guesses, and some text searches take seconds (ANALYZE,
        # unlike VACUUM, may run inside a test's transaction).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    # Written without signals: say so to the facet snapshot and the cached vocabulary.
    facet_bitmaps.data_changed(INDEX)
    reference.forget()
    return counts


# ---------------------------------------------------------------------------------------
# Judging
# ---------------------------------------------------------------------------------------


def precision_at_k(relevant_flags, k, relevant_count):
    """Right answers among the first k / min(k, right answers that exist); None when none
    exist (the query cannot be judged)."""
    if relevant_count == 0:
        return None
    return sum(1 for flag in list(relevant_flags)[:k] if flag) / min(k, relevant_count)


class Judge:
    """Which listed services meet a query's filters, by the services index's own facets."""

    def __init__(self):
        from search.indexes import get_index

        self.index = get_index(INDEX)
        self.facets = {facet.param: facet for facet in self.index.facets}
        self.listed = self.index.get_queryset()
        self.listed_ids = set(self.listed.values_list("pk", flat=True))
        self._members = {}
        self._documents = None

    def problems(self, query):
        """Filters that name no facet or no option of it (a typo in the set)."""
        found = []
        for param, values in query["filters"].items():
            facet = self.facets.get(param)
            if facet is None:
                found.append(f"no facet {param!r}")
                continue
            known = set(facet.option_values(facet.options()))
            found += [f"{param}: no option {value!r}" for value in values if value not in known]
        return found

    def met(self, param, values):
        """Primary keys of listed services meeting one filter (any of its values).

        From each facet's members, the same rule as its filter (`Facet.members`), read in a
        few plain queries: a filter's own condition is a semi-join, which PostgreSQL may plan
        badly on tables just written in a test's transaction (no statistics yet).
        """
        if param not in self._members:
            members = self.facets[param].members(self.listed.model)
            self._members[param] = {value: set(pks) for value, pks in members.items()}
        options = self._members[param]
        return self.listed_ids & set().union(*(options.get(value, set()) for value in values))

    def relevant(self, query):
        sets = [self.met(param, values) for param, values in query["filters"].items()]
        return set.intersection(*sets) if sets else set()

    def reasons(self, query, pk):
        """Why a service is not a right answer: each filter it misses, with what it has."""
        document = self.documents().get(pk, {})
        reasons = []
        for param, values in query["filters"].items():
            if pk in self.met(param, values):
                continue
            field = "category_leaves" if param == "category" else self.facets[param].document_field
            # (Subcategories only: their parents add nothing to read.)
            has = ", ".join(document.get(field) or [])
            wanted = "|".join(values)
            reasons.append(f"{param} {has} (wanted {wanted})" if has else f"{param} not {wanted}")
        return reasons

    def documents(self):
        if self._documents is None:
            self._documents = dict(self.index.documents(self.listed))
            leaves = self.listed.values_list("pk", "categories__slug")
            for pk, slug in leaves.order_by("categories__slug"):
                own_leaves = self._documents[pk].setdefault("category_leaves", [])
                if slug:
                    own_leaves.append(slug)
        return self._documents


def understood_text(results):
    """What the search made of the words, for reading a failure (whatever its shape)."""
    parts = []
    understood = getattr(results, "understood", None)
    place = getattr(understood, "place", None)
    if place is not None:
        parts.append(f"place {getattr(place, 'name', place)}")
    concepts = getattr(understood, "concepts", None) or []
    if concepts:
        shown = []
        for concept in concepts:
            terms = concept if isinstance(concept, list | tuple) else getattr(concept, "terms", ())
            name = getattr(concept, "label", "") or getattr(concept, "phrase", "")
            shown.append(name or "/".join(str(term) for term in list(terms)[:3]) or str(concept))
        parts.append("concepts " + " + ".join(shown))
    corrections = getattr(understood, "corrections", None)
    if corrections:
        parts.append("corrected " + ", ".join(f"{a}→{b}" for a, b in corrections.items()))
    filters = getattr(getattr(results, "query", None), "filters", None)
    if filters:
        parts.append(f"filtered {describe_filters(filters)}")
    return "; ".join(parts) or "nothing"


def evaluate(queries, backend_name=""):
    """Every query through `search.api.search`, judged: a report (plain data, JSON-ready)."""
    from search.api import SearchQuery, search

    judge = Judge()
    results = []
    degraded = 0
    for query in queries:
        relevant = judge.relevant(query)
        found = search(INDEX, SearchQuery(text=query["text"], per_page=query["k"]))
        degraded += bool(found.degraded)
        top = list(found.results)[: query["k"]]
        judged = [
            {
                "title": service.title,
                "organisation": service.organisation.title,
                "relevant": service.pk in relevant,
                "reasons": [] if service.pk in relevant else judge.reasons(query, service.pk),
            }
            for service in top
        ]
        results.append(
            {
                **query,
                "relevant_count": len(relevant),
                "total": found.total,
                "backend": found.backend,
                "understood": understood_text(found),
                "precision": precision_at_k(
                    [item["relevant"] for item in judged], query["k"], len(relevant)
                ),
                "top": judged,
            }
        )
    return {"backend": backend_name, "results": results, "degraded": degraded}


def check_set(queries):
    """Problems with the set on the data in the database: unknown filters, too few answers."""
    judge = Judge()
    problems = []
    for query in queries:
        found = judge.problems(query)
        if not found:
            count = len(judge.relevant(query))
            if count < query["k"]:
                found.append(f"{count} right answers in the data, fewer than k = {query['k']}")
        problems += [f"{query['text']!r}: {problem}" for problem in found]
    return problems


def mean_precision(report):
    scores = [item["precision"] for item in report["results"] if item["precision"] is not None]
    return sum(scores) / len(scores) if scores else 0.0


def failing(report):
    """Queries below 100%, worst first."""
    return sorted(
        (item for item in report["results"] if (item["precision"] or 0) < 1),
        key=lambda item: (item["precision"] or 0, item["text"]),
    )


def describe_failure(item):
    precision = item["precision"]
    shown = "n/a" if precision is None else f"{precision:.0%}"
    lines = [
        f"{shown:>4}  {item['text']!r}  (k={item['k']}, {item['relevant_count']} right answers "
        f"exist; wants {describe_filters(item['filters'])}; {item['total']} results; "
        f"understood: {item['understood']})"
    ]
    if not item["top"]:
        lines.append("        (no results)")
    for position, result in enumerate(item["top"], start=1):
        mark = "✓" if result["relevant"] else "✗"
        why = f": {'; '.join(result['reasons'])}" if result["reasons"] else ""
        lines.append(
            f"      {position:>2}. {mark} {result['title']} — {result['organisation']}{why}"
        )
    return "\n".join(lines)


def failure_report(report, limit=None):
    """The failing queries with their top k, worst first (what a test prints)."""
    items = failing(report)
    shown = items if limit is None else items[:limit]
    text = "\n".join(describe_failure(item) for item in shown)
    if limit is not None and len(items) > limit:
        text += f"\n… and {len(items) - limit} more below 100%"
    return text


# ---------------------------------------------------------------------------------------
# The runner: databases and children
# ---------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backends", default="sqlite,postgres,engine")
    parser.add_argument("--queries", default=str(QUERIES), help="the relevance set (TOML)")
    parser.add_argument("--no-record", action="store_true", help="do not write docs/")
    parser.add_argument("--docs", default=str(DOCS), help="where the section is written")
    parser.add_argument(
        "--show", type=int, default=None, help="failing queries printed per backend (all)"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--measure", default="", help=argparse.SUPPRESS)
    parser.add_argument("--engine-url", default="", help=argparse.SUPPRESS)
    parser.add_argument("--result-file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args)
        return

    backends = [name.strip() for name in args.backends.split(",") if name.strip()]
    unknown = set(backends) - {"sqlite", "postgres", "engine"}
    if unknown:
        parser.error(f"unknown backends: {', '.join(sorted(unknown))}")
    load_queries(args.queries)  # a broken set fails before any database is built
    started = time.monotonic()
    reports, data, versions = run_backends(args, backends)
    if not reports:
        raise SystemExit("nothing was measured")
    print_reports(reports, args.show)
    command = " ".join(
        [".venv/bin/python", "bench/relevance.py", f"--backends {','.join(backends)}"]
        + ([f"--queries {args.queries}"] if Path(args.queries) != QUERIES else [])
    )
    section = render_section(reports, data, versions, command, time.monotonic() - started)
    if not args.no_record:
        record(section, Path(args.docs), reports, data)
        log(f"Wrote the relevance section of {args.docs}")


def log(message):
    print(f"relevance: {message}", file=sys.stderr, flush=True)


def run_backends(args, backends):
    """Build each database needed, measure in children; ({label: report}, data, versions)."""
    from bench.search import drop_postgres, find_engine, recreate_postgres

    engine_url = ""
    if "engine" in backends:
        engine_url = find_engine() or ""
        if not engine_url:
            log("No search engine reachable: the engine is left out.")
            backends = [name for name in backends if name != "engine"]
    databases = [name for name in ("sqlite", "postgres") if name in backends]
    engine_database = None
    if engine_url:
        engine_database = "postgres" if "postgres" in backends or not databases else databases[0]
        if engine_database not in databases:
            databases.append(engine_database)

    workdir = Path(tempfile.mkdtemp(prefix="commonground-relevance-"))
    postgres_url = os.environ.get("BENCH_RELEVANCE_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    urls = {"sqlite": f"sqlite:///{workdir / 'relevance.sqlite3'}", "postgres": postgres_url}
    reports, data, versions = {}, {}, {}
    try:
        for name in databases:
            if name == "postgres":
                versions["PostgreSQL"] = recreate_postgres(postgres_url)
            log(f"[{name}] migrate")
            env = child_env(urls[name])
            subprocess.run(
                [PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"],
                cwd=ROOT,
                env=env,
                check=True,
            )
            measure = (["database"] if name in backends else []) + (
                ["engine"] if name == engine_database else []
            )
            result = child(args, urls[name], measure, engine_url, workdir / f"{name}.json")
            data[name] = result["counts"]
            versions.update(result["versions"])
            for backend, report in result["reports"].items():
                label = name if backend == "database" else f"engine (data on {name})"
                reports[label] = report
    finally:
        if "postgres" in databases:
            drop_postgres(postgres_url)
        for path in workdir.glob("*"):
            path.unlink()
        workdir.rmdir()
    return reports, data, versions


def child_env(database_url):
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
    return env


def child(args, database_url, measure, engine_url, result_file):
    log(f"[{database_url.split(':')[0]}] build the demo data and measure {', '.join(measure)}")
    subprocess.run(
        [
            PYTHON,
            str(Path(__file__).resolve()),
            "--child",
            "--measure",
            ",".join(measure),
            "--engine-url",
            engine_url,
            "--queries",
            args.queries,
            "--result-file",
            str(result_file),
        ],
        cwd=ROOT,
        env=child_env(database_url),
        check=True,
    )
    return json.loads(result_file.read_text())


def run_child(args):
    """In a child with Django set up on one database: build, then measure each backend."""
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import override_settings

    import wagtail

    from directory.models import ServicePage

    versions = {"Django": django.get_version(), "Wagtail": wagtail.__version__}
    if connection.vendor == "sqlite":
        import sqlite3

        versions["SQLite"] = sqlite3.sqlite_version
    queries = load_queries(args.queries)
    counts = build_demo_directory()
    counts["listed services"] = ServicePage.objects.listed().count()
    problems = check_set(queries)
    for problem in problems:
        log(f"set: {problem}")
    reports = {}
    for backend in filter(None, args.measure.split(",")):
        if backend == "database":
            with override_settings(SEARCH_URL=""):
                reports[backend] = evaluate(queries, connection.vendor)
            continue
        from search import engine

        with override_settings(SEARCH_URL=args.engine_url, SEARCH_INDEX_PREFIX=ENGINE_PREFIX):
            name, indexed, _seconds = engine.rebuild(INDEX, args.engine_url)
            versions["OpenSearch"] = engine.client(args.engine_url).info()["version"]["number"]
            try:
                reports[backend] = evaluate(queries, "engine")
            finally:
                engine.client(args.engine_url).indices.delete(index=name, ignore_unavailable=True)
        log(f"[engine] {indexed} documents in {name} ({settings.SEARCH_INDEX_PREFIX!r})")
    Path(args.result_file).write_text(
        json.dumps(
            {"counts": counts, "versions": versions, "reports": reports, "problems": problems}
        )
    )


# ---------------------------------------------------------------------------------------
# Printing and recording
# ---------------------------------------------------------------------------------------


def by_kind(report):
    kinds = {}
    for item in report["results"]:
        if item["precision"] is not None:
            kinds.setdefault(item["kind"], []).append(item["precision"])
    return {kind: sum(scores) / len(scores) for kind, scores in kinds.items()}


def print_reports(reports, show):
    for label, report in reports.items():
        below = failing(report)
        print(f"\n=== {label}: mean precision@k {mean_precision(report):.1%} ", end="")
        print(f"({len(report['results']) - len(below)}/{len(report['results'])} at 100%)")
        if report["degraded"]:
            print(f"!!! {report['degraded']} searches fell back to the database")
        print(failure_report(report, show))
    print("\nMean precision@k:")
    for label, report in reports.items():
        verdict = "met" if mean_precision(report) >= TARGET else "below the target"
        print(f"  {label:<28} {mean_precision(report):6.1%}  ({verdict}, target {TARGET:.0%})")


def revision():
    from bench.search import revision as search_revision

    return search_revision()


def render_section(reports, data, versions, command, seconds):
    from bench.search import describe_machine

    labels = list(reports)
    first = next(iter(reports.values()))
    counts = next(iter(data.values()))
    now = datetime.now(UTC)
    lines = [
        f"### Latest run: {now:%Y-%m-%d %H:%M} UTC",
        "",
        f"- Code: {revision()}",
        f"- Machine: {describe_machine(versions)}",
        f"- Command: `{command}` ({seconds / 60:.1f} min)",
        f"- Data: the demo data (`directory/demo/`, what `load_demo_data` creates): "
        f"{counts['organisations']} organisations, {counts['services']} services "
        f"({counts['listed services']} listed), built fresh in each database",
        f"- Set: {len(first['results'])} queries (`bench/relevance.toml`)",
        "",
        "| backend | mean precision@k | queries at 100% | queries below 50% | target 95% |",
        "|---|---:|---:|---:|---|",
    ]
    for label, report in reports.items():
        mean = mean_precision(report)
        perfect = sum(1 for item in report["results"] if item["precision"] == 1)
        poor = sum(1 for item in report["results"] if (item["precision"] or 0) < 0.5)
        lines.append(
            f"| {label} | {mean:.1%} | {perfect} | {poor} | "
            f"{'met' if mean >= TARGET else '**missed**'} |"
        )
        if report["degraded"]:
            lines.append(f"| ({label}: {report['degraded']} searches fell back!) | | | | |")
    lines += ["", "By kind of query (mean precision@k):", ""]
    lines.append("| kind | queries | " + " | ".join(labels) + " |")
    lines.append("|---|---:|" + "---:|" * len(labels))
    kinds = [by_kind(report) for report in reports.values()]
    for kind in KINDS:
        count = sum(1 for item in first["results"] if item["kind"] == kind)
        if count:
            cells = " | ".join(f"{figures.get(kind, 0):.0%}" for figures in kinds)
            lines.append(f"| {kind} | {count} | {cells} |")
    lines += ["", "Per query (precision@k; right answers that exist in the demo data):", ""]
    lines.append("| query | k | right answers | " + " | ".join(labels) + " |")
    lines.append("|---|---:|---:|" + "---:|" * len(labels))
    for position, item in enumerate(first["results"]):
        cells = []
        for report in reports.values():
            precision = report["results"][position]["precision"]
            cells.append("n/a" if precision is None else f"{precision:.0%}")
        text = item["text"].replace("|", "\\|")
        lines.append(f"| {text} | {item['k']} | {item['relevant_count']} | {' | '.join(cells)} |")
    return "\n".join(lines + render_failures(reports)) + "\n"


def render_failures(reports):
    """Each query below 100% somewhere: what the search understood and the wrong results,
    from the first backend where it fell short."""
    lines = ["", "Queries below 100%, with the wrong results where each first fell short:", ""]
    first = next(iter(reports.values()))
    for position, item in enumerate(first["results"]):
        below = [
            (label, report["results"][position])
            for label, report in reports.items()
            if (report["results"][position]["precision"] or 0) < 1
        ]
        if not below:
            continue
        figures = ", ".join(f"{label} {result['precision'] or 0:.0%}" for label, result in below)
        label, result = below[0]
        lines.append(
            f"- `{item['text']}` ({figures}; wants {describe_filters(item['filters'])}; "
            f"{label} understood: {result['understood']})"
        )
        for rank, found in enumerate(result["top"], start=1):
            if not found["relevant"]:
                reasons = "; ".join(found["reasons"])
                lines.append(f"  - {rank}. {found['title']} ({found['organisation']}): {reasons}")
        if len(result["top"]) < min(item["k"], item["relevant_count"]):
            lines.append(f"  - only {len(result['top'])} results")
    return lines


SECTION_INTRO = """\
## Relevance (precision@k) (`bench/relevance.py`)

{start}

Whether the directory finds the right services for what practitioners type, on every
backend, measured on the demo data (`directory/demo/`, the same data `make run` loads).

- **The set**: `bench/relevance.toml`, practitioners' queries in their own words ("somewhere
  to live", "NFA", "ex-forces job", "women housing Leeds", "LS6", misspellings), each with
  the facet filters that define a right answer and a k (10 when there are many right
  answers, 5 for narrower needs, fewer when only a few exist).
- **The search**: each query's words alone through `search.api.search("services",
  SearchQuery(text=...))`, with no filters: understanding the words is the search's job.
- **A right answer** is a listed service meeting every filter of the query (any of a
  filter's values; a parent category includes its subcategories; a national service is in
  every region), judged from the database by each facet's own rule (`Facet.members`, the
  rule its filter applies), so every backend is judged against the same answers.
- **precision@k** = right answers among the first k results / min(k, right answers that
  exist). With only 3 right answers and k = 5, all 3 in the first 5 is 100%; a query with
  fewer results than that scores less. A backend's figure is the mean over the queries.
- **Target**: at least 95% on SQLite, PostgreSQL and the engine (issue 13);
  `tests/search/test_relevance.py` fails below it on the backend under test.
"""


def record(section, docs, reports, data):
    """Rewrite the relevance section: the definition, the latest run and one line per run."""
    text = docs.read_text() if docs.exists() else "# Benchmarks\n"
    history = []
    if SECTION_START in text and SECTION_END in text:
        head, rest = text.split(SECTION_START, 1)
        old, tail = rest.split(SECTION_END, 1)
        head = head.rsplit("## Relevance (precision@k)", 1)[0]
        if "### Runs, newest first" in old:
            rows = old.split("### Runs, newest first", 1)[1].strip().splitlines()
            history = [row for row in rows[2:] if row.startswith("| ")]
    else:
        marker = "## Search (`bench/search.py`)"
        head, tail = text.split(marker, 1) if marker in text else (text, "")
        tail = marker + tail if tail else ""
    labels = ", ".join(f"{label} {mean_precision(report):.1%}" for label, report in reports.items())
    history.insert(
        0,
        f"| {datetime.now(UTC):%Y-%m-%d %H:%M} | {revision()} | {labels} | "
        f"{len(next(iter(reports.values()))['results'])} |",
    )
    body = "\n".join(
        [
            SECTION_INTRO.format(start=SECTION_START),
            section,
            "### Runs, newest first",
            "",
            "| date (UTC) | code | mean precision@k | queries |",
            "|---|---|---|---:|",
            *history,
            "",
            SECTION_END,
        ]
    )
    docs.write_text(head.rstrip() + "\n\n" + body + "\n" + ("\n" + tail.lstrip() if tail else ""))


if __name__ == "__main__":
    main()
