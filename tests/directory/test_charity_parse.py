"""Parsing the Charity Commission's register extract with ijson: the same records as the
standard library gives for the fixture extract, every element whatever the chunk size,
the byte-order mark, records before the whole stream is read, and malformed arrays refused
with a clear error (which the command reports)."""

import io
import json

from django.core.management import call_command
from django.core.management.base import CommandError

import pytest

from directory.imports.charity_extract import (
    AREA_FILE,
    CHARITY_FILE,
    CLASSIFICATION_FILE,
    iter_table,
)
from directory.imports.json_stream import JSONStreamError, iter_json_array
from tests.directory.charity_commission_fixture import FIXTURE

AWKWARD_ARRAY = (
    "\ufeff \r\n\t[ \n"
    '{"id": 1, "name": "Brackets ] and [ braces } {", "nested": {"list": [1, [2, {"x": []}]]}},'
    '\n\n   {"id": 2, "text": "Commas, \\"quotes\\", a backslash \\\\ and \\u00a3", "n": -12.5e3}'
    '\t,{"id": 3, "unicode": "£ é — 🙂", "empty": {}, "none": null, "yes": true, "no": false},'
    '123456789, "a string", [], true , null, 0.1,\r\n'
    '{"id": 4, "long": "' + "x" * 500 + '"}'
    "\n ]\n\n"
)


class TrickleStream:
    """A binary stream that hands out at most `size` bytes a read and remembers how much."""

    def __init__(self, data, size):
        self._data = io.BytesIO(data)
        self._size = size
        self.bytes_read = 0
        self.largest_read = 0

    def read(self, n=-1):
        chunk = self._data.read(self._size if n is None or n < 0 else min(n, self._size))
        self.bytes_read += len(chunk)
        self.largest_read = max(self.largest_read, len(chunk))
        return chunk


def expected_elements():
    return json.loads(AWKWARD_ARRAY.lstrip("\ufeff"))


@pytest.mark.parametrize("table", [CHARITY_FILE, CLASSIFICATION_FILE, AREA_FILE])
@pytest.mark.parametrize("chunk_size", [7, 256, 1024 * 1024])
def test_ijson_gives_the_same_records_as_the_standard_library(table, chunk_size):
    expected = json.loads((FIXTURE / table).read_text(encoding="utf-8-sig"))

    records = list(iter_table(FIXTURE, table, chunk_size))

    assert records == expected
    # Numbers keep their types: int stays int (not Decimal), as the mapping expects.
    assert all(type(record["registered_charity_number"]) is int for record in records)


@pytest.mark.parametrize("chunk_size", [1, 2, 3, 5, 7, 16, 1024])
def test_every_element_whatever_the_chunk_size(chunk_size):
    stream = TrickleStream(AWKWARD_ARRAY.encode("utf-8"), chunk_size)

    elements = list(iter_json_array(stream, chunk_size=chunk_size))

    assert elements == expected_elements()
    assert type(elements[-2]) is float
    assert stream.largest_read <= chunk_size


@pytest.mark.parametrize("chunk_size", [1, 4, 64])
def test_text_streams_with_a_byte_order_mark(chunk_size):
    elements = list(iter_json_array(io.StringIO(AWKWARD_ARRAY), chunk_size=chunk_size))

    assert elements == expected_elements()


def test_records_come_before_the_whole_stream_is_read():
    records = [{"registered_charity_number": n, "charity_name": f"Charity {n}"} for n in range(500)]
    data = b"\xef\xbb\xbf" + json.dumps(records).encode()
    stream = TrickleStream(data, 64)

    reader = iter_json_array(stream, chunk_size=64)
    first = next(reader)

    assert first == records[0]
    assert stream.bytes_read < 1000 < len(data)
    assert list(reader) == records[1:]


def test_an_empty_array_yields_nothing():
    assert list(iter_json_array(io.BytesIO(b"\xef\xbb\xbf [ \n ] \n"), chunk_size=2)) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "it is empty"),
        (b"\xef\xbb\xbf  ", "it is empty"),
        (b'{"not": "an array"}', "found '{'"),
        (b'[{"id": 1}, {"id": 2}', "premature EOF"),
        (b'[{"id": 1} {"id": 2}]', "expect ',' or ']'"),
        (b'[{"id": 1, "name": "unterminated}]', "premature EOF"),
        (b'[{"id": 1}] trailing', "trailing garbage"),
    ],
)
def test_a_malformed_array_is_a_clear_error(data, message):
    with pytest.raises(JSONStreamError, match=message) as raised:
        list(iter_json_array(io.BytesIO(data), chunk_size=3))
    assert "\n" not in str(raised.value)


def test_the_fixture_is_shaped_like_the_commissions_extract():
    raw = (FIXTURE / CHARITY_FILE).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf[")
    with (FIXTURE / CHARITY_FILE).open("rb") as stream:
        records = list(iter_json_array(stream, chunk_size=10))
    assert len(records) == 9
    assert {record["linked_charity_number"] for record in records} == {0, 1}


def test_the_command_explains_a_malformed_extract(tree, tmp_path):
    for table in (CLASSIFICATION_FILE, AREA_FILE):
        (tmp_path / table).write_bytes((FIXTURE / table).read_bytes())
    (tmp_path / CHARITY_FILE).write_bytes(b'\xef\xbb\xbf[{"registered_charity_number": 1')

    with pytest.raises(CommandError, match="Invalid JSON"):
        call_command("import_charity_commission", str(tmp_path), stdout=io.StringIO())
