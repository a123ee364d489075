"""Word choice per concept: how each outlet names the same actor, group, object or issue.

Mentions are grouped across the event's articles in two ways:
- **actors**: every noun phrase that holds one of an actor's names ("the former FBI director
  James Comey", "North Korean dictator Kim Jong Un"), and the descriptions that stand for it in
  the same article ("the former FBI director", "the president"): a definite phrase whose head
  noun is a title the articles give that actor, and no other actor of that article;
- **issues and objects**: phrases headed by the same noun ("the memos", "so-called Comey memos",
  "the disastrous deal", "the nuclear deal") when at least two outlets use that noun.

For each concept the comparison lists the words each outlet uses and the words only one outlet
uses for it ("so-called", "disastrous", "dictator"): that is where a choice of words splits by
outlet. Every variant keeps its evidence span.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from newsprism.model import Article, Concept

__all__ = ["word_choice"]

# A concept is compared when at least this many articles name it.
MIN_ARTICLES = 2
# At most this many concepts are reported per event: the most named first.
MAX_CONCEPTS = 40
# Heads that name no concept of their own: time, quantity and discourse nouns.
_GENERIC_HEADS = {
    "day", "week", "month", "year", "time", "today", "tomorrow", "yesterday", "night", "morning", "evening",
    "hour", "minute", "moment", "way", "thing", "lot", "part", "number", "percent", "end", "start", "side",
    "point", "case", "fact", "kind", "sort", "one", "some", "any", "other", "others", "term", "place", "area",
    "weekend", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "statement",
    "report", "story", "article", "interview", "news", "comment", "question", "word", "%", "copyright",
    "photo", "image", "video", "caption", "reporter", "correspondent", "editor",
    # nouns for people and places in general: each names many referents, not one concept
    "people", "official", "country", "nation", "world", "politician", "president", "leader", "member",
    "source", "expert", "analyst", "critic", "supporter", "resident", "man", "woman", "person",
    # offices: "the third minister", "health minister", "an outstanding minister" are three people
    "minister", "secretary", "director", "spokesman", "spokeswoman", "spokesperson", "governor", "mayor", "senator",
    "ambassador", "chairman", "chairwoman",
}
# Modifiers that tell instances apart, not how an outlet words a concept: numbers, ordinals, months.
_NOT_WORDING = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first", "second",
                "third", "last", "next", "many", "more", "most", "several", "few", "other", "same", "new", "only",
                "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december", "previous", "latest", "recent", "earlier", "later",
                # approximators of a figure ("about 4,500 workers")
                "about", "around", "nearly", "almost", "roughly", "approximately", "least", "than", "over", "under",
                "some", "dozens", "hundreds", "thousands", "millions", "tens", "scores",
                # the scale of a figure ("the $3.2 billion deal")
                "hundred", "thousand", "million", "billion", "trillion", "bn", "m"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
                "your", "some", "any", "such", "every", "each", "all", "both", "another", "whose", "which", "what"}
_STOP = _DETERMINERS | {"of", "and", "or", "in", "on", "for", "to", "with", "'s", "’s", "s", "mr", "mr.", "mrs",
                        "mrs.", "ms", "ms.", "dr", "dr.", "who", "which", "that", "was", "is", "were", "are", "be",
                        "been", "has", "have", "had", "do", "did", "does", "not", "but", "also", "very", "so"}


def word_choice(articles: Sequence[Article], extraction) -> tuple[Concept, ...]:
    """Concepts named by at least two articles, each with every outlet's variants."""
    ids = {a.id for a in articles}
    phrases = [p for p in getattr(extraction, "phrases", ()) if p.article in ids]
    by_article_actor = _actor_spans(extraction, ids)
    groups: dict[tuple[str, str], list] = defaultdict(list)
    claimed: set[tuple[str, int, int]] = set()
    # Phrases holding an actor's name, and the titles that actor goes by.
    titles: dict[str, Counter] = defaultdict(Counter)
    names = {a.id: a.name for a in extraction.actors}
    for p in phrases:
        actor = _actor_in(p, by_article_actor)
        if actor is None:
            continue
        groups[("actor", actor)].append(p)
        claimed.add((p.article, p.start, p.end))
        # The words around the name are titles ("health minister Erik Larsen", "Prime Minister Anna Holt").
        name_words = {w.lower() for w in _words(names.get(actor, ""))}
        for word in _words(p.text):
            if word.lower() not in _STOP and word.lower() not in name_words and (word.islower() or word.istitle()):
                titles[actor][word.lower()] += 1
    # Descriptions standing for an actor of their article: "the former FBI director", "the president"; of the
    # actors with its head among their titles, the one with most of its words ("the prime minister" is Holt's,
    # not the health minister's).
    for p in phrases:
        if p.proper or (p.article, p.start, p.end) in claimed or not _definite(p.text) or _plural(p):
            continue
        described = {w.lower() for w in _words(p.text) if _content(w.lower())}
        fits = {actor: sum(titles[actor][w] > 0 for w in described)
                for actor in _actors_of(p.article, by_article_actor) if titles[actor][p.head] > 0}
        owners = [actor for actor, n in fits.items() if n == max(fits.values())]
        if len(owners) == 1:
            groups[("actor", owners[0])].append(p)
            claimed.add((p.article, p.start, p.end))
    # Issues and objects: the same head noun; "the Russia investigation" and "the Flynn investigation"
    # apart when two articles name the same modifier, the phrases without one beside them.
    issues = [p for p in phrases if not p.proper and (p.article, p.start, p.end) not in claimed
              and p.head not in _GENERIC_HEADS and len(p.head) >= 3 and p.head.isalpha()]
    namers: dict[tuple[str, str], set[str]] = defaultdict(set)
    for p in issues:
        for name in _proper_modifiers(p):
            namers[(p.head, name)].add(p.article)
    for p in issues:
        modifiers = _proper_modifiers(p)
        shared = [n for n in modifiers if len(namers[(p.head, n)]) >= MIN_ARTICLES]
        if modifiers and not shared:
            continue  # "a Russian state site" beside "the nuclear test site": another thing of that name
        groups[("issue", f"{p.head}|{shared[0]}" if shared else p.head)].append(p)
    concepts = []
    for (kind, key), members in groups.items():
        by_article: dict[str, list] = defaultdict(list)
        for p in members:
            by_article[p.article].append(p)
        if len(by_article) < MIN_ARTICLES:
            continue
        name = names.get(key, key) if kind == "actor" else _issue_name(members)
        concepts.append(_concept(name, kind, by_article, articles, key.split("|")[0] if kind == "issue" else None))
    concepts.sort(key=lambda c: (-len(c.variants), -sum(len(v) for v in c.variants.values()), c.name))
    return tuple(concepts[:MAX_CONCEPTS])


