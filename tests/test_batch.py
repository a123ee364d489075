"""`newsprism batch` on a real LocalCluster (two worker processes): the same events, facts and conflicts as
the single-process path; a worker killed mid-batch; a rerun that writes nothing; the Parquet tables read
back with DuckDB-free pyarrow/pandas and checked against the JSON briefings."""

from __future__ import annotations

import io
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from quality import ROOT, SEEDS

sys.path.insert(0, str(ROOT / "tests" / "data"))
from unrelated_events import unrelated_articles  # noqa: E402

pytest.importorskip("distributed")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def _html(text: str) -> bytes:
    title, *paragraphs = [p for p in text.split("\n\n") if p.strip()]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}"
            f"</article></body></html>").encode()


def write_warc(path: Path, pages: list[tuple[str, str]]) -> None:
    """A gzipped WARC of HTML responses, as a crawler writes it."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, text in pages:
            payload = _html(text)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                  ("Content-Length", str(len(payload)))], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                                          http_headers=headers))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    """The seeds, written unrelated events as text files, and more of them in a WARC(.gz) of HTML pages."""
    folder = tmp_path_factory.mktemp("corpus")
    written = unrelated_articles(per_event=3, seed=13)
    texts = folder / "texts"
    texts.mkdir()
    in_warc = []
    for n, (_, name, text) in enumerate(written):
        if n % 3 == 2:
            in_warc.append((f"https://news.example.org/{name.removesuffix('.txt')}", text))
        else:
            (texts / name).write_text(text, encoding="utf-8")
    write_warc(folder / "crawl.warc.gz", in_warc)
    # Another site republishing the first report with a new headline and one word changed: a near-duplicate.
    _, first_name, first_text = written[0]
    title, body = first_text.split("\n\n", 1)
    (texts / f"z-republished-{first_name}").write_text(
        f"Republished: {title}\n\n" + body.replace(" the ", " this ", 1), encoding="utf-8")
    return [str(SEEDS), str(texts), str(folder / "crawl.warc.gz")]


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    from newsprism.batch.runner import close_cluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                           silence_logs=50)
    c = Client(cluster)
    yield c
    close_cluster(c, cluster)  # no worker (the one restarted after the kill included) outlives the tests


def single_process(sources: list[str], seed_analysis) -> dict[str, dict]:
    """The path without Dask: read, one ingest into the store with the event clusterer, then `analyze` on
    each event with two or more independent sources. Returns event members (as a frozenset) -> report."""
    from newsprism.brief import brief
    from newsprism.dedupe import independence
    from newsprism.pipeline import ReadOutcome, analyze, event_clusterer, read_articles
    from newsprism.render.json import report_record
    from newsprism.store import SqliteStore

    outcome = read_articles(sources)
    order = {a.id: i for i, a in enumerate(outcome.articles)}
    with SqliteStore.open(":memory:") as store:
        store.ingest(outcome.articles, now="2026-01-01T00:00:00", cluster=event_clusterer())
        rows = store._conn.execute("SELECT article_id, event_id FROM event_articles").fetchall()
    events: dict[str, list] = {}
    for article_id, event_id in rows:
        events.setdefault(event_id, []).append(article_id)
    by_id = {a.id: a for a in outcome.articles}
    seed_ids = frozenset(a.id for a in seed_analysis.articles)
    reports = {}
    for members in events.values():
        articles = tuple(sorted((by_id[a] for a in members), key=lambda a: order[a.id]))
        if independence(articles).count([a.id for a in articles]) < 2:
            reports[frozenset(members)] = None
            continue
        # The seeds' analysis is the session's (tests/conftest.py): the same call on the same articles.
        analysis = seed_analysis if frozenset(members) == seed_ids else analyze(ReadOutcome(articles, ()))
        reports[frozenset(members)] = report_record(brief(analysis))
    return reports


def _facts(report: dict) -> list:
    return sorted((f["id"], f["text"], f["status"], tuple(f["articles"])) for f in report["facts"])


def _conflicts(report: dict) -> list:
    return sorted((c["id"], c["kind"], tuple(tuple(s["articles"]) for s in c["sides"])) for c in report["conflicts"])


def test_batch_on_two_workers_gives_the_single_process_events_facts_and_conflicts(tmp_path, corpus, client,
                                                                                  seed_analysis):
    from newsprism.batch import BatchOptions, run_batch

    out = tmp_path / "out"
    summary = run_batch(corpus, out, BatchOptions(), client=client)
    expected = single_process(corpus, seed_analysis)
    membership = pq.read_table(out / "membership.parquet").to_pylist()
    events: dict[str, set] = {}
    for row in membership:
        events.setdefault(row["event_id"], set()).add(row["article_id"])
    assert {frozenset(m) for m in events.values()} == set(expected)
    assert summary.articles == len(membership) == sum(len(m) for m in expected)
    analysed = {e: m for e, m in events.items() if (out / "briefings" / f"{e}.json").exists()}
    assert {frozenset(m) for m in analysed.values()} == {m for m, r in expected.items() if r is not None}
    # The seeds and the six written events: reports sampling one pool of sentences share up to ~40% of
    # their shingles, LSH candidates but not near-duplicates by the estimated Jaccard (in both paths).
    assert len(analysed) == 7 and frozenset(a.id for a in seed_analysis.articles) in map(frozenset, analysed.values())
    for event_id, members in analysed.items():
        report = json.loads((out / "briefings" / f"{event_id}.json").read_text(encoding="utf-8"))
        single = expected[frozenset(members)]
        assert _facts(report) == _facts(single)
        assert _conflicts(report) == _conflicts(single)
        assert report == json.loads(json.dumps(single))  # the whole report: same stages, same input order
    # The WARC's pages are among the articles, with their URLs.
    articles = pq.read_table(out / "articles").to_pylist()
    assert sum(1 for a in articles if (a["url"] or "").startswith("https://news.example.org/")) == 6
    # The republished copy is folded into the report it copies; reports that only share sentences are not.
    by_source = {Path(a["source"]).name: a for a in articles}
    copies = {name: a["duplicate_of"] for name, a in by_source.items() if a["duplicate_of"]}
    first = next(name for name in by_source if name.startswith("z-republished-"))
    assert copies == {first: by_source[first.removeprefix("z-republished-")]["article_id"]}, copies
    check_tables_against_briefings(out, analysed)


def check_tables_against_briefings(out: Path, analysed: dict) -> None:
    """Every analysis table read with pandas holds exactly the rows of the JSON briefings."""
    pandas = pytest.importorskip("pandas")
    facts = pandas.read_parquet(out / "facts")
    conflicts = pandas.read_parquet(out / "conflicts")
    quotes = pandas.read_parquet(out / "quotes")
    events = pandas.read_parquet(out / "events.parquet")
    assert set(events.loc[events.analysed, "event_id"]) == set(analysed)
    for event_id in analysed:
        report = json.loads((out / "briefings" / f"{event_id}.json").read_text(encoding="utf-8"))
        mine = facts[facts.event_id == event_id]
        assert sorted(mine.fact_id) == sorted(f["id"] for f in report["facts"])
        for fact in report["facts"]:
            row = mine[mine.fact_id == fact["id"]].iloc[0]
            assert row.text == fact["text"] and row.status == fact["status"]
            assert [e["start"] for e in row.evidence] == [e["start"] for e in fact["evidence"]]
        assert sorted(conflicts[conflicts.event_id == event_id].conflict_id) == sorted(c["id"] for c in report["conflicts"])
        assert len(quotes[quotes.event_id == event_id]) == len(report["quotes"])
        assert events.loc[events.event_id == event_id, "title"].iloc[0] == report["title"]


def _files(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_a_worker_killed_mid_batch_and_a_rerun_that_writes_nothing(tmp_path, client):
    """Kill one worker process (SIGKILL) while it reads a partition: the job completes with every article
    exactly once; the nanny restarts the worker; a second run of the same job writes nothing; an added
    input is read alone and joins its event."""
    from newsprism.batch import BatchOptions, run_batch

    folder = tmp_path / "in"
    folder.mkdir()
    written = unrelated_articles(per_event=3, seed=21)
    for _, name, text in written:
        (folder / name).write_text(text, encoding="utf-8")
    killed = []

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "read" and done == 1 and not killed:
            processing = client.processing()
            pids = client.run(os.getpid)
            busy = [w for w, keys in processing.items() if any(str(k).startswith("read-") for k in keys)]
            victim = busy[0] if busy else next(iter(pids))
            os.kill(pids[victim], signal.SIGKILL)
            killed.append(victim)

    out = tmp_path / "out"
    options = BatchOptions(files_per_partition=1, analyse=False)  # events and tables: the briefings are tested above
    summary = run_batch([str(folder)], out, options, client=client, progress=progress)
    assert killed
    articles = pq.read_table(out / "articles").to_pylist()
    ids = [a["article_id"] for a in articles]
    assert len(ids) == len(set(ids)) == len(written) == summary.articles
    membership = pq.read_table(out / "membership.parquet").column("article_id").to_pylist()
    assert sorted(membership) == sorted(ids)
    assert summary.events >= 6 and summary.analysed == 0
    before = _files(out)
    assert not [k for k in before if Path(k).name.startswith(".tmp-")]  # the killed worker's are swept
    again = run_batch([str(folder)], out, options, client=client)
    assert not again.written and _files(out) == before
    # One more report of a written event: only its partition is read; it joins that event.
    event, name, text = unrelated_articles(per_event=4, seed=21)[3]
    (folder / name).write_text(text, encoding="utf-8")
    more = run_batch([str(folder)], out, options, client=client)
    parts = {k: v for k, v in _files(out).items() if k.startswith("staging/parts/")}
    assert len(parts) == len(written) + 1 and sum(k not in before for k in parts) == 1
    assert all(parts[k] == before[k] for k in parts if k in before)  # the partitions read before: not redone
    rows = pq.read_table(out / "articles").to_pylist()
    assert more.articles == len(rows) == len(written) + 1
    by_source = {Path(r["source"]).name: r["event_id"] for r in rows}
    same_event = [n for e, n, _ in written if e == event]
    assert by_source[name] == by_source[same_event[0]]


def test_a_half_written_file_a_killed_worker_left_is_never_read(tmp_path):
    """A worker killed while writing leaves a `.tmp-*` file (here 4 bytes, as CI once saw): the stages that
    read a staged folder skip it, and a finished run's sweep deletes it."""
    from newsprism.batch import stages, tables

    out = tmp_path / "out"
    bands = out / stages.STAGING / "bands" / "06"
    rows = {"band": pa.array([7, 7], pa.int64()), "article_id": pa.array(["a", "b"], pa.string()),
            "position": pa.array([0, 1], pa.int64())}
    tables.write_table(bands / "p1.parquet", pa.table(rows))
    (bands / ".tmp-0badf00d-p2.parquet").write_bytes(b"PAR1")
    assert [f.name for f in tables.whole_files(bands)] == ["p1.parquet"]
    assert stages.band_pairs(str(out), 6) == [("a", "b")]  # no signatures staged: the band's pair stands
    assert tables.sweep_temporary(out) == 1 and tables.whole_files(bands) == sorted(bands.iterdir())


def _native_threads_setting() -> tuple[str | None, str | None]:
    return os.environ.get("OMP_NUM_THREADS"), os.environ.get("MALLOC_TRIM_THRESHOLD_")


def test_a_local_worker_alone_gives_the_e5_engine_every_core(monkeypatch):
    """Dask starts workers with OMP_NUM_THREADS=1; one worker on a machine of N cores gets N (and keeps
    Dask's other worker settings), also after an earlier cluster of this process wrote Dask's 1 into
    os.environ (as the two-worker tests' cluster does)."""
    import newsprism.batch.runner as runner
    from newsprism.batch.runner import BatchOptions, _client, native_threads

    assert native_threads(8, 2, 1) == 4 and native_threads(2, 4, 1) == 1 and native_threads(8, 2, 2) == 2
    monkeypatch.setattr(runner, "_USER_NATIVE_THREADS", {})  # as when the user set none
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    client, cluster = _client(BatchOptions(workers=1))
    try:
        (setting,) = client.run(_native_threads_setting).values()
    finally:
        client.close()
        cluster.close()
    assert setting == (str(os.cpu_count() or 1), "65536")
