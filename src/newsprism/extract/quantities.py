"""Quantities: numbers in digits and words, how exact they are, and what they count.

Numbers are found by pattern ("150,000", "five million", "tens of thousands",
"a dozen"), with the approximation words before them ("more than", "up to",
"about") and ranges ("between 18 and 60"). What a number counts comes from the
parse: the noun it modifies ("150,000 troops"), with a measure noun's object
("84 cases of shelling"), or the word after it where the noun is elided
("12 wounded"). Years, clock times, dates, ordinals and ages are not counts.
"""

from __future__ import annotations

import re

from newsprism.extract.nlp import doc_text
from newsprism.model import Quantity

__all__ = ["find_quantities", "parse_number"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "bn": 1_000_000_000, "m": 1_000_000, "k": 1_000}
_VAGUE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000,
          "billions": 1_000_000_000}
_APPROX = [
    (re.compile(r"(?:about|around|roughly|nearly|almost|some|approximately|an estimated|estimated|circa|close to)\s+$", re.I), "about"),
    (re.compile(r"(?:more than|over|at least|upwards of|in excess of|no fewer than|no less than|a minimum of)\s+$", re.I), "at least"),
    (re.compile(r"(?:up to|at most|no more than|fewer than|less than|under|a maximum of|as many as)\s+$", re.I), "at most"),
]
_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))
_SCALE = "hundred|thousand|million|billion|trillion"
_WORDS_NUMBER = rf"(?:(?:{_WORD})(?:[- ](?:{_WORD}))?(?: (?:{_SCALE}))*(?: and (?:{_WORD})(?:[- ](?:{_WORD}))?)?)"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUMBER = re.compile(
    rf"(?<![\w.,:/-])(?:"
    rf"(?P<vague>(?:tens|hundreds|dozens) of (?:thousands|millions|billions)|dozens|hundreds|thousands|millions|billions)(?= of\b)"
    rf"|(?P<digits>{_DIGITS})(?:\s?(?P<dscale>{_SCALE}|bn|m\b|k\b))?"
    rf"|(?P<dozen>an? dozen|half a dozen)"
    rf"|(?P<a_scale>a (?:{_SCALE}))"
    rf"|(?P<words>{_WORDS_NUMBER})"
    rf")(?![\w])",
    re.I,
)
_RANGE = re.compile(rf"^(?:\s*(?:and|to|-|–)\s*)(?P<high>{_DIGITS}(?:\s?(?:{_SCALE}))?|{_WORDS_NUMBER})", re.I)
_TIME_AFTER = re.compile(r"^(?:[.:]\d{2})?\s?(?:a\.?m\.?|p\.?m\.?|GMT|UTC|hrs|o'clock)\b", re.I)
# A month name as written in a date ("Aug", "August", "Sept"); `links` reads dates with it too.
MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_MONTH_BEFORE = re.compile(rf"{MONTH}\.?\s+$")
_MONTH_AFTER = re.compile(rf"^\s+{MONTH}\b")
# A vote's or a game's tally: two counts written together after a word of voting, ruling or winning.
TALLY = "tally"
_TALLY = re.compile(r"(?P<a>\d{1,3})\s*(?:-|–|to)\s*(?P<b>\d{1,3})(?![\d%.,]\d)(?!\s*(?:%|percent|per cent))")
_TALLY_BEFORE = re.compile(r"\b(?:vot(?:e|ed|es|ing)|ruled?|ruling|decision|margin|tally|split|passed|approved|"
                           r"rejected|defeated|beat|won|lost|confirmed|by a|by an)(?:\s+[\w'’-]+){0,2}?\s+$", re.I)
_COUNTED_AFTER = re.compile(r"^\s+(?!(?:votes|decisions|rulings|majorities|margins|splits|tallies)\b)[a-z]+s\b")  # "10 to 12 pounds"
_TALLY_AFTER = re.compile(r"^\s*(?:vote|votes|decision|ruling|majority|margin|split|tally|verdict|deadlock|tie|win|victory|defeat)\b", re.I)


