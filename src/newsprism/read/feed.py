"""RSS and Atom feeds: one article per entry, its full content when the feed carries it.

The bytes are first parsed by defusedxml, which refuses entity declarations
(the "billion laughs" bomb) and external entities, and reports malformed XML;
only then does feedparser, which is lenient by design, read the entries.
"""

from __future__ import annotations

import re
import time

from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import ParseError, fromstring

from newsprism.errors import ReadError
from newsprism.model import RawDocument, Skipped
from newsprism.read.html import html_to_paragraphs
from newsprism.read.records import iso_date

__all__ = ["read"]

# expat reads UTF-8, UTF-16 and single-byte charsets only; feeds in Shift_JIS,
# GB2312, EUC-KR... are decoded by Python first and checked as text.
_MULTIBYTE = "multi-byte encodings are not supported"
_DECLARED_ENCODING = re.compile(rb"^\s*<\?xml[^>]*?encoding=[\"']([A-Za-z0-9._-]+)[\"']")


def read(data: bytes, source: str) -> list[RawDocument | Skipped]:
    _check_xml(data)
    parsed = _parse(data)
    if not parsed.entries:
        problem = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        raise ReadError(f"feed holds no entries{problem}")
    outlet = _site_name(_plain(parsed.feed.get("title")))
    entries = parsed.entries
    if len(entries) == 1:
        return [_entry(entries[0], source, outlet)]
    return [_entry(entry, f"{source}#{n}", outlet) for n, entry in enumerate(entries, 1)]


def _check_xml(data: bytes | str) -> None:
    """Raise ReadError unless the bytes are well-formed XML without entity declarations."""
    try:
        fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except ExternalReferenceForbidden as exc:
        raise ReadError(f"external XML entity refused ({exc.sysid or exc.pubid})") from None
    except EntitiesForbidden:
        raise ReadError("XML entity declarations refused (possible XML bomb)") from None
    except DefusedXmlException as exc:
        raise ReadError(f"XML refused: {type(exc).__name__}") from None
    except (ParseError, ValueError, RecursionError) as exc:
        if isinstance(data, bytes) and _MULTIBYTE in str(exc):
            _check_xml(_decoded(data))
            return
        raise ReadError(f"malformed XML: {exc}") from None


def _decoded(data: bytes) -> str:
    declared = _DECLARED_ENCODING.match(data[:512])
    try:
        return data.decode(declared.group(1).decode("ascii") if declared else "utf-8")
    except (LookupError, UnicodeDecodeError) as exc:
        raise ReadError(f"malformed XML: cannot decode as its declared encoding ({exc})") from None


def _parse(data: bytes):
    import feedparser

    try:
        return feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    except Exception as exc:  # feedparser is lenient, but hostile input has crashed it before
        raise ReadError(f"feed could not be read: {type(exc).__name__}: {exc}") from None


# A feed's title is the site's name, often with its tagline or section: "AeroLedger - Airline Business News",
# "The Daily Post | World".
_TAGLINE = re.compile(r"\s+[-–—|:]\s+.*$")


def _site_name(title: str | None) -> str | None:
    """The site's name a feed title gives, without a tagline or section after a dash, bar or colon."""
    if not title:
        return None
    name = _TAGLINE.sub("", title).strip()
    return name if len(name) >= 2 else title


def _entry(entry, name: str, outlet: str | None) -> RawDocument | Skipped:
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    markup = max(contents, key=len) if contents else entry.get("summary", "")
    text = html_to_paragraphs(markup)
    if not text:
        return Skipped(name, "feed entry has no text")
    return RawDocument(
        source=name,
        text=text,
        title=_plain(entry.get("title")) or None,
        url=entry.get("link") or None,
        published=_published(entry),
        outlet=outlet,
    )


def _published(entry) -> str | None:
    """The entry's date as written (its own day, not the UTC day feedparser converts to)."""
    for raw, parsed in (("published", "published_parsed"), ("updated", "updated_parsed")):
        day = iso_date(entry.get(raw))
        if day:
            return day
        when = entry.get(parsed)
        if isinstance(when, time.struct_time) and 1900 <= when.tm_year <= 2200:
            return f"{when.tm_year:04d}-{when.tm_mon:02d}-{when.tm_mday:02d}"
    return None


def _plain(value: str | None) -> str:
    """Titles may carry markup (Atom type="html"); one line of plain text."""
    if not value:
        return ""
    return " ".join(html_to_paragraphs(value).split()) if "<" in value else " ".join(value.split())
