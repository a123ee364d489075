"""Whether two claims from different articles state the same fact: a pair classifier.

Sentence vectors alone say two claims are on the same topic; a fact needs more — the same
action about the same actors, numbers and time. Each pair is described by a few general
features (the cross-document event coreference literature's: cosine, IDF-weighted word
overlap and the same overlap in meaning — each word's most similar word of the other claim, by
the sentence embedder's vectors of single words, as in BERTScore — rare shared terms and
actors, shared or different numbers, polarity, quotation, length), and a logistic regression
turns them into the probability that the two state one fact.

The weights live in `data/fact_links.json`. They are fitted by `benchmarks/fit_fact_links.py`
on labelled pairs from every dev event together (positives: two sentences a careful reader
lists under one fact; negatives: a listed sentence against one under another fact or none),
never on one event; that script also reports leave-one-event-out figures.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from newsprism.extract.quantities import MONTH
from newsprism.model import Claim

__all__ = ["FEATURES", "TOKEN", "YEAR", "LinkModel", "PairFeatures", "doubted_words", "fit_link_model",
           "link_probability", "load_link_model", "negated_words"]

FEATURES = ("cosine", "word_overlap", "rare_words", "rare_actors", "actor_overlap", "numbers_shared",
            "numbers_differ", "quoted", "length_ratio", "polarity_differs", "clauses", "shorter_length",
            "cosine_x_overlap", "soft_overlap")

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")  # a year pins a claim to its time
_NEGATION = re.compile(r"\b(?:not|no|never|n[’']t|without|deny|denied|denies|denying)\b", re.I)
# A count written in words before a plural noun ("Two firefighters", "three ships"): the figure it gives.
_COUNT_WORDS = {w: str(n) for n, w in enumerate("two three four five six seven eight nine ten eleven twelve".split(), 2)}
_COUNT = re.compile(r"\b(" + "|".join(_COUNT_WORDS) + r")\s+(?=[a-z]+s\b)", re.I)


def _figures(text: str) -> set[str]:
    """The figures a text gives, years aside, counts in words as digits."""
    return ((set(_NUMBER.findall(text)) - set(YEAR.findall(text)))
            | {_COUNT_WORDS[m.lower()] for m in _COUNT.findall(text)})


_NEAR_FIGURE = 0.1  # "more than 12,000" and "about 12,500": one count, rounded or approximated apart


def _near_figure(a: set[str], b: set[str]) -> bool:
    """Some figure of one is within a tenth of some figure of the other."""
    def values(figures):
        out = []
        for f in figures:
            try:
                out.append(float(f.replace(",", "").rstrip(".")))
            except ValueError:
                continue
        return [v for v in out if v > 0]
    return any(abs(x - y) <= _NEAR_FIGURE * max(x, y) for x in values(a) for y in values(b))


_QUOTE_OPEN = "\"“'‘"
_DATE_DAY = re.compile(rf"\b{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{MONTH}\b")
_STOP = set("""a an the and or but if of to in on at by for with from into onto as is are was were be been being has
have had do does did will would shall should can could may might must not no nor so than that this these those
there their they them its it he she his her we our you your i me my who whom which what when where why how also
just only more most very over under after before while during about against between through up down out off
said says say told according since until then than once again further such own same other another some any
all both each few many much new last next first two three one""".split())
MIN_CLAIMS_FOR_IDF = 50
# A word in at most this share of the event's claims is rare enough to tie two claims together.
_RARE_SHARE = 0.05
# An actor in at least this share of the claims (the event's protagonist) says nothing about which fact.
_COMMON_ACTOR_SHARE = 0.25


def full_words(text: str) -> list[str]:
    """The content words of a text, whole and lower-cased, in order (repeats dropped)."""
    return list(dict.fromkeys(w.lower().replace("’", "'") for w in _WORD.findall(text)
                              if w.lower() not in _STOP and len(w) > 2))


def content_words(text: str) -> set[str]:
    """Content words cut to five letters, so "recognised" / "recognition" meet."""
    return {w[:5] for w in full_words(text)}


# What should happen, not what did: an obligation or a demand.
# ("should" mostly expects: "the visit should go ahead"; "must have known" infers.)
_DEMAND = re.compile(r"\b(?:must|ought to)\b(?!\s+(?:not\s+)?have\s+\w+(?:ed|en|wn)\b)", re.I)
# Deeds that undo each other (verb lemmas): one fact never holds both.
_OPPOSITES = (("stop", "resume"), ("suspend", "resume"), ("halt", "resume"), ("start", "stop"), ("begin", "end"),
              ("open", "close"), ("win", "lose"), ("rise", "fall"), ("increase", "decrease"), ("increase", "cut"),
              ("accept", "reject"), ("approve", "reject"), ("confirm", "deny"), ("allow", "ban"),
              ("lift", "impose"), ("join", "leave"), ("arrive", "leave"), ("agree", "refuse"), ("admit", "deny"),
              ("raise", "lower"), ("hire", "fire"), ("gain", "lose"), ("support", "oppose"), ("acquit", "convict"))
_OPPOSITE = {verb: {b if a == verb else a for a, b in _OPPOSITES if verb in (a, b)}
             for pair in _OPPOSITES for verb in pair}


def _opposite(frames_a, frames_b) -> bool:
    """One claim does the opposite of a deed of the other, and neither does both; not when each names
    its own doer ("Harbor City won the cup" / "Porto Azul lost the final": one match seen from each side)."""
    verbs_a, verbs_b = {f.verb for f in frames_a}, {f.verb for f in frames_b}
    for a in frames_a:
        for b in frames_b:
            if a.verb in verbs_b or b.verb in verbs_a or b.verb not in _OPPOSITE.get(a.verb, ()):
                continue
            if a.agent and b.agent and not set(a.agent.lower().split()) & set(b.agent.lower().split()):
                continue
            return True
    return False


TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*")  # a word as written, short ones too
_NEGATION_WORD = re.compile(r"(?i:not|no|never|unlikely|nor)|\w+n[’']t")
_NEGATION_WINDOW = 4  # words from a negation to the word it negates ("is unlikely to meet")


def negated_words(text: str, words=content_words, ceasing: bool = False, whole_no: bool = False) -> set[str]:
    """Content words (as `words` cuts them, by default as `content_words` does) within a few words after
    a negation or hedge: what the sentence says is not so. With `ceasing`, also what is said to stop
    ("will suspend nuclear tests" as "no longer needs to test nuclear weapons"); with `whole_no`, a "no"
    reaches over a longer noun phrase to its verb ("no credit card or bank details were taken")."""
    tokens = TOKEN.findall(without_contrast(text))
    out: set[str] = set()
    for k, token in enumerate(tokens):
        # "unlikely to meet" hedges; "an unlikely foil" only describes.
        if _NEGATION_WORD.fullmatch(token) and not (token.lower() == "unlikely" and tokens[k + 1:k + 2] != ["to"]) \
                or " ".join(tokens[k:k + 2]).lower() in _NEGATING_PAIRS \
                or ceasing and _CEASING.fullmatch(token) \
                or token.lower() == "whether" and _LEFT_OPEN.search(" ".join(tokens[max(0, k - 3):k])):
            window = _NEGATION_WINDOW
            if [t.lower() for t in tokens[k + 2:k + 3]] == ["that"] and tokens[k + 1].lower() in _NO_GROUNDS:
                window = _CLAUSE_WINDOW  # "no evidence that any payment data was taken": the whole clause
            elif token.lower() == "no" and whole_no:
                window = _NO_WINDOW  # "no credit card or bank details were taken": its noun phrase and verb
            out |= words(" ".join(tokens[k + 1:k + 1 + window]))
    return out


# "There is no evidence that ...", "no sign that ...": what follows is said not to be so.
_NO_GROUNDS = {"evidence", "indication", "sign", "signs", "proof", "suggestion", "record", "records"}
_CLAUSE_WINDOW = 14
_NO_WINDOW = 8


# "Congress, not an agency, decides ...": the "not" sets one thing against another and negates no deed.
_CONTRAST = re.compile(r",\s+(?:and\s+|but\s+)?not\s+(?:\w+\s+){0,5}?\w+(?=\s*[,;.]|\s*$)")


# "did not arrive until Thursday": late, not absent.
_NOT_UNTIL = re.compile(r"(?:\bnot|n[’']t)\s+((?:\w+\s+){1,3}?(?:until|till)\b)", re.I)


def without_contrast(text: str) -> str:
    """The text without a contrast set off by commas (", not an agency,"), and without the "not" of "not ...
    until", which says when, not whether ("rescue teams did not arrive until Thursday")."""
    return _NOT_UNTIL.sub(r" \1", _CONTRAST.sub("", text))


