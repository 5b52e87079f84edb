#!/usr/bin/env python
"""Charity Commission extract parsing: the old hand-written decoder against ijson.

Usage (from the project folder):

    .venv/bin/python bench/charity_parse.py [--records 200000] [--no-record]

Generates an extract of N charity records shaped like the Commission's
publicextract.charity.json (a UTF-8 byte-order mark, then one array; realistic fields and
lengths, about 1.2 KB a record) in a temporary file, then parses it in a fresh child
process per parser, twice each, so that each parser's peak memory (ru_maxrss) is its own:
the OLD decoder (copied below, as it was in directory/imports/json_stream.py before ijson
replaced it, so the comparison stays reproducible) and the NEW path
(`directory.imports.json_stream.iter_json_array`, ijson with its C backend). A third child
that parses nothing gives the baseline memory. Prints records a second and peak memory,
and appends them to docs/benchmarks.md unless --no-record.
"""

import argparse
import datetime
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

# -------------------------------------------------------------------------------------------
# OLD: the hand-written streaming decoder, copied verbatim (renamed `old_iter_json_array`)
# from directory/imports/json_stream.py as it was before the ijson change. Benchmark only.
# -------------------------------------------------------------------------------------------

import codecs  # noqa: E402

DEFAULT_CHUNK_SIZE = 1024 * 1024
# A single record larger than this is not a register record: stop instead of buffering the file.
DEFAULT_MAX_ELEMENT_SIZE = 64 * 1024 * 1024

_WHITESPACE = " \t\n\r"
_BOM = "\ufeff"


class JSONStreamError(ValueError):
    """The stream is not a well-formed JSON array."""


def _text_chunks(stream, chunk_size):
    """Text from a binary or text stream, decoding UTF-8 (with or without a BOM) incrementally."""
    decoder = None
    while True:
        chunk = stream.read(chunk_size)
        if not chunk:
            if decoder is not None:
                tail = decoder.decode(b"", final=True)
                if tail:
                    yield tail
            return
        if isinstance(chunk, bytes | bytearray):
            if decoder is None:
                decoder = codecs.getincrementaldecoder("utf-8-sig")()
            chunk = decoder.decode(chunk)
            if not chunk:
                continue
        yield chunk


class _Reader:
    """A text buffer over the chunks, with a read position; consumed text is dropped on refill."""

    def __init__(self, stream, chunk_size):
        self._chunks = _text_chunks(stream, chunk_size)
        self.buffer = ""
        self.pos = 0
        self.eof = False
        self.consumed = 0  # characters dropped from the front of the buffer, for error messages
        self._started = False

    def fill(self):
        """Read one more chunk; False at the end of the stream."""
        if self.eof:
            return False
        try:
            chunk = next(self._chunks)
        except StopIteration:
            self.eof = True
            return False
        if not self._started:
            self._started = True
            chunk = chunk.removeprefix(_BOM)  # a text stream opened as plain UTF-8 keeps it
        self.consumed += self.pos
        self.buffer = self.buffer[self.pos :] + chunk
        self.pos = 0
        return True

    def next_significant_character(self):
        """The next character that is not JSON whitespace (not consumed), or "" at the end."""
        while True:
            while self.pos < len(self.buffer) and self.buffer[self.pos] in _WHITESPACE:
                self.pos += 1
            if self.pos < len(self.buffer):
                return self.buffer[self.pos]
            if not self.fill():
                return ""

    def error(self, message):
        return JSONStreamError(f"{message} at character {self.consumed + self.pos}")


