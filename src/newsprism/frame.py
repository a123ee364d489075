"""How each outlet frames the story, item by item, each with its evidence span.

- naming: which spelling of a place with several (Kyiv / Kiev) each article uses,
  from the gazetteer; and, for every actor, group, object or issue the event's
  articles name (`wording.word_choice`), the words only that outlet uses for it;
- scare quotes: a short term in quotation marks that no speaker is given for
  (verbs of distancing such as "claimed" do not count as giving one); and the
  same terms used without quotation marks by other articles;
- labels: loaded wording, in the outlet's own voice or inside someone's quote:
  delegitimising phrases (so-called, self-proclaimed, "statelets", "visibly
  angry"), epithets ("regime", "thugs"), expressions of doubt, evaluative and
  puffing adjectives, charged verbs ("slammed"), editorializing adverbs; the
  lists are in `data/loaded_terms.json` (see `scripts/build_loaded_terms.py`
  for where each comes from);
- unnamed sources: "critics say", "analysts say", "some Western leaders";
- voices: each camp's share of the words in direct and mixed quotes, the camps
  found from the event itself (`camps.find_camps`), and the camps an article
  leaves without a voice;
- omissions: consensus and corroborated facts the article does not carry.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from newsprism.camps import find_camps
from newsprism.wording import word_choice
from newsprism.extract.nlp import gazetteer
from newsprism.extract.quotes import SPEECH_VERBS, quoted_spans
from newsprism.model import UNPLACED, Article, Camps, Concept

__all__ = ["ArticleFraming", "Framing", "frame"]

# Comparison lines on word choice: the concepts the most articles name whose wording splits.
WORD_CHOICE_LINES = 6
# An unnamed source's clause is cut after this many words.
UNNAMED_CLAUSE_WORDS = 12
# A camp with this share of the event's quoted words is a side an article can leave silent.
SILENT_SIDE_SHARE = 0.1
# Quoted terms longer than this are quotations, not a marked term.
SCARE_QUOTE_MAX_WORDS = 2
_DISTANCING = {"claim", "allege", "purport", "dub", "call", "brand", "label", "term", "describe"}
# "so-called X", "self-proclaimed X" (X with the capitalised words of its name), "visibly angry X",
# and diminutives of statehood ("statelets").
_DELEGITIMISING = re.compile(
    r"\b(?i:so-called|self-proclaimed|self-styled|self-declared|puppet|pseudo-\w+|would-be)\s+"
    r"(?:[“\"‘'][^“”\"‘’'\n]{1,60}[”\"’']|[\w’'-]+(?:\s+(?:and\s+)?[A-Z][\w’'-]*){0,4})"
    r"|\b(?i:visibly)\s+(?i:angry|furious|upset|nervous|shaken|irritated|annoyed|emotional|agitated|tense)\s+\w+"
    r"|\b[\w-]+\s+(?i:statelets|mini-states|fiefdoms)\b")
_UNNAMED = re.compile(
    r"\b(?:[Cc]ritics|[Aa]nalysts|[Ee]xperts|[Oo]bservers|[Cc]ommentators|[Ss]ources|[Ii]nsiders"
    r"|[Ss]ome (?:\w+ )?(?:leaders|officials|analysts|diplomats|observers|experts|critics)"
    r"|[Mm]any (?:\w+ )?(?:analysts|experts|observers))"
    r"(?: also| have| had| now)?\s+(?:say|says|said|saying|accuse|accused|believe|believed|argue|argued|claim|"
    r"claimed|warn|warned|note|noted|suggest|suggested|contend|fear)\b")
_SINGLE_QUOTED = re.compile(r"(?<![\w’'])[‘']([^‘’'\n]{1,40}?)[’'](?![\w’'])")


@dataclass(frozen=True, slots=True)
class ArticleFraming:
    outlet: str | None
    naming: dict[str, object] = field(default_factory=dict)
    scare_quotes: tuple[dict, ...] = ()
    unquoted_terms: tuple[dict, ...] = ()
    labels: tuple[dict, ...] = ()
    unnamed_sources: tuple[dict, ...] = ()
    voices: dict[str, float] = field(default_factory=dict)
    speakers: tuple[str, ...] = ()
    silent_sides: tuple[str, ...] = ()
    omissions: tuple[str, ...] = ()

    def to_record(self) -> dict:
        return {"outlet": self.outlet, "naming": self.naming, "scare_quotes": list(self.scare_quotes),
                "unquoted_terms": list(self.unquoted_terms), "labels": list(self.labels),
                "unnamed_sources": list(self.unnamed_sources), "voices": self.voices,
                "speakers": list(self.speakers), "silent_sides": list(self.silent_sides),
                "omissions": list(self.omissions)}


@dataclass(frozen=True, slots=True)
class Framing:
    articles: dict[str, ArticleFraming]
    comparison: tuple[str, ...]
    camps: Camps | None = None
    concepts: tuple[Concept, ...] = ()


@cache
def loaded_terms() -> dict[str, tuple[str, ...]]:
    """The word lists of `data/loaded_terms.json` (sources in the file and the README)."""
    raw = json.loads(resources.files("newsprism").joinpath("data/loaded_terms.json").read_text(encoding="utf-8"))
    return {k: tuple(v) for k, v in raw.items() if not k.startswith("_")}


@cache
def _label_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """(kind, pattern) for every list: epithets and doubt words as they stand, adjectives before a
    noun or after a copula, charged verbs in their past and -ing forms, editorializing adverbs."""
    terms = loaded_terms()

    def words(items) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(items, key=len, reverse=True))

    adjectives = words(terms["evaluative_adjectives"] + terms["puffery"])
    verbs = "|".join(_verb_forms(v) for v in terms["charged_verbs"])
    return (
        ("epithet", re.compile(rf"\b(?i:{words(terms['contentious_labels'])})\b")),
        ("doubt", re.compile(rf"\b(?i:{words(t for t in terms['doubt'] if t not in _DELEGITIMISING_WORDS)})\s+[\w’'-]+")),
        ("evaluative", re.compile(rf"\b(?i:{adjectives})\s+(?!(?:{'|'.join(_NOT_A_NOUN)})\b)[a-z][\w-]+"
                                  rf"|\b(?:is|was|are|were|be|been|being|seems?|seemed|looks?|looked)\s+"
                                  rf"(?:so\s+|very\s+|truly\s+|absolutely\s+|utterly\s+)?(?i:{adjectives})\b")),
        ("charged verb", re.compile(rf"\b(?i:{verbs})\b")),
        ("editorializing", re.compile(rf"(?:^|(?<=[.!?]\s)|(?<=,\s)|(?<=\n))(?i:{words(terms['editorializing'])})\b")),
    )


def _verb_forms(verb: str) -> str:
    """Past and -ing forms of a verb, its particle kept ("lash out": "lashed out", "lashing out")."""
    head, _, rest = verb.partition(" ")
    if head.endswith("e"):
        stems = (head + "d", head[:-1] + "ing")
    elif re.search(r"[^aeiou][aeiou][bdglmnprt]$", head) and len(head) <= 5:
        stems = (head + head[-1] + "ed", head + head[-1] + "ing")
    elif head.endswith("y") and head[-2] not in "aeiou":
        stems = (head[:-1] + "ied", head + "ing")
    else:
        stems = (head + "ed", head + "ing")
    tail = (r"\s+" + re.escape(rest)) if rest else ""
    return "|".join(re.escape(stem) + tail for stem in stems)


def _technical(body: str, start: int) -> bool:
    """An epithet that is a technical compound here: "the inspection regime", "the sanctions regime"."""
    before = re.findall(r"[\w-]+", body[max(0, start - 30):start])
    word = before[-1] if before else ""
    return word.islower() and (word.endswith(("ion", "ions")) or word in _TECHNICAL_MODIFIERS)


_TECHNICAL_MODIFIERS = {"sanctions", "tax", "trade", "visa", "regulatory", "legal", "exchange", "treaty", "safeguards",
                        "control", "export", "import", "currency", "fitness", "training", "dietary", "rules", "price",
                        "tariff", "security", "border", "climate", "emissions", "customs", "licensing", "aid"}
_DELEGITIMISING_WORDS = {"so-called", "self-proclaimed", "self-styled", "self-declared", "would-be", "pseudo"}
# Words after an adjective that show it is not qualifying a noun ("proud to", "horrible and").
_NOT_A_NOUN = ("to", "and", "or", "but", "of", "in", "on", "at", "by", "for", "with", "from", "that", "than", "as",
               "the", "a", "an", "it", "is", "was", "if", "when")


def frame(articles: Sequence[Article], extraction, alignment=None) -> Framing:
    """Per-article framing and a short comparison across the articles."""
    camps = find_camps(articles, extraction)
    quotes_by_article = defaultdict(list)
    for q in extraction.quotes:
        quotes_by_article[q.article].append(q)
    sentences_by_article = defaultdict(list)
    for s in extraction.sentences:
        sentences_by_article[s.article].append(s)
    naming = _naming(articles)
    spelled = {concept for by_concept in naming.values() for concept in by_concept}
    concepts = word_choice(articles, extraction)
    for concept in concepts:  # each outlet's own words for a concept whose naming splits by outlet
        if concept.splits and concept.name not in spelled:
            for aid, items in concept.only.items():
                naming.setdefault(aid, {})[concept.name] = [i["text"] for i in items]
    scare = {a.id: _scare_quotes(a, quotes_by_article[a.id], sentences_by_article[a.id]) for a in articles}
    scare_terms = {item["term"].lower() for items in scare.values() for item in items}
    voices = {a.id: _voices(quotes_by_article[a.id], camps) for a in articles}
    event_sides = _heard_camps(extraction.quotes, camps, {a.id for a in articles})
    facts = [f for f in (alignment.facts if alignment else ()) if f.status in ("consensus", "corroborated")]
    result = {}
    for a in articles:
        shares, speakers = voices[a.id]
        result[a.id] = ArticleFraming(
            outlet=a.outlet,
            naming=naming.get(a.id, {}),
            scare_quotes=tuple(scare[a.id]),
            unquoted_terms=tuple(_unquoted(a, scare_terms, scare[a.id])),
            labels=tuple(_labels(a, quotes_by_article[a.id])),
            unnamed_sources=tuple(_unnamed(a)),
            voices=shares,
            speakers=tuple(speakers),
            silent_sides=tuple(sorted(event_sides - set(shares))),
            omissions=tuple(f.id for f in facts if a.id not in f.articles),
        )
    # One camp sets no one against anyone: the line waits for two.
    lines = ([_camps_line(camps)] if len(camps.camps) >= 2 else []) + _comparison(articles, result, spelled, concepts)
    return Framing(result, tuple(lines), camps, concepts)


def _naming(articles: Sequence[Article]) -> dict[str, dict[str, object]]:
    """For places spelled more than one way across the event, the spelling(s) each article uses."""
    used: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for entry in gazetteer().entries:
        spellings = [s for s in (entry.name, *entry.aliases) if " " not in s and not s.isupper()]
        if len(spellings) < 2:
            continue
        for a in articles:
            found = [s for s in spellings if re.search(rf"\b{re.escape(s)}\b", a.body)]
            if found:
                used[entry.name][a.id] = found
    naming: dict[str, dict[str, object]] = defaultdict(dict)
    for concept, by_article in used.items():
        if len({s for found in by_article.values() for s in found}) < 2:
            continue  # every article spells it the same way: nothing to compare
        for article, found in by_article.items():
            naming[article][concept] = found[0] if len(found) == 1 else found
    return naming


def _attributed(sentence_text: str) -> bool:
    """A speech verb (not a verb of distancing such as "claimed") governs the sentence's quoted words."""
    return any(w in _SPEECH_FORMS for w in re.findall(r"[a-z]+", sentence_text.lower()))


