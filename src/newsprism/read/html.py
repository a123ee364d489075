"""HTML pages: the article text and metadata via trafilatura, the photo caption apart.

trafilatura finds the main text and drops navigation, footers and comments.
On very short pages it can find nothing, or run the paragraphs together; when
the page's own <p> elements say otherwise, the paragraphs are taken from them.
"""

from __future__ import annotations

import json
import re

import lxml.html
from lxml import etree

from newsprism.errors import ReadError
from newsprism.model import GENERATOR, RawDocument, Skipped
from newsprism.read.decode import decode_text

__all__ = ["decode_html", "html_to_paragraphs", "read", "read_html_text"]

# Only dates the page declares (meta tags, <time>, JSON-LD, the URL): htmldate's
# extensive search guesses from any date in the text, which for news is often
# the date of an event the story mentions, not the story's own.
DATE_PARAMS = {"extensive_search": False, "original_date": True}
_BLOCKS = ("p", "h2", "h3", "h4", "li", "blockquote", "pre")
_NOT_TEXT = "//script|//style|//nav|//footer|//header|//aside|//form|//figcaption|//noscript|//template"
# The main image's caption: a figure inside the article first, any figure after.
_CAPTIONS = ("//article//figure//figcaption", "//main//figure//figcaption", "//figure//figcaption")
_WS = re.compile(r"\s+")
_OWN_PAGE = re.compile(rf"<meta name=\"generator\" content=\"{GENERATOR}\"")
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([\w-]+)", re.I)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# Browsers read these labels as Windows-1252 (the WHATWG encoding standard), and
# pages that declare them use its extra characters (curly quotes, dashes).
_WINDOWS_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252",
                    "us-ascii": "cp1252", "ascii": "cp1252"}


def read(data: bytes, source: str) -> list[RawDocument | Skipped]:
    """One article page; a briefing page newsprism wrote (left beside the articles it read) is none."""
    markup = decode_html(data)
    if _OWN_PAGE.search(markup[:2000]):
        raise ReadError("a briefing newsprism wrote, not an article")
    return [read_html_text(markup, source)]


def decode_html(data: bytes, charset: str | None = None) -> str:
    """Text of a page: a byte-order mark, then valid UTF-8 (mislabelled pages are
    far more often UTF-8 than the charset they declare), then the server's charset
    (its Content-Type header), then the page's <meta charset>, then detection."""
    if not data.startswith(_BOMS):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        declared = _META_CHARSET.search(data[:4096])
        for name in (charset, declared.group(1).decode("ascii") if declared else None):
            if name:
                try:
                    return data.decode(_WINDOWS_ALIASES.get(name.strip().lower(), name.strip()))
                except (LookupError, UnicodeDecodeError):
                    pass
    return decode_text(data)


def read_html_text(markup: str, source: str, url: str | None = None) -> RawDocument:
    """Article text and metadata of an HTML page (also used for WARC records).

    `url` is where the page was found; the page's own canonical URL wins over it.
    """
    markup = markup.replace("\x00", "")
    if not markup.strip():
        raise ReadError("empty HTML page")
    try:
        tree = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError(f"malformed HTML: {exc}") from None
    caption = _caption(tree)
    heading = _first_text(tree, "//h1")
    found = _extract(markup, url)
    paragraphs = _lines(found.text if found else None)
    own = _paragraphs(tree)
    if not paragraphs or (len(paragraphs) == 1 and len(own) > 1):
        paragraphs = own  # trafilatura found nothing, or ran the page's paragraphs together
    if caption:
        paragraphs = [p for p in paragraphs if p != caption]
    meta = found or (_metadata(markup, url) if paragraphs else None)
    title = _clean(meta.title) if meta and meta.title else heading or _first_text(tree, "//title")
    paragraphs = _without_title(paragraphs, {title, heading})
    if not paragraphs:
        raise ReadError("no article text found in HTML page")
    return RawDocument(
        source=source,
        text="\n\n".join(paragraphs),
        title=title or None,
        url=(meta.url if meta and meta.url else None) or url,
        published=meta.date if meta and meta.date else None,
        outlet=_outlet(tree, meta, {title, heading}),
        caption=caption,
    )