def tally_of(q: Quantity) -> tuple[int, ...] | None:
    """The two counts of a tally ("51-49", "51 to 49"), None for any other figure."""
    if q.of != TALLY:
        return None
    match = _TALLY.match(q.text)
    return (int(match["a"]), int(match["b"])) if match else None


# "nine in ten trains", "more than eight in ten members", "one in five": a share, read as a percentage.
_PROPORTION = re.compile(rf"^\s+(?:in|out of)\s+(?P<whole>{_DIGITS}|{_WORDS_NUMBER})\b", re.I)
_AGE = re.compile(r"^-(?:year|month|week|day)s?-old", re.I)
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b", re.I)
_CURRENCY = {"$": "US dollars", "£": "pounds", "€": "euros"}
# "m" after a number is metres ("5 m high", "a 100 m stretch") unless money is named: a
# currency sign before it ("$5m") or a currency after it ("5m dollars").
_MONEY_AFTER = re.compile(r"^\s*(?:dollars?|euros?|pounds?|sterling|roubles?|rubles?|yuan|yen|rupees?|"
                          r"hryvnias?|rials?|francs?|usd|eur|gbp|rub)\b", re.I)
_DESIGNATION = re.compile(r"\b(?:No\.?|Nos\.?|Number|#|Article|Resolution|Chapter|Section|Route|Flight)\s*$")
_NAME_ENTITIES = {"ORG", "PRODUCT", "FAC", "WORK_OF_ART", "LAW", "EVENT"}
_MEASURE_NOUNS = {"cases", "case", "pieces", "piece", "tonnes", "tons", "barrels", "rounds", "units", "number",
                  "kinds", "types", "sorts", "rows", "bags", "boxes"}


def parse_number(text: str) -> float | None:
    """The value of a number written in digits or words ("150,000", "five million", "a dozen")."""
    t = text.lower().strip().replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    match = re.fullmatch(rf"(\d+(?:\.\d+)?)\s?({_SCALE}|bn|m|k)", t)
    if match:
        return float(match[1]) * _SCALES[match[2]]
    if t in ("a dozen", "an dozen"):
        return 12.0
    if t == "half a dozen":
        return 6.0
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", t):
        if word in ("a", "an"):
            current = 1.0
        elif word == "and":
            continue
        elif word in _UNITS:
            current += _UNITS[word]
        elif word == "hundred":
            current = max(current, 1.0) * 100
        elif word in _SCALES:
            total += max(current, 1.0) * _SCALES[word]
            current = 0.0
        else:
            return None
    return total + current


def _vague_value(text: str) -> float:
    words = text.lower().split()
    if len(words) == 3:  # "tens of thousands"
        first = {"tens": 10, "dozens": 12, "hundreds": 100}[words[0]]
        return float(first * _VAGUE[words[2]])
    return float(_VAGUE[words[0]])


