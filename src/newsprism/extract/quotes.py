"""Quotes: who said what, directly, indirectly, or in part.

`find_quotes(doc, article)` reads one parsed article body and returns
`RawQuote`s whose speakers are still references into the text (a name's span,
an anonymous description, a plain description); `resolve_speakers` turns
those into canonical speakers once actors are merged across the event.

- direct: a quotation that is a clause of its own ("We will," he said, "never
  give up."), over several sentences and paragraphs (a paragraph that opens
  with a quotation mark continues an unclosed quotation);
- mixed: a quoted fragment of three words or more inside reported speech
  (asking him to "help them repel Ukraine's aggression," Peskov said);
- indirect: a speech verb with a clause ("X warned that ..."), and "according to X".

Speakers come from the attribution beside the quotation (after it first, then
before it), through pronouns and "the official" to the latest fitting speaker,
and from anonymous descriptions ("a senior US official" -> "anonymous US official").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from newsprism.extract.actors import FIRMS
from newsprism.extract.nlp import doc_text
from newsprism.model import Quote

__all__ = ["SPEECH_VERBS", "RawQuote", "SpeakerRef", "find_quotes", "quoted_spans", "resolve_speakers"]

#: Lemmas of verbs that report speech.
SPEECH_VERBS = {
    "say", "tell", "add", "note", "warn", "claim", "deny", "state", "explain", "announce", "insist", "argue",
    "accuse", "describe", "stress", "declare", "confirm", "write", "reply", "respond", "vow", "threaten", "urge",
    "ask", "demand", "suggest", "predict", "admit", "acknowledge", "allege", "assert", "caution", "concede",
    "contend", "emphasise", "emphasize", "maintain", "mention", "promise", "reiterate", "reveal", "voice",
    "tweet", "post", "complain", "highlight", "point", "report", "recall", "observe", "remark", "comment",
    "dismiss", "reject", "brief", "charge", "estimate", "wonder", "question", "exclaim", "quote", "read", "conclude", "recount",
}
# Quoted fragments shorter than this inside reported speech are the writer's
# marking of a term ("a 'major conflict'"), part of an indirect quote.
_MIXED_MIN_WORDS = 3
_PRONOUNS = {"he", "she", "they", "it", "i", "we"}
_ANON_DETERMINERS = {"a", "an", "one", "some", "another", "two", "several"}
_BACK_DETERMINERS = {"the", "that", "this", "those", "these"}
_ANON_HEADS = {"official", "officials", "doctor", "source", "sources", "diplomat", "diplomats", "resident",
               "residents", "witness", "witnesses", "spokesperson", "spokesman", "spokeswoman", "officer",
               "soldier", "analyst", "expert", "person", "man", "woman", "aide", "adviser", "advisor",
               "insider", "employee", "worker", "nurse", "medic", "commander", "lawmaker", "minister"}
_SPOKES = {"spokesperson", "spokesman", "spokeswoman", "spokespeople"}
# A text that speaks ("the statement said", "the lawsuit alleges") speaks for whoever issued it.
_DOCUMENTS = {"statement", "statements", "letter", "tweet", "tweets", "twitter", "post", "release", "memo",
              "memos", "report", "lawsuit", "suit", "complaint", "filing", "indictment", "notice", "message",
              "communique", "announcement", "document", "documents"}
# Office nouns that stand for the person holding the office ("the president said"), with the title
# forms that office takes before a name ("President Trump", "Rep. Cummings").
_OFFICES = {
    "president": ("president",), "chairman": ("chairman", "chair"), "chairwoman": ("chairwoman", "chair"),
    "congressman": ("rep.", "rep", "representative", "congressman"),
    "congresswoman": ("rep.", "rep", "representative", "congresswoman"),
    "senator": ("sen.", "sen", "senator"), "governor": ("gov.", "gov", "governor"), "mayor": ("mayor",),
    "director": ("director",), "secretary": ("secretary",), "minister": ("minister",), "ambassador": ("ambassador",),
    "speaker": ("speaker",), "judge": ("judge",), "general": ("gen.", "gen", "general"), "attorney": ("attorney",),
    "leader": ("leader",), "premier": ("premier",), "chancellor": ("chancellor",), "king": ("king",),
    "head": (), "dictator": (), "lawmaker": (), "prosecutor": (), "commander": ("commander",),
}
_OPEN_DOUBLE = "“«„"
_CLOSE_DOUBLE = "”»"
_ANY_DOUBLE = _OPEN_DOUBLE + _CLOSE_DOUBLE + '"'
# How far back (in characters) "he" looks for a named person when no speaker fits.
_PERSON_WINDOW = 400
_DOCUMENT_WINDOW = 3000  # characters back to the statement that "the statement" means


@dataclass(frozen=True, slots=True)
class SpeakerRef:
    """Who a quote's attribution names, before actors are merged.

    kind: "name" (start/end span a name in the body), "anonymous" (text is the
    description, e.g. "US official"), "description" (text as written); until
    resolved against the speakers before it, also "pronoun", "back" ("the official"),
    "continue" (an unattributed quotation) and "document" ("the statement read").
    """

    kind: str
    text: str
    start: int = -1
    end: int = -1
    person: bool = True  # could be a "he" or "she" (a person, or an anonymous or described person)
    document: bool = False  # named as the author of a statement, letter or tweet that speaks


@dataclass(frozen=True, slots=True)
class RawQuote:
    article: str
    kind: str
    cue: str | None
    start: int
    end: int
    speaker: SpeakerRef


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    start: int  # first character inside the marks
    end: int    # the closing mark (or the paragraph end for an unclosed quotation)
    open_mark: int


def quoted_spans(text: str) -> list[QuotedSpan]:
    """Double-quoted stretches, pairing marks by context; a paragraph that opens
    with a quotation mark continues an unclosed quotation from the one before."""
    spans, open_at = [], None
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\n" and open_at is not None and text.startswith("\n\n", i):
            j = i
            while j < len(text) and text[j] in "\n \u00a0":
                j += 1
            if j < len(text) and text[j] in _ANY_DOUBLE:
                i = j + 1  # the quotation runs on into the next paragraph
                continue
            spans.append(QuotedSpan(open_at + 1, i, open_at))
            open_at = None
        elif ch in _ANY_DOUBLE:
            role = _mark_role(text, i)
            if open_at is None and role != "close":
                open_at = i
            elif open_at is not None and role != "open":
                if text[open_at + 1:i].strip():
                    spans.append(QuotedSpan(open_at + 1, i, open_at))
                open_at = None
            elif open_at is not None and role == "open":
                open_at = i  # two openers in a row: the first was a stray mark
        i += 1
    if open_at is not None:
        spans.append(QuotedSpan(open_at + 1, len(text), open_at))
    return spans


def _mark_role(text: str, i: int) -> str:
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    before_space = prev.isspace() or prev in "([{—–-/:"
    after_space = nxt.isspace() or nxt in ".,;:!?)]}"
    if before_space and not after_space:
        return "open"
    if after_space and not before_space:
        return "close"
    ch = text[i]
    return "open" if ch in _OPEN_DOUBLE else "close" if ch in _CLOSE_DOUBLE else "either"


def find_quotes(doc, article: str) -> list[RawQuote]:
    """Direct, mixed and indirect quotes of one parsed article body.

    Candidates are collected first with their speakers as written; then, in
    text order, pronouns, "the official" and unattributed continuations are
    resolved against the speakers already seen.
    """
    candidates: list[RawQuote] = []
    covered: list[tuple[int, int]] = []
    spans = quoted_spans(doc_text(doc)) + _single_quoted_paragraphs(doc_text(doc))
    spans.sort(key=lambda span: span.open_mark)
    quoted = tuple((span.open_mark, span.end + 1) for span in spans)
    for span in spans:
        found = _direct_or_mixed(doc, span, quoted)
        if found is not None:
            candidates.append(RawQuote(article, found[0], found[1], span.start, span.end, found[2]))
            covered.append((span.open_mark, span.end + 1))
            candidates += _nested(doc, article, span)
    candidates += _indirect(doc, article, covered)
    candidates.sort(key=lambda q: (q.start, q.end))
    quotes: list[RawQuote] = []
    history: list[tuple[int, SpeakerRef]] = []
    for q in candidates:
        speaker = _resolve_back(q.speaker, history, q.start, doc)
        if speaker is None:
            continue
        history.append((q.start, speaker))
        quotes.append(RawQuote(q.article, q.kind, q.cue, q.start, q.end, speaker))
    return quotes


_NESTED_MIN_WORDS = 4
# A quotation right after a work it names is its title: 'his memoir, "A Higher Loyalty."', 'the film "Rocket Man"'.
# (Nouns that are no verbs too: "show", "play" stand before speech: 'the memos show "..."'.)
_WORK_TITLE = re.compile(r"\b(?:book|memoir|novel|biography|autobiography|film|movie|documentary|song|album|"
                         r"musical|podcast|essay|poem|painting|entitled|titled|headlined)[,:]?\s*$", re.I)
# A short lead-in before an unattributed quotation that goes on with the speech just reported ("As for
# Trump, “I'm sure he'll do the right thing”"): "as for", "on", "asked about" and a few words, no clause.
_LEAD_IN = re.compile(r"(?:As for|As to|On|Of|About|Regarding|Asked about)\s+[^,.;:!?\"“”]{1,40},")


def _nested(doc, article: str, outer: QuotedSpan) -> list[RawQuote]:
    """Single-quoted speech inside a quotation ("... but that Putin had told him, ‘We have ...’"):
    a quote of its own, attributed by the words of the outer quotation before it."""
    text = doc_text(doc)
    found = []
    for inner in _single_quoted(text, outer.start, outer.end):
        if len(text[inner.start:inner.end].split()) < _NESTED_MIN_WORDS:
            continue
        sent = _sentence_at(doc, inner.open_mark)
        head = doc.char_span(max(sent.start_char, outer.start), inner.open_mark, alignment_mode="contract")
        verbs = [t for t in head or [] if t.lemma_.lower() in SPEECH_VERBS and t.pos_ in {"VERB", "AUX"}]
        for verb in reversed(verbs):
            subject = _subject_of(verb, ((inner.open_mark, inner.end + 1),))
            if subject is not None and outer.start <= subject.idx < inner.open_mark:
                found.append(RawQuote(article, "direct", _cue_text(verb), inner.start, inner.end, _speaker_ref(subject)))
                break
    return found


def _single_quoted_paragraphs(text: str) -> list[QuotedSpan]:
    """Quotations in single marks ('We will not raise taxes,' Ms Reeves said), in paragraphs with no double
    mark: outlets that quote so use single marks throughout."""
    spans, start = [], 0
    for match in re.finditer(r"\n\s*\n|$", text):
        end = match.start()
        if not any(ch in _ANY_DOUBLE for ch in text[start:end]):
            spans += _single_quoted(text, start, end)
        start = match.end()
        if start >= len(text):
            break
    return spans


def _single_quoted(text: str, start: int, end: int) -> list[QuotedSpan]:
    """‘…’ or '…' stretches between `start` and `end`; an apostrophe inside a word opens nothing."""
    spans, open_at = [], None
    for i in range(start, end):
        if text[i] not in "‘’'":
            continue
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        opens = (prev.isspace() or prev in "([—–-:,") and nxt.isalnum()
        closes = (prev.isalnum() or prev in ".,!?") and (nxt.isspace() or nxt in ".,;:!?)”\"" or i + 1 == end)
        if open_at is None and opens:
            open_at = i
        elif open_at is not None and closes:
            spans.append(QuotedSpan(open_at + 1, i, open_at))
            open_at = None
    return spans


def _direct_or_mixed(doc, span: QuotedSpan, quoted=()) -> tuple[str, str | None, SpeakerRef] | None:
    text = doc_text(doc)
    words = len(text[span.start:span.end].split())
    open_sent = _sentence_at(doc, span.open_mark)
    close_sent = _sentence_at(doc, max(span.end - 1, span.start))
    before = text[open_sent.start_char:span.open_mark]
    if _WORK_TITLE.search(before):
        return None  # 'his recent memoir, "A Higher Loyalty."': a title, not speech
    starts_clause = _starts_clause(doc, span, open_sent)
    attribution = (_attribution_after(doc, span, close_sent, quoted)
                   or _attribution_before(doc, span.open_mark, open_sent, quoted))
    if attribution is None:
        # An unattributed quotation opening its sentence continues the speech just reported.
        if starts_clause and words >= _MIXED_MIN_WORDS and (not before.strip() or before.rstrip().endswith(":")
                                                             or _LEAD_IN.fullmatch(before.strip())):
            return "direct", None, SpeakerRef("continue", "")
        return None
    cue, speaker = attribution
    if starts_clause:
        return "direct", cue, speaker
    if words >= _MIXED_MIN_WORDS:
        return "mixed", cue, speaker
    return None


def _sentence_at(doc, char: int):
    token = doc.char_span(char, char + 1, alignment_mode="expand")
    if token is None or not len(token):
        return doc[-1:].sent if len(doc) else doc[:]
    return token[0].sent


def _starts_clause(doc, span: QuotedSpan, sent) -> bool:
    """True when the quotation opens its clause: at the sentence start, after a
    colon or comma, after a speech verb, or after "that" following one."""
    before = doc_text(doc)[sent.start_char:span.open_mark].rstrip()
    if not before or before.endswith((":", ",", "—", "–")) or before[-1] in _ANY_DOUBLE:
        return True
    tokens = [t for t in doc.char_span(sent.start_char, span.open_mark, alignment_mode="contract") or []
              if not t.is_space and not t.is_punct]
    if not tokens:
        return True
    last = tokens[-1]
    if last.lemma_.lower() in SPEECH_VERBS or last.lower_ in {"that"} and any(
            t.lemma_.lower() in SPEECH_VERBS for t in tokens[-6:-1]):
        return True
    # "voiced a more cautious tone “...”": the object of a speech verb, then the quotation.
    return any(t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB" for t in tokens[-5:]) and last.pos_ == "NOUN"


def _attribution_after(doc, span: QuotedSpan, sent, quoted=()) -> tuple[str, SpeakerRef] | None:
    """', X said.' / '" Putin noted.' / ', said X' right after the closing mark: the speaker is
    named there too (", adding that ..." after a quotation continues a sentence, it does not
    attribute the quotation)."""
    text = doc_text(doc)
    stop = sent.end_char
    nxt = next((i for i in range(span.end + 1, stop) if text[i] in _ANY_DOUBLE), stop)
    tail = doc.char_span(span.end + 1, nxt, alignment_mode="contract")
    if tail is None:
        return None
    verbs = [t for t in tail if t.lemma_.lower() in SPEECH_VERBS and t.pos_ in {"VERB", "AUX"}]
    # ', Sen. Tom Brandt, the Texas Republican who wrote the bill, said': a speech verb in a relative clause of
    # the speaker's apposition is not the attribution.
    verbs = [v for v in verbs if v.dep_ not in {"relcl", "acl"}] or verbs
    relayed = next((o for v in verbs for o in _quoted_source(v)), None)
    if relayed is not None:  # '", the agency said, quoting Mr. Kim.': Kim's words
        return "quoting", _speaker_ref(relayed)
    if re.match(r"[,\s]*according to\b", text[span.end + 1:nxt]):
        according = _according_to(sent)
        if according is not None:
            return according
    for verb in verbs[:1]:
        # The attribution must follow the quotation closely: at most a name and its apposition.
        if verb.idx - span.end > 160:
            return None
        subject = _subject_of(verb, quoted)
        if subject is not None and span.end < subject.idx < nxt:
            return _cue_text(verb), _speaker_ref(subject)
        if subject is None:
            # '"...," survivor Daniel Morrow, 34, told AFP': the parse missed the subject; the one person named
            # between the quotation and its verb is the speaker.
            named = [e for e in doc.ents if e.label_ == "PERSON" and span.end < e.start_char and e.end_char <= verb.idx]
            gap = re.findall(r"[A-Za-z]+", text[span.end + 1:named[0].start_char]) if len(named) == 1 else []
            if len(named) == 1 and len(gap) <= 2 and not set(map(str.lower, gap)) & _PREPOSITIONS \
                    and verb.tag_ != "VBG" and verb.idx - named[0].end_char <= _APPOSITION_CHARS:
                return _cue_text(verb), _name_ref(named[0])
    return None


_PREPOSITIONS = {"to", "for", "with", "by", "at", "on", "from", "against", "of", "about", "in", "into", "over"}
_APPOSITION_CHARS = 40  # from the name to its verb: "Daniel Morrow, 34, told"


def _quoted_source(verb) -> list:
    """Whom an active "quote" relays ("quoting Mr. Kim", "quoted Kim as saying")."""
    if verb.lemma_.lower() != "quote":
        return []
    return [c for c in verb.children if c.dep_ == "dobj" and c.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}]


def _attribution_before(doc, open_mark: int, sent, quoted=()) -> tuple[str, SpeakerRef] | None:
    """'Putin said: “...' / 'Lavrov says “...' / 'warned the body that "...' / 'according to X'."""
    head = doc.char_span(sent.start_char, open_mark, alignment_mode="contract")
    if head is None:
        head = []
    verbs = [t for t in head if t.lemma_.lower() in SPEECH_VERBS and t.pos_ in {"VERB", "AUX"}]
    relayed = next((o for v in verbs for o in _quoted_source(v)), None)
    if relayed is not None:
        return "quoting", _speaker_ref(relayed)
    for verb in reversed(verbs):
        subject = _subject_of(verb, quoted)
        if subject is not None:
            return _cue_text(verb), _speaker_ref(subject)
    according = _according_to(sent)
    if according is not None or not (verbs or doc_text(doc)[sent.start_char:open_mark].rstrip().endswith(":")):
        return according
    # 'Marcus Bell, director of the project, put it bluntly: "..."': a clause ending in a colon before the
    # quotation introduces it, whatever its verb; so does one holding a speech verb whose subject the parse
    # missed ("Mr. Trump seized on the memos ... to repeat ... that there was “NO COLLUSION ...”"). The clause's
    # subject, when a person, speaks.
    roots = [t for t in head if t.dep_ == "ROOT" and t.pos_ in {"VERB", "AUX"}]
    subject = next((c for r in roots for c in r.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is not None and (subject.ent_type_ == "PERSON" or any(t.ent_type_ == "PERSON" for t in subject.subtree)):
        return roots[0].text.lower(), _speaker_ref(subject)
    return None


_ACCORDING = re.compile(r"\baccording to\b", re.I)


def _reported_by(text: str, start: int, end: int) -> tuple[int, int]:
    """What a sentence with "according to" reports, within the sentence: what follows an opening "According to
    X," ("According to a person familiar with the investigation, the attackers logged in ..."), else what comes
    before ", according to X"."""
    end = start + len(text[start:end].rstrip())
    cue = _ACCORDING.search(text, start, end)
    if cue is None:
        return start, end
    if not text[start:cue.start()].strip(" \"“”'‘’"):
        comma = text.find(",", cue.end(), end)
        if comma < 0:
            return start, end
        rest = text[comma + 1:end]
        return end - len(rest.lstrip()), end
    comma = text.rfind(",", start, cue.start())
    return start, comma if comma > start else end


def _according_to(sent) -> tuple[str, SpeakerRef] | None:
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to":
            objects = [c for c in token.nbor(1).children if c.dep_ == "pobj"]
            if objects:
                return "according to", _speaker_ref(objects[0])
    return None


def _cue_text(verb) -> str:
    objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"} and c.ent_type_ in {"ORG", "PERSON"}]
    if verb.lemma_ == "tell" and objects:
        return f"told {objects[0].text}"
    if verb.lemma_ == "point" and any(c.lower_ == "out" for c in verb.children):
        return "pointed out"
    return verb.text.lower()


def _subject_of(verb, quoted=()):
    """The speaker of a speech verb: its subject, or its governing verb's ("..., adding:").
    Words inside a quotation are the speaker's words, never the speaker: a subject there is
    skipped, and a chain of verbs that passes through a quotation names no one."""
    def inside(token) -> bool:
        return any(a <= token.idx < b for a, b in quoted)

    if verb.tag_ == "VBG" and verb.head is not verb and verb.head.pos_ in {"VERB", "AUX"} and not inside(verb.head):
        # "The office confirmed that the two leaders would meet, saying only ...": the office speaks,
        # so the nearest speech verb above decides; else the verb it hangs from ("Zelensky addressed
        # the nation saying ...": Zelensky speaks).
        above = next((a for a in verb.ancestors if a.lemma_.lower() in SPEECH_VERBS and a.pos_ == "VERB"
                      and not inside(a)), verb.head)
        governing = [c for c in above.children if c.dep_ in {"nsubj", "nsubjpass"} and not inside(c)]
        if governing:
            return _relative_antecedent(governing[0], above)
    if verb.tag_ == "VBN" and verb.dep_ in {"advcl", "acl"} and not any(c.dep_ in {"aux", "auxpass", "nsubj"}
                                                                       for c in verb.children):
        return None  # "Asked whether cuts were coming, she said ...": she was asked; the question is no one's speech
    for _ in range(3):
        if inside(verb):
            return None
        subjects = [c for c in verb.children if (c.dep_ == "nsubj" or c.dep_ == "nsubjpass" and _speaks_passive(verb))
                    and not inside(c)]
        if subjects:
            return _relative_antecedent(_named_of_two(subjects), verb)
        if any(c.dep_ == "nsubjpass" for c in verb.children) and verb.lemma_.lower() in SPEECH_VERBS:
            # "had been warned by London's mayor, Sadiq Khan, that ...": the doer after "by" speaks; "That
            # exchange was first reported in his book": what was said, not who said it.
            doer = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            return _named_apposition(doer) if doer is not None and not inside(doer) else None
        # '"...," read a joint statement from ...': inverted, the parser takes the document for an object.
        document = next((c for c in verb.rights if c.dep_ == "dobj" and c.lower_ in _DOCUMENTS), None)
        if document is not None and not inside(document):
            return document
        if verb.dep_ == "pcomp" and verb.head.head is not verb.head:
            verb = verb.head.head  # "was quoted ... as saying"
        elif verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and verb.head.head.lemma_.lower() in SPEECH_VERBS:
            # "Streamly said that 48 million accounts had been affected, but denied that ...": the parser
            # joins the second verb of speech to the reported clause; it goes with the first.
            verb = verb.head.head
        elif verb.dep_ in {"advcl", "xcomp", "conj", "ccomp", "acl"} and verb.head is not verb:
            verb = verb.head
        else:
            return None
    return None


def _speaks_passive(verb) -> bool:
    """Whether the subject of this passive verb is a speaker: "he was quoted as saying", "she was cited
    as saying"; not "the exchange was reported", "he was told"."""
    return verb.lemma_.lower() not in SPEECH_VERBS or verb.lemma_.lower() in {"quote", "cite"}


