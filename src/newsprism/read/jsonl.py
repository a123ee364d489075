"""JSON and JSON Lines: one article per object (fields in `read/records.py`)."""

from __future__ import annotations

import json

from newsprism.errors import ReadError
from newsprism.model import RawDocument, Skipped
from newsprism.read.decode import decode_text
from newsprism.read.records import record_to_document

__all__ = ["read_json", "read_jsonl"]


def read_json(data: bytes, source: str) -> list[RawDocument | Skipped]:
    """An object, a list of objects, or {"articles": [...]}."""
    try:
        value = json.loads(decode_text(data))
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ReadError(f"malformed JSON: {exc}") from None
    if isinstance(value, dict) and isinstance(value.get("articles"), list):
        value = value["articles"]
    records = value if isinstance(value, list) else [value]
    if not records:
        raise ReadError("JSON holds no articles")
    if len(records) == 1:
        return [record_to_document(records[0], source)]
    return [record_to_document(r, f"{source}#{i}") for i, r in enumerate(records, 1)]


def read_jsonl(data: bytes, source: str) -> list[RawDocument | Skipped]:
    """One JSON object per line; a bad line is skipped, the others read."""
    lines = [(n, line) for n, line in enumerate(decode_text(data).splitlines(), 1) if line.strip()]
    if not lines:
        raise ReadError("JSON Lines file holds no records")
    out: list[RawDocument | Skipped] = []
    for n, line in lines:
        name = f"{source}#{n}" if len(lines) > 1 else source
        try:
            out.append(record_to_document(json.loads(line), name))
        except (json.JSONDecodeError, RecursionError) as exc:
            out.append(Skipped(name, f"malformed JSON on line {n}: {exc.msg if hasattr(exc, 'msg') else exc}"))
    if not any(isinstance(d, RawDocument) for d in out) and len(out) > 1:
        raise ReadError(f"no line of the JSON Lines file is a readable article ({out[0].reason})")
    return out
