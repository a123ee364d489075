"""Actors: the people, bodies, places and groups an event's articles name.

Two steps. `find_mentions(doc, article)` reads one parsed article: every named
entity with its title form ("Russian President Vladimir Putin"), the side and
role its own words give it ("Russia's foreign minister, Sergei Lavrov"), and
descriptions that stand for a person ("the Russian leader").
`merge_actors(mentions)` then merges mentions across all the event's articles
into canonical actors: full name / surname forms, transliteration variants
(Zelensky / Zelenskyy), gazetteer spellings (Kiev / Kyiv), acronyms
(DPR), and descriptions matched by role and side.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from newsprism.extract.nlp import Gazetteer, doc_text, gazetteer
from newsprism.model import Actor, Mention

__all__ = ["NameMention", "find_mentions", "merge_actors", "ROLE_WORDS", "side_of_words"]

_LABEL_TYPES = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}
# Words that say what office a person holds; "leader" stands for any head of state or government.
ROLE_WORDS = {
    "president": "president", "leader": "leader", "premier": "prime minister", "pm": "prime minister",
    "chancellor": "prime minister", "minister": "minister", "ambassador": "ambassador", "envoy": "ambassador",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
    "secretary-general": "secretary-general", "chief": "chief", "official": "official", "king": "leader",
}
_HEAD_OF_STATE = {"president", "prime minister", "leader"}
_TITLES = {"president", "pm", "prime", "minister", "mr", "mrs", "ms", "dr", "gen", "general", "sir", "dame",
           "ambassador", "secretary-general", "chancellor", "senator", "sen", "rep", "gov", "governor", "mayor",
           "king", "queen", "prince", "pope", "foreign", "defence", "defense", "spokesman", "spokeswoman"}
_DESCRIPTION = re.compile(
    r"\b[Tt]he (?P<nat>[A-Z][\w.’'-]*?)(?:’s|'s)? (?P<role>(?i:president|leader|prime minister|premier|chancellor"
    r"|foreign minister|defence minister|defense minister|ambassador|envoy))\b"
)
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")


@dataclass(frozen=True, slots=True)
class NameMention:
    """A mention as one article gives it, before merging across articles."""

    mention: Mention
    type: str
    form: str            # the surface with its title words ("Russian President Vladimir Putin")
    side: str | None     # the side this mention's own words give
    role: str | None
    side_via: str | None = None  # a person whose side this one shares ("Putin's spokesman")


# Words that open a longer place name ("New Mexico", "North Carolina", "Western Australia").
_COMPASS = frozenset({"New", "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central",
                      "Upper", "Lower", "Greater"})


def side_of_words(words: list[str], gaz: Gazetteer) -> str | None:
    """The first side the words name (a demonym, a country, a body), trying word
    runs of up to three ("United Nations Secretary-General")."""
    surfaces = gaz.by_surface()
    for i in range(len(words)):
        if i and words[i - 1] in _COMPASS:
            continue  # "New Mexico", "West Virginia": part of a longer name the runs from its first word missed
        for n in (3, 2, 1):
            if i + n > len(words):
                continue
            phrase = " ".join(words[i:i + n])
            for candidate in (phrase, phrase.strip(",;:"), _POSSESSIVE.sub("", phrase.strip(",;:"))):
                if candidate in gaz.demonyms:
                    return gaz.demonyms[candidate]
                entry = surfaces.get(_fold(candidate))
                if entry and entry.side:
                    return entry.side
    return None


def find_mentions(doc, article: str, gaz: Gazetteer) -> list[NameMention]:
    """Named entities and role descriptions of one parsed article."""
    found: list[NameMention] = []
    surfaces = gaz.by_surface()
    for ent in doc.ents:
        ent = _given_name_before(ent)
        kind = _LABEL_TYPES.get(ent.label_)
        if kind is None:
            continue
        start, end, text = _trim(ent)
        if not text or not any(c.isalpha() for c in text):
            continue
        entry = surfaces.get(_fold(text))
        key = ent.ent_id_ or (entry.name if entry else None)
        if key is None and kind in ("person", "org") and not any(t.pos_ == "PROPN" for t in ent):
            continue  # "Chilling footage": the model's name guesses need a proper noun
        if entry:
            kind = entry.type
        elif kind == "person" and len(text.split()) == 1 and text.isupper():
            kind = "org"  # an acronym the model took for a name
        mention = Mention(article, start, end, text, ent.label_, key)
        if kind == "person":
            form, side, role, via = _person_context(ent, gaz)
        else:
            form, role, via = text, None, None
            side = entry.side if entry else side_of_words(_words_before(ent) + text.split(), gaz)
        found.append(NameMention(mention, kind, form, side, role, via))
    for match in _DESCRIPTION.finditer(doc_text(doc)):
        side = side_of_words([match["nat"]], gaz)
        if side:
            written = match["role"].lower()
            role = written if written.endswith(" minister") else ROLE_WORDS.get(written.split()[-1], written)
            mention = Mention(article, match.start(), match.end(), match.group(0), "DESC", None)
            found.append(NameMention(mention, "person", match.group(0), side, role))
    return found


def _given_name_before(ent):
    """A one-word "organisation" after a title and a capitalised word the model left untagged is a person
    with a given name ("chief executive Ana Moro" tagged as the organisation "Moro")."""
    doc, first = ent.doc, ent.start
    if ent.label_ != "ORG" or len(ent) != 1 or first < 2 or ent[0].pos_ != "PROPN":
        return ent
    given, title = doc[first - 1], doc[first - 2]
    if given.ent_type_ or given.pos_ != "PROPN" or not given.is_title or not given.is_alpha \
            or given.dep_ != "compound" or not (title.is_lower and title.pos_ == "NOUN"):
        return ent
    from spacy.tokens import Span

    return Span(doc, first - 1, ent.end, label="PERSON")


def _trim(ent) -> tuple[int, int, str]:
    """Entity span without a leading "the" or a trailing possessive."""
    tokens = list(ent)
    while tokens and tokens[0].lower_ in {"the", "a", "an"}:
        tokens = tokens[1:]
    while len(tokens) > 1 and ent.label_ == "ORG" and tokens[0].lower_ in FIRMS:
        tokens = tokens[1:]  # "Carmaker Velta" opening a sentence: the firm is Velta
    while tokens and tokens[-1].text in {"’s", "'s", "’", "'"}:
        tokens = tokens[:-1]
    if not tokens:
        return ent.start_char, ent.start_char, ""
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    doc, last = ent.doc, tokens[-1].i
    # A given name joined by a hyphen that the model's span stops short of ("Moon Jae" of "Moon Jae-in";
    # not "Putin-backed" or "Trump-style").
    if ent.label_ == "PERSON" and last == ent.end - 1 and doc[last].text[:1].isupper() and last + 2 < len(doc) \
            and not doc[last].whitespace_ and doc[last + 1].text in _HYPHENS and not doc[last + 1].whitespace_ \
            and doc[last + 2].is_alpha and not doc[last + 2].tag_.startswith(("VB", "JJ")) \
            and doc[last + 2].lower_ not in _COMPOUNDING:
        end = doc[last + 2].idx + len(doc[last + 2].text)
    return start, end, doc_text(doc)[start:end]


# Nouns a report calls a business by ("carmaker Velta", "the company said").
FIRMS = frozenset({"company", "firm", "carmaker", "automaker", "airline", "bank", "insurer", "retailer", "provider",
                   "manufacturer", "operator", "group", "lender", "developer", "supplier", "producer"})
_HYPHENS = {"-", "‐"}
# Words that make a name into a modifier ("Putin-style"), not part of it.
_COMPOUNDING = {"style", "era", "like", "type", "esque", "ish", "ism", "ist", "ite", "ites"}


def _fold(text: str) -> str:
    return text.replace("’", "'").casefold().removeprefix("the ")


def _words_before(ent) -> list[str]:
    head = ent.root
    return [t.text for t in head.lefts if t.i < ent.start and t.dep_ in {"compound", "amod", "poss", "nmod"}]


def _person_context(ent, gaz: Gazetteer) -> tuple[str, str | None, str | None, str | None]:
    """Title form, side, role and side-giving person of a person mention."""
    doc, root = ent.doc, ent.root
    mods = [c for c in root.lefts if c.i < ent.start and (
        c.dep_ in {"compound", "nmod", "poss"} or c.dep_ == "amod" and c.ent_type_ in {"NORP", "GPE", "ORG"})]
    start = min((m.left_edge.i for m in mods), default=ent.start)
    while start < ent.start and doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    _, end, _ = _trim(ent)
    form = doc_text(doc)[doc[start].idx:end]
    context = [t for t in doc[start:ent.start]]
    # An apposition either way: "Sergei Lavrov, Russia's foreign minister" / "Russia's foreign minister, Sergei Lavrov".
    if root.dep_ == "appos":
        context += [t for t in root.head.subtree if not (ent.start <= t.i < ent.end) and t.i < root.i]
        context += [root.head] if root.head.i > ent.end else []
    for child in root.rights:
        if child.dep_ == "appos":
            context += list(child.subtree)
    words = [t.text for t in context]
    role = next((ROLE_WORDS[w.lower()] for w in words if w.lower() in ROLE_WORDS), None)
    via = None
    for t in context:
        if t.dep_ == "poss" and t.ent_type_ == "PERSON":
            via = t.text
    side = None if via else side_of_words(words, gaz)
    return form, side, role, via


# --- merging across articles -------------------------------------------------------

def _translit(word: str) -> str:
    """A spelling key under which transliteration variants meet (Zelenskyy, Zelenskiy -> zelensky)."""
    word = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    for a, b in (("iy", "y"), ("yy", "y"), ("ij", "y"), ("ii", "i"), ("kh", "h"), ("j", "y")):
        word = re.sub(rf"{a}\b", b, word) if a in ("iy", "yy", "ij") else word.replace(a, b)
    return re.sub(r"(.)\1", r"\1", word)


# Romanisations of one Cyrillic name differ in a few regular ways (Ukrainian and Russian forms,
# BGN/PCGN and national systems): Kyiv / Kiev, Luhansk / Lugansk, Kharkiv / Kharkov, Donbas / Donbass.
_ROMANISATIONS = (("ie", "i"), ("y", "i"), ("h", "g"))


def _place_key(text: str) -> str:
    """A key under which spellings of one place, body or group meet: case, "the", possessives,
    a plural last word ("People's Republics"), doubled letters and the romanisation variants."""
    words = re.findall(r"[\w]+", _fold(text).replace("'s", ""))
    if len(words) >= 2 and words[-1].endswith("s") and len(words[-1]) > 3:
        words[-1] = words[-1][:-1]
    keyed = []
    for word in words:
        word = _translit(word)
        for a, b in _ROMANISATIONS:
            word = word.replace(a, b)
        word = re.sub(r"iv$", "ov", re.sub(r"(.)\1", r"\1", word))
        keyed.append(word)
    return " ".join(keyed) or _fold(text)


def _name_tokens(text: str) -> list[str]:
    # Hyphens split too: "Kim Jong-un" and "Kim Jong Un" are one name.
    return [t for t in re.split(r"[\s‐-]+", text.replace("’", "'")) if t and t.lower().strip(".") not in _TITLES]


def _display(text: str) -> str:
    """A name without its title words, spelled as written ("Mr. Youn Kun-young" -> "Youn Kun-young")."""
    return " ".join(t for t in text.replace("’", "'").split() if t.lower().strip(".") not in _TITLES)


def merge_actors(mentions: list[NameMention]) -> tuple[list[Actor], dict[tuple[str, int, int], str]]:
    """Canonical actors for an event, and each mention's (article, start, end) -> actor id."""
    groups: dict[str, list[NameMention]] = defaultdict(list)
    # A full name the small model tags as a body in one article ("Anna Holt's cabinet" as an organisation)
    # is the person other mentions name so.
    def full_name(m: NameMention) -> str | None:
        tokens = _name_tokens(m.mention.text)
        return " ".join(tokens).lower() if len(tokens) >= 2 else None

    people = {full_name(m) for m in mentions if m.type == "person" and m.mention.label == "PERSON"} - {None}
    mentions = [replace(m, type="person") if m.type != "person" and not m.mention.key and full_name(m) in people
                else m for m in mentions]
    for m in mentions:
        if m.type != "person":
            groups[_place_key(m.mention.key or m.mention.text)] += [m]
    # The small model tags some place names as persons ("Kiev" beside "Kyiv"): a "person" spelled
    # as a place or body the event names elsewhere joins it.
    surnames = {_name_tokens(m.mention.text)[-1].lower() for m in mentions
                if m.type == "person" and len(_name_tokens(m.mention.text)) >= 2}
    persons = []
    for m in mentions:
        if m.type != "person" or m.mention.label == "DESC":
            continue
        place = _place_key(m.mention.text)
        tokens = _name_tokens(m.mention.text)
        target = groups.get(place)
        if target and target[0].type in ("place", "group") and (
                len(place.split()) >= 3 or len(tokens) == 1 and tokens[0].lower() not in surnames):
            groups[place].append(m)  # a place or body, not the surname of a person named in full
        else:
            persons.append(m)
    for key, members in _group_persons(persons).items():
        groups[key] += members
    _merge_acronyms(groups)
    sides = {k: _majority(x.side for x in g) for k, g in groups.items()}
    by_surname = {}
    for key, group in groups.items():
        if group[0].type == "person":
            for m in group:
                by_surname[_name_tokens(m.mention.text)[-1] if _name_tokens(m.mention.text) else key] = key
    for key, group in groups.items():  # "Putin's spokesman Dmitry Peskov" takes Putin's side
        if sides[key] is None:
            via = next((by_surname.get(m.side_via) for m in group if m.side_via), None)
            sides[key] = sides.get(via) if via else None
    for m in mentions:
        if m.mention.label == "DESC":
            target = _describe(m, groups, sides)
            if target:
                groups[target].append(m)
    actors, index = [], {}
    for key, group in groups.items():
        actor = _actor(key, group, sides[key])
        actors.append(actor)
        for m in group:
            index[(m.mention.article, m.mention.start, m.mention.end)] = actor.id
    actors.sort(key=lambda a: (-len(a.mentions), a.name))
    return actors, index


