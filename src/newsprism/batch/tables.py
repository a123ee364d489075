"""The Parquet tables a batch run writes, their schemas, and atomic writes.

Every file is written under a temporary name and renamed into place, so a file that exists is whole: a
killed worker leaves at most a `.tmp-*` file behind, which readers skip (`whole_files`) and a finished run
sweeps away (`sweep_temporary`). The analysis tables are
built from the JSON report records themselves, so a table row and the briefing it came from cannot differ.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

__all__ = ["SCHEMAS", "read_table", "report_rows", "sweep_temporary", "whole_files", "write_json", "write_table"]

_SPAN = pa.struct([("article", pa.string()), ("text", pa.string()), ("start", pa.int32()), ("end", pa.int32())])

#: Table name -> schema (README: "Batch runs" documents every column).
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("article_id", pa.string()), ("source", pa.string()), ("outlet", pa.string()), ("title", pa.string()),
        ("published", pa.string()), ("day", pa.string()), ("url", pa.string()), ("dateline", pa.string()),
        ("wire", pa.string()), ("caption", pa.string()), ("language", pa.string()), ("body", pa.string()),
        ("boilerplate", pa.list_(pa.struct([("kind", pa.string()), ("text", pa.string())]))),
        ("event_id", pa.string()), ("duplicate_of", pa.string()), ("input", pa.string()), ("position", pa.int64()),
    ]),
    "events": pa.schema([
        ("event_id", pa.string()), ("title", pa.string()), ("first", pa.string()), ("last", pa.string()),
        ("articles", pa.int32()), ("independent_sources", pa.int32()), ("outlets", pa.list_(pa.string())),
        ("analysed", pa.bool_()), ("briefing", pa.string()),
    ]),
    "membership": pa.schema([("event_id", pa.string()), ("article_id", pa.string()), ("position", pa.int64())]),
    "facts": pa.schema([
        ("event_id", pa.string()), ("fact_id", pa.string()), ("text", pa.string()), ("status", pa.string()),
        ("independent_sources", pa.int32()), ("articles", pa.list_(pa.string())), ("evidence", pa.list_(_SPAN)),
    ]),
    "conflicts": pa.schema([
        ("event_id", pa.string()), ("conflict_id", pa.string()), ("kind", pa.string()), ("about", pa.string()),
        ("explanation", pa.string()),
        ("sides", pa.list_(pa.struct([("articles", pa.list_(pa.string())), ("evidence", pa.list_(_SPAN))]))),
    ]),
    "quotes": pa.schema([
        ("event_id", pa.string()), ("quote_id", pa.string()), ("article", pa.string()), ("speaker", pa.string()),
        ("actor", pa.string()), ("kind", pa.string()), ("cue", pa.string()), ("text", pa.string()),
        ("start", pa.int32()), ("end", pa.int32()),
    ]),
    "actors": pa.schema([
        ("event_id", pa.string()), ("actor_id", pa.string()), ("name", pa.string()), ("aliases", pa.list_(pa.string())),
        ("type", pa.string()), ("side", pa.string()),
    ]),
    "quantities": pa.schema([
        ("event_id", pa.string()), ("article", pa.string()), ("value", pa.float64()), ("high", pa.float64()),
        ("approx", pa.string()), ("of", pa.string()), ("text", pa.string()), ("start", pa.int32()), ("end", pa.int32()),
    ]),
}
#: The tables drawn from each event's JSON report.
REPORT_TABLES = ("facts", "conflicts", "quotes", "actors", "quantities")


_TMP = ".tmp-"


def _tmp(path: Path) -> Path:
    return path.with_name(f"{_TMP}{uuid.uuid4().hex[:8]}-{path.name}")


def whole_files(folder: Path, pattern: str = "*.parquet") -> list[Path]:
    """The files in `folder` matching `pattern`, sorted, without the half-written temporary files a killed
    worker may leave (pathlib's `*` matches names starting with a dot)."""
    return sorted(f for f in folder.glob(pattern) if not f.name.startswith(_TMP))


def sweep_temporary(root: Path) -> int:
    """Delete the temporary files killed workers left under `root`; call only when no task is running."""
    left = [f for f in root.rglob(f"{_TMP}*") if f.is_file()]
    for f in left:
        f.unlink(missing_ok=True)
    return len(left)


def write_table(path: Path, table: pa.Table, metadata: dict | None = None) -> None:
    """Write a Parquet file atomically; `metadata` (JSON) rides in the file's key-value metadata."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if metadata is not None:
        table = table.replace_schema_metadata({**(table.schema.metadata or {}),
                                               b"newsprism": json.dumps(metadata).encode()})
    tmp = _tmp(path)
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


def write_json(path: Path, record: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp(path)
    tmp.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def file_metadata(path: Path) -> dict:
    """The JSON metadata `write_table` stored, without reading the data."""
    meta = pq.read_schema(path).metadata or {}
    return json.loads(meta.get(b"newsprism", b"{}"))


def read_table(path: Path, columns: list[str] | None = None, ids: set[str] | None = None,
               id_column: str = "article_id") -> pa.Table:
    table = pq.read_table(path, columns=columns)
    if ids is not None:
        import pyarrow.compute as pc

        table = table.filter(pc.is_in(table[id_column], pa.array(sorted(ids), pa.string())))
    return table


def report_rows(event_id: str, report: dict) -> dict[str, list[dict]]:
    """Rows of the analysis tables from one event's JSON report."""
    return {
        "facts": [{"event_id": event_id, "fact_id": f["id"], "text": f["text"], "status": f["status"],
                   "independent_sources": f["independent_sources"], "articles": f["articles"],
                   "evidence": [_span(e) for e in f["evidence"]]} for f in report["facts"]],
        "conflicts": [{"event_id": event_id, "conflict_id": c["id"], "kind": c["kind"], "about": c.get("about"),
                       "explanation": c.get("explanation"),
                       "sides": [{"articles": s["articles"], "evidence": [_span(e) for e in s["evidence"]]}
                                 for s in c["sides"]]} for c in report["conflicts"]],
        "quotes": [{"event_id": event_id, "quote_id": q["id"], **{k: q[k] for k in (
            "article", "speaker", "actor", "kind", "cue", "text", "start", "end")}} for q in report["quotes"]],
        "actors": [{"event_id": event_id, "actor_id": a["id"], **{k: a[k] for k in ("name", "aliases", "type", "side")}}
                   for a in report["actors"]],
        "quantities": [{"event_id": event_id, "high": q.get("high"), **{k: q[k] for k in (
            "article", "value", "approx", "of", "text", "start", "end")}} for q in report["quantities"]],
    }


def _span(e: dict) -> dict:
    return {"article": e["article"], "text": e.get("text"), "start": e["start"], "end": e["end"]}


def to_table(name: str, rows: list[dict]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=SCHEMAS[name])
