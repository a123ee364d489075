"""Records (JSON objects, CSV rows) to raw documents: the field names exports use,
and the date formats they write."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timezone
from email.utils import parsedate_tz

from newsprism.model import RawDocument, Skipped

__all__ = ["KNOWN_KEYS", "date_words", "field_key", "iso_date", "record_to_document"]

_TEXT_FIELDS = ("text", "body", "content", "article", "full_text", "maintext", "article_body")
_TITLE_FIELDS = ("title", "headline")
_URL_FIELDS = ("url", "link", "canonical_url")
_DATE_FIELDS = ("published", "date", "published_at", "date_publish", "pubdate", "datetime", "date_published",
                "publication_date", "published_date", "publish_date")
_OUTLET_FIELDS = ("outlet", "source", "site", "site_name", "publisher", "source_name")
# Every field name a record may use, as `field_key` compares them.
KNOWN_KEYS = {re.sub(r"[_-]", "", name)
              for name in _TEXT_FIELDS + _TITLE_FIELDS + _URL_FIELDS + _DATE_FIELDS + _OUTLET_FIELDS}

# Whitespace other than the newline: NBSP, tabs, thin and ideographic spaces all
# collapse to one space inside a paragraph.
_WS = re.compile(r"[^\S\n]+")

# Years outside this range are typos or epoch-zero placeholders, not publication dates.
_MIN_YEAR, _MAX_YEAR = 1900, 2200
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s_])")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:$|T)")
# Unix time in seconds (10 digits) or milliseconds (13): what many JSON exports write.
_EPOCH = re.compile(r"\d{10}(?:\d{3})?(?:\.\d+)?")
_WORDY_FORMATS = ("%d.%m.%Y", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y")
# What a date line wraps a date in: "Published: Thursday, June 20, 2026 10:42 a.m. ET", "Updated 4 March 2026
# at 14:05 GMT". The weekday and the time say nothing the day does not.
_DATE_PREFIX = re.compile(r"^(?:(?:first |last )?(?:published|updated|posted|modified)(?: on)?\s*:?\s*)?"
                          r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?", re.I)
_TIME_SUFFIX = re.compile(r"(?:,?\s+(?:at\s+)?\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?"
                          r"|\s+[|·•-]\s+\d{1,2}[:.]\d{2}.*)$", re.I)


def date_words(text: str) -> str:
    """A date line's date without its "Published"/weekday opening and its time of day."""
    core = _DATE_PREFIX.sub("", text.strip(), count=1)
    if re.search(r"\d{4}", core):
        core = _TIME_SUFFIX.sub("", core, count=1) if re.search(r"\d{4}\D+\d", core) else core
    return core.strip()


def iso_date(value: str | None) -> str | None:
    """The calendar date a record carries, as YYYY-MM-DD; None when it is not a date.

    Reads ISO dates and datetimes ("2022-02-23T10:00:00Z"), compact dates
    ("20220223"), RFC 822 dates as RSS writes them, Unix times, and English
    "23 February 2022" / "Feb 23, 2022". A datetime keeps the day it was written
    in, not the UTC day: that is the day the outlet dated the story.
    """
    text = date_words(value or "")
    if not text:
        return None
    for pattern in (_ISO, _COMPACT):
        match = pattern.match(text)
        if match:
            return _checked(*(int(g) for g in match.groups()))
    if _EPOCH.fullmatch(text):
        seconds = float(text) / (1000 if len(text.split(".")[0]) == 13 else 1)
        day = datetime.fromtimestamp(seconds, tz=timezone.utc)
        return _checked(day.year, day.month, day.day)
    parts = parsedate_tz(text) if "," in text or ":" in text else None
    if parts:
        return _checked(parts[0], parts[1], parts[2])
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    # AP's abbreviated months: "Aug. 14, 2026", "Sept. 4".
    cleaned = re.sub(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.", r"\1", cleaned, flags=re.I)
    cleaned = re.sub(r"\bSept\b", "Sep", cleaned, flags=re.I)
    for fmt in _WORDY_FORMATS:
        try:
            day = datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
        return _checked(day.year, day.month, day.day)
    return None


def _checked(year: int, month: int, day: int) -> str | None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def field_key(name: str) -> str:
    """A field name as compared: case, "_" and "-" aside ("publishedAt", "published_at", "datePublished")."""
    return re.sub(r"[_-]", "", str(name).lower())


def _first(record: Mapping, names: tuple[str, ...]) -> str | None:
    lowered = {field_key(k): v for k, v in record.items()}
    for name in names:
        value = lowered.get(field_key(name))
        if isinstance(value, Mapping):  # {"source": {"name": "Reuters"}}
            value = value.get("name") or value.get("title")
        if isinstance(value, bool):
            continue
        if isinstance(value, (str, int, float)) and str(value).strip():
            return str(value).strip()
    return None


def _paragraphs(text: str) -> str:
    """Blank lines and single newlines both break paragraphs in exported text."""
    lines = (_WS.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n\n".join(line for line in lines if line)


def record_to_document(record: object, source: str) -> RawDocument | Skipped:
    """A record with a text field becomes a document; anything else is skipped with the reason."""
    if not isinstance(record, Mapping):
        return Skipped(source, f"record is a JSON {type(record).__name__}, not an object")
    text = _paragraphs(_first(record, _TEXT_FIELDS) or "")
    if not text:
        return Skipped(source, f"record has no text (expected one of: {', '.join(_TEXT_FIELDS)})")
    return RawDocument(
        source=source,
        text=text,
        title=_first(record, _TITLE_FIELDS),
        url=_first(record, _URL_FIELDS),
        published=iso_date(_first(record, _DATE_FIELDS)),
        outlet=_first(record, _OUTLET_FIELDS),
    )