# English short forms whose initial differs from the given name's ("Bob Goodlatte" is
# "Robert W. Goodlatte" in another outlet): the initial the full name is filed under.
_SHORT_FORM_INITIAL = {"bob": "r", "bobby": "r", "dick": "r", "bill": "w", "billy": "w", "ted": "e", "ned": "e",
                       "tony": "a", "peggy": "m", "polly": "m", "betty": "e", "betsy": "e", "beth": "e", "liz": "e",
                       "sasha": "a"}


def _first_initial(given: str) -> str:
    return _SHORT_FORM_INITIAL.get(given.lower().rstrip("."), given[0].lower())


def _group_persons(persons: list[NameMention]) -> dict[str, list[NameMention]]:
    full: dict[tuple[str, str], list[NameMention]] = defaultdict(list)  # (surname key, first initial)
    single: list[NameMention] = []
    for m in persons:
        tokens = _name_tokens(m.mention.text)
        if len(tokens) >= 2:
            full[(_translit(tokens[-1]), _first_initial(tokens[0]))].append(m)
        elif tokens:
            single.append(m)
    by_surname: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in full:
        by_surname[key[0]].append(key)
    out: dict[str, list[NameMention]] = {f"person:{s}:{i}": ms for (s, i), ms in full.items()}
    for m in single:
        surname = _translit(_name_tokens(m.mention.text)[0])
        owners = by_surname.get(surname, [])
        if not owners:
            # Family name first ("Kim" of "Kim Jong Un"): the one full name that opens with it.
            owners = [key for key in full if _translit(_first_token(full[key])) == surname]
        owner = _dominant(owners, full)
        key = f"person:{owner[0]}:{owner[1]}" if owner else f"person:{surname}:?"
        out.setdefault(key, []).append(m)
    return out


