"""Extraction over one event: every article parsed once, actors merged across them.

`extract(articles, nlp)` parses every body once (`nlp.pipe`), reads each
article, then merges actors across the whole event and resolves quote
speakers to them. Everything it returns carries offsets into article bodies.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from newsprism.extract.actors import find_mentions, merge_actors
from newsprism.extract.claims import find_claims
from newsprism.extract.dates import event_base_date, find_dates
from newsprism.extract.nlp import gazetteer
from newsprism.extract.quantities import find_quantities
from newsprism.extract.quotes import find_quotes, resolve_speakers
from newsprism.model import Actor, Article, Claim, Quantity, Quote, Sentence, TimeMention

__all__ = ["Extraction", "TimelineEntry", "extract"]

# A timeline entry needs a date resolved at least this surely (see TimeMention.confidence).
_TIMELINE_MIN_CONFIDENCE = 0.5


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """What happened on a day, as the sentences of the articles that say so."""

    date: str
    text: str
    articles: tuple[str, ...]
    article: str
    start: int
    end: int

    def to_record(self) -> dict:
        return {"date": self.date, "text": self.text, "articles": list(self.articles),
                "evidence": [{"article": self.article, "start": self.start, "end": self.end}]}


@dataclass(frozen=True, slots=True)
class Extraction:
    sentences: tuple[Sentence, ...]
    actors: tuple[Actor, ...]
    quotes: tuple[Quote, ...]
    quantities: tuple[Quantity, ...]
    times: tuple[TimeMention, ...]
    timeline: tuple[TimelineEntry, ...]
    claims: tuple[Claim, ...] = ()
    mention_actor: tuple[tuple[str, int, int, str], ...] = ()  # (article, start, end, actor id)

    def sentences_of(self, article: str) -> list[Sentence]:
        return [s for s in self.sentences if s.article == article]

    def claim_actors(self) -> list[frozenset[str]]:
        """The actors mentioned inside each claim, in claim order."""
        by_article: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for article, start, end, actor_id in self.mention_actor:
            by_article[article].append((start, end, actor_id))
        return [frozenset(a for s, e, a in by_article.get(c.article, ()) if c.start <= s and e <= c.end)
                for c in self.claims]


def extract(articles: Sequence[Article], nlp, batch_size: int = 16) -> Extraction:
    """Parse each article once and read everything the later stages need."""
    gaz = gazetteer()
    docs = list(nlp.pipe((a.body for a in articles), batch_size=batch_size))
    sentences: list[Sentence] = []
    mentions = []
    raw_quotes = {}
    quantities: list[Quantity] = []
    own_dates = [date.fromisoformat(a.published) for a in articles if a.published]
    event_date = event_base_date(own_dates)
    times: list[TimeMention] = []
    claims: list[Claim] = []
    for article, doc in zip(articles, docs):
        claims += find_claims(doc, article.id)
        sentences += [_sentence(article.id, i, s) for i, s in enumerate(_content_sentences(doc))]
        mentions += find_mentions(doc, article.id, gaz)
        raw_quotes[article.id] = find_quotes(doc, article.id)
        quantities += find_quantities(doc, article.id)
        base = date.fromisoformat(article.published) if article.published else event_date
        times += find_dates(doc, article.id, base, base_is_own=article.published is not None)
    actors, index = merge_actors(mentions)
    by_id = {a.id: a for a in actors}
    spans_by_article: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for (art, start, end), actor_id in index.items():
        spans_by_article[art].append((start, end, actor_id))

    def actor_at(article_id: str, start: int, end: int):
        for s, e, actor_id in spans_by_article.get(article_id, ()):
            if s < end and start < e:
                return actor_id, by_id[actor_id].name
        return None

    quotes: list[Quote] = []
    for article in articles:
        quotes += resolve_speakers(raw_quotes[article.id], article.body, actor_at)
    timeline = _timeline(times, sentences)
    mention_actor = tuple(sorted((art, start, end, actor_id) for (art, start, end), actor_id in index.items()))
    return Extraction(tuple(sentences), tuple(actors), tuple(quotes), tuple(quantities), tuple(times), timeline,
                      tuple(claims), mention_actor)


def _content_sentences(doc):
    return [s for s in doc.sents if s.text.strip()]


def _sentence(article: str, index: int, span) -> Sentence:
    """A sentence without surrounding whitespace, its offsets matching its text."""
    text = span.text
    start = span.start_char + len(text) - len(text.lstrip())
    stripped = text.strip()
    return Sentence(article, index, start, start + len(stripped), stripped)


def _timeline(times: list[TimeMention], sentences: list[Sentence]) -> tuple[TimelineEntry, ...]:
    """Day-dated sentences, one entry per (day, sentence), in date order."""
    by_article: dict[str, list[Sentence]] = defaultdict(list)
    for s in sentences:
        by_article[s.article].append(s)
    entries: dict[tuple[str, str, int], TimelineEntry] = {}
    for t in times:
        if not t.date or t.granularity != "day" or t.confidence < _TIMELINE_MIN_CONFIDENCE:
            continue
        sentence = next((s for s in by_article[t.article] if s.start <= t.start < s.end), None)
        if sentence is None:
            continue
        key = (t.date, t.article, sentence.start)
        entries.setdefault(key, TimelineEntry(t.date, sentence.text, (t.article,), t.article,
                                              sentence.start, sentence.end))
    return tuple(sorted(entries.values(), key=lambda e: (e.date, e.article, e.start)))
