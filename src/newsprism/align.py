"""Facts across outlets: which claims of different articles report the same thing.

Claims (sentences and their clauses) are embedded with MiniLM. Each claim is
compared only with its nearest neighbours in other articles, found with a
usearch index, so the pairs compared grow with the number of claims, not its
square. A pair links when its cosine, lifted by the salient words and actors
the two share, clears a threshold — and never when the claims are pinned to
different years ("recognised Crimea in 2014" is not "recognised the regions").

Facts are grown as stars: the claim with the most cross-article links seeds a
fact, and from every other article the claim linked to it most strongly joins.
A fact's wording is its most central member, preferring the reporter's own
sentences over quotations. Status counts independent sources (wire copies and
near-duplicates once).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsprism.dedupe import Independence
from newsprism.model import Article, Claim

__all__ = ["Alignment", "AlignSettings", "Fact", "align", "fact_status"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_STOP = set("""a an the and or but if of to in on at by for with from into onto as is are was were be been being has
have had do does did will would shall should can could may might must not no nor so than that this these those
there their they them its it he she his her we our you your i me my who whom which what when where why how also
just only more most very over under after before while during about against between through up down out off
said says say told according since until then than once again further such own same other another some any
all both each few many much new last next first two three one""".split())


@dataclass(frozen=True, slots=True)
class AlignSettings:
    # Nearest neighbours looked at per claim; enough for every other article of a
    # large event to offer its best claim, small enough to keep pairs linear.
    neighbours: int = 12
    # Cosine + bonuses a pair needs to count as the same fact (tuned on the seeds'
    # gold facts; see tests/quality_baseline.json for what it must keep finding).
    link: float = 0.74
    word_bonus: float = 0.25   # times the IDF-weighted overlap of salient words
    actor_bonus: float = 0.05  # per shared actor that is not in most claims
    # A word both claims use that few claims of the event use (a key term such as
    # "sanctions" or "friendship") says more than the sentence vectors do when
    # outlets word the same fact differently; at most two count.
    key_bonus: float = 0.12
    key_share: float = 0.15    # a key term occurs in at most this share of the event's claims
    min_cosine: float = 0.45   # below this no bonus makes a link
    # Articles still missing from a fact join through a claim linked to this many of its members.
    votes_to_join: int = 99
    # A member whose mean cosine with the fact's other members falls below this leaves it:
    # a star's arms must agree with each other, not only with the seed.
    coherence: float = 0.5


@dataclass(frozen=True, slots=True)
class Evidence:
    article: str
    start: int
    end: int
    text: str

    def to_record(self) -> dict:
        return {"article": self.article, "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    text: str
    status: str
    independent_sources: int
    articles: tuple[str, ...]
    evidence: tuple[Evidence, ...]

    def to_record(self) -> dict:
        return {"id": self.id, "text": self.text, "status": self.status,
                "independent_sources": self.independent_sources, "articles": list(self.articles),
                "evidence": [e.to_record() for e in self.evidence]}


@dataclass(frozen=True, slots=True)
class Alignment:
    facts: tuple[Fact, ...]
    pairs_compared: int
    links: tuple[tuple[int, int, float], ...]  # (claim index, claim index, score)
    claims: tuple[Claim, ...]
    vectors: object  # np.ndarray of claim embeddings, row i for claims[i]


def fact_status(independent: int, total_independent: int) -> str:
    """consensus: every independent source (all but one from five up); corroborated: two or more."""
    if independent >= 2 and (independent == total_independent or (total_independent >= 5 and
                                                                    independent >= total_independent - 1)):
        return "consensus"
    return "corroborated" if independent >= 2 else "single_source"


def _content_words(text: str) -> set[str]:
    # Five-letter prefixes: "recognised" / "recognizing" / "recognition" meet.
    return {w.lower().replace("’", "'")[:5] for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 2}


def align(articles: Sequence[Article], claims: Sequence[Claim], embedder, independence: Independence,
          claim_actors: Sequence[frozenset[str]] = (), settings: AlignSettings = AlignSettings()) -> Alignment:
    """Facts from the claims of an event's articles."""
    claims = list(claims)
    if not claims:
        return Alignment((), 0, (), (), np.zeros((0, 384), dtype=np.float32))
    vectors = embedder.encode([_normalise(c.text) for c in claims])
    words = [_content_words(c.text) for c in claims]
    document_frequency = Counter(w for ws in words for w in ws)
    idf = {w: math.log(len(claims) / n) for w, n in document_frequency.items()}
    articles_using: dict[str, set[str]] = defaultdict(set)
    for claim, ws in zip(claims, words):
        for w in ws:
            articles_using[w].add(claim.article)
    key_terms = {w for w, n in document_frequency.items()
                 if n <= settings.key_share * len(claims) and len(articles_using[w]) >= 2}
    actors = list(claim_actors) if claim_actors else [frozenset()] * len(claims)
    actor_frequency = Counter(a for s in actors for a in s)
    common_actor = 0.25 * len(claims)
    years = [set(_YEAR.findall(c.text)) for c in claims]
    pairs, links = 0, []
    for i, j, cosine in _neighbour_pairs(claims, vectors, settings.neighbours):
        pairs += 1
        if cosine < settings.min_cosine or (years[i] ^ years[j] and (years[i] or years[j])):
            continue
        shared = words[i] & words[j]
        union = words[i] | words[j]
        overlap = sum(idf[w] for w in shared) / max(sum(idf[w] for w in union), 1e-9)
        rare_actors = [a for a in actors[i] & actors[j] if actor_frequency[a] < common_actor]
        keys = min(2, len(shared & key_terms))
        score = (cosine + settings.word_bonus * overlap + settings.actor_bonus * len(rare_actors)
                 + settings.key_bonus * keys)
        if score >= settings.link:
            links.append((i, j, round(float(score), 4)))
    facts = _stars(articles, claims, vectors, links, independence, settings)
    return Alignment(tuple(facts), pairs, tuple(links), tuple(claims), vectors)


