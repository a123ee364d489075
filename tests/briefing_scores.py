"""Scoring a briefing against a careful reader's gold (format heldout-briefing/1, `../shared/dev/gold/`).

Used by `benchmarks/briefing_eval.py` (figures per event, and the pairs it counts wrong) and by
`test_dev_gate.py` (the same figures against floors pinned in `quality_baseline.json`).

The gold's snippets are substrings of the article *files* with whitespace runs collapsed; our
spans are offsets into each article's cleaned body. Both are placed in the collapsed body, and a
predicted span *states* a gold snippet when they overlap by at least half the shorter of the two
(a clause of a gold sentence, or a sentence holding a gold clause, both count).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "dev"
DEV_EVENTS = ("event_1", "event_2", "event_5", "event_9")
OVERLAP = 0.5

_WS = re.compile(r"\s+")


def collapsed_with_map(text: str) -> tuple[str, list[int]]:
    """`text` with whitespace runs collapsed to one space, and for each character of the result
    its offset in `text`."""
    out, where = [], []
    i = 0
    for match in _WS.finditer(text):
        for k in range(i, match.start()):
            out.append(text[k])
            where.append(k)
        out.append(" ")
        where.append(match.start())
        i = match.end()
    for k in range(i, len(text)):
        out.append(text[k])
        where.append(k)
    return "".join(out), where


@dataclass
class ArticleIndex:
    """One article's collapsed body, to place gold snippets and our spans in one coordinate system."""

    name: str
    body: str
    collapsed: str = ""
    where: list[int] = field(default_factory=list)

    def __post_init__(self):
        self.collapsed, self.where = collapsed_with_map(self.body)

    def locate(self, snippet: str) -> tuple[int, int] | None:
        """The body span of a gold snippet, or None when the body does not hold it (a title line)."""
        snippet = _WS.sub(" ", snippet).strip()
        at = self.collapsed.find(snippet)
        if at < 0:
            # The reader quoted the paragraph with its dateline, which cleaning takes off the body.
            from newsprism.clean import _split_dateline

            snippet = _split_dateline(snippet)[2]
            at = self.collapsed.find(snippet) if snippet else -1
        if at < 0:
            return None
        return self.where[at], self.where[at + len(snippet) - 1] + 1


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared >= OVERLAP * min(a[1] - a[0], b[1] - b[0])


@dataclass
class GoldEvent:
    """A gold file with every snippet placed in its article's body."""

    name: str
    gold: dict
    articles: dict[str, object]  # file name -> Article
    index: dict[str, ArticleIndex]
    fact_spans: dict[str, dict[str, list[tuple[int, int]]]]  # fact id -> file -> spans
    unplaced: list[str]

    @classmethod
    def load(cls, name: str, gold: dict, articles: dict[str, object]) -> "GoldEvent":
        index = {n: ArticleIndex(n, a.body) for n, a in articles.items()}
        unplaced: list[str] = []
        fact_spans: dict[str, dict[str, list[tuple[int, int]]]] = {}
        for fact in gold.get("facts", []):
            per: dict[str, list[tuple[int, int]]] = {}
            for file, snippets in (fact.get("evidence") or {}).items():
                for snippet in snippets:
                    span = index[file].locate(snippet) if file in index else None
                    if span is None:
                        unplaced.append(f"{fact['id']} {file}: {snippet[:60]}")
                    else:
                        per.setdefault(file, []).append(span)
            fact_spans[fact["id"]] = per
        return cls(name, gold, articles, index, fact_spans, unplaced)

    def file_of(self, article_id: str) -> str | None:
        for n, a in self.articles.items():
            if a.id == article_id:
                return n
        return None

    def facts_stated(self, file: str, span: tuple[int, int]) -> set[str]:
        return {fid for fid, per in self.fact_spans.items() for g in per.get(file, ()) if overlaps(span, g)}

    def snippet_spans(self, files, snippets) -> list[tuple[str, tuple[int, int]]]:
        """Where a dispute side's snippets sit: in the side's articles, else in any article."""
        out = []
        for snippet in snippets:
            found = [(f, self.index[f].locate(snippet)) for f in files if f in self.index]
            found = [(f, s) for f, s in found if s]
            if not found:
                found = [(f, s) for f in self.index for s in [self.index[f].locate(snippet)] if s]
            out += found
        return out