# Past forms of speech verbs (less the verbs of distancing), and present forms that are
# seldom nouns: "states", "reports" or "claims" would make any sentence look attributed.
_SPEECH_FORMS = frozenset(
    (verb[:-1] if verb.endswith("e") else verb) + "ed" for verb in SPEECH_VERBS if verb not in _DISTANCING
) | {"said", "says", "told", "tells", "wrote", "spoke", "adds", "warns", "insists", "argues", "explains",
     "saying", "adding", "warning", "telling"}


def _scare_quotes(article: Article, quotes, sentences) -> list[dict]:
    items = []
    spans = [(s.start, s.end) for s in quoted_spans(article.body)]
    spans += [(m.start(1), m.end(1)) for m in _SINGLE_QUOTED.finditer(article.body)]
    direct = [(q.start, q.end) for q in quotes if q.kind in ("direct", "mixed")]
    reported = [(q.start, q.end) for q in quotes if q.kind == "indirect"]
    for start, end in sorted(set(spans)):
        term = article.body[start:end].strip(" .,;:!?")
        if not term or len(term.split()) > SCARE_QUOTE_MAX_WORDS or not any(c.isalpha() for c in term):
            continue
        if any(a <= start and end <= b and (a, b) != (start, end) for a, b in direct + spans + reported):
            continue  # a term quoted inside a longer quotation, or in reported speech, belongs to that speaker
        sentence = next((s for s in sentences if s.start <= start < s.end), None)
        if sentence is not None and _attributed(sentence.text):
            continue
        items.append({"term": term, "field": "body", "start": start, "end": end,
                      "text": sentence.text if sentence else term})
    for match in list(quoted_spans(article.title or "")) + list(_SINGLE_QUOTED.finditer(article.title or "")):
        start, end = (match.start, match.end) if hasattr(match, "open_mark") else (match.start(1), match.end(1))
        term = (article.title or "")[start:end].strip(" .,;:!?")
        if term and len(term.split()) <= SCARE_QUOTE_MAX_WORDS:
            items.append({"term": term, "field": "title", "start": start, "end": end, "text": article.title})
    return items


