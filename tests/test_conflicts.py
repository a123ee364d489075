"""Conflict rules on passages written for these tests."""

from __future__ import annotations

from types import SimpleNamespace

from newsprism.conflicts import find_conflicts
from newsprism.model import Article, Sentence


def conflicts(*articles_sentences):
    articles, sentences = [], []
    for n, (outlet, texts) in enumerate(articles_sentences):
        aid = f"a{n}"
        articles.append(Article(id=aid, source=f"{aid}.txt", body=" ".join(texts), outlet=outlet))
        offset = 0
        for i, text in enumerate(texts):
            sentences.append(Sentence(aid, i, offset, offset + len(text), text))
            offset += len(text) + 1
    extraction = SimpleNamespace(sentences=tuple(sentences), quantities=())
    return find_conflicts(articles, extraction)


def kinds(found):
    return sorted(c.kind for c in found)


def test_status_moved_against_unknown():
    found = conflicts(("One", ["Army units entered the northern province on Friday."]),
                      ("Two", ["The ministry gave no date for any deployment of troops to the province."]))
    assert kinds(found) == ["status"]
    assert [s.articles for s in found[0].sides] == [("a0",), ("a1",)]


def test_negated_or_hypothetical_movement_is_not_a_status_claim():
    found = conflicts(("One", ["Not a single soldier has crossed into the province.",
                               "Troops could have entered the province if ordered."]),
                      ("Two", ["It is not clear when the force would travel, officials said."]))
    assert "status" not in kinds(found)


def test_claim_and_its_denial():
    found = conflicts(("One", ["Officials claimed to have shot down three drones over the capital.",
                               "The neighbouring government denied the allegations on Saturday."]))
    assert kinds(found) == ["denial"]
    assert "shot down three drones" in found[0].sides[0].evidence[0].text


def test_scope_broad_against_targeted():
    found = conflicts(("One", ["The EU imposed sweeping sanctions on the regime."]),
                      ("Two", ["Brussels announced limited, targeted sanctions on four officials."]))
    assert kinds(found) == ["scope"]


def test_characterisation_asserted_against_denied():
    found = conflicts(("One", ["The government says the invasion of its territory has already begun."]),
                      ("Two", ["\"This is not an invasion,\" the defence minister said."]))
    assert kinds(found) == ["characterisation"]


def test_a_hypothetical_invasion_is_no_characterisation():
    found = conflicts(("One", ["Talks will continue until or unless an invasion occurs."]),
                      ("Two", ["\"This is not an invasion,\" the minister said."]))
    assert found == []


def test_massing_against_withdrawing():
    found = conflicts(("One", ["Officials say the country has amassed 40,000 troops near the border."]),
                      ("Two", ["Critics noted the country was withdrawing troops from the border at the time."]))
    assert kinds(found) == ["status"]


def test_a_demand_to_withdraw_is_not_a_report_of_withdrawal():
    found = conflicts(("One", ["Officials say the country has amassed 40,000 troops near the border."]),
                      ("Two", ["The government demanded that foreign troops pull out of the region."]))
    assert found == []


def test_the_month_may_is_not_a_hedge():
    found = conflicts(("One", ["In May army units entered the northern province."]),
                      ("Two", ["The ministry gave no date for any deployment of troops to the province."]))
    assert kinds(found) == ["status"]


def numeric_conflicts(text: str, other: str, quantities) -> tuple[list, SimpleNamespace]:
    """The numeric conflicts of two one-sentence reports (articles a0, a1) that one fact joins, and the
    extraction they were found in."""
    articles = [Article(id="a0", source="a0.txt", body=text, outlet="One"),
                Article(id="a1", source="a1.txt", body=other, outlet="Two")]
    sentences = (Sentence("a0", 0, 0, len(text), text), Sentence("a1", 0, 0, len(other), other))
    evidence = (SimpleNamespace(article="a0", start=0, end=len(text)), SimpleNamespace(article="a1", start=0, end=len(other)))
    alignment = SimpleNamespace(facts=(SimpleNamespace(articles=("a0", "a1"), evidence=evidence),), claims=(), vectors=())
    extraction = SimpleNamespace(sentences=sentences, quantities=tuple(quantities), times=())
    return [c for c in find_conflicts(articles, extraction, alignment) if c.kind == "numeric"], extraction


