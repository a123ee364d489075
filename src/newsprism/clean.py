"""Cleaning: from a raw document to an `Article` with its body and metadata.

One public entry, `clean(raw) -> Article`. It splits the text into paragraphs,
takes out what is not the report (appeals, newsletter boxes, credit and licence
lines, syndication notices, photo captions, navigation), finds a plain-text
file's header (title / date / URL), the dateline glued to the first word, the
outlet and the wire agency — and records every removed span with its kind.

It works on the text's shape and on phrasings outlets share, never on one
outlet's wording; what no line of the input says stays None.
"""

from __future__ import annotations

import hashlib
import re
import statistics
from dataclasses import dataclass, replace

from newsprism.language import detect_language
from newsprism.credits import agency_name, domain_of, outlet_for_url, wire_from_cues
from newsprism.model import Article, Boilerplate, RawDocument
from newsprism.read.records import date_words, iso_date

__all__ = ["clean", "article_id", "split_paragraphs", "normalise_date"]

# A headline is a short line standing alone; longer than this it is a lede.
_TITLE_MAX_WORDS = 25
_TITLE_MAX_CHARS = 200
# Boilerplate lines are short; a paragraph longer than this is only removed as
# part of an appeal block, never on a phrase match alone.
_BOILERPLATE_MAX_WORDS = 40
# A headline in headline case capitalises nearly all its longer words; a lede's share is
# far lower even when it is full of names ("Russian President Vladimir Putin said on Monday that": 5 of 7).
_HEADLINE_CASE_SHARE = 0.8
# A second headline line (a subhead) is as short as a headline.
_SECOND_HEADLINE_MAX_WORDS = 20
_BYLINE = re.compile(r"^By [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}(?:,| and |$)")
# A caption is a sentence or two ending in a photo credit.
_CAPTION_MAX_WORDS = 45
# Paragraphs before a dateline that may still be front matter, each at most this long.
_FRONT_MATTER_PARAGRAPHS = 2
_FRONT_MATTER_MAX_WORDS = 60
# Lines of hard-wrapped text (e-mail, wire printouts) sit in this length band
# and mostly end mid-sentence.
_WRAP_MIN, _WRAP_MAX = 40, 100

