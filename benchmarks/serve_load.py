"""Load on `newsprism serve` over PostgreSQL: readers browse while one editor ingests.

    .venv/bin/python benchmarks/serve_load.py [--readers 50] [--articles 500] [--batches 5] [--max-seconds 900]

- A throwaway PostgreSQL server (initdb + pg_ctl on a free port of 127.0.0.1, as the tests start
  it), or `--db postgresql://...`.
- Before the clock: the five seeds are ingested and their event's briefing computed (cached).
- `newsprism serve` runs as its own process on 127.0.0.1 with login on (an editor and a reader,
  each with an API token).
- `--readers` readers (asyncio + httpx) browse: the events page, the seeds' event page (cached),
  its briefing JSON, an article page, a search, and /api/events, with a think time of 0.5-2 s
  between requests.
- Meanwhile the editor uploads `--articles` articles (the 20 NewsWCL50 dev articles, each copied
  with a numbered closing paragraph so every copy is a new article) in `--batches` requests to
  /api/ingest, back to back, then waits for the jobs (clustering, then the changed events' briefings).
- It stops when the editor's jobs are done or after `--max-seconds`; then it checks every uploaded
  article is in the store, and prints per-route latency percentiles and errors (also written to
  build/serve_load.json).

Only loopback addresses are used; every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
DEV = ROOT.parent / "shared" / "dev" / "newswcl50"
NOW = "2026-12-02T00:00:00+00:00"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def articles_to_upload(n: int) -> list[tuple[str, bytes]]:
    bases = sorted(DEV.glob("event_*/*.txt"))
    files = []
    for k in range(n):
        base = bases[k % len(bases)]
        text = base.read_text(encoding="utf-8").rstrip()
        text += f"\n\nIn a later update, officials said {k} further statements were expected."
        files.append((f"{base.stem}-copy{k}.txt", text.encode("utf-8")))
    return files


def prepare(db: str) -> dict:
    """Users, tokens, and the seeds' event with its briefing cached."""
    from newsprism.pipeline import event_clusterer, read_articles
    from newsprism.store import open_store
    from newsprism.web.auth import hash_password, new_token, token_hash
    from newsprism.web.briefings import compute_briefings

    tokens = {"editor": new_token(), "reader": new_token()}
    with open_store(db) as store:
        for name, token in tokens.items():
            store.add_user(name, hash_password("benchmark password"), name, NOW)
            store.add_token(token_hash(token), name, "benchmark", NOW)
        outcome = read_articles([str(ROOT / "examples" / "seeds")])
        store.ingest(outcome.articles, now=NOW, cluster=event_clusterer())
        event = store.events()[0]["id"]
        compute_briefings(store, event)
        article = store.event_article_outlets(event)[0][0]
    return {"tokens": tokens, "event": event, "article": article}


async def reader(client, routes, stats, stop: asyncio.Event, rng: random.Random, max_requests: int) -> None:
    for _ in range(max_requests):
        if stop.is_set():
            return
        name, path = rng.choice(routes)
        started = time.perf_counter()
        try:
            response = await client.get(path)
            ok = response.status_code == 200
            status = response.status_code
        except Exception as exc:  # noqa: BLE001 - counted as an error
            ok, status = False, type(exc).__name__
        elapsed = (time.perf_counter() - started) * 1000
        stats.setdefault(name, {"ms": [], "errors": 0, "statuses": {}})
        stats[name]["ms"].append(elapsed)
        stats[name]["statuses"][str(status)] = stats[name]["statuses"].get(str(status), 0) + 1
        if not ok:
            stats[name]["errors"] += 1
        try:
            await asyncio.wait_for(stop.wait(), timeout=rng.uniform(0.5, 2.0))
        except asyncio.TimeoutError:
            pass


