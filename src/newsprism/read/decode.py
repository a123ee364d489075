"""Bytes to text: decompression, binary detection and charset decoding.

Shared by every reader, so that an undecodable or binary input fails the same
way whatever its format.
"""

from __future__ import annotations

import zlib

from charset_normalizer import from_bytes

from newsprism.errors import NotText, ReadError

__all__ = ["decode_text", "gunzip", "gunzip_head", "is_gzip", "looks_binary"]

# Share of control characters (other than tab/newline/CR/form feed) above which
# a byte string is binary rather than text in some odd encoding. Real text in a
# legacy encoding has almost none; images and archives have many.
_BINARY_CONTROL_SHARE = 0.05
_SNIFF_BYTES = 8192
_GZIP_MAGIC = b"\x1f\x8b"
_TEXT_CONTROLS = {9, 10, 12, 13, 27}
_LATIN_SCRIPT_CHARSETS = {
    "cp1250", "cp1252", "cp1257", "latin_1", "iso8859_2", "iso8859_3", "iso8859_4",
    "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16",
    "cp775", "cp850", "cp852", "hp_roman8", "mac_roman", "mac_latin2",
}


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress gzip data (all members, as WARC files have one per record),
    refusing truncated streams and outputs over `max_bytes`."""
    out = bytearray()
    rest = data
    try:
        while rest:
            decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
            chunk = rest
            while chunk:
                out += decompressor.decompress(chunk, max_bytes + 1 - len(out))
                if len(out) > max_bytes:
                    raise ReadError(f"gzip data expands to more than {max_bytes:,} bytes")
                chunk = decompressor.unconsumed_tail
                if decompressor.eof:
                    break
            if not decompressor.eof:
                raise ReadError("truncated gzip data (the stream ends early)")
            rest = decompressor.unused_data
            if rest and not is_gzip(rest):
                break  # trailing garbage after the last member is ignored, as gzip(1) does
    except zlib.error as exc:
        raise ReadError(f"corrupt gzip data ({exc})") from None
    return bytes(out)


def gunzip_head(data: bytes, size: int = 4096) -> bytes:
    """The first bytes of gzip data, for sniffing its format (b"" when unreadable)."""
    try:
        return zlib.decompressobj(wbits=16 + zlib.MAX_WBITS).decompress(data[:65536], size)
    except zlib.error:
        return b""


def is_gzip(data: bytes) -> bool:
    return data[:2] == _GZIP_MAGIC


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding we read (NULs, many controls)."""
    head = data[:_SNIFF_BYTES]
    if not head:
        return False
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return True
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    return controls / len(head) > _BINARY_CONTROL_SHARE


def decode_text(data: bytes) -> str:
    """Decode text: UTF-8 (with or without BOM) first, then a detected charset.

    Raises NotText for binary data or bytes no charset explains.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise NotText("undecodable UTF-16 text") from None
    if looks_binary(data):
        raise NotText("binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise NotText("undecodable text (not UTF-8 and no charset fits)")
    if best.encoding in _LATIN_SCRIPT_CHARSETS:
        # Short Western texts fit several Latin code pages equally well and the
        # detector picks among them arbitrarily (French "à" read as cp1250 "ŕ").
        # Windows-1252 is by far the most common of them in news text.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(best)
