"""The work a batch run sends to its workers: pure stage functions over one unit, with files in and out.

Each task first looks for its own output and returns what that file recorded when it is already there, so a
task redone after a worker died, or a rerun of a finished job, writes nothing new. Outputs are written
atomically (`tables.write_table`): a file that exists is whole.

- `read_partition`: read -> clean (with language) -> document vector and MinHash signature of each article
  of one input partition. Writes the staged articles, their vectors under the article's time window and
  their LSH band keys under the band's bucket: the file layout is the shuffle.
- `band_pairs`: one bucket of band keys -> pairs of near-duplicate articles.
- `cluster_window`: one time window's articles -> events, with the same `place_articles` the store's
  ingest calls, in batches of the same size.
- `analyse_events`: events -> the same stages as `newsprism analyze`, one JSON briefing each, and the rows of
  the analysis tables drawn from those briefings.
- `finish_partition`: the articles table of one partition, with each article's event and near-duplicate.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import asdict
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa

from newsprism.batch import tables
from newsprism.batch.inputs import Partition, iter_partition
from newsprism.model import Article, Boilerplate, Skipped

__all__ = ["analyse_events", "band_pairs", "cluster_window", "finish_partition", "read_partition"]

STAGING = "staging"
# Articles a partition may hold: positions are partition index * this + row, one order over the whole job.
PER_PARTITION = 1_000_000_000
BUCKETS = 16
# Articles embedded per call: each distinct title or lead of a call is embedded once (wire copies), and
# 1,024 vectors are 1.5 MB.
EMBED_BATCH = 1024
# The store's ingest places articles 200 at a time (benchmarks/cluster_eval.py does the same).
PLACE_BATCH = 200
VECTOR = pa.list_(pa.float32(), 384)


def window_of(day: str | None, window_days: int) -> str:
    return f"{date.fromisoformat(day).toordinal() // window_days:06d}" if day else "undated"


def _models():
    from newsprism.batch.workers import models

    return models()


# --- per partition -----------------------------------------------------------------------------------


def read_partition(partition: Partition, index: int, out: str, options, settings, window_days: int) -> dict:
    """Read, clean and embed one partition; returns its summary (articles, skips, seconds per stage)."""
    from newsprism.clean import clean, unusable
    from newsprism.cluster import day_of, document_vectors
    from newsprism.dedupe import NUM_PERM, _shingles, band_keys, signature

    root = Path(out) / STAGING
    done = root / "parts" / f"{partition.key}.parquet"
    if done.exists():
        return tables.file_metadata(done)
    seconds = Counter()
    articles: list[Article] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()
    items = iter_partition(partition, options)
    while True:
        t0 = time.perf_counter()
        item = next(items, None)
        t1 = time.perf_counter()
        seconds["read"] += t1 - t0
        if item is None:
            break
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        article = clean(item)
        seconds["clean"] += time.perf_counter() - t1
        reason = unusable(article)
        if reason:
            skipped.append(Skipped(item.source, reason))
        elif article.id not in seen:
            seen.add(article.id)
            articles.append(article)
    embedder = _models().e5
    t0 = time.perf_counter()
    vectors = np.zeros((len(articles), 384), dtype=np.float32)
    for i in range(0, len(articles), EMBED_BATCH):
        vectors[i:i + EMBED_BATCH] = document_vectors(articles[i:i + EMBED_BATCH], embedder, settings)
    seconds["vectors"] += time.perf_counter() - t0
    t0 = time.perf_counter()
    bands = []
    signatures = np.zeros((len(articles), NUM_PERM), dtype=np.uint32)
    for row, article in enumerate(articles):
        values = signatures[row] = signature(_shingles(article.body))
        bands += [(key, article.id, index * PER_PARTITION + row) for key in band_keys(values)]
    seconds["minhash"] += time.perf_counter() - t0
    days = [day_of(a, settings) for a in articles]
    positions = [index * PER_PARTITION + row for row in range(len(articles))]
    # The shuffles: vectors under their time window, band keys under their bucket.
    by_window: dict[str, list[int]] = {}
    for row, day in enumerate(days):
        by_window.setdefault(window_of(day, window_days), []).append(row)
    for window, rows in by_window.items():
        tables.write_table(root / "vectors" / window / f"{partition.key}.parquet", pa.table({
            "position": pa.array([positions[r] for r in rows], pa.int64()),
            "article_id": pa.array([articles[r].id for r in rows], pa.string()),
            "title": pa.array([articles[r].title for r in rows], pa.string()),
            "day": pa.array([days[r] for r in rows], pa.string()),
            "vector": pa.FixedSizeListArray.from_arrays(pa.array(vectors[rows].ravel(), pa.float32()), 384),
        }))
    # Whole signatures, so a band collision is confirmed by the estimated Jaccard as in dedupe.py.
    tables.write_table(root / "signatures" / f"{partition.key}.parquet", pa.table({
        "article_id": pa.array([a.id for a in articles], pa.string()),
        "signature": pa.FixedSizeListArray.from_arrays(pa.array(signatures.ravel(), pa.uint32()), NUM_PERM),
    }))
    by_bucket: dict[int, list[tuple]] = {}
    for band in bands:
        by_bucket.setdefault(band[0] % BUCKETS, []).append(band)
    for bucket, rows in by_bucket.items():
        band, ids, pos = zip(*rows)
        tables.write_table(root / "bands" / f"{bucket:02d}" / f"{partition.key}.parquet", pa.table({
            "band": pa.array(band, pa.int64()), "article_id": pa.array(ids, pa.string()),
            "position": pa.array(pos, pa.int64())}))
    summary = {"key": partition.key, "index": index, "articles": len(articles),
               "skipped": [asdict(s) for s in skipped], "seconds": dict(seconds)}
    rows = [_article_row(a, d, p, partition.key) for a, d, p in zip(articles, days, positions)]
    tables.write_table(done, pa.Table.from_pylist(rows, schema=tables.SCHEMAS["articles"]), summary)
    return summary


def _article_row(article: Article, day: str | None, position: int, key: str) -> dict:
    record = article.to_record()
    record["article_id"] = record.pop("id")
    record.update(day=day, position=position, input=key, event_id=None, duplicate_of=None)
    return record


def article_from_row(row: dict) -> Article:
    return Article(row["article_id"], row["source"], row["body"], row["outlet"], row["title"], row["published"],
                   row["url"], row["dateline"], row["wire"], row["caption"], None,
                   tuple(Boilerplate(b["kind"], b["text"]) for b in row["boilerplate"] or ()), row["language"])


# --- near-duplicates ---------------------------------------------------------------------------------


def band_pairs(out: str, bucket: int) -> list[tuple[str, str]]:
    """(earlier article, later article) for articles sharing a band key in this bucket whose
    estimated Jaccard similarity clears dedupe's threshold (bands also collide by chance)."""
    import pyarrow.parquet as pq

    from newsprism.dedupe import NEAR_DUPLICATE, estimated_jaccard

    folder = Path(out) / STAGING / "bands" / f"{bucket:02d}"
    files = tables.whole_files(folder)
    if not files:
        return []
    parts = [pq.read_table(f) for f in files]
    table = pa.concat_tables(parts)
    partition_of = [f.stem for f, part in zip(files, parts) for _ in range(part.num_rows)]
    first: dict[int, int] = {}
    candidates: set[tuple[int, int]] = set()
    order = np.argsort(table["position"].to_numpy(), kind="stable")
    bands, ids = table["band"].to_pylist(), table["article_id"].to_pylist()
    for i in order:
        band = bands[i]
        if band in first:
            if ids[first[band]] != ids[i]:
                candidates.add((first[band], int(i)))
        else:
            first[band] = int(i)
    if not candidates:
        return []
    wanted: dict[str, set[str]] = {}
    for a, b in candidates:
        for row in (a, b):
            wanted.setdefault(partition_of[row], set()).add(ids[row])
    signatures: dict[str, np.ndarray] = {}
    for key, keep in wanted.items():
        path = Path(out) / STAGING / "signatures" / f"{key}.parquet"
        if not path.exists():
            continue  # staged by a version that kept no signatures: its candidates stand unchecked
        found = pq.read_table(path)
        for article, signature in zip(found["article_id"].to_pylist(), found["signature"].to_numpy(zero_copy_only=False)):
            if article in keep:
                signatures[article] = np.asarray(signature)
    pairs = {(ids[a], ids[b]) for a, b in candidates
             if ids[a] not in signatures or ids[b] not in signatures
             or estimated_jaccard(signatures[ids[a]], signatures[ids[b]]) >= NEAR_DUPLICATE}
    return sorted(pairs)