def _unquoted(article: Article, scare_terms: set[str], own: list[dict]) -> list[dict]:
    """Terms other articles put in scare quotes that this one uses plainly."""
    quoted_here = {(i["start"], i["end"]) for i in own if i["field"] == "body"}
    items = []
    for term in sorted(scare_terms):
        for match in re.finditer(rf"\b{re.escape(term)}\b", article.body, re.I):
            before = article.body[max(0, match.start() - 1):match.start()]
            after = article.body[match.end():match.end() + 1]
            if (match.start(), match.end()) in quoted_here or (before and before in "\"“‘'") or (after and after in "\"”’'"):
                continue  # quoted here too
            sentence_start = max(article.body.rfind(". ", 0, match.start()) + 2, 0)
            items.append({"term": term, "start": match.start(), "end": match.end(),
                          "text": article.body[sentence_start:article.body.find(".", match.end()) + 1]})
            break
    return items


def _labels(article: Article, quotes) -> list[dict]:
    """Loaded wording: delegitimising phrases, epithets, expressions of doubt, evaluative and
    puffing adjectives, charged verbs, and editorializing adverbs (these in the outlet's voice only)."""
    body = article.body
    found: dict[tuple[int, int], dict] = {}
    for match in _DELEGITIMISING.finditer(body):
        found[(match.start(), match.end())] = _label(body, match.start(), match.end(), "delegitimising", quotes)
    spans = []
    for kind, pattern in _label_patterns():
        spans += [(m.start(), m.end(), kind) for m in pattern.finditer(body)]
    for start, end, kind in sorted(spans, key=lambda se: (se[0], -se[1])):
        if any(s <= start < e or s < end <= e for s, e in found):
            continue
        if kind == "epithet" and _technical(body, start):
            continue
        label = _label(body, start, end, kind, quotes)
        if kind == "editorializing" and label["voice"] != "outlet":
            continue  # "clearly" in a speaker's mouth is emphasis, not the outlet's comment
        found[(start, end)] = label
    return [found[k] for k in sorted(found)]