def _named_apposition(noun):
    """A noun, or the person's name in apposition to it ("London's mayor, Sadiq Khan")."""
    return next((c for c in noun.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), noun)


def _named_of_two(subjects):
    """Of two subjects the parser gives one verb, the person's name: "The mayor of London, Sadiq Khan
    warned ..." (the comma that closes the apposition missing) is Sadiq Khan speaking."""
    if len(subjects) == 2 and subjects[0].ent_type_ != "PERSON" and subjects[1].ent_type_ == "PERSON" \
            and subjects[0].i < subjects[1].i and "," in subjects[0].doc[subjects[0].i:subjects[1].i].text:
        return subjects[1]
    return subjects[0]


def _relative_antecedent(subject, verb):
    """"Johnson, who said ...": the speaker is the noun the relative clause hangs from."""
    if subject.lower_ in {"who", "which", "that"} and verb.dep_ == "relcl" and verb.head is not verb:
        return verb.head
    return subject


def _speaker_ref(token) -> SpeakerRef:
    """A reference for the phrase headed by `token`: a name, an anonymous source, or a description."""
    doc = token.doc
    phrase = [t for t in token.subtree if t.dep_ not in {"relcl", "acl"} or t is token]
    names = [t for t in phrase if t.ent_type_ == "PERSON" and t.dep_ != "poss"
             and not any(a.dep_ == "poss" for a in t.ancestors if a.i in {p.i for p in phrase} and a is not token)]
    if names:
        # The name the head itself belongs to, else the nearest one ("Putin's spokesman Dmitry Peskov": Peskov).
        nearest = min(names, key=lambda t: (t.ent_iob_ == "" , abs(t.i - token.i)))
        ent = next(e for e in doc.ents if e.start <= nearest.i < e.end)
        # "a joint statement from Senator X": X, as the author of a statement "the statement" may mean again.
        return replace(_name_ref(ent), document=token.lower_ in _DOCUMENTS)
    if token.lower_ in _PRONOUNS:
        return SpeakerRef("pronoun", token.lower_, token.idx, token.idx + len(token))
    if token.lower_ in _DOCUMENTS:
        issuer = _issuer(token)
        if issuer is not None:
            return replace(issuer, document=True)
        return SpeakerRef("document", "")
    if token.lower_ in _SPOKES or token.ent_type_ in {"ORG", "GPE", "NORP"}:
        bodies = [e for e in doc.ents if e.label_ in {"ORG", "GPE"} and token.left_edge.i <= e.start <= token.i]
        if bodies:
            ref = _name_ref(bodies[-1])
            # "a No 10 spokesperson" speaks for No 10, and is a "he" or "she" in what follows.
            return SpeakerRef(ref.kind, ref.text, ref.start, ref.end, person=token.lower_ in _SPOKES or ref.person)
    determiners = {t.lower_ for t in token.children if t.dep_ in {"det", "nummod", "quantmod"}}
    office = _office(token.lower_)
    if office and not determiners & _ANON_DETERMINERS and not any(
            t.ent_type_ in {"GPE", "NORP", "ORG"} for t in token.lefts):
        holder = _office_holder(doc, office, token.idx)
        if holder is not None:
            return holder
    if determiners == {"the"} and token.pos_ == "NOUN":
        body = _body_named_before(doc, token)
        if body is not None:
            return body
    modifiers = [t for t in token.lefts if t.dep_ in {"compound", "amod", "nmod"} and
                 (t.ent_type_ in {"GPE", "NORP", "ORG"} or t.pos_ == "PROPN")]
    head = token.lower_
    description = " ".join([m.text for m in modifiers] + [token.text])
    anonymous_context = "anonymous" in doc_text(doc)[max(0, token.idx - 60):token.idx].lower()
    if head in _ANON_HEADS and (determiners & _ANON_DETERMINERS or anonymous_context):
        return SpeakerRef("anonymous", description)
    if head in _ANON_HEADS and determiners & _BACK_DETERMINERS:
        return SpeakerRef("back", head)
    if token.left_edge.i == token.i and token.pos_ == "PROPN" and token.ent_type_ not in {"GPE", "LOC", "FAC"} and \
            token.text in _full_name_surnames(doc):
        # "Okafor wrote", the small model tagging no name: the surname of the person the article names in full.
        return SpeakerRef("name", token.text, token.idx, token.idx + len(token), person=True)
    left = token.left_edge.idx
    person = token.ent_type_ not in {"GPE", "ORG", "NORP", "LOC"} and token.pos_ != "PROPN"
    return SpeakerRef("description", doc_text(doc)[left:token.idx + len(token)], left, token.idx + len(token), person)


