"""Where reports contradict each other: rules over the extracted structure.

Each rule reads sentences for a general shape of disagreement, with small
tables of the words news writing uses for it; embeddings play no part in the
decision (they only built the facts that the numeric rule compares within).

- numeric: one fact, the same thing counted, values that no rounding or
  approximation word reconciles;
- status: one report says forces moved, another that when or whether is not
  known; or that one side massed troops while another says it withdrew them;
- denial: a claim ("officials claimed ...", "X claims ...") and a denial of it
  ("denied the allegations", "this accusation has been dismissed",
  "not a single one ... has crossed");
- scope: the same measure (sanctions) described as broad by one report and as
  targeted or as not the broader package by another;
- characterisation: an event called an invasion (or war) by one party and
  said not to be one by another.

Denials that share the claim denied or the denying sentence are then one dispute.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from newsprism.extract.quantities import TALLY, tally_of
from newsprism.model import Article, Sentence

__all__ = ["Conflict", "find_conflicts"]

_NEGATED = re.compile(r"\b(?:not|no|never|n[’']t|without)\b", re.I)
# "may" in lower case only: "in May" is a month, not a hedge.
_HYPOTHETICAL = re.compile(r"\b(?:(?i:if|unless|until|could|would|might|potential|possible|threat of)|may)\b")

# status: forces moving in, against not knowing whether or when.
_FORCES = r"(?:tanks|troops|forces|units|soldiers|convoys|military|army|peacekeepers)"
_MOVED = re.compile(rf"\b{_FORCES}\b[^.]{{0,60}}?\b(?:have|has|had)?\s*(?:officially |formally |already )?"
                    r"(?:rolled|entered|moved|crossed|marched|poured|arrived)\b(?: into| in)?", re.I)
_UNKNOWN = re.compile(r"\b(?:no details|no date|not clear|unclear|no word on|no timeline|no indication"
                      r"|did not say when|yet to (?:be )?(?:deploy|send|dispatch))\b", re.I)
_DEPLOYMENT = re.compile(r"\b(?:deploy\w*|dispatch\w*|travel\w*|send\w*|force|troops)\b", re.I)
# status: massing against withdrawing, same forces.
_MASSING = re.compile(rf"(?:\bamassed|\b(?:has|have|had|is|are|was|were)\s+(?:\w+\s+){{0,3}}?"
                      rf"(?:massed|massing|built up|building up|moved))\b[^.]{{0,60}}\b{_FORCES}\b", re.I)
_WITHDRAWING = re.compile(rf"\b(?:withdrawing|withdrew|withdrawn|pulling back|pulled back|pulling out)\b[^.]{{0,20}}\b{_FORCES}\b", re.I)
# denial
# "claimed 40,000 euros in expenses", "claimed responsibility", "the fire claimed two lives" assert nothing.
_CLAIM_CUE = re.compile(r"\b(?:claimed|claims|claim|alleged|alleges|accused|accuses)\b(?!\s+(?:(?:about|around|nearly|"
                        r"almost|over|more than|some|up to)\s+)?(?:[$€£¥]|\d|responsibility\b|credit\b|victory\b|"
                        r"the (?:title|throne|seat)\b|(?:\w+\s+)?lives\b))", re.I)
_DENIAL_CUE = re.compile(r"\b(?:denied|denies|deny|denying|rejected|rejects|dismissed|dismisses|refuted|refutes)\b"
                         r"|\bnot a single (?:one|soldier|person)\b", re.I)
# "neither confirms nor denies", "declined to confirm or deny": no position taken, so no denial.
_NONCOMMITTAL = re.compile(r"\bconfirm\w*\s+(?:or|nor)\s+den(?:y|ies|ied|ying)\b|\bden(?:y|ies|ied|ying)\s+(?:or|nor)\s+confirm\w*",
                           re.I)
_ANAPHORIC_OBJECT = re.compile(r"\b(?:allegations?|accusations?|claims?|charges?|reports?|remarks?|comments?"
                               r"|suggestions?|assertions?)\b", re.I)
# Sentence openers that are no name: lower-cased when a sentence becomes part of a phrase.
COMMON_OPENERS = {"The", "A", "An", "It", "This", "That", "These", "Those", "They", "There", "He", "She", "We",
                  "In", "On", "At", "But", "And", "However", "Many", "Some", "Several", "Most", "All", "Other", "Both"}
# A quotation and who said it ('"Iran lied about its program," Netanyahu said'): the quotation is the claim.
QUOTATION_THEN_SPEAKER = re.compile(
    r"^[\"“](?P<quotation>[^\"“”]{12,}?)[,.!?]*[\"”],?\s+(?:[\w.'’-]+\s+){0,6}?"
    r"(?:said|says|added|told|wrote|stated|declared|insisted|argued|claimed)\b[^\"“”]*$", re.I)
# A dismissal of "the remarks" answers the speech just reported, claim word or not.
_REPORTED_SPEECH = re.compile(r"\b(?:said|says|saying|told|announced|stated|suggested)\b", re.I)
_REMARKS_WINDOW = 2
_DENIAL_WINDOW = 4  # sentences back from a denial to the claim it answers
# scope
_MEASURE = re.compile(r"\b(?:sanctions|restrictions|embargo|tariffs)\b", re.I)
_BROAD = re.compile(r"\b(?:on the (?:\w+ ){0,2}government|on russia|sweeping|broad|broader|harshest|full|"
                    r"comprehensive|all commerce)\b", re.I)
_NARROW = re.compile(r"\b(?:targeted|limited|less severe|narrow|narrower|selective)\b", re.I)
# characterisation
_LABELS = r"(?:invasion|war|occupation|genocide|aggression)"
_ASSERTED = re.compile(rf"\bthe {_LABELS}\b(?: (?:of|in|on|against) (?:\w+ ){{0,3}}\w+)? (?:has|had) (?:already )?"
                       rf"(?:begun|started)\b"
                       rf"|\b(?:is|was) (?:an?|the) (?:\w+ ){{0,2}}{_LABELS}\b", re.I)
_DENIED = re.compile(rf"\b(?:isn[’']t|is not|was not|wasn[’']t|not yet constitute|not constitute) (?:an?|the)? ?"
                     rf"(?:[\"“]?\w+[ -]){{0,2}}{_LABELS}\b"
                     rf"|\bwouldn[’']t (?:say|call) (?:that|this|it) (?:is |was )?(?:an?|the) (?:[\w-]+ ){{0,2}}{_LABELS}\b",
                     re.I)


@dataclass(frozen=True, slots=True)
class ConflictSide:
    articles: tuple[str, ...]
    evidence: tuple[Sentence, ...]

    def to_record(self) -> dict:
        return {"articles": list(self.articles),
                "evidence": [{"article": s.article, "text": s.text, "start": s.start, "end": s.end}
                             for s in self.evidence]}


@dataclass(frozen=True, slots=True)
class Conflict:
    id: str
    kind: str
    about: str
    sides: tuple[ConflictSide, ...]
    explanation: str

    def to_record(self) -> dict:
        return {"id": self.id, "kind": self.kind, "about": self.about,
                "sides": [s.to_record() for s in self.sides], "explanation": self.explanation}


def find_conflicts(articles: Sequence[Article], extraction, alignment=None) -> list[Conflict]:
    """Every contradiction the rules find among an event's articles."""
    sentences = list(extraction.sentences)
    outlet = {a.id: a.display_name for a in articles}
    found: list[Conflict] = []
    for rule in (_status_movement, _status_massing, _denials, _scope, _characterisation):
        found += rule(sentences, outlet)
    if alignment is not None:
        from newsprism.contradictions import find_contradictions

        found += _numeric(extraction, alignment, sentences, outlet, articles)
        later = [c for c in find_contradictions(articles, extraction, alignment, outlet) if not _repeats(c, found)]
        # A numeric dispute within one fact that a dispute over the whole event repeats with more reports goes.
        wider = [c for c in later if c.kind == "numeric"]
        found = [c for c in found if not (c.kind == "numeric" and _repeats(c, wider))] + later
    return _merged_copies(_with_copies(_merged_counts(_merged_denials(found, outlet)), sentences))


