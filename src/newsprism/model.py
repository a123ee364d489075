"""The frozen records that pass between pipeline stages.

Readers produce `RawDocument`s (text plus whatever metadata the format carried);
`clean` turns each into an `Article`. Inputs that cannot be read become
`Skipped` records, never exceptions that stop a run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

__all__ = ["BOILERPLATE_KINDS", "Article", "Boilerplate", "RawDocument", "Skipped"]

#: The `voices` key of the words of speakers no words place in a camp.
UNPLACED = "unplaced"
# What marks the files newsprism writes, so a folder read again does not take them for articles.
REPORT_SCHEMA_ID = "newsprism.report/1"
GENERATOR = "newsprism"
#: The briefing's section titles, in order, shared by every format (tests compare them across formats).
SECTIONS = (
    "Summary",
    "What everyone reports",
    "Disputed",
    "Only one outlet",
    "Who said what",
    "Numbers",
    "Timeline",
    "Framing",
    "Articles read",
)

#: Kinds of text removed from an article body (the `boilerplate[].kind` of the report).
BOILERPLATE_KINDS = (
    "donation",
    "newsletter",
    "syndication",
    "licence",
    "caption",
    "navigation",
    "source-line",
    "credits",     # "(Reporting by ...; Editing by ...)", "Our Standards: ..."
    "correction",  # "This article was amended on ... to correct ...": about the article, not the event
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
    language: str | None = None  # ISO 639-1, None when too short to tell

    @property
    def display_name(self) -> str:
        """How a briefing names the article: its outlet, else the wire it credits with its file's name
        ("AFP (a.txt)": an agency's own copy), else its file's name."""
        name = PurePath(self.source).name or self.source
        return self.outlet or (f"{self.wire} ({name})" if self.wire else name)

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
            "language": self.language,
        }


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was not read, and why (listed in the report's `skipped[]`)."""

    source: str
    reason: str

    def to_record(self) -> dict:
        return {"source": self.source, "reason": self.reason}


# --- extraction records: every one carries character offsets into its article's body ---


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article body: `body[start:end] == text`."""

    article: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """One naming of an entity in an article (a name, alias, title form or acronym)."""

    article: str
    start: int
    end: int
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, LOC, NORP, or DESC for "the Russian leader"
    key: str | None = None  # canonical name when the gazetteer knows it


@dataclass(frozen=True, slots=True)
class Actor:
    """An entity merged across all articles of an event."""

    id: str
    name: str
    aliases: tuple[str, ...]
    type: str  # person, org, place, group
    side: str | None
    mentions: tuple[Mention, ...] = ()

    def to_record(self) -> dict:
        return {"id": self.id, "name": self.name, "aliases": list(self.aliases), "type": self.type,
                "side": self.side}


@dataclass(frozen=True, slots=True)
class Quote:
    """Speech attributed to a speaker: direct, indirect, or mixed."""

    id: str
    article: str
    speaker: str
    actor: str | None
    kind: str  # direct, indirect, mixed
    cue: str | None
    text: str
    start: int
    end: int

    def to_record(self) -> dict:
        return {"id": self.id, "article": self.article, "speaker": self.speaker, "actor": self.actor,
                "kind": self.kind, "cue": self.cue, "text": self.text, "start": self.start, "end": self.end}

    @property
    def label(self) -> str:
        """Its kind, and for reported speech the verb that reports it when that verb says more than
        "said": "indirect, denied" before "that it planned to cut safety staff" (which, alone, reads
        as what the speaker asserts)."""
        cue = (self.cue or "").lower()
        if self.kind == "direct" or not cue or cue in _PLAIN_CUES:
            return self.kind
        return f"{self.kind}, {cue}"


# Verbs of speech that only report it.
_PLAIN_CUES = {"said", "says", "say", "saying", "told", "tells", "tell", "telling", "according to", "added", "adds",
               "stated", "states", "wrote", "writes", "explained", "noted", "reported", "announced"}


@dataclass(frozen=True, slots=True)
class Phrase:
    """A noun phrase as an article words it ("the disastrous deal"), with the lemma of its head
    noun and the head's part of speech: what the word-choice comparison groups and compares."""

    article: str
    start: int
    end: int
    text: str
    head: str
    proper: bool  # the head is a proper noun ("the former FBI director James Comey")


@dataclass(frozen=True, slots=True)
class Concept:
    """One actor, group, object or issue as the event's articles name it: each article's
    wordings (`variants`, with spans) and the words only that article uses for it (`only`)."""

    name: str
    kind: str  # actor, issue
    variants: dict[str, tuple[dict, ...]]  # article id -> [{"text", "start", "end"}]
    only: dict[str, list[dict]]  # article id -> [{"words": [...], "text", "start", "end"}]

    @property
    def splits(self) -> bool:
        """The choice of words differs by outlet: some article uses words no other one does."""
        return bool(self.only) and len(self.variants) >= 2

    def to_record(self) -> dict:
        return {"name": self.name, "kind": self.kind, "splits": self.splits,
                "variants": {aid: list(v) for aid, v in self.variants.items()},
                "only": {aid: list(v) for aid, v in self.only.items()}}


@dataclass(frozen=True, slots=True)
class Camp:
    """One side of an event, named from its articles: a country, a party, a government,
    protesters, plaintiffs or defendants, an organisation, or a principal person."""

    name: str
    kind: str  # country, government, party, opposition, protest, litigation, organisation, local, former, person
    members: tuple[str, ...]  # the quoted speakers in it, most quoted first

    def to_record(self) -> dict:
        return {"name": self.name, "kind": self.kind, "members": list(self.members)}


@dataclass(frozen=True, slots=True)
class Camps:
    """The camps of an event and the camp of each quoted speaker placed in one."""

    split: str  # "countries" (state against state) or "home" (one country's sides)
    camps: tuple[Camp, ...]
    of_speaker: dict[str, str]
    of_actor: dict[str, str] = field(default_factory=dict)

    def to_record(self) -> dict:
        return {"split": self.split, "camps": [c.to_record() for c in self.camps]}


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number and what it counts ("more than 14,000 lives": 14000, at least, lives)."""

    article: str
    value: float
    approx: str  # exact, at least, at most, about
    of: str | None
    text: str
    start: int
    end: int
    high: float | None = None  # upper bound of a range ("between 18 and 60")

    @property
    def shown(self) -> str:
        """The figure as a reader sees it listed: its words, "none" for a count of none ("no deaths")."""
        return "none" if self.value == 0 and self.text.lower() == "no" else self.text

    def to_record(self) -> dict:
        record = {"article": self.article, "value": self.value, "approx": self.approx, "of": self.of,
                  "text": self.text, "start": self.start, "end": self.end}
        if self.high is not None:
            record["high"] = self.high
        return record


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A date or time expression resolved against the article's date.

    `date` is the resolved ISO date (or the first day of an interval), `until`
    of the interval when the expression spans days ("last month"), and
    `confidence` how sure the resolution is: 1.0 for an absolute date with a
    year, lower for relative expressions and for a base date borrowed from the
    other articles of the event.
    """

    article: str
    text: str
    start: int
    end: int
    date: str | None
    until: str | None
    granularity: str  # day, week, month, year, duration
    relative: bool
    confidence: float


@dataclass(frozen=True, slots=True)
class Frame:
    """Who did what to what, as one verb of a claim says it: "the Justice Department released copies
    of the memos" and "the memos were released by Republican officials" are both `release`, with
    different agents and the memos among what was released."""

    verb: str                 # lemma, lower-cased
    agent: str                # the doer as written ("" when unnamed: a pronoun, or no subject)
    agent_start: int          # where the doer sits in the article (-1 when unnamed)
    agent_end: int
    patient: frozenset[str]   # lemmas of the common nouns naming what the verb acts on
    negated: bool


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement an article makes: a whole sentence, or one clause of a sentence that makes several."""

    article: str
    start: int
    end: int
    text: str
    sentence: int  # index of the sentence it belongs to
    whole: bool    # the whole sentence rather than one of its clauses
    verbs: frozenset[str] = frozenset()  # its verbs as written, lower-cased: what it says happened
    frames: tuple[Frame, ...] = ()       # who did what to what, per verb