def _body_named_before(doc, token) -> SpeakerRef | None:
    """"The agency said" after "the Korean Central News Agency" was named: the latest organisation named
    before, in the article, whose name ends in that noun ("agency", "ministry", "committee")."""
    noun = token.lemma_.lower()
    bodies = [e for e in doc.ents if e.label_ == "ORG" and e.end <= token.i and len(e) >= 2
              and e[-1].lemma_.lower() == noun]
    if bodies:
        return _name_ref(bodies[-1])
    if noun in FIRMS:
        # "the company said" in a story about one company: the only organisation named before it, or the one
        # named before it as that kind of firm ("cloud provider Nimbus", "carmaker Velta").
        named = [e for e in doc.ents if e.label_ == "ORG" and e.end <= token.i]
        distinct = {e.text.lower() for e in named}
        described = [e for e in named if e.start > 0 and doc[e.start - 1].lemma_.lower() in FIRMS]
        if len(distinct) == 1:
            return _name_ref(named[-1])
        if len({e.text.lower() for e in described}) == 1:
            return _name_ref(described[-1])
    return None



def _issuer(token) -> SpeakerRef | None:
    """Who issued a speaking document: its possessor or modifier ("the White House statement",
    "Trump's tweet", "a statement from KCNA"), else the name nearest before it in the sentence."""
    doc = token.doc
    inside = [e for e in doc.ents if e.label_ in {"PERSON", "ORG", "GPE", "NORP"}
              and token.left_edge.i <= e.start and e.end <= token.right_edge.i + 1]
    if inside:
        return _name_ref(inside[0])
    # "read a joint statement from Chairman Bob Goodlatte, ...": the parser may hang "from" on the verb.
    for source in (c for t in (token, token.head) for c in t.children if c.dep_ == "prep" and c.lower_ == "from"):
        named = [e for e in doc.ents if e.label_ in {"PERSON", "ORG", "GPE", "NORP"}
                 and source.i < e.start and e.end <= source.right_edge.i + 1]
        if named:  # a person before the body that titles him ("House Judiciary Chairman Bob Goodlatte")
            return _name_ref(next((e for e in named if e.label_ == "PERSON"), named[0]))
    text = doc_text(doc)
    # A name followed by a closing quotation mark before the document is a name in what it says.
    before = [e for e in doc.ents if e.label_ in {"PERSON", "ORG"} and token.sent.start <= e.start and e.end <= token.i
              and not any(ch in _CLOSE_DOUBLE + '"' for ch in text[e.end_char:token.idx])]
    return _name_ref(before[-1]) if before else None


