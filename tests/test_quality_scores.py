"""The gate's scorers measure what their names say: each case here was scored as found by the
scorers before issue 16 (topical closeness, substrings in either direction, value only, padded
dispute sides, the fifth dispute ungated) and must not be."""

from __future__ import annotations

from types import SimpleNamespace

from newsprism.align import Evidence, Fact
from newsprism.conflicts import Conflict, ConflictSide
from newsprism.model import Quantity, Sentence
from quality import _found_by_span, comparison_scores, extraction_scores, fact_found

BODY_A = ("Putin recognised the two breakaway republics as independent states on Monday. "
          "Markets in Moscow fell sharply. A visibly angry Putin spoke for an hour.")
BODY_B = "Moscow recognised the independence of the two rebel regions. Oil prices rose."


def _fact(*spans) -> Fact:
    evidence = tuple(Evidence(article, start, end, body[start:end]) for article, body, start, end in spans)
    return Fact("F", evidence[0].text, "corroborated", 2, tuple(sorted({e.article for e in evidence})), evidence)


def _sentence_span(body: str, text: str) -> tuple[int, int]:
    start = body.index(text)
    return start, start + len(text)


def test_a_fact_is_found_only_through_sentences_that_state_it():
    bodies = {"a.txt": BODY_A, "b.txt": BODY_B}
    names = {"a": "a.txt", "b": "b.txt"}
    evidence = {"a.txt": ["Putin recognised the two breakaway republics as independent states on Monday."],
                "b.txt": ["Moscow recognised the independence of the two rebel regions."]}
    stating = _fact(("a", BODY_A, *_sentence_span(BODY_A, "Putin recognised the two breakaway republics")),
                    ("b", BODY_B, *_sentence_span(BODY_B, "Moscow recognised the independence")))
    # Topically close (Moscow, the same day) but stating something else: not the fact.
    topical = _fact(("a", BODY_A, *_sentence_span(BODY_A, "Markets in Moscow fell sharply.")),
                    ("b", BODY_B, *_sentence_span(BODY_B, "Moscow recognised the independence")))
    want = {"id": "F1", "claim": "Putin recognised the republics", "articles": ["a.txt", "b.txt"]}
    assert fact_found(want, [stating], bodies, names, evidence)
    assert not fact_found(want, [topical], bodies, names, evidence)


def test_a_made_up_fact_is_never_found():
    bodies = {"a.txt": BODY_A, "b.txt": BODY_B}
    names = {"a": "a.txt", "b": "b.txt"}
    stating = _fact(("a", BODY_A, 0, 40), ("b", BODY_B, 0, 40))
    false_claim = {"id": "F9", "claim": "Russia and Ukraine signed a peace deal ending the war",
                   "articles": ["a.txt", "b.txt"]}
    analysis = SimpleNamespace(alignment=SimpleNamespace(facts=(stating,)), conflicts=())
    articles = {"a.txt": SimpleNamespace(id="a", body=BODY_A), "b.txt": SimpleNamespace(id="b", body=BODY_B)}
    gold = {"facts": [false_claim], "disputes": []}
    assert comparison_scores(articles, analysis, gold, fact_evidence={})["gold_facts_found"] == 0.0


def _label(body: str, text: str) -> dict:
    start = body.index(text)
    return {"text": text, "start": start, "end": start + len(text)}


def test_labels_match_by_span_overlap_bounded_both_ways():
    sentence = "A visibly angry Putin spoke for an hour."
    assert _found_by_span([_label(BODY_A, "visibly angry Putin")], BODY_A, "visibly angry Putin")
    # A label over the whole sentence held the gold label as a substring: no longer a match.
    assert not _found_by_span([_label(BODY_A, sentence)], BODY_A, "visibly angry Putin")
    # Nor does one short word inside a long gold phrase.
    assert not _found_by_span([_label(BODY_A, "angry")], BODY_A, "A visibly angry Putin spoke for an hour")


def test_quantities_must_match_approximation_and_what_is_counted():
    article = SimpleNamespace(id="a")
    gold = {"quotes": [], "entities": {"same_thing": [["x"]]},
            "quantities": [{"article": "a.txt", "value": 14000, "of": "lives lost in the conflict",
                            "snippet": "more than 14,000 lives"}]}
    extraction = SimpleNamespace(quotes=(), actors=(SimpleNamespace(name="x", aliases=()),), times=(),
                                 quantities=())
    articles = {"a.txt": article, "002_138185aca57c1631.txt": SimpleNamespace(id="ndtv")}

    def score(*quantities):
        return extraction_scores(articles, SimpleNamespace(**{**vars(extraction), "quantities": quantities}),
                                 gold)["quantities_found"]

    right = Quantity("a", 14000.0, "at least", "lives", "more than 14,000", 0, 16)
    assert score(right) == 1.0
    assert score(Quantity("a", 14000.0, "exact", "lives", "14,000", 10, 16)) == 0.0  # approximation lost
    assert score(Quantity("a", 14000.0, "at least", "troops", "more than 14,000", 0, 16)) == 0.0  # counts troops


def _side(article: str, *texts: str) -> ConflictSide:
    return ConflictSide((article,), tuple(Sentence(article, i, 0, len(t), t) for i, t in enumerate(texts)))


def test_every_dispute_is_gated_and_padded_sides_do_not_count():
    gold = {"facts": [], "disputes": [
        {"id": "D1", "kind": "status", "sides": [{"snippets": ["tanks rolled in"]}, {"snippets": ["no date was given"]}]},
        {"id": "D5", "kind": "status", "extra": "beyond the acceptance lines",
         "sides": [{"snippets": ["troops massed"]}, {"snippets": ["troops withdrew"]}]}]}
    exact = Conflict("C1", "status", "", (_side("a", "Overnight tanks rolled in."),
                                          _side("b", "By then no date was given.")), "")
    padded = Conflict("C2", "status", "", (_side("a", "The troops massed at dawn.", "Prices rose.", "It rained.",
                                                 "Schools closed."),
                                           _side("b", "Then troops withdrew.")), "")
    articles = {"a.txt": SimpleNamespace(id="a", body=""), "b.txt": SimpleNamespace(id="b", body="")}

    def score(*conflicts):
        analysis = SimpleNamespace(alignment=SimpleNamespace(facts=()), conflicts=conflicts)
        return comparison_scores(articles, analysis, gold, fact_evidence={})["gold_disputes_found"]

    assert score(exact) == 0.5  # D5 counts in the figure: one of two found
    assert score(exact, padded) == 0.5  # a side of four sentences, one on the point: not found
