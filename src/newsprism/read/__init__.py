"""Reading sources into raw documents.

A source is a file, a folder, a glob, a URL, or `-` for stdin. Each input's
bytes go to exactly one reader, picked from the explicit `READERS` table by the
file's extension, the server's content type, or a sniff of the first bytes.

Every reader has the same shape: ``read(data: bytes, source: str) ->
list[RawDocument | Skipped]``. It raises `ReadError` when the whole input is
unusable, and returns `Skipped` entries for bad records inside an otherwise
good container (one bad line of a JSON Lines file, one broken WARC record).
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from newsprism.errors import InputTooLarge, ReadError
from newsprism.model import RawDocument, Skipped
from newsprism.read import csvfile, feed, html, jsonl, text, warc
from newsprism.read.decode import gunzip, gunzip_head, is_gzip

__all__ = ["READERS", "ReadOptions", "detect_format", "read_bytes", "read_sources"]

Reader = Callable[[bytes, str], list["RawDocument | Skipped"]]

#: One reader per format. Keys are the format names users may pass as hints.
READERS: dict[str, Reader] = {
    "text": text.read,
    "html": html.read,
    "json": jsonl.read_json,
    "jsonl": jsonl.read_jsonl,
    "csv": csvfile.read,
    "feed": feed.read,
    "warc": warc.read,
}

#: File extensions (lower case, longest first wins) to formats.
EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
    ".arc": "warc",
}

#: HTTP content types (the part before ";") to formats.
CONTENT_TYPES: dict[str, str] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "text/csv": "csv",
    "text/plain": "text",
    "application/warc": "warc",
}

# 20 MB: ten times the longest real article page we have seen with its markup,
# small enough that a stray video or database dump is refused at once.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# A WARC or gzip holds many pages; it gets a larger cap of its own.
DEFAULT_MAX_ARCHIVE_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Limits and policy for reading sources."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_archive_bytes: int = DEFAULT_MAX_ARCHIVE_BYTES
    allow_private: bool = False
    timeout: float = 20.0
    format: str | None = None  # force one reader for every input


def detect_format(name: str, data: bytes, content_type: str | None = None) -> str:
    """The reader for an input, from its name, its content type, or its first bytes."""
    lower = name.lower().split("?", 1)[0]
    if lower.endswith(".gz"):
        lower = lower[:-3]
    for ext in sorted(EXTENSIONS, key=len, reverse=True):
        if lower.endswith(ext):
            return EXTENSIONS[ext]
    declared = CONTENT_TYPES.get((content_type or "").split(";", 1)[0].strip().lower())
    if declared and declared not in ("text", "feed"):
        return declared
    sniffed = sniff_format(data)
    # Servers label feeds text/xml and HTML text/plain often enough that the bytes
    # decide between the text-ish formats; a declared type only breaks a tie with plain text.
    return declared if sniffed == "text" and declared else sniffed


def sniff_format(data: bytes) -> str:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"warc/", b"filedesc://")):
        return "warc"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    if head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<rdf")):
        return "html" if b"<html" in head else "feed"
    if head.startswith(b"<"):
        return "html"
    if head.startswith((b"{", b"[")):
        first_line = head.split(b"\n", 1)[0].strip()
        if head.startswith(b"{") and first_line.endswith(b"}") and b"\n{" in data[:65536]:
            return "jsonl"
        return "json"
    return "text"


def read_bytes(data: bytes, source: str, fmt: str | None = None,
               content_type: str | None = None,
               options: ReadOptions = ReadOptions()) -> list[RawDocument | Skipped]:
    """Read one input's bytes with the reader its format calls for.

    Raises ReadError when the input as a whole cannot be read.
    """
    if not data.strip():
        raise ReadError("empty input")
    kind = fmt or options.format
    if is_gzip(data):
        # WARC files are gzipped record by record; warcio reads them as they are,
        # and a truncated archive still yields the records before the break.
        kind = kind or detect_format(source, gunzip_head(data), content_type)
        if kind != "warc":
            data = gunzip(data, options.max_archive_bytes)
            if not data.strip():
                raise ReadError("empty input (after gzip)")
    kind = kind or detect_format(source, data, content_type)
    if kind not in READERS:
        raise ReadError(f"unknown format {kind!r} (known: {', '.join(READERS)})")
    return READERS[kind](data, source)


def expand_sources(specs: Iterable[str], outputs: Iterable[Path] = ()) -> Iterator[str | Skipped]:
    """Files, folders, globs, URLs and `-` expanded to single inputs, in a stable order; the files this
    run writes (`outputs`, which a folder being read may hold from the last run) are skipped."""
    written = {p.resolve() for p in outputs}
    for item in _expanded(specs):
        if written and not isinstance(item, Skipped) and item != "-" and not item.startswith(("http://", "https://")) \
                and Path(item).resolve() in written:
            yield Skipped(item, "this run's own output file")
        else:
            yield item


def _expanded(specs: Iterable[str]) -> Iterator[str | Skipped]:
    for spec in specs:
        if spec == "-" or spec.startswith(("http://", "https://")):
            yield spec
            continue
        path = Path(spec)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*")
                           if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not files:
                yield Skipped(spec, "folder holds no files")
            yield from (str(p) for p in files)
        elif path.is_file():
            yield spec
        elif glob.has_magic(spec):
            matches = sorted(m for m in glob.glob(spec, recursive=True) if os.path.isfile(m))
            if not matches:
                yield Skipped(spec, "pattern matches no files")
            yield from matches
        elif path.exists():
            yield Skipped(spec, "not a regular file")
        else:
            yield Skipped(spec, "no such file or folder")


def _load_file(path: str, options: ReadOptions) -> bytes:
    cap = _cap_for(path, options)
    try:
        size = os.path.getsize(path)
        if size > cap:
            raise InputTooLarge(_too_large(size, cap))
        with open(path, "rb") as fh:
            data = fh.read(cap + 1)
    except OSError as exc:
        raise ReadError(f"cannot open: {exc.strerror or exc}") from None
    if len(data) > cap:
        raise InputTooLarge(_too_large(len(data), cap))
    return data


def _cap_for(name: str, options: ReadOptions) -> int:
    lower = name.lower()
    archive = lower.endswith((".warc", ".warc.gz", ".arc", ".arc.gz", ".gz"))
    return options.max_archive_bytes if archive else options.max_bytes


def _too_large(size: int, cap: int) -> str:
    return (f"{size / 1e6:.1f} MB is over the {cap / 1e6:.0f} MB size cap "
            f"(raise it with --max-size)")


def read_one(spec: str, options: ReadOptions = ReadOptions(),
             stdin: object = None) -> list[RawDocument | Skipped]:
    """Read one expanded source (a file, a URL or `-`); bad input becomes Skipped."""
    try:
        if spec == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(options.max_bytes + 1)
            if len(data) > options.max_bytes:
                raise InputTooLarge(_too_large(len(data), options.max_bytes))
            return read_bytes(data, "-", options=options)
        if spec.startswith(("http://", "https://")):
            from newsprism.read.fetch import fetch  # httpx loads only when a URL is given

            fetched = fetch(spec, max_bytes=options.max_bytes, timeout=options.timeout,
                            allow_private=options.allow_private)
            docs = read_bytes(fetched.data, spec, content_type=fetched.content_type, options=options)
            return [_with_url(d, fetched.url) for d in docs]
        return read_bytes(_load_file(spec, options), spec, options=options)
    except ReadError as exc:
        return [Skipped(spec, exc.reason)]


def _with_url(doc: RawDocument | Skipped, url: str) -> RawDocument | Skipped:
    if isinstance(doc, RawDocument) and doc.url is None:
        return replace(doc, url=url)
    return doc


def read_sources(specs: Iterable[str], options: ReadOptions = ReadOptions(),
                 stdin: object = None, outputs: Iterable[Path] = ()) -> Iterator[RawDocument | Skipped]:
    """Every document (or skip record) the sources hold, in order."""
    for item in expand_sources(specs, outputs):
        if isinstance(item, Skipped):
            yield item
        else:
            yield from read_one(item, options, stdin=stdin)