# Title words that make the person not the office's holder ("Vice President Pence", "former President").
_NOT_THE_HOLDER = {"vice", "former", "ex", "late", "deputy", "acting"}


def _office(word: str) -> str | None:
    """The office a noun names, plurals included ("chairmen" -> "chairman")."""
    for form in (word, re.sub(r"men$", "man", word), word.rstrip("s")):
        if form in _OFFICES:
            return form
    return None


def _office_holder(doc, office: str, before: int) -> SpeakerRef | None:
    """The person an office noun stands for: of the people named with that title ("Chairman
    Goodlatte ... the chairman said"; not "Vice President", not "former President"), the one so
    named most often, the latest before the quote on a tie; for titleless offices ("the
    dictator") the person named last before it."""
    titles = _OFFICES[office]
    if not titles:
        return _latest_person(doc, before)
    counts: dict[str, int] = {}
    latest: dict[str, object] = {}
    for e in doc.ents:
        if e.label_ != "PERSON":
            continue
        window = [t.lower_ for t in doc[max(0, e.start - 3):e.start]]
        at = next((k for k, w in enumerate(window) if w in titles or w == office), None)
        if at is None or any(w in _NOT_THE_HOLDER for w in window[:at]):
            continue
        surname = e.text.split()[-1]
        counts[surname] = counts.get(surname, 0) + 1
        if e.end_char <= before or surname not in latest:
            latest[surname] = e
    if not counts:
        return None
    order = {name: e.end_char for name, e in latest.items()}
    best = max(counts, key=lambda name: (counts[name], order[name] <= before, order[name]))
    return _name_ref(latest[best])