# --- events ------------------------------------------------------------------------------------------


def cluster_window(out: str, unit: str, windows: list[str], settings, edge_days: int) -> dict:
    """Events of one unit of time windows (all its articles in input order, placed 200 at a time).

    Writes the unit's events with their members' vectors; events within `edge_days` of the unit's first or
    last day are marked `edge`: the merge at the unit's edges compares them."""
    import pyarrow.parquet as pq

    from newsprism.pipeline import place_articles

    root = Path(out) / STAGING
    done = root / "windows" / f"{unit}.parquet"
    if done.exists():
        return tables.file_metadata(done)
    t0 = time.perf_counter()
    files = [f for w in windows for f in tables.whole_files(root / "vectors" / w)]
    table = pa.concat_tables(pq.read_table(f) for f in files)
    table = table.take(np.argsort(table["position"].to_numpy(), kind="stable"))
    ids, titles, days = table["article_id"].to_pylist(), table["title"].to_pylist(), table["day"].to_pylist()
    vectors = table["vector"].combine_chunks().flatten().to_numpy().reshape(len(ids), 384)
    # The same article in two partitions: placed once, at its first position.
    keep = sorted({a: i for i, a in reversed(list(enumerate(ids)))}.values())
    live: dict = {}

    def load_events(since):
        return [e for e in live.values() if since is None or e.last is None or e.last >= since]

    for start in range(0, len(keep), PLACE_BATCH):
        rows = keep[start:start + PLACE_BATCH]
        added = [Article(ids[r], "", "", title=titles[r], published=days[r]) for r in rows]
        changes = place_articles(added, vectors[rows], load_events, settings)
        for old, _ in changes.redirects:
            live.pop(old, None)
        for event in changes.events:
            live[event.id] = event
        live = {i: e for i, e in live.items() if e.size}
    dated = [d for d in days if d]
    lo, hi = (min(dated), max(dated)) if dated else (None, None)
    rows = []
    for event in live.values():
        edge = "undated" in unit or _near_edge(event, lo, hi, edge_days)
        for article_id, vector, day in zip(event.members, event.vectors, event.days):
            rows.append({"event_id": event.id, "article_id": article_id, "day": day, "title": event.title,
                         "edge": edge, "vector": vector.tolist()})
    summary = {"unit": unit, "articles": len(keep), "events": len(live), "seconds": {"cluster": time.perf_counter() - t0}}
    schema = pa.schema([("event_id", pa.string()), ("article_id", pa.string()), ("day", pa.string()),
                        ("title", pa.string()), ("edge", pa.bool_()), ("vector", VECTOR)])
    tables.write_table(done, pa.Table.from_pylist(rows, schema=schema), summary)
    return summary


