"""The camps of an event, found from the event itself: who speaks for whom.

Every quoted speaker is placed by the words the articles use around their names: the title
before the name and the apposition after it ("House Judiciary Chairman Bob Goodlatte (R-Va.)",
"Kate Allen, Amnesty International U.K.'s director", "a spokesman for Mr. Moon"). From those
words each speaker gets a country (a demonym, a country, a capital or a state body from the
gazetteer) and a place at home: a party, the government, the opposition, protesters,
plaintiffs or defendants, an organisation, or a former office.

How the camps are cut depends on the event:
- **countries** — when no one country holds most of the quoted words (a state against a state),
  each speaker's camp is their country, as in a war or a summit;
- **at home** — when one country holds most of them (an election, a lawsuit, a protest, a
  scandal), its speakers are divided by their place at home ("Republicans", "US government",
  "protesters", "plaintiffs (DNC)") and speakers from other countries keep their country.
A principal of the event (named in most of its articles) whom no word places is a camp of
their own: in a dispute between two people, each is a side. Everyone else is left unplaced
rather than guessed.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.extract.actors import side_of_words
from newsprism.extract.nlp import gazetteer
from newsprism.model import Article, Camp, Camps

__all__ = ["find_camps"]

# One country holds the event when it has this share of the placed quoted words.
HOME_SHARE = 0.6
# Below this share of quoted words placed in any country, the event is taken as one country's.
UNPLACED_HOME = 0.3
# ... and its speakers divide at home when two of their camps each hold this share of its words.
HOME_SPLIT = 0.15
# A speaker named in at least this share of the event's articles is one of its principals.
PRINCIPAL_SHARE = 0.6
# Words before a name that belong to its title (no verbs, no sentence end), and after it in an apposition.
_BEFORE_CHARS = 90
_AFTER_CHARS = 110

# Party words of English-language politics (US, UK, Canada, Australia, Ireland, India...) and the
# general forms "X Party", "(R-Va.)": a party is named by the articles, these only recognise it.
_PARTY_WORDS = (
    (r"Liberal Democrats?|Lib Dems?", "Liberal Democrats"),
    (r"Republicans?|GOP|\(R-[A-Z][\w.]*\)|\bR-[A-Z][a-z]*\.", "Republicans"),
    (r"(?<!Liberal )(?:Democrats?|Democratic(?! People))|\(D-[A-Z][\w.]*\)|\bD-[A-Z][a-z]*\.", "Democrats"),
    (r"Labour|Labor Party", "Labour"),
    (r"Conservatives?|Tory|Tories", "Conservatives"),
    (r"Scottish National Party|SNP", "SNP"),
    (r"Greens?(?= Party| MP| leader| co-leader)", "Greens"),
    (r"(?:[A-Z][a-z]+ ){1,3}Party", None),  # "Workers' Party", "Communist Party": the name itself
)
_PARTY = [(re.compile(rf"\b(?:{pattern})"), name) for pattern, name in _PARTY_WORDS]
_OPPOSITION = re.compile(r"\bopposition\b", re.I)
_PROTEST = re.compile(
    r"\b(?:protesters?|protestors?|demonstrators?|activists?|campaigners?|organi[sz]ers? of|marchers|"
    r"rally organi[sz]ers?|protest (?:group|organi[sz]er|movement)|campaign group|pressure group|"
    r"rights group|advocacy group|coalition)\b", re.I)
_LITIGANT = re.compile(
    r"\b(?P<who>plaintiffs?|defendants?|petitioners?|respondents?)\b"
    r"|\b(?:lawyers?|attorneys?|counsel|legal team) (?:for|representing) (?P<client>[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3})",
    re.I)
_SUED = re.compile(
    r"(?P<plaintiff>[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,4}) (?:has |have |had )?"
    r"(?:sued|filed (?:a |the )?(?:\w+ )?(?:lawsuit|suit|complaint) against|is suing|are suing|took legal action against)"
    r" (?:the )?(?P<defendant>[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,4})")
_FORMER = re.compile(r"(?:\b(?:former|onetime|one-time|retired)\b|\bex-)", re.I)
_GOVERNMENT = re.compile(
    r"\b(?:president|vice president|prime minister|premier|chancellor|minister|secretary|spokes(?:man|woman|person)"
    r"|press secretary|ambassador|envoy|attorney general|cabinet|administration|government|ministry|department"
    r"|white house|downing street|kremlin|official|officials|aide|adviser|advisor|leader|king|queen|emperor"
    r"|state media|state news agency|news agency of)\b", re.I)
# A title of a company, union or other body, not of a government: "a company spokesperson", "union president
# Tomas Brenner", "general secretary of the RMTU union", "the airline's chief executive".
_BODY_TITLE = re.compile(
    r"\b(?:company|firm|union|airline|insurer|bank|group|association|federation|corporation|charity|carrier|operator"
    r"|club|league)(?:['’]s)?\s+(?:\w+\s+)?(?:president|secretary|spokes\w+|leader|official|chair\w*|chief)\b"
    r"|\b(?:president|secretary|spokes\w+|leader|chair\w*|chief)\s+(?:\w+\s+)?(?:of|at|for)\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,4}"
    r"(?:union|company|firm|group|association|federation|airline|corporation|insurer|carrier|operator)\b", re.I)
_GENERIC_TITLES = re.compile(r"\b(?:spokes(?:man|woman|person)|officials?|aides?|advis[eo]rs?)\b", re.I)
_LOCAL = re.compile(r"\b(?:mayor|governor|city council|councillor|county)\b", re.I)
_ORG_SUFFIX = re.compile(r"\b(?:director|chief|head|chairman|chairwoman|chair|president|spokes\w+) of (?:the )?"
                         r"(?P<org>[A-Z][\w.&’'-]*(?: [A-Z][\w.&’'-]*){0,4})")


_ORG_POSSESSIVE = re.compile(r"(?P<org>[A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,4})(?:’s|'s) (?:\w+ )?"
                             r"(?:director|chief|head|chairman|chairwoman|chair|president|spokes\w+|founder)\b")


@dataclass(frozen=True, slots=True)
class _Place:
    country: str | None
    home: str | None       # the camp at home ("Republicans", "government", "protesters", an organisation...)
    home_kind: str | None  # party, government, opposition, protest, litigation, organisation, former, local


def find_camps(articles: Sequence[Article], extraction) -> Camps:
    """The event's camps and each quoted speaker's camp (speakers no words place are left out)."""
    body = {a.id: a.body for a in articles}
    actors = {a.id: a for a in extraction.actors}
    words: Counter[str] = Counter()
    contexts: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for q in extraction.quotes:
        if q.kind not in ("direct", "mixed") or q.article not in body:
            continue
        words[q.speaker] += len(q.text.split())
        actor = actors.get(q.actor) if q.actor else None
        if q.speaker not in contexts:
            contexts[q.speaker] = _contexts(q, actor, body)
    parties = _litigants(articles)
    places = {speaker: _place(speaker, contexts[speaker], parties) for speaker in words}
    # A speaker no words place in a country takes the country of the person they speak for
    # ("a spokesman for Mr. Moon"; "Moon Jae-in of South Korea").
    countries = _countries_by_name(actors.values(), body)
    for speaker, place in places.items():
        if place.country is None:
            via = _speaks_for(contexts[speaker], countries)
            if via:
                places[speaker] = _Place(via, place.home, place.home_kind)
    articles_naming = {speaker: _articles_naming(speaker, actors, extraction.quotes, body) for speaker in words}
    principals = {s for s, n in articles_naming.items()
                  if n >= max(2, PRINCIPAL_SHARE * len(articles)) and s[:1].isupper() and len(s.split()) >= 2}

    by_country = Counter()
    for speaker, n in words.items():
        if places[speaker].country:
            by_country[places[speaker].country] += n
    placed = sum(by_country.values())
    home: str | None = by_country.most_common(1)[0][0] if by_country else None
    camp_of = _camps_of(words, places, principals, None)
    if placed < UNPLACED_HOME * sum(words.values()):
        home = ""  # almost no speaker has a country: one country's story, its name unsaid
    if home is not None and by_country[home] >= HOME_SHARE * placed:
        # One country speaks most: its sides at home are the camps, if its speakers really divide.
        at_home = _camps_of(words, places, principals, home)
        home_words = Counter()
        for speaker, (name, kind) in at_home.items():
            if kind not in ("country", "former"):
                home_words[name] += words[speaker]
        total = sum(home_words.values())
        if sum(1 for n in home_words.values() if n >= HOME_SPLIT * total) >= 2:
            camp_of = at_home
    split = "home" if any(kind not in ("country", "person") for _, kind in camp_of.values()) else "countries"
    members: dict[tuple[str, str], list[str]] = defaultdict(list)
    for speaker, camp in camp_of.items():
        members[camp].append(speaker)
    camps = tuple(sorted((Camp(name, kind, tuple(sorted(ms, key=lambda s: -words[s])))
                          for (name, kind), ms in members.items()),
                         key=lambda c: -sum(words[s] for s in c.members)))
    of_actor = {q.actor: camp_of[q.speaker][0] for q in extraction.quotes if q.actor and q.speaker in camp_of}
    return Camps(split, camps, {s: c[0] for s, c in camp_of.items()}, of_actor)


def _camps_of(words, places, principals, home: str | None) -> dict[str, tuple[str, str]]:
    camp_of = {}
    for speaker in words:
        camp = _camp(speaker, places[speaker], home, speaker in principals)
        if camp:
            camp_of[speaker] = camp
    return camp_of


def _camp(speaker: str, place: _Place, home: str | None, principal: bool) -> tuple[str, str] | None:
    """The camp of one speaker: the country in a state-against-state event; at home, the place
    at home (a foreign speaker keeps their country)."""
    if home is None:  # state against state
        if place.country:
            return place.country, "country"
        if place.home and place.home_kind in ("party", "protest", "litigation", "organisation"):
            return place.home, place.home_kind
        return (speaker, "person") if principal else None
    if place.country and place.country != home:  # with the home unnamed (""), a named country is abroad
        return place.country, "country"
    if place.home_kind in ("party", "protest", "litigation", "opposition"):
        return place.home, place.home_kind
    if place.home_kind == "government":
        return f"{home} government".strip(), "government"
    if place.home_kind == "organisation":
        return place.home, place.home_kind
    if principal:
        return speaker, "person"
    if place.home_kind in ("local", "former"):
        return place.home, place.home_kind
    return None


def _contexts(quote, actor, body: dict[str, str]) -> list[tuple[str, str]]:
    """(words before, words after) around the speaker's names: the actor's mentions, else the
    speaker's own words where the article names them."""
    spans = []
    if actor is not None:  # a few namings from every article: titles differ between outlets
        per_article: dict[str, list] = defaultdict(list)
        for m in actor.mentions:
            if m.article in body and len(per_article[m.article]) < 4:
                per_article[m.article].append((m.article, m.start, m.end))
        spans = [span for found in per_article.values() for span in found]
    if not spans:
        text = body[quote.article]
        spans = [(quote.article, m.start(), m.end()) for m in re.finditer(re.escape(quote.speaker), text)]
    return [_around(body[article], start, end) for article, start, end in spans[:24]]


