"""The seed articles given as JSON Lines, RSS, HTML and WARC read to the same bodies as the text files."""

from __future__ import annotations

import html
import io
import json
from pathlib import Path

import pytest

from newsprism.clean import clean
from newsprism.pipeline import read_articles
from newsprism.read import read_sources


def _cleaned(path: Path) -> dict[str, object]:
    return {Path(a.source).name: a for a in read_articles([str(path)]).articles}


def _rebuilt(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def _page(article, boilerplate: bool = True) -> str:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>\n" for p in article.body.split("\n\n"))
    extra = "".join(f"<p>{html.escape(b.text)}</p>" for b in article.boilerplate if b.kind != "caption")
    figure = (f"<figure><img src='photo.jpg' alt=''><figcaption>{html.escape(article.caption)}</figcaption></figure>"
              if article.caption else "")
    title = html.escape(article.title or "Report")
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>{_meta(article)}</head><body>"
            "<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li></ul></nav>"
            f"<article><h1>{title}</h1>{figure}{paragraphs}{extra if boilerplate else ''}</article>"
            "<footer><p>About us · Contact · Terms of use</p></footer></body></html>")


def _meta(article) -> str:
    """The metadata a news page declares in its head, where the article has it."""
    tags = []
    if article.url:
        tags.append(f"<link rel='canonical' href='{html.escape(article.url)}'>")
    if article.outlet:
        tags.append(f"<meta property='og:site_name' content='{html.escape(article.outlet)}'>")
    if article.published:
        tags.append(f"<meta property='article:published_time' content='{article.published}T09:30:00+02:00'>")
    return "".join(tags)


def _rfc822(day: str | None) -> str | None:
    """A date as feeds and many exports write it ("Wed, 23 Feb 2022 10:00:00 +0300")."""
    if day is None:
        return None
    from datetime import datetime
    from email.utils import format_datetime

    return format_datetime(datetime.fromisoformat(f"{day}T01:00:00+03:00"))


@pytest.fixture(scope="module")
def seeds(seed_articles):
    return seed_articles


def test_json_lines(tmp_path, seeds):
    lines = [json.dumps({"title": a.title, "text": a.body, "url": a.url, "published": _rfc822(a.published),
                         "outlet": a.outlet, "id": name}) for name, a in seeds.items()]
    path = _rebuilt(tmp_path, "seeds.jsonl", "\n".join(lines) + "\n")
    docs = [d for d in read_sources([str(path)])]
    assert len(docs) == 5
    for (name, a), doc in zip(seeds.items(), docs):
        got = clean(doc)
        assert got.body == a.body, name
        assert (got.title, got.outlet, got.published) == (a.title, a.outlet, a.published)


def test_rss_feed_with_full_content(tmp_path, seeds):
    items = "".join(
        f"<item><title>{html.escape(a.title or 'Untitled')}</title><link>https://example.org/{i}</link>"
        f"<pubDate>Wed, 23 Feb 2022 01:00:00 +0300</pubDate><description>Summary only.</description>"
        f"<content:encoded><![CDATA[{''.join(f'<p>{html.escape(p)}</p>' for p in a.body.split(chr(10) * 2))}]]>"
        f"</content:encoded></item>"
        for i, a in enumerate(seeds.values()))
    feed = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0' "
            "xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel><title>Example Wire</title>"
            f"<link>https://example.org/</link><description>x</description>{items}</channel></rss>")
    docs = list(read_sources([str(_rebuilt(tmp_path, "seeds.rss", feed))]))
    assert len(docs) == 5
    for a, doc in zip(seeds.values(), docs):
        got = clean(doc)
        assert got.body == a.body
        # the day the outlet wrote, not the UTC day (22 February) feedparser converts to
        assert got.published == "2022-02-23" and got.outlet == "Example Wire"


def test_html_pages(tmp_path, seeds):
    for name, a in seeds.items():
        path = _rebuilt(tmp_path, name.replace(".txt", ".html"), _page(a))
        raw = list(read_sources([str(path)]))[0]
        got = clean(raw)
        assert got.body == a.body, name
        assert (got.url, got.outlet, got.published) == (a.url, a.outlet, a.published), name
        assert got.title == (a.title or "Report"), name
        assert raw.caption == a.caption and (not a.caption or a.caption not in raw.text), name
        assert not raw.text.startswith(got.title), name  # the <h1> is the title, not the first paragraph


def test_warc_archive(tmp_path, seeds):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for i, a in enumerate(seeds.values()):
        payload = _page(a).encode("utf-8")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://example.org/story/{i}", "response",
                                                      payload=io.BytesIO(payload), http_headers=headers))
    path = _rebuilt(tmp_path, "seeds.warc.gz", buffer.getvalue())
    docs = list(read_sources([str(path)]))
    assert len(docs) == 5
    for i, (a, doc) in enumerate(zip(seeds.values(), docs)):
        got = clean(doc)
        assert got.body == a.body
        # the page's own canonical URL wins; the WARC target URI fills in where it has none
        assert got.url == (a.url or f"https://example.org/story/{i}")


def test_csv(tmp_path, seeds):
    import csv

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["title", "body", "url", "date", "source"])
    writer.writeheader()
    for a in seeds.values():
        writer.writerow({"title": a.title or "", "body": a.body, "url": a.url or "", "date": a.published or "",
                         "source": a.outlet or ""})
    docs = list(read_sources([str(_rebuilt(tmp_path, "seeds.csv", buffer.getvalue()))]))
    assert [clean(d).body for d in docs] == [a.body for a in seeds.values()]


def test_a_feed_titled_with_a_tagline_names_the_site():
    from newsprism.read.feed import _site_name

    assert _site_name("AeroLedger - Airline Business News") == "AeroLedger"
    assert _site_name("The Daily Post | World") == "The Daily Post"
    assert _site_name("Example Wire") == "Example Wire"
    assert _site_name("Al-Monitor") == "Al-Monitor"  # a hyphen inside the name is no tagline