# A bare name ("Kim") shared by several full names goes to one that is named this many times as
# often as any other in the event: the story's protagonist, not his father named once.
_DOMINANT = 3


def _dominant(owners: list[tuple[str, str]], full: dict) -> tuple[str, str] | None:
    if len(owners) <= 1:
        return owners[0] if owners else None
    ranked = sorted(owners, key=lambda k: -len(full[k]))
    return ranked[0] if len(full[ranked[0]]) >= _DOMINANT * len(full[ranked[1]]) else None


def _first_token(members: list[NameMention]) -> str:
    return _name_tokens(members[0].mention.text)[0]


def _merge_acronyms(groups: dict[str, list[NameMention]]) -> None:
    """Fold an all-capitals name ("OSCE") into the group whose words it abbreviates: as written in
    the articles, or as the gazetteer spells the group's entity ("DPRK" for North Korea, whose
    alias is "Democratic People's Republic of Korea")."""
    surfaces = gazetteer().by_surface()
    initials = {}
    for key, group in groups.items():
        entry = surfaces.get(_fold(group[0].mention.key or ""))
        for name in (group[0].mention.text, *(entry.aliases if entry else ())):
            words = [w for w in re.split(r"[\s-]+", name) if w[:1].isupper()]
            if len(words) >= 2:
                initials.setdefault("".join(w[0] for w in words), key)
    for key in list(groups):
        text = groups[key][0].mention.text
        target = initials.get(text)
        if text.isupper() and 2 <= len(text) <= 6 and target and target != key and target in groups:
            groups[target] += groups.pop(key)


