"""Framing on articles written for these tests, run through every stage."""

from __future__ import annotations

import pytest

from newsprism.clean import clean
from newsprism.model import RawDocument
from newsprism.pipeline import ReadOutcome, analyze

FIRST = """The so-called "referendum" in the occupied district was held under armed guard on Sunday.

Officials in Kyiv rejected the result. "This regime must answer for what it has done," Ukrainian Foreign Minister \
Anna Kovalenko told reporters.

The minister said the plan was "unworkable".

Critics say the vote was staged to justify annexation."""

SECOND = """Residents of the district voted on Sunday in a referendum on joining Russia, Russian state media reported.

Kremlin spokesman Dmitry Peskov said the vote reflected "the will of the people" and warned Kiev against provocations.

"Nobody forced anyone to vote," Peskov said."""


@pytest.fixture(scope="module")
def framing():
    articles = (clean(RawDocument("first.txt", FIRST, outlet="Kyiv Daily")),
                clean(RawDocument("second.txt", SECOND, outlet="Moscow Herald")))
    analysis = analyze(ReadOutcome(articles, ()))
    return {f.outlet: f for f in analysis.framing.articles.values()}, analysis.framing


def test_scare_quote_without_a_speaker(framing):
    by_outlet, _ = framing
    assert [i["term"] for i in by_outlet["Kyiv Daily"].scare_quotes] == ["referendum"]


def test_a_quoted_word_with_a_speaker_is_not_a_scare_quote(framing):
    by_outlet, _ = framing
    assert "unworkable" not in {i["term"] for i in by_outlet["Kyiv Daily"].scare_quotes}


def test_a_label_inside_a_quote_belongs_to_the_speaker(framing):
    by_outlet, _ = framing
    labels = {l["text"]: l["voice"] for l in by_outlet["Kyiv Daily"].labels}
    assert labels["regime"] == "Anna Kovalenko"
    assert [v for t, v in labels.items() if t.startswith("so-called")] == ["outlet"]


def test_naming_differs_between_outlets(framing):
    by_outlet, framing_all = framing
    assert by_outlet["Kyiv Daily"].naming["Kyiv"] == "Kyiv"
    assert by_outlet["Moscow Herald"].naming["Kyiv"] == "Kiev"
    assert any(line.startswith("Kyiv:") for line in framing_all.comparison)


def test_unnamed_sources(framing):
    by_outlet, _ = framing
    assert [u["text"] for u in by_outlet["Kyiv Daily"].unnamed_sources] == ["Critics say"]
    assert by_outlet["Moscow Herald"].unnamed_sources == ()


def test_voices_by_side(framing):
    by_outlet, _ = framing
    assert by_outlet["Moscow Herald"].voices == {"Russia": 1.0}
    assert "Ukraine" in by_outlet["Kyiv Daily"].voices
    assert "Ukraine" in by_outlet["Moscow Herald"].silent_sides
