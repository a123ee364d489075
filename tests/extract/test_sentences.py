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


def test_sentences_guessed_without_the_parse_are_mostly_the_parsed_ones(nlp):
    """`guess_sentences` cuts after end marks, not after an abbreviation or an initial, and at every line
    break; on prose it finds the sentences the pipeline finds (it is a guess: nothing relies on it)."""
    from newsprism.extract.nlp import guess_sentences

    text = ("Gen. Ana Ruiz met Mr. Obi in the U.S. capital on Monday. \"We agreed on a truce,\" she said. "
            "Talks resume in May! Will they hold? Officials in Washington, D.C. were not sure. He said \"wait.\" "
            "Nobody did.\n"
            "A second paragraph follows. It has two sentences.")
    guessed = guess_sentences(text)
    assert guessed == ["Gen. Ana Ruiz met Mr. Obi in the U.S. capital on Monday.", "\"We agreed on a truce,\" she said.",
                       "Talks resume in May!", "Will they hold?", "Officials in Washington, D.C. were not sure.",
                       "He said \"wait.\"", "Nobody did.",
                       "A second paragraph follows.", "It has two sentences."]
    parsed = sentences(nlp, text)
    assert len(set(guessed) & set(parsed)) >= len(parsed) - 1


def test_titles_of_several_people_do_not_end_sentences(nlp):
    text = ("Two Republicans, Sens. Dana Whitcomb of Alaska and Paul Kessler of Kansas, voted against the bill. "
            "Reps. Ana Diaz and Tom Hill said it was cruel.")
    assert sentences(nlp, text) == [
        "Two Republicans, Sens. Dana Whitcomb of Alaska and Paul Kessler of Kansas, voted against the bill.",
        "Reps. Ana Diaz and Tom Hill said it was cruel.",
    ]
