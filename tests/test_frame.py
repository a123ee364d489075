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
    assert [u["text"] for u in by_outlet["Kyiv Daily"].unnamed_sources] == [
        "Critics say the vote was staged to justify annexation"]
    assert by_outlet["Moscow Herald"].unnamed_sources == ()


def test_voices_by_side(framing):
    by_outlet, framing_all = framing
    assert framing_all.camps.split == "countries"
    assert by_outlet["Moscow Herald"].voices == {"Russia": 1.0}
    assert by_outlet["Kyiv Daily"].voices == {"Ukraine": 1.0}
    assert by_outlet["Moscow Herald"].silent_sides == ("Ukraine",)
    assert by_outlet["Kyiv Daily"].silent_sides == ("Russia",)


PLAIN = """Rescuers searched the dangerous canyons through a chilly night on Tuesday.

The latest numbers show 40 people were missing. "The hard part is the cold," said rescue chief Maria Holt.

Visitors are welcome here again, the park said. Inspectors said the inspection regime at the dam worked and crude oil \
prices did not move."""

LOADED = """The senator slammed the disastrous deal on Monday and called the figures bogus.

Critics of the regime said the so-called reforms were a sham. "This is a horrible agreement," the senator said."""


@pytest.fixture(scope="module")
def plain_and_loaded():
    articles = (clean(RawDocument("plain.txt", PLAIN, outlet="Plain Post")),
                clean(RawDocument("loaded.txt", LOADED, outlet="Loaded Ledger")))
    analysis = analyze(ReadOutcome(articles, ()))
    return {f.outlet: f for f in analysis.framing.articles.values()}


def test_ordinary_description_is_not_a_label(plain_and_loaded):
    # "dangerous", "chilly", "latest", "hard", "welcome", "inspection regime", "crude oil": description
    assert plain_and_loaded["Plain Post"].labels == ()


def test_loaded_words_are_labels_with_their_kind_and_voice(plain_and_loaded):
    labels = {(l["text"], l["kind"], l["voice"]) for l in plain_and_loaded["Loaded Ledger"].labels}
    assert labels == {
        ("slammed", "charged verb", "outlet"),
        ("disastrous deal", "evaluative", "outlet"),
        ("bogus", "epithet", "outlet"),
        ("regime", "epithet", "outlet"),
        ("so-called reforms", "delegitimising", "outlet"),
        ("sham", "epithet", "outlet"),
        ("horrible agreement", "evaluative", "senator"),
    }


WORDING_A = """North Korean dictator Kim Jong Un said on Saturday that the test site would close.

The so-called peace memos were sent to Seoul, and the dictator promised more talks."""

WORDING_B = """North Korean leader Kim Jong Un said on Saturday that the test site would close.

The memos were sent to Seoul, and the leader promised more talks."""


def test_word_choice_groups_one_actor_and_shows_each_outlets_own_words():
    articles = (clean(RawDocument("a.txt", WORDING_A, outlet="Hawk Herald")),
                clean(RawDocument("b.txt", WORDING_B, outlet="Dove Daily")))
    analysis = analyze(ReadOutcome(articles, ()))
    concepts = {c.name: c for c in analysis.framing.concepts}
    kim = concepts["Kim Jong Un"]
    by_outlet = {a.outlet: a.id for a in analysis.articles}
    assert kim.splits
    assert [i["words"] for i in kim.only[by_outlet["Hawk Herald"]]] == [["dictator"]]
    assert [i["words"] for i in kim.only[by_outlet["Dove Daily"]]] == [["leader"]]
    # the bare description stands for the actor its article titles that way
    texts = [v["text"] for v in kim.variants[by_outlet["Hawk Herald"]]]
    assert "the dictator" in texts
    memos = next(c for c in analysis.framing.concepts if c.kind == "issue" and "memos" in c.name)
    assert [i["words"] for i in memos.only[by_outlet["Hawk Herald"]]] == [["peace", "so-called"]]
    line = next(l for l in analysis.framing.comparison if l.startswith("Words for Kim Jong Un"))
    assert "Hawk Herald" in line and "dictator" in line


def _own_words(first: tuple[str, str], second: tuple[str, str]) -> set[str]:
    """The words word choice lists as one outlet's own, for two articles given as (outlet, text)."""
    articles = tuple(clean(RawDocument(f"{n}.txt", text, outlet=outlet))
                     for n, (outlet, text) in enumerate((first, second)))
    analysis = analyze(ReadOutcome(articles, ()))
    return {w for c in analysis.framing.concepts for items in c.only.values() for i in items for w in i["words"]}