def _name_ref(ent) -> SpeakerRef:
    tokens = [t for t in ent if t.text not in {"’s", "'s"} and t.lower_ not in {"the"}] or list(ent)
    while len(tokens) > 1 and tokens[0].lower_ in FIRMS:
        tokens = tokens[1:]  # "Carmaker Velta" opening a sentence: the firm is Velta
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return SpeakerRef("name", doc_text(ent.doc)[start:end], start, end, person=_is_person(ent, tokens))


def _is_person(ent, tokens) -> bool:
    """A person's name, or a surname the small model took for something else than a place ("Trump
    promised ..." as an organisation or a work of art) where the article names that person in full
    ("Donald Trump"): a "he" or "she" may follow it."""
    if ent.label_ == "PERSON":
        return True
    return ent.label_ not in {"GPE", "LOC", "FAC"} and len(tokens) == 1 and not tokens[0].text.isupper() and \
        tokens[0].text in _full_name_surnames(ent.doc)


def _a_person(ent) -> bool:
    """A person's name, or the surname of a person named in full that the small model took for a body ("Varga,
    who has governed since 2016, thanked voters", tagged an organisation)."""
    return ent.label_ == "PERSON" or (ent.label_ not in {"GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL"}
                                      and len(ent) == 1 and ent.text in _full_name_surnames(ent.doc))


