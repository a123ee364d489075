"""HTML pages: the article text and metadata via trafilatura, the photo caption apart.

trafilatura finds the main text and drops navigation, footers and comments.
On very short pages it can fall back to one run-on paragraph; when the page's
own <p> elements say otherwise, the paragraphs are taken from them instead.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from newsprism.errors import ReadError
from newsprism.model import RawDocument, Skipped
from newsprism.read.decode import decode_text

__all__ = ["decode_html", "html_to_paragraphs", "read", "read_html_text"]

_BLOCKS = ("p", "h2", "h3", "h4", "li", "blockquote", "pre")
_WS = re.compile(r"\s+")
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([\w-]+)", re.I)


def read(data: bytes, source: str) -> list[RawDocument | Skipped]:
    """One article page."""
    return [read_html_text(decode_html(data), source)]


def decode_html(data: bytes) -> str:
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data)


def read_html_text(markup: str, source: str, url: str | None = None) -> RawDocument:
    """Article text and metadata of an HTML page (also used for WARC records)."""
    import trafilatura

    markup = markup.replace("\x00", "")
    if not markup.strip():
        raise ReadError("empty HTML page")
    try:
        tree = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError(f"malformed HTML: {exc}") from None
    caption = _caption(tree)
    try:
        # trafilatura prunes the tree it is given: hand it its own parse.
        text = trafilatura.extract(markup, url=url, favor_recall=True, include_comments=False,
                                   include_tables=False, output_format="txt", deduplicate=False)
        meta = trafilatura.extract_metadata(markup, default_url=url, extensive=False) if text else None
    except Exception as exc:  # trafilatura raises assorted lxml/parsing errors on hostile markup
        raise ReadError(f"malformed HTML: {type(exc).__name__}: {exc}") from None
    paragraphs = [p for p in (_clean(x) for x in (text or "").split("\n")) if p]
    own = _paragraphs(tree)
    if len(paragraphs) <= 1 and len(own) > 1:
        paragraphs = own  # trafilatura ran the page's paragraphs together
    if caption:
        paragraphs = [p for p in paragraphs if p != caption]
    if not paragraphs:
        raise ReadError("no article text found in HTML page")
    title = _clean(meta.title) if meta and meta.title else _title(tree)
    published = meta.date if meta and meta.date else None
    return RawDocument(
        source=source,
        text="\n\n".join(paragraphs),
        title=title or None,
        url=(meta.url if meta and meta.url else None) or url,
        published=published,
        outlet=_clean(meta.sitename) if meta and meta.sitename else None,
        caption=caption,
    )


def html_to_paragraphs(fragment: str) -> str:
    """Paragraph text of an HTML fragment (a feed entry's content), blank-line separated."""
    if not fragment or not fragment.strip():
        return ""
    if "<" not in fragment:
        return "\n\n".join(p for p in (_clean(x) for x in fragment.split("\n\n")) if p)
    try:
        tree = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return _clean(re.sub(r"<[^>]*>", " ", fragment))
    paragraphs = _paragraphs(tree)
    return "\n\n".join(paragraphs) if paragraphs else _clean(tree.text_content())


def _paragraphs(tree) -> list[str]:
    for bad in tree.xpath("//script|//style|//nav|//footer|//header|//aside|//form|//figcaption|//noscript"):
        bad.drop_tree() if bad.getparent() is not None else None
    blocks = [el for el in tree.iter(*_BLOCKS) if not any(a.tag in _BLOCKS for a in el.iterancestors())]
    return [p for p in (_clean(el.text_content()) for el in blocks) if p]


def _caption(tree) -> str | None:
    for node in tree.xpath("//figure//figcaption"):
        text = _clean(node.text_content())
        if text:
            return text
    return None


def _title(tree) -> str | None:
    for path in ("//h1", "//title"):
        nodes = tree.xpath(path)
        if nodes:
            text = _clean(nodes[0].text_content())
            if text:
                return text
    return None


def _clean(text: str | None) -> str:
    return _WS.sub(" ", (text or "").replace("\u00a0", " ")).strip()