def find_quantities(doc, article_id: str) -> list[Quantity]:
    """Every counted quantity in a parsed article body, with offsets into it."""
    text = doc_text(doc)
    found: list[Quantity] = []
    consumed = 0  # the end of the last range, whose upper bound is not a number of its own
    for match in _NUMBER.finditer(text):
        start, end = match.start(), match.end()
        before, after = text[max(0, start - 40):start], text[end:end + 40]
        if start < consumed or _not_a_count(match, before, after) or _inside_name(doc, start, end):
            continue
        tally = _TALLY.match(text, start) if match["digits"] else None
        if tally and (_TALLY_BEFORE.search(before) or _TALLY_AFTER.match(text[tally.end():tally.end() + 30])) and \
                not _COUNTED_AFTER.match(text[tally.end():tally.end() + 30]):
            # "voted 51 to 49", "ruled 6-3", "a 50-50 split": one tally, not two counts or a range.
            found.append(Quantity(article_id, float(tally["a"]), "exact", TALLY, tally.group(0), start, tally.end()))
            consumed = tally.end()
            continue
        approx = "exact"
        currency = text[start - 1] if start > 0 and text[start - 1] in _CURRENCY else None
        metres = (match["dscale"] or "").lower() == "m" and not currency and not _MONEY_AFTER.match(after)
        if match["vague"]:
            value, approx = _vague_value(match["vague"]), "at least"
        else:
            value = parse_number(match["digits"] if metres else match.group(0))
            if value is None:
                continue
        if currency:
            start, before = start - 1, before[:-1]
        for pattern, label in _APPROX:
            hit = pattern.search(before)
            if hit:
                approx, start = label, start - len(hit.group(0))
                break
        proportion = _PROPORTION.match(text[end:end + 40])
        whole = parse_number(proportion["whole"]) if proportion else None
        if whole and whole > value:
            end += proportion.end()
            found.append(Quantity(article_id, round(100 * value / whole, 1), approx, "percent", text[start:end],
                                  start, end))
            consumed = end
            continue
        high = None
        range_match = _RANGE.match(text[end:end + 40])
        between = re.search(r"between\s+$", before, re.I)
        if range_match and (between or range_match.group(0).strip()[:1] in "-–" or "to" in range_match.group(0)):
            high = parse_number(range_match["high"])
            if high is not None and high > value:
                end += range_match.end()
                if between:
                    start = start - len(between.group(0))
            else:
                high = None
        of = _CURRENCY[currency] if currency else "metres" if metres else _counted(doc, match.end(), end)
        if "%" in text[end:end + 1] or re.match(r"\s?(?:per ?cent|percent)\b", text[end:end + 9], re.I):
            of = "percent"
        elif match["vague"] or re.match(r"\s+of\b", text[match.end():match.end() + 4]):
            of = _of_phrase(doc, match.end()) or of
        if re.search(r"\baged\s+(?:between\s+)?$", text[max(0, match.start() - 20):match.start()], re.I):
            of = "years of age"
        if approx == "at least" and of and re.search(r"(?<!\bfor )\bover\s+$", before, re.I) \
                and of.lower().rstrip("s") in _DURATIONS:  # ("a war for over 60 years": more than 60)
            approx = "exact"  # "tracked 12,500 people over eight years": across eight years, not more than eight
            start += len(re.search(r"over\s+$", before, re.I).group(0))
        scale = _SCALE_BEFORE.search(text[max(0, match.start() - 20):match.start()])
        if scale:
            of = scale["scale"].lower()  # "a magnitude 6.8 earthquake" measures the magnitude, not counts quakes
        consumed = end
        found.append(Quantity(article_id, value, approx, of, text[start:end], start, end, high))
    found += _none_of(doc, article_id, found)
    return sorted(found, key=lambda q: q.start)


def _none_of(doc, article_id: str, found: list[Quantity]) -> list[Quantity]:
    """ "no deaths", "no injuries were reported": a count of none, against which "three deaths" disputes."""
    taken = {q.start for q in found}
    out = []
    for token in doc:
        noun = token.head
        if (token.lower_ == "no" and token.dep_ == "det" and noun.tag_ == "NNS" and noun.i == token.i + 1
                and token.idx not in taken and not _inside_name(doc, token.idx, noun.idx + len(noun.text))):
            out.append(Quantity(article_id, 0.0, "exact", noun.text.lower(), token.text, token.idx,
                                token.idx + len(token.text)))
    return out


_DURATIONS = {"year", "month", "week", "day", "hour", "minute", "decade", "century"}
# A reading on a scale named just before its figure ("magnitude 6.8", "a Category 4 hurricane").
_SCALE_BEFORE = re.compile(r"\b(?P<scale>magnitude|category|level)\s+$", re.I)


