"""Inputs at scale: sources cut into partitions that a worker reads as a stream.

A partition is a unit of work with a key derived from what it reads (path, size, modification time and
byte range), so a rerun finds the partitions it already wrote. Small files are grouped; a large JSON Lines
file is cut into byte ranges (each range starts after the first newline at or past its start); a gzipped
JSON Lines file or a WARC(.gz) archive is one partition read record by record. Nothing holds a whole
archive in memory: every reader yields one document at a time.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from newsprism.model import RawDocument, Skipped
from newsprism.read import ReadOptions, expand_sources, read_one
from newsprism.read.records import record_to_document

__all__ = ["Partition", "iter_partition", "plan_partitions"]

# About 5 s of work for one worker on these cores (e5 at ~10 articles/s, articles of ~5 kB): small enough
# that a killed worker loses little and a few thousand articles keep several workers busy, large enough
# that the scheduler's ~1 ms a task and the partition's files are noise.
TARGET_BYTES = 256 * 1024
FILES_PER_PARTITION = 500
_JSONL = (".jsonl", ".ndjson")
_WARC = (".warc", ".warc.gz", ".arc", ".arc.gz")


@dataclass(frozen=True, slots=True)
class Partition:
    """Files to read whole (`kind` "files"), or one file streamed: a JSON Lines byte range ("jsonl"), a
    gzipped JSON Lines file ("jsonl.gz"), a WARC archive ("warc")."""

    key: str
    kind: str
    paths: tuple[str, ...]
    start: int = 0
    end: int | None = None


def _key(kind: str, parts: Iterable[tuple]) -> str:
    return hashlib.sha256(json.dumps([kind, *parts]).encode()).hexdigest()[:20]


def _stat(path: str) -> tuple[str, int, int]:
    st = os.stat(path)
    return os.path.abspath(path), st.st_size, st.st_mtime_ns


def plan_partitions(sources: Iterable[str], target_bytes: int = TARGET_BYTES,
                    files_per_partition: int = FILES_PER_PARTITION) -> tuple[list[Partition], list[Skipped]]:
    """Partitions in input order (the order `newsprism read` reads the same sources in), and skipped sources."""
    partitions: list[Partition] = []
    skipped: list[Skipped] = []
    group: list[tuple[str, tuple[str, int, int]]] = []  # (path as given, its identity)
    group_bytes = 0

    def flush() -> None:
        nonlocal group, group_bytes
        if group:
            partitions.append(Partition(_key("files", [i for _, i in group]), "files", tuple(p for p, _ in group)))
        group, group_bytes = [], 0

    for item in expand_sources(sources):
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        if item == "-" or item.startswith(("http://", "https://")):
            skipped.append(Skipped(item, "batch reads files, folders and globs; save URLs or stdin to files first"))
            continue
        identity = _stat(item)
        path, size, mtime = identity
        lower = item.lower()
        if lower.endswith(_WARC):
            flush()
            partitions.append(Partition(_key("warc", [(path, size, mtime)]), "warc", (item,)))
        elif lower.endswith(tuple(e + ".gz" for e in _JSONL)):
            flush()
            partitions.append(Partition(_key("jsonl.gz", [(path, size, mtime)]), "jsonl.gz", (item,)))
        elif lower.endswith(_JSONL) and size > target_bytes:
            flush()
            for start in range(0, size, target_bytes):
                end = min(start + target_bytes, size)
                partitions.append(Partition(_key("jsonl", [(path, size, mtime, start, end)]), "jsonl", (item,),
                                            start, end))
        else:
            if group and (group_bytes + size > target_bytes or len(group) >= files_per_partition):
                flush()
            group.append((item, identity))
            group_bytes += size
    flush()
    return partitions, skipped


def iter_partition(partition: Partition, options: ReadOptions = ReadOptions()) -> Iterator[RawDocument | Skipped]:
    """Every document (or skip) of a partition, one at a time."""
    if partition.kind == "files":
        # The names the single-process reader gives: relative paths as expanded from the sources.
        for path in partition.paths:
            yield from read_one(path, options)
    elif partition.kind == "jsonl":
        yield from _jsonl_range(partition.paths[0], partition.start, partition.end, options)
    elif partition.kind == "jsonl.gz":
        yield from _jsonl_stream(partition.paths[0], options)
    elif partition.kind == "warc":
        yield from _warc_stream(partition.paths[0], options)
    else:
        raise ValueError(f"unknown partition kind {partition.kind!r}")


def _line_document(line: bytes, name: str, n: int, options: ReadOptions) -> RawDocument | Skipped | None:
    if not line.strip():
        return None
    if len(line) > options.max_bytes:
        return Skipped(name, f"line {n}: record of {len(line) / 1e6:.1f} MB is over the size cap")
    try:
        return record_to_document(json.loads(line.decode("utf-8", errors="replace")), name)
    except (ValueError, RecursionError) as exc:
        return Skipped(name, f"line {n}: malformed JSON: {str(exc)[:160]}")


def _jsonl_range(path: str, start: int, end: int | None, options: ReadOptions) -> Iterator[RawDocument | Skipped]:
    """The lines that start inside [start, end): a line belongs to the range its first byte is in.
    Sources are named `FILE@OFFSET` (the byte offset of the line), since line numbers would need the
    whole file before the range."""
    with open(path, "rb") as fh:
        position = start
        if start:
            fh.seek(start - 1)
            if fh.read(1) != b"\n":  # inside a line: it belongs to the range before
                position = start + len(fh.readline())
        fh.seek(position)
        while end is None or position < end:
            line = fh.readline()
            if not line:
                break
            doc = _line_document(line, f"{path}@{position}", position, options)
            position += len(line)
            if doc is not None:
                yield doc


def _jsonl_stream(path: str, options: ReadOptions) -> Iterator[RawDocument | Skipped]:
    try:
        with gzip.open(path, "rb") as fh:
            for n, line in enumerate(fh, 1):
                doc = _line_document(line, f"{path}#{n}", n, options)
                if doc is not None:
                    yield doc
    except (OSError, EOFError) as exc:  # a truncated gzip: the lines before the break were read
        yield Skipped(path, f"gzip stream broken ({type(exc).__name__}: {str(exc)[:120]}); lines before it read")


def _warc_stream(path: str, options: ReadOptions) -> Iterator[RawDocument | Skipped]:
    from newsprism.read.warc import stream_pages

    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield Skipped(path, f"cannot open: {exc.strerror or exc}")
        return
    with fh:
        yield from stream_pages(io.BufferedReader(fh), path, options.max_bytes)