_WS = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")
_DATE_LINE = re.compile(
    r"^(?P<y>\d{4})-?(?P<m>\d{2})-?(?P<d>\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_URL_LINE = re.compile(r"^https?://\S+$")

# --- boilerplate phrasings, by kind (matched case-insensitively on short paragraphs) ---
_NEWSLETTER = re.compile(
    r"\b(?:sign up (?:for|to) (?:our|the)\b.*\bnewsletter|(?:our|this) (?:free |daily |weekly )*newsletter"
    r"|subscribe to (?:our|the) \w+|subscribers agree to|privacy policy|in your (?:mailbox|inbox)"
    r"|delivered (?:straight )?to your inbox|get (?:our|the) \w+ (?:newsletter|briefing))\b",
    re.I,
)
_DONATION = re.compile(
    r"\b(?:support (?:us|our (?:work|journalism|reporting)|independent journalism)|please support"
    r"|donat(?:e|ion|ing)\b|make a contribution|every contribution|become a (?:member|supporter|patron)"
    r"|not ready to (?:support|donate)|remind me later|support (?:the )?[A-Z][\w.&' -]+!)",
    re.I,
)
_NAVIGATION = re.compile(
    r"^(?:read more|read more:.*|continue reading|related(?: articles| stories| coverage)?:?|more on this story"
    r"|share (?:this|on \w+)|click here.*|advertisement|skip to (?:main )?content|back to top"
    r"|follow us on .*|watch:.*|listen:.*|image \d+ of \d+|next article|previous article|comments?)\.?$",
    re.I,
)
# Staff credits closing a wire story, and an agency's standards line.
_CREDITS = re.compile(r"^\(?(?:(?:additional )?reporting|writing|editing|compiled|produced|graphics) by\b.*"
                      r"|^our standards:.*", re.I)
# "Associated Press writers Ana Ruiz and Tom Berg contributed to this report.", "Lee Min-ji contributed
# reporting from Seoul.": who else worked on the story, closing it.
_CONTRIBUTED = re.compile(r"^[^.!?\"“”]{3,160}\bcontributed (?:(?:additional )?reporting|to this (?:report|story|article))"
                          r"(?: to this (?:report|story|article))?(?: (?:from|in) [^.!?]{2,60})?\.?$", re.I)
_CREDIT_WORDS = {"by", "in", "and", "additional", "reporting", "writing", "editing", "compiled", "produced",
                 "graphics", "from", "with", "de", "van", "von", "al"}
# A note about the article itself: what was corrected, amended or updated in it.
_CORRECTION = re.compile(r"^(?:correction|clarification|editor'?s note)\s*[:—-]"
                         r"|^(?:this|an earlier version of this) (?:article|story|report|piece) "
                         r"(?:was|has been|is being|incorrectly|wrongly|misstated|stated|said|gave)\b", re.I)
_SOURCE_LINE = re.compile(r"^(?:source|sources|via|originally published (?:by|in|at|on)):?\s+(?P<name>.{2,80}?)\.?$", re.I)
_LICENCE = re.compile(
    r"^(?:all (?:content|material|articles?) (?:by|from|of) (?P<name>.+?) (?:is|are) licensed under\b.*"
    r"|(?:(?:©|\(c\)|copyright)\s*)+(?:\d{4}[\s,–-]*)*(?P<holder>[^.]{2,60}?)"
    r"(?:,?\s+(?:LLC|L\.L\.C|Inc|Ltd|Limited|plc|PLC|Corp|Co)\b\.?)?(?:,?\s+\d{4})?\.?(?:\s*all rights reserved\.?)?)$",
    re.I,
)
# A copyright credit has a mark (©, (c)), a year or "all rights reserved"; a bare
# "Copyright" opening a sentence ("Copyright infringement claims rose") does not.
_CREDIT_MARK = re.compile(r"©|\(c\)|\b(?:1[89]|2\d)\d\d\b|all rights reserved", re.I)
_SYNDICATION = re.compile(
    r"\b(?:(?:this|the) (?:story|article|report) (?:has not been|was not|is not) edited by (?:the )?(?P<name>.+?) staff"
    r"|(?:is|was|has been) (?:published|auto-generated|generated) from (?:a |an )?(?:syndicated|agency|wire) (?:feed|copy)"
    r"|this (?:story|article) (?:is|was) (?:provided|distributed) by (?P<by>[A-Z][\w.& -]+))",
    re.I,
)
# An appeal block opens with a salutation or a header naming the outlet.
_APPEAL_OPENER = re.compile(r"^(?:a message from (?P<name>.+?):?|dear (?:readers?|friends?|supporters?),?)$", re.I)
_APPEAL_NAME = re.compile(
    r"^(?:support (?P<s>(?:the )?[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,4})!|a message from (?P<m>.+?):?)$", re.I
)
_ADDRESS = re.compile(r"\b(?:we|we're|our|us|you|your|you're)\b", re.I)

# A photo credit closing a caption: "... Name Surname / TASS", "Photo: AFP", "(Getty Images)".
_PHOTO_CREDIT = re.compile(
    r"(?:\s(?:[A-Z][\w.'’-]+ ){0,3}[A-Z][\w.'’-]+ ?/ ?[A-Z][\w.&' -]{1,40}$"
    r"|\b(?:photo|photograph|image|picture|credit|illustration)s?(?: by)?: .{2,80}$"
    r"|\b(?:Getty Images|Shutterstock|AP Photo|AFP Photo|Reuters/[A-Z][\w ]+|EPA-EFE)\)?\.?$)",
    re.I,
)
# "TEHRAN-", "KYIV, Ukraine (AP) —", "LONDON (Reuters) -", "OSLO, March 3, 2026 (Reuters) -": city in
# capitals, maybe a region and a date, then a dash.
_DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Z'’]+(?:[ .-][A-Z][A-Z'’]+)*)"
    r"(?P<rest>(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*)*)?"
    r"(?:,?\s+(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:,\s*\d{4})?|\d{1,2} [A-Z][a-z]{2,8}\.?(?: \d{4})?))?)?"
    r"\s*(?:\((?P<agency>[A-Za-z][\w .&-]{1,40})\))?"
    r"(?P<sep>\s*[-–—]+\s*|\s*:\s+)"
)
# All-caps words that start sentences without being places.
_NOT_PLACES = {"NATO", "OSCE", "OPEC", "NASA", "FIFA", "UEFA", "BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE",
               "WATCH", "LIVE", "ANALYSIS", "OPINION", "EDITORIAL", "COMMENT", "NOTE", "WARNING", "CORRECTION"}


@dataclass(frozen=True, slots=True)
class _Para:
    text: str
    block: int       # index of the blank-line-separated block it came from
    alone: bool      # the only line of its block
    kind: str | None = None  # boilerplate kind, once classified


