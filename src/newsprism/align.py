"""Facts across outlets: which claims of different articles report the same thing.

Claims (sentences and their clauses) are embedded with MiniLM. Each claim is
compared only with its nearest neighbours in other articles (exact cosines,
taken in blocks), so the pairs scored grow with the number of claims, not its
square. A pair links when the pair classifier of `links.py` finds the two
likely to state one fact — and never when the claims are pinned to different
years ("recognised Crimea in 2014" is not "recognised the regions").

Facts are grown as stars: the claim with the most cross-article links seeds a
fact, and from every other article the claim linked to it most strongly joins;
members that do not agree with the others on average leave, articles still
missing join through the members they agree with (and through a later star that
repeats the fact from another of its sentences), and a member that contradicts
another leaves (a disagreement is a conflict, not a fact). A fact's wording is its most central member, preferring the reporter's own
sentences over quotations. Status counts independent sources (wire copies and
near-duplicates once).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from newsprism.dedupe import Independence
from newsprism.links import YEAR, LinkModel, PairFeatures, link_probability, load_link_model
from newsprism.model import Article, Claim

__all__ = ["Alignment", "AlignSettings", "Fact", "align", "balanced_quotes", "candidate_pairs", "claim_text",
           "fact_status", "nearest", "separate_conflicts", "straight_quotes"]

_NEAREST_CELLS = 4_000_000  # cosines held at once by `nearest` (32 MB of float64)


@dataclass(frozen=True, slots=True)
class AlignSettings:
    # Nearest neighbours looked at per claim; enough for every other article of a
    # large event to offer its best claim, small enough to keep pairs linear.
    neighbours: int = 12
    # Probability (from the pair classifier in links.py) that two claims state one fact, for a link.
    # Chosen with `coherence` on every labelled event together (the four dev events and the seeds) for
    # the harmonic mean of fact recall and precision, with claims from sentences and their adverbial,
    # coordinated, reported, infinitive and relative clauses (participle and prepositional clauses left
    # out, 2026-12-03). Dev recall/precision (harmonic mean) of `align` alone, before conflicts are taken
    # out, and the seeds' mean coverage of their facts:
    # coherence 0.50: link 0.42 0.666/0.776 (0.717) 0.643, 0.46 0.661/0.819 (0.731) 0.643, 0.50 0.639/0.805
    # (0.713) 0.643, 0.54 0.639/0.831 (0.723) 0.614; 0.55: 0.42 0.661/0.779 (0.715) 0.643, 0.46 0.656/0.827
    # (0.731) 0.643, 0.50 0.634/0.841 (0.723) 0.643, 0.54 0.634/0.850 (0.726) 0.614; 0.60: 0.42 0.648/0.796
    # (0.715), 0.46 0.635/0.836 (0.722), 0.50 0.613/0.865 (0.718), 0.54 0.613/0.875 (0.721). Taken: 0.46 with
    # coherence 0.55 (the better precision of the two best); after the conflicts are taken out of the
    # facts (`benchmarks/briefing_eval.py`) 0.650/0.828, where coherence 0.50 gives 0.646/0.824.
    link: float = 0.46
    min_cosine: float = 0.45   # below this the pair is not scored at all
    # A member whose mean probability of stating the same fact as the other members falls below
    # this leaves the fact: a star's arms must agree with each other, not only with the seed.
    coherence: float = 0.55
    # Claims only one article makes, kept per article: the briefing's "Only one outlet" list, not
    # every sentence nobody else wrote.
    single_per_article: int = 4


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


def align(articles: Sequence[Article], claims: Sequence[Claim], embedder, independence: Independence,
          claim_actors: Sequence[frozenset[str]] = (), settings: AlignSettings = AlignSettings(),
          model: LinkModel | None = None) -> Alignment:
    """Facts from the claims of an event's articles."""
    claims = list(claims)
    if not claims:
        return Alignment((), 0, (), (), np.zeros((0, 384), dtype=np.float32))
    model = model or load_link_model()
    vectors = embedder.encode([claim_text(c) for c in claims])
    features = PairFeatures(claims, vectors, claim_actors, embedder.encode_words)
    pairs, candidates = candidate_pairs(claims, vectors, settings)
    links = []
    if candidates:
        probabilities = link_probability(model, features, [(i, j) for i, j, _ in candidates],
                                         [c for _, _, c in candidates])
        links = [(i, j, round(float(p), 4)) for (i, j, _), p in zip(candidates, probabilities) if p >= settings.link]
    facts = _stars(articles, claims, features, model, links, independence, settings)
    return Alignment(tuple(facts), pairs, tuple(links), tuple(claims), vectors)


