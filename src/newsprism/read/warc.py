"""WARC archives: every HTML response (or resource) record is a page.

A truncated or corrupt archive yields the pages read before the break, and
one skip line saying where it broke; with no page before it, the archive is
unreadable.
"""

from __future__ import annotations

import io
import zlib
from dataclasses import replace

from newsprism.errors import ReadError
from newsprism.model import RawDocument, Skipped
from newsprism.read.decode import is_gzip
from newsprism.read.html import decode_html, read_html_text

__all__ = ["read", "stream_pages"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# Bytes of NUL/blank padding after the last record are not a truncated record.
_PADDING = b"\r\n\x00 \t"
# Output is discarded while checking that a gzip member ends; read it in chunks this big.
_CHUNK = 1 << 20


def read(data: bytes, source: str) -> list[RawDocument | Skipped]:
    out: list[RawDocument | Skipped] = []
    iterator = _iterator(data)
    last_member = 0
    try:
        for record in iterator:
            if not _declares_length(record):  # every record does; this one was cut in its headers
                return _broken(out, source, "a record cut off in its headers")
            page = _page(record, source)
            missing = _missing_bytes(record)
            last_member = iterator.get_record_offset()  # after the record is read: this reads to its end
            if missing:  # an uncompressed archive cut inside a record: warcio does not notice
                uri = record.rec_headers.get_header("WARC-Target-URI") or "the last record"
                return _broken(out, source, f"{uri} is {missing:,} bytes short of its Content-Length")
            if page is not None:
                out.append(page)
    except Exception as exc:  # warcio raises ArchiveLoadFailed, zlib.error, EOFError, and
        # on hostile headers assorted ValueErrors and AttributeErrors: all mean a broken archive.
        return _broken(out, source, f"{type(exc).__name__}: {str(exc).strip()[:160]}")
    # warcio stops quietly at a record cut off mid-way: bytes left over mean a truncated file.
    left = len(data) - iterator.offset
    if left > 0 and data[iterator.offset:].strip(_PADDING):
        return _broken(out, source, f"{left:,} bytes after the last whole record")
    if is_gzip(data) and not _member_ends(data[last_member:]):
        # warcio reads a record whose gzip member lost its trailer and never says so.
        return _broken(out, source, "the last gzip member is cut off")
    if not out:
        raise ReadError("no HTML responses in WARC file")
    if iterator.err_count:
        out.append(Skipped(source, f"{iterator.err_count} WARC record(s) with a wrong Content-Length; "
                                   "pages after them may be missing"))
    return out


def stream_pages(stream, source: str, max_record_bytes: int | None = None):
    """The pages of an archive read from a file object one record at a time (batch runs: never the whole
    archive in memory). A break in the archive ends the stream with one skip saying where it broke."""
    from warcio.archiveiterator import ArchiveIterator

    iterator = ArchiveIterator(stream, arc2warc=True)
    iterator.INC_RECORD = ""
    pages = 0
    last_member = 0
    try:
        for record in iterator:
            if max_record_bytes and (record.length or 0) > max_record_bytes:
                uri = record.rec_headers.get_header("WARC-Target-URI") or "a record"
                yield Skipped(f"{source}#{uri}", f"record of {record.length / 1e6:.1f} MB is over the size cap")
                continue
            if not _declares_length(record):
                yield Skipped(source, f"truncated WARC after {pages} pages: a record cut off in its headers")
                return
            page = _page(record, source)
            missing = _missing_bytes(record)
            member = iterator.get_record_offset()
            if missing:
                yield Skipped(source, f"truncated WARC after {pages} pages: a record is {missing:,} bytes short")
                return
            if page is not None:
                pages += isinstance(page, RawDocument)
                yield page
            last_member = member
    except Exception as exc:  # noqa: BLE001 - as in `read`: every failure here means a broken archive
        yield Skipped(source, f"truncated or corrupt WARC after {pages} pages: {type(exc).__name__}: "
                              f"{str(exc).strip()[:160]}")
        return
    # warcio stops quietly at a record cut off mid-way, and reads a last gzip member without its trailer:
    # bytes left after the last whole record, or a last member that does not end, mean a truncated file.
    if stream.seekable():
        stream.seek(iterator.offset)
        left = stream.read(1 << 16)
        stream.seek(last_member)
        tail = stream.read()
        if left.strip(_PADDING) or (is_gzip(tail) and not _one_whole_member(tail)):
            yield Skipped(source, f"truncated WARC after {pages} pages: the last record is cut off")


def _one_whole_member(data: bytes) -> bool:
    """True when `data` is one whole gzip member and nothing but padding after it (a cut-off member that
    warcio passed over quietly would follow it)."""
    decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    chunk = data
    try:
        while chunk and not decompressor.eof:
            decompressor.decompress(chunk, _CHUNK)
            chunk = decompressor.unconsumed_tail
    except zlib.error:
        return False
    return decompressor.eof and not decompressor.unused_data.strip(_PADDING)


def _iterator(data: bytes):
    from warcio.archiveiterator import ArchiveIterator

    iterator = ArchiveIterator(io.BytesIO(data), arc2warc=True)
    iterator.INC_RECORD = ""  # warcio writes this warning straight to stderr; err_count reports it instead
    return iterator


def _page(record, source: str) -> RawDocument | Skipped | None:
    """A page from an HTML record with a 2xx status; None for any other record."""
    if record.rec_type not in ("response", "resource"):
        return None
    headers = record.http_headers
    if headers is not None and not (headers.get_statuscode() or "").startswith("2"):
        return None  # redirects and error pages are not articles
    content_type = (headers.get_header("Content-Type") if headers is not None
                    else record.rec_headers.get_header("Content-Type")) or ""
    if not content_type.strip().lower().startswith(_HTML_TYPES):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    name = f"{source}#{uri or record.rec_headers.get_header('WARC-Record-ID') or 'record'}"
    payload = record.content_stream().read()  # a broken stream here breaks the archive
    try:
        text = decode_html(payload, _charset(content_type))
        doc = read_html_text(text, name, url=uri if uri.startswith("http") else None)
    except ReadError as exc:
        return Skipped(name, exc.reason)
    return doc if doc.url or not uri else replace(doc, url=uri)


def _declares_length(record) -> bool:
    if record.length is None:
        return False
    declared = record.rec_headers.get_header("Content-Length")
    # ARC records converted by warcio carry the length they were given, not a WARC header.
    return record.format != "warc" or (declared or "").strip().isdigit()


def _charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip(" \"'"):
            return value.strip(" \"'")
    return None


def _missing_bytes(record) -> int:
    """Bytes of the record's declared length that the archive does not hold."""
    stream = record.raw_stream
    stream.read()  # the rest of the record (warcio would skip over it anyway)
    return max(getattr(stream, "limit", 0) or 0, 0)


def _member_ends(data: bytes) -> bool:
    """True when the gzip member at the start of `data` is whole (its end marker is there)."""
    decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    chunk = data
    try:
        while chunk and not decompressor.eof:
            decompressor.decompress(chunk, _CHUNK)
            chunk = decompressor.unconsumed_tail
    except zlib.error:
        return False
    return decompressor.eof


def _broken(out: list[RawDocument | Skipped], source: str, detail: str) -> list[RawDocument | Skipped]:
    pages = sum(isinstance(d, RawDocument) for d in out)
    if not pages:
        raise ReadError(f"truncated or corrupt WARC file: {detail}")
    records = "record" if pages == 1 else "records"
    return [*out, Skipped(source, f"truncated WARC after {pages} {records}: {detail}")]