MIN_ARTICLE_WORDS = 5  # fewer is a title, a menu or a caption, not a report


def unusable(article: Article) -> str | None:
    """Why a cleaned article cannot be analysed ("no article text left ...", "too little text ..."), or None."""
    words = len(article.body.split())
    if not words:
        return "no article text left after removing boilerplate"
    if words < MIN_ARTICLE_WORDS:
        return f"too little text for an article ({words} word{'s' if words > 1 else ''})"
    return None


def clean(raw: RawDocument) -> Article:
    """A cleaned article from a raw document (a pure function of its input)."""
    paras = split_paragraphs(raw.text)
    paras = _classify_boilerplate(paras)
    title, published, url = raw.title, raw.published, raw.url
    kept = [p for p in paras if p.kind is None]
    if raw.has_header:
        header, kept = _split_header(kept)
        title = title or header.get("title")
        published = published or header.get("published")
        url = url or header.get("url")
        raw = replace(raw, outlet=raw.outlet or header.get("outlet"))
    if title and kept and _same_text(kept[0].text, title):
        kept = kept[1:]
    # A byline or masthead line opening the body, in any format, is front matter ("By Ana Ruiz" under
    # an HTML page's headline).
    for k, para in enumerate(kept[:_FRONT_MATTER_PARAGRAPHS]):
        masthead = _masthead(para.text)
        if masthead is not None:
            published = published or masthead.get("published")
            raw = replace(raw, outlet=raw.outlet or masthead.get("outlet"))
            kept = kept[:k] + kept[k + 1:]
            break
    caption = raw.caption
    captions = [p for p in kept if _is_caption(p)]
    if captions:
        caption = caption or captions[0].text
        marked = {id(p) for p in captions}
        paras = [_Para(p.text, p.block, p.alone, "caption") if id(p) in marked else p for p in paras]
        kept = [p for p in kept if id(p) not in marked]
    dateline, dateline_agency = None, None
    # The dateline opens the story's first paragraph, which may come after a short front matter: a
    # standfirst, a pull quote, a photo's description ("'Iran lied,' said Netanyahu." then
    # "TEL AVIV (Reuters) - Israel presented ..."). The front matter stays in the body.
    for k, para in enumerate(kept[:_FRONT_MATTER_PARAGRAPHS + 1]):
        if k and len(kept[k - 1].text.split()) > _FRONT_MATTER_MAX_WORDS:
            break
        dateline, dateline_agency, first = _split_dateline(para.text)
        if dateline is not None:
            kept[k] = _Para(first, para.block, para.alone)
            published = published or _dateline_date(para.text)
            break
    body = "\n\n".join(p.text for p in kept if p.text)
    boilerplate = tuple(Boilerplate(p.kind, p.text) for p in paras if p.kind)
    outlet = _outlet(raw, url, boilerplate)
    wire = dateline_agency or _wire(body, boilerplate) or (agency_name(raw.outlet) if raw.outlet else None)
    return Article(
        id=article_id(body, outlet),
        source=raw.source,
        body=body,
        outlet=outlet,
        title=_collapse(title) if title else None,
        published=normalise_date(published),
        url=url,
        dateline=dateline,
        wire=wire,
        caption=_collapse(caption) if caption else None,
        boilerplate=boilerplate,
        language=detect_language(body),
    )


def article_id(body: str, outlet: str | None) -> str:
    """Content hash: the same article read twice, from any format, gets the same id."""
    digest = hashlib.sha256(f"{outlet or ''}\x00{body}".encode("utf-8")).hexdigest()
    return digest[:16]


def normalise_date(value: str | None) -> str | None:
    """ISO date (YYYY-MM-DD) from YYYYMMDD or ISO date/datetime; None when unreadable."""
    if not value:
        return None
    match = _DATE_LINE.match(value.strip())
    if not match:
        return None
    # The readers' own check: a day that is not on the calendar (20230230) is no date.
    return iso_date(f"{match['y']}-{match['m']}-{match['d']}")