def _outlet(tree, meta, headlines: set[str | None]) -> str | None:
    """The site's name: trafilatura's, unless it is the headline (as it reads some JSON-LD), else the
    JSON-LD publisher's, else the part of the <title> after the headline ("... - Auto Daily")."""
    site = _clean(meta.sitename) if meta and meta.sitename else None
    heads = {h.casefold() for h in headlines if h}
    if site and site.casefold() not in heads:
        return site
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []:
            publisher = item.get("publisher") if isinstance(item, dict) else None
            name = publisher.get("name") if isinstance(publisher, dict) else None
            if isinstance(name, str) and name.strip() and name.strip().casefold() not in heads:
                return _clean(name)
    page_title = _first_text(tree, "//title") or ""
    for head in heads:
        if page_title.casefold().startswith(head):
            rest = re.sub(r"^\s*[-–—|:·]\s*", "", page_title[len(head):]).strip()
            if rest and len(rest.split()) <= 5:
                return rest
    return None


def _extract(markup: str, url: str | None):
    """trafilatura's main text and metadata in one pass (None when it finds no text)."""
    import trafilatura

    try:
        # trafilatura prunes the tree it is given: it parses the markup itself.
        return trafilatura.bare_extraction(
            markup, url=url, favor_recall=True, include_comments=False, include_tables=False,
            deduplicate=False, with_metadata=True, date_extraction_params=dict(DATE_PARAMS),
            prune_xpath=["//figcaption"])  # the caption is kept apart, never in the text
    except Exception:  # trafilatura raises assorted lxml/parsing errors on hostile markup
        return None


def _metadata(markup: str, url: str | None):
    """Metadata alone, for pages whose text came from the fallback."""
    from trafilatura import extract_metadata

    try:
        return extract_metadata(markup, default_url=url, date_config=dict(DATE_PARAMS))
    except Exception:  # as above: metadata is a bonus, never a reason to lose the page
        return None


def html_to_paragraphs(fragment: str) -> str:
    """Paragraph text of an HTML fragment (a feed entry's content), blank-line separated."""
    if not fragment or not fragment.strip():
        return ""
    if "<" not in fragment:
        return "\n\n".join(p for p in (_clean(x) for x in re.split(r"\n\s*\n", fragment)) if p)
    try:
        tree = lxml.html.fragment_fromstring(fragment.replace("\x00", ""), create_parent="div")
    except (etree.ParserError, ValueError):
        return _clean(re.sub(r"<[^>]*>", " ", fragment))
    paragraphs = _paragraphs(tree)
    return "\n\n".join(paragraphs) if paragraphs else _clean(tree.text_content())


def _lines(text: str | None) -> list[str]:
    return [p for p in (_clean(x) for x in (text or "").split("\n")) if p]


def _paragraphs(tree) -> list[str]:
    """The text of the outermost block elements (each <p> one paragraph); prunes `tree`."""
    for bad in tree.xpath(_NOT_TEXT):
        if bad.getparent() is not None:
            bad.drop_tree()
    blocks = [el for el in tree.iter(*_BLOCKS) if not any(a.tag in _BLOCKS for a in el.iterancestors())]
    return [p for p in (_clean(el.text_content()) for el in blocks) if p]


def _without_title(paragraphs: list[str], titles: set[str | None]) -> list[str]:
    """Drop a first paragraph that only repeats the headline."""
    keys = {t.casefold() for t in titles if t}
    if paragraphs and paragraphs[0].casefold() in keys:
        return paragraphs[1:]
    return paragraphs


def _caption(tree) -> str | None:
    for path in _CAPTIONS:
        for node in tree.xpath(path):
            text = _clean(node.text_content())
            if text:
                return text
    return None


def _first_text(tree, path: str) -> str | None:
    for node in tree.xpath(path):
        text = _clean(node.text_content())
        if text:
            return text
    return None


def _clean(text: str | None) -> str:
    return _WS.sub(" ", (text or "").replace("\u00a0", " ")).strip()