# What follows "whether" after these is left open, not asserted ("refused to say whether it will attend",
# "it is unclear whether the freeze will hold"); "asked whether" or "decide whether" only ask.
_LEFT_OPEN = re.compile(r"(?i)\b(?:refus\w*|declin\w*|unclear|uncertain|unknown|not (?:say|said|clear|known|confirm\w*|"
                        r"disclose\w*|specify|specified)|n[’']t (?:say|clear|known|confirm)|no word on)\b")


# Words that cast doubt on the word after them ("the so-called inspections"); "self-proclaimed" and "alleged"
# only say who claims it.
_DOUBT = re.compile(r"(?i:so-called|supposed|supposedly|purported|purportedly|sham)")


def doubted_words(text: str) -> set[str]:
    """Content words (cut as `content_words` cuts them) within two words after a word of doubt; not after
    "a"/"an", which introduce a term ("a so-called working visit") rather than doubt one."""
    return _words_after(text, _DOUBT, 2, unless_after=("a", "an"))


def _words_after(text: str, cue: re.Pattern[str], window: int, unless_after: tuple[str, ...] = ()) -> set[str]:
    """Content words (as `content_words` cuts them) within `window` words after each word `cue` matches
    whole, unless the word before the cue is one of `unless_after`."""
    tokens = TOKEN.findall(text)
    out: set[str] = set()
    for k, token in enumerate(tokens):
        if cue.fullmatch(token) and not (k and tokens[k - 1].lower() in unless_after):
            out |= content_words(" ".join(tokens[k + 1:k + 1 + window]))
    return out


