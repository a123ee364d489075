"""JSON and JSON Lines: one article per object (fields in `read/records.py`)."""

from __future__ import annotations

import json

from newsprism.errors import ReadError
from newsprism.model import REPORT_SCHEMA_ID, RawDocument, Skipped
from newsprism.read.decode import decode_text
from newsprism.read.records import record_to_document

__all__ = ["read_json", "read_jsonl"]

# What json.loads raises on bad input: JSONDecodeError (a ValueError), ValueError
# for integers over Python's 4,300-digit limit, RecursionError for deep nesting.
_JSON_ERRORS = (ValueError, RecursionError)


def read_json(data: bytes, source: str) -> list[RawDocument | Skipped]:
    """An object, a list of objects, or {"articles": [...]}."""
    value = _loads(decode_text(data))
    if isinstance(value, dict) and str(value.get("schema", "")).startswith(REPORT_SCHEMA_ID.split("/")[0]):
        raise ReadError("a report newsprism wrote, not articles")  # its "articles" hold no text
    if isinstance(value, dict) and isinstance(value.get("articles"), list):
        value = value["articles"]
    records = value if isinstance(value, list) else [value]
    if not records:
        raise ReadError("JSON holds no articles")
    if len(records) == 1:
        return [record_to_document(records[0], source)]
    return [record_to_document(r, f"{source}#{i}") for i, r in enumerate(records, 1)]


def read_jsonl(data: bytes, source: str) -> list[RawDocument | Skipped]:
    """One JSON object per line; a bad line is skipped with its line number, the others read."""
    lines = [(n, line) for n, line in enumerate(decode_text(data).splitlines(), 1) if line.strip()]
    if not lines:
        raise ReadError("JSON Lines file holds no records")
    if len(lines) == 1:
        return [record_to_document(_loads(lines[0][1]), source)]
    out = [_line(line, n, f"{source}#{n}") for n, line in lines]
    if not any(isinstance(d, RawDocument) for d in out):
        raise ReadError(f"no line of the JSON Lines file is a readable article ({out[0].reason})")
    return out


def _line(line: str, n: int, name: str) -> RawDocument | Skipped:
    try:
        return record_to_document(_loads(line), name)
    except ReadError as exc:
        return Skipped(name, f"line {n}: {exc.reason}")


def _loads(text: str) -> object:
    try:
        return json.loads(text)
    except _JSON_ERRORS as exc:
        if isinstance(exc, json.JSONDecodeError):  # where: "Expecting ',' delimiter: line 3 column 7"
            where = f"line {exc.lineno} column {exc.colno}" if exc.lineno > 1 else f"column {exc.colno}"
            detail = f"{exc.msg}: {where}"
        else:
            detail = str(exc) or type(exc).__name__
        raise ReadError(f"malformed JSON: {detail[:160]}") from None
