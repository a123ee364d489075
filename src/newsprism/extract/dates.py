"""Dates and times: absolute and relative expressions, resolved against the article's date.

News writing has its own conventions, which rules capture better than a
general parser: a bare weekday ("on Tuesday", "late Wednesday") is the most
recent such day on or before the article's date; "last night" is the day
before; a month and day without a year takes the article's year (the previous
one if that would put it well after the article). dateparser, with the
article's date as its relative base, reads what the rules do not cover.

Each `TimeMention` says how sure its resolution is (see `model.TimeMention`).
"""

from __future__ import annotations

import calendar
import re
import statistics
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta

from newsprism.extract.nlp import doc_text
from newsprism.extract.quotes import SPEECH_VERBS
from newsprism.model import TimeMention

__all__ = ["event_base_date", "find_dates", "resolve"]

_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAY = "|".join(calendar.day_name)
_MONTH = "|".join(sorted((m.capitalize() for m in _MONTHS), key=len, reverse=True))
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None}

# Confidence of a resolution (see TimeMention.confidence).
ABSOLUTE = 1.0
NO_YEAR = 0.9
RELATIVE = 0.8
BORROWED_BASE = 0.7  # factor when the base date comes from the other articles of the event
# A month-day without a year more than this far after the article is last year's.
_FUTURE_SLACK = timedelta(days=62)

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("day_month_year", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)? (?P<m>{_MONTH})\.?,? (?P<y>(?:19|20)\d\d)\b")),
    ("month_day_year", re.compile(rf"\b(?P<m>{_MONTH})\.? (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y>(?:19|20)\d\d)\b")),
    ("day_month", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)? (?P<m>{_MONTH})\b")),
    ("month_day", re.compile(rf"\b(?P<m>{_MONTH})\.? (?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,? (?:19|20)\d\d)(?![\d:])")),
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    ("weekday", re.compile(rf"\b(?:(?P<mod>last|next|this|late|early|on|by|since|until)\s+)?(?P<w>{_WEEKDAY})(?:'s)?{_PART}\b", re.I)),
    ("yesterday", re.compile(r"\b(?:yesterday|last night|the previous day|the day before)\b", re.I)),
    ("today", re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening)|overnight|earlier in the day|on the day)\b", re.I)),
    ("tomorrow", re.compile(r"\b(?:tomorrow|the next day|the following day)\b", re.I)),
    ("last_period", re.compile(r"\b(?P<which>last|next|this|past) (?P<unit>week|month|year)\b", re.I)),
    ("month_year", re.compile(rf"\b(?:(?:early|late|mid-?)\s*)?(?P<m>{_MONTH}) (?P<y>(?:19|20)\d\d)\b")),
    ("year", re.compile(r"\b(?:in|since|from|until|by|of|early|late|mid-?)\s+(?P<y>(?:19|20)\d\d)\b")),
    ("ago", re.compile(r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an) (?P<unit>day|week|month|year)s? ago\b", re.I)),
    ("duration", re.compile(r"\b(?:(?:the )?(?:past|last|previous|next|recent) )?(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)? ?(?P<unit>hours|days|weeks|months|years)\b", re.I)),
]


def event_base_date(published: Iterable[date]) -> date | None:
    """The date an event's dated articles establish: the median of their dates."""
    dates = list(published)
    return statistics.median_low(dates) if dates else None


def find_dates(doc, article_id: str, base: date | None, base_is_own: bool = True) -> list[TimeMention]:
    """Date and time expressions of a parsed body, resolved against `base`."""
    text = doc_text(doc)
    taken: list[tuple[int, int]] = []
    found: list[TimeMention] = []
    factor = 1.0 if base_is_own else BORROWED_BASE
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.start(), match.end()
            if any(s < end and start < e for s, e in taken):
                continue
            if kind == "duration" and not match["n"] and not re.match(r"(?:the )?(?:past|last|previous|next|recent)",
                                                                       match.group(0), re.I):
                continue  # a bare "years" is not a time expression
            # Only from the article's own date: a date borrowed from the other reports of an undated one can
            # fall days after it was written, and the day before the base is then the likelier reading.
            ahead = kind == "weekday" and base_is_own and _said_ahead(doc, start, end)
            resolved = _resolve_on_calendar(kind, match, base, ahead)
            if resolved is None:
                continue
            when, until, granularity, relative, confidence = resolved
            if relative:
                confidence *= factor
            taken.append((start, end))
            found.append(TimeMention(article_id, text[start:end], start, end,
                                     when.isoformat() if when else None, until.isoformat() if until else None,
                                     granularity, relative, round(confidence, 3)))
    for ent in getattr(doc, "ents", ()):
        if ent.label_ == "DATE" and not any(s < ent.end_char and ent.start_char < e for s, e in taken):
            parsed = _dateparser(ent.text, base)
            if parsed:
                taken.append((ent.start_char, ent.end_char))
                found.append(TimeMention(article_id, ent.text, ent.start_char, ent.end_char, parsed.isoformat(),
                                         None, "day", True, round(0.6 * factor, 3)))
    found.sort(key=lambda t: t.start)
    return _anchor_sequences(_years_from_article(found), text)


