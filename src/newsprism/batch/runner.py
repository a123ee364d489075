"""`newsprism batch`: the stages of `batch.stages` over a corpus on Dask distributed.

    partitions (parallel) -> near-duplicate pairs by LSH bucket (parallel) -> events by time window
    (parallel) -> merges at the windows' edges (here) -> analysis of events with two or more independent
    sources (parallel) -> the articles, events and membership tables

The client runs here; a `LocalCluster` of worker processes is started unless a scheduler address is given.
Every task skips work whose output exists, and Dask reruns the tasks of a worker that died on another one,
so a killed worker costs only its unfinished tasks and a rerun of a finished job writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsprism.batch import stages, tables
from newsprism.batch.inputs import plan_partitions
from newsprism.model import Skipped

__all__ = ["BatchOptions", "BatchSummary", "close_cluster", "run_batch"]

# Days in one unit of clustering work. An article's placement compares it with its event's members and
# with the article's other near events (the background of the join rule), so a window needs enough of the
# stream around it: on the generated dated set (1,000 articles over a year) 30-day windows gave B-cubed F1
# 0.945 (P 0.896), 90-day windows 0.975 (P 0.952), the single process 0.975 (benchmarks/README.md).
WINDOW_DAYS = 90
# Articles analysed per task: a few events, so a killed worker loses little and the scheduler keeps both
# workers busy.
ANALYSIS_ARTICLES = 40
# Windows whose events are held together when the edges are merged (three years of 90-day windows; the
# stretch the background comes from): their events' member vectors are in the client's memory, 1.5 kB an
# article. With 30-day windows on the generated set, a stretch of 12 windows gave F1 0.945, of 2 0.936.
CONTEXT_UNITS = 12


@dataclass(frozen=True)
class BatchOptions:
    workers: int | None = None         # local worker processes (default: the machine's cores)
    scheduler: str | None = None       # tcp://HOST:PORT of a running scheduler, instead of a local cluster
    window_days: int = WINDOW_DAYS
    min_sources: int = 2               # events analysed: this many independent sources or more
    analyse: bool = True               # False: events and tables only, no briefings (--no-briefings)
    threads_per_worker: int = 1
    files_per_partition: int = 500     # small files read by one task (large JSON Lines files are cut by size)


@dataclass
class BatchSummary:
    articles: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    events: int = 0
    analysed: int = 0
    seconds: dict[str, float] = field(default_factory=dict)   # wall time per phase
    work: dict[str, float] = field(default_factory=dict)      # summed task seconds per stage
    written: bool = True      # False when a finished job was found and nothing was redone
    dashboard: str | None = None

    def to_record(self) -> dict:
        return {"articles": self.articles, "skipped": [{"source": s.source, "reason": s.reason} for s in self.skipped],
                "events": self.events, "analysed": self.analysed, "seconds": self.seconds, "work": self.work}


def _fingerprint(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:16]


def run_batch(sources: Sequence[str], out: str | Path, options: BatchOptions = BatchOptions(), read_options=None,
              progress: Callable[[str, int, int], None] | None = None, client=None,
              on_start: Callable[[str | None], None] | None = None) -> BatchSummary:
    """Run (or resume) a batch job; `progress(stage, done, total)` is called as tasks finish, `on_start`
    with the Dask dashboard's address once the cluster is up."""
    from newsprism.cluster import ClusterSettings
    from newsprism.read import ReadOptions

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    read_options = read_options or ReadOptions()
    settings = ClusterSettings()
    partitions, skipped = plan_partitions(sources, files_per_partition=options.files_per_partition)
    job = {"partitions": [p.key for p in partitions], "window_days": options.window_days,
           "min_sources": options.min_sources,
           "analyse": options.analyse, "settings": repr(settings)}
    job_id = _fingerprint(job)
    success = out / "_SUCCESS.json"
    if success.exists() and json.loads(success.read_text(encoding="utf-8")).get("job") == job_id:
        record = json.loads(success.read_text(encoding="utf-8"))["summary"]
        return BatchSummary(record["articles"], [Skipped(**s) for s in record["skipped"]], record["events"],
                            record["analysed"], record["seconds"], record["work"], written=False)
    summary = BatchSummary(skipped=list(skipped))
    work: Counter = Counter()
    owned = None
    if client is None:
        client, owned = _client(options)
    try:
        from newsprism.batch.workers import ModelsPlugin

        client.register_plugin(ModelsPlugin())
        summary.dashboard = getattr(client, "dashboard_link", None)
        if on_start:
            on_start(summary.dashboard)
        report = progress or (lambda stage, done, total: None)

        def gather(stage: str, futures: list) -> list:
            from distributed import as_completed

            results = {}
            report(stage, 0, len(futures))
            for n, future in enumerate(as_completed(futures), 1):
                results[future.key] = future.result()
                report(stage, n, len(futures))
            return [results[f.key] for f in futures]

        # 1. partitions: read, clean, vectors, MinHash bands
        t0 = time.perf_counter()
        futures = [client.submit(stages.read_partition, p, i, str(out), read_options, settings, options.window_days,
                                 key=f"read-{p.key}", retries=2) for i, p in enumerate(partitions)]
        parts = gather("read", futures)
        summary.seconds["read"] = time.perf_counter() - t0
        for part in parts:
            summary.skipped += [Skipped(**s) for s in part["skipped"]]
            work.update(part["seconds"])
        # 2. near-duplicates: one task per bucket of band keys
        t0 = time.perf_counter()
        futures = [client.submit(stages.band_pairs, str(out), b, key=f"bands-{job_id}-{b}", retries=2)
                   for b in range(stages.BUCKETS)]
        pairs = [pair for found in gather("near-duplicates", futures) for pair in found]
        summary.seconds["near-duplicates"] = time.perf_counter() - t0
        # 3. events: one task per unit of time windows, then merges at their edges
        t0 = time.perf_counter()
        units = _units(out, options.window_days)
        futures = [client.submit(stages.cluster_window, str(out), name, windows, settings, settings.max_days,
                                 key=f"window-{job_id}-{name}", retries=2) for name, windows in units]
        for result in gather("events", futures):
            work.update(result["seconds"])
        membership, titles = _merge_edges(out, [name for name, _ in units], settings)
        summary.seconds["events"] = time.perf_counter() - t0
        # 4. what is known of each article (light columns), first positions, near-duplicate roots
        articles, drop = _article_index(out, partitions)
        summary.articles = len(articles)
        duplicate_of = _roots(pairs, articles)
        events = defaultdict(list)
        for article_id, event_id in membership.items():
            events[event_id].append(article_id)
        for members in events.values():
            members.sort(key=lambda a: articles[a]["position"])
        summary.events = len(events)
        # 5. analysis of the events with enough independent sources
        t0 = time.perf_counter()
        chosen = sorted((e for e, members in events.items() if options.analyse
                         and _independent(members, articles, duplicate_of) >= options.min_sources),
                        key=lambda e: articles[events[e][0]]["position"])
        groups = _groups(chosen, events)
        futures = []
        for members in groups:
            by_part = defaultdict(list)
            for event_id in members:
                for a in events[event_id]:
                    by_part[articles[a]["input"]].append(a)
            group = _fingerprint([[e, events[e]] for e in members])
            futures.append(client.submit(stages.analyse_events, str(out), group, [(e, events[e]) for e in members],
                                         dict(by_part), key=f"analyse-{group}", retries=2))
        analysed = gather("analysis", futures)
        failed = {f["event"] for result in analysed for f in result["failed"]}
        for result in analysed:
            work.update(result["seconds"])
        summary.analysed = len(chosen) - len(failed)
        summary.seconds["analysis"] = time.perf_counter() - t0
        # 6. tables: articles (per partition, on the workers), events and membership (here)
        t0 = time.perf_counter()
        futures = []
        for p in partitions:
            ids = [a for a, row in articles.items() if row["input"] == p.key]
            part_events = {a: membership.get(a) for a in ids}
            part_dups = {a: duplicate_of[a] for a in ids if a in duplicate_of}
            fp = _fingerprint([part_events, part_dups, drop.get(p.key, [])])[:8]
            futures.append(client.submit(stages.finish_partition, str(out), p.key, part_events, part_dups,
                                         drop.get(p.key, []), fp, key=f"articles-{p.key}-{fp}", retries=2))
        gather("articles table", futures)
        _write_event_tables(out, events, articles, duplicate_of, set(chosen) - failed, titles)
        summary.seconds["tables"] = time.perf_counter() - t0
        summary.work = {k: round(v, 2) for k, v in work.items()}
        summary.seconds = {k: round(v, 2) for k, v in summary.seconds.items()}
        tables.sweep_temporary(out)  # every task has finished: what is left was a killed worker's
        tables.write_json(success, {"job": job_id, "summary": summary.to_record()})
        return summary
    finally:
        if owned is not None:
            close_cluster(client, owned)