def _describe(m: NameMention, groups: dict[str, list[NameMention]], sides: dict[str, str | None]) -> str | None:
    """The one person a description ("the Russian leader") can stand for in this event."""
    fits = []
    for key, group in groups.items():
        if group[0].type != "person" or sides.get(key) != m.side:
            continue
        roles = {x.role for x in group if x.role}
        if m.role in roles or (m.role in _HEAD_OF_STATE and roles & _HEAD_OF_STATE):
            fits.append(key)
    return fits[0] if len(fits) == 1 else None


def _majority(values) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def _actor(key: str, group: list[NameMention], side: str | None) -> Actor:
    names = [m for m in group if m.mention.label != "DESC"]
    kind = group[0].type
    canonical = next((m.mention.key for m in group if m.mention.key), None)
    if canonical:
        name = canonical
    elif kind == "person":
        full = Counter(_display(m.mention.text) for m in names if len(_name_tokens(m.mention.text)) >= 2)
        name = full.most_common(1)[0][0] if full else _display(names[0].mention.text) or names[0].mention.text
    else:
        name = Counter(m.mention.text for m in names).most_common(1)[0][0]
    aliases = []
    for m in group:
        for surface in (m.mention.text, m.form):
            if surface != name and surface not in aliases:
                aliases.append(surface)
    actor_id = "A" + hashlib.sha256(f"{kind}:{name}".encode()).hexdigest()[:10]
    return Actor(actor_id, name, tuple(aliases), kind, side, tuple(m.mention for m in group))
