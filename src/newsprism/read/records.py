"""Records (JSON objects, CSV rows) to raw documents: the field names exports use."""

from __future__ import annotations

import re
from collections.abc import Mapping

from newsprism.model import RawDocument, Skipped

__all__ = ["KNOWN_FIELDS", "record_to_document"]

_TEXT_FIELDS = ("text", "body", "content", "article", "full_text", "maintext")
_TITLE_FIELDS = ("title", "headline")
_URL_FIELDS = ("url", "link", "canonical_url")
_DATE_FIELDS = ("published", "date", "published_at", "date_publish", "pubdate", "datetime")
_OUTLET_FIELDS = ("outlet", "source", "site", "site_name", "publisher", "source_name")
KNOWN_FIELDS = set(_TEXT_FIELDS + _TITLE_FIELDS + _URL_FIELDS + _DATE_FIELDS + _OUTLET_FIELDS)
_WS = re.compile(r"[ \t\u00a0]+")


def _first(record: Mapping, names: tuple[str, ...]) -> str | None:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for name in names:
        value = lowered.get(name)
        if isinstance(value, Mapping):  # {"source": {"name": "Reuters"}}
            value = value.get("name") or value.get("title")
        if isinstance(value, (str, int, float)) and str(value).strip():
            return str(value).strip()
    return None


def _paragraphs(text: str) -> str:
    """Blank lines and single newlines both break paragraphs in exported text."""
    lines = (_WS.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n"))
    return "\n\n".join(line for line in lines if line)


def record_to_document(record: object, source: str) -> RawDocument | Skipped:
    """A record with a text field becomes a document; anything else is skipped with the reason."""
    if not isinstance(record, Mapping):
        return Skipped(source, f"record is a JSON {type(record).__name__}, not an object")
    text = _first(record, _TEXT_FIELDS)
    if not text:
        return Skipped(source, f"record has no text (expected one of: {', '.join(_TEXT_FIELDS)})")
    return RawDocument(
        source=source,
        text=_paragraphs(text),
        title=_first(record, _TITLE_FIELDS),
        url=_first(record, _URL_FIELDS),
        published=_first(record, _DATE_FIELDS),
        outlet=_first(record, _OUTLET_FIELDS),
    )