def _label(body: str, start: int, end: int, kind: str, quotes) -> dict:
    # Inside a quotation, or holding a phrase quoted from a speaker ('The so-called "merger of equals" is a
    # takeover, Bakken said'), the words are the speaker's; reported speech is otherwise in the outlet's words
    # ("Russia said it had ties with the separatist statelets").
    speaker = next((q.speaker for q in quotes if q.kind in ("direct", "mixed") and q.start <= start and end <= q.end
                    or q.kind == "mixed" and start <= q.start and q.end <= end), None)
    return {"text": body[start:end], "kind": kind, "voice": speaker or "outlet", "start": start, "end": end}


def _unnamed(article: Article) -> list[dict]:
    """Each unnamed source with what it is said to say: the cue ("Critics accuse") and the clause it
    governs, to the end of the sentence or at most `UNNAMED_CLAUSE_WORDS` words."""
    items = []
    for m in _UNNAMED.finditer(article.body):
        rest = re.split(r"[;!?\n]|\.(?=\s+[A-Z\"“‘']|\s*$)", article.body[m.end():], maxsplit=1)[0]
        words = rest.split()[:UNNAMED_CLAUSE_WORDS]
        end = m.end() + (rest.find(words[-1]) + len(words[-1]) if words else 0)
        items.append({"text": article.body[m.start():end], "start": m.start(), "end": end})
    return items