def close_cluster(client, cluster) -> None:
    """Close a local cluster and make sure none of its worker processes outlives it: a worker that a nanny
    restarted and that is still loading its models when the cluster closes can be left running."""
    import signal

    try:
        pids = list(client.run(os.getpid).values())
    except Exception:  # noqa: BLE001 - a cluster already gone has no workers to list
        pids = []
    client.close()
    cluster.close()
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _client(options: BatchOptions):
    from distributed import Client, LocalCluster

    if options.scheduler:
        return Client(options.scheduler), None
    import dask

    cores = os.cpu_count() or 1
    workers = options.workers or cores
    # Dask starts each worker with one thread for native libraries (OMP_NUM_THREADS=1), right when workers
    # fill the cores; with fewer workers than cores the e5 engine (OpenMP) should use the cores left over.
    # A value the user set before newsprism started wins. Passed as the nannies' `env` (their first
    # source): a cluster started earlier in this process has already written Dask's 1 into os.environ,
    # which would otherwise win over the configuration.
    native = str(native_threads(cores, workers, options.threads_per_worker))
    environ = {name: _USER_NATIVE_THREADS.get(name, native) for name in _NATIVE_THREADS}
    with dask.config.set({"distributed.nanny.pre-spawn-environ":
                          {**dask.config.get("distributed.nanny.pre-spawn-environ", {}), **environ}}):
        cluster = LocalCluster(n_workers=workers, threads_per_worker=options.threads_per_worker, processes=True,
                               dashboard_address=":0", silence_logs=40, env=environ)
    return Client(cluster), cluster