async def editor(client, files, batches: int, stats, deadline: float) -> dict:
    size = -(-len(files) // batches)
    jobs, started = [], time.perf_counter()
    for i in range(0, len(files), size):
        batch = files[i:i + size]
        t0 = time.perf_counter()
        response = await client.post("/api/ingest", files=[("files", (name, data, "text/plain")) for name, data in batch])
        stats.setdefault("POST /api/ingest", {"ms": [], "errors": 0, "statuses": {}})
        stats["POST /api/ingest"]["ms"].append((time.perf_counter() - t0) * 1000)
        if response.status_code != 202:
            raise SystemExit(f"ingest refused: {response.status_code} {response.text[:300]}")
        jobs.append(response.json()["id"])
    finished = {}
    while len(finished) < len(jobs) and time.monotonic() < deadline:
        for job in jobs:
            if job not in finished:
                record = (await client.get(f"/api/jobs/{job}")).json()
                if record["state"] in ("done", "failed"):
                    finished[job] = record
        await asyncio.sleep(1)
    return {"jobs": list(finished.values()), "seconds": time.perf_counter() - started,
            "all_done": len(finished) == len(jobs)}


async def run(base: str, info: dict, args) -> dict:
    import httpx

    routes = [("GET / (events page)", "/"),
              ("GET /events/{id} (cached briefing page)", f"/events/{info['event']}"),
              ("GET /api/events/{id}/briefing (cached JSON)", f"/api/events/{info['event']}/briefing"),
              ("GET /articles/{id}", f"/articles/{info['article']}"),
              ("GET /search?q=Lugansk", "/search?q=Lugansk"),
              ("GET /api/events", "/api/events")]
    stats: dict = {}
    stop = asyncio.Event()
    limits = httpx.Limits(max_connections=args.readers + 5)
    reader_headers = {"Authorization": f"Bearer {info['tokens']['reader']}"}
    editor_headers = {"Authorization": f"Bearer {info['tokens']['editor']}"}
    deadline = time.monotonic() + args.max_seconds
    async with httpx.AsyncClient(base_url=base, headers=reader_headers, timeout=60, limits=limits) as rc, \
            httpx.AsyncClient(base_url=base, headers=editor_headers, timeout=600) as ec:
        tasks = [asyncio.create_task(reader(rc, routes, stats, stop, random.Random(i), args.max_requests))
                 for i in range(args.readers)]
        await asyncio.sleep(5)  # readers warm up before the editor starts
        result = await editor(ec, articles_to_upload(args.articles), args.batches, stats, deadline)
        stop.set()
        await asyncio.gather(*tasks)
    return {"stats": stats, "editor": result}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="a postgresql:// URL (default: a throwaway server)")
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--batches", type=int, default=5)
    parser.add_argument("--max-seconds", type=float, default=900)
    parser.add_argument("--max-requests", type=int, default=2000, help="per reader")
    args = parser.parse_args()

    server = None
    db = args.db
    if db is None:
        import shutil
        import tempfile

        from postgres_server import PgServer, _bindir, _free_port

        root = Path(tempfile.mkdtemp(prefix="newsprism-pg-bench-"))
        as_user = []
        if os.geteuid() == 0:
            shutil.chown(root, "postgres", "postgres")
            as_user = ["runuser", "-u", "postgres", "--"]
        server = PgServer(_bindir(), root, _free_port(), as_user)
        server.start()
        db = server.new_database()
    from postgres_server import _free_port

    proc = None
    try:
        t0 = time.perf_counter()
        info = prepare(db)
        print(f"prepared in {time.perf_counter() - t0:.0f} s: seeds' event {info['event'][:12]} cached", file=sys.stderr)
        port = _free_port()
        (ROOT / "build").mkdir(exist_ok=True)
        log = (ROOT / "build" / "serve_load.log").open("w")
        proc = subprocess.Popen([sys.executable, "-m", "newsprism", "serve", "--db", db, "--port", str(port)],
                                stderr=log, stdout=log)
        import httpx

        for _ in range(600):
            try:
                httpx.get(f"http://127.0.0.1:{port}/login", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        outcome = asyncio.run(run(f"http://127.0.0.1:{port}", info, args))
        from newsprism.store import open_store

        with open_store(db) as store:
            stored = store.count()
        uploaded = sum(j["added"] + j["present"] for j in outcome["editor"]["jobs"])
        report = {"readers": args.readers, "articles": args.articles, "batches": args.batches,
                  "editor_seconds": round(outcome["editor"]["seconds"], 1),
                  "editor_jobs_done": outcome["editor"]["all_done"],
                  "articles_stored": stored, "expected": args.articles + 5, "added_by_jobs": uploaded,
                  "routes": {}}
        for name, s in sorted(outcome["stats"].items()):
            report["routes"][name] = {"requests": len(s["ms"]), "errors": s["errors"], "statuses": s["statuses"],
                                      "p50_ms": round(statistics.median(s["ms"]), 1),
                                      "p95_ms": round(percentile(s["ms"], 95), 1),
                                      "p99_ms": round(percentile(s["ms"], 99), 1)}
        out = ROOT / "build" / "serve_load.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(report, indent=2))
        print(json.dumps(report, indent=2))
        print("\n| route | requests | errors | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|---|")
        for name, r in report["routes"].items():
            print(f"| {name} | {r['requests']} | {r['errors']} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} |")
        if stored != args.articles + 5:
            print(f"LOST ARTICLES: {stored} stored, {args.articles + 5} expected", file=sys.stderr)
            sys.exit(1)
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