# A sentence this long printed word for word in two articles of one event is one story's copy in another.
_COPIED_CHARS = 40


def _printed(text: str) -> str:
    """A sentence's words as printed, spacing aside: what a copy repeats."""
    return " ".join(text.split())


def _with_copies(found: list[Conflict], sentences: list[Sentence]) -> list[Conflict]:
    """Each side with the sentences other articles print word for word (a wire story's copies say
    what it says), unless the copying article stands on another side of the conflict."""
    printed: dict[str, list[Sentence]] = {}
    for s in sentences:
        if len(s.text) >= _COPIED_CHARS:
            printed.setdefault(_printed(s.text), []).append(s)
    out = []
    for conflict in found:
        sides = []
        for k, side in enumerate(conflict.sides):
            elsewhere = {a for other in conflict.sides[:k] + conflict.sides[k + 1:] for a in other.articles}
            copies = [c for e in side.evidence for c in printed.get(_printed(e.text), ())
                      if c.article not in elsewhere and c.article not in side.articles]
            sides.append(_side(list(side.evidence) + copies) if copies else side)
        out.append(Conflict(conflict.id, conflict.kind, conflict.about, tuple(sides), conflict.explanation))
    return out


def _merged_copies(found: list[Conflict]) -> list[Conflict]:
    """Conflicts that set the same words against each other are one: a wire story and its copy
    answered by one report give one dispute with the copy beside the original, not two."""
    def words(side: ConflictSide) -> frozenset[str]:
        return frozenset(_printed(e.text) for e in side.evidence)

    first: dict[tuple, int] = {}
    merged: list[Conflict] = []
    for conflict in found:
        key = (conflict.kind, conflict.about, frozenset(words(side) for side in conflict.sides))
        if key not in first:
            first[key] = len(merged)
            merged.append(conflict)
            continue
        kept = merged[first[key]]
        # Each side of the repeat joins the kept side with the same words.
        by_words = {words(side): side for side in conflict.sides}
        sides = tuple(_side(list(side.evidence) + list(by_words[words(side)].evidence)) for side in kept.sides)
        merged[first[key]] = Conflict(kept.id, kept.kind, kept.about, sides, kept.explanation)
    return merged