def fact_scores(event: GoldEvent, facts) -> dict:
    """Recall and precision of the predicted facts against the gold's exhaustive evidence lists."""
    multi = [f for f in facts if len(f.articles) > 1]
    stated = [[(event.file_of(e.article), event.facts_stated(event.file_of(e.article), (e.start, e.end)))
               for e in f.evidence] for f in multi]
    recall_parts = []
    for fact in event.gold["facts"]:
        files = set(event.fact_spans[fact["id"]])
        if len(files) < 2:
            continue
        best = 0.0
        for items in stated:
            covered = {file for file, ids in items if fact["id"] in ids}
            best = max(best, len(covered & files) / len(files))
        recall_parts.append(best)
    right = wrong = 0
    wrong_pairs = []
    for f, items in zip(multi, stated):
        for i in range(len(items)):
            for j in range(i + 1, len(items)):
                (fa, a), (fb, b) = items[i], items[j]
                if fa == fb or not (a or b):
                    continue
                if a & b:
                    right += 1
                else:
                    wrong += 1
                    wrong_pairs.append((f.evidence[i].text, sorted(a), f.evidence[j].text, sorted(b)))
    return {
        "fact_recall": sum(recall_parts) / len(recall_parts) if recall_parts else 0.0,
        "fact_precision": right / (right + wrong) if right + wrong else 0.0,
        "fact_pairs_right": right, "fact_pairs_wrong": wrong, "_recall_parts": recall_parts,
        "_wrong_pairs": wrong_pairs,
    }


def _covers(side, spans: list[tuple[str, tuple[int, int]]], event: GoldEvent) -> bool:
    return any(event.file_of(e.article) == file and overlaps((e.start, e.end), span)
               for e in side.evidence for file, span in spans)


def dispute_scores(event: GoldEvent, conflicts, facts) -> dict:
    """Gold disputes found (one conflict covering a snippet of each side on opposite sides), and
    agreed facts whose evidence joins both sides of one gold dispute."""
    found, missed, joined, matched = 0, [], [], set()
    for dispute in event.gold.get("disputes", []):
        a, b = dispute["sides"][:2]
        spans_a = event.snippet_spans(a["articles"], a["snippets"])
        spans_b = event.snippet_spans(b["articles"], b["snippets"])
        hits = [c.id for c in conflicts if len(c.sides) >= 2 and any(
            _covers(c.sides[x], spans_a, event) and _covers(c.sides[y], spans_b, event)
            for x in range(len(c.sides)) for y in range(len(c.sides)) if x != y)]
        matched.update(hits)
        hit = bool(hits)
        found += hit
        if not hit:
            missed.append(f"{dispute['id']} {dispute['kind']}: {dispute['about']}")
        else:
            kinds = sorted({c.kind for c in conflicts if c.id in hits})
            missed.append(f"(found {dispute['id']} {dispute['kind']} as {', '.join(kinds)}: {dispute['about'][:60]})")
        for f in facts:
            if f.status in ("consensus", "corroborated") and _covers(f, spans_a, event) and _covers(f, spans_b, event):
                joined.append(f"{dispute['id']} in fact {f.id}: {f.text[:80]}")
    total = len(event.gold.get("disputes", []))
    return {"disputes_found": found / total if total else 1.0, "disputes_found_count": found,
            "disputes_total": total, "agreed_facts_joining_dispute_sides": len(joined),
            "conflicts_reported": len(conflicts), "conflicts_matching_no_gold": len([c for c in conflicts if c.id not in matched]),
            "_unmatched_conflicts": [f"{c.kind}: {c.about[:70]} | " + " || ".join(
                "; ".join(e.text[:70] for e in side.evidence[:2]) for side in c.sides) for c in conflicts if c.id not in matched],
            "_missed_disputes": missed, "_joined": joined}


def _fold(name: str) -> str:
    return re.sub(r"[^a-z ]", "", name.lower().replace("’", "'")).strip()


