"""CSV with a header row: one article per row (fields in `read/records.py`)."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from newsprism.errors import ReadError
from newsprism.model import RawDocument, Skipped
from newsprism.read.decode import decode_text
from newsprism.read.records import KNOWN_KEYS, field_key, record_to_document

__all__ = ["read"]

# Article bodies are far longer than csv's 128 kB default field limit. 32 M
# characters is above the 20 MB input cap, so even a whole file in one cell is
# read; a larger cell can only come from a decompressed archive and is skipped.
_FIELD_LIMIT = 32 * 1024 * 1024
_DELIMITERS = (",", ";", "\t", "|")
# The sniffer looks at this much text; enough for a header and a few rows.
_SNIFF_CHARS = 8192


def read(data: bytes, source: str) -> list[RawDocument | Skipped]:
    text = decode_text(data).lstrip("\r\n")
    _raise_field_limit()
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        if not reader.fieldnames:
            raise ReadError("CSV has no header row")
    except csv.Error as exc:
        raise ReadError(f"malformed CSV header: {exc}") from None
    out = list(_rows(reader, source))
    if not out:
        raise ReadError("CSV holds no rows under its header")
    if len(out) == 1 and isinstance(out[0], RawDocument):
        return [replace(out[0], source=source)]
    if not any(isinstance(d, RawDocument) for d in out):
        raise ReadError(f"no CSV row is a readable article ({out[0].reason})")
    return out


def _rows(reader: csv.DictReader, source: str):
    """Each row as a document, or a skip record naming its row and line."""
    n = 0
    while True:
        n += 1
        name = f"{source}#{n}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # the reader resumes at the next line
            yield Skipped(name, f"malformed CSV row {n}: {exc}")
            continue
        if None in row:  # more cells than header columns
            yield Skipped(name, f"row {n} (line {reader.line_num}) has more cells than the header")
        else:
            yield record_to_document(row, name)


def _raise_field_limit() -> None:
    # The limit is process-wide: raise it, never lower a limit someone else set higher.
    if csv.field_size_limit() < _FIELD_LIMIT:
        csv.field_size_limit(_FIELD_LIMIT)


def _delimiter(text: str) -> str:
    """The delimiter under which the header names a known column; the sniffer's guess
    otherwise (bodies full of commas and semicolons mislead it)."""
    header = text.split("\n", 1)[0]
    for delimiter in _DELIMITERS:
        try:
            names = {field_key(n.strip()) for n in next(csv.reader([header], delimiter=delimiter))}
        except (csv.Error, StopIteration):
            continue
        if names & KNOWN_KEYS:
            return delimiter
    try:
        return csv.Sniffer().sniff(text[:_SNIFF_CHARS], delimiters="".join(_DELIMITERS)).delimiter
    except csv.Error:
        return ","
