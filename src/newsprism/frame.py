"""How each outlet frames the story, item by item, each with its evidence span.

- naming: which spelling of a place with several (Kyiv / Kiev) each article
  uses, from the gazetteer entries whose variants the event's articles differ on;
- scare quotes: a short term in quotation marks that no speaker is given for
  (verbs of distancing such as "claimed" do not count as giving one); and the
  same terms used without quotation marks by other articles;
- labels: delegitimising or intensifying wording (so-called, self-proclaimed,
  "statelets", "visibly angry") from patterns, from our list of loaded terms,
  and from the Pattern subjectivity lexicon; in the outlet's own voice or
  inside someone's quote;
- unnamed sources: "critics say", "analysts say", "some Western leaders";
- voices: each side's share of the words in direct and mixed quotes;
- omissions: consensus and corroborated facts the article does not carry.

The subjectivity lexicon is `en-sentiment.xml` from the Pattern library (De
Smedt & Daelemans, licence PDDL), as shipped inside the `textblob` package
(MIT), installed without its dependencies: only this data file is read.
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

from newsprism.extract.actors import side_of_words
from newsprism.extract.nlp import gazetteer
from newsprism.extract.quotes import SPEECH_VERBS, quoted_spans
from newsprism.model import Article

__all__ = ["ArticleFraming", "Framing", "frame"]

# Quoted terms longer than this are quotations, not a marked term.
SCARE_QUOTE_MAX_WORDS = 2
# Lexicon words count as loaded only when the lexicon rates them this subjective and this polar.
LEXICON_SUBJECTIVITY = 0.9
LEXICON_POLARITY = 0.5
_DISTANCING = {"claim", "allege", "purport", "dub", "call", "brand", "label", "term", "describe"}
# Our own loaded terms, beyond the general lexicon: words that take a side in conflict reporting.
LOADED_ADJECTIVES = {"warmongering", "shameless", "shamelessly", "barbaric", "atrocious", "murderous", "genocidal",
                     "illegitimate", "sham", "criminal", "fascist", "neo-nazi", "hysterical"}
LOADED_NOUNS = {"warmonger", "warmongers", "land grab", "land grabs", "regime", "puppet", "puppets", "thugs",
                "junta", "aggressor", "triumphalism", "propaganda", "hysteria", "henchmen", "cronies"}
# Descriptive adjectives the lexicon rates subjective that news uses as plain description.
_DESCRIPTIVE = {"deadly", "major", "serious", "heavy", "full", "new", "potential", "military", "big", "large",
                "small", "high", "low", "real", "clear", "direct", "main", "wide", "open", "common", "final",
                "certain", "entire", "possible", "independent", "available", "last", "past", "immediate",
                "free", "special", "significant", "bloody", "dead", "strong", "true", "early", "late", "old",
                "recent", "young", "current", "total", "first", "little", "long", "short", "wrong", "right",
                "own", "same", "other", "such", "whole", "only", "very"}
# "so-called X", "self-proclaimed X" (X with the capitalised words of its name), "visibly angry X",
# and diminutives of statehood ("statelets").
# Words after which an adjective is not qualifying a noun ("calm down until", "green light the").
_FUNCTION_WORDS = {"the", "a", "an", "to", "of", "in", "on", "at", "by", "for", "with", "from", "until", "and",
                   "or", "but", "as", "that", "than", "this", "these", "those", "it", "its", "their", "his", "her",
                   "is", "are", "was", "were", "be", "been", "not", "no", "so", "very", "too", "enough"}
_DELEGITIMISING = re.compile(
    r"\b(?i:so-called|self-proclaimed|self-styled|self-declared|puppet|pseudo-\w+|would-be)\s+[“\"‘']?[\w’'-]+"
    r"(?:\s+(?:and\s+)?[A-Z][\w’'-]*){0,4}"
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


@cache
def _lexicon() -> frozenset[str]:
    """Adjectives the Pattern lexicon rates strongly subjective and polar (none if it is missing)."""
    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(spec.submodule_search_locations[0]) / "en" / "en-sentiment.xml"
    if not path.is_file():
        return frozenset()
    words = set()
    for word in ElementTree.parse(path).getroot().iter("word"):
        if word.get("pos") == "JJ" and float(word.get("subjectivity", 0)) >= LEXICON_SUBJECTIVITY \
                and abs(float(word.get("polarity", 0))) >= LEXICON_POLARITY:
            words.add(word.get("form", "").lower())
    return frozenset(words - _DESCRIPTIVE)


def frame(articles: Sequence[Article], extraction, alignment=None) -> Framing:
    """Per-article framing and a short comparison across the articles."""
    sides_of = {a.id: a.side for a in extraction.actors}
    quotes_by_article = defaultdict(list)
    for q in extraction.quotes:
        quotes_by_article[q.article].append(q)
    sentences_by_article = defaultdict(list)
    for s in extraction.sentences:
        sentences_by_article[s.article].append(s)
    naming = _naming(articles)
    scare = {a.id: _scare_quotes(a, quotes_by_article[a.id], sentences_by_article[a.id]) for a in articles}
    scare_terms = {item["term"].lower() for items in scare.values() for item in items}
    voices = {a.id: _voices(quotes_by_article[a.id], sides_of) for a in articles}
    event_sides = {side for v in voices.values() for side in v[0]}
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
    return Framing(result, tuple(_comparison(articles, result)))


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
    body = article.body
    found: dict[tuple[int, int], dict] = {}
    for match in _DELEGITIMISING.finditer(body):
        found[(match.start(), match.end())] = _label(body, match.start(), match.end(), "delegitimising", quotes)
    lexicon = _lexicon()
    # A loaded adjective (or adverb) with the word it qualifies; a loaded noun on its own.
    pairs = re.finditer(r"\b(?=([A-Za-z][a-z-]+\s+[a-z][\w-]+))", body)  # overlapping word pairs
    spans = [(m.start(), m.start() + len(m.group(1))) for m in pairs
             if m.group(1).split()[0].lower() in LOADED_ADJECTIVES | lexicon
             and m.group(1).split()[1].lower() not in _FUNCTION_WORDS]  # "loyal to", "light the": not a label
    spans += [(m.start(), m.end()) for term in LOADED_NOUNS
              for m in re.finditer(rf"\b{re.escape(term)}\b", body, re.I)]
    for start, end in sorted(spans, key=lambda se: (se[0], -se[1])):
        if not any(s <= start < e or s < end <= e for s, e in found):
            found[(start, end)] = _label(body, start, end, "loaded", quotes)
    return [found[k] for k in sorted(found)]


def _label(body: str, start: int, end: int, kind: str, quotes) -> dict:
    speaker = next((q.speaker for q in quotes if q.kind in ("direct", "mixed") and q.start <= start and end <= q.end),
                   None)
    return {"text": body[start:end], "kind": kind, "voice": speaker or "outlet", "start": start, "end": end}


def _unnamed(article: Article) -> list[dict]:
    return [{"text": m.group(0), "start": m.start(), "end": m.end()} for m in _UNNAMED.finditer(article.body)]


def _voices(quotes, sides_of: dict[str, str | None]) -> tuple[dict[str, float], list[str]]:
    """Each side's share of the words in direct and mixed quotes, and who was quoted."""
    words: Counter[str] = Counter()
    speakers: list[str] = []
    gaz = gazetteer()
    for q in quotes:
        if q.kind not in ("direct", "mixed"):
            continue
        side = sides_of.get(q.actor) if q.actor else side_of_words(q.speaker.split(), gaz)
        words[side or "unknown"] += len(q.text.split())
        if q.speaker not in speakers:
            speakers.append(q.speaker)
    total = sum(words.values())
    return ({side: round(n / total, 3) for side, n in words.most_common()} if total else {}), speakers