def _normalise(text: str) -> str:
    return text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")


def _neighbour_pairs(claims: list[Claim], vectors: np.ndarray, k: int):
    """(i, j, cosine) for each claim's nearest neighbours in other articles, each pair once."""
    from usearch.index import Index

    index = Index(ndim=vectors.shape[1], metric="cos", dtype="f32")
    index.add(np.arange(len(claims)), vectors)
    # Ask for extra neighbours: some fall in the claim's own article and are dropped.
    wanted = min(len(claims), k * 3 + 1)
    found = index.search(vectors, wanted)
    seen = set()
    for i in range(len(claims)):
        keys, distances = found.keys[i], found.distances[i]
        taken = 0
        for key, distance in zip(keys, distances):
            j = int(key)
            if j == i or claims[j].article == claims[i].article or j < 0 or j >= len(claims):
                continue
            pair = (min(i, j), max(i, j))
            if pair not in seen:
                seen.add(pair)
                yield pair[0], pair[1], 1.0 - float(distance)
            taken += 1
            if taken >= k:
                break


def _stars(articles, claims, vectors, links, independence: Independence, settings: AlignSettings) -> list[Fact]:
    adjacency: dict[int, dict[int, float]] = defaultdict(dict)
    for i, j, score in links:
        adjacency[i][j] = score
        adjacency[j][i] = score
    total = len(independence.groups)
    order = {a.id: n for n, a in enumerate(articles)}
    members_of: set[int] = set()
    taken_sentences: list[set[tuple[str, int]]] = []
    seeds = sorted(adjacency, key=lambda i: (-len({claims[j].article for j in adjacency[i]}),
                                             -sum(adjacency[i].values()), i))
    facts: list[Fact] = []
    for seed in seeds:
        if seed in members_of:
            continue
        members = _prune(_grow(seed, adjacency, claims, settings.votes_to_join), vectors, settings.coherence)
        if len({claims[m].article for m in members}) < 2:
            continue
        sentences = {(claims[m].article, claims[m].sentence) for m in members}
        if any(len(sentences & other) * 2 >= len(sentences) for other in taken_sentences):
            continue  # the same fact again, seeded from another of its sentences
        taken_sentences.append(sentences)
        members_of.update(members)
        facts.append(_fact(members, claims, vectors, independence, total, order))
    covered = {(claims[m].article, claims[m].sentence) for f in facts for m in _member_indices(f, claims)}
    for i, claim in enumerate(claims):
        if claim.whole and (claim.article, claim.sentence) not in covered:
            facts.append(_fact([i], claims, vectors, independence, total, order))
    return facts


def _grow(seed: int, adjacency: dict[int, dict[int, float]], claims: list[Claim], votes_to_join: int) -> list[int]:
    """The seed, the claim of each other article linked to it most strongly, then claims of
    articles still missing that link to two members already in (a link to the seed alone
    is not needed where the fact is worded differently across outlets)."""
    best: dict[str, tuple[float, int]] = {}
    for j, score in adjacency[seed].items():
        article = claims[j].article
        if article != claims[seed].article and score > best.get(article, (0.0, -1))[0]:
            best[article] = (score, j)
    members = [seed] + [j for _, j in best.values()]
    present = {claims[m].article for m in members}
    votes: dict[int, int] = defaultdict(int)
    for m in members[1:]:
        for j in adjacency[m]:
            if claims[j].article not in present:
                votes[j] += 1
    added: dict[str, int] = {}
    for j, n in sorted(votes.items(), key=lambda kv: -kv[1]):
        if n >= votes_to_join and claims[j].article not in added:
            added[claims[j].article] = j
    return members + list(added.values())


def _prune(members: list[int], vectors, coherence: float) -> list[int]:
    """Drop, one at a time, the member least like the others while it is below `coherence`."""
    members = list(members)
    while len(members) > 2:
        block = vectors[members]
        similarity = block @ block.T
        mean = (similarity.sum(axis=1) - 1.0) / (len(members) - 1)
        worst = int(np.argmin(mean[1:])) + 1  # the seed (first) stays
        if mean[worst] >= coherence:
            break
        members.pop(worst)
    return members


def _member_indices(fact: Fact, claims: list[Claim]) -> list[int]:
    spans = {(e.article, e.start, e.end) for e in fact.evidence}
    return [i for i, c in enumerate(claims) if (c.article, c.start, c.end) in spans]


def _fact(members: list[int], claims, vectors, independence: Independence, total: int, order) -> Fact:
    members = sorted(set(members), key=lambda m: (order.get(claims[m].article, 0), claims[m].start))
    centre = vectors[members].mean(axis=0)
    quoted = lambda c: c.text.lstrip()[:1] in "\"“'‘"
    wording = max(members, key=lambda m: (float(vectors[m] @ centre) - 0.1 * quoted(claims[m])
                                          - 0.0005 * len(claims[m].text)))
    article_ids = tuple(dict.fromkeys(claims[m].article for m in members))
    independent = independence.count(article_ids)
    evidence = tuple(Evidence(claims[m].article, claims[m].start, claims[m].end, claims[m].text) for m in members)
    first = claims[members[0]]
    return Fact(f"F{first.article[:6]}-{first.start}", claims[wording].text, fact_status(independent, total),
                independent, article_ids, evidence)
