"""Camps found from the event itself, on articles written for these tests: one event of each
kind the rules handle (state against state, government against opposition, a lawsuit, a
protest), each run through every stage. Voices are shares of quoted words per camp."""

from __future__ import annotations

import pytest

from newsprism.clean import clean
from newsprism.model import RawDocument
from newsprism.pipeline import ReadOutcome, analyze

EVENTS = {
    "state_vs_state": (
        """Chilean Foreign Minister Rosa Quintero accused Peru of moving troops to the border on Tuesday.

"We will defend every metre of our territory," Quintero told reporters in Santiago.

Peruvian Defence Minister Tomas Ayala rejected the charge. "Our soldiers are on a routine exercise and nothing more," \
Ayala said in Lima.""",
        """Peru denied on Tuesday that it had sent soldiers toward the Chilean border.

"There is no build-up, and there will be none," said Tomas Ayala, Peru's defence minister.

Chile's foreign minister, Rosa Quintero, said her government had photographs of armoured vehicles. "The pictures \
speak for themselves and we have shared them with our neighbours," she said.""",
    ),
    "government_vs_opposition": (
        """The government pushed its housing bill through parliament on Wednesday after a heated debate.

Housing Minister Claire Dobson said the bill would deliver homes faster. "This is the biggest building programme in \
a generation and families will see the difference," Dobson said.

Labour housing spokesman Owen Pritchard called the bill a giveaway to developers. "Not one of these homes will be \
affordable for a nurse or a teacher," Pritchard said.""",
        """Opposition parties voted against the housing bill, which passed by 31 votes.

"Ministers have written a cheque to the builders and sent the bill to renters," said Owen Pritchard, the Labour \
housing spokesman.

Claire Dobson, the housing minister, told MPs the plan was fully costed. "Every pound is accounted for and every \
promise will be kept," she said.""",
    ),
    "litigation": (
        """Greenfield Farmers Union sued Altan Chemicals on Monday, saying its plant poisoned wells in three villages.

"Our members have been drinking contaminated water for years while the company looked away," said Maria Lindqvist, \
a lawyer for Greenfield Farmers Union.

Altan Chemicals said the claims were baseless. "Our plant meets every standard and we will defend ourselves in \
court," said Henrik Sorensen, a spokesman for Altan Chemicals.""",
        """A farmers' group filed a lawsuit against Altan Chemicals over polluted wells.

Lawyers for the plaintiffs said tests found solvents in the water. "The evidence is overwhelming and the harm is \
real," Maria Lindqvist said.

The defendants denied wrongdoing. "There is no link between our site and those wells," Henrik Sorensen said.""",
    ),
    "protest": (
        """Thousands of protesters marched through the capital on Saturday against a new fuel tax.

"We cannot afford to drive to work any more and the government does not care," said Ana Ribeiro, one of the \
organisers of the march.

Finance Minister Jorge Matos defended the tax. "The money will pay for buses and trains that everyone can use," \
Matos said.""",
        """Police estimated 20,000 people joined the march against the fuel tax.

Protest organiser Ana Ribeiro told the crowd: "They will hear us every Saturday until the tax is gone."

The finance minister, Jorge Matos, said he would not back down. "A tax that funds public transport is fair," he said.""",
    ),
}

# The camps each event's main speakers must fall in.
EXPECTED = {
    "state_vs_state": ("countries", {"Rosa Quintero": "Chile", "Tomas Ayala": "Peru"}),
    "government_vs_opposition": ("home", {"Claire Dobson": "government", "Owen Pritchard": "Labour"}),
    "litigation": ("home", {"Maria Lindqvist": "plaintiffs (Greenfield Farmers Union)",
                            "Henrik Sorensen": "defendants (Altan Chemicals)"}),
    "protest": ("home", {"Ana Ribeiro": "protesters", "Jorge Matos": "government"}),
}


@pytest.fixture(scope="module", params=sorted(EVENTS))
def event(request):
    articles = tuple(clean(RawDocument(f"{request.param}_{n}.txt", text, outlet=f"Outlet {n}"))
                     for n, text in enumerate(EVENTS[request.param]))
    return request.param, analyze(ReadOutcome(articles, ()))


def test_each_speaker_is_in_the_camp_the_event_gives_them(event):
    name, analysis = event
    split, expected = EXPECTED[name]
    camps = analysis.framing.camps
    assert camps.split == split
    for speaker, camp in expected.items():
        assert camps.of_speaker.get(speaker) == camp, (speaker, camps)


def test_opposing_speakers_are_in_different_camps(event):
    name, analysis = event
    first, second = EXPECTED[name][1]
    of = analysis.framing.camps.of_speaker
    assert of[first] != of[second]


def test_voices_are_shares_of_camps_and_no_article_is_unplaced(event):
    _, analysis = event
    for framing in analysis.framing.articles.values():
        assert "unplaced" not in framing.voices
        assert "unknown" not in framing.silent_sides
        assert abs(sum(framing.voices.values()) - 1.0) < 0.01


@pytest.mark.parametrize("after, apposition", [
    (", which is Norway's state broadcaster, reported on Monday", ", which is Norway's state broadcaster"),
    (", who is also a former minister of Chile, said", ", who is also a former minister of Chile"),
    (", Peru's defence minister, said", ", Peru's defence minister"),
    (", who was arrested on Monday, said", ""),   # what happened to them, not what they are
    (", which said the plan would fail", ""),
    (", who is expected to resign", ""),
])
def test_a_clause_saying_what_the_named_one_is_places_them_as_an_apposition_does(after, apposition):
    """"The Korean Central News Agency, which is North Korea's state media agency, made the announcement": the
    relative clause names the speaker's country as an apposition would; one saying what they did does not."""
    from newsprism.camps import _apposition_end

    assert after[:_apposition_end(after)] == apposition


def test_a_title_of_a_company_or_union_is_no_government_and_an_unnamed_spokesperson_is_anyones():
    from newsprism.camps import _around, _home

    def kinds(text, name):
        start = text.index(name)
        before, after = _around(text, start, start + len(name))
        return {kind for kind, _ in _home(name, before, after, {})}

    assert "government" in kinds("\"Teams were there,\" government spokesperson Selin Marak said.", "Selin Marak")
    assert "government" not in kinds("Teresa Vargas, president of the National Rideshare Drivers Union, said so.",
                                     "Teresa Vargas")
    assert "government" not in kinds("\"We are sorry,\" company spokesperson Ann Lee said.", "Ann Lee")
    assert "government" not in kinds("Union president Tomas Brenner said the union had warned the airline.",
                                     "Tomas Brenner")
    assert "government" in kinds("Transport Minister Richard Ashby said the strike was reckless.", "Richard Ashby")
    assert not {kind for kind, _ in _home("anonymous spokesperson", "", "", {})} & {"government"}