def _near_edge(event, lo: str | None, hi: str | None, days: int) -> bool:
    if event.first is None or lo is None:
        return True
    return ((date.fromisoformat(event.first) - date.fromisoformat(lo)).days <= days
            or (date.fromisoformat(hi) - date.fromisoformat(event.last)).days <= days)


# --- per event ---------------------------------------------------------------------------------------


def analyse_events(out: str, group: str, events: list[tuple[str, list[str]]], parts: dict[str, list[str]]) -> dict:
    """Analyse each event (its articles in input order) with the stages of `newsprism analyze`; write its
    JSON briefing and this group's rows of the analysis tables. `parts`: partition key -> article ids."""
    from newsprism.brief import brief
    from newsprism.errors import AnalysisError
    from newsprism.pipeline import ReadOutcome, analyze
    from newsprism.render.json import report_record

    root = Path(out)
    done = root / STAGING / "analysis" / f"{group}.json"
    if done.exists():
        import json

        return json.loads(done.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    _models()  # loaded once per worker (spaCy, MiniLM): a no-op after the first task
    by_id = {}
    for key, ids in parts.items():
        table = tables.read_table(root / STAGING / "parts" / f"{key}.parquet", ids=set(ids))
        for row in table.to_pylist():
            by_id.setdefault(row["article_id"], row)
    seconds_load = time.perf_counter() - t0
    rows: dict[str, list[dict]] = {name: [] for name in tables.REPORT_TABLES}
    failed = []
    t0 = time.perf_counter()
    for event_id, members in events:
        articles = tuple(article_from_row(by_id[a]) for a in members if a in by_id)
        try:
            record = report_record(brief(analyze(ReadOutcome(articles, ()))))
        except AnalysisError as exc:
            failed.append({"event": event_id, "reason": str(exc)})
            continue
        tables.write_json(root / "briefings" / f"{event_id}.json", record)
        for name, found in tables.report_rows(event_id, record).items():
            rows[name] += found
    for name, found in rows.items():
        tables.write_table(root / name / f"part-{group}.parquet", tables.to_table(name, found))
    summary = {"group": group, "events": len(events) - len(failed), "failed": failed,
               "titles": {}, "seconds": {"load": seconds_load, "analyse": time.perf_counter() - t0}}
    tables.write_json(done, summary)
    return summary


# --- the articles table ------------------------------------------------------------------------------


def finish_partition(out: str, key: str, events: dict[str, str], duplicate_of: dict[str, str],
                     drop: list[int], fingerprint: str) -> int:
    """Write `articles/part-KEY-FP.parquet`: the staged articles with their event and near-duplicate, less the
    repeats of an article met at an earlier position. Returns the rows written (0 when already there)."""
    import pyarrow.compute as pc

    root = Path(out)
    path = root / "articles" / f"part-{key}-{fingerprint}.parquet"
    if path.exists():
        return 0
    table = tables.read_table(root / STAGING / "parts" / f"{key}.parquet")
    if drop:
        table = table.filter(pc.invert(pc.is_in(table["position"], pa.array(drop, pa.int64()))))
    ids = table["article_id"].to_pylist()
    table = table.set_column(table.schema.get_field_index("event_id"), "event_id",
                             pa.array([events.get(a) for a in ids], pa.string()))
    table = table.set_column(table.schema.get_field_index("duplicate_of"), "duplicate_of",
                             pa.array([duplicate_of.get(a) for a in ids], pa.string()))
    tables.write_table(path, table.replace_schema_metadata(None))
    for stale in tables.whole_files(root / "articles", f"part-{key}-*.parquet"):
        if stale != path:
            stale.unlink(missing_ok=True)
    return table.num_rows