def speaker_matches(gold_speaker: str, ours: str, aliases: set[str]) -> bool:
    """A named gold speaker matches our canonical name, an alias, or the same surname and no
    different first name; an anonymous one matches any description we call anonymous."""
    members = re.split(r",\s*(?:and\s+)?|\s+and\s+", gold_speaker)
    if len(members) > 1:  # a joint statement: any of its signatories is its speaker
        return any(speaker_matches(m, ours, aliases) for m in members if m)
    if gold_speaker.startswith("anonymous"):
        return ours.startswith("anonymous") or ours.lower().startswith(("a ", "an ", "the ", "one "))
    g, o = _fold(gold_speaker), _fold(ours)
    if g == o or g in {_fold(a) for a in aliases}:
        return True
    gw, ow = g.split(), o.split()
    if not gw or not ow or gw[-1] != ow[-1]:
        return False
    return len(ow) == 1 or len(gw) == 1 or gw[0] == ow[0]


def quote_scores(event: GoldEvent, extraction) -> dict:
    aliases = {a.id: {a.name, *a.aliases} for a in extraction.actors}
    by_file = defaultdict(list)
    for q in extraction.quotes:
        by_file[event.file_of(q.article)].append(q)
    found = right = 0
    wrong = []
    golds = [q for q in event.gold.get("quotes", []) if q.get("kind", "direct") == "direct"]
    for want in golds:
        span = event.index[want["article"]].locate(want["snippet"]) if want["article"] in event.index else None
        if span is None:
            continue
        match = [q for q in by_file[want["article"]] if q.kind in ("direct", "mixed") and overlaps((q.start, q.end), span)]
        if not match:
            continue
        found += 1
        # A quotation inside another overlaps the gold snippet with both: the one that fits it best.
        q = max(match, key=lambda q: (min(q.end, span[1]) - max(q.start, span[0])) / (max(q.end, span[1]) - min(q.start, span[0])))
        if speaker_matches(want["speaker"], q.speaker, aliases.get(q.actor, set())):
            right += 1
        else:
            wrong.append(f"{want['article']}: gold {want['speaker']!r}, ours {q.speaker!r}: {want['snippet'][:60]}")
    return {"direct_quotes_found": found / len(golds) if golds else 1.0,
            "speaker_accuracy": right / found if found else 0.0,
            "quotes_found_count": found, "quotes_total": len(golds), "_wrong_speakers": wrong}


def single_outlet_scores(event: GoldEvent, briefing) -> dict:
    """The briefing's "Only one outlet" lists against the gold's notable single-outlet claims: how many
    of those are listed, and how many listed items are sentences the gold lists under a fact that
    several outlets state (not one outlet's at all)."""
    listed = [(event.file_of(e.article), (e.start, e.end)) for facts in briefing.single.values() for f in facts
              for e in f.evidence]
    wanted = [(w["article"], event.index[w["article"]].locate(w["snippet"])) for w in event.gold.get("single_outlet", [])
              if w["article"] in event.index]
    wanted = [(file, span) for file, span in wanted if span is not None]
    found = sum(any(f == file and overlaps(s, span) for f, s in listed) for file, span in wanted)
    return {"single_outlet_found_count": found, "single_outlet_total": len(wanted),
            "single_outlet_listed": len(listed),
            "single_outlet_listed_in_gold_facts": sum(bool(event.facts_stated(f, s)) for f, s in listed)}


def load_dev_event(event_dir: str):
    """(gold, {file name: Article}) of one dev event."""
    from newsprism.pipeline import read_articles

    gold = json.loads((DEV / "gold" / f"newswcl50_{event_dir}.json").read_text(encoding="utf-8"))
    outcome = read_articles([str(DEV / "newswcl50" / event_dir)])
    return gold, outcome


def score_event(name: str, gold: dict, outcome, analysis, briefing) -> dict:
    articles = {Path(a.source).name: a for a in analysis.articles}
    event = GoldEvent.load(name, gold, articles)
    scores = {"event": name}
    scores |= fact_scores(event, analysis.alignment.facts)
    scores |= dispute_scores(event, analysis.conflicts, analysis.alignment.facts)
    scores |= quote_scores(event, analysis.extraction)
    scores |= single_outlet_scores(event, briefing)
    gold_items = len(gold.get("facts", [])) + len(gold.get("single_outlet", []))
    scores["facts_reported"] = len(briefing_facts(analysis))
    scores["facts_allowed"] = 3 * gold_items
    scores["title"] = briefing.title
    scores["gold_title"] = gold.get("event", {}).get("title", "")
    scores["_unplaced"] = event.unplaced
    if analysis.framing is not None and (DEV / "gold" / f"newswcl50_{name}.concepts.json").is_file():
        scores |= camp_scores(analysis) | word_choice_scores(name, analysis)
    return scores


