"""A short neutral headline for an event, chosen from what its articles wrote.

Candidates are the articles' own headlines and their lead sentences' first clauses (a lead
must speak for clearly more of the event than a headline to be chosen). Each is scored by how much of the other articles it speaks for (IDF-weighted
content words it shares with their headlines and leads) and marked down for what makes a
headline partial: loaded words, scare quotes, questions and exclamations, a "Report:" or
"WATCH:" label, a speaker's words as the headline ("Name: ..."), and a length far from a headline's. The winner is then
cleaned: quotation marks around words, a trailing full stop, a " | Outlet" suffix and a source tag (": state
media", " - report") go.

No model is loaded, so `events` can title every event cheaply; the briefing uses the same
function, so both show one title.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

from newsprism.model import Article

__all__ = ["event_title"]

# Headline length in words: shorter says too little, longer is a lead sentence.
_SHORTEST, _LONGEST = 5, 14
_LEAD_CHARS = 600  # how much of each body speaks for the article
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+|\d[\d,.]*")
_STOP = set("""a an the and or but if of to in on at by for with from into as is are was were be been has have had
will would can could may might not no so than that this these those there their they them its it he she his her
we our you your who which what when where how also just only more most over after before about against said says
say told new""".split())
_LABEL_PREFIX = re.compile(r"^\s*(?i:reports?|watch|breaking|exclusive|opinion|analysis|video|live|update|just in)"
                           r"\s*:\s+(?=\S)")
# "Netanyahu: Evidence proves ...": one side's words as the headline.
_SPEAKER_PREFIX = re.compile(r"^\s*[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4}(?:\s+to\s+[A-Z][\w.]*)?\s*:\s")
_SITE_SUFFIX = re.compile(r"\s+\|\s+[^|]{2,40}$")
# "North Korea suspends nuclear tests: state media", "... - report": who says so, tagged on at the end.
_SOURCE_SUFFIX = re.compile(r"\s*(?::|\s[-–—])\s+(?i:(?:(?:state|official|local|\w+n) )?"
                            r"(?:media|tv|television|radio|news agency|agency|press)"
                            r"|(?:a |new )?reports?|sources?|officials?|police|ministry"
                            r"|spokes(?:man|woman|person)|(?:the )?white house|kremlin)\s*$")
_QUOTED_WORDS = re.compile(r"[“\"‘']([^“”\"‘’']{1,80})[”\"’'](?![a-z])")
_FRONT_MATTER = re.compile(r"^[“\"‘']|, (?:left|right|center|centre),|\b(?:pictured|photograph|photo)\b", re.I)
# Where a long lead sentence may be cut: a comma, an attribution ("..., officials said"; not "what it
# said was"), a time or circumstance clause.
_CLAUSE_BOUNDARY = re.compile(r",\s|\s(?:according to|(?:said|says)(?! (?:was|is|were|are|would|had|has)\b)|after|as"
                              r"|while|amid)\s")
_PENALTY_LOADED = 0.35
_PENALTY_QUOTES = 0.25
_PENALTY_PUNCTUATION = 0.3
_PENALTY_LABEL = 0.15
_PENALTY_LENGTH = 0.04  # per word outside the headline range
_PENALTY_LEAD = 0.1  # a lead clause stands in for a headline only when it speaks for clearly more


def event_title(articles: Sequence[Article]) -> str:
    """The most central, least loaded headline of the event's articles ("" for no articles)."""
    from newsprism.frame import loaded_terms

    loaded = _loaded_pattern(tuple(w.lower() for words in loaded_terms().values() for w in words))
    titles = [(a.id, a.title, 0.0) for a in articles if a.title and a.title.strip()]
    leads = [(a.id, _lead_clause(a.body), _PENALTY_LEAD) for a in articles if a.body.strip()]
    candidates = [(aid, text, cost) for aid, text, cost in titles + leads if text]
    if not candidates:
        return ""
    if len(articles) == 1:
        return _clean(candidates[0][1])
    profiles = {a.id: _words(f"{a.title or ''} {a.body[:_LEAD_CHARS]}") for a in articles}
    frequency = Counter(w for ws in profiles.values() for w in ws)
    idf = {w: math.log((len(articles) + 1) / n) for w, n in frequency.items()}

    def score(item: tuple[str, str, float]) -> float:
        aid, text, cost = item
        words = _words(_clean(text))
        if not words:
            return -1.0
        others = [ws for other, ws in profiles.items() if other != aid]
        weight = sum(idf.get(w, 0.0) + 0.1 for w in words)
        support = sum(sum(idf.get(w, 0.0) + 0.1 for w in words & ws) / weight for ws in others) / max(len(others), 1)
        n = len(text.split())
        penalty = _PENALTY_LOADED * len(set(loaded.findall(text.lower())))
        penalty += _PENALTY_QUOTES * (bool(_QUOTED_WORDS.search(text)) + bool(_SPEAKER_PREFIX.match(text)))
        penalty += _PENALTY_PUNCTUATION * bool(re.search(r"[?!]", text))
        penalty += _PENALTY_LABEL * bool(_LABEL_PREFIX.match(text))
        penalty += _PENALTY_LENGTH * (max(0, _SHORTEST - n) + max(0, n - _LONGEST))
        return support - penalty - cost

    best = max(candidates, key=score)
    return _clean(best[1])