def old_iter_json_array(
    stream, chunk_size=DEFAULT_CHUNK_SIZE, max_element_size=DEFAULT_MAX_ELEMENT_SIZE
):
    """Yield each element of the JSON array in `stream` (binary or text), one at a time."""
    decoder = json.JSONDecoder()
    reader = _Reader(stream, chunk_size)

    first = reader.next_significant_character()
    if first != "[":
        raise reader.error("Expected a JSON array ('[')" if first else "Empty stream, expected '['")
    reader.pos += 1

    if reader.next_significant_character() == "]":
        reader.pos += 1
        _expect_end(reader)
        return

    while True:
        if not reader.next_significant_character():
            raise reader.error("The array ends before its closing ']'")
        element, end = _decode_element(decoder, reader, max_element_size)
        reader.pos = end
        yield element

        separator = reader.next_significant_character()
        if separator == ",":
            reader.pos += 1
        elif separator == "]":
            reader.pos += 1
            _expect_end(reader)
            return
        elif not separator:
            raise reader.error("The array ends before its closing ']'")
        else:
            raise reader.error(f"Expected ',' or ']' but found {separator!r}")


def _decode_element(decoder, reader, max_element_size):
    """Decode the element at the read position, reading more until it is complete."""
    while True:
        try:
            element, end = decoder.raw_decode(reader.buffer, reader.pos)
        except json.JSONDecodeError as error:
            if reader.eof:
                raise reader.error(f"Invalid JSON ({error.msg})") from None
            if len(reader.buffer) - reader.pos > max_element_size:
                raise reader.error(
                    f"An element is larger than {max_element_size} characters"
                ) from None
            reader.fill()
            continue
        # A number (or true/false/null) that touches the end of the buffer may continue in
        # the next chunk: "12" could be the start of "123".
        if end == len(reader.buffer) and not reader.eof and reader.fill():
            continue
        return element, end


def _expect_end(reader):
    trailing = reader.next_significant_character()
    if trailing:
        raise reader.error(f"Unexpected {trailing!r} after the end of the array")


# -------------------------------------------------------------------------------------------
# End of the old decoder.
# -------------------------------------------------------------------------------------------

WORDS = (
    "support people leaving prison families visitors resettlement housing advice mentoring "
    "employment training education women young adults community through the gate victims "
    "of crime recovery addiction wellbeing advocacy local volunteers children art sport "
    "faith learning skills debt benefits legal probation offenders rehabilitation"
).split()
TOWNS = ["Leeds", "Bristol", "Manchester", "Hackney", "Birmingham", "Kirklees", "Norwich"]


def _words(rng, count):
    return " ".join(rng.choice(WORDS) for _ in range(count))


def charity_record(rng, n):
    """One record with the fields (and kinds of values) of the Commission's charity table."""
    town = rng.choice(TOWNS)
    return {
        "date_of_extract": "2026-12-01T00:00:00",
        "organisation_number": 5_000_000 + n,
        "registered_charity_number": 1_000_000 + n,
        "linked_charity_number": 0 if rng.random() < 0.9 else rng.randint(1, 9),
        "charity_name": _words(rng, rng.randint(2, 6)).title(),
        "charity_type": rng.choice(["Trust", "CIO", "Charitable company", "Other"]),
        "charity_registration_status": "Registered" if rng.random() < 0.85 else "Removed",
        "date_of_registration": f"{rng.randint(1961, 2025)}-0{rng.randint(1, 9)}-10T00:00:00",
        "date_of_removal": None,
        "charity_reporting_status": "Submission Received",
        "latest_acc_fin_period_start_date": "2024-04-01T00:00:00",
        "latest_acc_fin_period_end_date": "2025-03-31T00:00:00",
        "latest_income": round(rng.lognormvariate(11, 2), 2) if rng.random() < 0.95 else None,
        "latest_expenditure": round(rng.lognormvariate(11, 2), 2),
        "charity_contact_address1": f"{rng.randint(1, 300)} {rng.choice(WORDS).title()} Road",
        "charity_contact_address2": town,
        "charity_contact_address3": None,
        "charity_contact_address4": None,
        "charity_contact_address5": None,
        "charity_contact_postcode": f"LS{rng.randint(1, 28)} {rng.randint(1, 9)}AB",
        "charity_contact_phone": f"0113 {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
        "charity_contact_email": f"info{n}@charity.example",
        "charity_contact_web": f"www.charity{n}.example",
        "charity_company_registration_number": str(rng.randint(10**6, 10**7)),
        "charity_insolvent": False,
        "charity_in_administration": False,
        "charity_previously_excepted": None,
        "charity_is_cdf_or_cif": None,
        "charity_is_cio": rng.random() < 0.3,
        "cio_is_dissolved": None,
        "date_cio_dissolution_notice": None,
        "charity_activities": _words(rng, rng.randint(15, 60)).capitalize() + ".",
        "charity_gift_aid": True,
        "charity_has_land": rng.random() < 0.2,
    }