def briefing_facts(analysis) -> list:
    """The facts the report lists (`facts[]`)."""
    return list(analysis.alignment.facts)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def pooled(results: list[dict]) -> dict:
    """Figures over all events together: pairs and items pooled, recall averaged over gold facts."""
    right = sum(r["fact_pairs_right"] for r in results)
    wrong = sum(r["fact_pairs_wrong"] for r in results)
    disputes = sum(r["disputes_total"] for r in results)
    quotes = sum(r["quotes_found_count"] for r in results)
    speakers = sum(r["speaker_accuracy"] * r["quotes_found_count"] for r in results)
    golds = sum(r["quotes_total"] for r in results)
    return {
        "fact_recall": _mean([p for r in results for p in r["_recall_parts"]]),
        "fact_precision": right / (right + wrong) if right + wrong else 0.0,
        "disputes_found": sum(r["disputes_found_count"] for r in results) / disputes if disputes else 1.0,
        "agreed_facts_joining_dispute_sides": sum(r["agreed_facts_joining_dispute_sides"] for r in results),
        "conflicts_matching_no_gold": sum(r["conflicts_matching_no_gold"] for r in results)
        / max(1, sum(r["conflicts_reported"] for r in results)),
        "direct_quotes_found": quotes / golds if golds else 1.0,
        "speaker_accuracy": speakers / quotes if quotes else 0.0,
        "facts_over_allowance": max(r["facts_reported"] / r["facts_allowed"] for r in results),
        "single_outlet_claims_listed": sum(r["single_outlet_found_count"] for r in results)
        / max(1, sum(r["single_outlet_total"] for r in results)),
        "single_outlet_items_stating_gold_facts": sum(r["single_outlet_listed_in_gold_facts"] for r in results)
        / max(1, sum(r["single_outlet_listed"] for r in results)),
    } | _pooled_framing([r for r in results if "concepts_recovered" in r])


def _pooled_framing(results: list[dict]) -> dict:
    """Framing figures: camps and confirmed naming differences per event at their lowest,
    concepts recovered and concept precision over all events together."""
    if not results:
        return {}
    differing = sum(len(r["_differing"]) for r in results)
    return {
        "quoted_words_in_camps_lowest_event": min(r["quoted_words_in_camps"] for r in results),
        "concepts_recovered": sum(len(r["_recovered"]) for r in results) / differing if differing else 1.0,
        "concepts_recovered_lowest_event": min(r["concepts_recovered"] for r in results),
        "concept_precision": _mean([r["concept_precision"] for r in results]),
        "naming_differences_confirmed_lowest_event": min(r["naming_differences_confirmed"] for r in results),
    }


# --- framing: camps and word choice -------------------------------------------------------------

# Concept types of the corpus's annotation that name an actor, group, place, object, action or
# issue; PROPERTY concepts are evaluative phrases ("Affection", "Unreason"), matched by labels.
CONCEPT_TYPES = {"ACTOR", "ACTOR-I", "COUNTRY", "GROUP", "OBJECT", "EVENT", "ACTION", "MISC"}
_QUOTE_MARKS = re.compile(r"``|''|[“”\"‘’`]")
_LEADING = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our"}
_LINKING = {"into", "with", "of", "to", "about", "for", "on", "against", "by", "from", "between", "at", "in"}


def camp_scores(analysis) -> dict:
    """The share of direct and mixed quoted words whose speaker the event places in a camp."""
    camps = analysis.framing.camps
    total = placed = 0
    for q in analysis.extraction.quotes:
        if q.kind in ("direct", "mixed"):
            n = len(q.text.split())
            total += n
            placed += n if q.speaker in camps.of_speaker else 0
    return {"quoted_words_in_camps": placed / total if total else 1.0}