def _merged_counts(found: list[Conflict]) -> list[Conflict]:
    """Two-sided numeric disputes that hold one sentence on a side and none in common on the other are
    one count disputed ("about 5,000 people" / "50,000 people" and "50,000 people" / "about 5,000
    protesters": the police's figure against the organisers'), their sides joined."""
    def spans(side: ConflictSide) -> set[tuple[str, int]]:
        return {(e.article, e.start) for e in side.evidence}

    merged = list(found)
    joined = True
    while joined:
        joined = False
        for a, b in ((a, b) for a in range(len(merged)) for b in range(a + 1, len(merged))):
            one, other = merged[a], merged[b]
            if one.kind != "numeric" or other.kind != "numeric" or len(one.sides) != 2 or len(other.sides) != 2:
                continue
            pairing = next(((x, y) for x in range(2) for y in range(2)
                            if spans(one.sides[x]) & spans(other.sides[y])
                            and not spans(one.sides[1 - x]) & spans(other.sides[1 - y])
                            and not spans(one.sides[1 - x]) & spans(other.sides[y])
                            and not spans(one.sides[x]) & spans(other.sides[1 - y])), None)
            if pairing is None:
                continue
            x, y = pairing
            sides = (_side(list(one.sides[x].evidence) + list(other.sides[y].evidence)),
                     _side(list(one.sides[1 - x].evidence) + list(other.sides[1 - y].evidence)))
            things = list(dict.fromkeys(t for c in (one, other)
                                        for t in c.about.removeprefix("the number of ").split(" / ")))
            about = one.about if len(things) == 1 or not one.about.startswith("the number of ") \
                else "the number of " + " / ".join(things)
            merged[a] = Conflict(one.id, "numeric", about, sides, _joined_figures(one.explanation, other.explanation))
            del merged[b]
            joined = True
            break
    return merged


def _joined_figures(first: str, second: str) -> str:
    """Two numeric explanations ("about 5,000 (A); Around 50,000 (B)") as one, each figure of an outlet once
    ("Around 50,000 people (B)" repeats "Around 50,000 (B)")."""
    items, seen = [], set()
    for item in re.split(r"; |, (?=[^()]*\()", f"{first}; {second}"):
        match = re.search(r"([\d][\d,.]*).*\((.+)\)$", item)
        key = (match.group(1), match.group(2)) if match else item
        if key not in seen:
            seen.add(key)
            items.append(item)
    return "; ".join(items)


def _merged_denials(found: list[Conflict], outlet) -> list[Conflict]:
    """Denials that share the claim denied or the denying sentence are one dispute: the claim, and
    everyone who denies it (a story often reports one denial in several places)."""
    denials = [c for c in found if c.kind == "denial"]

    def keys(side: ConflictSide) -> set[tuple[str, str]]:
        return {(e.article, e.text) for e in side.evidence}

    shared = [(b, a) for a in range(len(denials)) for b in range(a)
              if any(keys(denials[a].sides[x]) & keys(denials[b].sides[x]) for x in (0, 1))]
    merged: dict[str, Conflict | None] = {}
    for group in components(shared):
        first, *rest = (denials[k] for k in group)
        denying = [e for c in (first, *rest) for e in c.sides[1].evidence]
        gone = {(e.article, e.text) for e in denying}
        asserted = [e for c in (first, *rest) for e in c.sides[0].evidence if (e.article, e.text) not in gone]
        merged[first.id] = _conflict("denial", first.about, asserted, denying,
                                     f"asserted in {_names(asserted, outlet)}; denied or disputed in "
                                     f"{_names(denying, outlet)}")
        merged.update((c.id, None) for c in rest)
    return [merged.get(c.id, c) for c in found if merged.get(c.id, c) is not None]


