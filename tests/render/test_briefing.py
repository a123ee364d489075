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


def test_a_side_named_after_its_only_speaker_is_not_printed_beside_the_name(briefing):
    """"Sadiq Khan (Sadiq Khan)" says nothing: a camp of one, named after its speaker, is left out of the
    speaker's heading in every format; a real side stays."""
    from dataclasses import replace

    from newsprism.brief import SpeakerQuotes

    quotes = briefing.speakers[0].quotes
    own = SpeakerQuotes("Ana Ruiz", "ana ruiz", quotes)
    party = SpeakerQuotes("Ana Ruiz", "Green Party", quotes)
    assert own.side_label is None and party.side_label == "Green Party"
    for speakers, shown in (((own,), False), ((party,), True)):
        text = render(replace(briefing, speakers=speakers), "md")
        assert ("Ana Ruiz (Green Party)" in text) is shown and "(ana ruiz)" not in text
        page = render(replace(briefing, speakers=speakers), "html")
        assert ('<span class="tag">Green Party</span>' in page) is shown and ">ana ruiz</span>" not in page


def test_the_summary_takes_no_sentence_from_inside_a_quotation_that_runs_over_sentences():
    """`"The minister will visit the port on 3 May. She will meet the dockers," the office said.` — the
    second sentence starts with no quotation mark but ends one: not the reporter's own words, so the
    summary takes another report's sentence of the fact."""
    from newsprism.align import Evidence, Fact
    from newsprism.brief import _neutral_sentence
    from newsprism.model import Sentence

    body_a = ('"The minister will visit the port on 3 May. She will meet the dockers and the harbour board '
              'during the visit," the office said.')
    body_b = "The minister is to meet dockers and the harbour board when she visits the port in May, officials said."
    second = body_a.index("She")
    sentences = {"a": [Sentence("a", 0, 0, second - 1, body_a[:second - 1]),
                       Sentence("a", 1, second, len(body_a), body_a[second:])],
                 "b": [Sentence("b", 0, 0, len(body_b), body_b)]}
    evidence = (Evidence("a", second, len(body_a), body_a[second:]), Evidence("b", 0, len(body_b), body_b))
    fact = Fact("Fx", body_a[second:], "corroborated", 2, ("a", "b"), evidence)
    assert _neutral_sentence(fact, sentences, [], []).article == "b"
    only_quoted = Fact("Fy", body_a[second:], "corroborated", 2, ("a",), evidence[:1])
    assert _neutral_sentence(only_quoted, sentences, [], []) is None


def test_an_infinitive_clause_of_a_disputed_sentence_does_not_word_a_fact_alone():
    """The disputed sentence 'Tanks rolled in after he sent troops "to keep order" in the city' gives the
    agreed fact only the clause 'to keep order" in the city', which says nothing alone: the other report's
    evidence words it. A clause with a subject of its own still words it."""
    from newsprism.align import Evidence, Fact
    from newsprism.brief import _clause_wording

    disputed = 'Tanks rolled in after he sent troops "to keep order" in the city.'
    clause = 'to keep order" in the city'
    other = 'the army was sending troops "to keep order'
    start = disputed.index(clause)
    fact = Fact("Fx", disputed, "corroborated", 2, ("a", "b"),
                (Evidence("a", start, start + len(clause), clause), Evidence("b", 40, 40 + len(other), other)))
    spans = [("a", 0, len(disputed))]
    assert _clause_wording(fact, spans).text == 'The army was sending troops "to keep order"'
    said = 'he sent troops "to keep order" in the city'
    start = disputed.index("he sent")
    fact = Fact("Fy", disputed, "corroborated", 2, ("a", "b"),
                (Evidence("a", start, start + len(said), said), Evidence("b", 40, 40 + len(other), other)))
    assert _clause_wording(fact, spans).text == 'He sent troops "to keep order" in the city'


def test_the_summary_does_not_say_again_in_other_words_what_it_listed():
    import numpy as np

    from newsprism.align import Evidence, Fact
    from newsprism.brief import _summary
    from newsprism.model import Sentence

    texts = {
        "a": "The ferry company said it would halt all crossings to the island from Monday.",
        "b": "Reports on Friday indicated that the operator announced the suspension of its island service.",
        "c": "The harbour master confirmed that the new pier will open to walkers in early June.",
    }
    sentences = {k: [Sentence(k, 0, 0, len(t), t)] for k, t in texts.items()}
    facts = [Fact(f"F{k}", t, "corroborated", 2, (k,), (Evidence(k, 0, len(t), t),)) for k, t in texts.items()]
    vectors = {"a": np.array([1.0, 0.0]), "b": np.array([0.9, 0.436]), "c": np.array([0.0, 1.0])}
    meaning = lambda fact: vectors[fact.articles[0]]  # noqa: E731 - "a" and "b" at cosine 0.9

    assert [s.text for s in _summary(facts, sentences, None, [], (), meaning)] == [texts["a"], texts["c"]]
    assert [s.text for s in _summary(facts, sentences, None, [], ())] == list(texts.values())