def _years_from_article(found: list[TimeMention]) -> list[TimeMention]:
    """A day written without its year ("before the September 30 deadline") takes the year the article gives
    the same day elsewhere ("September 30, 2026"), not the year a guess from the article's date gives."""
    years = {}
    for t in found:
        if t.confidence == ABSOLUTE and t.granularity == "day" and t.date:
            day = date.fromisoformat(t.date)
            years.setdefault((day.month, day.day), day.year)
    out = []
    for t in found:
        if t.confidence == NO_YEAR and t.date:
            day = date.fromisoformat(t.date)
            year = years.get((day.month, day.day))
            if year and year != day.year:
                t = replace(t, date=day.replace(year=year).isoformat())
        out.append(t)
    return out


# "the next day" counts from the day just mentioned, when one was.
_SEQUENCE = {"the next day": 1, "the following day": 1, "the previous day": -1, "the day before": -1}
_ANCHOR_WINDOW = 300


def _anchor_sequences(found: list[TimeMention], text: str) -> list[TimeMention]:
    out: list[TimeMention] = []
    for t in found:
        shift = _SEQUENCE.get(t.text.lower())
        anchor = next((p for p in reversed(out) if p.granularity == "day" and p.date
                       and t.start - p.end <= _ANCHOR_WINDOW), None)
        if shift is not None and anchor is not None and date.min.isoformat() < anchor.date < date.max.isoformat():
            day = date.fromisoformat(anchor.date) + timedelta(days=shift)
            t = TimeMention(t.article, t.text, t.start, t.end, day.isoformat(), None, "day", True,
                            min(t.confidence, anchor.confidence))
        out.append(t)
    return out


def _resolve_on_calendar(kind: str, match: re.Match, base: date | None, ahead: bool = False):
    """`resolve`, or None when the day it names is off the calendar Python can hold
    ("a city built 3000 years ago" counts back before the year 1)."""
    try:
        return resolve(kind, match, base, ahead)
    except (OverflowError, ValueError):
        return None


# Auxiliaries that put a verb after the time of writing or of speaking ("will meet on Thursday", "said
# mediators would meet on Thursday"), and the verbs whose infinitive is still to come ("is due to vote on
# Friday", "plans to travel on Monday").
_FUTURE_AUX = {"will", "'ll", "’ll", "shall", "would", "wo"}
_FUTURE_HEADS = {"due", "set", "scheduled", "expected", "going", "plan", "plans", "planned", "planning", "poised"}


# Links by which a time expression says when its verb happens ("on Thursday", "Thursday", "on Thursday morning").
_ADVERBIAL_LINKS = {"npadvmod", "pobj", "prep", "advmod", "compound", "tmod", "obl", "nummod", "amod", "appos", "conj",
                    "cc"}


