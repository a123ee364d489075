"""The stages wired together: what the CLI, the web app and batch jobs call.

Stages stay pure; this module only sequences them and collects what was
skipped, so one bad input never stops a run.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from pathlib import Path

from newsprism.clean import clean, unusable
from newsprism.errors import AnalysisError
from newsprism.model import Article, RawDocument, Skipped
from newsprism.read import ReadOptions, read_sources

__all__ = ["Analysis", "ReadOutcome", "analyze", "read_articles"]


@dataclass(frozen=True, slots=True)
class ReadOutcome:
    """Cleaned articles in input order (each once), and the inputs that were skipped."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]


def read_articles(
    sources: Iterable[str],
    options: ReadOptions = ReadOptions(),
    on_item: Callable[[RawDocument | Skipped], None] | None = None,
    stdin: object = None,
    outputs: Iterable[Path] = (),
) -> ReadOutcome:
    """Read and clean every source (but the files this run will write); the same article given twice is
    kept once."""
    articles: dict[str, Article] = {}
    skipped: list[Skipped] = []
    for item in read_sources(sources, options, stdin=stdin, outputs=outputs):
        if on_item:
            on_item(item)
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        article = clean(item)
        reason = unusable(article)
        if reason:
            skipped.append(Skipped(item.source, reason))
            continue
        articles.setdefault(article.id, article)
    return ReadOutcome(tuple(articles.values()), tuple(skipped))


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything known about one event's articles."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]
    extraction: object  # newsprism.extract.event.Extraction
    independence: object  # newsprism.dedupe.Independence
    alignment: object  # newsprism.align.Alignment
    conflicts: tuple = ()
    framing: object = None  # newsprism.frame.Framing
    not_analysed: tuple[Article, ...] = ()  # articles in languages the English models cannot read