def test_one_sentence_counting_two_things_is_not_a_numeric_conflict():
    from newsprism.model import Quantity

    numeric, _ = numeric_conflicts("Two soldiers were killed and 12 soldiers were wounded in the attack.",
                                   "Two soldiers died in the attack, the army said.",
                                   (Quantity("a0", 2, "exact", "soldiers", "Two soldiers", 0, 12),
                                    Quantity("a0", 12, "exact", "soldiers", "12 soldiers", 29, 40),
                                    Quantity("a1", 2, "exact", "soldiers", "Two soldiers", 0, 12)))
    assert numeric == []


def test_a_numeric_dispute_names_the_thing_as_the_reports_write_it():
    """Figures are keyed by the counted word without its plural s; the dispute says "the number of
    files", as the reports do, and the numbers table marks that thing disputed."""
    from newsprism.brief import _numbers
    from newsprism.model import Quantity

    numeric, extraction = numeric_conflicts(
        "Investigators seized 55,000 secret files from the warehouse.",
        "Agents took 100,000 files from the warehouse, officials said.",
        (Quantity("a0", 55000, "exact", "secret files", "55,000 secret files", 21, 39),
         Quantity("a1", 100000, "exact", "files", "100,000 files", 12, 25)))
    assert [c.about for c in numeric] == ["the number of files"]
    assert [(row.thing, row.disputed) for row in _numbers(extraction, numeric)] == [("files", True)]


def test_a_dismissal_of_the_remarks_answers_the_speech_just_reported():
    found = conflicts(("One", ["The port authority said the strike had ended and cranes were moving again.",
                               "But union leaders dismissed the remarks, saying the cranes had not moved all week."]))
    assert kinds(found) == ["denial"]


def test_a_dismissal_with_no_speech_before_it_is_no_denial():
    found = conflicts(("One", ["Cranes stood idle at the port on Monday.",
                               "Union leaders dismissed the remarks as a distraction from the pay talks."]))
    assert "denial" not in kinds(found)


def test_a_dispute_is_named_by_what_is_in_question_not_by_the_hedge():
    from newsprism.contradictions import _topic

    assert _topic("Reports suggest the minister will resign before June.") == "the minister will resign before June"
    assert _topic("It is understood that the bridge will reopen.") == "the bridge will reopen"


def test_novelty_cues_need_something_disclosed():
    from newsprism.contradictions import _NEW, _OLD

    assert _NEW.search("The audit includes previously undisclosed payments data.")
    assert _NEW.search("The files reveal new \"explosive\" details of the plan.")
    assert _NEW.search("The report includes details not included in the minister's statement.")
    for text in ("The package includes new sanctions on banks.", "Footage shows the new bridge.",
                 "He offered a new deal to the unions."):
        assert not _NEW.search(text), text
    assert _OLD.search("The report contains no notable information that was not already public.")
    assert _OLD.search("Critics said the files broke little new ground.")
    for text in ("Police gave no information about the suspect.", "There was no new date for the vote."):
        assert not _OLD.search(text), text


def test_a_denied_quotation_is_named_by_the_quotation_not_by_who_said_it():
    """'the claim that "The plant never leaked," a spokesman said' reads as 'the claim that the plant never
    leaked'; a sentence that only reports speech in the middle stays as written."""
    from newsprism.contradictions import _topic

    assert _topic("“The plant never leaked into the river,” said a company spokesman on Tuesday.") == \
        "the plant never leaked into the river"
    assert _topic('"The council sold the land below its value," the auditor told reporters.') == \
        "the council sold the land below its value"
    assert _topic('The auditor said "the land was sold below its value" in March.') == \
        'the auditor said "the land was sold below its value" in March'
    assert _topic('"Never," she said.') == '"Never," she said'  # too short to name a claim