def _said_ahead(doc, start: int, end: int) -> bool:
    """Whether the verb a time expression belongs to is said of the future."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    token = span.root
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        if token.dep_ not in _ADVERBIAL_LINKS:
            return False  # "to Monday's closing price": the day of a thing named, not when the verb happens
        token = token.head
    if any(child.dep_ == "aux" and child.lower_ in _FUTURE_AUX for child in token.children):
        return True
    # A deed in the present tense on a weekday is a scheduled one ("the strike, which begins on Wednesday",
    # "the vote is on Friday", "talks are resuming on Monday"), unless it is the saying ("says on Monday").
    auxiliaries = [child for child in token.children if child.dep_ in ("aux", "auxpass")]
    if token.lemma_.lower() not in SPEECH_VERBS and (
            token.tag_ in ("VBZ", "VBP") and not auxiliaries
            or token.tag_ == "VBG" and auxiliaries and all(a.tag_ in ("VBZ", "VBP") for a in auxiliaries)):
        return True
    # "is due to vote on Friday": the infinitive under a word of plan or schedule.
    return (any(child.dep_ == "aux" and child.lower_ == "to" for child in token.children)
            and token.head.lower_ in _FUTURE_HEADS)


def resolve(kind: str, match: re.Match, base: date | None, ahead: bool = False):
    """(date, until, granularity, relative, confidence) for one matched expression, or None. `ahead`: a
    weekday said of the future is the next such day after the base, not the last one before it."""
    if kind in ("day_month_year", "month_day_year", "iso"):
        day = _safe_date(int(match["y"]), _month(match["m"]), int(match["d"]))
        return (day, None, "day", False, ABSOLUTE) if day else None
    if kind == "month_year":
        month, year = _month(match["m"]), int(match["y"])
        last = calendar.monthrange(year, month)[1]
        return date(year, month, 1), date(year, month, last), "month", False, ABSOLUTE
    if kind == "year":
        year = int(match["y"])
        return date(year, 1, 1), date(year, 12, 31), "year", False, ABSOLUTE
    if kind in ("day_month", "month_day"):
        if base is None:
            return None
        month, day_of_month = _month(match["m"]), int(match["d"])
        day = _safe_date(base.year, month, day_of_month)
        if day and day - base > _FUTURE_SLACK:
            day = _safe_date(base.year - 1, month, day_of_month)
        return (day, None, "day", False, NO_YEAR) if day else None
    if kind == "duration":
        return None, None, "duration", True, RELATIVE
    if base is None:
        return None, None, _granularity(kind, match), True, 0.0
    if kind == "weekday":
        return _weekday(match, base, ahead), None, "day", True, RELATIVE
    if kind == "yesterday":
        return base - timedelta(days=1), None, "day", True, RELATIVE
    if kind == "today":
        return base, None, "day", True, RELATIVE
    if kind == "tomorrow":
        return base + timedelta(days=1), None, "day", True, RELATIVE
    if kind == "last_period":
        return (*_period(match["which"].lower(), match["unit"].lower(), base), True, RELATIVE)
    if kind == "ago":
        n = 1 if match["n"].lower() in ("a", "an") else int(_NUMBER_WORDS.get(match["n"].lower()) or match["n"])
        unit = match["unit"].lower()
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n
        return base - timedelta(days=days), None, unit, True, RELATIVE * 0.9
    return None


def _granularity(kind: str, match: re.Match) -> str:
    return match["unit"].lower() if kind in ("last_period", "ago") else "day"


def _weekday(match: re.Match, base: date, ahead: bool = False) -> date:
    """The most recent such weekday on or before the base; "next" looks forward, a verb said of the future
    ("will meet on Thursday") takes the first such day from the base on, "last" looks strictly back."""
    target = _WEEKDAYS[match["w"].lower()]
    modifier = (match["mod"] or "").lower()
    back = (base.weekday() - target) % 7
    if modifier == "next":
        return base + timedelta(days=(target - base.weekday()) % 7 or 7)
    if ahead and modifier != "last":
        # "will chair a meeting on Tuesday morning" in Tuesday's paper is that day.
        return base + timedelta(days=(target - base.weekday()) % 7)
    if modifier == "last" and back == 0:
        back = 7
    return base - timedelta(days=back)


def _period(which: str, unit: str, base: date):
    if unit == "week":
        monday = base - timedelta(days=base.weekday())
        shift = {"last": -7, "past": -7, "next": 7, "this": 0}[which]
        start = monday + timedelta(days=shift)
        return start, start + timedelta(days=6), "week"
    if unit == "month":
        year, month = base.year, base.month
        if which in ("last", "past"):
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        elif which == "next":
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month"
    year = base.year + {"last": -1, "past": -1, "next": 1, "this": 0}[which]
    return date(year, 1, 1), date(year, 12, 31), "year"


def _month(name: str) -> int:
    return int(name) if name.isdigit() else _MONTHS[name.lower().rstrip(".")]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# What a day is named by: a month or weekday (also abbreviated), a numeric date, or a word for a day
# relative to the writing.
_NAMES_A_DAY = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?"
    r"|fri(?:day)?|sat(?:urday)?|sun(?:day)?|today|tonight|yesterday|tomorrow|ago|hence|noon|midnight|morning"
    r"|evening|afternoon)\b|\d{1,4}[/.-]\d{1,2}", re.I)


def _dateparser(text: str, base: date | None) -> date | None:
    """dateparser for the DATE expressions the rules do not cover, relative to the base."""
    if base is None or re.search(r"\b(?:years?|months?|weeks?|days?|hours?|decades?|centur)", text, re.I):
        return None  # durations and vague spans do not name a day
    if not _NAMES_A_DAY.search(text):
        return None  # "2014", "between 18 and 60": no day to find (and no dateparser import to pay for)
    import dateparser

    settings = {"RELATIVE_BASE": datetime.combine(base, datetime.min.time()), "PREFER_DATES_FROM": "past",
                "RETURN_AS_TIMEZONE_AWARE": False, "REQUIRE_PARTS": ["day"]}
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except (OverflowError, ValueError, ArithmeticError):
        return None  # a day off the calendar ("the year 99999")
    return parsed.date() if parsed else None