def _full_name_surnames(doc) -> set[str]:
    """The surnames of the people an article names in full ("Daniel Okafor", "Justice Daniel Okafor's"), read
    once per article."""
    cached = doc.user_data.get("newsprism_full_name_surnames")
    if cached is not None:
        return cached
    found = set()
    for e in doc.ents:
        words = [t.text for t in e if t.text not in {"'s", "’s", "'", "’"}]
        if e.label_ == "PERSON" and len(words) >= 2:
            found.add(words[-1])
    doc.user_data["newsprism_full_name_surnames"] = found
    return found


def _latest(history, position: int, doc, person: bool = False, pronoun: str = "") -> SpeakerRef | None:
    """The latest speaker before `position` in the same or the previous paragraph (for "he" or "she",
    none the article shows to be of the other sex)."""
    text = doc_text(doc)
    floor = text.rfind("\n\n", 0, max(0, text.rfind("\n\n", 0, position)))
    for at, ref in reversed(history):
        if at < position and at > floor and (ref.person or not person) and _may_be(ref.text, pronoun, doc) \
                and not (pronoun in {"he", "she"} and ref.kind != "name" and _plural(ref.text)):
            return ref
    return None


def _plural(description: str) -> bool:
    """Whether a description names many ("witnesses", "Republican officials"): no "he" or "she" means them."""
    word = description.split()[-1].lower() if description.split() else ""
    return word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s"))


_HE, _SHE = frozenset({"he", "him", "his", "himself"}), frozenset({"she", "her", "hers", "herself"})
_MALE_TITLES = frozenset({"mr", "mr.", "sir", "lord", "king", "prince", "father"})
_FEMALE_TITLES = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "lady", "dame", "queen", "princess", "mother"})


def _sexes(doc) -> dict[str, str]:
    """The sex ("he" or "she") the article shows for each person it names, by surname: a title before
    the name ("Mr.", "Mrs."; it weighs as three sentences), or "he"/"his" (or "she"/"her") after the name
    in a sentence naming no one else; the more often shown sex. A person shown as neither, or as each
    equally often, is left out: any pronoun may mean them."""
    cached = doc.user_data.get("newsprism_sexes")
    if cached is not None:
        return cached
    seen: dict[str, Counter] = defaultdict(Counter)
    alone = None  # the one person the sentence before named, if it named one
    for sent in doc.sents:
        people = [e for e in sent.ents if e.label_ == "PERSON"]
        if not people and alone is not None and "\n\n" not in doc_text(doc)[alone.end_char:sent.start_char]:
            # '"Families are paying the price," he said.' after the sentence naming only Richard Ashby.
            words = {t.lower_ for t in sent}
            if words & _HE and not words & _SHE:
                seen[_surname(alone.text)]["he"] += 1
            elif words & _SHE and not words & _HE:
                seen[_surname(alone.text)]["she"] += 1
        alone = people[0] if len({_surname(e.text) for e in people}) == 1 else None
        for e in people:
            title = doc[e.start - 1].lower_ if e.start > 0 else ""
            if title in _MALE_TITLES or e[0].lower_ in _MALE_TITLES:
                seen[_surname(e.text)]["he"] += 3
            elif title in _FEMALE_TITLES or e[0].lower_ in _FEMALE_TITLES:
                seen[_surname(e.text)]["she"] += 3
        if len({_surname(e.text) for e in people}) == 1:
            after = {t.lower_ for t in sent if t.i >= people[0].end}
            if after & _HE and not after & _SHE:
                seen[_surname(people[0].text)]["he"] += 1
            elif after & _SHE and not after & _HE:
                seen[_surname(people[0].text)]["she"] += 1
    sexes = {name: "he" if found["he"] > found["she"] else "she"
             for name, found in seen.items() if found["he"] != found["she"]}
    doc.user_data["newsprism_sexes"] = sexes
    return sexes


