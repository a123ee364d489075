"""Independence: which articles are copies of one report.

Two ways an article is not an independent source: it is a near-duplicate of
another (MinHash LSH over word shingles of the cleaned body finds outlets
rerunning one text, with or without edits), or it is a copy of a wire story
that another article of the event also carries (the same agency in `wire`).
Each group of copies counts once; the report says who was folded into whom
and why.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["Independence", "SourceGroup", "band_keys", "estimated_jaccard", "independence", "signature"]

# Word 5-grams: long enough that shared stock phrases do not make two reports
# look alike, short enough that light edits leave most shingles intact.
SHINGLE_WORDS = 5
NUM_PERM = 128
# Estimated Jaccard similarity of shingle sets above which two bodies are one text.
NEAR_DUPLICATE = 0.5
# LSH bands of the signature: two bodies at Jaccard 0.5 share a band with probability 1-(1-0.5^5)^25 = 0.55,
# at 0.7 with 0.98, at 0.3 with 0.06 (the estimate then decides).
BANDS, ROWS = 25, 5
_WORD = re.compile(r"\w+", re.UNICODE)
# One seed per permutation: a shingle's 64-bit SHA-1 prefix, xor the seed, through MurmurHash3's 64-bit
# finaliser, top 32 bits. (Affine maps modulo 2^32 are cheaper but too regular for minima: they
# overestimated the similarity of short texts by about 0.1.)
_SEEDS = np.random.RandomState(1).randint(0, 1 << 63, size=NUM_PERM, dtype=np.uint64)


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


def signature(shingles: set[bytes]) -> np.ndarray:
    """The MinHash signature of a set of shingles: `NUM_PERM` 32-bit minima."""
    if not shingles:
        return np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    hashed = np.frombuffer(b"".join(hashlib.sha1(s).digest()[:8] for s in shingles), dtype="<u8")
    mixed = _fmix64(hashed[:, None] ^ _SEEDS[None, :])
    return (mixed.min(axis=0) >> np.uint64(32)).astype(np.uint32)


def _fmix64(h: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint64(33))
        h = h * np.uint64(0xFF51AFD7ED558CCD)
        h = h ^ (h >> np.uint64(33))
        h = h * np.uint64(0xC4CEB9FE1A85EC53)
        return h ^ (h >> np.uint64(33))


def estimated_jaccard(one: np.ndarray, other: np.ndarray) -> float:
    return float(np.count_nonzero(one == other)) / len(one)


def band_keys(values: np.ndarray) -> list[int]:
    """One 64-bit key per LSH band (the band's number mixed in, so equal rows of different bands differ)."""
    return [int.from_bytes(hashlib.blake2b(values[b * ROWS:(b + 1) * ROWS].tobytes(), digest_size=8,
                                           person=b.to_bytes(2, "little")).digest(), "little", signed=True)
            for b in range(BANDS)]


def independence(articles: Sequence) -> Independence:
    """Group an event's articles into independent sources (input order decides who is first)."""
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
    signatures: dict[str, np.ndarray] = {}
    by_band: dict[int, list[str]] = {}
    for article in articles:
        values = signature(_shingles(article.body))
        keys = band_keys(values)
        # LSH finds candidates (bands that happen to collide too); the estimate decides.
        for other in dict.fromkeys(other for key in keys for other in by_band.get(key, ())):
            if estimated_jaccard(signatures[other], values) >= NEAR_DUPLICATE:
                union(other, article.id, "near-duplicate")
        for key in keys:
            by_band.setdefault(key, []).append(article.id)
        signatures[article.id] = values
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
