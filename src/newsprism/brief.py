"""The briefing: one report model that every renderer draws.

`brief(analysis)` orders what the stages found into the sections a reader
goes through, and writes the summary: sentences the sources themselves wrote
(never new wording), taken from facts that two or more independent sources
carry and that no conflict touches, each citing every span it rests on.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

import numpy as np

from newsprism.model import SECTIONS, UNPLACED, Article, Quote, Sentence, Skipped

__all__ = ["EMPTY", "SECTIONS", "Briefing", "Citation", "SummarySentence", "brief", "side_label"]

#: What a section says when it has nothing to show, so an empty section reads as a finding, not a fault.
EMPTY = {
    "Summary": "No statement that two independent sources share and no report disputes.",
    "What everyone reports": "No fact that two independent sources report without a dispute.",
    "Disputed": "No contradiction found between the reports.",
    "Only one outlet": "No claim of one outlet alone stands out.",
    "Who said what": "No quotation or reported speech found.",
    "Numbers": "No counted figures.",
    "Timeline": "No sentence dated to a day (an undated report gives relative dates nothing to resolve against).",
}
SUMMARY_MAX = 6
SUMMARY_MIN = 4
# Two summary candidates sharing more than this share of their words say the same thing.
_SAME_WORDS = 0.5
# ... and so do two facts whose evidence means the same at this cosine (their claims' mean vectors):
# "the nation would freeze its nuclear tests" / "Kim announced the halt of nuclear and missile tests"
# (one gold fact: 0.80-0.91 over the seeds and the dev events; two different gold facts at most 0.75).
_SAME_MEANING = 0.78
_QUOTE_MARKS = "\"“”'‘’"
_WORD = re.compile(r"[a-z]{4,}")


@dataclass(frozen=True, slots=True)
class Citation:
    article: str
    start: int
    end: int

    def to_record(self) -> dict:
        return {"article": self.article, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class SummarySentence:
    text: str
    citations: tuple[Citation, ...]

    def to_record(self) -> dict:
        return {"text": self.text, "citations": [c.to_record() for c in self.citations]}


@dataclass(frozen=True, slots=True)
class SpeakerQuotes:
    speaker: str
    side: str | None
    quotes: tuple[Quote, ...]

    @property
    def side_label(self) -> str | None:
        """The side to print beside the name: none when the side is named after the speaker alone
        (a camp of one: "Sadiq Khan (Sadiq Khan)" says nothing)."""
        return self.side if self.side and self.side.casefold() != self.speaker.casefold() else None


@dataclass(frozen=True, slots=True)
class NumberRow:
    thing: str
    quantities: tuple  # Quantity records
    disputed: bool


@dataclass(frozen=True, slots=True)
class Briefing:
    title: str
    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]
    summary: tuple[SummarySentence, ...]
    agreed: tuple  # Fact
    disputed: tuple  # Conflict
    single: dict[str, tuple] = field(default_factory=dict)  # article id -> single-source facts
    speakers: tuple[SpeakerQuotes, ...] = ()
    numbers: tuple[NumberRow, ...] = ()
    timeline: tuple = ()
    analysis: object = None
    not_analysed: tuple[Article, ...] = ()  # other languages: listed, with outlet and date, not analysed

    def outlet(self, article_id: str) -> str:
        for a in self.articles + self.not_analysed:
            if a.id == article_id:
                return a.display_name
        return article_id


def side_label(side: str) -> str:
    """A camp as a reader sees it: the report's `unplaced` key is the speakers no words place in a camp."""
    return "others" if side == UNPLACED else side


def brief(analysis) -> Briefing:
    """The briefing of an analysed event."""
    extraction, alignment = analysis.extraction, analysis.alignment
    disputed_spans = [(e.article, e.start, e.end) for c in analysis.conflicts for side in c.sides for e in side.evidence]
    shared = [f for f in alignment.facts if f.status in ("consensus", "corroborated")]
    agreed = [f for f in shared if not _touches(f, disputed_spans) and not _answered(f, analysis.conflicts)
              and not _inside_disputes(f, disputed_spans)]
    agreed.sort(key=lambda f: (-f.independent_sources, _position(f, analysis.articles)))
    agreed = _distinct([_clause_wording(f, disputed_spans) for f in agreed])
    sentences = defaultdict(list)
    for s in extraction.sentences:
        sentences[s.article].append(s)
    quoted = [(q.article, q.start, q.end) for q in extraction.quotes if q.kind in ("direct", "mixed")]
    summary = _summary(agreed, sentences, analysis.framing, quoted, disputed_spans, _meaning(alignment))
    single = defaultdict(list)
    for f in alignment.facts:
        if f.status == "single_source" and not _touches(f, disputed_spans):
            single[f.articles[0]].append(f)
    return Briefing(
        title=_title(analysis),
        articles=analysis.articles,
        skipped=analysis.skipped,
        summary=tuple(summary),
        agreed=tuple(agreed),
        disputed=tuple(analysis.conflicts),
        single={k: tuple(v) for k, v in single.items()},
        speakers=tuple(_speakers(extraction, analysis.framing.camps if analysis.framing else None)),
        numbers=tuple(_numbers(extraction, analysis.conflicts)),
        timeline=tuple(extraction.timeline),
        analysis=analysis,
        not_analysed=tuple(getattr(analysis, "not_analysed", ())),
    )