def _inside_name(doc, start: int, end: int) -> bool:
    """A number that is part of a name ("Nord Stream 2", "Apollo 11")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return bool(span) and span[0].ent_type_ in _NAME_ENTITIES


def _of_phrase(doc, after: int) -> str | None:
    """The noun phrase after "of" ("tens of thousands of Russian troops" -> "Russian troops")."""
    span = doc.char_span(after, min(len(doc_text(doc)), after + 80), alignment_mode="contract")
    if span is None:
        return None
    tokens = list(span)
    while tokens and tokens[0].lower_ in {"of", "thousands", "millions", "hundreds", "billions"}:
        tokens = tokens[1:]
    phrase = []
    for t in tokens:
        if t.pos_ in {"ADJ", "NOUN", "PROPN", "NUM"} or t.dep_ in {"amod", "compound"}:
            phrase.append(t)
            if t.pos_ in {"NOUN", "PROPN"} and t.dep_ not in {"compound", "amod"}:
                break
        elif phrase or t.pos_ not in {"DET"}:
            break
    return " ".join(t.text for t in phrase) or None


def _not_a_count(match, before: str, after: str) -> bool:
    token = match.group(0)
    if _DESIGNATION.search(before):
        return True  # "No 10", "Number 10": a name, not a count
    if match["digits"]:
        plain = token.replace(",", "")
        if re.fullmatch(r"(?:1[89]|20|21)\d\d", plain) and not match["dscale"]:
            return True  # a year
        if _TIME_AFTER.match(after) or re.search(r"\d[.:]$", before):
            return True  # a clock time or the tail of one
        if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
            return True  # a date
        if _ORDINAL_AFTER.match(after):
            return True
    if _AGE.match(after):
        return True  # "a 27-year-old": an age, not a count
    if _SOURCES_BEFORE.search(before) or _SOURCES_AFTER.match(after):
        return True  # "according to two people familiar with the investigation": the report's sources
    if match["words"] and token.lower() == "one" and not _PROPORTION.match(after) and (
            re.search(r"\b(?:single|every|each|no|any)\s+$", before, re.I)
            or not re.match(r"^\s+(?:of\s+(?!the\b|these\b|those\b|its\b|their\b|his\b|her\b)|[a-z]+s\b)", after)):
        # "one" as a pronoun ("not a single one", "one doctor"), or one of a group ("one of the administration's
        # champions", "every one of these trips"), not a count
        return True
    return False


# A count of the report's own sources, not of anything in the story.
_SOURCES_BEFORE = re.compile(r"\baccording to\s+$", re.I)
_SOURCES_AFTER = re.compile(r"^\s+(?:[\w-]+\s+){0,3}?(?:familiar with|with (?:direct )?knowledge of|briefed on|"
                            r"(?:who|which) (?:spoke|asked|requested|declined to be)|speaking on condition)", re.I)


# Verbs whose subject alone says who is counted: "at least 40 died" counts the dead.
_DYING = {"die", "perish", "drown"}


def _counted(doc, number_end: int, expression_end: int) -> str | None:
    """What the number counts, from the parse around its last token."""
    span = doc.char_span(max(0, number_end - 1), number_end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span[-1]
    head = token.head if token.dep_ in {"nummod", "quantmod", "compound"} and token.head.i > token.i else None
    if head is None or head.pos_ not in {"NOUN", "PROPN"}:
        nxt = token.nbor(1) if token.i + 1 < len(doc) else None
        while nxt is not None and nxt.idx < expression_end and nxt.i + 1 < len(doc):
            nxt = nxt.nbor(1)  # skip the rest of a range ("18 and 60")
        if nxt is None or nxt.pos_ not in {"NOUN", "ADJ", "VERB", "PROPN"} or nxt.is_punct:
            return None
        head = nxt
        if head.pos_ == "VERB" and head.tag_ in {"VBD", "VBZ", "VBP"} and head.lemma_.lower() not in _DYING:
            return None  # "12,000 walked out": the number is the verb's subject, what it counts is unsaid
        if head.pos_ in {"ADJ", "VERB"}:
            return head.text  # "12 wounded": the noun is elided
    words = [t for t in head.lefts if t.i > token.i and t.dep_ in {"amod", "compound"}]
    phrase = " ".join([t.text for t in words] + [head.text])
    if head.lower_ in _MEASURE_NOUNS:
        of = [c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"]
        if of:
            objects = [c for c in of[0].children if c.dep_ == "pobj"]
            if objects:
                phrase += " of " + " ".join(t.text for t in objects[0].subtree if t.i >= objects[0].left_edge.i
                                             and t.dep_ in {"amod", "compound"} or t is objects[0])
    return phrase
