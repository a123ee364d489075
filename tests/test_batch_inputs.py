"""Batch inputs: partitions read as streams give the documents the single-process readers give."""

from __future__ import annotations

import gzip
import json
import sys

from quality import ROOT, SEEDS

sys.path.insert(0, str(ROOT / "tests"))
from test_batch import write_warc  # noqa: E402

from newsprism.batch.inputs import iter_partition, plan_partitions  # noqa: E402
from newsprism.model import RawDocument, Skipped  # noqa: E402
from newsprism.read import read_sources  # noqa: E402


def _records(n: int) -> list[dict]:
    return [{"title": f"Report {i}", "text": f"Paragraph one of report {i}.\nParagraph two, {'x' * (i % 50)}.",
             "date": "2024-05-0" + str(1 + i % 9), "outlet": f"Outlet {i % 7}"} for i in range(n)]


def _docs(partitions) -> list:
    return [d for p in partitions for d in iter_partition(p)]


def test_a_large_json_lines_file_is_cut_into_byte_ranges_that_read_every_line_once(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps(r) for r in _records(500)]
    lines.insert(17, "{not json")
    lines.insert(300, "")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    partitions, skipped = plan_partitions([str(path)], target_bytes=4096)
    assert not skipped and len(partitions) > 10 and {p.kind for p in partitions} == {"jsonl"}
    docs = _docs(partitions)
    whole = list(read_sources([str(path)]))
    key = lambda d: (d.title, d.text, d.published, d.outlet)  # noqa: E731
    assert [key(d) for d in docs if isinstance(d, RawDocument)] == [key(d) for d in whole if isinstance(d, RawDocument)]
    assert [s.reason.split(":")[1] for s in docs if isinstance(s, Skipped)] == [" malformed JSON"]
    # Planning again gives the same keys (a rerun finds its partitions); a changed file gives new ones.
    assert [p.key for p in plan_partitions([str(path)], target_bytes=4096)[0]] == [p.key for p in partitions]
    path.write_text("\n".join(lines[:100]) + "\n", encoding="utf-8")
    assert plan_partitions([str(path)], target_bytes=4096)[0][0].key != partitions[0].key


def test_gzipped_json_lines_and_warc_are_streamed_as_the_readers_read_them(tmp_path):
    records = _records(40)
    with gzip.open(tmp_path / "shard-0001.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(json.dumps(r) for r in records) + "\n")
    seeds = sorted(SEEDS.glob("*.txt"))
    pages = [(f"https://example.org/{p.stem}", p.read_text(encoding="utf-8")) for p in seeds]
    write_warc(tmp_path / "crawl.warc.gz", pages)
    sources = [str(tmp_path / "*.gz"), str(SEEDS)]
    partitions, _ = plan_partitions(sources)
    assert [p.kind for p in partitions] == ["warc", "jsonl.gz", "files"]
    docs = _docs(partitions)
    whole = list(read_sources(sources))
    def key(d):
        return (d.source, d.reason) if isinstance(d, Skipped) else (d.source, d.title, d.text, d.url)

    assert [key(d) for d in docs] == [key(d) for d in whole]
    assert len(docs) == len(seeds) * 2 + len(records)  # one seed as HTML has no text trafilatura takes: a skip


def test_a_truncated_warc_yields_the_pages_before_the_break_and_one_skip(tmp_path):
    pages = [(f"https://example.org/{i}", f"Title {i}\n\n" + "A sentence of the report. " * 40) for i in range(6)]
    write_warc(tmp_path / "crawl.warc.gz", pages)
    data = (tmp_path / "crawl.warc.gz").read_bytes()
    # Cut inside a record (a cut exactly between two gzip members leaves a whole, shorter archive), a few
    # bytes into the next member, and in the trailer of the last member read.
    member = len(data) // 6
    for cut in (len(data) * 2 // 3 - member // 2, len(data) * 2 // 3 + member // 4, len(data) - 3):
        (tmp_path / "cut.warc.gz").write_bytes(data[:cut])
        docs = _docs(plan_partitions([str(tmp_path / "cut.warc.gz")])[0])
        assert 2 <= sum(isinstance(d, RawDocument) for d in docs) <= 6, cut
        assert isinstance(docs[-1], Skipped) and "truncated" in docs[-1].reason, cut


def test_batch_refuses_workers_and_scheduler_together_and_urls(tmp_path):
    import subprocess

    both = subprocess.run([sys.executable, "-m", "newsprism", "batch", str(SEEDS), "--out", str(tmp_path / "o"), "--workers", "2",
                           "--scheduler", "tcp://127.0.0.1:1"], capture_output=True, timeout=60)
    assert both.returncode == 2 and b"not both" in both.stderr
    partitions, skipped = plan_partitions(["https://example.org/feed.xml", "-"])
    assert not partitions and [s.reason.startswith("batch reads files") for s in skipped] == [True, True]