_PLACE_WORD = re.compile(r"(?i:at|in|near|outside|inside|across|around|throughout)")
_PLACE_WINDOW = 4  # words from "at" to the place it names ("at the Port of Halvard")


def _placed_words(text: str) -> set[str]:
    """Content words (as `content_words` cuts them) within a few words after a preposition of place."""
    return _words_after(text, _PLACE_WORD, _PLACE_WINDOW)


# Words that end what follows them (verbs and their nouns).
_CEASING = re.compile(r"(?i)suspen(?:d|ds|ded|ding|sion)|halt(?:s|ed|ing)?|stop(?:s|ped|ping)?|freez(?:e|es|ing)"
                      r"|froze|frozen|ceas(?:e|es|ed|ing)|cessation|moratorium|abandon(?:s|ed|ing)?|scrap(?:s|ped|ping)?"
                      r"|shut(?:s|ting)?|clos(?:e|es|ed|ing|ure)")


# Two words that say the thing after them is not so ("a working visit rather than a full state visit",
# "will fall short of a state visit"), or not yet ("has yet to approve", "still needs the approval of"):
# what follows the second word is negated.
_NEGATING_PAIRS = {"rather than", "instead of", "short of", "far from", "yet to", "still needs", "still need",
                   "still requires", "still require", "still awaits", "still await"}