def _around(text: str, start: int, end: int) -> tuple[str, str]:
    """The title before a name at text[start:end] and the apposition after it."""
    after = text[end:end + _AFTER_CHARS]
    return _title_before(text[max(0, start - _BEFORE_CHARS):start]), after[:_apposition_end(after)]


def _title_before(before: str) -> str:
    """The words before a name that are its title: back to the sentence's start or a comma ("Netanyahu
    of Israel, left, and Secretary of State Mike Pompeo": "Secretary of State"); when the name stands
    in apposition ("Britain's foreign secretary, Boris Johnson"), the title before the comma."""
    before = re.split(r"[.!?;:\"“”(]\s|\n", before)[-1]
    pieces = before.split(",")
    if not pieces[-1].strip() and len(pieces) > 1:
        return _title_words(pieces[-2])
    return _title_words(pieces[-1])


def _title_words(words: str) -> str:
    """The run of title words that ends the text: capitalised words, possessives and title nouns
    ("Britain's foreign secretary", "House Judiciary Chairman", "former FBI director"), not the
    clause before them ("Conservatives and liberals agree")."""
    kept: list[str] = []
    for word in reversed(words.split()):
        bare = re.sub(r"(?:’s|'s)$", "", word.strip(",")).lower()
        if word[:1].isupper() or bare in _TITLE_WORDS:
            kept.append(word)
            if len(kept) >= 8:
                break
        else:
            break
    while kept and kept[-1].lower() in ("the", "a", "an", "of", "and"):
        kept.pop()  # the run starts at a title word, not at a determiner
    return " ".join(reversed(kept))