@cache
def _loaded_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """The loaded terms as written in a headline: "slams", "bullied", "regimes" for "slam", "bully", "regime"."""
    stems = sorted({t[:-1] if t.endswith("y") and len(t) > 3 else t for t in terms}, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(t) for t in stems) + r")(?:s|es|d|ed|ing|ies|ied|\w?ed|\w?ing|y)?\b")


def _words(text: str) -> set[str]:
    return {w.lower().replace("’", "'")[:6] for w in _WORD.findall(text) if w.lower() not in _STOP}


def _lead_clause(body: str) -> str:
    """The first sentence of the story's first paragraph, cut to its first clause when it runs long.
    A paragraph that opens with a quotation (a pull quote) or describes a photo is front matter."""
    paragraphs = [p.strip() for p in body.strip().split("\n") if p.strip()]
    story = next((p for p in paragraphs[:3] if not _FRONT_MATTER.search(p)), paragraphs[0] if paragraphs else "")
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", story, maxsplit=1)[0]
    # A dateline ("A fast-moving" is none).
    first = re.sub(r"^[A-Z][A-Za-z .,()]{0,40}?(?:\s*[—–]{1,2}\s*|\s+-{1,2}\s+)", "", first)
    words = first.split()
    if len(words) <= _LONGEST + 6:
        return first
    # Up to the first clause boundary that leaves a headline's worth of words.
    clause = next((first[:m.start()] for m in _CLAUSE_BOUNDARY.finditer(first)
                   if len(first[:m.start()].split()) >= _SHORTEST and not _takes_as(first, m)
                   and not _ASIDE_OPENED.search(first[:m.start()]) and not _says_what(first, m)), first)
    return clause if len(clause.split()) <= _LONGEST + 6 else ""  # a sentence cut mid-clause is no headline


# A cut inside an aside leaves a subject without its verb ("The Ridge Fire, which has destroyed 400 homes").
_ASIDE_OPENED = re.compile(r",\s+(?:which|who|whose|whom)\b")


def _says_what(text: str, boundary: re.Match) -> bool:
    """A "said" that is the lead's own verb ("President Harlan Mercer on Thursday said the United States would
    ..."), not an attribution closing a clause (", officials said"): no comma before it."""
    return boundary.group().strip() in ("said", "says") and "," not in text[:boundary.start()]


def _takes_as(text: str, boundary: re.Match) -> bool:
    """The "as" at a boundary completes the word before it ("to act as peacekeepers", "known as"): no
    clause starts there."""
    if boundary.group().strip() != "as":
        return False
    before = text[:boundary.start()].split()
    return bool(before) and before[-1].lower() in _TAKES_AS


# Words whose sense needs the "as" after them (the conjunction "as" starts a clause: "as costs rose").
_TAKES_AS = {"act", "acts", "acted", "acting", "serve", "serves", "served", "serving", "known", "such", "same",
             "described", "seen", "named", "regarded", "identified", "designated", "branded", "hailed", "dubbed",
             "billed", "listed", "classified", "labelled", "labeled", "treated", "emerged", "remain", "remains",
             "remained", "stay", "stays", "stayed", "appointed", "elected", "reinstated", "confirmed"}


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = _SITE_SUFFIX.sub("", text) if len(text.split()) > 6 else text
    text = _LABEL_PREFIX.sub("", text)
    text = _SOURCE_SUFFIX.sub("", text) if len(text.split()) > 6 else text
    text = _QUOTED_WORDS.sub(r"\1", text)
    return text.rstrip(" .").strip()