class PairFeatures:
    """Per-claim data computed once, so the features of any pair are cheap."""

    def __init__(self, claims: Sequence[Claim], vectors: np.ndarray, claim_actors: Sequence[frozenset[str]],
                 embed_words=None):
        """`embed_words(words) -> unit vectors` (the sentence embedder over single words) lets
        different words for one thing meet ("scrap the deal" / "pull out of the agreement"); without
        it only the same word matches."""
        self.claims = list(claims)
        self.vectors = vectors
        whole_words = [full_words(c.text) for c in self.claims]
        self.words = [{w[:5] for w in ws} for ws in whole_words]  # as `content_words` cuts them
        # IDF over at least this many claims: in a tiny event (two short reports) every shared content
        # word is telling, as it would be against a background of other stories.
        n = max(len(self.claims), MIN_CLAIMS_FOR_IDF)
        frequency = Counter(w for ws in self.words for w in ws)
        self.idf = {w: math.log(n / k) for w, k in frequency.items()}
        self.rare_idf = math.log(n / (_RARE_SHARE * n + 1))
        self.actors = list(claim_actors) if claim_actors else [frozenset()] * len(self.claims)
        actor_frequency = Counter(a for s in self.actors for a in s)
        self.rare_actor = {a for a, k in actor_frequency.items() if k < _COMMON_ACTOR_SHARE * n}
        self.numbers = [_figures(c.text) for c in self.claims]
        self.figures = [_figures(_DATE_DAY.sub(" ", c.text)) for c in self.claims]
        self.negated = [bool(_NEGATION.search(c.text)) for c in self.claims]
        self.quoted = [c.text.lstrip()[:1] in _QUOTE_OPEN for c in self.claims]
        self.negated_words = [negated_words(c.text) for c in self.claims]
        # What a claim says stops ("will suspend its flights"), and the places it names ("at the port of
        # Halvard"): stopping contradicts a claim that has the thing go on ("flights will continue"), not
        # one that names it as where something happened ("walked off the job at the port" / "shut down
        # the port").
        self.ceased = [negated_words(c.text, ceasing=True) - negated for c, negated in
                       zip(self.claims, self.negated_words)]
        self.places = [_placed_words(c.text) for c in self.claims]
        self.doubted = [doubted_words(c.text) for c in self.claims]
        self.deeds = [{v[:5] for v in c.verbs} for c in self.claims]
        self.demands = [bool(_DEMAND.search(c.text)) for c in self.claims]
        self._soft_words(whole_words, embed_words)

    def _soft_words(self, words: list[list[str]], embed_words) -> None:
        """Per claim: its content words' vectors (rows) and IDF weights, for `soft_overlap`."""
        vocabulary = list(dict.fromkeys(w for ws in words for w in ws))
        if embed_words is not None and vocabulary:
            table = np.asarray(embed_words(vocabulary), dtype=np.float32)
        else:  # one-hot: a word matches only itself
            table = np.eye(len(vocabulary), dtype=np.float32)
        row = {w: n for n, w in enumerate(vocabulary)}
        self.word_vectors = [table[[row[w] for w in ws]] for ws in words]  # (0, d) rows for a claim of no words
        self.word_weights = [np.asarray([self.idf.get(w[:5], 0.0) for w in ws], dtype=np.float32) for ws in words]

    def soft_overlap(self, i: int, j: int) -> float:
        """How much of each claim's word weight the other's words cover in meaning (each word's best
        cosine to a word of the other claim, IDF-weighted; the mean of the two directions)."""
        a, b = self.word_vectors[i], self.word_vectors[j]
        wa, wb = self.word_weights[i], self.word_weights[j]
        if not len(a) or not len(b) or wa.sum() <= 0 or wb.sum() <= 0:
            return 0.0
        similarity = np.clip(a @ b.T, 0.0, 1.0)
        return float((wa @ similarity.max(axis=1) / wa.sum() + wb @ similarity.max(axis=0) / wb.sum()) / 2)

    def same_figure(self, i: int, j: int) -> bool:
        """Both give a figure that is no year or day of a date, and neither gives one the other lacks."""
        return bool(self.figures[i] & self.figures[j]) and self.numbers[i] == self.numbers[j]

    def contradict(self, i: int, j: int) -> bool:
        """The two give different figures (no number in common or within a tenth, years aside), one says not so (or
        that it stops: "will suspend its flights") of a word both use while the other asserts it, one
        does the opposite deed of the other ("stopped testing" / "resume testing"), or one demands what
        the other reports ("Iran must never have nuclear weapons" / "Iran lied about never having a
        weapons program"): never one fact."""
        ni, nj = self.numbers[i], self.numbers[j]
        if ni and nj and not ni & nj and not _near_figure(ni, nj):
            return True
        if self.demands[i] != self.demands[j] or _opposite(self.claims[i].frames, self.claims[j].frames):
            return True
        if self.doubted[i] & self.deeds[j] or self.doubted[j] & self.deeds[i]:
            return True  # "the so-called inspections were a paper exercise" doubts "every school was inspected"
        shared = self.words[i] & self.words[j]
        plain_a, plain_b = self.negated_words[i] & shared, self.negated_words[j] & shared
        ceased_a, ceased_b = self.ceased[i] & shared, self.ceased[j] & shared
        # Against a claim that also says not so or stops, stopping agrees ("will suspend its flights" / "will no
        # longer fly"); against one that asserts, it contradicts it on any shared word but those naming a place.
        a = plain_a | (ceased_a if plain_b or ceased_b else ceased_a - self.places[j])
        b = plain_b | (ceased_b if plain_a or ceased_a else ceased_b - self.places[i])
        return bool(a) != bool(b)

    def of(self, i: int, j: int, cosine: float | None = None) -> list[float]:
        if cosine is None:
            cosine = float(self.vectors[i] @ self.vectors[j])
        wi, wj = self.words[i], self.words[j]
        shared = wi & wj
        overlap = sum(self.idf[w] for w in shared) / max(sum(self.idf[w] for w in wi | wj), 1e-9)
        rare = sum(1 for w in shared if self.idf[w] > self.rare_idf)
        actors = self.actors[i] & self.actors[j]
        actor_overlap = len(actors) / max(len(self.actors[i] | self.actors[j]), 1)
        ni, nj = self.numbers[i], self.numbers[j]
        li, lj = len(wi) + 1, len(wj) + 1
        return [cosine, overlap, float(min(rare, 4)), float(len(actors & self.rare_actor)), actor_overlap,
                float(bool(ni & nj)), float(bool(ni and nj and not ni & nj)),
                float(self.quoted[i] + self.quoted[j]), abs(math.log(li / lj)),
                float(self.negated[i] != self.negated[j]),
                float((not self.claims[i].whole) + (not self.claims[j].whole)), math.log(min(li, lj)),
                cosine * overlap, self.soft_overlap(i, j)]