def test_a_denied_report_of_speech_is_named_by_what_was_said():
    """'On Thursday, the mayor said the bridge had reopened' denied: the claim that the bridge had reopened;
    a quotation before who said it is the claim; a sentence with no more than its cue keeps its words."""
    from newsprism.conflicts import _topic

    said = "On Thursday, the mayor said the bridge had reopened to traffic after repairs."
    assert _topic(Sentence("a0", 0, 0, len(said), said)) == \
        "the claim that the bridge had reopened to traffic after repairs"
    quoted = '"The bridge has reopened to traffic," the mayor said.'
    assert _topic(Sentence("a0", 0, 0, len(quoted), quoted)) == \
        "the claim that the bridge has reopened to traffic"
    claimed = "The company claimed that no water had been polluted."
    assert _topic(Sentence("a0", 0, 0, len(claimed), claimed)) == "the claim that no water had been polluted"
    short = "Nothing leaked, he said."
    assert _topic(Sentence("a0", 0, 0, len(short), short)) == "the claim that Nothing leaked, he said"


def test_a_conflicts_wording_is_cut_between_words():
    """What a conflict is about and the wordings it quotes are cut to a length at a space, with "…"."""
    from newsprism.conflicts import clipped

    text = ("the claim that Mr. Kim had made a similar gesture, saying the North no longer insisted on the "
            "withdrawal of American troops from the Korean Peninsula")
    cut = clipped(text)
    assert cut.endswith("withdrawal of American…") and len(cut) <= 121
    assert clipped("Iran has a robust, clandestine nuclear weapons program", 24) == "Iran has a robust…"
    assert clipped("short enough") == "short enough"
    assert clipped("x" * 200, 10) == "x" * 10 + "…"


def test_an_accusation_of_doing_something_words_the_claim_that_they_did_it():
    from newsprism.conflicts import _topic

    one = "Opposition leader Dana Verh accused the government of ignoring warnings about unsafe buildings."
    many = "The mayor accused the protesters of blocking the road."
    assert _topic(Sentence("a0", 0, 0, len(one), one)) == \
        "the claim that the government was ignoring warnings about unsafe buildings"
    assert _topic(Sentence("a0", 0, 0, len(many), many)) == "the claim that the protesters were blocking the road"


def test_a_figure_is_dated_by_the_day_nearest_it_in_its_sentence():
    from newsprism.conflicts import FigureContext
    from newsprism.model import Article, Quantity, Sentence, TimeMention

    text = "Aftershocks of magnitude 5.4 on Tuesday and 5.1 on Wednesday brought down walls."
    other = "A magnitude 5.1 aftershock struck on Wednesday morning."
    a, b = Article(id="a", source="a.txt", body=text), Article(id="b", source="b.txt", body=other)

    def day(article, body, word, iso):
        start = body.index(word)
        return TimeMention(article, word, start, start + len(word), iso, None, "day", True, 0.8)

    def figure(article, body, figure_text, of="magnitude"):
        start = body.index(figure_text)
        return Quantity(article, float(figure_text), "exact", of, figure_text, start, start + len(figure_text))

    # (The second reading of a list names no scale of its own, as the parser reads it.)
    extraction = SimpleNamespace(
        sentences=(Sentence("a", 0, 0, len(text), text), Sentence("b", 0, 0, len(other), other)),
        quantities=(figure("a", text, "5.4"), figure("a", text, "5.1", of=None), figure("b", other, "5.1")),
        times=(day("a", text, "Tuesday", "2026-03-10"), day("a", text, "Wednesday", "2026-03-11"),
               day("b", other, "Wednesday", "2026-03-11")))
    context = FigureContext(extraction, [a, b])
    tuesday_reading, _, wednesday_reading = extraction.quantities
    assert context.apart(tuesday_reading, wednesday_reading)  # Tuesday's 5.4, Wednesday's 5.1: two shocks