def test_reported_speech_shows_the_verb_that_reports_it_when_it_says_more_than_said():
    """"Nordcrane: that it planned to cut safety staff" would read as the company's own plan."""
    body = ("The union said 12,000 members joined the strike on Tuesday at the port.\n\n"
            "Nordcrane denied that it planned to cut safety staff at the port terminals.")
    article = clean(RawDocument("strike.txt", body, title="Dockworkers strike at port"))
    briefing = brief(analyze(ReadOutcome((article,), ())))
    for fmt in ("md", "text", "html"):
        page = render(briefing, fmt)
        assert "indirect, denied" in page, fmt
        assert "indirect, said" not in page, fmt


def test_speakers_in_no_camp_are_others_in_every_format_never_the_reports_key(briefing):
    """The report keeps `voices{"unplaced": share}`; a reader sees "others"."""
    assert any("unplaced" in f.voices for f in briefing.analysis.framing.articles.values())
    for fmt in ("md", "html"):
        page = render(briefing, fmt)
        assert "unplaced" not in page and "others " in page, fmt


def test_two_spans_of_one_outlet_are_numbered_chips_not_one_name_twice():
    from types import SimpleNamespace

    from newsprism.render.html import _labelled

    briefing = SimpleNamespace(outlet={"a": "The Capital Times", "b": "Free Voice"}.get)
    spans = [SimpleNamespace(article=x) for x in ("b", "a", "a")]
    assert _labelled(briefing, spans) == ["Free Voice", "The Capital Times", "The Capital Times 2"]


def test_an_empty_section_says_what_it_found_none_of_in_every_format():
    from newsprism.brief import EMPTY

    a = clean(RawDocument("a.txt", "Police said about 5,000 people marched in Valmora on Saturday against the new law.",
                          outlet="Valmora Tribune"))
    b = clean(RawDocument("b.txt", "Organisers said 50,000 people marched in Valmora on Saturday against the new law.",
                          outlet="The People's Voice"))
    briefing = brief(analyze(ReadOutcome((a, b), ())))
    assert not briefing.agreed and not briefing.summary and not briefing.timeline
    for fmt in ("text", "md", "html"):
        out = " ".join(render(briefing, fmt).split())
        for section in ("What everyone reports", "Timeline"):
            message = EMPTY[section]
            assert message in out.replace("&#x27;", "'").replace("&quot;", '"'), (fmt, section)


def test_a_summary_line_is_worded_by_a_sentence_its_other_sources_say_too():
    # The pledge both report, worded by the report that says only that, not by one that adds who refused to sign.
    a = clean(RawDocument("a.txt", "Methane pact falls short\n\nThe pledge aims to cut emissions by 30 percent by 2035, "
                                   "but China, India and Russia refused to sign it.\n\nScientists were unimpressed.",
                          outlet="Green Planet News"))
    b = clean(RawDocument("b.txt", "Methane scheme\n\nThe pledge requires cutting emissions 30% by 2035.\n\n"
                                   "Farmers fear higher costs.", outlet="Patriot Daily"))
    briefing = brief(analyze(ReadOutcome((a, b), ())))
    assert [s.text for s in briefing.summary] == ["The pledge requires cutting emissions 30% by 2035."]


def test_the_text_briefing_says_how_many_items_each_long_list_leaves_out(briefing):
    text = render(briefing, "text")
    speakers = briefing.speakers
    quoted_more = [row for row in speakers[:15] if len(row.quotes) > 2]
    assert quoted_more, "the seeds have speakers with more than two quotes"
    assert text.count("more quotes") + text.count("more quote\n") >= len(quoted_more)
    timeline = text[text.find(" Timeline "):text.find(" Framing ")]
    shown = len([line for line in timeline.splitlines() if re.match(r"^\d{4}-\d{2}-\d{2} ", line)])
    assert shown == min(20, len(briefing.timeline))
    if len(briefing.timeline) > 20:
        assert f"… {len(briefing.timeline) - 20} more dated event" in timeline
    else:
        assert "more dated event" not in timeline


def test_a_summary_line_gives_no_figure_the_facts_other_sources_do_not():
    from types import SimpleNamespace

    from newsprism.brief import _neutral_sentence
    from newsprism.model import Sentence

    texts = {"b": "Members voted 87 percent in favour of strike action in a ballot last month, the union said on Tuesday.",
             "c": "In a ballot last month, 87 percent of RMTU members voted for the strike, the union said.",
             "d": "In a ballot last month, 87 percent of members who voted backed strike action, on a turnout of 71 "
                  "percent, the union said."}
    sentences = {k: [Sentence(k, 0, 0, len(t), t)] for k, t in texts.items()}
    fact = SimpleNamespace(evidence=[SimpleNamespace(article=k, start=0) for k in "bcd"])
    # d is nearest a summary line's length, but only d gives the turnout.
    assert _neutral_sentence(fact, sentences, [], []).article != "d"


def test_a_summary_line_does_not_open_with_a_pronoun_another_source_names():
    from types import SimpleNamespace

    from newsprism.brief import _neutral_sentence
    from newsprism.model import Sentence

    texts = {"b": "He said the company would offer two years of free credit monitoring to every customer affected by it.",
             "c": "Chief executive Daniel Hartwell said the company would offer free credit monitoring."}
    sentences = {k: [Sentence(k, 0, 0, len(t), t)] for k, t in texts.items()}
    fact = SimpleNamespace(evidence=[SimpleNamespace(article=k, start=0) for k in "bc"])
    # b is nearer a summary line's length; its "He" names no one.
    assert _neutral_sentence(fact, sentences, [], []).article == "c"