def _surname(name: str) -> str:
    words = [w for w in re.findall(r"[\w'’-]+", name) if w.lower() not in _MALE_TITLES | _FEMALE_TITLES]
    return words[-1].lower() if words else name.lower()


def _may_be(name: str, pronoun: str, doc) -> bool:
    """Whether "he" or "she" (any other pronoun: always) may mean the person named."""
    if pronoun not in {"he", "she"}:
        return True
    return _sexes(doc).get(_surname(name), pronoun) == pronoun


def _resolve_back(ref: SpeakerRef, history, position: int, doc) -> SpeakerRef | None:
    """A pronoun or "the official" refers to the latest fitting speaker or person; "the statement read"
    to the authors of the latest statement named with them, else to the latest speaker."""
    if ref.kind == "document":
        authors = next((r for at, r in reversed(history) if r.document and at < position
                        and position - at <= _DOCUMENT_WINDOW), None)
        return authors or _latest(history, position, doc)
    if ref.kind == "continue":
        return _latest(history, position, doc)
    if ref.kind == "pronoun":
        if ref.text in {"i", "we"}:
            return None
        previous = _latest(history, position, doc, person=ref.text in {"he", "she"}, pronoun=ref.text)
        # A person (or for "they", a group) made a clause's subject since that speaker spoke, before
        # the quotation (never inside it), is whom the pronoun now means.
        since = max((at for at, r in history if r is previous), default=-1) if previous is not None else -1
        if ref.text in {"he", "she"}:
            subject = _latest_subject_person(doc, min(ref.start, position), since, ref.text)
            if subject is not None:
                return subject
        if ref.text == "they":
            group = _latest_subject_group(doc, min(ref.start, position), since)
            if group is not None and _speaker_ref(group).kind in {"name", "description", "anonymous"}:
                return _speaker_ref(group)
        if previous is not None and (ref.text != "it" or previous.kind == "description"):
            return previous
        if ref.text in {"he", "she"}:
            person = _latest_person(doc, ref.start, ref.text)
            return person
        return None
    if ref.kind == "back":
        for at, earlier in reversed(history):
            if at < position and earlier.kind == "anonymous" and earlier.text.split()[-1].lower() == ref.text:
                return earlier
        return SpeakerRef("anonymous", ref.text)
    return ref


def _latest_subject_person(doc, before: int, after: int, pronoun: str = "") -> SpeakerRef | None:
    """The latest person named as a clause's subject (or in apposition to it: "Britain's foreign
    secretary, Boris Johnson, used ...") between `after` and `before`, within the person window, whom
    the pronoun may mean."""
    for e in reversed(doc.ents):
        if not _a_person(e) or e.end_char > before or e.start_char <= after or before - e.end_char >= _PERSON_WINDOW:
            continue
        if not _may_be(e.text, pronoun, doc):
            continue
        root = e.root
        if root.dep_ in {"nsubj", "nsubjpass"} or root.dep_ == "appos" and root.head.dep_ in {"nsubj", "nsubjpass"}:
            if pronoun in {"he", "she"} and _surname(e.text) not in _sexes(doc) and e.sent.end_char >= before:
                # A subject of unknown sex yields to a person named after it in the pronoun's sentence whom
                # the article shows to be of the pronoun's ("Holt sacked Larsen, hours after he told ...").
                shown = [o for o in e.sent.ents if o.label_ == "PERSON" and e.end_char <= o.start_char
                         and o.end_char <= before and _sexes(doc).get(_surname(o.text)) == pronoun]
                if shown:
                    return _name_ref(shown[-1])
            return _name_ref(e)
    return None


def _latest_subject_group(doc, before: int, after: int):
    """The latest plural subject (a plural noun, or names joined by "and") between `after` and
    `before`, within the person window."""
    for token in reversed(doc):
        if token.idx >= before:
            continue
        if token.idx <= after or before - token.idx >= _PERSON_WINDOW:
            return None
        if token.head.idx >= before or token.lower_ in _DOCUMENTS:
            continue  # the subject of words inside the quotation, or a text rather than its authors
        if token.dep_ in {"nsubj", "nsubjpass"} and token.lower_ not in _PRONOUNS and (
                token.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in token.subtree)):
            return token
    return None


def _latest_person(doc, before: int, pronoun: str = "") -> SpeakerRef | None:
    people = [e for e in doc.ents if _a_person(e) and e.end_char <= before
              and before - e.end_char < _PERSON_WINDOW and _may_be(e.text, pronoun, doc)]
    return _name_ref(people[-1]) if people else None


def _indirect(doc, article: str, covered) -> list[RawQuote]:
    """Speech verbs with a reported clause, outside the quotations already found."""
    found = []
    for sent in doc.sents:
        for verb in sent:
            if verb.lemma_.lower() not in SPEECH_VERBS or verb.pos_ != "VERB":
                continue
            clauses = [c for c in verb.children if c.dep_ == "ccomp"]
            subject = _subject_of(verb, covered)
            if not clauses or subject is None or not _can_speak(subject, verb):
                continue
            clause = clauses[0]
            if _said_nothing(verb, clause) or _anothers_clause(verb, clause, subject):
                continue
            start, end = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge.text)
            # "Police said about 5,000 people took part, while organisers put the turnout at 50,000": the
            # contrast after the comma is the reporter's, not the police's.
            contrast = _CONTRAST.search(doc_text(doc), start, end)
            if contrast and contrast.start() > verb.idx:
                end = contrast.start()
            if end - start < 12 or _mostly_covered(start, end, covered):
                continue
            # A clause before its speaker that opens with a quotation is that quotation's ('"...," Bakken
            # said'); one that only holds a quoted phrase ('The so-called "merger of equals" is a takeover,
            # Bakken said') is reported speech.
            if subject.i > clause.right_edge.i and any(start <= a < end and (a - start <= 2 or clause.lemma_.lower()
                                                                             in SPEECH_VERBS) for a, _ in covered):
                continue  # ('Auditors said the accounts "show ...," they added': the quotation's attribution)
            found.append(RawQuote(article, "indirect", _cue_text(verb), start, end, _speaker_ref(subject)))
        according = _according_to(sent)
        if according and not _mostly_covered(sent.start_char, sent.end_char, covered):
            start, end = _reported_by(doc_text(doc), sent.start_char, sent.end_char)
            # ('"It was a mistake," according to Mayor Tom Reyes': the quotation is the direct quote already found.)
            if not any(q.start <= start < q.end for q in found) and not _mostly_covered(start, end, covered):
                found.append(RawQuote(article, "indirect", "according to", start, end, according[1]))
    return found