def write_extract(path, records, seed=20):
    """The extract as the Commission publishes it: a BOM, then one array (written streamed)."""
    rng = random.Random(seed)
    with open(path, "wb") as out:
        out.write(b"\xef\xbb\xbf[")
        for n in range(records):
            if n:
                out.write(b",\n")
            out.write(json.dumps(charity_record(rng, n), ensure_ascii=False).encode("utf-8"))
        out.write(b"]\n")


def child(parser, path):
    """Parse the file with one parser; print {"records", "seconds", "maxrss_kib"} as JSON."""
    if parser == "old":
        iterate = old_iter_json_array
    elif parser == "new":
        from directory.imports.json_stream import iter_json_array as iterate
    else:
        iterate = None
    count, started = 0, time.perf_counter()
    if iterate is not None:
        with open(path, "rb") as stream:
            for _record in iterate(stream):
                count += 1
    seconds = time.perf_counter() - started
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({"records": count, "seconds": seconds, "maxrss_kib": maxrss}))


def measure(parser, path):
    output = subprocess.run(
        [sys.executable, __file__, "--child", parser, str(path)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def machine():
    import ijson

    cores = os.cpu_count()
    with open("/proc/meminfo") as meminfo:
        memory = int(meminfo.readline().split()[1]) / 1024 / 1024
    load = os.getloadavg()[0]
    return (
        f"{cores} cores, {memory:.1f} GiB RAM; Linux {platform.release()}; Python "
        f"{platform.python_version()}; ijson {ijson.__version__} (backend {ijson.backend}); "
        f"load average (1 min) {load:.2f} at the start"
    )


def table(results, baseline, size):
    lines = [
        "| parser | records | best time | records a second | peak memory (maxrss) "
        "| above baseline |",
        "|---|---|---|---|---|---|",
    ]
    for name, label in (("old", "old hand-written decoder"), ("new", "ijson (`iter_json_array`)")):
        best = min(results[name], key=lambda r: r["seconds"])
        peak = max(r["maxrss_kib"] for r in results[name]) / 1024
        lines.append(
            f"| {label} | {best['records']:,} | {best['seconds']:.2f} s | "
            f"{best['records'] / best['seconds']:,.0f} | {peak:.1f} MiB | "
            f"{peak - baseline:.1f} MiB |"
        )
    old = min(r["seconds"] for r in results["old"])
    new = min(r["seconds"] for r in results["new"])
    lines.append("")
    lines.append(
        f"File: {size / 1024 / 1024:.0f} MiB. ijson is {old / new:.1f}× the old decoder's "
        f"speed. Baseline (a child that starts and parses nothing): {baseline:.1f} MiB."
    )
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--no-record", action="store_true")
    parser.add_argument("--docs", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(*args.child)

    about = machine()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "publicextract.charity.json"
        write_extract(path, args.records)
        size = path.stat().st_size
        baseline = measure("none", path)["maxrss_kib"] / 1024
        results = {"old": [], "new": []}
        for _round in range(args.rounds):
            for name in ("old", "new"):
                results[name].append(measure(name, path))
                assert results[name][-1]["records"] == args.records, results[name][-1]
    lines = table(results, baseline, size)
    print("\n".join(lines))
    if not args.no_record:
        now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
        command = f".venv/bin/python bench/charity_parse.py --records {args.records}"
        section = [
            "",
            f"## {now} — Charity Commission extract parsing, {args.records:,} records",
            "",
            f"- Machine: {about}",
            f"- Command: `{command}` (best of {args.rounds} runs, one child process each)",
            "",
            *lines,
            "",
        ]
        with open(args.docs, "a") as docs:
            docs.write("\n".join(section))


if __name__ == "__main__":
    main()
