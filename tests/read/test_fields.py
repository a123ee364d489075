"""Each reader maps its format's fields to RawDocument the same way: text with
paragraphs, title, url, ISO date, outlet, caption."""

from __future__ import annotations

import json

import pytest

from newsprism.model import RawDocument, Skipped
from newsprism.read import csvfile, feed, html, jsonl

LEDE = "A strong earthquake struck the coastal town early on Tuesday, officials said, damaging dozens of homes."
SECOND = "No deaths were reported, the mayor told reporters at a briefing later in the day."


def test_html_metadata_comes_from_the_page_head():
    page = f"""<html><head><title>Quake hits town | Daily Planet</title>
      <link rel="canonical" href="https://planet.example/quake">
      <meta property="og:site_name" content="Daily Planet">
      <meta property="article:published_time" content="2022-02-23T10:00:00Z"></head>
      <body><article><h1>Quake hits town</h1>
      <figure><img src="q.jpg"><figcaption>Rescuers search the rubble.</figcaption></figure>
      <p>{LEDE}</p><p>{SECOND}</p></article></body></html>"""
    doc = html.read(page.encode(), "page.html")[0]
    assert doc.text == f"{LEDE}\n\n{SECOND}"  # no headline, no caption in the text
    assert (doc.title, doc.url, doc.published, doc.outlet) == (
        "Quake hits town", "https://planet.example/quake", "2022-02-23", "Daily Planet")
    assert doc.caption == "Rescuers search the rubble."


def test_html_outlet_is_never_the_headline():
    # trafilatura reads this JSON-LD's headline as the site name; the publisher, else the <title>'s tail, is the outlet.
    ld = ('{"@type": "NewsArticle", "headline": "Quake hits town", "datePublished": "2022-02-23",'
          ' "publisher": {"@type": "Organization", "name": "Coast Courier"}}')
    page = (f'<html><head><title>Quake hits town - Coast Courier</title><script type="application/ld+json">{ld}'
            f"</script></head><body><article><h1>Quake hits town</h1><p>{LEDE}</p><p>{SECOND}</p></article></body></html>")
    assert html.read(page.encode(), "page.html")[0].outlet == "Coast Courier"
    no_publisher = page.replace(', "publisher": {"@type": "Organization", "name": "Coast Courier"}', "")
    assert html.read(no_publisher.encode(), "page.html")[0].outlet == "Coast Courier"
    untitled = no_publisher.replace("<title>Quake hits town - Coast Courier</title>", "<title>Quake hits town</title>")
    assert html.read(untitled.encode(), "page.html")[0].outlet != "Quake hits town"


def test_html_date_is_never_guessed_from_the_text():
    page = f"<html><body><article><p>Published 3 March 2021.</p><p>{LEDE}</p><p>{SECOND}</p></article></body></html>"
    assert html.read(page.encode(), "page.html")[0].published is None


def test_html_nbsp_and_whitespace_collapse():
    page = "<html><body><article><p>Rain\u00a0fell \n\t on the   city.</p></article></body></html>"
    assert html.read(page.encode(), "page.html")[0].text == "Rain fell on the city."


def test_html_to_paragraphs():
    assert html.html_to_paragraphs("<p>One <b>bold</b>\nline.</p><p>Two.</p><script>x()</script>") == "One bold line.\n\nTwo."
    assert html.html_to_paragraphs("Plain text.\n\nSecond.") == "Plain text.\n\nSecond."
    assert html.html_to_paragraphs("") == ""


def test_json_field_names_and_date_formats():
    records = [
        {"headline": "A", "body": "One.\nTwo.", "link": "https://a.example/1", "published_at": "20220223",
         "source": {"id": "x", "name": "Agency A"}},
        {"title": "B", "content": "Three.\u00a0 Still three.\n\nFour.", "date": "Wed, 23 Feb 2022 01:00:00 +0300",
         "site": "B News"},
        {"title": "C", "text": "Five.", "date": "23 February 2022"},
        {"title": "D", "date": "2022-02-23"},
    ]
    docs = jsonl.read_json(json.dumps({"articles": records}).encode(), "x.json")
    a, b, c, d = docs
    assert (a.source, a.title, a.text, a.url, a.published, a.outlet) == (
        "x.json#1", "A", "One.\n\nTwo.", "https://a.example/1", "2022-02-23", "Agency A")
    assert (b.text, b.published, b.outlet) == ("Three. Still three.\n\nFour.", "2022-02-23", "B News")
    assert c.published == "2022-02-23"
    assert isinstance(d, Skipped) and d.source == "x.json#4" and "no text" in d.reason


def test_one_record_keeps_the_plain_source_name():
    assert jsonl.read_jsonl(b'{"text": "Only one."}\n', "x.jsonl")[0].source == "x.jsonl"
    assert csvfile.read(b"title,text\nA,Only one.\n", "x.csv")[0].source == "x.csv"


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiters(delimiter):
    rows = [["title", "text", "date"], ["A", "One, with a comma; and a semicolon.", "2022-02-23T10:00:00Z"],
            ["B", "Two.", ""]]
    data = "\n".join(delimiter.join(f'"{c}"' for c in row) for row in rows).encode()
    docs = csvfile.read(data, "x.csv")
    assert [(d.title, d.text, d.published) for d in docs] == [
        ("A", "One, with a comma; and a semicolon.", "2022-02-23"), ("B", "Two.", None)]


def test_csv_with_a_huge_cell():
    body = "word " * 60_000  # 300 kB: over csv's default 128 kB field limit
    docs = csvfile.read(f'title,text\nA,"{body}"\n'.encode(), "x.csv")
    assert isinstance(docs[0], RawDocument) and len(docs[0].text) == len(body.strip())


def test_atom_feed_entries():
    data = f"""<feed xmlns="http://www.w3.org/2005/Atom"><title>Planet Wire</title>
      <entry><title type="html">Quake &lt;em&gt;hits&lt;/em&gt; town</title>
        <link href="https://planet.example/quake"/><updated>2022-02-23T23:30:00-05:00</updated>
        <summary>Short summary.</summary>
        <content type="html">&lt;p&gt;{LEDE}&lt;/p&gt;&lt;p&gt;{SECOND}&lt;/p&gt;</content></entry>
      <entry><title>Summary only</title><summary>Just this.</summary></entry>
      <entry><title>Empty</title></entry></feed>""".encode()
    first, second, third = feed.read(data, "planet.atom")
    assert (first.source, first.title, first.text, first.url, first.published, first.outlet) == (
        "planet.atom#1", "Quake hits town", f"{LEDE}\n\n{SECOND}", "https://planet.example/quake",
        "2022-02-23", "Planet Wire")
    assert second.text == "Just this." and second.published is None
    assert isinstance(third, Skipped) and third.source == "planet.atom#3"


def test_record_field_names_match_whatever_their_case_and_separators():
    record = {"headline": "Port strike ends", "articleBody": LEDE, "publishedAt": "2026-05-04T10:00:00Z",
              "source": {"name": "Harbour News"}}
    doc = jsonl.read_jsonl((json.dumps(record) + "\n").encode(), "feed.jsonl")[0]
    assert (doc.title, doc.text, doc.published, doc.outlet) == ("Port strike ends", LEDE, "2026-05-04", "Harbour News")
    table = f"Headline;Article-Body;Date_Published\nQuake;{LEDE};2026-05-04\n"
    row = csvfile.read(table.encode(), "t.csv")[0]
    assert (row.title, row.published) == ("Quake", "2026-05-04")