def _voices(quotes, camps: Camps) -> tuple[dict[str, float], list[str]]:
    """Each camp's share of the words in direct and mixed quotes ("unplaced" for speakers no
    words place in a camp), and who was quoted."""
    words: Counter[str] = Counter()
    speakers: list[str] = []
    for q in quotes:
        if q.kind not in ("direct", "mixed"):
            continue
        words[camps.of_speaker.get(q.speaker, UNPLACED)] += len(q.text.split())
        if q.speaker not in speakers:
            speakers.append(q.speaker)
    total = sum(words.values())
    return ({side: round(n / total, 3) for side, n in words.most_common()} if total else {}), speakers


def _heard_camps(quotes, camps: Camps, article_ids: set[str]) -> set[str]:
    """The camps that hold a real share of the event's quoted words: the sides an article can leave silent."""
    words: Counter[str] = Counter()
    for q in quotes:
        if q.kind in ("direct", "mixed") and q.article in article_ids and q.speaker in camps.of_speaker:
            words[camps.of_speaker[q.speaker]] += len(q.text.split())
    total = sum(words.values())
    return {camp for camp, n in words.items() if n >= SILENT_SIDE_SHARE * total}


def _camps_line(camps: Camps) -> str:
    split = "by country" if camps.split == "countries" else "sides at home"
    return f"Camps, from who is quoted ({split}): " + "; ".join(
        c.name if c.kind == "person" else f"{c.name} ({', '.join(c.members[:3])})" for c in camps.camps)


def _comparison(articles: Sequence[Article], framing: dict[str, ArticleFraming], spelled: set[str],
                word_concepts: Sequence[Concept] = ()) -> list[str]:
    """One line per framing item on how the outlets differ."""
    name = {a.id: a.display_name for a in articles}
    lines = []
    for concept in sorted(spelled):
        by_variant: dict[str, list[str]] = defaultdict(list)
        for aid, f in framing.items():
            value = f.naming.get(concept)
            for variant in ([value] if isinstance(value, str) else value or []):
                by_variant[variant].append(name[aid])
        lines.append(f"{concept}: " + "; ".join(f"{len(v)} write {k} ({', '.join(v)})" for k, v in by_variant.items()))
    for concept in [c for c in word_concepts if c.splits][:WORD_CHOICE_LINES]:
        own = [f"{name[aid]} “{items[0]['text']}” ({', '.join(items[0]['words'])})"
               for aid, items in concept.only.items() if aid in name]
        lines.append(f"Words for {concept.name} only one outlet uses — " + "; ".join(own))
    for aid, f in framing.items():
        if f.scare_quotes:
            lines.append(f"{name[aid]} puts in scare quotes: " + ", ".join(sorted({i['term'] for i in f.scare_quotes})))
        own_labels = [l["text"] for l in f.labels if l["voice"] == "outlet"]
        if own_labels:
            lines.append(f"{name[aid]} labels in its own voice: " + ", ".join(own_labels))
        placed = [(side, share) for side, share in f.voices.items() if side != UNPLACED]
        if placed:
            side, share = placed[0]
            lines.append(f"{name[aid]} gives most quoted words to {side} ({share:.0%})"
                         + (f"; no voice for {', '.join(f.silent_sides)}" if f.silent_sides else ""))
        if f.unnamed_sources:
            lines.append(f"{name[aid]} cites unnamed sources {len(f.unnamed_sources)} times")
    return lines
