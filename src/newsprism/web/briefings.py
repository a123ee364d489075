"""Briefings of stored events: from the store's cache, or computed by the one analysis
(`pipeline.analyze`, `brief`) and rendered by the one renderer table (`render`), then cached.

The cache key is the same fingerprint `newsprism show` uses (a hash of the event's article ids),
so the CLI and the web app share cached briefings, and a changed event is recomputed.
"""

from __future__ import annotations

import hashlib

__all__ = ["FORMATS", "cached", "cached_events", "compute_briefings", "current_key", "fingerprint", "is_cached"]

#: What the web app shows: the page (`--format html`) and the report contract (`--format json`).
FORMATS = ("html", "json")


def fingerprint(articles) -> str:
    return _key([a.id for a in articles])


def _key(article_ids) -> str:
    return hashlib.sha256("\n".join(article_ids).encode()).hexdigest()[:16]


def cached(store, event_id: str, fmt: str) -> str | None:
    """The event's briefing in `fmt` when the cache holds it for the event's current articles."""
    return store.cached_briefing(event_id, fmt, current_key(store, event_id))


def is_cached(store, event_id: str, fmt: str = "html") -> bool:
    """Whether `cached` would find the briefing, without reading it."""
    return store.briefing_fingerprint(event_id, fmt) == current_key(store, event_id)


def cached_events(store, fmt: str = "html") -> set[str]:
    """The events whose briefing `is_cached` (in two queries for every event, not two per event)."""
    members: dict[str, list[str]] = {}
    for event_id, article_id in store.event_members():
        members.setdefault(event_id, []).append(article_id)
    return {e for e, key in store.briefing_fingerprints(fmt).items() if e in members and key == _key(members[e])}


def current_key(store, event_id: str) -> str:
    return _key([a for a, _ in store.event_article_outlets(event_id)])


def compute_briefings(store, event_id: str) -> None:
    """Analyse the event once and cache every format the web app shows (skipped when cached)."""
    from newsprism.brief import brief
    from newsprism.pipeline import ReadOutcome, analyze
    from newsprism.render import render

    articles = store.event_articles(event_id)
    if not articles:
        return
    key = fingerprint(articles)
    if all(store.cached_briefing(event_id, fmt, key) is not None for fmt in FORMATS):
        return
    briefing = brief(analyze(ReadOutcome(tuple(articles), ())))
    for fmt in FORMATS:
        store.store_briefing(event_id, fmt, key, render(briefing, fmt))