def _norm_mention(text: str) -> str:
    words = _QUOTE_MARKS.sub("", text).replace("-LSB-", "").replace("-RSB-", "").lower().split()
    while words and words[0] in _LEADING:
        words = words[1:]
    return " ".join(w.strip(".,;:") for w in words)


def _mention_matches(ours: str, gold: str) -> bool:
    """Same wording, or one inside the other with at least half the longer's words."""
    if not ours or not gold:
        return False
    if ours == gold:
        return True
    short, long_ = sorted((ours, gold), key=len)
    if not (f" {short} " in f" {long_} " and len(short.split()) * 2 >= len(long_.split())
            and short.split()[-1] == long_.split()[-1]):  # the same head: "comey" is not "comey memos"
        return False
    extra = set(long_.split()) - set(short.split())
    return not extra & _LINKING  # "investigation into mr flynn" is an event, not "mr flynn"


def _gold_owner(ours: str, outlet: str | None, gold_mentions: dict) -> str | None:
    """The gold concept one of our mentions belongs to: the concept listing it word for word under
    that outlet, else the one listing a mention it matches by containment; None when no concept or
    several do (the annotation lists some strings under two concepts: "north korea" under PRK and
    USA; such a mention tells nothing about which concept we found)."""
    exact = {c for c, by_outlet in gold_mentions.items() if ours in by_outlet.get(outlet, ())}
    if not exact:
        exact = {c for c, by_outlet in gold_mentions.items()
                 if any(_mention_matches(ours, g) for g in by_outlet.get(outlet, ()))}
    return next(iter(exact)) if len(exact) == 1 else None


def word_choice_scores(name: str, analysis) -> dict:
    """Word choice against the corpus's own annotation (`<event>.concepts.json`).

    A gold concept counts when its mentions differ across at least two outlets. Recovered: a
    reported concept whose variants match mentions of that gold concept from two or more outlets
    and no mention of another gold concept. Precision: of the reported concepts matching any gold
    mention, the share matching one gold concept only. A mention belongs to the gold concept that
    lists it under its outlet (`_gold_owner`). Confirmed differences: an outlet's own wording of a
    reported concept that the gold lists under that outlet for a concept two or more outlets name."""
    path = DEV / "gold" / f"newswcl50_{name}.concepts.json"
    gold = json.loads(path.read_text(encoding="utf-8"))["concepts"]
    outlet_of = {a.id: Path(a.source).stem.split("_", 1)[-1] for a in analysis.articles}
    gold_mentions = {c: {o: {_norm_mention(m) for m in ms} for o, ms in v["mentions"].items()}
                     for c, v in gold.items() if v["type"] in CONCEPT_TYPES}
    differing = {c for c, by_outlet in gold_mentions.items()
                 if len(by_outlet) >= 2 and len({frozenset(ms) for ms in by_outlet.values()}) >= 2}
    concepts = analysis.framing.concepts
    recovered, matching_any, pure, confirmed = set(), 0, 0, 0
    for concept in concepts:
        hits: dict[str, set[str]] = defaultdict(set)  # gold concept -> outlets matched
        for aid, variants in concept.variants.items():
            outlet = outlet_of.get(aid)
            for v in variants:
                owner = _gold_owner(_norm_mention(v["text"]), outlet, gold_mentions)
                if owner:
                    hits[owner].add(outlet)
        if not hits:
            continue
        matching_any += 1
        if len(hits) == 1:
            pure += 1
            (c, outlets), = hits.items()
            if c in differing and len(outlets) >= 2:
                recovered.add(c)
        for aid, items in concept.only.items():
            outlet = outlet_of.get(aid)
            for item in items:
                owner = _gold_owner(_norm_mention(item["text"]), outlet, gold_mentions)
                if owner and len(gold_mentions[owner]) >= 2:
                    confirmed += 1
    return {"concepts_recovered": len(recovered & differing) / len(differing) if differing else 1.0,
            "concept_precision": pure / matching_any if matching_any else 0.0,
            "naming_differences_confirmed": confirmed, "concepts_reported": len(concepts),
            "_recovered": sorted(recovered), "_differing": sorted(differing)}
