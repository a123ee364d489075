"""RSS and Atom feeds: one article per entry, its full content when the feed carries it.

The bytes are first parsed by defusedxml, which refuses entity declarations
(the "billion laughs" bomb) and external entities, and reports malformed XML;
only then does feedparser, which is lenient by design, read the entries.
"""

from __future__ import annotations

import time

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from newsprism.errors import ReadError
from newsprism.model import RawDocument, Skipped
from newsprism.read.html import html_to_paragraphs

__all__ = ["read"]


def read(data: bytes, source: str) -> list[RawDocument | Skipped]:
    _check_xml(data)
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        problem = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        raise ReadError(f"feed holds no entries{problem}")
    outlet = (parsed.feed.get("title") or "").strip() or None
    entries = parsed.entries
    out: list[RawDocument | Skipped] = []
    for n, entry in enumerate(entries, 1):
        name = f"{source}#{n}" if len(entries) > 1 else source
        out.append(_entry(entry, name, outlet))
    return out


def _check_xml(data: bytes) -> None:
    try:
        fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ReadError(f"XML entity declarations refused (possible XML bomb): {type(exc).__name__}") from None
    except ParseError as exc:
        raise ReadError(f"malformed XML: {exc}") from None
    except (ValueError, RecursionError) as exc:
        raise ReadError(f"malformed XML: {exc}") from None


def _entry(entry, name: str, outlet: str | None) -> RawDocument | Skipped:
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    html = max(contents, key=len) if contents else entry.get("summary", "")
    text = html_to_paragraphs(html)
    if not text:
        return Skipped(name, "feed entry has no text")
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    return RawDocument(
        source=name,
        text=text,
        title=(entry.get("title") or "").strip() or None,
        url=entry.get("link"),
        published=time.strftime("%Y-%m-%d", when) if when else None,
        outlet=outlet,
    )