def components(edges: list[tuple[int, int]]) -> list[list[int]]:
    """The connected groups of nodes the edges join, each sorted."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        parent[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for x in parent:
        groups.setdefault(root(x), []).append(x)
    return [sorted(g) for g in groups.values()]


def _repeats(conflict: Conflict, found: list[Conflict]) -> bool:
    """A conflict whose sentences another conflict already sets against each other."""
    spans = {(e.article, e.start) for side in conflict.sides for e in side.evidence}
    return any(spans <= {(e.article, e.start) for side in other.sides for e in side.evidence} for other in found)


def _side(evidence: list[Sentence]) -> ConflictSide:
    # A paragraph a page repeats is one piece of evidence, not two.
    first: dict[tuple[str, str], Sentence] = {}
    for s in sorted(set(evidence), key=lambda s: (s.article, s.start)):
        first.setdefault((s.article, s.text), s)
    evidence = list(first.values())
    return ConflictSide(tuple(dict.fromkeys(s.article for s in evidence)), tuple(evidence))


def _conflict(kind: str, about: str, one: list[Sentence], other: list[Sentence], explanation: str) -> Conflict:
    key = "|".join(sorted(f"{s.article}:{s.start}" for s in one + other))
    cid = "C" + hashlib.sha256(f"{kind}:{key}".encode()).hexdigest()[:10]
    return Conflict(cid, kind, about, (_side(one), _side(other)), explanation)


def _opposed(kind: str, about: str, one: list[Sentence], other: list[Sentence], explain) -> list[Conflict]:
    """One conflict between two groups of sentences, `one` kept only from articles `other` is not in;
    none when either group is empty. `explain(one, other)` words it."""
    other_articles = {s.article for s in other}
    one = [s for s in one if s.article not in other_articles]
    if not one or not other:
        return []
    return [_conflict(kind, about, one, other, explain(one, other))]


def _names(side: list[Sentence], outlet) -> str:
    return ", ".join(dict.fromkeys(outlet[s.article] for s in side))


def _status_movement(sentences: list[Sentence], outlet) -> list[Conflict]:
    moved = [s for s in sentences if _asserted(_MOVED, s.text)]
    unknown = [s for s in sentences if _UNKNOWN.search(s.text) and _DEPLOYMENT.search(s.text)]
    moved_articles = {s.article for s in moved}
    unknown = [s for s in unknown if s.article not in moved_articles]
    return _opposed("status", "whether forces have already moved in", moved, unknown,
                    lambda one, other: f"{_names(one, outlet)} report forces moving in; {_names(other, outlet)} "
                                       "say no date or details of any deployment are known")


def _asserted(pattern: re.Pattern[str], text: str) -> bool:
    """The pattern matches, with no negation or hypothesis in it or just before it."""
    match = pattern.search(text)
    if not match:
        return False
    before = text[:match.start()][-40:]
    return not (_NEGATED.search(match.group(0)) or _NEGATED.search(before)
                or _HYPOTHETICAL.search(match.group(0)) or _HYPOTHETICAL.search(before))


def _clauses(sentence: Sentence) -> list[Sentence]:
    """A sentence cut at ", but" and ";": one report can assert and deny in one sentence."""
    pieces, start = [], 0
    for match in re.finditer(r",\s+but\s+|;\s+", sentence.text):
        pieces.append((start, match.start()))
        start = match.end()
    pieces.append((start, len(sentence.text)))
    return [Sentence(sentence.article, sentence.index, sentence.start + a, sentence.start + b, sentence.text[a:b])
            for a, b in pieces if sentence.text[a:b].strip()]


def _status_massing(sentences: list[Sentence], outlet) -> list[Conflict]:
    massing = [s for s in sentences if _MASSING.search(s.text) and not _NEGATED.search(s.text)]
    withdrawing = [s for s in sentences if _WITHDRAWING.search(s.text) and not re.search(
        r"\b(?:demand|demanded|must|should|calls? for|urged?)\b", s.text, re.I)]
    return _opposed("status", "whether troops were being massed or withdrawn at the border", massing, withdrawing,
                    lambda one, other: f"{_names(one, outlet)} report troops being massed; {_names(other, outlet)} "
                                       "say they were being withdrawn")


def committed(text: str) -> str:
    """The text without its non-committal phrases ("neither confirms nor denies"), for the denial cues."""
    return _NONCOMMITTAL.sub(" ", text)


def _denials(sentences: list[Sentence], outlet) -> list[Conflict]:
    found = []
    by_article: dict[str, list[Sentence]] = {}
    for s in sentences:
        by_article.setdefault(s.article, []).append(s)
    for items in by_article.values():
        used: set[int] = set()
        for i, s in enumerate(items):
            if i in used or not _DENIAL_CUE.search(committed(s.text)) or _CLAIM_CUE.search(s.text) and not _ANAPHORIC_OBJECT.search(s.text):
                continue
            claims = [c for c in items[max(0, i - _DENIAL_WINDOW):i]
                      if _CLAIM_CUE.search(c.text) and not _DENIAL_CUE.search(committed(c.text))]
            if not claims and _ANAPHORIC_OBJECT.search(s.text):
                claims = [c for c in items[max(0, i - _REMARKS_WINDOW):i][-1:]
                          if _REPORTED_SPEECH.search(c.text) and not _DENIAL_CUE.search(committed(c.text)) and _shares_topic(s, [c])]
            if not claims or not (_ANAPHORIC_OBJECT.search(s.text) or _shares_topic(s, claims)):
                continue
            denial = [s]
            # A denial stated in general terms is often followed by its substance.
            if i + 1 < len(items) and _DENIAL_CUE.search(committed(items[i + 1].text)):
                denial.append(items[i + 1])
                used.add(i + 1)
            found.append(_conflict("denial", _topic(claims[0]), claims, denial,
                                   f"{_names(claims, outlet)} reports a claim that is denied in the same report"
                                   if len({c.article for c in claims + denial}) == 1 else
                                   "a claim and its denial"))
    return found


def _shares_topic(denial: Sentence, claims: list[Sentence]) -> bool:
    words = {w.lower() for w in re.findall(r"[A-Za-z]{5,}", denial.text)}
    return any(words & {w.lower() for w in re.findall(r"[A-Za-z]{5,}", c.text)} for c in claims)


def _topic(sentence: Sentence) -> str:
    """What the claim says: a quotation before who said it, else the words after its claim cue, else
    after its verb of speech ("On Thursday, Mr. Moon said Mr. Kim had ..." is the claim that Mr. Kim
    had ...), else the sentence."""
    quoted = QUOTATION_THEN_SPEAKER.match(sentence.text.strip().rstrip("."))
    if quoted:
        return "the claim that " + clipped(lower_opener(quoted.group("quotation")))
    match = _CLAIM_CUE.search(sentence.text) or _REPORTED_SPEECH.search(sentence.text)
    tail = sentence.text[match.end():].strip(" .") if match else ""
    # "accused the government of ignoring warnings": the claim that the government was ignoring warnings.
    accused = _ACCUSED_OF.match(tail) if match and match.group().lower() in ("accused", "accuses") else None
    if accused:
        tail = f"{accused['who']} {'were' if accused['who'].lower().endswith('s') else 'was'} {tail[accused.end():]}"
    if len(tail.split()) < 4:  # '"We will go," he said.': the cue ends the sentence
        tail = sentence.text.strip(" .")
    return "the claim that " + clipped(lower_opener(re.sub(r"^(?:to have |that )", "", tail)))


_ACCUSED_OF = re.compile(r"(?P<who>(?:\S+ ){0,5}?\S+) of (?=\w+ing\b)")


def lower_opener(text: str) -> str:
    """The text with its first word lower-cased when that is a common opener, not a name."""
    first = text.split(" ", 1)[0]
    return first.lower() + text[len(first):] if first in COMMON_OPENERS else text


def clipped(text: str, limit: int = 120) -> str:
    """The text, or its words that fit in `limit` characters and "…" (never half a word: "the
    withdrawal of American troops from the Ko")."""
    if len(text) <= limit:
        return text
    cut = text[:limit + 1].rsplit(" ", 1)[0] if " " in text[:limit + 1] else text[:limit]
    return cut.rstrip(" ,;:–—-") + "…"


def _scope(sentences: list[Sentence], outlet) -> list[Conflict]:
    broad, narrow = [], []
    for s in sentences:
        if not _MEASURE.search(s.text) or _HYPOTHETICAL.search(s.text) and not _NEGATED.search(s.text):
            continue
        broad_hit = _BROAD.search(s.text)
        if _NARROW.search(s.text) or broad_hit and _NEGATED.search(s.text[:broad_hit.start()][-40:]):
            narrow.append(s)
        elif broad_hit:
            broad.append(s)
    return _opposed("scope", "how far the sanctions go", broad, narrow,
                    lambda one, other: f"{_names(one, outlet)} describe broad sanctions; {_names(other, outlet)} "
                                       "describe targeted ones, short of the broader package")


def _characterisation(sentences: list[Sentence], outlet) -> list[Conflict]:
    sentences = [c for s in sentences for c in _clauses(s)]
    asserted = [s for s in sentences if _ASSERTED.search(s.text) and not _DENIED.search(s.text)
                and not _HYPOTHETICAL.search(_ASSERTED.search(s.text).group(0))]
    denied = [s for s in sentences if _DENIED.search(s.text)]
    if not asserted or not denied:
        return []
    label = re.search(_LABELS, _ASSERTED.search(asserted[0].text).group(0), re.I).group(0).lower()
    return [_conflict("characterisation", f"whether this is an {label}" if label[0] in "aeiou" else
                      f"whether this is a {label}", asserted, denied,
                      f"called an {label} in {_names(asserted, outlet)}; said not to be one in {_names(denied, outlet)}")]


def _numeric(extraction, alignment, sentences: list[Sentence], outlet, articles=()) -> list[Conflict]:
    """Per fact and thing counted, figures that fall into groups no approximation joins:
    one conflict whose sides are those groups."""
    found = []
    figures_now = current_figures(extraction)
    context = FigureContext(extraction, articles)
    for fact in alignment.facts:
        if len(fact.articles) < 2:
            continue
        spans = [(e.article, e.start, e.end) for e in fact.evidence]
        quantities = [q for q in figures_now if q.of and any(
            q.article == a and s <= q.start and q.end <= e for a, s, e in spans)]
        by_thing: dict[str, list] = {}
        for q in quantities:
            by_thing.setdefault(thing_key(q.of), []).append(q)
        for thing, figures in by_thing.items():
            groups: list[list] = []
            for q in sorted(figures, key=lambda q: q.value):
                if groups and all(_compatible(q, other) for other in groups[-1]):
                    groups[-1].append(q)
                else:
                    groups.append([q])
            if len(groups) < 2 or len({q.article for q in figures}) < 2:
                continue
            if counts_two_things(figures):
                continue
            if all(context.apart(a, b) for x, y in combinations(groups, 2) for a in x for b in y if a.article != b.article):
                continue  # no two reports count the same thing
            sides = [[s for q in group for s in sentences if s.article == q.article and s.start <= q.start < s.end]
                     for group in groups]
            if any(set(sides[0]) & set(other) for other in sides[1:]):
                continue  # one sentence counting two things ("2 killed and 12 wounded") is no conflict
            explanation = "; ".join(", ".join(f"{q.text} ({outlet[q.article]})" for q in group) for group in groups)
            conflict = _conflict("numeric", figure_about(written_head(figures)), sides[0], sides[1], explanation)
            found.append(Conflict(conflict.id, conflict.kind, conflict.about,
                                  tuple(_side(side) for side in sides), conflict.explanation))
    return found


# "Turnout was 61 percent, down from 67 percent in 2022": the figure after "from" is the one before
# a change, not what the sentence reports now.
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:about\s+|around\s+|nearly\s+|some\s+)?$", re.I)


