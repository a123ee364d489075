"""Sentence splitting on passages written for these tests."""

from __future__ import annotations


def sentences(nlp, text):
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_abbreviations_do_not_end_sentences(nlp):
    text = ("The U.S. envoy met Gen. Mark Milley and Mr. Smith at No. 10 on Monday. "
            "Talks with the U.K. side resumed later.")
    assert sentences(nlp, text) == [
        "The U.S. envoy met Gen. Mark Milley and Mr. Smith at No. 10 on Monday.",
        "Talks with the U.K. side resumed later.",
    ]


def test_ellipsis_inside_a_quote_does_not_split(nlp):
    text = "\"We waited for years... nobody came,\" she said. Then the rain started."
    assert sentences(nlp, text)[0] == "\"We waited for years... nobody came,\" she said."


def test_paragraph_breaks_always_split(nlp):
    text = "A headline-like line without a full stop\n\nThe first sentence follows."
    assert sentences(nlp, text) == ["A headline-like line without a full stop", "The first sentence follows."]


def test_closing_quote_after_the_full_stop(nlp):
    text = "He said: \"It is over.\" The crowd cheered."
    assert sentences(nlp, text) == ["He said: \"It is over.\"", "The crowd cheered."]