def analyze(outcome: ReadOutcome, model: str = "sm", window: int | None = None,
            max_chars: int | None = None, processes: int = 1) -> Analysis:
    """Run the analysis stages over articles already read (models load on first use).

    `processes` above 1 parses and reads shares of the articles in forked copies of this process
    (`extract`): for a command on its own, not inside a server or a Dask worker, whose other threads a
    copy would not have.

    An article longer than `max_chars` is skipped with the reason; one whose
    reading fails is skipped by `extract`; when a stage over the whole event
    fails, the articles that fail it on their own are skipped and the stage runs
    again without them. Raises AnalysisError only when no article is left."""
    from newsprism.align import straight_quotes
    from newsprism.embed import load_embedder
    from newsprism.extract.event import extract
    from newsprism.extract.nlp import guess_sentences, load_nlp
    from newsprism.extract.windows import MAX_ARTICLE_CHARS, WINDOW_CHARS
    from newsprism.language import ANALYSED_LANGUAGES

    window = window or WINDOW_CHARS
    max_chars = max_chars or MAX_ARTICLE_CHARS
    skipped = list(outcome.skipped)
    readable = [a for a in outcome.articles if a.language is None or a.language in ANALYSED_LANGUAGES]
    readable_ids = {a.id for a in readable}
    others = tuple(a for a in outcome.articles if a.id not in readable_ids)
    for article in readable:
        if len(article.body) > max_chars:
            skipped.append(Skipped(article.source, f"article of {len(article.body):,} characters is longer than the "
                                                   f"{max_chars:,} analysed at most; left out (README: Resource limits)"))
    readable = [a for a in readable if len(a.body) <= max_chars]
    if outcome.articles and not readable and not others:
        raise AnalysisError("no article could be analysed: " + "; ".join(s.reason for s in skipped[-3:]))
    # The embedder loads on a thread of its own while spaCy loads (ONNX Runtime builds its session mostly
    # outside the GIL: loading both took 1.24 s against 1.53 s one after the other); if it cannot load,
    # its error is raised where it is asked for below.
    loader = ThreadPoolExecutor(1, thread_name_prefix="newsprism-load")
    loading = threading.Event()

    def load_and_warm():
        # Once loaded, and while spaCy still loads, the embedder encodes the sentences the parse will most
        # likely find, on a core that would idle otherwise; the claims take those vectors later (the
        # seeds' cold briefing about 0.25 s sooner). Nothing to do when spaCy is loaded already.
        embedder = load_embedder()
        if not loading.is_set():
            try:
                embedder.warm([straight_quotes(s) for a in readable for s in guess_sentences(a.body)], loading)
            except Exception:  # noqa: BLE001 - only time is lost: the claims are encoded when asked for
                pass
        return embedder

    embedder_loaded = loader.submit(load_and_warm)
    loader.shutdown(wait=False)
    try:
        nlp = load_nlp(model)
    finally:
        loading.set()
    wait([embedder_loaded])  # no thread encoding while the articles are parsed (or the copies fork)

    def read_all(arts):
        return extract(arts, nlp, window=window, processes=processes)

    try:
        extraction = read_all(readable)
    except Exception as exc:  # noqa: BLE001 - a failure across articles (actors merged, speakers resolved)
        extraction, failed = _without_failing(readable, read_all, exc)
        skipped += [s for _, s in failed]
        gone = {a.id for a, _ in failed}
        readable = [a for a in readable if a.id not in gone]
    skipped += extraction.skipped
    readable = [a for a in readable if a.id not in set(extraction.left_out)]
    if outcome.articles and not readable and not others:
        raise AnalysisError("no article could be analysed: " + "; ".join(s.reason for s in skipped[-3:]))
    if others:
        numbers_and_dates, failed = _numbers_and_dates(others, extraction)
        extraction = replace(extraction, **numbers_and_dates)
        skipped += failed
    embedder = embedder_loaded.result()

    def event_stages(arts):
        return _event_stages(arts, extraction.only({a.id for a in arts}), embedder)

    try:
        result = _event_stages(readable, extraction, embedder)
    except Exception as exc:  # noqa: BLE001 - find the articles that fail on their own, run without them
        result, failed = _without_failing(readable, event_stages, exc)
        skipped += [s for _, s in failed]
        gone = {a.id for a, _ in failed}
        readable = [a for a in readable if a.id not in gone]
        extraction = extraction.only({a.id for a in readable} | {a.id for a in others})
    articles, groups, alignment, conflicts, framing = result
    return Analysis(articles, tuple(skipped), extraction, groups, alignment, conflicts, framing, others)


def _event_stages(readable, extraction, embedder):
    """Independence, facts, conflicts and framing over the event's articles."""
    from newsprism.align import align, separate_conflicts
    from newsprism.conflicts import find_conflicts
    from newsprism.dedupe import independence
    from newsprism.frame import frame

    groups = independence(readable)
    articles = tuple(replace(a, duplicate_of=groups.duplicate_of.get(a.id)) for a in readable)
    alignment = align(articles, extraction.claims, embedder, groups, extraction.claim_actors())
    conflicts = tuple(find_conflicts(articles, extraction, alignment))
    alignment = separate_conflicts(alignment, conflicts, articles, groups)
    framing = frame(articles, extraction, alignment)
    return articles, groups, alignment, conflicts, framing


def _without_failing(readable, stage, first: Exception):
    """`stage(articles)` without the articles that make it fail on their own, and those articles
    as skips; AnalysisError when none fails alone or none is left."""
    failed = []
    for article in readable:
        try:
            stage([article])
        except Exception as exc:  # noqa: BLE001
            failed.append((article, Skipped(article.source, f"analysis failed and the article was left out "
                                                            f"({type(exc).__name__}: {_short(exc)})")))
    gone = {a.id for a, _ in failed}
    rest = [a for a in readable if a.id not in gone]
    if not failed or not rest:
        raise AnalysisError(f"the analysis failed ({type(first).__name__}: {_short(first)})") from None
    try:
        return stage(rest), failed
    except Exception as exc:  # noqa: BLE001
        raise AnalysisError(f"the analysis failed ({type(exc).__name__}: {_short(exc)})") from None


