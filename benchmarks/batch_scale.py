"""Batch throughput: the single process against `batch --workers 1` and `--workers 2`, in one run.

    nice -n 10 .venv/bin/python benchmarks/batch_scale.py --sizes 1000 10000 [--formats jsonl warc]

The articles are the clustering benchmark's generator (benchmarks/cluster_eval.py, dated set), written as
JSON Lines shards and as gzipped WARC files of HTML pages (published date and site name in meta tags). For
each size and format:

- single process: read + clean the files, then the store's ingest with the event clusterer in batches of
  200 (what `newsprism ingest` does), timed from the first byte read to the last event saved;
- `batch --workers N` (a LocalCluster of N single-threaded worker processes, started before the clock;
  models load on each worker when it starts): partitions, near-duplicates, events and the articles table,
  without briefings (`analyse=False`: the per-event analysis is measured per article in the README).

Prints articles/s, the ratio to the single process, B-cubed F1 of the events against the generator's
labels, and peak RSS (the single process; the largest worker of each batch run).
"""

from __future__ import annotations

import argparse
import gzip
import html
import io
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from cluster_eval import b_cubed, labelled_articles  # noqa: E402

SHARD = 250  # articles per JSON Lines shard / WARC file


def write_jsonl(folder: Path, pairs) -> None:
    for start in range(0, len(pairs), SHARD):
        with open(folder / f"shard-{start // SHARD:04d}.jsonl", "w", encoding="utf-8") as fh:
            for _, raw in pairs[start:start + SHARD]:
                fh.write(json.dumps({"title": raw.title, "text": raw.text, "date": raw.published,
                                     "outlet": raw.outlet, "url": f"https://example.org/{raw.source}"}) + "\n")


def write_warc(folder: Path, pairs) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    for start in range(0, len(pairs), SHARD):
        with open(folder / f"crawl-{start // SHARD:04d}.warc.gz", "wb") as fh:
            writer = WARCWriter(fh, gzip=True)
            for _, raw in pairs[start:start + SHARD]:
                body = "".join(f"<p>{html.escape(p)}</p>" for p in raw.text.split("\n\n"))
                page = (f"<!doctype html><html><head><title>{html.escape(raw.title)}</title>"
                        f'<meta property="article:published_time" content="{raw.published}">'
                        f'<meta property="og:site_name" content="{raw.outlet}"></head><body><article>'
                        f"<h1>{html.escape(raw.title)}</h1>{body}</article></body></html>").encode()
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                           protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    f"https://example.org/{raw.source.removesuffix('.txt')}", "response",
                    payload=io.BytesIO(page), http_headers=headers))


def truth_of(pairs, sources: list[str]) -> dict[str, str]:
    """article id -> event label, reading the files as newsprism does (ids are content hashes)."""
    from newsprism.pipeline import read_articles

    label = {f"example.org/{raw.source.removesuffix('.txt')}": lab for lab, raw in pairs}
    truth = {}
    for article in read_articles(sources).articles:
        key = (article.url or "").split("://", 1)[-1].removesuffix(".txt")
        truth[article.id] = label[key]
    return truth


def single(sources: list[str]) -> tuple[float, dict[str, str], float]:
    from newsprism.pipeline import event_clusterer, read_articles
    from newsprism.store import SqliteStore

    from newsprism.e5 import load_document_embedder

    clusterer = event_clusterer(load_document_embedder())  # loaded before the clock, as on the workers
    with tempfile.TemporaryDirectory() as folder, SqliteStore.open(Path(folder) / "s.db") as store:
        t0 = time.perf_counter()
        articles = read_articles(sources).articles
        for i in range(0, len(articles), 200):
            store.ingest(articles[i:i + 200], now="2026-01-01T00:00:00", cluster=clusterer)
        seconds = time.perf_counter() - t0
        predicted = dict(store._conn.execute("SELECT article_id, event_id FROM event_articles").fetchall())
    return seconds, predicted, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def batch(sources: list[str], workers: int) -> tuple[float, dict[str, str], float]:
    import pyarrow.parquet as pq
    from distributed import Client, LocalCluster

    from newsprism.batch import BatchOptions, run_batch
    from newsprism.batch.runner import close_cluster
    from newsprism.batch.workers import ModelsPlugin

    out = Path(tempfile.mkdtemp(prefix="np-batch-"))
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                           silence_logs=50)
    client = Client(cluster)
    try:
        client.register_plugin(ModelsPlugin())  # models loaded before the clock, as on a running cluster
        t0 = time.perf_counter()
        summary = run_batch(sources, out, BatchOptions(analyse=False), client=client)
        seconds = time.perf_counter() - t0
        per_article = {k: round(1000 * v / max(summary.articles, 1), 1) for k, v in summary.work.items()}
        print(f"  worker ms per article by stage ({workers} workers): {per_article}; "
              f"wall s by phase: {summary.seconds}", file=sys.stderr, flush=True)
        peak = max(client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024).values())
        rows = pq.read_table(out / "membership.parquet").to_pylist()
        return seconds, {r["article_id"]: r["event_id"] for r in rows}, peak
    finally:
        close_cluster(client, cluster)
        shutil.rmtree(out, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--formats", nargs="+", default=["jsonl", "warc"], choices=["jsonl", "warc"])
    parser.add_argument("--runs", nargs="+", default=["single", "1", "2"])
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f}", flush=True)
    print("| format | articles | run | articles/s | ratio to single | B-cubed F1 (P/R) | events | seconds | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|", flush=True)
    for size in args.sizes:
        pairs = labelled_articles(size)
        for fmt in args.formats:
            folder = Path(tempfile.mkdtemp(prefix=f"np-{fmt}-"))
            (write_jsonl if fmt == "jsonl" else write_warc)(folder, pairs)
            sources = [str(folder)]
            truth = truth_of(pairs, sources)
            base = None
            for run in args.runs:
                seconds, predicted, peak = single(sources) if run == "single" else batch(sources, int(run))
                base = base or (seconds if run == "single" else None)
                p, r, f1 = b_cubed(truth, {a: predicted[a] for a in truth})
                ratio = f"{base / seconds:.2f}" if base else "-"
                name = "single process" if run == "single" else f"batch --workers {run}"
                print(f"| {fmt} | {len(truth)} | {name} | {len(truth) / seconds:.1f} | {ratio} | {f1:.3f} "
                      f"({p:.3f}/{r:.3f}) | {len(set(predicted.values()))} | {seconds:.0f} | {peak:.0f} |", flush=True)
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
