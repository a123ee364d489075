"""Independence: which articles are copies of one report.

Two ways an article is not an independent source: it is a near-duplicate of
another (MinHash LSH over word shingles of the cleaned body finds outlets
rerunning one text, with or without edits), or it is a copy of a wire story
that another article of the event also carries (the same agency in `wire`).
Each group of copies counts once; the report says who was folded into whom
and why.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Independence", "SourceGroup", "independence"]

# Word 5-grams: long enough that shared stock phrases do not make two reports
# look alike, short enough that light edits leave most shingles intact.
SHINGLE_WORDS = 5
NUM_PERM = 128
# Estimated Jaccard similarity of shingle sets above which two bodies are one text.
NEAR_DUPLICATE = 0.5
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class SourceGroup:
    """Articles that count as one independent source."""

    articles: tuple[str, ...]
    reason: str  # "independent", "near-duplicate", "wire copies of <agency>", or both


@dataclass(frozen=True, slots=True)
class Independence:
    groups: tuple[SourceGroup, ...]
    duplicate_of: dict[str, str]  # folded article id -> the group's first article

    def group_of(self, article: str) -> int:
        for i, group in enumerate(self.groups):
            if article in group.articles:
                return i
        raise KeyError(article)

    def count(self, articles) -> int:
        """Independent sources among these articles."""
        return len({self.group_of(a) for a in articles})


def _shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)}


def independence(articles: Sequence) -> Independence:
    """Group an event's articles into independent sources (input order decides who is first)."""
    from datasketch import MinHash, MinHashLSH

    parent = {a.id: a.id for a in articles}
    reasons: dict[str, set[str]] = {a.id: set() for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str, reason: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            first, second = sorted((ra, rb), key=order.__getitem__)
            parent[second] = first
            reasons[first] |= reasons.pop(second, set())
        reasons[find(a)].add(reason)

    order = {a.id: i for i, a in enumerate(articles)}
    lsh = MinHashLSH(threshold=NEAR_DUPLICATE, num_perm=NUM_PERM)
    signatures = {}
    for article in articles:
        signature = MinHash(num_perm=NUM_PERM)
        signature.update_batch(list(_shingles(article.body)))
        # LSH finds candidates (bands that happen to collide too); the estimate decides.
        for other in lsh.query(signature):
            if signatures[other].jaccard(signature) >= NEAR_DUPLICATE:
                union(other, article.id, "near-duplicate")
        lsh.insert(article.id, signature)
        signatures[article.id] = signature
    by_wire: dict[str, str] = {}
    for article in articles:
        if article.wire:
            if article.wire in by_wire:
                union(by_wire[article.wire], article.id, f"wire copies of {article.wire}")
            else:
                by_wire[article.wire] = article.id
    members: dict[str, list[str]] = {}
    for article in articles:
        members.setdefault(find(article.id), []).append(article.id)
    groups = tuple(
        SourceGroup(tuple(ids), " and ".join(sorted(reasons.get(root) or {"independent"})))
        for root, ids in sorted(members.items(), key=lambda kv: order[kv[0]]))
    duplicate_of = {aid: group.articles[0] for group in groups for aid in group.articles[1:]}
    return Independence(groups, duplicate_of)