# "Environmental groups had called for a cut of at least 45 percent": a figure someone wants, not one that is.
_WANTED_BEFORE = re.compile(r"\b(?:call(?:s|ed|ing)? for|demand(?:s|ed|ing)?|urg(?:e|es|ed|ing)|push(?:es|ed|ing)? for"
                            r"|ask(?:s|ed|ing)? for|propos(?:e|es|ed|ing)|want(?:s|ed|ing)?|seek(?:s|ing)?|sought)\b"
                            r"[^,;.]{0,50}$", re.I)


def current_figures(extraction) -> list:
    """The counted figures of an event, less those a change starts from when their sentence gives the
    figure the change reached ("down from 67 percent" beside "61 percent"), and those a demand or a
    proposal names ("called for a cut of 45 percent")."""
    sentences = {}
    for s in extraction.sentences:
        sentences.setdefault(s.article, []).append(s)
    counted = [q for q in extraction.quantities if q.of]
    out = []
    for q in counted:
        sentence = next((s for s in sentences.get(q.article, ()) if s.start <= q.start < s.end), None)
        if sentence is not None and _FROM_BEFORE.search(sentence.text[:q.start - sentence.start]) and any(
                o is not q and o.article == q.article and sentence.start <= o.start < sentence.end
                and thing_key(o.of) == thing_key(q.of) for o in counted):
            continue
        if sentence is not None and _WANTED_BEFORE.search(sentence.text[:q.start - sentence.start]):
            continue
        out.append(q)
    return out