def split_paragraphs(text: str) -> list[_Para]:
    """Paragraphs: blank lines separate blocks; each line of a block is a paragraph
    unless the text is hard-wrapped, when a block's lines join into one."""
    blocks = [b for b in re.split(r"\n[ \t\u00a0]*\n", text.strip()) if b.strip()]
    wrapped = _looks_hard_wrapped(blocks)
    paras: list[_Para] = []
    for i, block in enumerate(blocks):
        lines = [_unmark(_collapse(line)) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if wrapped:
            lines = [" ".join(lines)]
        paras.extend(_Para(line, i, len(lines) == 1) for line in lines)
    return paras


def _looks_hard_wrapped(blocks: list[str]) -> bool:
    lines = [ln.strip() for b in blocks for ln in b.split("\n")[:-1] if ln.strip()]
    if len(lines) < 4:
        return False
    mid_sentence = sum(1 for ln in lines if not _SENTENCE_END.search(ln)) / len(lines)
    return mid_sentence > 0.6 and _WRAP_MIN <= statistics.median(map(len, lines)) <= _WRAP_MAX


def _unmark(line: str) -> str:
    """A line without the Markdown marks that frame it (a heading's "#", a quote's ">", emphasis)."""
    match = _MARKDOWN_LINE.match(line)
    if not match:
        return line
    return match["inner"].strip() if match["mark"] else line[match.end():]


def _collapse(text: str) -> str:
    return _WS.sub(" ", text.replace("\u00a0", " ")).strip()


def _same_text(a: str, b: str) -> bool:
    return _collapse(a).casefold().rstrip(".") == _collapse(b).casefold().rstrip(".")


# --- boilerplate -----------------------------------------------------------------

def _classify_boilerplate(paras: list[_Para]) -> list[_Para]:
    out = [_Para(p.text, p.block, p.alone, _line_kind(p.text)) for p in paras]
    # An appeal opener ("A Message from X:", "Dear readers,") starts a block that
    # runs while paragraphs address the reader, are short UI words, or match a
    # boilerplate phrasing; the first paragraph of plain reporting ends it.
    i = 0
    while i < len(out):
        if _APPEAL_OPENER.match(out[i].text) and _appeal_follows(out, i):
            j = i
            while j < len(out) and (out[j].kind or _APPEAL_OPENER.match(out[j].text) or _in_appeal(out[j].text)):
                out[j] = _Para(out[j].text, out[j].block, out[j].alone, out[j].kind or "donation")
                j += 1
            i = j
        else:
            i += 1
    return out


def _appeal_follows(paras: list[_Para], start: int) -> bool:
    """An opener counts only when a donation phrase follows within the block."""
    for p in paras[start + 1:]:
        if p.kind == "donation" or _DONATION.search(p.text):
            return True
        if not (_in_appeal(p.text) or p.kind):
            return False
    return False


def _in_appeal(text: str) -> bool:
    words = text.split()
    return len(words) <= 4 or bool(_ADDRESS.search(text)) or bool(_DONATION.search(text))


def _line_kind(text: str) -> str | None:
    words = len(text.split())
    if _SYNDICATION.search(text) and words <= 60:
        return "syndication"
    if words > _BOILERPLATE_MAX_WORDS:
        return None
    if _LICENCE.match(text) and (_CREDIT_MARK.search(text) or not re.match(r"copyright\b", text, re.I)):
        return "licence"
    if _SOURCE_LINE.match(text) and words <= 12:
        return "source-line"
    if _NAVIGATION.match(text):
        return "navigation"
    if _CREDITS.match(text) and (text.lower().startswith("our standards") or not (
            {w for w in re.findall(r"\b[a-z][a-z'’-]*\b", text)} - _CREDIT_WORDS)):
        return "credits"  # only names and credit words ("Reporting by the newspaper showed ..." is the story)
    if _CONTRIBUTED.match(text) and words <= 30:
        return "credits"
    if _CORRECTION.match(text):
        return "correction"
    if _NEWSLETTER.search(text) and (_ADDRESS.search(text) or words <= 8):
        return "newsletter"
    if _DONATION.search(text) and (_ADDRESS.search(text) or words <= 8):
        return "donation"
    return None


# --- header, caption, dateline --------------------------------------------------

def _split_header(paras: list[_Para]) -> tuple[dict[str, str], list[_Para]]:
    """Title / date / URL lines at the top of a plain-text file."""
    header: dict[str, str] = {}
    i = 0
    # Title, then date and/or URL lines in any order, in the first lines.
    if paras and not _date_line(paras[0].text) and not _URL_LINE.match(paras[0].text):
        j, found = 1, {}
        while j < len(paras) and j <= 3:
            text = paras[j].text
            masthead = _masthead(text)
            day = _date_line(text)
            if day and "published" not in found:
                found["published"] = day
            elif _URL_LINE.match(text) and "url" not in found:
                found["url"] = text
            elif masthead is not None and not masthead.keys() & found.keys():
                found.update(masthead)
            elif "outlet" not in found and _bare_outlet(text) and (
                    "published" in found or j + 1 < len(paras) and _date_line(paras[j + 1].text)):
                found["outlet"] = text  # "The Farmers' Voice" on its own line, a date line beside it
            else:
                break
            j += 1
        if j > 1 and _title_like(paras[0].text):
            header = {"title": paras[0].text, **found}
            i = j
        elif paras[0].alone and len({p.block for p in paras}) > 1 and (
                _title_like(paras[0].text) or _headline_with_stop(paras)):
            header = {"title": paras[0].text}
            i = 1
    while i < len(paras) and ((day := _date_line(paras[i].text)) or _URL_LINE.match(paras[i].text)):
        header.setdefault("published" if day else "url", day or paras[i].text)
        i += 1
    return header, paras[i:]


# A masthead line under a plain-text title: "By Erik Sand | Norland Herald | March 10, 2026",
# "Riverside Daily · 2026-03-10", "By Ana Ruiz".
_MASTHEAD_SPLIT = re.compile(r"\s+[|·•]\s+|\s+[—–]\s+")
_MASTHEAD_MAX_WORDS = 16
_OUTLET_FIELD = re.compile(r"(?:The )?[A-Z][\w.&'’-]*(?: (?:[A-Z][\w.&'’-]*|of|and|&|on|de|du|la))*")
_BYLINE_FIELD = re.compile(r"By [A-Z][\w.'’-]+(?: (?:[A-Z][\w.'’-]+|and|de|van|von))*", re.I)
# "By Claire Dumont, AFP", "By Helen Marsh, Transport Correspondent": the writer and her agency or post.
_BYLINE_ROLE = re.compile(r"(?P<by>By [^,]+),\s+(?P<role>[A-Z][\w.&'’-]*(?: (?:[A-Z][\w.&'’-]*|of|and|for|&)){0,4})")
# Markdown's marks around a line: "# Headline", "*By Ana Ruiz | June 19, 2026*", "> a pull quote", "- a list item".
_MARKDOWN_LINE = re.compile(r"^(?:#{1,6}|>|[-*+])\s+(?=\S)|^(?P<mark>\*\*?|__?)(?=[^\s*_])(?P<inner>[^*_]*[^\s*_])(?P=mark)$")


def _masthead(text: str) -> dict[str, str] | None:
    """The published date and the outlet a masthead line names (a line only of a byline, a date
    and a name, in any order); {} for a byline alone; None for any other line ("Washington —
    President Trump said ..." has a field that is none of those)."""
    if len(text.split()) > _MASTHEAD_MAX_WORDS:
        return None
    fields = [f.strip(" *_") for f in _MASTHEAD_SPLIT.split(text) if f.strip(" *_")]  # "**By Ana Ruiz** | June 10"
    name, comma, rest = text.partition(", ")
    if len(fields) == 1 and comma and iso_date(rest.strip()):
        fields = [name.strip(), rest.strip()]  # "Veltria Free Voice, 2025-07-14"
    found: dict[str, str] = {}
    bylines = 0
    for field in fields:
        role = _BYLINE_ROLE.fullmatch(field)
        if role and _BYLINE_FIELD.fullmatch(role["by"]):
            bylines += 1
            if agency_name(role["role"]) and "outlet" not in found:
                found["outlet"] = agency_name(role["role"])  # the agency's own copy
        elif _BYLINE_FIELD.fullmatch(field):
            bylines += 1
        elif iso_date(field) and "published" not in found:
            found["published"] = iso_date(field)
        elif _bare_outlet(field) and "outlet" not in found:
            found["outlet"] = field
        else:
            return None
    if bylines > 1 or not (bylines or len(fields) >= 2):
        return None  # one bare name or date is no masthead (a date alone is read above)
    return found


def _date_line(text: str) -> str | None:
    """The ISO date of a line that is only a date ("2026-03-04", "March 4, 2026", "4 March 2026")."""
    if _DATE_LINE.match(text):
        return normalise_date(text) or text  # a day not on the calendar is still a date line, read as none
    return iso_date(text) if len(date_words(text).split()) <= 4 and re.search(r"\d{4}", text) else None


def _bare_outlet(text: str) -> bool:
    """A line that is only a name such as an outlet has ("State Capital News")."""
    return len(text.split()) <= 5 and bool(_OUTLET_FIELD.fullmatch(text))


def _title_like(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= _TITLE_MAX_WORDS
        and len(text) <= _TITLE_MAX_CHARS
        and not text.endswith((".", ",", ";", ":"))
        and any(c.isalpha() for c in text)
        and not _PHOTO_CREDIT.search(text)
    )


def _headline_with_stop(paras: list[_Para]) -> bool:
    """A first line ending in a full stop that is still a headline, told from a one-sentence lede
    by its form and by what follows it, never by the stop: headline capitalisation, or a
    dateline or byline opening the next paragraph, or a second headline line (a short
    standalone line before the first long paragraph)."""
    text = paras[0].text
    if not (text.endswith(".") and _title_like(text[:-1].rstrip(". ")) and len(paras) > 1):
        return False
    if _headline_case(text):
        return True
    following = paras[1].text
    if _split_dateline(following)[0] is not None or _BYLINE.match(following):
        return True
    if re.match(r"(?:he|she|it|they|we|i|you|this|that|but|and)\b", text, re.I):
        return False  # a sentence that leans on what came before is reporting, not a headline
    words, second = len(text.split()), len(following.split())
    return (len(paras) > 2 and paras[1].alone and second <= _SECOND_HEADLINE_MAX_WORDS
            and words <= _SECOND_HEADLINE_MAX_WORDS and len(paras[2].text.split()) > max(words, second))


def _headline_case(text: str) -> bool:
    """Headline capitalisation: nearly every word of four letters or more after the first capitalised."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text)[1:] if len(w) >= 4]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= _HEADLINE_CASE_SHARE * len(words)


def _is_caption(p: _Para) -> bool:
    words = len(p.text.split())
    return words <= _CAPTION_MAX_WORDS and bool(_PHOTO_CREDIT.search(p.text))


def _split_dateline(text: str) -> tuple[str | None, str | None, str]:
    match = _DATELINE.match(text)
    if not match:
        return None, None, text
    city, agency, sep = match["city"], match["agency"], match["sep"]
    rest = text[match.end():]
    glued = not sep.startswith((" ", "\t")) and not sep.endswith(" ")
    letters = re.sub(r"[^A-Z]", "", city)
    if (
        not rest[:1].isupper() and not rest[:1] in "“\"'‘"
        or city.split()[0] in _NOT_PLACES
        or len(letters) < (4 if glued else 3)
        or (agency and not agency_name(agency) and not rest)
        or (sep.strip() == ":" and not agency)
    ):
        return None, None, text
    wire = agency_name(agency) if agency else None
    return city.strip(), wire, rest


def _dateline_date(text: str) -> str | None:
    """The date a dateline gives with its year ("OSLO, March 3, 2026 (Reuters) -"), as an ISO date."""
    match = _DATELINE.match(text)
    return iso_date(match["date"]) if match and match["date"] and re.search(r"\d{4}", match["date"]) else None


# --- credits: outlet and wire ---------------------------------------------------

def _outlet(raw: RawDocument, url: str | None, boilerplate: tuple[Boilerplate, ...]) -> str | None:
    known = outlet_for_url(url)
    if known:
        return known
    if raw.outlet:
        return _collapse(raw.outlet)
    for kind, extract in _OUTLET_CREDITS:
        for b in boilerplate:
            if b.kind == kind:
                name = extract(b.text)
                if name:
                    return name
    return domain_of(url)


def _name_from(pattern: re.Pattern[str], *groups: str):
    def extract(text: str) -> str | None:
        match = pattern.search(text)
        if not match:
            return None
        for group in groups:
            if match.groupdict().get(group):
                name = _collapse(match[group]).strip(" .,:;!")
                # An agency's own credit line names the wire, not the outlet.
                return None if agency_name(name) else name
        return None

    return extract


# Credits that name the outlet, most explicit first.
_OUTLET_CREDITS = (
    ("source-line", _name_from(_SOURCE_LINE, "name")),
    ("licence", _name_from(_LICENCE, "name", "holder")),
    ("syndication", _name_from(_SYNDICATION, "name")),
    ("donation", _name_from(_APPEAL_NAME, "s", "m")),
)


def _wire(body: str, boilerplate: tuple[Boilerplate, ...]) -> str | None:
    """Whose copy this is: an agency named by a syndication credit, or by the
    reporting cues of an article that says it came from a syndicated feed."""
    for b in boilerplate:
        if b.kind == "syndication":
            match = _SYNDICATION.search(b.text)
            if match and match.groupdict().get("by") and agency_name(match["by"]):
                return agency_name(match["by"])
            if match:
                return wire_from_cues(body)
    return None
