"""WARC archives: every HTML response (or resource) record is a page.

A truncated or corrupt archive yields the records read before the break, and
one skip line saying where it broke.
"""

from __future__ import annotations

import io
import zlib

from newsprism.errors import ReadError
from newsprism.model import RawDocument, Skipped
from newsprism.read.html import decode_html, read_html_text

__all__ = ["read"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read(data: bytes, source: str) -> list[RawDocument | Skipped]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    out: list[RawDocument | Skipped] = []
    pages = 0
    iterator = ArchiveIterator(io.BytesIO(data), arc2warc=True)
    try:
        for record in iterator:
            if record.rec_type not in ("response", "resource"):
                continue
            content_type = (record.http_headers.get_header("Content-Type") if record.http_headers
                            else record.rec_headers.get_header("Content-Type")) or ""
            if not content_type.lower().startswith(_HTML_TYPES):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"record {pages + 1}"
            payload = record.content_stream().read()
            pages += 1
            out.append(_page(payload, f"{source}#{uri}", uri))
    except (ArchiveLoadFailed, zlib.error, EOFError, ValueError, OSError) as exc:
        reason = f"truncated or corrupt WARC file: {type(exc).__name__}: {str(exc)[:160]}"
        if not out:
            raise ReadError(reason) from None
        out.append(Skipped(source, f"{reason} (after {pages} pages)"))
        return out
    # warcio stops quietly at a record cut off mid-way: bytes left over mean a truncated file.
    if iterator.offset < len(data) and data[iterator.offset:].strip(b"\r\n\x00 "):
        reason = f"truncated WARC file: {len(data) - iterator.offset:,} bytes after the last whole record"
        if not out:
            raise ReadError(reason)
        out.append(Skipped(source, f"{reason} (after {pages} pages)"))
        return out
    if not out:
        raise ReadError("no HTML responses in WARC file")
    return out


def _page(payload: bytes, name: str, uri: str) -> RawDocument | Skipped:
    try:
        return read_html_text(decode_html(payload), name, url=uri if uri.startswith("http") else None)
    except ReadError as exc:
        return Skipped(name, exc.reason)