def _anothers_clause(verb, clause, subject) -> bool:
    """A clause before its speaker that is not theirs: one with its own speaker ("Organisers said tens of
    thousands had joined; police said about 3,000 attended"), or one a semicolon sets apart ("police put the
    crowd at about 3,000; organisers said tens of thousands attended")."""
    if subject.i <= clause.right_edge.i:
        return False
    doc = verb.doc
    if ";" in doc_text(doc)[clause.right_edge.idx:subject.idx]:
        return True
    return any(t.lemma_.lower() in SPEECH_VERBS and t.i != clause.i and any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children)
               for t in clause.subtree if t.pos_ == "VERB")


def _said_nothing(verb, clause) -> bool:
    """A speech verb that reports no statement: a question ("did not say whether it would appeal"), a refusal
    ("declined to say whether ...", "refused to say when"), or a saying denied ("did not say that he would go")."""
    if any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in clause.children):
        return True
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in {"decline", "refuse"}


# Verbs that things do as well as people: "the timing suggested that ...", "the figures reveal that ...".
_EVIDENCE_VERBS = {"suggest", "reveal", "highlight", "point", "conclude"}


# A contrast that opens a clause of its own ("while organisers put ..."; not "while failing to ...", which goes on
# with what was said), or the speaker's refusal to say more ("... and declined to say whether").
_CONTRAST = re.compile(r",\s+(?:while|whereas)\s+(?![a-z]+ing\b)|;\s|,?\s+(?:and|but)\s+(?:declined|refused)\s+to\b")


def _can_speak(subject, verb) -> bool:
    """Whether the subject of a speech verb can be its speaker: for a verb things do as well as people,
    a name, a pronoun, a text that speaks, or a person's noun ("analysts suggested"), not "the timing"."""
    if verb.lemma_.lower() not in _EVIDENCE_VERBS:
        return True
    word = subject.lower_
    return (subject.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or subject.pos_ == "PROPN" or word in _PRONOUNS
            or word in _DOCUMENTS or word.rstrip("s") in _DOCUMENTS or word in _ANON_HEADS or word.rstrip("s") in _ANON_HEADS
            or _office(word) is not None or word in _SPEAKING_NOUNS)


# Nouns for people, bodies and the texts they issue, which may speak through such a verb (besides the
# anonymous heads and the documents already listed: "officials", "analysts", "reports").
_SPEAKING_NOUNS = {"some", "others", "many", "few", "critics", "observers", "supporters", "opponents", "people",
                   "administration", "government", "ministry", "agency", "committee", "court", "council", "police",
                   "military", "army", "department", "office", "commission", "panel", "board", "campaign",
                   "assessment", "study", "survey", "review", "investigation", "inquiry", "analysis", "audit", "poll"}


def _mostly_covered(start: int, end: int, covered) -> bool:
    inside = sum(max(0, min(end, b) - max(start, a)) for a, b in covered)
    return inside > 0.5 * (end - start)


def resolve_speakers(raw: list[RawQuote], body: str, actor_at, anonymous_prefix: str = "anonymous",
                     actor_named=None) -> list[Quote]:
    """Quotes with canonical speakers. `actor_at(article, start, end)` gives the
    (actor id, canonical name) of the actor mentioned at a span, or None; `actor_named(name)` the
    same for a name no mention covers ("Representative Elijah Cummings" where the model found none)."""
    quotes = []
    for q in raw:
        ref, actor, speaker = q.speaker, None, q.speaker.text
        if ref.kind == "name":
            hit = actor_at(q.article, ref.start, ref.end) or (actor_named(ref.text) if actor_named else None)
            if hit:
                actor, speaker = hit
        elif ref.kind == "anonymous":
            speaker = f"{anonymous_prefix} {ref.text}"
        elif ref.kind == "description":
            # A name the model did not tag ("Representative Elijah Cummings said") is still that person; a body's
            # name the model did not tag, holding a place it did ("the US Geological Survey": "US"), is that body.
            words = re.sub(r"^(?:the|a|an)\s+", "", ref.text, flags=re.I).split()
            proper = len(words) >= 2 and all(w[:1].isupper() for w in words)
            head = words[-1] if proper else ""
            hit = (actor_at(q.article, ref.end - len(head), ref.end) if proper else actor_at(q.article, ref.start, ref.end)) or (
                actor_named(ref.text) if actor_named and ref.text.split()[-1][:1].isupper() else None)
            if hit:
                actor, speaker = hit
            else:
                speaker = re.sub(r"^(?:the|a|an)\s+", "", ref.text, flags=re.I)
        qid = f"Q{q.article[:6]}-{q.start}"
        quotes.append(Quote(qid, q.article, speaker, actor, q.kind, q.cue, body[q.start:q.end], q.start, q.end))
    return _full_names(quotes)


def _full_names(quotes: list[Quote]) -> list[Quote]:
    """A speaker named by one word that is the last word of the one fuller speaker of the same article
    ("Harlan said" after "Marcus Harlan ... said", the small model tagging one a place and the other a body)
    is that speaker."""
    fuller: dict[tuple[str, str], set[tuple[str, str | None]]] = defaultdict(set)
    for q in quotes:
        words = q.speaker.split()
        if len(words) >= 2 and words[-1][:1].isupper():
            fuller[(q.article, words[-1])].add((q.speaker, q.actor))
    out = []
    for q in quotes:
        named = fuller.get((q.article, q.speaker), set()) if " " not in q.speaker else set()
        if len(named) == 1:
            speaker, actor = next(iter(named))
            q = replace(q, speaker=speaker, actor=actor)
        out.append(q)
    return out
