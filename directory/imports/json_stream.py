"""Read a large JSON array one element at a time, without loading the whole document.

The Charity Commission publishes its register as JSON files that are each one array of
records, the largest over a gigabyte and starting with a UTF-8 byte-order mark. `iter_json_array`
reads the file in chunks and decodes one element at a time with the standard library's
`JSONDecoder.raw_decode`, so memory use stays at about one chunk plus one record.
"""

import codecs
import json

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


def iter_json_array(
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