# Lower-case words that belong to a person's title.
_TITLE_WORDS = {
    "the", "a", "an", "of", "and", "for", "former", "ex-", "then", "then-", "deputy", "vice", "acting", "chief", "senior",
    "top", "assistant", "associate", "principal", "foreign", "defense", "defence", "interior", "finance", "justice",
    "home", "press", "national", "security", "intelligence", "military", "state", "affairs", "general", "attorney",
    "secretary", "minister", "director", "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy",
    "leader", "president", "prime", "chairman", "chairwoman", "chair", "official", "officials", "adviser",
    "advisor", "aide", "commentator", "analyst", "mayor", "governor", "representative", "senator", "lawmaker",
    "congressman", "congresswoman", "counsel", "lawyer", "attorney", "negotiator", "commander", "party", "opposition",
    "left-wing", "right-wing", "conservative", "liberal", "campaigner", "activist", "organiser", "organizer",
    "protest", "rights", "group", "campaign", "coalition", "head", "founder", "executive",
    "special", "communications", "house", "senate", "committee", "ranking", "member", "lead", "news", "agency",
    "to", "newswire", "wire", "service", "broadcaster", "newspaper", "media", "state-run", "state-owned", "outlet",
    # whose title it is: "government spokesperson", "company spokesperson", "union president"
    "government", "ministry", "administration", "cabinet", "company", "firm", "union", "airline", "insurer", "bank",
    "corporation", "carrier", "operator",
}


