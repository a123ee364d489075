"""Extraction over one event: every article parsed once, actors merged across them.

`extract(articles, nlp)` parses every body once (`nlp.pipe`), reads each
article, then merges actors across the whole event and resolves quote
speakers to them. Everything it returns carries offsets into article bodies.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from newsprism.extract.actors import find_mentions, merge_actors
from newsprism.extract.claims import find_claims
from newsprism.extract.dates import event_base_date, find_dates
from newsprism.extract.nlp import gazetteer
from newsprism.extract.quantities import find_quantities
from newsprism.extract.quotes import RawQuote, find_quotes, resolve_speakers
from newsprism.extract.windows import WINDOW_CHARS, windows
from newsprism.model import Actor, Article, Claim, Phrase, Quantity, Quote, Sentence, Skipped, TimeMention

__all__ = ["Extraction", "TimelineEntry", "extract"]

# Windows parsed together hold at most this many characters: a batch of docs
# is what the parser keeps in memory at once (about 100 MB per 100,000 characters).
_BATCH_CHARS = 200_000
# Below this many characters in all, the articles are read in this process alone: a copy of it costs
# more than it saves (two articles, medians of 7-15 runs on two cores: 2,000 characters 0.067 s alone and
# 0.083 s with a copy; 3,000 0.153 / 0.090 s; 12,000 0.301 / 0.220 s).
_FORK_MIN_CHARS = 4_000
# A copy reading a share answers within this many seconds more than four times what this process took
# for its own share, or is stopped and its share read here.
_COPY_PATIENCE = 30.0
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
    skipped: tuple[Skipped, ...] = ()  # articles whose reading failed, left out of everything above
    left_out: tuple[str, ...] = ()  # their ids
    phrases: tuple[Phrase, ...] = ()  # noun phrases, for the word-choice comparison

    def only(self, ids: set[str]) -> Extraction:
        """The extraction restricted to the articles `ids`: what a stage sees of a subset."""
        def keep(records):
            return tuple(r for r in records if r.article in ids)

        actors = tuple(a for a in self.actors if not a.mentions or any(m.article in ids for m in a.mentions))
        return Extraction(keep(self.sentences), actors, keep(self.quotes), keep(self.quantities), keep(self.times),
                          tuple(t for t in self.timeline if t.article in ids), keep(self.claims),
                          tuple(m for m in self.mention_actor if m[0] in ids), self.skipped, self.left_out,
                          keep(self.phrases))

    def sentences_of(self, article: str) -> list[Sentence]:
        return [s for s in self.sentences if s.article == article]

    def claim_actors(self) -> list[frozenset[str]]:
        """The actors mentioned inside each claim, in claim order."""
        by_article: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for article, start, end, actor_id in self.mention_actor:
            by_article[article].append((start, end, actor_id))
        return [frozenset(a for s, e, a in by_article.get(c.article, ()) if c.start <= s and e <= c.end)
                for c in self.claims]


def extract(articles: Sequence[Article], nlp, batch_size: int = 16, window: int = WINDOW_CHARS,
            processes: int = 1) -> Extraction:
    """Parse each article once and read everything the later stages need.

    A body longer than `window` characters is parsed in pieces (`windows`) whose
    findings are moved back to body offsets. An article whose reading fails is
    left out and listed in `skipped` with the reason; the others are read.
    `processes` above 1 reads shares of the articles in copies of this process
    (`_read_in_copies`; on Linux, where a copy shares the loaded model)."""
    gaz = gazetteer()
    own_dates = [d for d in (_day(a.published) for a in articles) if d]
    event_date = event_base_date(own_dates)

    def read(share: Sequence[Article]) -> tuple[dict[str, _Reading], dict[str, str]]:
        return _read_all(share, nlp, gaz, event_date, batch_size, window)

    if processes > 1 and len(articles) > 1 and sys.platform == "linux" and \
            sum(len(a.body) for a in articles) >= _FORK_MIN_CHARS:
        readings, failures = _read_in_copies(articles, processes, read)
    else:
        readings, failures = read(articles)
    skipped = [Skipped(a.source, f"analysis failed and the article was left out ({failures[a.id]})")
               for a in articles if a.id in failures]
    kept = [a for a in articles if a.id in readings]
    sentences: list[Sentence] = []
    mentions = []
    quantities: list[Quantity] = []
    times: list[TimeMention] = []
    claims: list[Claim] = []
    phrases: list[Phrase] = []
    for article in kept:
        reading = readings[article.id]
        phrases += reading.phrases
        sentences += reading.sentences
        mentions += reading.mentions
        quantities += reading.quantities
        times += reading.times
        claims += reading.claims
    actors, index = merge_actors(mentions)
    by_id = {a.id: a for a in actors}
    spans_by_article: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for (art, start, end), actor_id in index.items():
        spans_by_article[art].append((start, end, actor_id))

    # A speaker the small model tagged as an organisation under a person's surname ("Trump said", ORG)
    # is that person: the person actors by surname, the most mentioned where two share one.
    by_surname: dict[str, Actor] = {}
    for actor in sorted((a for a in actors if a.type == "person" and len(a.name.split()) >= 2),
                        key=lambda a: len(a.mentions)):
        by_surname[actor.name.split()[-1]] = actor

    def actor_at(article_id: str, start: int, end: int):
        for s, e, actor_id in spans_by_article.get(article_id, ()):
            if s < end and start < e:
                actor = by_id[actor_id]
                if actor.type != "person" and actor.name in by_surname:
                    actor = by_surname[actor.name]
                return actor.id, actor.name
        return None

    quotes: list[Quote] = []
    for article in kept:
        quotes += resolve_speakers(readings[article.id].quotes, article.body, actor_at,
                                   actor_named=lambda name: person_named(actors, name))
    timeline = _timeline(times, sentences)
    mention_actor = tuple(sorted((art, start, end, actor_id) for (art, start, end), actor_id in index.items()))
    return Extraction(tuple(sentences), tuple(actors), tuple(quotes), tuple(quantities), tuple(times), timeline,
                      tuple(claims), mention_actor, tuple(skipped),
                      tuple(a.id for a in articles if a.id not in readings), tuple(phrases))


_TITLE_WORDS = {"representative", "senator", "congressman", "congresswoman", "governor", "mayor", "president",
                "minister", "secretary", "chairman", "chairwoman", "general", "judge", "ambassador", "director",
                "prime", "foreign", "former", "deputy", "sir", "dame", "lord", "lady", "mr", "mrs", "ms", "dr"}


def person_named(actors: Sequence[Actor], name: str) -> tuple[str, str] | None:
    """(id, name) of the person of the event a name no mention covers stands for: by surname where one
    person of the event bears it ("Cummings"), by given name and surname where several do ("Woody
    Johnson", not Boris; "Representative Elijah Cummings" is Elijah E. Cummings); else None."""
    words = [w for w in name.replace("’s", "").replace("'s", "").split()
             if not w.endswith(".") and w.lower() not in _TITLE_WORDS]  # "Mr.", "Rep.", "Representative"
    if not words:
        return None
    people = [a for a in actors if a.type == "person" and len(a.name.split()) >= 2 and a.name.split()[-1] == words[-1]]
    if len(words) >= 2:
        people = [a for a in people if words[-2] in a.name.split()]
    return (people[0].id, people[0].name) if len(people) == 1 else None


@dataclass(slots=True)
class _Reading:
    """What one article yields, in body offsets."""

    sentences: list[Sentence]
    mentions: list
    quotes: list[RawQuote]
    quantities: list[Quantity]
    times: list[TimeMention]
    claims: list[Claim]
    phrases: list[Phrase] = field(default_factory=list)


def _read_in_copies(articles: Sequence[Article], processes: int, read: Callable) -> tuple[dict, dict]:
    """`read` over the articles in `processes` shares of about equal length: this process reads the
    first, forked copies of it the others, each sending back its readings (the loaded model is shared,
    not loaded again: the seeds' five articles 0.73 -> 0.47 s on two cores). A share whose copy could
    not start, fails, dies or does not answer in time is read here."""
    shares = _shares(articles, processes)
    copies = [_start_copy(share, read) for share in shares[1:]]
    answers: list = []
    try:
        started = time.monotonic()
        readings, failures = read(shares[0])
        patience = _COPY_PATIENCE + 4 * (time.monotonic() - started)
        for copy in copies:
            answers.append(_answer(*copy, patience) if copy is not None else None)
    finally:  # interrupted (Ctrl-C, or this process's own share raised): no copy left behind
        for copy in copies[len(answers):]:
            if copy is not None:
                _stop(*copy)
    for share, answer in zip(shares[1:], answers):
        more_readings, more_failures = answer if answer is not None else read(share)
        readings.update(more_readings)
        failures.update(more_failures)
    return readings, failures


def _shares(articles: Sequence[Article], count: int) -> list[list[Article]]:
    """The articles in `count` shares (none empty) of about equal length, longest articles placed first."""
    shares: list[list[Article]] = [[] for _ in range(min(count, len(articles)))]
    sizes = [0] * len(shares)
    for article in sorted(articles, key=lambda a: -len(a.body)):
        k = sizes.index(min(sizes))
        shares[k].append(article)
        sizes[k] += len(article.body)
    return shares


def _start_copy(share: Sequence[Article], read: Callable) -> tuple[int, int] | None:
    """(process id, pipe to read from) of a copy of this process reading `share`, or None."""
    try:
        reading_end, writing_end = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the copy: read, send, and leave without the parent's exit handlers or buffers
        code = 1
        try:
            os.close(reading_end)
            payload = pickle.dumps(read(share), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writing_end, "wb") as pipe:
                pipe.write(payload)
            code = 0
        finally:
            os._exit(code)
    os.close(writing_end)
    return pid, reading_end


def _stop(pid: int, reading_end: int) -> None:
    """Stop a copy whose answer is no longer awaited."""
    for step in (lambda: os.kill(pid, signal.SIGKILL), lambda: os.waitpid(pid, 0), lambda: os.close(reading_end)):
        try:
            step()
        except OSError:  # already gone, or already closed
            pass


def _answer(pid: int, reading_end: int, patience: float):
    """What the copy sent, or None when it failed, died or took longer than `patience` seconds (then
    it is stopped)."""
    chunks, deadline, complete = [], time.monotonic() + patience, False
    with os.fdopen(reading_end, "rb", buffering=0) as pipe:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([pipe], [], [], left)[0]:
                os.kill(pid, signal.SIGKILL)
                break
            chunk = pipe.read(1 << 20)
            if not chunk:
                complete = True
                break
            chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    if not complete or os.waitstatus_to_exitcode(status) != 0:
        return None
    try:
        return pickle.loads(b"".join(chunks))  # noqa: S301 - our own copy's records, over our own pipe
    except Exception:  # noqa: BLE001 - cut short: the share is read here instead
        return None


def _read_all(articles: Sequence[Article], nlp, gaz, event_date: date | None, batch_size: int,
              window: int) -> tuple[dict[str, _Reading], dict[str, str]]:
    """Every article read window by window, each doc read as soon as it is parsed and then let go.

    Windows go through `nlp.pipe` in batches of at most `batch_size` windows and
    `_BATCH_CHARS` characters, so memory stays flat however long the articles.
    A batch the pipeline fails on is parsed again one window at a time, so only
    the article whose text fails is marked; so is one whose reading fails. A
    failure is kept as its reason ("ValueError: ...")."""
    readings = {a.id: _Reading([], [], [], [], [], []) for a in articles}
    failures: dict[str, Exception] = {}
    bases = {a.id: (_day(a.published) or event_date, _day(a.published) is not None) for a in articles}
    items = [(a, start, a.body[start:end]) for a in articles for start, end in windows(a.body, window)]

    def read(article: Article, start: int, doc) -> None:
        if article.id in failures:
            return
        try:
            _read_window(readings[article.id], article, start, doc, gaz, *bases[article.id])
        except Exception as exc:  # noqa: BLE001 - one article's failure must not stop the others
            failures[article.id] = exc

    for batch in _batches(items, batch_size):
        live = [item for item in batch if item[0].id not in failures]
        try:
            docs = list(nlp.pipe((text for _, _, text in live), batch_size=len(live) or 1))
        except Exception:  # noqa: BLE001 - find the window that fails, keep the rest
            docs = None
        for i, (article, start, text) in enumerate(live):
            if docs is not None:
                doc = docs[i]
            else:
                try:
                    doc = nlp(text)
                except Exception as exc:  # noqa: BLE001
                    failures.setdefault(article.id, exc)
                    continue
            read(article, start, doc)
        del docs
    reasons = {k: f"{type(exc).__name__}: {_short(exc)}" for k, exc in failures.items()}
    return {k: v for k, v in readings.items() if k not in failures}, reasons


def _batches(items: list, batch_size: int):
    batch, chars = [], 0
    for item in items:
        if batch and (len(batch) >= batch_size or chars + len(item[2]) > _BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += len(item[2])
    if batch:
        yield batch


def _read_window(reading: _Reading, article: Article, start: int, doc, gaz, base: date | None,
                 base_is_own: bool) -> None:
    """One window's findings added to the article's, every offset moved to the body."""
    first_sentence = len(reading.sentences)
    reading.claims += [replace(c, start=c.start + start, end=c.end + start, sentence=c.sentence + first_sentence)
                       for c in find_claims(doc, article.id)]
    reading.sentences += [_sentence(article.id, first_sentence + i, s, start)
                          for i, s in enumerate(_content_sentences(doc))]
    reading.mentions += [replace(m, mention=_moved(m.mention, start)) for m in find_mentions(doc, article.id, gaz)]
    reading.quotes += [_moved_quote(q, start) for q in find_quotes(doc, article.id)]
    reading.quantities += [_moved(q, start) for q in find_quantities(doc, article.id)]
    reading.times += [_moved(t, start) for t in find_dates(doc, article.id, base, base_is_own=base_is_own)]
    reading.phrases += [_moved(p, start) for p in _phrases(doc, article.id)]


def _phrases(doc, article: str) -> list[Phrase]:
    """Noun phrases headed by a noun, pronouns left out."""
    found = []
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.pos_ not in ("NOUN", "PROPN") or len(chunk) > 8:
            continue
        found.append(Phrase(article, chunk.start_char, chunk.end_char, chunk.text, root.lemma_.lower(),
                            root.pos_ == "PROPN"))
    return found


def _moved(record, shift: int):
    return record if not shift else replace(record, start=record.start + shift, end=record.end + shift)


def _moved_quote(quote: RawQuote, shift: int) -> RawQuote:
    if not shift:
        return quote
    speaker = quote.speaker
    if speaker.start >= 0:
        speaker = replace(speaker, start=speaker.start + shift, end=speaker.end + shift)
    return replace(quote, start=quote.start + shift, end=quote.end + shift, speaker=speaker)


def _day(published: str | None) -> date | None:
    """An article's date as a `date`; None when absent or not a calendar date."""
    try:
        return date.fromisoformat(published) if published else None
    except ValueError:
        return None


def _short(exc: BaseException, limit: int = 160) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _content_sentences(doc):
    return [s for s in doc.sents if s.text.strip()]


def _sentence(article: str, index: int, span, shift: int = 0) -> Sentence:
    """A sentence without surrounding whitespace, its offsets matching its text."""
    text = span.text
    start = shift + span.start_char + len(text) - len(text.lstrip())
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