def thing_key(of: str) -> str:
    """What a figure counts, as a key: its last word, lower-cased, no plural s ("secret files" -> "file")."""
    return of.lower().split()[-1].rstrip("s")


# Words of a reading on a scale ("a magnitude 6.8 earthquake"), which measures a thing rather than counts it;
# with a vote's tally, figures a dispute names as they are ("the tally", not "the number of tally").
_READINGS = {"magnitude", "category", "level"}
_SCALES = _READINGS | {TALLY}


def figure_about(head: str) -> str:
    """What two figures disagree about: "the number of files", "the magnitude" (a reading on a scale)."""
    return f"the {head}" if head.lower() in _SCALES else f"the number of {head}"


def written_head(figures) -> str:
    """The counted thing as the reports write it ("files", not the key "file"): the commonest last word."""
    return Counter(q.of.lower().split()[-1] for q in figures).most_common(1)[0][0]


# "tens of thousands", "hundreds of millions": a count of counts, held below the next magnitude.
_VAGUE_OF = re.compile(r"^(?:tens|dozens|hundreds|thousands|millions|scores) of\b", re.I)
# "Thousands", "dozens" alone: a writer's word for a count not worth a figure.
_VAGUE = re.compile(r"^(?:dozens|hundreds|thousands|millions|billions|scores)$", re.I)
# How far above its unit a writer still says "thousands": up to where "hundreds of thousands" begins
# (12,000 strikers are "thousands of dockworkers", 48 million accounts "millions of accounts").
_VAGUE_REACH = 100


# The figure as written, and the magnitude word after it ("2.4 million").
_WRITTEN_FIGURE = re.compile(r"(\d[\d,]*(?:\.\d+)?)(?:\s+(thousand|million|billion|trillion))?", re.I)
_MAGNITUDES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def _rounding(text: str) -> float | None:
    """Half the unit of the last significant digit a figure is written to: "38" 0.5, "12,000" 500,
    "6.8" 0.05, "2.4 million" 50,000; None for a figure in words."""
    match = _WRITTEN_FIGURE.search(text)
    if not match:
        return None
    digits = match.group(1).replace(",", "")
    whole, _, fraction = digits.partition(".")
    if fraction:
        unit = 10.0 ** -len(fraction)
    else:
        stripped = whole.rstrip("0")
        unit = 10.0 ** (len(whole) - len(stripped)) if stripped else 1.0
    return 0.5 * unit * _MAGNITUDES.get((match.group(2) or "").lower(), 1.0)