def test_an_approximate_figure_is_no_word_choice():
    """"about 4,500 workers" against "4,500 workers": "about" hedges a figure, it does not name the workers."""
    assert "about" not in _own_words(
        ("Port Post", "The port authority said about 4,500 workers joined the strike at the port on Tuesday.\n\n"
                      "The workers want more safety officers."),
        ("Harbour Times", "The union said 4,500 workers joined the strike at the port on Tuesday.\n\n"
                          "The workers marched to the harbour office."))


def test_the_scale_of_a_figure_is_no_word_choice():
    assert "billion" not in _own_words(
        ("Market Ledger", "Regulators cleared the deal on Thursday, two days after the $3.2 billion deal was "
                          "announced.\n\nThe deal creates the largest dairy group."),
        ("Farm Voice", "Farmers fear the deal will lower milk prices.\n\nThe deal creates the largest dairy group "
                       "in the north."))


def test_one_camp_sets_no_one_against_anyone_and_whose_is_no_word_choice():
    a = clean(RawDocument("a.txt", 'Prime Minister Lena Kass said coalition talks would begin next week. "The '
                                   'voters have asked us to listen," she told supporters.\n\nThe opposition party '
                                   'took 29 percent.', outlet="Tarnia Times"))
    b = clean(RawDocument("b.txt", "Green Alliance leader Omar Vell, whose party took 29 percent, will not join a "
                                   "coalition.\n\nPrime Minister Lena Kass lost her majority on Sunday.",
                          outlet="Tarnia Herald"))
    framing = analyze(ReadOutcome((a, b), ())).framing
    assert not [line for line in framing.comparison if line.startswith("Camps")]
    own = {w for c in framing.concepts for items in c.only.values() for i in items for w in i["words"]}
    assert "whose" not in own


def test_a_so_called_quoted_phrase_is_one_label_and_the_speakers_when_quoted_from_them():
    text = ("The so-called \"merger of equals\" is in fact a takeover, union chair Ola Bakken said.\n\n"
            "Officials said the dairy had ties with the separatist statelets of the north.\n\n"
            "The so-called \"forest protection\" rules left dead trees to pile up.")
    analysis = analyze(ReadOutcome((clean(RawDocument("d.txt", text, outlet="Dairy Voice")),), ()))
    labels = {l["text"]: l["voice"] for f in analysis.framing.articles.values() for l in f.labels}
    assert labels['so-called "merger of equals"'] == "Ola Bakken"
    assert labels['so-called "forest protection"'] == "outlet"
    # Reported speech is in the outlet's words: "statelets" is no official's.
    assert labels["separatist statelets"] == "outlet"
    # The sentence is Bakken's reported speech, quoted phrase and all.
    assert any(q.kind == "indirect" and q.speaker == "Ola Bakken" and q.text.startswith("The so-called")
               for q in analysis.extraction.quotes)


def test_a_description_goes_to_the_actor_with_most_of_its_words_and_offices_are_no_issue():
    first = ("Prime Minister Anna Holt sacked health minister Erik Larsen on Monday.\n\n"
             "Larsen had claimed 40,000 euros for a flat.")
    second = ("Erik Larsen became the third minister to leave Anna Holt's cabinet this year.\n\n"
              "Critics say the prime minister waited too long to act.")
    articles = (clean(RawDocument("a.txt", first, outlet="Capital Times")),
                clean(RawDocument("b.txt", second, outlet="Review Daily")))
    analysis = analyze(ReadOutcome(articles, ()))
    concepts = {c.name: c for c in analysis.framing.concepts}
    texts = {name: {v["text"] for vs in c.variants.values() for v in vs} for name, c in concepts.items()}
    # One Anna Holt, though the small model reads "Anna Holt's cabinet" as an organisation's.
    assert [a.name for a in analysis.extraction.actors].count("Anna Holt") == 1
    assert "the prime minister" in texts["Anna Holt"]
    assert "the prime minister" not in texts.get("Erik Larsen", set())
    assert not [c for c in analysis.framing.concepts if c.kind == "issue" and "minister" in c.name]


def test_epithets_of_labour_and_election_reporting_are_labels():
    text = ("Union bosses walked away from the talks on Monday.\n\n"
            "The rule was written by unelected bureaucrats at the department.\n\n"
            "Protesters said the commission would rubber-stamp a stolen election.\n\n"
            "The report is a partisan hit job by deep-state bureaucrats.\n\n"
            "The union's leaders met the minister on Tuesday.")
    analysis = analyze(ReadOutcome((clean(RawDocument("f.txt", text, outlet="Daily Beacon")),), ()))
    labels = {l["text"].lower() for f in analysis.framing.articles.values() for l in f.labels}
    assert {"union bosses", "unelected bureaucrats", "rubber-stamp", "stolen election", "hit job", "deep-state"} <= labels, \
        labels
    assert not any("leaders" in label for label in labels)
