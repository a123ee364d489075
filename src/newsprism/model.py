"""The frozen records that pass between pipeline stages.

Readers produce `RawDocument`s (text plus whatever metadata the format carried);
`clean` turns each into an `Article`. Inputs that cannot be read become
`Skipped` records, never exceptions that stop a run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["BOILERPLATE_KINDS", "Article", "Boilerplate", "RawDocument", "Skipped"]

#: Kinds of text removed from an article body (the `boilerplate[].kind` of the report).
BOILERPLATE_KINDS = (
    "donation",
    "newsletter",
    "syndication",
    "licence",
    "caption",
    "navigation",
    "source-line",
)


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as a reader found it, before cleaning.

    `text` keeps the paragraph structure of the input (blank lines, or the
    format's own paragraph breaks). `has_header` is true for plain-text files,
    whose first lines may be a title / date / URL header that cleaning must
    find; structured formats (HTML, JSON, feeds) carry those fields separately.
    """

    source: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    caption: str | None = None
    has_header: bool = False


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """A span removed from an article because it is not part of the report."""

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: the unit every later stage works on.

    Offsets in later stages are character offsets into `body`; paragraphs in
    `body` are separated by a blank line.
    """

    id: str
    source: str
    body: str
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    dateline: str | None = None
    wire: str | None = None
    caption: str | None = None
    duplicate_of: str | None = None
    boilerplate: tuple[Boilerplate, ...] = field(default_factory=tuple)

    def to_record(self) -> dict:
        """The `articles[]` record of the JSON report contract."""
        return {
            "id": self.id,
            "source": self.source,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published,
            "url": self.url,
            "dateline": self.dateline,
            "wire": self.wire,
            "duplicate_of": self.duplicate_of,
            "body": self.body,
            "boilerplate": [{"kind": b.kind, "text": b.text} for b in self.boilerplate],
            "caption": self.caption,
        }


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was not read, and why (listed in the report's `skipped[]`)."""

    source: str
    reason: str

    def to_record(self) -> dict:
        return {"source": self.source, "reason": self.reason}