def _comparison(articles: Sequence[Article], framing: dict[str, ArticleFraming]) -> list[str]:
    """One line per framing item on how the outlets differ."""
    name = {a.id: a.outlet or Path(a.source).name for a in articles}
    lines = []
    concepts = sorted({c for f in framing.values() for c in f.naming})
    for concept in concepts:
        by_variant: dict[str, list[str]] = defaultdict(list)
        for aid, f in framing.items():
            value = f.naming.get(concept)
            for variant in ([value] if isinstance(value, str) else value or []):
                by_variant[variant].append(name[aid])
        lines.append(f"{concept}: " + "; ".join(f"{len(v)} write {k} ({', '.join(v)})" for k, v in by_variant.items()))
    for aid, f in framing.items():
        if f.scare_quotes:
            lines.append(f"{name[aid]} puts in scare quotes: " + ", ".join(sorted({i['term'] for i in f.scare_quotes})))
        own_labels = [l["text"] for l in f.labels if l["voice"] == "outlet"]
        if own_labels:
            lines.append(f"{name[aid]} labels in its own voice: " + ", ".join(own_labels))
        if f.voices:
            side, share = next(iter(f.voices.items()))
            lines.append(f"{name[aid]} gives most quoted words to {side} ({share:.0%})"
                         + (f"; no voice for {', '.join(f.silent_sides)}" if f.silent_sides else ""))
        if f.unnamed_sources:
            lines.append(f"{name[aid]} cites unnamed sources {len(f.unnamed_sources)} times")
    return lines