# Words that open a clause after a name, not an apposition naming what the person is.
_NOT_APPOSITION = {"that", "who", "whom", "whose", "which", "when", "where", "while", "said", "says", "told",
                   "added", "and", "but", "as", "in", "on", "at", "after", "before", "during", "if", "to", "he",
                   "she", "they", "it", "we", "i", "has", "had", "was", "is", "will", "would"}


# A relative clause that only says what the named one is ("…, who is Amnesty's director", "…, which is North Korea's
# state media agency") stands for an apposition; one that says what they did ("…, who said …") does not.
_DESCRIBING_CLAUSE = re.compile(r", (?:who|which) (?:is|was|are|were) (?:also |now |still )?(?=(?:a|an|the)\b|[A-Z])")
_APPOSITION_STOP = re.compile(r",|(?<!Mr)(?<!Ms)(?<!Mrs)(?<!Dr)(?<!St)\.\s|\n|\s(?:said|says|told|added|wrote|warned|noted|argued)\b")


def _apposition_end(after: str) -> int:
    """Where an apposition after a name ends: "(R-Va.)", ", a Republican from Ohio," and no further;
    a clause after the name ("…, who has been vocal…", "…, that he should expect…") is not one."""
    of_place = re.match(r" of (?:the )?[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}", after)
    if of_place:  # "President Moon Jae-in of South Korea", "Rep. Elijah Cummings of Maryland, the senior Democrat"
        return of_place.end() + _apposition_end(after[of_place.end():])
    if after.startswith(" ("):
        close = after.find(")")
        return close + 1 if close > 0 else 0
    described = _DESCRIBING_CLAUSE.match(after)
    if described:  # "The Korean Central News Agency, which is North Korea's state media agency, made ..."
        close = _APPOSITION_STOP.search(after, described.end())
        close = close.start() if close else len(after)
        return close if len(after[described.end():close].split()) <= 12 else 0
    if after.startswith(", "):
        first = after[2:].split(" ", 1)[0].lower().strip("“\"'")
        if first in _NOT_APPOSITION:
            return 0
        close = _APPOSITION_STOP.search(after, 2)
        close = close.start() if close else len(after)
        return close if len(after[:close].split()) <= 14 else 0
    return 0


def _place(speaker: str, contexts: list[tuple[str, str]], litigants: dict[str, str]) -> _Place:
    gaz = gazetteer()
    countries: Counter[str] = Counter()
    homes: Counter[tuple[str, str]] = Counter()
    own = side_of_words(speaker.split(), gaz)
    if own:
        countries[own] += 2
    for before, after in contexts or [("", "")]:
        title = before.split()[-6:]
        country = side_of_words(title, gaz) or side_of_words(after.split(), gaz)
        if country:
            countries[country] += 1
        for kind, name in _home(speaker, before, after, litigants):
            homes[(name, kind)] += 1
    country = countries.most_common(1)[0][0] if countries else None
    if not homes:
        return _Place(country, None, None)
    # The most telling place wins over the most frequent: a party over a government title.
    order = ("litigation", "protest", "party", "opposition", "government", "local", "former", "organisation")
    (name, kind), _ = min(homes.items(), key=lambda item: (order.index(item[0][1]), -item[1]))
    return _Place(country, name, kind)