# A fact is disputed when its evidence covers most of a sentence a conflict cites; a clause of
# such a sentence ("... after Putin recognised the regions") can still be agreed on.
_DISPUTED_COVER = 0.6


def _touches(fact, spans) -> bool:
    return any(e.article == a and min(end, e.end) - max(start, e.start) > _DISPUTED_COVER * (end - start)
               for e in fact.evidence for a, start, end in spans)


def _clause_wording(fact, spans):
    """An agreed clause of a disputed sentence is worded by the clause alone: the rest of the
    sentence is the matter of a dispute. An infinitive clause says nothing alone ("to keep the peace"
    in the region): evidence outside the disputes words the fact when there is some."""
    from newsprism.align import balanced_quotes

    for e in fact.evidence:
        if e.text != fact.text and e.text in fact.text and _in_spans(e, spans):
            infinitive = e.text.lstrip("“\"‘'").lower().startswith("to ")
            other = next((o for o in fact.evidence if not _in_spans(o, spans)), e) if infinitive else e
            return replace(fact, text=balanced_quotes(other.text[:1].upper() + other.text[1:]))
    return fact


def _inside_disputes(fact, spans) -> bool:
    """Every piece of evidence in a disputed sentence: what those outlets agree on is their side of the
    dispute, which the dispute shows."""
    return all(_in_spans(e, spans) for e in fact.evidence)


def _in_spans(evidence, spans) -> bool:
    """Whether a piece of evidence overlaps any (article, start, end) span."""
    return any(evidence.article == a and evidence.start < end and start < evidence.end for a, start, end in spans)


def _answered(fact, conflicts) -> bool:
    """A clause of a disputed sentence that says what the other side answers ("his requests to shut
    down the Flynn inquiry" / "has disputed asking Comey to shut down an investigation into Flynn"):
    it is the matter of the dispute, not agreement."""
    from newsprism.links import content_words

    for conflict in conflicts:
        for k, side in enumerate(conflict.sides):
            others = [content_words(e.text) for o, other in enumerate(conflict.sides) if o != k for e in other.evidence]
            for e in fact.evidence:
                if _in_spans(e, [(s.article, s.start, s.end) for s in side.evidence]) and \
                        any(len(content_words(e.text) & words) >= _ANSWERED_WORDS for words in others):
                    return True
    return False


_ANSWERED_WORDS = 3  # content words a clause shares with the other side of its sentence's dispute


def _distinct(facts) -> list:
    """Facts in order, less those worded like one already listed (one fact seeded twice)."""
    kept, seen = [], []
    for fact in facts:
        words = set(_WORD.findall(fact.text.lower()))
        if any(len(words & other) > _SAME_WORDS * min(len(words), len(other)) for other in seen if other):
            continue
        seen.append(words)
        kept.append(fact)
    return kept


def _position(fact, articles) -> float:
    """How early in their articles a fact's evidence sits (0 = the lede)."""
    length = {a.id: max(len(a.body), 1) for a in articles}
    return sum(e.start / length.get(e.article, 1) for e in fact.evidence) / max(len(fact.evidence), 1)


def _meaning(alignment):
    """A fact's meaning: the mean vector of its evidence claims (None when none is a claim)."""
    rows = {(c.article, c.start, c.end): n for n, c in enumerate(alignment.claims)}
    vectors = np.asarray(alignment.vectors)

    def of(fact):
        found = [rows[key] for e in fact.evidence if (key := (e.article, e.start, e.end)) in rows]
        if not found:
            return None
        mean = vectors[found].mean(axis=0)
        return mean / max(float(np.linalg.norm(mean)), 1e-12)

    return of


def _summary(facts, sentences, framing, quoted, disputed=(), meaning=lambda fact: None) -> list[SummarySentence]:
    """At most SUMMARY_MAX sentences the sources wrote, one per agreed fact, none touching a
    disputed sentence (a summary states only what no report contests), and none saying again what
    one listed says (in other words, or in a fact seeded from another of its sentences)."""
    labels = []  # (article, start, end) of every label and scare quote: loaded wording to avoid
    if framing is not None:
        for aid, f in framing.articles.items():
            labels += [(aid, l["start"], l["end"]) for l in f.labels] + [
                (aid, i["start"], i["end"]) for i in f.scare_quotes if i.get("field") == "body"]
    chosen: list[SummarySentence] = []
    seen_words: list[set[str]] = []
    seen_meanings = []
    for fact in facts:
        sentence = _neutral_sentence(fact, sentences, labels, quoted)
        if sentence is None or _overlaps_any(sentence.article, sentence.start, sentence.end, disputed):
            continue
        words = set(_WORD.findall(sentence.text.lower()))
        if any(len(words & other) > _SAME_WORDS * min(len(words), len(other)) for other in seen_words):
            continue
        vector = meaning(fact)
        if vector is not None and any(float(vector @ other) >= _SAME_MEANING for other in seen_meanings):
            continue
        seen_words.append(words)
        if vector is not None:
            seen_meanings.append(vector)
        citations = {(sentence.article, sentence.start, sentence.end)}
        citations |= {(e.article, e.start, e.end) for e in fact.evidence
                      if not _overlaps_any(e.article, e.start, e.end, disputed)}
        chosen.append(SummarySentence(sentence.text, tuple(Citation(*c) for c in sorted(citations))))
        if len(chosen) >= SUMMARY_MAX:
            break
    return chosen


