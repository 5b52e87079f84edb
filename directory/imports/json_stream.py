"""Read a large JSON array one element at a time, without loading the whole document.

The Charity Commission publishes its register as JSON files that are each one array of
records, the largest over a gigabyte and starting with a UTF-8 byte-order mark.
`iter_json_array` parses them with ijson (its C backend, yajl2_c, where it is installed),
reading `chunk_size` bytes at a time, so memory use stays at about one chunk plus one record.
ijson does not accept a byte-order mark: `_BinaryStream` drops it before ijson reads.
"""

import ijson

# ijson's own default read size: faster than 1 MiB on the extract (bench/charity_parse.py).
DEFAULT_CHUNK_SIZE = 64 * 1024

_BOM = b"\xef\xbb\xbf"
_WHITESPACE = b" \t\n\r"


class JSONStreamError(ValueError):
    """The stream is not a well-formed JSON array."""


class _BinaryStream:
    """UTF-8 bytes from a binary or text stream, without a leading byte-order mark."""

    def __init__(self, stream):
        self._stream = stream
        self._pending = b""
        self.first = self._start()

    def _read(self, size):
        chunk = self._stream.read(size)
        if isinstance(chunk, str):
            chunk = chunk.encode("utf-8")
        return chunk

    def _start(self):
        """The first significant byte (b"" for an empty stream), kept to be read again."""
        data = b""
        while True:
            chunk = self._read(64)
            if not chunk:
                break
            data += chunk
            if len(data) < len(_BOM) and _BOM.startswith(data):
                continue  # could still be a byte-order mark cut short by a small read
            data = data.removeprefix(_BOM)
            if data.lstrip(_WHITESPACE):
                break
        self._pending = data.lstrip(_WHITESPACE)
        return self._pending[:1]

    def read(self, size=-1):
        if not self._pending:
            return self._read(size)
        if size is None or size < 0:
            chunk, self._pending = self._pending + self._read(-1), b""
        else:
            chunk, self._pending = self._pending[:size], self._pending[size:]
        return chunk


def iter_json_array(stream, chunk_size=DEFAULT_CHUNK_SIZE):
    """Yield each element of the JSON array in `stream` (binary or text), one at a time.

    Numbers come back as int or float (as the standard library's `json` gives them), not as
    Decimal. A stream that is not one well-formed array raises `JSONStreamError`.
    """
    source = _BinaryStream(stream)
    if source.first != b"[":
        found = f"found {source.first.decode('latin-1')!r}" if source.first else "it is empty"
        raise JSONStreamError(f"Expected a JSON array ('['), but {found}")
    try:
        yield from ijson.items(source, "item", buf_size=chunk_size, use_float=True)
    except ijson.JSONError as error:
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise JSONStreamError(f"Invalid JSON ({message})") from None
