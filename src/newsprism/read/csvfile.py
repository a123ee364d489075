"""CSV with a header row: one article per row (fields in `read/records.py`)."""

from __future__ import annotations

import csv
import io
import sys

from newsprism.errors import ReadError
from newsprism.model import RawDocument, Skipped
from newsprism.read.decode import decode_text
from newsprism.read.records import KNOWN_FIELDS, record_to_document

__all__ = ["read"]

# Article bodies are far longer than csv's 128 kB default field limit.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def read(data: bytes, source: str) -> list[RawDocument | Skipped]:
    text = decode_text(data)
    try:
        rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error as exc:
        raise ReadError(f"malformed CSV: {exc}") from None
    if not rows:
        raise ReadError("CSV holds no rows under its header")
    out: list[RawDocument | Skipped] = []
    for n, row in enumerate(rows, 1):
        name = f"{source}#{n}" if len(rows) > 1 else source
        if None in row:  # more cells than header columns
            out.append(Skipped(name, f"row {n} has more cells than the header"))
            continue
        out.append(record_to_document(row, name))
    if not any(isinstance(d, RawDocument) for d in out):
        raise ReadError(f"no CSV row is a readable article ({out[0].reason})")
    return out


def _delimiter(text: str) -> str:
    """The delimiter under which the header names a known column; the sniffer's guess
    otherwise (bodies full of commas and semicolons mislead it)."""
    header = text.split("\n", 1)[0]
    for delimiter in (",", ";", "\t", "|"):
        try:
            names = {n.strip().lower() for n in next(csv.reader([header], delimiter=delimiter))}
        except (csv.Error, StopIteration):
            continue
        if names & KNOWN_FIELDS:
            return delimiter
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t|").delimiter
    except csv.Error:
        return ","