def _home(speaker: str, before: str, after: str, litigants: dict[str, str]):
    """(kind, name) places at home that the words around one naming give."""
    near = f"{' '.join(before.split()[-6:])} {speaker} {after}"
    for pattern, name in _PARTY:
        match = pattern.search(near)
        if match:
            yield "party", name or match.group(0)
            break
    if _OPPOSITION.search(near):
        yield "opposition", "opposition"
    if _PROTEST.search(near):
        yield "protest", "protesters"
    for match in _LITIGANT.finditer(near):
        if match.group("who"):
            role = "plaintiffs" if match.group("who").lower().rstrip("s") in ("plaintiff", "petitioner") else "defendants"
            named = next((name for name, r in litigants.items() if r == role), None)
            yield "litigation", f"{role} ({named})" if named else role
        elif match.group("client"):
            role = _litigant_role(match.group("client"), litigants)
            if role:
                yield "litigation", role
    role = _litigant_role(speaker, litigants)
    if role:
        yield "litigation", role
    for litigant, side in litigants.items():  # "a spokesman for Altan Chemicals", "Altan's lawyer"
        if len(litigant) > 3 and litigant in near:
            yield "litigation", f"{side} ({litigant})"
    if _LOCAL.search(near):
        yield "local", "local officials"
    elif _FORMER.search(before) or re.match(r"^,\s+(?:a |the )?(?:former|ex-)", after):
        yield "former", "former officials"
    elif _GOVERNMENT.search(near) and not _BODY_TITLE.search(near) and not (
            speaker.startswith("anonymous ") and not before.strip() and not after.strip()
            and not _GOVERNMENT.search(_GENERIC_TITLES.sub("", speaker))):
        # (An unnamed "spokesperson" or "official" the article gives no words around is anyone's.)
        yield "government", "government"
    org = _ORG_SUFFIX.search(after) or _ORG_POSSESSIVE.search(after)
    if org:
        yield "organisation", org.group("org")


def _countries_by_name(actors, body: dict[str, str]) -> dict[str, str]:
    """Each person's family name to the country the words around their names give."""
    gaz = gazetteer()
    found: dict[str, Counter] = defaultdict(Counter)
    for actor in actors:
        if actor.type != "person" or not actor.mentions:
            continue
        for m in actor.mentions[:24]:
            if m.article not in body:
                continue
            before, after = _around(body[m.article], m.start, m.end)
            country = side_of_words(before.split(), gaz) or side_of_words(after.split(), gaz)
            if country:
                for part in actor.name.replace("-", " ").split():
                    if len(part) > 2 and part[0].isupper():
                        found[part][country] += 1
    return {name: c.most_common(1)[0][0] for name, c in found.items() if len(c) == 1}


_SPEAKS_FOR = re.compile(r"\b(?:for|to|of|at) (?:(?:Mr|Mrs|Ms|Dr)\.? )?(?P<a>[A-Z][\w-]+)"
                         r"|(?P<b>[A-Z][\w-]+)(?:’s|'s) (?:office|spokes\w+|aide|adviser|government|administration)")


def _speaks_for(contexts: list[tuple[str, str]], countries: dict[str, str]) -> str | None:
    for before, after in contexts:
        for match in _SPEAKS_FOR.finditer(f"{before} {after}"):
            country = countries.get(match.group("a") or match.group("b"))
            if country:
                return country
    return None


def _litigants(articles: Sequence[Article]) -> dict[str, str]:
    """Who sued whom in the event: each name's role, "plaintiffs (X)" or "defendants (Y)"."""
    roles: Counter[tuple[str, str]] = Counter()
    for article in articles:
        for match in _SUED.finditer(article.body):
            plaintiff, defendant = match.group("plaintiff"), match.group("defendant")
            roles[(plaintiff.removeprefix("The ").strip(), "plaintiffs")] += 1
            roles[(defendant.strip(), "defendants")] += 1
    out: dict[str, str] = {}
    for (name, role), _ in roles.most_common():
        out.setdefault(name, role)
    return out


def _litigant_role(name: str, litigants: dict[str, str]) -> str | None:
    """The litigant camp of a name: itself a plaintiff or defendant, or part of one's name."""
    for litigant, role in litigants.items():
        if name == litigant or (len(name) > 3 and (name in litigant or litigant in name)):
            return f"{role} ({litigant})"
    return None


def _articles_naming(speaker: str, actors: dict, quotes, body: dict[str, str]) -> int:
    """In how many of the event's articles the speaker is named."""
    actor_ids = {q.actor for q in quotes if q.speaker == speaker and q.actor}
    named = {m.article for aid in actor_ids if aid in actors for m in actors[aid].mentions}
    last = speaker.split()[-1] if speaker.split() else speaker
    named |= {aid for aid, text in body.items() if len(last) > 2 and re.search(rf"\b{re.escape(last)}\b", text)}
    return len(named & set(body))