@dataclass(frozen=True, slots=True)
class LinkModel:
    """Logistic regression over standardised features."""

    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]

    def probability(self, rows) -> np.ndarray:
        x = (np.asarray(rows, dtype=np.float64) - np.asarray(self.mean)) / np.asarray(self.scale)
        return 1.0 / (1.0 + np.exp(-(x @ np.asarray(self.weights) + self.bias)))

    def to_record(self) -> dict:
        return {"features": list(FEATURES), "weights": list(self.weights), "bias": self.bias,
                "mean": list(self.mean), "scale": list(self.scale)}


# Two claims giving the same figure (years and days of dates aside) in near wording state one fact,
# however common their names are in a small event (where the model's rare-word and actor features say
# little).
_SAME_FIGURE_COSINE = 0.7
_SAME_FIGURE_PROBABILITY = 0.9


def link_probability(model: LinkModel, features: "PairFeatures", pairs, cosines=None) -> np.ndarray:
    """The probability that each pair of claims (i, j), i < j, states one fact: the model's, raised for a
    figure both give in near wording."""
    pairs = list(pairs)
    cosines = list(cosines) if cosines is not None else [None] * len(pairs)
    rows = [features.of(i, j, c) for (i, j), c in zip(pairs, cosines)]
    p = model.probability(rows) if rows else np.zeros(0)
    for k, ((i, j), row) in enumerate(zip(pairs, rows)):
        if row[0] >= _SAME_FIGURE_COSINE and features.same_figure(i, j):
            p[k] = max(p[k], _SAME_FIGURE_PROBABILITY)
    return p


@cache
def load_link_model() -> LinkModel:
    record = json.loads(resources.files("newsprism").joinpath("data/fact_links.json").read_text(encoding="utf-8"))
    if tuple(record["features"]) != FEATURES:
        raise ValueError("data/fact_links.json was fitted on other features: rerun benchmarks/fit_fact_links.py")
    return LinkModel(tuple(record["weights"]), record["bias"], tuple(record["mean"]), tuple(record["scale"]))


def fit_link_model(rows, labels, l2: float = 1.0, iterations: int = 50) -> LinkModel:
    """Newton's method on the L2-regularised log loss (the bias is not regularised)."""
    x = np.asarray(rows, dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    penalty = l2 * np.diag(np.r_[np.ones(len(w) - 1), 0.0])
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-z @ w))
        gradient = z.T @ (p - y) + penalty @ w
        hessian = (z * (p * (1 - p))[:, None]).T @ z + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return LinkModel(tuple(float(v) for v in w[:-1]), float(w[-1]), tuple(float(v) for v in mean),
                     tuple(float(v) for v in scale))