_NATIVE_THREADS = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")
_USER_NATIVE_THREADS = {name: os.environ[name] for name in _NATIVE_THREADS if name in os.environ}


def native_threads(cores: int, workers: int, threads_per_worker: int) -> int:
    """Threads each task of a local worker may give a native library: the cores shared out, at least one."""
    return max(1, cores // max(1, workers * threads_per_worker))


def _units(out: Path, window_days: int) -> list[tuple[str, list[str]]]:
    """Units of clustering work: one per dated window; undated articles join the only dated window when
    there is one (a small corpus is clustered exactly as one ingest would), else form a unit of their own."""
    folder = out / stages.STAGING / "vectors"
    windows = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.exists() else []
    dated = [w for w in windows if w != "undated"]
    units = [("+".join(windows), windows)] if len(dated) <= 1 and windows else [(w, [w]) for w in windows]

    def named(name: str, members: list[str]) -> str:
        # The unit's name carries the partitions it holds: a new input file gives its windows new results.
        files = sorted(f"{w}/{f.name}" for w in members for f in tables.whole_files(folder / w))
        return f"w{window_days}-{name}-{_fingerprint(files)[:8]}"

    return [(named(name, members), members) for name, members in units]


def _merge_edges(out: Path, units: list[str], settings) -> tuple[dict[str, str], dict[str, str]]:
    """Membership after merging events across adjacent units by the clusterer's own `recheck`: the edge
    events of two neighbouring units are rechecked among all the events of both (their other neighbours
    make the background the join rule needs), then undated events against every dated one. Two units are in
    memory at a time. Returns article -> event and event -> title."""
    membership: dict[str, str] = {}
    titles: dict[str, str] = {}
    redirects: dict[str, str] = {}

    def load(unit: str) -> tuple[dict, set[str]]:
        import numpy as np

        from newsprism.cluster import Event

        events, edge = {}, set()
        for row in tables.read_table(out / stages.STAGING / "windows" / f"{unit}.parquet").to_pylist():
            membership[row["article_id"]] = row["event_id"]
            titles.setdefault(row["event_id"], row["title"])
            event = events.get(row["event_id"])
            if event is None:
                event = events[row["event_id"]] = Event(row["event_id"], row["title"], None, None, 0,
                                                        np.zeros(384, dtype=np.float32), Counter())
            event.add(row["article_id"], np.asarray(row["vector"], dtype=np.float32), row["day"])
            if row["edge"]:
                edge.add(row["event_id"])
        return events, edge

    def step(events: dict, changed: set[str]) -> dict:
        from newsprism.cluster import recheck

        changes, moved = recheck(list(events.values()), changed & set(events), settings)
        redirects.update(changes.redirects)
        membership.update(moved)
        for event in changes.events:  # merged into, split off or moved into: every member is its own
            membership.update((a, event.id) for a in event.members)
            events[event.id] = event
            # A part split off under the id of an event merged earlier is live again (as in the store).
            redirects.pop(event.id, None)
        for old, _ in changes.redirects:
            events.pop(old, None)
        return events

    dated = [u for u in units if u.split("-")[1] != "undated"]
    undated = [u for u in units if u.split("-")[1] == "undated"]
    # The edge events are rechecked among the events of up to CONTEXT_UNITS windows at once: the join rule's
    # background (an event's other near neighbours) must come from as wide a stretch of the stream as the
    # store's recheck sees, or two stories of one kind a few days apart merge across an edge. Consecutive
    # stretches overlap by one window, so every edge is inside one of them.
    loaded: dict[str, tuple[dict, set[str]]] = {}
    edge_events: dict = {}
    start = 0
    while start < len(dated):
        stretch = dated[start:start + CONTEXT_UNITS]
        for unit in stretch:
            if unit not in loaded:
                loaded[unit] = load(unit)
        if len(dated) > 1:
            events = {i: e for unit in stretch for i, e in loaded[unit][0].items() if i not in redirects}
            changed = {i for unit in stretch for i in loaded[unit][1]}
            events = step(events, changed)
            placed = set()
            for unit in stretch:  # the events now live, for the next stretch and the undated step
                kept, edge = loaded[unit]
                loaded[unit] = ({i: events[i] for i in kept if i in events}, edge)
                placed |= set(kept)
            loaded[stretch[-1]][0].update({i: e for i, e in events.items() if i not in placed})
        for unit in stretch[:-1]:
            kept, edge = loaded.pop(unit)
            edge_events.update({i: e for i, e in kept.items() if i in edge})
        if start + CONTEXT_UNITS >= len(dated):
            break
        start += CONTEXT_UNITS - 1
    for kept, edge in loaded.values():
        edge_events.update({i: e for i, e in kept.items() if i in edge})
    for unit in undated:
        current, _ = load(unit)
        if dated:
            step({**{i: e for i, e in edge_events.items() if i not in redirects}, **current}, set(current))

    def final(event_id: str) -> str:
        while event_id in redirects:
            event_id = redirects[event_id]
        return event_id

    return {a: final(e) for a, e in membership.items()}, titles


def _article_index(out: Path, partitions) -> tuple[dict[str, dict], dict[str, list[int]]]:
    """article id -> its light columns at its first position; partition key -> positions of later repeats."""
    articles: dict[str, dict] = {}
    drop: dict[str, list[int]] = defaultdict(list)
    columns = ["article_id", "position", "input", "wire", "outlet", "day"]
    for p in partitions:
        for row in tables.read_table(out / stages.STAGING / "parts" / f"{p.key}.parquet", columns=columns).to_pylist():
            if row["article_id"] in articles:
                drop[p.key].append(row["position"])
            else:
                articles[row["article_id"]] = row
    return articles, dict(drop)


def _roots(pairs: list[tuple[str, str]], articles: dict[str, dict]) -> dict[str, str]:
    """Near-duplicate article -> the earliest article of its group."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for a, b in pairs:
        if a not in articles or b not in articles:
            continue
        ra, rb = find(a), find(b)
        if ra != rb:
            first, second = sorted((ra, rb), key=lambda x: articles[x]["position"])
            parent[second] = first
    return {a: find(a) for a in parent if find(a) != a}


def _independent(members: list[str], articles: dict, duplicate_of: dict[str, str]) -> int:
    """Independent sources among an event's articles: near-duplicates and one agency's wire copies once."""
    groups = {}
    for a in members:
        root = duplicate_of.get(a, a)
        wire = articles[a]["wire"]
        groups.setdefault(("wire", wire) if wire else ("text", root), None)
    return len(groups)


def _groups(chosen: list[str], events: dict[str, list[str]]) -> list[list[str]]:
    groups, current, size = [], [], 0
    for event_id in chosen:
        current.append(event_id)
        size += len(events[event_id])
        if size >= ANALYSIS_ARTICLES:
            groups.append(current)
            current, size = [], 0
    if current:
        groups.append(current)
    return groups


def _write_event_tables(out: Path, events: dict[str, list[str]], articles: dict, duplicate_of: dict,
                        analysed: set[str], titles: dict[str, str]) -> None:
    import pyarrow as pa

    event_rows, member_rows = [], []
    for event_id, members in sorted(events.items(), key=lambda kv: articles[kv[1][0]]["position"]):
        days = sorted(d for d in (articles[a]["day"] for a in members) if d)
        briefing = f"briefings/{event_id}.json" if event_id in analysed else None
        title = titles.get(event_id)
        if briefing:
            title = json.loads((out / briefing).read_text(encoding="utf-8"))["title"]
        event_rows.append({"event_id": event_id, "title": title, "first": days[0] if days else None,
                           "last": days[-1] if days else None, "articles": len(members),
                           "independent_sources": _independent(members, articles, duplicate_of),
                           "outlets": sorted({articles[a]["outlet"] for a in members if articles[a]["outlet"]}),
                           "analysed": briefing is not None, "briefing": briefing})
        member_rows += [{"event_id": event_id, "article_id": a, "position": articles[a]["position"]} for a in members]
    for name, rows in (("events", event_rows), ("membership", member_rows)):
        path = out / f"{name}.parquet"
        table = pa.Table.from_pylist(rows, schema=tables.SCHEMAS[name])
        if path.exists():
            import pyarrow.parquet as pq

            if pq.read_table(path).equals(table):
                continue
        tables.write_table(path, table)