_SHORT_OF = re.compile(r"(?:nearly|almost|close to|just (?:under|short of))\b", re.I)


def _interval(q) -> tuple[float, float]:
    """The values a quantity allows: exact figures within rounding, approximations wider. "More than
    100,000" is read as a writer rounds down, not as any larger figure: under twice the figure
    (a writer with 1.8 million would say so); "tens of thousands" is 20,000 up to 100,000, and
    "thousands" alone 2,000 up to 100,000. "About 150" is 135 to 165 (a writer with 200 would round to
    it), "nearly 200" 170 to 200."""
    v = q.value
    text = q.text.strip()
    if q.approx == "at least" and _VAGUE_OF.match(text):
        return v * 2, v * 10
    if q.approx == "at least" and _VAGUE.match(text):
        return v * 2, v * _VAGUE_REACH
    rounding = _rounding(text) if q.approx == "exact" else None
    if rounding is not None:
        # Within 5 %, but never beyond what the figure is written to: "38 percent" is not "36 percent",
        # "6.8" not "6.6"; "300" still allows 285 to 315.
        high = q.high or v
        return v - min(0.05 * v, rounding), high + min(0.05 * high, rounding)
    if q.approx == "about" and _SHORT_OF.match(text):
        return v * 0.85, v  # "nearly 200", "almost 200": under 200, not far under
    return {"exact": (v * 0.95, (q.high or v) * 1.05), "about": (v * 0.9, v * 1.1),
            "at least": (v, v * 2), "at most": (0.0, v)}[q.approx]


def counts_two_things(figures) -> bool:
    """One report gives two figures of the thing that cannot both be its count: they count two things
    ("11 people were arrested", "35,000 people joined the march")."""
    return any(a.article == b.article and not _compatible(a, b) for a in figures for b in figures)


def _compatible(a, b) -> bool:
    if a.of == b.of == TALLY:
        return tally_of(a) == tally_of(b)  # "51-49" is not "50-50", however near the first counts
    (a_low, a_high), (b_low, b_high) = _interval(a), _interval(b)
    return a_low <= b_high and b_low <= a_high


# What befell the people a figure counts, read in the words around it ("killing at least 112 people", "More
# than 500 people were injured", "47 people had been detained"): figures of different fates count different
# people, however near their sentences.
_FATES = {
    "dead": re.compile(r"\b(?:kill\w*|dead|deaths?|died|dies|dying|fatalit\w*|perish\w*|lost their lives|bodies|toll)\b", re.I),
    "injured": re.compile(r"\b(?:injur\w*|wound\w*|hurt|hospitali[sz]\w*)\b", re.I),
    "displaced": re.compile(r"\b(?:homeless|displaced|evacuat\w*|fled|flee\w*|relocated|shelters?)\b", re.I),
    "held": re.compile(r"\b(?:arrest\w*|detain\w*|detention\w*|custody|jailed|held)\b", re.I),
    "missing": re.compile(r"\b(?:missing|unaccounted)\b", re.I),
    "rescued": re.compile(r"\b(?:rescu\w*|saved)\b", re.I),
}
_FATE_BEFORE_WORDS = 3
_FATE_AFTER_WORDS = 6
# A day named beside a figure ("a magnitude 5.1 aftershock struck on Wednesday", "rose to 340 on Thursday")
# dates what it counts; a day beside a verb of speech ("said on Monday that turnout was 61 percent") dates
# only the saying.
_DAY_REACH = 60  # characters from the figure
# Two reports' shares of one thing differ by points ("61 percent" / "58 percent", "80 percent of services" /
# "nine in ten trains"), not by this factor.
_SHARES_APART = 5
# Two counts of one thing, however far apart the sides ("about 3,000" / "tens of thousands"), are within this factor.
_COUNTS_APART = 100
_MEASURED_AFTER = re.compile(r"^(?:[\s-]*(?:magnitude|category|level))?\s*(?P<noun>[A-Za-z]{3,})\b")
_MEASURED_BEFORE = re.compile(r"\b(?P<noun>[A-Za-z]{3,}) of (?:a )?(?:magnitude|category|level)\s+$", re.I)
_STOP_AFTER_READING = {"and", "the", "for", "from", "with", "was", "were", "that", "which", "but", "had", "has",
                       "struck", "hit", "on", "in", "at", "according", "said"}
_SAID_BEFORE_DAY = re.compile(r"\b(?:said|says|told(?: \w+)?|announced|stated|reported|added|confirmed)\s+"
                              r"(?:on\s+|late\s+|early\s+)?$", re.I)


@dataclass(frozen=True, slots=True)
class _FigureReading:
    """What the words around one figure say of it: its sentence, the sentence's other figures, what a reading on a
    scale measures, the day beside it, what befell the people it counts."""

    sentence: Sentence | None
    siblings: tuple
    measured: str | None
    day: str | None
    fates: frozenset[str]


