"""The briefing in every format: contract, citations, sections, escaping."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from newsprism.brief import SUMMARY_MAX, SUMMARY_MIN, SECTIONS, brief
from newsprism.clean import clean
from newsprism.model import RawDocument
from newsprism.pipeline import ReadOutcome, analyze
from newsprism.render import render
from quality import ROOT

SCHEMA = json.loads((ROOT / "schema" / "report.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def briefing(seed_analysis):
    return brief(seed_analysis)


def test_json_validates_against_the_schema(briefing):
    jsonschema.validate(json.loads(render(briefing, "json")), SCHEMA)


def test_every_summary_sentence_cites_spans_inside_its_articles(briefing):
    bodies = {a.id: a.body for a in briefing.articles}
    assert SUMMARY_MIN <= len(briefing.summary) <= SUMMARY_MAX
    for sentence in briefing.summary:
        assert sentence.citations
        for c in sentence.citations:
            assert 0 <= c.start < c.end <= len(bodies[c.article])
        # The sentence is one the sources wrote, and it is among its citations.
        assert any(bodies[c.article][c.start:c.end] == sentence.text for c in sentence.citations)


def test_summary_reports_the_recognition_and_the_troop_order(briefing):
    text = " ".join(s.text for s in briefing.summary).lower()
    assert re.search(r"recogni[sz]", text)
    assert re.search(r"peacekeep|troops|military", text)


def test_summary_states_no_disputed_point(briefing):
    """No summary citation overlaps a disputed sentence (a clause inside one is as disputed as the sentence)."""
    disputed = [(e.article, e.start, e.end) for c in briefing.disputed for side in c.sides for e in side.evidence]
    for sentence in briefing.summary:
        for c in sentence.citations:
            assert not any(c.article == a and c.start < e and s < c.end for a, s, e in disputed), sentence.text


@pytest.mark.parametrize("fmt, heading", [("md", r"^## (.+)$"), ("html", r"<h2>(.+?)</h2>")])
def test_formats_share_the_section_headings(briefing, fmt, heading):
    found = re.findall(heading, render(briefing, fmt), flags=re.M)
    assert [h.replace("&amp;", "&") for h in found] == list(SECTIONS)


def test_text_has_the_same_sections_in_order(briefing):
    text = render(briefing, "text")
    positions = [text.find(f" {name} ") for name in SECTIONS]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)


def test_article_text_is_escaped_in_html():
    hostile = ('Police said the man shouted <script>alert(1)</script> before he was arrested on Monday.\n\n'
               'A sign read "><img src=x onerror=alert(1)> and officers took it away, police said.')
    article = clean(RawDocument("hostile.txt", hostile, title="<b>Headline</b>", outlet="<i>Outlet</i>"))
    page = render(brief(analyze(ReadOutcome((article,), ()))), "html")
    assert "<script>alert(1)</script>" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<b>Headline</b>" not in page and "&lt;b&gt;Headline&lt;/b&gt;" in page