def _concept(name: str, kind: str, by_article: dict[str, list], articles: Sequence[Article],
             head: str | None = None) -> Concept:
    variants = {aid: tuple({"text": p.text, "start": p.start, "end": p.end} for p in sorted(ps, key=lambda p: p.start))
                for aid, ps in by_article.items()}
    words = {aid: {w.lower() for p in ps for w in _words(p.text)} - _STOP for aid, ps in by_article.items()}
    written_lower = {w for ps in by_article.values() for p in ps for w in _words(p.text) if w.islower()}
    only: dict[str, list[dict]] = {}
    for aid, ps in by_article.items():
        others = set().union(*(w for other, w in words.items() if other != aid))
        own = sorted(w for w in words[aid] - others if _content(w) and w in written_lower
                     and not (head and w.rstrip("s") == head))  # "visits" is the concept's own noun again
        if not own:
            continue
        # The wording that holds most of the outlet's own words is its evidence.
        evidence = max(ps, key=lambda p: (len(set(own) & {x.lower() for x in _words(p.text)}), -p.start))
        only[aid] = [{"words": own, "text": evidence.text, "start": evidence.start, "end": evidence.end}]
    order = {a.id: i for i, a in enumerate(articles)}
    return Concept(name, kind, dict(sorted(variants.items(), key=lambda kv: order.get(kv[0], 0))), only)


def _issue_name(members: list) -> str:
    """The plainest common wording: the most frequent variant without its determiner, as written."""
    counts = Counter(_bare(p.text).lower() for p in members)
    best = max(counts.items(), key=lambda kv: (kv[1], -len(kv[0])))[0]
    return next(_bare(p.text) for p in members if _bare(p.text).lower() == best)


def _bare(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    return " ".join(words) or text


def _definite(text: str) -> bool:
    first = text.split()[0].lower() if text.split() else ""
    return first in ("the", "this", "that") or first.endswith(("'s", "’s")) and len(text.split()) <= 6


def _content(word: str) -> bool:
    return bool(re.fullmatch(r"[a-z]+(?:-[a-z]+)*", word)) and len(word) > 2 and word not in _STOP \
        and word not in _NOT_WORDING


def _plural(phrase) -> bool:
    last = phrase.text.split()[-1].lower()
    return last != phrase.head and last.endswith("s")


def _proper_modifiers(phrase) -> list[str]:
    """Capitalised words before the head that are not the phrase's first word ("the Comey memos": comey)."""
    words = _words(phrase.text)[:-1]
    return [w.lower() for i, w in enumerate(words) if w[:1].isupper() and (i > 0 or w.lower() not in _DETERMINERS)
            and w.lower() not in _DETERMINERS]


def _words(text: str) -> list[str]:
    return re.findall(r"[\w’'-]+", text.replace("’s", "").replace("'s", ""))


def _actor_spans(extraction, ids: set[str]) -> dict[str, list[tuple[int, int, str]]]:
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for article, start, end, actor in getattr(extraction, "mention_actor", ()):
        if article in ids:
            spans[article].append((start, end, actor))
    return spans


def _actor_in(phrase, spans: dict[str, list[tuple[int, int, str]]]) -> str | None:
    """The actor whose name the phrase's head holds (the last name mentioned inside it)."""
    inside = [(s, actor) for s, e, actor in spans.get(phrase.article, ()) if phrase.start <= s and e <= phrase.end]
    if not inside or not phrase.proper:
        return None
    return max(inside)[1]


def _actors_of(article: str, spans: dict[str, list[tuple[int, int, str]]]) -> set[str]:
    return {actor for _, _, actor in spans.get(article, ())}