class FigureContext:
    """Where an event's figures stand: their sentences, the days beside them, what they measure and the fates of
    what they count. Two figures that disagree count different things (`apart`) when one's sentence also gives a
    figure the other agrees with ("87 percent of members backed strike action, on a turnout of 71 percent" beside
    "voted 87 percent in favour"), when they are far apart in size, when they read different things on a scale,
    when they are dated to different days, or when what befell the people they count differs."""

    def __init__(self, extraction, articles: Sequence[Article]):
        self.bodies = {a.id: a.body for a in articles}
        self.sentences = defaultdict(list)
        for s in extraction.sentences:
            self.sentences[s.article].append(s)
        self.quantities = defaultdict(list)
        for q in extraction.quantities:
            self.quantities[q.article].append(q)
        self.days = defaultdict(list)
        for t in extraction.times:
            if t.granularity == "day" and t.date:
                self.days[t.article].append(t)
        self._read: dict[tuple[str, int], _FigureReading] = {}

    def _reading(self, q) -> "_FigureReading":
        """What the words around a figure say of it, read once per figure (`apart` compares every pair)."""
        key = (q.article, q.start)
        if key not in self._read:
            s = next((s for s in self.sentences.get(q.article, ()) if s.start <= q.start < s.end), None)
            siblings = tuple(f for f in self.quantities.get(q.article, ())
                             if s is not None and f.start != q.start and s.start <= f.start < s.end)
            self._read[key] = _FigureReading(s, siblings, self._measured(q), self._day(q, s), self._fates(q, s))
        return self._read[key]

    def apart(self, qa, qb) -> bool:
        ra, rb = self._reading(qa), self._reading(qb)
        for q, r, other in ((qa, ra, qb), (qb, rb, qa)):
            # The sentence's other figures of the thing. (A figure of nothing named is another voice's count
            # of it: "Police said about 5,000 people took part, while organisers put the turnout at 50,000.")
            if any(_compatible(f, other) and f.of and thing_key(f.of) == thing_key(q.of) for f in r.siblings):
                return True
        # (None against some, "no deaths had been confirmed" / "at least three deaths", is a dispute.)
        low, high = min(qa.value, qb.value), max(qa.value, qb.value)
        if low > 0 and qa.of == qb.of == "percent" and low * _SHARES_APART < high:
            return True  # "nine in ten trains" and "offered 4.5 percent": shares of two things
        if low > 0 and low * _COUNTS_APART < high:
            return True  # "$61.40" a share and "$1.1 billion" of market value; 64 passengers, 3.2 million a year
        if ra.measured and rb.measured and not (ra.measured.endswith(rb.measured) or rb.measured.endswith(ra.measured)):
            return True  # "a magnitude 5.4 aftershock" and "the magnitude 6.8 quake" read two shocks
        if bool(ra.measured) != bool(rb.measured):
            measured, other = (ra.measured, rb.sentence) if ra.measured else (rb.measured, ra.sentence)
            if other is not None and measured not in other.text.lower():
                return True  # "a magnitude 5.1 aftershock" and a sentence that names no aftershock
        if ra.day and rb.day and ra.day != rb.day:
            return True
        return ra.fates != rb.fates

    def _measured(self, q) -> str | None:
        """What a reading on a scale measures, where the words say: the noun after it ("a magnitude 5.4
        aftershock", "a 6.8-magnitude quake") or the one it is "of" ("aftershocks of magnitude 5.4")."""
        if q.of not in _READINGS:
            return None
        body = self.bodies.get(q.article, "")
        after = _MEASURED_AFTER.match(body[q.end:q.end + 40])
        if after and after["noun"].lower() not in _STOP_AFTER_READING:
            return after["noun"].lower().rstrip("s")
        before = _MEASURED_BEFORE.search(body[max(0, q.start - 40):q.start])
        return before["noun"].lower().rstrip("s") if before else None

    def _day(self, q, s) -> str | None:
        """The day nearest the figure in its sentence, within reach ("aftershocks of magnitude 5.4 on Tuesday and
        5.1 on Wednesday": Tuesday for 5.4, Wednesday for 5.1), unless it dates a saying."""
        body = self.bodies.get(q.article, "")
        low, high = (s.start, s.end) if s is not None else (q.start, q.end)
        near = [(min(abs(t.start - q.end), abs(q.start - t.end)), t) for t in self.days.get(q.article, ())
                if low <= t.start < high and not _SAID_BEFORE_DAY.search(body[max(low, t.start - 40):t.start])]
        near = [(gap, t) for gap, t in near if gap <= _DAY_REACH]
        return min(near, key=lambda item: item[0])[1].date if near else None

    def _fates(self, q, s) -> frozenset[str]:
        body = self.bodies.get(q.article, "")
        low, high = (s.start, s.end) if s is not None else (q.start, q.end)
        before = " ".join(re.split(r"[,;.]", body[low:q.start])[-1].split()[-_FATE_BEFORE_WORDS:])
        after = " ".join(re.split(r"[,;.]", body[q.end:high])[0].split()[:_FATE_AFTER_WORDS])
        return frozenset(fate for fate, cue in _FATES.items() if cue.search(before) or cue.search(after))