def claim_text(claim: Claim) -> str:
    """What is encoded of a claim: its text with curly quotes made straight."""
    return straight_quotes(claim.text)


def straight_quotes(text: str) -> str:
    return text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")


def candidate_pairs(claims: list[Claim], vectors: np.ndarray,
                    settings: AlignSettings) -> tuple[int, list[tuple[int, int, float]]]:
    """How many neighbour pairs were compared, and those the classifier scores: (i, j, cosine)
    close enough, and not pinned to different years."""
    years = [set(YEAR.findall(c.text)) for c in claims]
    pairs, candidates = 0, []
    for i, j, cosine in _neighbour_pairs(claims, vectors, settings.neighbours):
        pairs += 1
        if cosine >= settings.min_cosine and not (years[i] ^ years[j] and (years[i] or years[j])):
            candidates.append((i, j, cosine))
    return pairs, candidates


def nearest(vectors: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Each row's `count` nearest rows (itself included) by cosine, exactly: keys and cosine distances,
    one row per vector, nearest first and ties in row order.

    Exact products, not an approximate index: a graph index built on several threads gave different
    neighbours from run to run, and so different facts for the same articles. Cosines are taken in
    float64 and rounded to 1e-9, so the order cannot hang on the last bits a BLAS kernel or its
    thread count leaves."""
    rows = len(vectors)
    count = min(count, rows)
    keys = np.empty((rows, count), dtype=np.int64)
    distances = np.empty((rows, count), dtype=np.float64)
    if not count:
        return keys, distances
    unit = vectors.astype(np.float64)
    block = max(1, _NEAREST_CELLS // rows)  # rows per product: bounded memory on a large event
    for start in range(0, rows, block):
        cosines = np.round(unit[start:start + block] @ unit.T, 9)
        if count < rows:
            top = np.argpartition(-cosines, count - 1, axis=1)[:, :count]
        else:
            top = np.broadcast_to(np.arange(rows), cosines.shape)
        taken = np.take_along_axis(cosines, top, axis=1)
        order = np.lexsort((top, -taken), axis=1)  # nearest first, then the lower row
        keys[start:start + block] = np.take_along_axis(top, order, axis=1)
        distances[start:start + block] = 1.0 - np.take_along_axis(taken, order, axis=1)
    return keys, distances


def _neighbour_pairs(claims: list[Claim], vectors: np.ndarray, k: int):
    """(i, j, cosine) for each claim's nearest neighbours in other articles, each pair once."""
    # Ask for extra neighbours: some fall in the claim's own article and are dropped.
    all_keys, all_distances = nearest(vectors, min(len(claims), k * 3 + 1))
    seen = set()
    for i in range(len(claims)):
        keys, distances = all_keys[i], all_distances[i]
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


def _stars(articles, claims, features: PairFeatures, model: LinkModel, links, independence: Independence,
           settings: AlignSettings) -> list[Fact]:
    vectors = features.vectors
    whole = {(c.article, c.sentence): c for c in claims if c.whole}  # each clause's sentence
    adjacency: dict[int, dict[int, float]] = defaultdict(dict)
    for i, j, score in links:
        adjacency[i][j] = score
        adjacency[j][i] = score
    total = len(independence.groups)
    order = {a.id: n for n, a in enumerate(articles)}
    members_of: set[int] = set()
    taken: list[list[int]] = []  # each fact's members
    taken_sentences: list[set[tuple[str, int]]] = []
    seeds = sorted(adjacency, key=lambda i: (-len({claims[j].article for j in adjacency[i]}),
                                             -sum(adjacency[i].values()), i))
    agreement = _Agreement(features, model)
    for seed in seeds:
        if seed in members_of:
            continue
        members = _prune(_grow(seed, adjacency, claims), agreement, settings.coherence)
        members = _join(members, adjacency, claims, agreement, settings.coherence)
        members = _consistent(members, agreement)
        if len({claims[m].article for m in members}) < 2 or all(_says_little(claims[m], features.words[m])
                                                                 for m in members):
            continue
        sentences = {(claims[m].article, claims[m].sentence) for m in members}
        repeated = next((k for k, other in enumerate(taken_sentences) if len(sentences & other) * 2 >= len(sentences)),
                        None)
        if repeated is not None:
            # The same fact again, seeded from another of its sentences: it may reach articles the fact lacks.
            grown = _lend(taken[repeated], members, claims, agreement, settings.coherence)
            taken[repeated], taken_sentences[repeated] = grown, {(claims[m].article, claims[m].sentence) for m in grown}
            members_of.update(grown)
            continue
        taken.append(members)
        taken_sentences.append(sentences)
        members_of.update(members)
    facts = [_fact(members, claims, vectors, independence, total, order, whole) for members in taken]
    covered = set().union(*taken_sentences)
    for i in _notable_single(claims, features, covered, settings.single_per_article):
        facts.append(_fact([i], claims, vectors, independence, total, order, whole))
    return facts


def _lend(fact: list[int], star: list[int], claims: list[Claim], agreement: _Agreement, coherence: float) -> list[int]:
    """A fact, with the claims that a star repeating it holds from articles the fact lacks, when they
    agree with its members on average (`coherence`, as in `_join`; the best one an article), less any
    that contradicts a member."""
    present = {claims[m].article for m in fact}
    offered = [m for m in star if claims[m].article not in present]
    if not offered:
        return fact
    mean = agreement.of([(m, f) for m in offered for f in fact]).reshape(len(offered), len(fact)).mean(axis=1)
    best: dict[str, tuple[float, int]] = {}
    for m, p in zip(offered, mean):
        if p >= coherence and p > best.get(claims[m].article, (0.0, -1))[0]:
            best[claims[m].article] = (float(p), m)
    return _consistent(fact + [m for _, m in best.values()], agreement) if best else fact


def _says_little(claim: Claim, words: set[str]) -> bool:
    """An exclamation or a question ("WOW!", "Will the Witch Hunt continue?") quoted by several outlets
    is no fact of the event, however well the quotes match."""
    return len(words) < _FEWEST_WORDS or bool(_QUESTION.search(claim.text.strip()))


_FEWEST_WORDS = 3  # content words a fact's wording needs
# A claim another article words this close to (the cosine of its nearest claim there) is not one only its
# outlet makes, linked or not. On the dev events' "Only one outlet" lists: off, 12 of the gold's 30
# single-outlet claims listed and 35 of 68 items sentences the gold lists under a fact several outlets
# state; 0.75: 11 and 32 of 69; 0.70: 14 and 30 of 67; 0.65: 14 and 27 of 60; 0.60: 10 and 16 of 47.
_SAID_ELSEWHERE = 0.7
_QUESTION = re.compile(r"\?[”\"’']?\s*$")
# A question, or a sentence that opens a quotation; one that ends on a quoted phrase ("... accused May of
# bowing to "the whims of a U.S. President."") is the reporter's statement. A sentence whose marks do not
# pair up is a piece of a quotation running over sentences (`balanced_quotes`).
_QUESTION_OR_QUOTATION = re.compile(_QUESTION.pattern + r"|^[“\"‘']")
# A sentence with no verb states something only through a copula or an auxiliary ("The visit is a working
# one"; lower case: "Theresa May"); with neither it is a photo caption ("Mr. Obama with the Queen in London in 2011").
_FINITE_WITHOUT_VERB = re.compile(r"\b(?:am|is|are|was|were|be|been|being|has|have|had|will|would|shall|"
                                  r"should|can|could|may|might|must|do|does|did)\b|n[’']t\b")


def _notable_single(claims: list[Claim], features: PairFeatures, covered, per_article: int) -> list[int]:
    """The claims only one article makes that say the most: whole sentences in the reporter's
    voice (no quotation, question or fragment), which no other article words nearly the same
    (`_SAID_ELSEWHERE`), naming actors the event does not name everywhere, or giving numbers; the
    first `per_article` of each article by that measure, earlier first."""
    by_article: dict[str, list[tuple[float, int]]] = defaultdict(list)
    eligible = [i for i, claim in enumerate(claims)
                if claim.whole and (claim.article, claim.sentence) not in covered and 8 <= len(claim.text.split()) <= 60
                and not _QUESTION_OR_QUOTATION.search(claim.text.strip()) and balanced_quotes(claim.text) == claim.text
                and (claim.verbs or _FINITE_WITHOUT_VERB.search(claim.text))]
    elsewhere = _nearest_elsewhere(claims, features.vectors, eligible)
    for i in eligible:
        claim = claims[i]
        if elsewhere[i] >= _SAID_ELSEWHERE:
            continue
        salience = (2.0 * len(features.actors[i] & features.rare_actor) + 0.5 * len(features.actors[i])
                    + 1.0 * bool(features.numbers[i]) - 0.02 * claim.sentence)
        if salience > 0:
            by_article[claim.article].append((salience, i))
    chosen = []
    for items in by_article.values():
        distinct: dict[str, int] = {}  # a paragraph the page repeats is one claim
        for _, i in sorted(items, key=lambda x: (-x[0], x[1])):
            distinct.setdefault(claims[i].text, i)
        chosen += list(distinct.values())[:per_article]
    return sorted(chosen)


def _nearest_elsewhere(claims: list[Claim], vectors: np.ndarray, rows: list[int]) -> dict[int, float]:
    """For each of `rows`, the cosine of the nearest claim of another article (exact, in blocks, float64
    rounded to 1e-9 as in `nearest`, so a threshold does not hang on a BLAS kernel's last bits)."""
    out: dict[int, float] = {}
    if not rows or not len(vectors):
        return out
    articles = np.array([c.article for c in claims])
    unit = vectors.astype(np.float64)
    block = max(1, _NEAREST_CELLS // len(claims))
    for start in range(0, len(rows), block):
        chunk = rows[start:start + block]
        cosines = np.round(unit[chunk] @ unit.T, 9)
        cosines[articles[None, :] == articles[chunk][:, None]] = -1.0
        out.update(zip(chunk, map(float, cosines.max(axis=1))))
    return out


def _grow(seed: int, adjacency: dict[int, dict[int, float]], claims: list[Claim]) -> list[int]:
    """The seed and, from each other article, the claim linked to it most strongly."""
    best: dict[str, tuple[float, int]] = {}
    for j, score in adjacency[seed].items():
        article = claims[j].article
        if article != claims[seed].article and score > best.get(article, (0.0, -1))[0]:
            best[article] = (score, j)
    return [seed] + [j for _, j in best.values()]


class _Agreement:
    """The probability that two claims state one fact, each pair scored once per alignment: a large
    event's stars share most of their members, and the features of a pair (its soft overlap above
    all) cost more than looking it up."""

    def __init__(self, features: PairFeatures, model: LinkModel):
        self.features, self.model = features, model
        self.size = len(features.claims)
        self.known: dict[int, float] = {}  # pair key (`_key`) -> probability
        self.contradicting: dict[int, bool] = {}

    def _key(self, a: int, b: int) -> int:
        return a * self.size + b if a < b else b * self.size + a

    def of(self, pairs: list[tuple[int, int]]) -> np.ndarray:
        keys = [self._key(a, b) for a, b in pairs]
        missing = {k: pair for k, pair in zip(keys, pairs) if k not in self.known}
        if missing:
            scores = link_probability(self.model, self.features, [(min(p), max(p)) for p in missing.values()])
            self.known.update(zip(missing, map(float, scores)))
        return np.asarray([self.known[k] for k in keys], dtype=np.float64)

    def contradicts_any(self, claim: int, others: list[int]) -> bool:
        """Whether `claim` contradicts one of `others` (the first found ends the search)."""
        size, known = self.size, self.contradicting
        for other in others:
            key = other * size + claim if other < claim else claim * size + other  # `_key`, inlined: the hot loop
            found = known.get(key)
            if found is None:
                found = known[key] = self.features.contradict(min(claim, other), max(claim, other))
            if found:
                return True
        return False


def _prune(members: list[int], agreement: _Agreement, coherence: float) -> list[int]:
    """Drop, one at a time, the member least likely to state the same fact as the others while
    that likelihood is below `coherence`."""
    members = list(members)
    if len(members) <= 2:
        return members
    n = len(members)
    upper, lower = np.triu_indices(n, 1)
    agree = np.eye(n)
    agree[upper, lower] = agree[lower, upper] = agreement.of(
        [(members[a], members[b]) for a, b in zip(upper, lower)])
    alive = list(range(n))
    while len(alive) > 2:
        block = agree[np.ix_(alive, alive)]
        mean = (block.sum(axis=1) - 1.0) / (len(alive) - 1)
        worst = int(np.argmin(mean[1:])) + 1  # the seed (first) stays
        if mean[worst] >= coherence:
            break
        alive.pop(worst)
    return [members[a] for a in alive]


def _join(members: list[int], adjacency, claims: list[Claim], agreement: _Agreement, coherence: float) -> list[int]:
    """From each article still missing, the claim linked to some member that most likely states
    the same fact as all of them, when that mean likelihood clears `coherence` (average link:
    an outlet wording the fact differently joins through the members it agrees with)."""
    present = {claims[m].article for m in members}
    candidates = sorted({j for m in members for j in adjacency[m] if claims[j].article not in present})
    if not candidates:
        return members
    scores = agreement.of([(j, m) for j in candidates for m in members])
    mean = scores.reshape(len(candidates), len(members)).mean(axis=1)
    best: dict[str, tuple[float, int]] = {}
    for j, p in zip(candidates, mean):
        if p >= coherence and p > best.get(claims[j].article, (0.0, -1))[0]:
            best[claims[j].article] = (float(p), j)
    return members + [j for _, j in best.values()]


def separate_conflicts(alignment: Alignment, conflicts, articles: Sequence[Article],
                       independence: Independence) -> Alignment:
    """Facts with no contradiction inside: where one fact's evidence sits on two sides of a found
    conflict, the side with less of the fact's evidence becomes a fact of its own. A claim and what
    contradicts it are a dispute, never agreement."""
    claims = list(alignment.claims)
    index = {(c.article, c.start, c.end): n for n, c in enumerate(claims)}
    whole = {(c.article, c.sentence): c for c in claims if c.whole}
    order = {a.id: n for n, a in enumerate(articles)}
    total = len(independence.groups)
    vectors = np.asarray(alignment.vectors)

    def on(side, n: int) -> bool:
        c = claims[n]
        return any(e.article == c.article and e.start <= c.start < e.end or
                   e.article == c.article and c.start <= e.start < c.end for e in side.evidence)

    facts: list[Fact] = []
    changed = False
    for fact in alignment.facts:
        groups = [[index[(e.article, e.start, e.end)] for e in fact.evidence if (e.article, e.start, e.end) in index]]
        for conflict in conflicts:
            for sides in ((a, b) for k, a in enumerate(conflict.sides) for b in conflict.sides[k + 1:]):
                members = groups[0]
                one = [n for n in members if on(sides[0], n)]
                other = [n for n in members if on(sides[1], n) and n not in one]
                if one and other:
                    moved = other if len(other) <= len(one) else one
                    groups[0] = [n for n in members if n not in moved]
                    groups.append(moved)
        if len(groups) == 1:
            facts.append(fact)
            continue
        changed = True
        facts += [_fact(g, claims, vectors, independence, total, order, whole) for g in groups if g]
    return replace(alignment, facts=tuple(facts)) if changed else alignment


def _consistent(members: list[int], agreement: _Agreement) -> list[int]:
    """Members in order, less any that contradicts one already kept (different figures, or
    asserting what another denies): disagreement is for the conflicts, not a fact."""
    kept: list[int] = []
    for m in members:
        if not agreement.contradicts_any(m, kept):
            kept.append(m)
    return kept


# A clause is worded by its whole sentence when that sentence is no longer than this: a reader needs
# "Britain put the state visit on ice", not "to put such a visit on ice".
_SENTENCE_FOR_CLAUSE = 300


def _readable(claim: Claim, whole: dict[tuple[str, int], Claim]) -> str:
    sentence = None if claim.whole else whole.get((claim.article, claim.sentence))
    text = sentence.text if sentence is not None and len(sentence.text) <= _SENTENCE_FOR_CLAUSE else claim.text
    return balanced_quotes(text)


# A straight double quote closes a quotation when it follows a word or punctuation and is followed by a
# space, punctuation or the end; else it opens one.
_STRAIGHT_CLOSING = re.compile(r'(?<=[\w.,!?;:])"(?=[\s,.;:!?)]|$)')


def balanced_quotes(text: str) -> str:
    """A sentence of a quotation that runs over several sentences, with its missing quotation mark: the
    first sentence of `"We will visit. He will talk," she said.` reads `"We will visit."`, the second
    `"He will talk," she said.` (the evidence keeps the words as printed)."""
    first_close, first_open = text.find("”"), text.find("“")
    if first_close != -1 and (first_open == -1 or first_close < first_open):
        text = "“" + text
    if text.rfind("“") > text.rfind("”"):
        text += "”"
    marks = [m.start() for m in re.finditer('"', text)]
    if len(marks) % 2:
        text = '"' + text if _STRAIGHT_CLOSING.match(text, marks[0]) else text + '"'
    return text


def _fact(members: list[int], claims, vectors, independence: Independence, total: int, order, whole) -> Fact:
    members = sorted(set(members), key=lambda m: (order.get(claims[m].article, 0), claims[m].start))
    centre = vectors[members].mean(axis=0)
    quoted = lambda c: c.text.lstrip()[:1] in "\"“'‘"
    wording = max(members, key=lambda m: (float(vectors[m] @ centre) - 0.1 * quoted(claims[m])
                                          - 0.0005 * len(claims[m].text)))
    article_ids = tuple(dict.fromkeys(claims[m].article for m in members))
    independent = independence.count(article_ids)
    evidence = tuple(Evidence(claims[m].article, claims[m].start, claims[m].end, claims[m].text) for m in members)
    # The id hashes every evidence span: two facts never share one, and re-runs give the same.
    spans = "|".join(f"{claims[m].article}:{claims[m].start}:{claims[m].end}" for m in members)
    return Fact("F" + hashlib.sha256(spans.encode()).hexdigest()[:12], _readable(claims[wording], whole),
                fact_status(independent, total),
                independent, article_ids, evidence)