def _overlaps_any(article: str, start: int, end: int, spans) -> bool:
    return any(a == article and s < end and start < e for a, s, e in spans)


_FIGURE = re.compile(r"\d[\d,.]*\d|\d")
_OPENING_PRONOUN = re.compile(r"^(?:He|She|They|It|His|Her|Their|Its|This|These|That)\b")
_SAID_BY_OTHERS = 0.5  # share of a summary sentence's words its fact's other sources must use to be preferred


def _neutral_sentence(fact, sentences, labels, quoted) -> Sentence | None:
    """Of the sentences a fact's evidence lies in, the one in the reporter's own, least loaded words."""
    from newsprism.align import balanced_quotes
    from newsprism.links import content_words

    candidates = []
    for e in fact.evidence:
        for s in sentences[e.article]:
            if s.start <= e.start < s.end:
                candidates.append(s)

    words = {s: content_words(s.text) for s in candidates}

    def said_by_others(s: Sentence) -> float:
        """The share of the sentence's words the fact's other articles' sentences use too."""
        others = set().union(*(w for o, w in words.items() if o.article != s.article)) if len(words) > 1 else set()
        return len(words[s] & others) / max(len(words[s]), 1)

    figures = {s: set(_FIGURE.findall(s.text)) for s in candidates}

    def figure_of_its_own(s: Sentence) -> bool:
        """A figure none of the fact's other articles gives ("87 percent backed the strike, on a turnout of 71
        percent" beside three reports of the 87 percent)."""
        others = set().union(*(f for o, f in figures.items() if o.article != s.article))
        return bool(figures[s] - others) and len(figures) > 1

    def cost(s: Sentence) -> tuple:
        loaded = sum(1 for a, start, end in labels if a == s.article and s.start <= start < s.end)
        quoted = sum(s.text.count(m) for m in _QUOTE_MARKS)
        # A sentence that says much its other sources do not ("..., but China, India and Russia refused to sign
        # it" beside "The pledge requires cutting emissions 30% by 2035") cites them for more than they say.
        # "He said the company would offer ..." leaves the reader to guess who "he" is.
        return (loaded, quoted, bool(_OPENING_PRONOUN.match(s.text)), figure_of_its_own(s),
                said_by_others(s) < _SAID_BY_OTHERS, abs(len(s.text) - 160))

    def in_quote(s: Sentence) -> bool:
        return any(a == s.article and start <= s.start and s.end <= end + 2 for a, start, end in quoted)

    # A sentence whose quotation marks do not pair up is part of a quotation that runs over sentences.
    candidates = [s for s in dict.fromkeys(candidates)
                  if 40 <= len(s.text) <= 320 and s.text[:1] not in _QUOTE_MARKS and not in_quote(s)
                  and balanced_quotes(s.text) == s.text]
    return min(candidates, key=cost) if candidates else None


def _title(analysis) -> str:
    from newsprism.title import event_title

    dates = sorted({a.published for a in analysis.articles if a.published})
    when = f" ({dates[0]}" + (f" to {dates[-1]})" if len(dates) > 1 else ")") if dates else ""
    return (event_title(analysis.articles) or f"{len(analysis.articles)} reports") + when


def _speakers(extraction, camps=None) -> list[SpeakerQuotes]:
    """Who said what, grouped by speaker, each with the camp the event places them in."""
    of_speaker = camps.of_speaker if camps else {}
    grouped: dict[str, list[Quote]] = defaultdict(list)
    for q in extraction.quotes:
        grouped[q.speaker].append(q)
    rows = [SpeakerQuotes(name, of_speaker.get(name), tuple(quotes)) for name, quotes in grouped.items()]
    rows.sort(key=lambda r: (r.side or "~", -len(r.quotes), r.speaker))
    return rows


def _numbers(extraction, conflicts) -> list[NumberRow]:
    from newsprism.conflicts import thing_key, written_head

    disputed = {thing_key(thing) for c in conflicts if c.kind == "numeric"
                for thing in c.about.removeprefix("the number of ").split(" / ")}
    grouped: dict[str, list] = defaultdict(list)
    for q in extraction.quantities:
        if q.of and q.of not in ("percent",):
            grouped[thing_key(q.of)].append(q)
    # Each row is named as the reports write the thing ("countries", not the key "countrie").
    # "no details", "no signs": a count of none is worth a row only beside a figure of the same thing.
    rows = [NumberRow(written_head(qs), tuple(qs), key in disputed) for key, qs in grouped.items()
            if any(q.value for q in qs)]
    rows.sort(key=lambda r: (not r.disputed, -len(r.quantities), r.thing))
    return rows
