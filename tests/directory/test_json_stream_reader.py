"""The streaming reader for the Charity Commission's register extract: every element whatever
the chunk size, records before the whole stream is read, and malformed arrays refused."""

import io
import json

import pytest

from directory.imports.charity_extract import CHARITY_FILE
from directory.imports.json_stream import JSONStreamError, iter_json_array
from tests.directory.charity_commission_fixture import FIXTURE

AWKWARD_ARRAY = (
    "\ufeff \r\n\t[ \n"
    '{"id": 1, "name": "Brackets ] and [ braces } {", "nested": {"list": [1, [2, {"x": []}]]}},'
    '\n\n   {"id": 2, "text": "Commas, \\"quotes\\", a backslash \\\\ and \\u00a3", "n": -12.5e3}'
    '\t,{"id": 3, "unicode": "£ é — 🙂", "empty": {}, "none": null, "yes": true, "no": false},'
    '123456789, "a string", [], true , null,\r\n'
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


@pytest.mark.parametrize("chunk_size", [1, 2, 3, 5, 7, 16, 1024])
def test_the_reader_yields_every_element_whatever_the_chunk_size(chunk_size):
    stream = TrickleStream(AWKWARD_ARRAY.encode("utf-8"), chunk_size)

    elements = list(iter_json_array(stream, chunk_size=chunk_size))

    assert elements == expected_elements()
    assert stream.largest_read <= chunk_size


@pytest.mark.parametrize("chunk_size", [1, 4, 64])
def test_the_reader_takes_text_streams_with_a_byte_order_mark(chunk_size):
    elements = list(iter_json_array(io.StringIO(AWKWARD_ARRAY), chunk_size=chunk_size))

    assert elements == expected_elements()


def test_the_reader_yields_records_before_reading_the_whole_stream():
    records = [{"registered_charity_number": n, "charity_name": f"Charity {n}"} for n in range(500)]
    data = b"\xef\xbb\xbf" + json.dumps(records).encode()
    stream = TrickleStream(data, 64)

    reader = iter_json_array(stream, chunk_size=64)
    first = next(reader)

    assert first == records[0]
    assert stream.bytes_read < 200 < len(data)
    assert list(reader) == records[1:]


def test_an_empty_array_yields_nothing():
    assert list(iter_json_array(io.BytesIO(b"\xef\xbb\xbf [ \n ] \n"), chunk_size=2)) == []


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b'{"not": "an array"}',
        b'[{"id": 1}, {"id": 2}',
        b'[{"id": 1} {"id": 2}]',
        b'[{"id": 1, "name": "unterminated}]',
        b'[{"id": 1}] trailing',
    ],
)
def test_a_malformed_array_is_an_error(data):
    with pytest.raises(JSONStreamError):
        list(iter_json_array(io.BytesIO(data), chunk_size=3))


def test_the_fixture_is_shaped_like_the_commissions_extract():
    raw = (FIXTURE / CHARITY_FILE).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf[")
    with (FIXTURE / CHARITY_FILE).open("rb") as stream:
        records = list(iter_json_array(stream, chunk_size=10))
    assert len(records) == 9
    assert {record["linked_charity_number"] for record in records} == {0, 1}
