"""Quantities on passages written for these tests."""

from __future__ import annotations

import pytest

from newsprism.extract.quantities import find_quantities, parse_number


def q(nlp, text):
    return [(x.value, x.approx, x.of, x.high) for x in find_quantities(nlp(text), "a")]


@pytest.mark.parametrize("words, value", [
    ("five million", 5e6), ("a million", 1e6), ("twenty-three", 23), ("a dozen", 12), ("150,000", 150000),
    ("3.5 billion", 3.5e9), ("two hundred", 200), ("one hundred and twenty", 120),
])
def test_parse_number(words, value):
    assert parse_number(words) == value


@pytest.mark.parametrize("phrase, approx", [
    ("about", "about"), ("around", "about"), ("nearly", "about"), ("more than", "at least"), ("over", "at least"),
    ("at least", "at least"), ("up to", "at most"), ("fewer than", "at most"), ("", "exact"),
])
def test_approximation_words(nlp, phrase, approx):
    found = q(nlp, f"Officials said {phrase} 300 families were evacuated.".replace("  ", " "))
    assert found[0][:2] == (300.0, approx)
    assert found[0][2] == "families"


def test_word_numbers_and_vague_amounts(nlp):
    found = q(nlp, "Tens of thousands of protesters marched, and three people were hurt.")
    assert (10000.0, "at least", "protesters", None) in found
    assert (3.0, "exact", "people", None) in found


def test_ranges(nlp):
    assert q(nlp, "Men aged between 18 and 60 must register.") == [(18.0, "exact", "years of age", 60.0)]
    assert q(nlp, "The storm destroyed 20 to 30 homes.")[0][::3] == (20.0, 30.0)


def test_years_times_dates_ordinals_ages_and_names_are_not_counts(nlp):
    text = ("In 2014, at 6.30am on February 22, the third convoy of a 27-year-old driver "
            "reached the No 10 office near the Nord Stream 2 site.")
    assert q(nlp, text) == []


def test_elided_noun(nlp):
    found = q(nlp, "Two soldiers were killed and 12 wounded.")
    assert (2.0, "exact", "soldiers", None) in found
    assert (12.0, "exact", "wounded", None) in found


def test_offsets_point_at_the_text(nlp):
    text = "The fund raised more than $4 million last year."
    doc = nlp(text)
    (quantity,) = find_quantities(doc, "a")
    assert text[quantity.start:quantity.end] == quantity.text == "more than $4 million"
    assert (quantity.value, quantity.of) == (4e6, "US dollars")


@pytest.mark.parametrize("text, value, of", [
    ("The flood wall is 5 m high.", 5.0, "metres"),
    ("Crews repaired a 100 m stretch of the road.", 100.0, "metres"),
    ("The charity raised $5m in a week.", 5e6, "US dollars"),
    ("The club paid £30m for the striker.", 3e7, "pounds"),
    ("The deal was worth 5m dollars.", 5e6, "dollars"),
])
def test_m_after_a_number_is_metres_unless_money_is_named(nlp, text, value, of):
    assert q(nlp, text)[0][:3] == (value, "exact", of)


def test_a_reading_on_a_named_scale_measures_the_scale(nlp):
    found = q(nlp, "A magnitude 6.8 earthquake struck the province, a Category 4 hurricane hit the coast.")
    assert (6.8, "exact", "magnitude", None) in found
    assert (4.0, "exact", "category", None) in found


def test_a_number_doing_a_verb_counts_nothing_named_but_the_dead(nlp):
    found = q(nlp, "The union said 12,000 walked out on Tuesday. Officials said at least 40 died in the fire.")
    assert (12000.0, "exact", None, None) in found
    assert (40.0, "at least", "died", None) in found
    assert (12.0, "exact", "wounded", None) in q(nlp, "Two soldiers were killed and 12 wounded.")


def test_a_count_of_the_reports_own_sources_is_no_figure_of_the_story(nlp):
    for text in ("The fire was started by a power line, according to two people familiar with the inquiry.",
                 "Three officials with direct knowledge of the talks said the deal was close.",
                 "Two people who spoke on condition of anonymity said the plant would close."):
        assert q(nlp, text) == [], text
    # People counted in the story stay counted.
    assert [x[0] for x in q(nlp, "According to police, two people were killed in the fire.")] == [2.0]


def test_no_before_a_plural_noun_counts_none(nlp):
    assert q(nlp, "No deaths were reported, and no injuries.") == [(0.0, "exact", "deaths", None),
                                                                 (0.0, "exact", "injuries", None)]
    # "no" before a singular noun or a name counts nothing.
    assert q(nlp, "There was no warning before the No Way Out tour.") == []


def test_over_before_a_span_of_time_is_across_it(nlp):
    # "over eight years" says how long, not "more than eight"; "over 300 people" is still at least 300.
    assert q(nlp, "The study tracked 12,500 people over eight years.") == [
        (12500.0, "exact", "people", None), (8.0, "exact", "years", None)]
    assert q(nlp, "Over 300 people died.") == [(300.0, "at least", "people", None)]
    assert q(nlp, "The countries have been at war for over 60 years.") == [(60.0, "at least", "years", None)]


def test_a_share_in_words_is_a_percentage(nlp):
    assert q(nlp, "Nine in ten trains were cancelled.") == [(90.0, "exact", "percent", None)]
    assert q(nlp, "More than eight in ten members voted for the strike.") == [(80.0, "at least", "percent", None)]
    assert q(nlp, "One in five voters stayed home.") == [(20.0, "exact", "percent", None)]
    # Two counts with "in" between them are two counts.
    assert q(nlp, "They won nine games in ten days.") == [(9.0, "exact", "games", None), (10.0, "exact", "days", None)]


def test_one_of_a_group_is_no_count(nlp):
    assert q(nlp, "She was one of the administration's most visible champions.") == []
    assert q(nlp, "Every one of these trips was approved.") == []
    assert q(nlp, "One of two pilots survived.")[1] == (2.0, "exact", "pilots", None)


def test_a_vote_or_a_games_tally_is_one_figure_not_two_counts_or_a_range(nlp):
    assert q(nlp, "The Senate voted 51 to 49 to pass the bill.") == [(51.0, "exact", "tally", None)]
    assert q(nlp, "The court ruled 6-3 on Thursday.") == [(6.0, "exact", "tally", None)]
    assert q(nlp, "It passed on a 50-50 vote.") == [(50.0, "exact", "tally", None)]
    # A range of a counted thing stays a range.
    assert q(nlp, "He lost 10 to 12 pounds.") == [(10.0, "exact", "pounds", 12.0)]
    assert q(nlp, "Between 18 and 60 people were hurt.")[0][2] == "people"