def _short(exc: BaseException, limit: int = 160) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _numbers_and_dates(articles, extraction) -> tuple[dict, list[Skipped]]:
    """What reading needs no English model for, in articles of other languages: numbers in digits,
    and dates written with digits or years (no counted nouns, no relative dates)."""
    import spacy

    from newsprism.extract.dates import find_dates
    from newsprism.extract.quantities import find_quantities
    from newsprism.extract.windows import windows

    tokenizer = spacy.blank("xx")
    quantities, times, failed = list(extraction.quantities), list(extraction.times), []
    for article in articles:
        base = _day(article.published)
        found_q, found_t = [], []
        try:
            for start, end in windows(article.body):
                doc = tokenizer(article.body[start:end])
                found_q += [replace(q, start=q.start + start, end=q.end + start)
                            for q in find_quantities(doc, article.id) if q.text[:1].isdigit() or q.text[:1] in "$£€"]
                found_t += [replace(t, start=t.start + start, end=t.end + start)
                            for t in find_dates(doc, article.id, base) if not t.relative]
        except Exception as exc:  # noqa: BLE001 - the article is listed without numbers and dates
            failed.append(Skipped(article.source, f"numbers and dates could not be read "
                                                  f"({type(exc).__name__}: {_short(exc)})"))
            continue
        quantities += found_q
        times += found_t
    return {"quantities": tuple(quantities), "times": tuple(times)}, failed


def _day(published: str | None):
    """An article's date as a `date`; None when absent or not a calendar date."""
    from datetime import date

    try:
        return date.fromisoformat(published) if published else None
    except ValueError:
        return None


def event_clusterer(embedder=None):
    """The `cluster` callback for `SqliteStore.ingest`: assign the added articles, then merge events that
    have grown together and split events whose members form two groups."""
    from newsprism.cluster import ClusterSettings, document_vectors

    settings = ClusterSettings()

    def cluster(added, load_events):
        nonlocal embedder
        if embedder is None:
            from newsprism.e5 import load_document_embedder

            embedder = load_document_embedder()
        return place_articles(added, document_vectors(added, embedder, settings), load_events, settings)

    return cluster


def place_articles(added, vectors, load_events, settings=None):
    """One ingest's clustering over vectors already computed: the added articles join events (those within
    the time window of the earliest one, or every event when one has no day), then merges, splits and moves.
    `load_events(since)` gives the live events; the batch runner calls this with its own in-memory state."""
    from datetime import date, timedelta

    from newsprism.cluster import ClusterSettings, EventChanges, assign, day_of, recheck

    settings = settings or ClusterSettings()
    # Only events within the time window of the earliest article can take new ones; one article
    # without any day means every event is a candidate (its content alone places it).
    days = [day_of(a, settings) for a in added]
    since = (min(date.fromisoformat(d) for d in days) - timedelta(days=settings.max_days)).isoformat() \
        if all(days) else None
    events = load_events(since)
    placed = assign(added, vectors, events, settings)
    current = {e.id: e for e in events} | {e.id: e for e in placed.events}
    rechecked, moved = recheck(list(current.values()), {e.id for e in placed.events}, settings)
    redirects = dict(rechecked.redirects)

    def final(event_id: str) -> str:
        while event_id in redirects:
            event_id = redirects[event_id]
        return event_id

    memberships = {a: final(e) for a, e in placed.memberships}
    memberships.update(moved)  # split off or rehomed, this batch's articles or earlier ones
    changed = {e.id: e for e in placed.events if e.id not in redirects} | {e.id: e for e in rechecked.events}
    return EventChanges(tuple(changed.values()), tuple(memberships.items()), rechecked.redirects,
                        placed.undated, placed.vectors)
