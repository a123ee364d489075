"""The briefing's general rules on passages written for these tests (no seed or dev wording):
contradictions after alignment, facts that never join a contradiction, the event title, and no
conflict between articles about different events."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "data"))

from unrelated_events import EVENTS, unrelated_articles  # noqa: E402


def _analyse(tmp_path, texts: dict[str, str]):
    from newsprism.pipeline import analyze, read_articles

    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return analyze(read_articles([str(tmp_path)]))


def _sides(analysis, kind):
    names = {a.id: Path(a.source).name for a in analysis.articles}
    return [[sorted({names[e.article] for e in side.evidence}) for side in c.sides]
            for c in analysis.conflicts if c.kind == kind]


def _disputes(analysis, kind):
    """Each conflict of `kind` as the file names of its sides, in sorted order."""
    return [sorted(map(tuple, sides)) for sides in _sides(analysis, kind)]


BRIDGE = {
    "a.txt": "Mayor to open new bridge\n\nThe mayor will attend the opening of the Harbour Bridge on Friday, "
             "city officials said.\n\nThe bridge took four years to build and cost 210 million dollars.\n\n"
             "Traffic on the old ferry route is expected to fall sharply.",
    "b.txt": "Harbour Bridge opens on Friday\n\nThe mayor is unlikely to attend the opening of the Harbour Bridge, "
             "according to her office.\n\nBuilding the bridge cost 380 million dollars over four years.\n\n"
             "Ferry operators fear they will lose passengers to the new crossing.",
    "c.txt": "Union says bridge workers were underpaid\n\nA construction union accused the builder of underpaying "
             "the Harbour Bridge workers by several million dollars.\n\nThe builder denied underpaying the "
             "Harbour Bridge workers and said every wage met the agreed rates.\n\nThe bridge opens on Friday.",
}


@pytest.fixture(scope="module")
def bridge(tmp_path_factory):
    return _analyse(tmp_path_factory.mktemp("bridge"), BRIDGE)


def test_will_against_unlikely_is_a_status_conflict(bridge):
    assert _disputes(bridge, "status") == [[("a.txt",), ("b.txt",)]]


def test_different_costs_of_one_thing_are_a_numeric_conflict(bridge):
    numeric = [c for c in bridge.conflicts if c.kind == "numeric"]
    assert len(numeric) == 1
    assert [sorted({e.article for e in s.evidence}) for s in numeric[0].sides] == [
        [a.id] for a in sorted(bridge.articles, key=lambda a: a.source) if a.source.endswith(("a.txt", "b.txt"))]


def test_a_denial_is_set_against_what_it_denies(bridge):
    denials = [c for c in bridge.conflicts if c.kind == "denial"]
    assert len(denials) == 1
    claim, denial = denials[0].sides
    assert "accused" in claim.evidence[0].text and "denied" in denial.evidence[0].text


def test_no_agreed_fact_holds_both_sides_of_a_conflict(bridge):
    disputed = [{(e.article, e.start) for e in side.evidence} for c in bridge.conflicts for side in c.sides]
    for fact in bridge.alignment.facts:
        spans = {(e.article, e.start) for e in fact.evidence}
        for c in bridge.conflicts:
            one, other = ({(e.article, e.start) for e in s.evidence} for s in c.sides[:2])
            assert not (spans & one and spans & other), (fact.text, c.about)
    assert disputed


def test_fact_ids_are_unique(bridge):
    ids = [f.id for f in bridge.alignment.facts]
    assert len(ids) == len(set(ids))


def test_articles_of_unrelated_events_raise_no_conflict_between_events(tmp_path):
    texts = {name: text for _, name, text in unrelated_articles(per_event=4)}
    event_of = {name: event for event, name, _ in unrelated_articles(per_event=4)}
    analysis = _analyse(tmp_path, texts)
    names = {a.id: Path(a.source).name for a in analysis.articles}
    for c in analysis.conflicts:
        events = {event_of[names[e.article]] for side in c.sides for e in side.evidence}
        assert len(events) == 1, (c.kind, c.about, events)
    assert len(EVENTS) == 6 and len(analysis.articles) == 24


def test_title_is_the_central_headline_without_quotes_or_labels():
    from newsprism.model import Article
    from newsprism.title import event_title

    def article(aid, title, body):
        return Article(id=aid, source=f"{aid}.txt", body=body, title=title)

    body = "The city council voted on Tuesday to close the Elm Street library at the end of the year. "
    articles = [
        article("a", "Council votes to close Elm Street library", body + "Readers protested outside."),
        article("b", "Shameful: council 'saves' money by killing our library!", body + "It is a disgrace."),
        article("c", "Mayor: 'We had no choice'", body + "The mayor defended the vote."),
        article("d", "Elm Street library to close at end of year after council vote.", body + "Staff will move."),
    ]
    assert event_title(articles) in {"Council votes to close Elm Street library",
                                     "Elm Street library to close at end of year after council vote"}
    untitled = [article(x.id, None, x.body) for x in articles]
    assert event_title(untitled).startswith("The city council voted on Tuesday to close the Elm Street library")
    # Who says so, tagged on at the end of a headline, is not part of what happened.
    tagged = [article(x.id, "Council Votes To Close Elm Street Library At End Of Year: Local Media", x.body)
              for x in articles[:2]]
    assert event_title(tagged) == "Council Votes To Close Elm Street Library At End Of Year"
    assert event_title([article("e", "Storm hits the coast town of Elmwick: 3 dead, 40 hurt", body)]) == \
        "Storm hits the coast town of Elmwick: 3 dead, 40 hurt"


def test_articles_of_different_dev_events_raise_no_conflict_between_them():
    """Two outlets from each of the four dev events analysed as if one event: every conflict
    stays inside one real event (real political reporting sharing Trump, Russia and nuclear talk)."""
    import os

    from briefing_scores import DEV, DEV_EVENTS
    from newsprism.pipeline import analyze, read_articles

    if not DEV.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"dev events missing at {DEV}: CI must have ../shared beside the repo")
        pytest.skip(f"dev events not found at {DEV}")
    files = [str(DEV / "newswcl50" / event / f"{event.split('_')[1]}_{side}.txt")
             for event in DEV_EVENTS for side in ("L", "R")]
    analysis = analyze(read_articles(files))
    event_of = {a.id: Path(a.source).name.split("_")[0] for a in analysis.articles}
    assert len(set(event_of.values())) == 4
    for conflict in analysis.conflicts:
        events = {event_of[e.article] for side in conflict.sides for e in side.evidence}
        assert len(events) == 1, conflict.to_record()


# The same three general rules on a second story written from scratch, worded differently.
HOSPITAL = {
    "d.txt": "Emergency ward back next week\n\nThe Riverside hospital will reopen its emergency ward on Monday, "
             "the health board said.\n\nThe new surgical wing cost 45 million pounds, according to the board.\n\n"
             "Patients have travelled to the next town for treatment since March.",
    "e.txt": "Staff told ward stays shut\n\nThe Riverside hospital will not reopen its emergency ward on Monday, "
             "nurses were told at a meeting.\n\nThe surgical wing cost 62 million pounds, the nurses' union said.\n\n"
             "Patients are still being sent to the next town.",
    "f.txt": "Nurses blame cuts\n\nNurses said the health board closed the Riverside emergency ward to save money on "
             "night staff.\n\nPatients have complained about the journey.",
    "g.txt": "Board answers nurses\n\nThe health board denied that it closed the Riverside emergency ward to save money "
             "on night staff.\n\nA board spokesman said a safety review had forced the closure.",
}


@pytest.fixture(scope="module")
def hospital(tmp_path_factory):
    return _analyse(tmp_path_factory.mktemp("hospital"), HOSPITAL)


def test_will_against_will_not_is_a_status_conflict(hospital):
    assert _disputes(hospital, "status") == [[("d.txt",), ("e.txt",)]]


def test_two_costs_of_the_wing_are_a_numeric_conflict(hospital):
    assert _disputes(hospital, "numeric") == [[("d.txt",), ("e.txt",)]]


def test_a_denial_in_one_report_answers_the_claim_in_another(hospital):
    assert _disputes(hospital, "denial") == [[("f.txt",), ("g.txt",)]]


# A third story: one online petition counted under two nouns, a vague figure against a rounded one.
PETITION = {
    "p.txt": "Petition against mine grows\n\nAn online petition against the Hollow Ridge copper mine has gathered "
             "tens of thousands of signatures since Sunday, organisers said.\n\nThe regional council will debate the mine in June.",
    "q.txt": "Mine petition passes milestone\n\nThe online petition against the Hollow Ridge copper mine has been "
             "signed by more than 2 million people since Sunday.\n\nThe regional council will debate the mine in June.",
    "r.txt": "Council to debate copper mine\n\nThe regional council will debate the Hollow Ridge copper mine in June, "
             "a spokeswoman said.\n\nHundreds of people marched in the valley on Saturday.",
}


@pytest.fixture(scope="module")
def petition(tmp_path_factory):
    return _analyse(tmp_path_factory.mktemp("petition"), PETITION)


def test_one_thing_counted_under_two_nouns_is_a_numeric_conflict(petition):
    assert _disputes(petition, "numeric") == [[("p.txt",), ("q.txt",)]]


def test_no_agreed_fact_holds_both_sides_of_a_conflict(petition):
    def holds(fact, side):
        return any(e.article == s.article and s.start <= e.start < s.end for e in fact.evidence for s in side.evidence)

    assert petition.conflicts
    for conflict in petition.conflicts:
        for fact in petition.alignment.facts:
            assert not (holds(fact, conflict.sides[0]) and holds(fact, conflict.sides[1])), fact.to_record()


def test_vague_and_rounded_figures_read_as_writers_mean_them():
    from functools import partial
    from types import SimpleNamespace

    from newsprism.conflicts import _compatible

    Q = partial(SimpleNamespace, of="people")

    more_than = Q(text="more than 100,000", value=100000.0, approx="at least", high=None)
    millions = Q(text="more than 1.8 million", value=1800000.0, approx="at least", high=None)
    hundreds = Q(text="hundreds of thousands", value=100000.0, approx="at least", high=None)
    assert not _compatible(more_than, millions)
    assert not _compatible(hundreds, millions)
    assert _compatible(hundreds, Q(text="250,000", value=250000.0, approx="exact", high=None))


LIES = {
    "s.txt": "Minister accused over bus contract\n\nThe opposition said the transport minister lied about never "
             "meeting the owner of the bus company before the contract was signed.\n\nThe contract runs for ten years.",
    "t.txt": "Minister rejects claims over contract\n\nThe transport minister has denied ever meeting the owner of the "
             "bus company before the contract was signed.\n\nThe contract runs for ten years.",
}


def test_an_accusation_of_lying_is_the_claim_a_denial_answers(tmp_path):
    analysis = _analyse(tmp_path, LIES)
    assert _disputes(analysis, "denial") == [[("s.txt",), ("t.txt",)]]


# A fourth story: a released audit read as new by some and as old news by others; a denial
# reported twice; a non-committal answer; "no fraud" beside "allegations of fraud".
AUDIT = {
    "u.txt": "Audit of port authority released\n\nThe audit of the Kellan port authority, released on Wednesday, "
             "includes new details about payments to two dredging firms.\n\nThe harbour master said the audit "
             "found no fraud.\n\nThe port authority denied that it hid payments from the city council.",
    "v.txt": "Port audit adds little\n\nThe Kellan port audit contains no notable information that the city council "
             "had not already discussed in public hearings about the dredging payments.\n\nCouncillors had pressed "
             "for months for an inquiry into allegations of fraud at the port.",
    "w.txt": "Council member says port hid payments\n\nA council member said the Kellan port authority hid payments "
             "to dredging firms from the city council for three years.\n\nThe port authority again denied that it "
             "hid payments from the council.\n\nThe regional prosecutor would neither confirm nor deny an "
             "investigation of the port.",
}


@pytest.fixture(scope="module")
def audit(tmp_path_factory):
    return _analyse(tmp_path_factory.mktemp("audit"), AUDIT)


def test_new_details_against_nothing_new_is_a_dispute(audit):
    novelty = [c for c in audit.conflicts if c.about == "whether what was disclosed is new"]
    assert len(novelty) == 1
    names = {a.id: Path(a.source).name for a in audit.articles}
    assert [sorted({names[e.article] for e in side.evidence}) for side in novelty[0].sides] == [["u.txt"], ["v.txt"]]


def test_a_denial_reported_twice_is_one_dispute(audit):
    denials = [c for c in audit.conflicts if c.kind == "denial"]
    assert len(denials) == 1
    denying = [e.text for e in denials[0].sides[1].evidence]
    assert len(denying) == 2 and all("denied that it hid payments" in t for t in denying)
    assert any("hid payments to dredging firms" in e.text for e in denials[0].sides[0].evidence)


def test_neither_confirm_nor_deny_and_no_fraud_beside_its_allegation_are_no_conflicts(audit):
    texts = [e.text for c in audit.conflicts for side in c.sides for e in side.evidence]
    assert not any("neither confirm" in t for t in texts)
    assert not _sides(audit, "status")


def test_the_lead_that_titles_an_event_is_the_storys_first_paragraph_not_its_front_matter():
    from newsprism.title import _lead_clause

    body = ("\"We will not be moved,\" the protesters chanted.\n\n"
            "Harbour workers, left, and their families at the gates on Friday.\n\n"
            "Dock workers in Kellan walked out on Friday over a pay offer they called an insult, halting "
            "cargo traffic at the region's busiest port for the first time in a decade.")
    assert _lead_clause(body) == "Dock workers in Kellan walked out on Friday over a pay offer they called an insult"
    assert _lead_clause("The agency presented on Monday what it said was evidence that the company had kept "
                        "trading with the sanctioned firm after signing the settlement with regulators.") \
        == "The agency presented on Monday what it said was evidence that the company had kept trading with the " \
           "sanctioned firm"
    # A "said" that is the lead's own verb is no place to cut; one closing an attribution is.
    lead = _lead_clause("President Harlan Mercer on Thursday said the United States would impose 25% tariffs on $50 "
                        "billion of imports from Karelia starting next month, prompting Karelia to vow countermeasures.")
    assert lead != "President Harlan Mercer on Thursday"
    assert _lead_clause("The strike that halted the port for a week and stranded hundreds of ships will end on Monday, "
                        "union officials said in a statement on Friday after talks that ran through the night.") == \
        "The strike that halted the port for a week and stranded hundreds of ships will end on Monday"



def test_a_lead_is_cut_at_a_clause_not_inside_the_phrase_a_verb_needs():
    """A long lead is cut to its first clause: "as" starts one after "voted ... for decades" ("as costs
    rose"), not after "act" or "confirmed", whose sense needs what follows it."""
    from newsprism.title import _lead_clause

    assert _lead_clause("The governor on Tuesday ordered the national guard to act as firefighters in three "
                        "northern counties, a day after the evacuation began.") \
        == "The governor on Tuesday ordered the national guard to act as firefighters in three northern counties"
    assert _lead_clause("The council voted on Tuesday to close the riverside plant that has employed most of the "
                        "town for decades as costs rose and orders fell.") \
        == "The council voted on Tuesday to close the riverside plant that has employed most of the town for decades"
    assert _lead_clause("The former finance minister was confirmed as head of the central bank by a narrow vote in "
                        "parliament on Thursday after a long and bitter debate.") \
        == "The former finance minister was confirmed as head of the central bank by a narrow vote in parliament on " \
           "Thursday"

CHEERS = {
    "x.txt": "Club wins the cup\n\nKellan Rovers won the county cup on Saturday, beating Harlow 2-1 in extra time.\n\n"
             "The club's owner posted on social media after the final whistle:\n\nWOW!\n\n"
             "Will anyone stop us now?\n\nCaptain Marta Lind scored 14 goals for Kellan Rovers this season.\n\n"
             "Captain Marta Lind scored 14 goals for Kellan Rovers this season.",
    "y.txt": "Rovers lift county cup\n\nKellan Rovers beat Harlow 2-1 after extra time to win the county cup on "
             "Saturday.\n\nThe owner celebrated online:\n\nWOW!\n\nWill anyone stop us now?\n\n"
             "A parade is planned for Monday.",
}


def test_an_exclamation_or_question_quoted_by_two_outlets_is_no_fact_and_a_repeated_paragraph_one_claim(tmp_path):
    from newsprism.brief import brief

    analysis = _analyse(tmp_path, CHEERS)
    texts = [f.text for f in analysis.alignment.facts]
    assert not any(t.strip("“”\" ") in {"WOW!", "Who could have believed this?"} for t in texts), texts
    assert any("county cup" in f.text and len(f.articles) == 2 for f in analysis.alignment.facts)
    singles = [f.text for f in brief(analysis).single.get(analysis.articles[0].id, ())]
    assert len(singles) == len(set(singles))


def test_what_outlets_agree_on_inside_one_side_of_a_dispute_is_not_listed_as_agreed(audit):
    from newsprism.brief import brief

    spans = [(e.article, e.start, e.end) for c in audit.conflicts for side in c.sides for e in side.evidence]
    for fact in brief(audit).agreed:
        assert not all(any(e.article == a and e.start < end and s < e.end for a, s, end in spans)
                       for e in fact.evidence), fact.to_record()


LEAK = {
    "m.txt": "Ministry accused over budget\n\nThe finance ministry leaked the draft budget to two newspapers on Sunday, "
             "opposition leaders said.\n\nThe budget will be presented to parliament on Wednesday.",
    "n.txt": "Ministry answers critics\n\nThe finance ministry does not leak draft budgets to newspapers, its "
             "spokesman said on Monday.\n\nThe budget will be presented to parliament on Wednesday.",
}


def test_did_against_does_not_is_a_status_conflict_whatever_the_verbs_ending(tmp_path):
    analysis = _analyse(tmp_path, LEAK)
    assert _disputes(analysis, "status") == [[("m.txt",), ("n.txt",)]]


DAM = {
    "p.txt": "Dam report handed to council\n\nThe Harlow Water Board released the safety report on the Kellan dam to "
             "the county council on Tuesday.\n\nThe dam holds back the Kellan reservoir above the town.",
    "q.txt": "Engineers' dam report made public\n\nThe safety report on the Kellan dam was released by Greenline "
             "Engineers on Tuesday evening.\n\nThe dam holds back the Kellan reservoir above the town.",
    "r.txt": "Council receives dam report\n\nThe county council said the Kellan dam is safe for another winter.\n\n"
             "The safety report on the Kellan dam was released to the county council on Tuesday.",
}


def test_one_deed_with_two_named_doers_is_an_attribution_dispute(tmp_path):
    analysis = _analyse(tmp_path, DAM)
    # r.txt names no doer: it agrees with both, and "said" is no deed.
    assert _disputes(analysis, "attribution") == [[("p.txt",), ("q.txt",)]]


VOICES = {
    "u.txt": "Pension talks to begin\n\nThe labour minister said she was willing to negotiate with the unions on "
             "raising the pension age next year.\n\nSome argue that the minister only wanted to use the "
             "negotiations to delay the strike, never intending to raise the pension age.\n\n"
             "The minister said she began recording her meetings with the union leaders from the first week of "
             "the dispute.\n\nShe chose not to record conversations with her own party's backbenchers.",
    "v.txt": "Unions agree to talks\n\nThe unions will meet the labour minister on Monday to discuss the pension "
             "age.\n\nA strike planned for March has been postponed.",
}


def test_one_report_setting_two_voices_against_each_other_is_a_dispute_but_not_one_voice_on_two_things(tmp_path):
    analysis = _analyse(tmp_path, VOICES)
    status = [c for c in analysis.conflicts if c.kind == "status"]
    texts = [[e.text for e in side.evidence] for c in status for side in c.sides]
    assert any("willing to negotiate" in t for side in texts for t in side), texts
    assert any("never intending" in t for side in texts for t in side), texts
    assert not any("chose not to record" in t for side in texts for t in side), texts


FESTIVAL = {
    "f.txt": "Summer festival called off\n\nThe organisers said they cancelled the Riverside summer festival because "
             "of the flooding at the park.\n\nThe festival had been due to open on Friday.",
    "g.txt": "Festival cancelled amid money row\n\nLocal traders said the organisers cancelled the Riverside summer "
             "festival because of unpaid security bills.\n\nThe festival had been due to open on Friday.",
    "h.txt": "No festival this year\n\nThe organisers cancelled the Riverside summer festival after the flooding "
             "at the park, due to the flooding damage.\n\nTickets will be refunded.",
}


def test_one_deed_given_two_different_reasons_is_a_dispute_and_one_reason_twice_is_not(tmp_path):
    analysis = _analyse(tmp_path, FESTIVAL)
    sides = _disputes(analysis, "attribution")
    assert sides == [[("f.txt", "h.txt"), ("g.txt",)]], sides


INQUIRY = {
    "s.txt": "Council leader's notes released\n\nThe notes show the council leader wanted the harbour contract fully "
             "investigated by the auditors, his deputy said on Friday.\n\nThe harbour contract was signed in 2019.",
    "t.txt": "Notes raise questions over harbour deal\n\nCritics said the notes show the council leader wanted to end "
             "the auditors' investigation of the harbour contract.\n\nThe harbour contract was signed in 2019.",
    "w.txt": "Search for missing climber called off\n\nVolunteers searched the Kellan ridge for the missing climber on "
             "Monday.\n\nMountain police ended the search for the missing climber on the Kellan ridge on Tuesday.",
}


def test_wanting_something_done_against_wanting_it_ended_is_a_dispute_but_ending_what_was_done_is_not(tmp_path):
    analysis = _analyse(tmp_path, INQUIRY)
    status = _disputes(analysis, "status")
    assert status == [[("s.txt",), ("t.txt",)]], status


# Confirmed and unconfirmed, but not the same thing: no dispute.
FIRE = {
    "m1.txt": "Two die in warehouse fire\n\nPolice confirmed that two people died in the fire at the Kellan "
              "warehouse on Sunday.\n\nOfficials confirmed the road by the warehouse will reopen on Monday.",
    "m2.txt": "Warehouse fire victims not yet named\n\nThe identities of the two people who died in the Kellan "
              "warehouse fire have not been confirmed.\n\nThe cause of the fire has not been confirmed.",
}
FOOTAGE = {
    "j.txt": "Police back video of stadium attack\n\nPolice confirmed that the video posted online shows the attack "
             "outside the Kellan stadium on Saturday night.\n\nTwo men were arrested on Sunday.",
    "k.txt": "Questions over stadium attack video\n\nIt was unclear whether police had verified that the video posted "
             "online shows the attack outside the Kellan stadium.\n\nTwo men were arrested on Sunday.",
    "l.txt": "Stadium reopens\n\nThe Kellan stadium reopened on Monday with extra stewards.\n\nUnverified rumours "
             "about ticket prices spread on social media.\n\nThe cause of Friday's power cut at the stadium has "
             "not been confirmed.",
}


def test_confirmed_against_unclear_whether_verified_is_a_dispute(tmp_path):
    analysis = _analyse(tmp_path, {**FOOTAGE, **FIRE})
    verified = [c for c in analysis.conflicts if c.about == "whether it has been verified"]
    assert [sorted({Path(a.source).name for a in analysis.articles for e in side.evidence if e.article == a.id})
            for c in verified for side in c.sides] == [["j.txt"], ["k.txt"]], verified


CORRECTION = {
    "c1.txt": "Ministry statement on reservoir\n\nThe ministry's statement said, \"The reservoir is safe for the coming "
              "winter and the dam needs no repairs.\"\n\nMinistry officials later said that was a typo and that it "
              "should have said \"The reservoir was safe\" last winter.\n\nThe minister said, \"Further details will "
              "be set out next week.\"",
    "c2.txt": "Reservoir declared safe\n\n\"The reservoir is safe for the coming winter and the dam needs no repairs,\" "
              "the ministry said in a statement.\n\nThe minister said, \"Further details would be set out next "
              "week.\"",
}


def test_a_corrected_quotation_is_an_attribution_dispute_but_one_word_transcribed_otherwise_is_not(tmp_path):
    analysis = _analyse(tmp_path, CORRECTION)
    wording = [c for c in analysis.conflicts if c.about.startswith("the wording of")]
    assert len(wording) == 1, [c.about for c in analysis.conflicts]
    texts = [[e.text for e in side.evidence] for side in wording[0].sides]
    assert any("typo" in t for side in texts for t in side) and any("needs no repairs" in t for t in texts[0] + texts[1])
    assert not any("Further details" in t for side in texts for t in side)


def test_two_offices_of_one_government_doing_one_deed_are_no_attribution_dispute(tmp_path):
    analysis = _analyse(tmp_path, {
        "g1.txt": "Trade figures out\n\nThe White House released the quarterly trade figures on Monday morning.\n\n"
                  "Exports rose for a third quarter.",
        "g2.txt": "Exports up again\n\nThe quarterly trade figures were released by the State Department on Monday "
                  "morning.\n\nExports rose for a third quarter.",
    })
    assert _sides(analysis, "attribution") == []


def test_one_verb_done_to_two_things_for_two_reasons_is_no_dispute(tmp_path):
    analysis = _analyse(tmp_path, {
        "h1.txt": "Storm closes schools\n\nThe county closed all schools on Tuesday because of the storm warning.\n\n"
                  "Forecasters expect winds of 120 km/h.",
        "h2.txt": "Roads shut as storm nears\n\nThe county closed the coast road on Tuesday because of fallen trees.\n\n"
                  "Forecasters expect winds of 120 km/h.",
    })
    assert _sides(analysis, "attribution") == []


PLANT = {
    "a.txt": "Fire halts car plant\n\nThe carmaker stopped production at its Leeds plant on Monday after a fire "
             "damaged the paint shop, the company said.\n\nAbout 900 workers were sent home.\n\nInspectors from "
             "the safety agency published their report on the fire on Thursday.",
    "b.txt": "Leeds car plant shut by fire\n\nProduction at the carmaker's Leeds plant was stopped on Monday after "
             "a fire in the paint shop.\n\nThe carmaker will resume production at its Leeds plant next week, a "
             "spokesman said.\n\nThe safety agency must publish its report on the fire, the union said.",
    "c.txt": "Carmaker to restart Leeds line\n\nThe carmaker will resume production at the Leeds plant next week "
             "after Monday's fire in the paint shop.\n\nThe safety agency published its report on the fire on "
             "Thursday.",
}


def test_opposite_deeds_and_a_demand_against_a_report_are_never_one_fact(tmp_path):
    """"stopped production" and "will resume production" are two facts, each agreed by two reports;
    "must publish its report" demands what "published its report" reports."""
    analysis = _analyse(tmp_path, PLANT)
    names = {a.id: Path(a.source).name for a in analysis.articles}
    facts = [{(names[e.article], e.text) for e in f.evidence} for f in analysis.alignment.facts
             if len(f.articles) > 1]
    holding = lambda words: [f for f in facts if any(all(w in t for w in words) for _, t in f)]
    stopped, resumed = holding(("stopped",)), holding(("resume",))
    assert stopped and resumed  # each is a fact of its own ...
    assert not [f for f in stopped if f in resumed]  # ... never one
    published = holding(("published",))
    assert published and not [f for f in published if any("must" in t for _, t in f)]


GRANTS = {
    "a.txt": "Audit of housing grants released\n\nThe city auditor released her review of the housing grant "
             "program on Tuesday.\n\nThe mayor said the audit shows clearly that there was no fraud in the "
             "housing grant program.\n\nThe review covered 1,200 grants paid since 2019.",
    "b.txt": "Council calls housing audit damning\n\nThe city auditor's review of the housing grant program was "
             "made public on Tuesday.\n\nCouncil members said the findings are evidence of fraud in the housing "
             "grant program.\n\nThe auditor will present the review to the council next week.",
    "c.txt": "Housing audit is out\n\nThe auditor's review of the housing grant program came out on Tuesday.\n\n"
             "The records prove the developer lied when he said there was never fraud in his grants, the auditor "
             "wrote.\n\n"
             "The review shows that most housing grants were paid on time.",
}


def test_shows_no_fraud_against_evidence_of_fraud_is_a_dispute_but_not_an_accusation_of_lying(tmp_path):
    analysis = _analyse(tmp_path, GRANTS)
    shown = [c for c in analysis.conflicts if c.about.startswith("whether it shows")]
    assert [c.about for c in shown] == ["whether it shows fraud"]
    assert _disputes(analysis, "characterisation") == [[("a.txt",), ("b.txt",)]]
    # "prove the developer lied when he said there was never fraud" asserts the fraud: on no side of anything.
    assert not [c for c in analysis.conflicts for side in c.sides for e in side.evidence if "lied" in e.text]


VISIT = {
    "a.txt": "Minister to visit Canada\n\nThe foreign minister will make a working visit to Ottawa in May rather than a "
             "state visit, her office said.\n\nShe will meet the prime minister and business leaders.",
    "b.txt": "Foreign minister heads to Ottawa\n\nThe foreign minister's trip to Ottawa in May will not be a state "
             "visit, officials said.\n\nTalks will cover trade and energy.",
    "c.txt": "Ottawa trip confirmed\n\nThe foreign minister's trip to Ottawa in May will fall short of a state "
             "visit, diplomats said.\n\nProtests are planned outside parliament.",
}


def test_rather_than_and_short_of_deny_what_follows_as_not_does(tmp_path):
    """"a working visit rather than a state visit" and "will fall short of a state visit" each say what
    "will not be a state visit" says: one fact with it, and no dispute."""
    for pair in (("a.txt", "b.txt"), ("b.txt", "c.txt")):
        folder = tmp_path / "-".join(pair)
        folder.mkdir()
        analysis = _analyse(folder, {name: VISIT[name] for name in pair})
        names = {a.id: Path(a.source).name for a in analysis.articles}
        holding = [sorted({names[e.article] for e in f.evidence}) for f in analysis.alignment.facts
                   if any("state visit" in e.text for e in f.evidence)]
        assert list(pair) in holding, pair
        assert not _disputes(analysis, "status")


FLIGHTS = {
    "a.txt": "Airline halts Kabul route\n\nThe airline will suspend its flights to Kabul from Monday, a spokesman "
             "said.\n\nPassengers with tickets will be offered refunds.",
    "b.txt": "No more Kabul flights\n\nThe airline will no longer fly to Kabul from Monday, the company said.\n\n"
             "The route had been running since 2019.",
    "c.txt": "Airline adds Kabul flights\n\nThe airline ran extra flights to Kabul on Sunday, the company said.\n\n"
             "Seats sold out within hours.",
}


def test_what_is_said_to_stop_agrees_with_no_longer_and_differs_from_what_was_done(tmp_path):
    """"will suspend its flights to Kabul" and "will no longer fly to Kabul" are one fact; "ran extra flights
    to Kabul" is another, never in it."""
    analysis = _analyse(tmp_path, FLIGHTS)
    names = {a.id: Path(a.source).name for a in analysis.articles}
    facts = [{names[e.article]: e.text for e in f.evidence} for f in analysis.alignment.facts]
    suspended = [f for f in facts if "suspend" in f.get("a.txt", "")]
    assert any("no longer" in f.get("b.txt", "") for f in suspended)
    assert not any("extra flights" in f.get("c.txt", "") for f in suspended)


REACTOR = {
    "u.txt": "Old reactor files released\n\nThe archive shows the Karsk reactor programme was abandoned in 1998, "
             "the ministry said.\n\nThe files were released on Tuesday after a court ruling.\n\n"
             "A new research reactor opened in 2016.",
    "v.txt": "Reactor archive made public\n\nAccording to the released archive, engineers abandoned the Karsk reactor "
             "programme in 2001.\n\nThe files were released on Tuesday after a court ruling.\n\n"
             "The ministry built its first power station in 1975.",
    "w.txt": "Court orders archive released\n\nA court ordered the ministry to release the Karsk reactor files, "
             "which it did on Tuesday.\n\nLawyers for the ministry said the ruling would be appealed.",
}


@pytest.fixture(scope="module")
def reactor(tmp_path_factory):
    return _analyse(tmp_path_factory.mktemp("reactor"), REACTOR)


def test_one_thing_dated_to_two_years_is_a_numeric_conflict(reactor):
    """'abandoned in 1998' / 'abandoned in 2001': one dispute; the other years (a reactor opened in 2016,
    a power station built in 1975) date different things and raise none."""
    numeric = [c for c in reactor.conflicts if c.kind == "numeric"]
    assert _disputes(reactor, "numeric") == [[("u.txt",), ("v.txt",)]]
    assert numeric[0].about == "when it happened: 1998 or 2001"


# Many against a few behind one thing, and the cues that alone say nothing.
QUARRY = {
    "q1.txt": "Quarry plan shelved\n\nThe council has shelved the Kellan quarry plan in the face of widespread "
              "public and political opposition.\n\nThe quarry would have employed 40 people.",
    "q2.txt": "Quarry plan on hold\n\nThe threat of protests from a handful of far-left activists appeared to shelve "
              "the Kellan quarry plan.\n\nThe quarry would have employed 40 people.",
    "q3.txt": "Harbour festival a success\n\nThe harbour festival drew widespread praise from visitors on Sunday.\n\n"
              "A small group of volunteers cleaned the beach on Monday.",
}


def test_many_against_a_few_behind_one_thing_is_a_scope_dispute_but_either_cue_alone_is_not(tmp_path):
    analysis = _analyse(tmp_path, QUARRY)
    scope = _disputes(analysis, "scope")
    assert scope == [[("q1.txt",), ("q2.txt",)]], scope


# A strike told by a wire story, its copy and two other reports: a vague count against a figure, two counts
# of different things, the same dispute through a wire copy, and "dispute" as a noun.
STRIKE = {
    "w1.txt": "Dockworkers walk out at Halvard port\n\nHALVARD, Norland (AP) — Thousands of dockworkers walked off "
              "the job at the Port of Halvard on Tuesday after talks over safety staffing collapsed.\n\n"
              "The Union of Port Workers said 12,000 members joined the strike.\n\n"
              "The dispute centers on a plan by the terminal operator Nordcrane to reduce safety officers on each shift.",
    "w2.txt": "Strike halts Norland's busiest port\n\nHALVARD, Norland (AP) — Thousands of dockworkers walked off "
              "the job at the Port of Halvard on Tuesday after talks over safety staffing collapsed.\n\n"
              "The Union of Port Workers said 12,000 members joined the strike.",
    "p.txt": "Port workers strike over safety crews\n\nTwelve thousand dockworkers shut down the Port of Halvard on "
             "Tuesday, walking out over Nordcrane's plan to reduce safety officers on each shift.",
    "h.txt": "Union paralyzes Halvard port\n\nUnion activists shut down the Port of Halvard on Tuesday, stranding 60 "
             "cargo ships at anchor.\n\nOnly about 4,500 workers joined the walkout, according to the port "
             "authority, far fewer than the union claimed.",
}


@pytest.fixture(scope="module")
def strike(tmp_path_factory):
    return _analyse(tmp_path_factory.mktemp("strike"), STRIKE)


def test_a_vague_count_and_a_figure_it_allows_are_no_dispute_nor_counts_of_two_things(strike):
    numeric = _disputes(strike, "numeric")
    # "Thousands of dockworkers" allows 12,000; 12,000 dockworkers and 60 ships count two things.
    assert [("p.txt",), ("w1.txt", "w2.txt")] not in numeric
    assert [("h.txt",), ("p.txt",)] not in numeric


def test_one_dispute_through_a_wire_copy_is_one_conflict_with_the_copy_beside_the_original(strike):
    # 4,500 workers (the port authority) against 12,000 members (the union), as the wire and its copy report it.
    assert _disputes(strike, "numeric") == [[("h.txt",), ("w1.txt", "w2.txt")]]


def test_a_dispute_named_as_a_noun_is_no_denial(strike):
    # "The dispute centers on a plan ... to reduce safety officers" reports the plan; it denies nothing.
    assert _disputes(strike, "denial") == []


# What one report says will happen and another says was left open.
TALKS = {
    "t1.txt": "Mediators to meet port union\n\nGovernment mediators will meet the dockworkers' union and the terminal "
              "operator on Thursday.\n\nA union official said on Wednesday that the union would attend the talks.",
    "t2.txt": "Port strike drags on\n\nGovernment mediators will meet the dockworkers' union and the terminal operator "
              "on Thursday.\n\nThe union has refused to say whether it would attend the talks.",
}


def test_what_one_report_asserts_and_another_says_was_left_open_is_never_one_fact(tmp_path):
    analysis = _analyse(tmp_path, TALKS)
    joined = [f for f in analysis.alignment.facts if len(f.articles) > 1
              and any("attend" in e.text for e in f.evidence)]
    assert not joined, [[e.text for e in f.evidence] for f in joined]
    # The meeting both report is one fact.
    assert any(len(f.articles) == 2 and all("mediators will meet" in e.text for e in f.evidence)
               for f in analysis.alignment.facts)


def test_shutting_a_place_down_agrees_with_a_report_naming_it_as_where_the_walkout_happened(strike):
    """"shut down the Port of Halvard" says the port stopped; "walked off the job at the Port of Halvard" names
    it as the place, and asserts nothing about it going on: one fact, the strike."""
    names = {a.id: Path(a.source).name for a in strike.articles}
    assert any({"p.txt", "w1.txt"} <= {names[e.article] for e in f.evidence}
               and any("shut down the Port" in e.text for e in f.evidence) for f in strike.alignment.facts)


# A deed one report states and another casts doubt on; doubt on a name is no doubt on a deed.
SCHOOLS = {
    "g.txt": "Quake toll rises\n\n\"Every school in Oren was inspected last year,\" a government spokesman said.\n\n"
             "The so-called Green Zone of the capital was reopened on Monday.",
    "v.txt": "Neglect blamed for collapses\n\nThe so-called inspections of Oren schools were a paper exercise, according "
             "to engineers.\n\nThe Green Zone of the capital was reopened on Monday.",
}


def test_doubt_cast_on_a_reported_deed_is_a_dispute_never_one_fact(tmp_path):
    analysis = _analyse(tmp_path, SCHOOLS)
    assert _disputes(analysis, "characterisation") == [[("g.txt",), ("v.txt",)]]
    joined = [f for f in analysis.alignment.facts if len(f.articles) > 1]
    assert not [f for f in joined if any("inspect" in e.text for e in f.evidence)]
    # "the so-called Green Zone" doubts a name, not the reopening both report.
    assert any(all("Green Zone" in e.text for e in f.evidence) for f in joined)


def test_a_so_called_term_introduced_with_a_is_no_doubt():
    from newsprism.links import doubted_words

    assert doubted_words("The visit is expected to be a so-called working visit.") == set()
    assert doubted_words("The so-called inspections were a paper exercise.") == {"inspe"}


def test_two_readings_of_one_scale_written_to_a_tenth_are_a_numeric_dispute():
    from functools import partial
    from types import SimpleNamespace

    from newsprism.conflicts import _compatible, figure_about

    Q = partial(SimpleNamespace, of="magnitude")

    six_eight, six_six = (Q(text=t, value=float(t), approx="exact", high=None) for t in ("6.8", "6.6"))
    assert not _compatible(six_eight, six_six)  # within 5 % of each other, but written to a tenth
    assert _compatible(Q(text="1.8 million", value=1.8e6, approx="exact", high=None),
                       Q(text="1.75 million", value=1.75e6, approx="exact", high=None))
    assert figure_about("magnitude") == "the magnitude" and figure_about("files") == "the number of files"


# A status one report gives and another denies, where the parse hangs the first clause on the wrong noun.
FIX = {
    "f1.txt": "Streaming service hacked\n\nStreamly said the flaw that the attackers used has been fixed.\n\n"
              "Customers will be asked to reset their passwords.",
    "f2.txt": "Streamly still exposed\n\nSecurity experts warned on Wednesday that the flaw used in the Streamly hack "
              "has not been fixed, leaving millions of accounts at risk.\n\nRegulators opened an inquiry.",
}


def test_fixed_against_not_fixed_is_a_status_dispute_named_by_what_was_fixed(tmp_path):
    analysis = _analyse(tmp_path, FIX)
    status = [c for c in analysis.conflicts if c.kind == "status"]
    assert _disputes(analysis, "status") == [[("f1.txt",), ("f2.txt",)]]
    assert status[0].about == "whether the flaw that the attackers used has been fixed"


# "would" in reported speech is what was said of the future; a relative clause aside denies nothing.
APPEAL = {
    "j1.txt": "Former mayor jailed\n\nHalm, who has denied all charges, will appeal, his lawyer Karel Zed told "
              "reporters outside the courthouse.\n\nThe court sentenced him on Friday.",
    "j2.txt": "Halm verdict\n\nHalm's lawyer Karel Zed said the defence would not appeal because the courts are "
              "captured.\n\nSupporters gathered outside the courthouse.",
}


def test_will_appeal_against_said_would_not_appeal_is_a_status_dispute(tmp_path):
    analysis = _analyse(tmp_path, APPEAL)
    assert _disputes(analysis, "status") == [[("j1.txt",), ("j2.txt",)]]
    assert [c.about for c in analysis.conflicts if c.kind == "status"] == ["whether Halm will appeal"]


def test_would_is_hypothetical_only_outside_reported_speech():
    from newsprism.contradictions import _hypothetical

    assert not _hypothetical("His lawyer said he would appeal.")
    assert _hypothetical("The deal would collapse if Iran cheated.")
    assert _hypothetical("It would be a mistake, she said.")


def test_a_figure_is_read_to_the_digit_it_is_written_to():
    from functools import partial
    from types import SimpleNamespace

    from newsprism.conflicts import _compatible

    Q = partial(SimpleNamespace, of="people")

    exact = lambda text, value: Q(text=text, value=value, approx="exact", high=None)
    assert not _compatible(exact("38", 38.0), exact("36", 36.0))  # within 5 %, but two figures
    assert _compatible(exact("300", 300.0), exact("310", 310.0))  # a round figure keeps its 5 %
    assert _compatible(exact("2,000", 2000.0), exact("2,100", 2100.0))


# A change's starting figure is no figure of what the report says now.
TURNOUT = {
    "x.txt": "Ruling party wins vote\n\nTurnout was 61 percent, down from 67 percent in 2022, the electoral "
             "commission said.\n\nCoalition talks begin next week.",
    "y.txt": "Voters stay home\n\nTurnout fell to 61 percent in Sunday's election, the electoral commission said.\n\n"
             "The opposition came second.",
    "z.txt": "Observers question count\n\nTurnout was 58 percent in Sunday's election, the observers said, not the "
             "figure the electoral commission gave.\n\nThe observers will publish a report.",
}


def test_the_figure_a_change_starts_from_is_not_set_against_the_figure_now(tmp_path):
    analysis = _analyse(tmp_path, TURNOUT)
    numeric = [c for c in analysis.conflicts if c.kind == "numeric"]
    assert all("67" not in c.explanation for c in numeric), [c.explanation for c in numeric]
    assert [sorted(map(tuple, s)) for s in _sides(analysis, "numeric")] == [[("x.txt", "y.txt"), ("z.txt",)]]


# Two different things counted under one noun, each disputed.
MARCH = {
    "m1.txt": "Thousands march against pension reform\n\nPolice said about 35,000 people joined the march on "
              "Saturday.\n\nEleven people were arrested after the march, a police spokesman said.",
    "m2.txt": "Pension march draws huge crowd\n\nOrganisers said 120,000 people joined the march on Saturday.\n\n"
              "At least 30 people were arrested after the march, the organisers said.",
}


def test_two_things_counted_under_one_noun_are_two_disputes_not_one(tmp_path):
    analysis = _analyse(tmp_path, MARCH)
    numeric = [c for c in analysis.conflicts if c.kind == "numeric"]
    # 11 against 30 arrested, 35,000 against 120,000 marching: never 35,000 against 30, never all four.
    assert sorted(c.explanation for c in numeric) == ["Eleven (m1.txt); At least 30 (m2.txt)",
                                                      "about 35,000 (m1.txt); 120,000 (m2.txt)"]


# A takeover in a small event: the deal's names are in nearly every sentence, so no word of them is rare.
TAKEOVER = {
    "r.txt": "Halvorsen Foods to buy Brightwater Dairy in $3.2 billion deal\n\nOSLO, March 3, 2026 (Reuters) - Halvorsen "
             "Foods agreed on Tuesday to buy Brightwater Dairy for $3.2 billion in cash, creating the largest dairy "
             "group in northern Europe.\n\nThe deal still needs the approval of competition regulators in Norway and "
             "Sweden, the companies said in a joint statement.\n\nBrightwater shareholders will receive 42 dollars a "
             "share, a premium of 28 percent to Monday's closing price.",
    "c.txt": "Another food giant gets bigger\n\nNorthern Standard, March 4, 2026\n\nHalvorsen Foods' $3.2 billion grab "
             "for Brightwater Dairy is the latest in a wave of food deals that has left shoppers paying more for less."
             "\n\nCompetition regulators in both countries approved the deal on Wednesday, the company said, a claim "
             "the Norwegian authority disputed.\n\nBrightwater's founder sold his 35 percent stake last year.",
    "m.txt": "Brightwater deal cleared in Sweden\n\nMarket Ledger, March 5, 2026\n\nThe Norwegian Competition "
             "Authority has not yet approved the deal and said it would decide within 90 days.\n\nHalvorsen shares "
             "rose 4 percent in Oslo on Thursday.",
}


@pytest.fixture(scope="module")
def takeover(tmp_path_factory):
    return _analyse(tmp_path_factory.mktemp("takeover"), TAKEOVER)


def test_the_same_figure_in_near_wording_is_one_fact_in_a_small_event(takeover):
    names = {a.id: Path(a.source).name for a in takeover.articles}
    assert any({"r.txt", "c.txt"} <= {names[e.article] for e in f.evidence}
               and all("$3.2 billion" in e.text for e in f.evidence) for f in takeover.alignment.facts)


def test_still_needing_an_approval_is_not_yet_having_it(takeover):
    # "still needs the approval" and "has not yet approved" against "approved ... on Wednesday": never one fact.
    names = {a.id: Path(a.source).name for a in takeover.articles}
    for fact in takeover.alignment.facts:
        files = {names[e.article] for e in fact.evidence if "appro" in e.text}
        assert not ("c.txt" in files and files & {"r.txt", "m.txt"}), [e.text for e in fact.evidence]


def test_a_claim_answered_by_its_own_closing_apposition_still_meets_a_report_that_it_is_not_so(takeover):
    # "..., Kestrel said, a claim the authority disputed." reports the approval; "has not yet approved" says it
    # is not so: a status dispute.
    assert [("c.txt",), ("m.txt",)] in _disputes(takeover, "status")


# A wildfire: counts in words and in figures, a cause one report gives and another says is unknown.
WILDFIRE = {
    "a.txt": "Wildfire forces 12,000 from homes near Pinecrest\n\nBy Maria Ortiz\n\nPINECREST, Aug. 14, 2026 (AP) "
             "— A fast-moving wildfire forced more than 12,000 residents to flee their homes near Pinecrest on "
             "Friday as strong winds pushed the flames toward the town.\n\nThe Ridge Fire has burned about 18,000 "
             "acres since it started on Wednesday afternoon, the state forestry agency said.\n\nTwo firefighters "
             "were killed on Thursday when their engine was overrun by flames, fire chief Dana Morris "
             "said.\n\n\"We are throwing everything we have at it,\" Morris told reporters.\n\nThe cause of the "
             "fire is under investigation.",
    "b.txt": "Ridge Fire: power line blamed as thousands flee\n\nValley Courier — 15 August 2026\n\nThe Ridge Fire "
             "was sparked by a power line owned by Westgrid Energy, according to two people familiar with the "
             "investigation.\n\nWestgrid said it was \"not aware of any involvement\" of its equipment and was "
             "cooperating with investigators.\n\nAbout 12,500 people have been evacuated, and 140 homes have been "
             "destroyed, county officials said on Saturday.\n\nOne firefighter died on Thursday and another was "
             "badly burned, the county sheriff's office said.\n\nThe fire has now burned more than 25,000 acres.",
    "c.txt": "Governor declares emergency as Ridge Fire grows\n\nState Capital News\nAugust 15, 2026\n\nGovernor "
             "Tom Reyes declared a state of emergency for Pine County on Saturday, a day after the Ridge Fire "
             "forced thousands of people from their homes.\n\n\"This is the worst fire this county has seen in a "
             "generation,\" Reyes said.\n\nInvestigators have not determined what started the fire, a spokesperson "
             "for the state forestry agency said.\n\nTwo firefighters lost their lives on Thursday fighting the "
             "blaze.\n\nReyes said the state would pay for temporary housing for families who lost their homes.",
    "d.txt": "Eco-extremist policies fueled the Ridge Fire disaster\n\nThe Frontier Post | Aug 15, 2026\n\nThe "
             "Ridge Fire, which has now destroyed more than 400 homes, is the predictable result of years of "
             "so-called \"forest protection\" rules that left dead trees to pile up.\n\nLocal ranchers said the "
             "state had refused to allow controlled burns on public land for a decade.\n\n\"They let the forest "
             "become a tinderbox,\" said rancher Bill Hayes.\n\nNearly 20,000 residents have been told to leave.",
}


@pytest.fixture(scope="module")
def wildfire(tmp_path_factory):
    return _analyse(tmp_path_factory.mktemp("wildfire"), WILDFIRE)


def test_a_count_written_in_words_is_a_figure_two_reports_share(wildfire):
    names = {a.id: Path(a.source).name for a in wildfire.articles}
    assert any({names[e.article] for e in f.evidence} == {"a.txt", "c.txt"}
               and all("Two firefighters" in e.text for e in f.evidence) for f in wildfire.alignment.facts)


def test_two_nouns_one_report_counts_apart_are_two_things_and_a_clause_meets_a_clause(wildfire):
    # b.txt counts acres and homes apart: "about 18,000 acres" and "more than 400 homes" count two things.
    # "140 homes have been destroyed" / "The Ridge Fire, which has now destroyed more than 400 homes, is the
    # predictable result of ..." meet in their clauses; "two people familiar with the investigation" counts
    # the report's sources, not "thousands of people" forced from their homes.
    assert sorted(_disputes(wildfire, "numeric")) == [[("a.txt",), ("b.txt",)], [("b.txt",), ("d.txt",)]]
    assert sorted(c.about for c in wildfire.conflicts if c.kind == "numeric") == [
        "the number of acres", "the number of homes"]


def test_a_cause_given_against_a_cause_not_known_is_a_dispute(wildfire):
    assert _disputes(wildfire, "attribution") == [[("a.txt", "c.txt"), ("b.txt",)]]
    assert [c.about for c in wildfire.conflicts if c.kind == "attribution"] == ["what caused the fire"]


def test_a_cause_of_one_thing_and_an_unknown_cause_of_another_are_no_dispute(tmp_path):
    analysis = _analyse(tmp_path, {
        "a.txt": "Storm hits coast\n\nThe delays at the port were caused by a strike of crane operators, the "
                 "harbour master said.\n\nThe storm flooded the coast road on Monday.",
        "b.txt": "Coast road flooded\n\nThe storm flooded the coast road on Monday.\n\nThe cause of the power cut in "
                 "the old town is under investigation.",
    })
    assert _disputes(analysis, "attribution") == []


def test_claiming_money_or_lives_asserts_nothing_a_later_denial_could_answer(tmp_path):
    analysis = _analyse(tmp_path, {
        "a.txt": "Minister fired\n\nThe prime minister sacked health minister Erik Larsen on Monday.\n\nLarsen "
                 "claimed 52,000 euros in expenses for the flat, according to documents seen by this newspaper.\n\n"
                 "A government spokesperson denied that Larsen had been fired and said he had chosen to step down.",
        "b.txt": "Larsen quits\n\nErik Larsen resigned as health minister on Monday.\n\nThe flood claimed two lives in "
                 "the north.\n\nOfficials denied that the north had been warned too late.",
    })
    assert _disputes(analysis, "denial") == []


def test_a_lead_cut_inside_an_aside_or_mid_clause_is_no_title(wildfire):
    from newsprism.title import _lead_clause, event_title

    # "The Ridge Fire, which has now destroyed more than 400 homes" has no verb for its subject; the whole
    # sentence is too long for a headline, and cutting it at a word count leaves no clause.
    assert _lead_clause("The Ridge Fire, which has now destroyed more than 400 homes, is the predictable result of "
                        "years of so-called forest protection rules that left dead trees to pile up.") == ""
    # "A fast-moving wildfire" opens the sentence: no dateline to take off.
    assert _lead_clause("A fast-moving wildfire forced more than 12,000 residents to flee.").startswith("A fast-moving")
    assert event_title(wildfire.articles) in {a.title for a in wildfire.articles}
    assert "which" not in event_title(wildfire.articles)


def test_none_against_a_figure_of_the_same_thing_is_a_numeric_dispute(tmp_path):
    analysis = _analyse(tmp_path, {
        "a.txt": "Airbag defect linked to deaths\n\nAt least three deaths have been linked to the faulty airbags, the "
                 "road safety agency said on Wednesday.\n\nThe agency has received 212 complaints.",
        "b.txt": "Carmaker rejects reports\n\nVelta said on Wednesday that no deaths had been confirmed as caused by "
                 "the airbag fault.\n\nThe carmaker is recalling 1.2 million cars. It gave no details.",
    })
    assert _disputes(analysis, "numeric") == [[("a.txt",), ("b.txt",)]]
    from newsprism.brief import brief

    rows = {r.thing: r for r in brief(analysis).numbers}
    assert rows["deaths"].disputed
    assert sorted(q.shown for q in rows["deaths"].quantities) == ["At least three", "none"]
    assert "none (" in next(c.explanation for c in analysis.conflicts if c.kind == "numeric")
    assert "details" not in rows  # a count of none alone is no row of figures


# A climate pledge: who signed, a refusal that agrees with "did not sign", a figure a demand names.
SUMMIT = {
    "a.txt": "Nations agree to cut methane emissions 30% by 2035\n\nGENEVA, Nov. 12, 2026 (AFP) — Representatives "
             "of 112 countries agreed on Thursday to cut methane emissions by 30 percent from 2020 levels by 2035, "
             "the United Nations said.\n\nChina and India did not sign the pledge.\n\n\"This is the most important "
             "climate step since Paris,\" UN climate chief Rosa Mendes told reporters.\n\nThe agreement is not "
             "legally binding.",
    "b.txt": "Methane pact falls short as big emitters stay out\n\nGreen Planet News\nNovember 13, 2026\n\nA "
             "methane pledge signed by more than 100 nations in Geneva on Thursday will do little unless the "
             "largest emitters join, scientists warned.\n\nThe pledge aims to cut emissions by 30 percent by 2035, "
             "but China, India and Russia refused to sign it.\n\n\"Without the biggest polluters, this is a press "
             "release, not a plan,\" said climate scientist Dr. Omar Said.\n\nEnvironmental groups had called for "
             "a cut of at least 45 percent.",
    "c.txt": "Methane deal: Washington signs on\n\nThe Capitol Ledger, Nov. 12, 2026\n\nThe United States joined "
             "110 other countries on Thursday in signing a pledge to reduce methane emissions by a third by "
             "2035.\n\nUS climate envoy Dan Ortiz said the deal would create jobs in the oil and gas industry, "
             "which will have to fix leaking pipes.\n\nIndia signed the pledge at the last minute, officials said.",
    "d.txt": "Globalists push methane scheme that will cost American jobs\n\nPatriot Daily | "
             "2026-11-13\n\nUnelected UN bureaucrats have pressured more than 100 governments into a so-called "
             "\"methane pledge\" that will shut down American farms and drive up energy prices.\n\nThe pledge "
             "requires cutting emissions 30% by 2035.\n\n\"This is a war on farmers,\" said Senator Jim "
             "Blake.\n\nExperts say China, the world's biggest emitter, will simply ignore it.",
}


@pytest.fixture(scope="module")
def summit(tmp_path_factory):
    return _analyse(tmp_path_factory.mktemp("summit"), SUMMIT)


def test_refusing_to_sign_agrees_with_not_signing_and_signing_disputes_both(summit):
    # "China, India and Russia refused to sign it" says what "China and India did not sign the pledge" says;
    # "India signed the pledge at the last minute" says otherwise (one rare word, sentences at cosine 0.69).
    assert _disputes(summit, "status") == [[("a.txt",), ("c.txt",)]]


def test_a_figure_someone_calls_for_is_no_figure_of_what_was_agreed(summit):
    # "had called for a cut of at least 45 percent" against "requires cutting emissions 30%".
    assert _disputes(summit, "numeric") == []


def test_one_match_seen_from_each_side_is_one_fact(tmp_path):
    # "won" and "lost" undo each other only for one doer: the winner's win is the loser's loss.
    analysis = _analyse(tmp_path, {
        "a.txt": "Harbor City win cup\n\nLISBON, May 30, 2026 (AP) — Harbor City won the Continental Cup on Saturday, "
                 "beating Porto Azul 2-1 after extra time in front of 62,000 fans.\n\nLeo Brandt scored the winner.",
        "b.txt": "Porto Azul fans fume\n\nPorto Azul lost the Continental Cup final 2-1 to Harbor City after extra time "
                 "on Saturday, and their supporters blamed the referee.\n\nAbout 58,000 fans watched the final.",
    })
    assert any(len(f.articles) == 2 and {"won", "lost"} <= {w for e in f.evidence for w in e.text.split()}
               for f in analysis.alignment.facts)


def test_two_lengths_of_one_study_are_a_numeric_dispute_but_dates_in_days_are_not(tmp_path):
    analysis = _analyse(tmp_path, {
        "a.txt": "Daily walk cuts heart risk\n\nA study of 12,000 adults found that walking cuts the risk of a heart "
                 "attack.\n\nThe study followed the adults for ten years.\n\nIt was published two days ago.",
        "b.txt": "Walking slashes heart risk\n\nA brisk daily walk can cut the risk of a heart attack, researchers "
                 "said.\n\nThe study, which tracked 12,500 people over eight years, was funded by a sportswear "
                 "company.\n\nThe results were released five days ago.",
    })
    assert [c.about for c in analysis.conflicts if c.kind == "numeric"] == ["the number of years"]
    assert _disputes(analysis, "numeric") == [[("a.txt",), ("b.txt",)]]


def test_one_count_approximated_apart_is_one_fact(tmp_path):
    # "More than 12,000" and "About 12,500": figures a tenth apart are one count rounded two ways; 40,000 and
    # 52,000 are not.
    analysis = _analyse(tmp_path, {
        "a.txt": "Fire forces thousands out\n\nMore than 12,000 residents fled their homes near Pinecrest on Friday "
                 "as the fire spread.\n\nThe minister claimed 40,000 euros for his flat.",
        "b.txt": "Residents flee fire\n\nAbout 12,500 residents fled their homes near Pinecrest on Friday as the fire "
                 "spread.\n\nThe minister claimed 52,000 euros for his flat.",
    })
    joined = [{re.search(r"\d[\d,]*", e.text).group() for e in f.evidence if re.search(r"\d", e.text)}
              for f in analysis.alignment.facts if len(f.articles) == 2]
    assert {"12,000", "12,500"} in joined
    assert not any("euros" in e.text for f in analysis.alignment.facts if len(f.articles) == 2 for e in f.evidence)


def test_about_a_figure_and_nearly_another_are_a_numeric_dispute_when_they_cannot_meet(tmp_path):
    analysis = _analyse(tmp_path, {
        "a.txt": "Agents detain workers\n\nFederal immigration agents detained about 150 workers at a meat processing "
                 "plant in central Ohio on Tuesday, officials said.\n\nThe plant employs 900 people.",
        "b.txt": "ICE raid in Ohio\n\nMasked agents stormed a meatpacking plant in central Ohio on Tuesday, arresting "
                 "nearly 200 workers.\n\nChildren were left stranded at school.",
        "c.txt": "Plant raided\n\nAgents detained nearly 160 workers at an Ohio meat plant on Tuesday.\n\nThe owner "
                 "declined to comment.",
    })
    # "about 150" (135-165) and "nearly 200" (170-200) cannot both be the count; "nearly 160" meets "about 150".
    assert _disputes(analysis, "numeric") == [[("a.txt", "c.txt"), ("b.txt",)]]


def test_one_crowd_counted_by_police_and_organisers_under_two_nouns_is_one_dispute(tmp_path):
    analysis = _analyse(tmp_path, {
        "a.txt": "March against security law\n\nThousands marched through Valmora on Saturday.\n\nPolice said about 5,000 "
                 "people took part, while organisers put the turnout at 50,000.",
        "b.txt": "Huge crowds reject gag law\n\nAround 50,000 people filled the streets of Valmora on Saturday in the "
                 "largest protest in a decade, according to organisers.",
        "c.txt": "Small protest fails\n\nOnly about 5,000 protesters gathered in Valmora on Saturday, police said, far "
                 "fewer than organisers had hoped.",
    })
    numeric = [c for c in analysis.conflicts if c.kind == "numeric"]
    assert len(numeric) == 1, [c.about for c in numeric]
    assert sorted(_disputes(analysis, "numeric")[0]) == [("a.txt", "c.txt"), ("b.txt",)]
    from newsprism.brief import brief

    rows = {r.thing: r.disputed for r in brief(analysis).numbers}
    assert rows["people"] and rows["protesters"]  # both nouns of the one dispute are marked disputed


def test_two_prison_terms_for_one_sentence_are_a_numeric_dispute(tmp_path):
    analysis = _analyse(tmp_path, {
        "a.txt": "Ex-mayor jailed\n\nFormer mayor Lars Berg was sentenced to 12 years in prison on Tuesday for taking "
                 "bribes, a court in Oslo ruled.\n\nBerg denied all charges.",
        "b.txt": "Berg gets ten years\n\nA court sentenced former mayor Lars Berg to 10 years in prison on Tuesday for "
                 "corruption.\n\nHis lawyer said he would appeal.",
    })
    assert _disputes(analysis, "numeric") == [[("a.txt",), ("b.txt",)]]


def test_two_causes_given_for_one_outage_are_an_attribution_dispute(tmp_path):
    analysis = _analyse(tmp_path, {
        "a.txt": "Cloud outage\n\nA global outage at Nimbus knocked thousands of websites offline on Monday.\n\nThe "
                 "outage was caused by a faulty software update, the company said in a statement.",
        "b.txt": "Nimbus blackout\n\nCustomers said Nimbus services were down on Monday.\n\nSecurity researchers said "
                 "the outage was caused by a cyberattack, which Nimbus denied.",
    })
    assert _disputes(analysis, "attribution") == [[("a.txt",), ("b.txt",)]]
    assert [c.about for c in analysis.conflicts if c.kind == "attribution"] == ["what caused the outage"]


QUAKE = {
    "a.txt": "Quake kills at least 112 in mountain province\n\nARVEN, Karsan (AP) — A powerful earthquake struck the "
             "mountain province of Karsan on Tuesday, killing at least 112 people, officials said.\n\nMore than 500 "
             "people were injured, according to the provincial disaster authority.\n\nThe US Geological Survey "
             "measured the quake at magnitude 6.8, while the national institute registered it at magnitude 6.6.\n\n"
             "A magnitude 5.4 aftershock rattled the region on Tuesday afternoon, sending residents into the "
             "streets.\n\nRescue teams from the capital reached the worst-hit village of Sarnic by nightfall.",
    "b.txt": "Quake toll rises as rescuers race against time\n\nBy Claire Dumont, AFP\nThursday 12 March 2026\n\n"
             "The death toll from Tuesday's earthquake in Karsan province rose to 340 on Thursday, officials "
             "said.\n\nThe magnitude 6.8 quake, according to the US Geological Survey, hit before dawn on "
             "Tuesday.\n\nA magnitude 5.1 aftershock struck on Wednesday morning, bringing down buildings weakened "
             "by the main quake.\n\nAt least 15,000 people have been left homeless, the UN humanitarian office "
             "said.\n\nRescuers in the village of Sarnic pulled a six-year-old girl alive from the rubble.",
    "c.txt": "Karsan earthquake: anger grows over slow rescue\n\nThe Daily Courier\n\n10 March 2026\n\nA powerful "
             "earthquake struck Karsan province on Tuesday, killing 95 people, the provincial governor said.\n\n"
             "About 1,500 people have been injured.\n\nThe quake, which the national institute put at magnitude "
             "6.6 and the US Geological Survey at 6.8, flattened the village of Sarnic.\n\nMore than 40 villages were "
             "damaged, and aftershocks of magnitude 5.4 on Tuesday and 5.1 on Wednesday brought down walls.\n\n"
             "Nearly 400 people are "
             "feared dead, opposition lawmakers said.\n\nResidents said rescue teams did not reach Sarnic for "
             "hours.",
}


@pytest.fixture(scope="module")
def quake(tmp_path_factory):
    return _analyse(tmp_path_factory.mktemp("quake"), QUAKE)


def test_figures_of_different_fates_days_shocks_and_sources_are_no_dispute(quake):
    numeric = [(c.about, c.explanation) for c in quake.conflicts if c.kind == "numeric"]
    texts = [" ".join(e.text for side in c.sides for e in side.evidence) for c in quake.conflicts if c.kind == "numeric"]
    # The dead against the injured or the homeless; the toll of Tuesday against Thursday's; the main shock against
    # an aftershock, and a Tuesday aftershock against a Wednesday one.
    for one, other in (("killing at least 112", "injured"), ("killing 95", "injured"), ("homeless", "killing"),
                       ("rose to 340", "killing at least 112"), ("aftershock", "6.6"), ("5.4 aftershock", "5.1"),
                       ("5.1 aftershock", "5.4 on Tuesday")):
        assert not any(one in t and other in t for t in texts), (one, other, numeric)
    # The same day's toll, at least 112 against 95: a dispute.
    assert any("112" in c.explanation and "95" in c.explanation for c in quake.conflicts if c.kind == "numeric"), numeric


def test_a_share_in_words_is_a_percentage_and_a_sentence_giving_both_figures_disputes_neither(tmp_path):
    texts = {
        "a.txt": "Rail strike begins\n\nLONDON (Reuters) - Members of the RMTU voted 87 percent in favour of strike "
                 "action in a ballot last month.\n\nNine in ten trains were cancelled on Wednesday.",
        "b.txt": "Rail strike\n\nThe City Ledger\n\n4 March 2026\n\nIn a ballot last month, 87 percent of RMTU members "
                 "who voted backed strike action, on a turnout of 71 percent.\n\nAbout 80 percent of trains were "
                 "cancelled on Wednesday.",
    }
    analysis = _analyse(tmp_path, texts)
    shares = [(q.text, q.value, q.of) for q in analysis.extraction.quantities if q.text == "Nine in ten"]
    assert shares == [("Nine in ten", 90.0, "percent")]
    numeric = [c.explanation for c in analysis.conflicts if c.kind == "numeric"]
    assert not any("71" in e for e in numeric), numeric


def test_a_contrast_is_no_status_dispute_and_a_negated_deed_is(tmp_path):
    texts = {
        "a.txt": "Court curbs agency\n\nWASHINGTON (AP) — The Supreme Court ruled 6-3 on Thursday that the Labor "
                 "Department overstepped its authority.\n\n\"Congress, not an agency, decides who is an employee "
                 "under federal law,\" Justice Margaret Ellison wrote.",
        "b.txt": "Justices rule for gig firms\n\nThe Capital Ledger\n\nJune 18, 2026\n\nThe Supreme Court ruled 6-3 on "
                 "Thursday against the Labor Department.\n\nJustice Margaret Ellison said Congress alone decides who "
                 "is an employee under federal law.",
    }
    (tmp_path / "one").mkdir()
    assert not [c.about for c in _analyse(tmp_path / "one", texts).conflicts if c.kind == "status"]
    texts["b.txt"] = texts["b.txt"].replace("said Congress alone decides who is", "said Congress does not decide who is")
    (tmp_path / "two").mkdir()
    assert [c.kind for c in _analyse(tmp_path / "two", texts).conflicts if c.kind == "status"] == ["status"]


def test_a_doer_holding_a_post_in_the_other_doers_body_is_one_side(tmp_path):
    texts = {
        "a.txt": "Court rules against drivers\n\nWASHINGTON (AP) — The Supreme Court ruled against gig drivers on "
                 "Thursday.\n\nTeresa Vargas, president of the National Rideshare Drivers Union, condemned the ruling "
                 "on Thursday.",
        "b.txt": "Union fury at court\n\nThe Daily Post\n\nJune 19, 2026\n\nThe Supreme Court ruled against gig drivers "
                 "on Thursday.\n\nUnion bosses at the National Rideshare Drivers Union, who spent millions lobbying "
                 "for the rule, condemned the ruling on Thursday.",
    }
    # (Two doers of two bodies doing one deed are the attribution disputes of the tests above.)
    assert not [c.about for c in _analyse(tmp_path, texts).conflicts if c.kind == "attribution"]


def test_a_day_set_against_no_date_set_for_one_thing_is_a_status_dispute(tmp_path):
    texts = {
        "a.txt": "Rail strike goes ahead\n\nLONDON (Reuters) - Rail workers began a 48-hour strike on Wednesday.\n\n"
                 "Talks between the union and the operator will resume on Monday, the operator said.",
        "b.txt": "Strike bites\n\nThe Workers' Chronicle\n\n4 March 2026\n\nRail workers walked out on Wednesday.\n\n"
                 "Talks have collapsed and no new date has been set, the union said.",
        "c.txt": "Commuters stranded\n\nThe Daily Post\n\n4 March 2026\n\nRail workers walked out on Wednesday.\n\n"
                 "No date has been set for the minister's visit to the depot.",
    }
    analysis = _analyse(tmp_path, texts)
    dated = [c for c in analysis.conflicts if c.about.startswith("whether a date is set")]
    assert [c.about for c in dated] == ["whether a date is set for the talks"]
    assert _disputes(analysis, "status") == [[("a.txt",), ("b.txt",)]]


def test_figures_a_hundred_times_apart_count_different_things(tmp_path):
    texts = {
        "a.txt": "Insurer shares slide\n\nNEW YORK (Reuters) - Shares of Meridale Health fell 8% to $61.40 on Tuesday "
                 "after the insurer disclosed a data breach.",
        "b.txt": "Breach wipes value\n\nThe Business Daily\n\nJune 10, 2026\n\nThe data breach at Meridale Health wiped "
                 "about $1.1 billion off the insurer's market value on Tuesday as shares fell 8%.",
    }
    numeric = [c.explanation for c in _analyse(tmp_path, texts).conflicts if c.kind == "numeric"]
    assert not any("61.40" in e and "1.1 billion" in e for e in numeric), numeric


def test_two_ways_of_saying_nothing_was_taken_are_no_status_dispute(tmp_path):
    texts = {
        "a.txt": "Insurer hit by breach\n\nNEW YORK (Reuters) - Meridale Health said hackers stole customer records.\n\n"
                 "\"We have no evidence that any payment card or bank account information was taken,\" a company "
                 "spokesperson said.",
        "b.txt": "Breach at Meridale\n\nByteWire\n\nJune 10, 2026\n\nHackers stole customer records from Meridale "
                 "Health.\n\nMeridale says no credit card or bank details were taken.",
        "c.txt": "Meridale breach\n\nThe Daily Bulwark\n\nJune 10, 2026\n\nHackers raided Meridale Health.\n\nMeridale "
                 "swears no payment data was taken.",
    }
    assert not [c.about for c in _analyse(tmp_path, texts).conflicts if c.kind == "status"]


def test_two_tallies_of_one_vote_are_a_numeric_dispute(tmp_path):
    texts = {
        "a.txt": "Senate passes border bill\n\nWASHINGTON (AP) — The Senate passed the Secure Borders Act late Tuesday "
                 "night, voting 51-49 after a 14-hour debate.",
        "b.txt": "Border bill clears Senate\n\nThe Capital Ledger\n\nJune 3, 2026\n\nThe Senate narrowly approved the "
                 "Secure Borders Act late Tuesday night, voting 51 to 49 after a 14-hour debate.",
        "c.txt": "Victory at last\n\nPatriot Signal\n\nJune 3, 2026\n\nThe Senate finally passed the Secure Borders Act "
                 "late Tuesday night after a 50-50 deadlock, with the vice president casting the deciding vote.",
    }
    analysis = _analyse(tmp_path, texts)
    assert _disputes(analysis, "numeric") == [[("a.txt", "b.txt"), ("c.txt",)]]
    assert [c.about for c in analysis.conflicts if c.kind == "numeric"] == ["the tally"]
