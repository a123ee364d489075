"""Who published an article, and whose copy it is.

Two kinds of public fact drive this: which outlet publishes under a domain
(`data/outlets.json`), and the names news agencies go by. Everything else is
read from the article's own credits — a `Source:` line, a licence line, a
syndication notice, an appeal that names the outlet — and what no credit says
stays None.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

__all__ = ["AGENCIES", "agency_name", "outlet_for_url", "wire_from_cues"]

#: News agencies whose copy other outlets run, by the canonical short name the
#: report uses, with the spellings they appear under in credits and cues.
AGENCIES: dict[str, tuple[str, ...]] = {
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "Reuters": ("Reuters", "Thomson Reuters"),
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "Bloomberg": ("Bloomberg",),
    "dpa": ("dpa", "DPA", "Deutsche Presse-Agentur"),
    "EFE": ("EFE",),
    "ANSA": ("ANSA",),
    "PA": ("PA", "PA Media", "Press Association"),
    "PTI": ("PTI", "Press Trust of India"),
    "ANI": ("ANI", "Asian News International"),
    "IANS": ("IANS",),
    "UNI": ("UNI", "United News of India"),
    "Xinhua": ("Xinhua",),
    "TASS": ("TASS", "ITAR-TASS"),
    "RIA Novosti": ("RIA Novosti", "RIA"),
    "Interfax": ("Interfax",),
    "Ukrinform": ("Ukrinform",),
    "UNIAN": ("UNIAN",),
    "Anadolu": ("Anadolu", "Anadolu Agency", "AA"),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "Yonhap": ("Yonhap",),
    "UPI": ("UPI", "United Press International"),
    "IRNA": ("IRNA",),
    "AAP": ("AAP", "Australian Associated Press"),
    "CP": ("Canadian Press", "The Canadian Press"),
}

_AGENCY_BY_SPELLING = {s.lower(): name for name, spellings in AGENCIES.items() for s in spellings}
# Spellings short or common enough that they count only in a credit position
# (a dateline's parentheses, "told X", "X reporters"), never as bare words.
_AGENCY_ALT = "|".join(
    sorted((re.escape(s) for spellings in AGENCIES.values() for s in spellings), key=len, reverse=True)
)
_ALT = rf"(?P<agency>{_AGENCY_ALT})"

#: Phrases in which an agency name says the agency did the reporting.
_WIRE_CUES = [
    re.compile(rf"\btold {_ALT}\b"),
    re.compile(rf"\b{_ALT} (?:reporters?|correspondents?|journalists?|photographers?|staff|tally|count)\b"),
    re.compile(rf"\({_ALT}\)"),
    re.compile(rf"\b{_ALT} (?:reported|has reported|learned|has learned|understands)\b"),
    re.compile(rf"\b(?:in an interview with|speaking to|according to|seen by|obtained by) (?:an? )?{_ALT}\b"),
    re.compile(rf"\b(?:[Ww]ith|[Bb]y) {_ALT}\s*$"),
]


def agency_name(spelling: str) -> str | None:
    """The canonical name of a news agency from one of its spellings."""
    return _AGENCY_BY_SPELLING.get(spelling.strip().lower())


def wire_from_cues(text: str) -> str | None:
    """The agency the text's reporting cues name most often ("AFP reporters saw", "told AFP")."""
    counts: Counter[str] = Counter()
    for pattern in _WIRE_CUES:
        for match in pattern.finditer(text):
            name = agency_name(match.group("agency"))
            if name:
                counts[name] += 1
    if not counts:
        return None
    (best, n), *rest = counts.most_common(2) + [(None, 0)]
    return best if n > rest[0][1] else None


# Subdomains that show the same site in another form: mobile, accelerated pages, numbered mirrors.
_PRESENTATION_PREFIXES = {"www", "www1", "www2", "m", "mobile", "amp"}


@cache
def _outlet_table() -> dict[str, str]:
    raw = resources.files("newsprism").joinpath("data/outlets.json").read_text(encoding="utf-8")
    return {k: v for k, v in json.loads(raw).items() if not k.startswith("_")}


def outlet_for_url(url: str | None) -> str | None:
    """The outlet a known news domain publishes under, or None for an unknown domain."""
    host = _host(url)
    if not host:
        return None
    table = _outlet_table()
    # The listed domain itself, or it behind a presentation prefix ("m.", "amp."); never any
    # subdomain, which can be another outlet of the same company (economictimes.indiatimes.com).
    first, _, rest = host.partition(".")
    return table.get(host) or (table.get(rest) if first in _PRESENTATION_PREFIXES else None)


def domain_of(url: str | None) -> str | None:
    """The host of a URL without a leading "www." (None when there is no host)."""
    return _host(url) or None


def _host(url: str | None) -> str:
    if not url:
        return ""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.")
