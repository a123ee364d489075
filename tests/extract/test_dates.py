"""Date resolution on passages written for these tests."""

from __future__ import annotations

from datetime import date

from newsprism.extract.dates import event_base_date, find_dates


def dates(nlp, text, base, own=True):
    return {t.text: (t.date, t.until, t.granularity, t.confidence) for t in find_dates(nlp(text), "a", base, own)}


def test_weekdays_are_the_latest_such_day_on_or_before_the_article(nlp):
    wednesday = date(2022, 2, 23)
    found = dates(nlp, "On Tuesday the vote passed; late Wednesday it was signed; on Monday talks began.", wednesday)
    assert found["On Tuesday"][0] == "2022-02-22"
    assert found["late Wednesday"][0] == "2022-02-23"
    assert found["on Monday"][0] == "2022-02-21"


def test_weekday_across_a_week_boundary(nlp):
    monday = date(2023, 3, 6)
    found = dates(nlp, "The strike began on Friday and ends next Wednesday.", monday)
    assert found["on Friday"][0] == "2023-03-03"
    assert found["next Wednesday"][0] == "2023-03-08"


def test_month_day_takes_the_article_year_or_the_one_before(nlp):
    found = dates(nlp, "The letter was dated December 30 and answered on 2 January.", date(2022, 1, 3))
    assert found["December 30"][0] == "2021-12-30"
    assert found["2 January"][0] == "2022-01-02"


def test_absolute_dates_with_a_year_need_no_base(nlp):
    found = dates(nlp, "The treaty was signed on 22 February 2022 after talks in 2014.", None)
    assert found["22 February 2022"][:3] == ("2022-02-22", None, "day")
    assert found["22 February 2022"][3] == 1.0
    assert found["in 2014"][:3] == ("2014-01-01", "2014-12-31", "year")


def test_last_month_is_an_interval(nlp):
    found = dates(nlp, "Prices rose last month.", date(2022, 3, 15))
    assert found["last month"][:3] == ("2022-02-01", "2022-02-28", "month")


def test_durations_have_no_date(nlp):
    found = dates(nlp, "The conflict has lasted eight years.", date(2022, 2, 23))
    assert found["eight years"][:3] == (None, None, "duration")


def test_relative_dates_without_a_base_stay_unresolved(nlp):
    found = dates(nlp, "The talks ended yesterday.", None)
    assert found["yesterday"][0] is None and found["yesterday"][3] == 0.0


def test_borrowed_base_lowers_confidence(nlp):
    own = dates(nlp, "It happened on Monday.", date(2022, 2, 23))["on Monday"][3]
    borrowed = dates(nlp, "It happened on Monday.", date(2022, 2, 23), own=False)["on Monday"][3]
    assert borrowed < own


def test_the_next_day_counts_from_the_day_just_named(nlp):
    found = dates(nlp, "On Tuesday lawmakers voted, while the next day troops moved.", date(2022, 2, 24))
    assert found["the next day"][0] == "2022-02-23"


def test_event_base_date():
    assert event_base_date([date(2022, 2, 21), date(2022, 2, 23), date(2022, 2, 22)]) == date(2022, 2, 22)
    assert event_base_date([]) is None


def test_ndtv_seed_dates(nlp, seed_articles):
    article = seed_articles["002_138185aca57c1631.txt"]
    found = {t.text: t.date for t in find_dates(nlp(article.body), article.id, date.fromisoformat(article.published))}
    assert found["On Tuesday"] == "2022-02-22"
    assert found["late Wednesday"] == "2022-02-23"
    assert found["February 22"] == "2022-02-22"


def test_a_span_of_years_before_the_calendar_starts_is_no_date(nlp):
    found = dates(nlp, "They toured a city built 3000 years ago, then one built 2 years ago.", date(2022, 2, 22))
    assert found["2 years ago"][0] == "2020-02-23"
    assert not any(text.startswith("3000") and d for text, (d, *_) in found.items())
    far = dates(nlp, "It happened 99999999999 days ago and 1000000 weeks ago.", date(2022, 2, 22))
    assert all(d is None for d, *_ in far.values())


def test_a_weekday_said_of_the_future_is_the_next_such_day(nlp):
    wednesday = date(2026, 3, 11)
    found = dates(nlp, "Mediators will meet both sides on Thursday. The minister said the unions would vote on "
                       "Monday. The council is due to decide on Friday.", wednesday)
    assert found["on Thursday"][0] == "2026-03-12"
    assert found["on Monday"][0] == "2026-03-16"
    assert found["on Friday"][0] == "2026-03-13"
    # Said of the past, or the day something was said ("said on Tuesday that talks would resume"): the last such day.
    tuesdays = [t.date for t in find_dates(nlp("The strike began on Tuesday. The ministry said on Tuesday that "
                                               "talks would resume."), "a", wednesday) if t.text == "on Tuesday"]
    assert tuesdays == ["2026-03-10", "2026-03-10"]


def test_a_weekday_of_a_deed_in_the_present_tense_is_the_next_such_day(nlp):
    tuesday = date(2026, 3, 3)
    for text, day in (("The strike, which begins on Wednesday, will shut down the network.", "2026-03-04"),
                      ("The vote is on Friday.", "2026-03-06"), ("Talks are resuming on Monday.", "2026-03-09")):
        assert [t.date for t in find_dates(nlp(text), "a", tuesday)] == [day], text
    # The past, the present perfect, and the saying in the present ("says on Monday") keep the last such day.
    for text, day in (("The strike began on Monday.", "2026-03-02"), ("Talks have resumed on Monday.", "2026-03-02"),
                      ("Officials say the quake struck on Sunday.", "2026-03-01")):
        assert [t.date for t in find_dates(nlp(text), "a", tuesday)] == [day], text


def test_a_weekday_under_no_verb_resolves_and_returns(nlp):
    """A headline or caption with no verb ("Talks on Thursday") reads as before: the last such day. Run on a
    thread, so a walk up the parse that never ends fails here instead of hanging the suite."""
    import threading

    found = {}
    worker = threading.Thread(target=lambda: found.update(dates(nlp, "Talks on Thursday.", date(2026, 3, 11))),
                              daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "find_dates did not return"
    assert found["on Thursday"][0] == "2026-03-05"


def test_a_weekday_said_of_the_future_on_that_very_day_is_the_day_itself(nlp):
    tuesday = date(2022, 2, 22)
    found = dates(nlp, "The prime minister will chair a meeting on Tuesday morning.", tuesday)
    assert found["on Tuesday morning"][0] == "2022-02-22"


def test_a_weekday_said_of_the_future_in_an_undated_article_keeps_the_last_such_day(nlp):
    # The base borrowed from the other reports may be days after the undated article was written.
    wednesday = date(2022, 2, 23)
    found = dates(nlp, "The prime minister will chair a meeting on Tuesday morning.", wednesday, own=False)
    assert found["on Tuesday morning"][0] == "2022-02-22"


def test_a_weekday_naming_a_thing_under_a_future_verb_is_the_last_such_day(nlp):
    # "Monday's closing price" is the price of the Monday before; "will receive" says nothing of when Monday is.
    tuesday = date(2026, 3, 3)
    found = dates(nlp, "Shareholders will receive 42 dollars a share, a premium of 28 percent to Monday's closing "
                       "price. The board will meet on Friday.", tuesday)
    assert found["Monday's"][0] == "2026-03-02"
    assert found["on Friday"][0] == "2026-03-06"


def test_a_day_without_its_year_takes_the_year_the_article_gives_that_day(nlp):
    text = "Customers can enrol until September 30, 2026. Enrol before the September 30 deadline."
    found = [(t.text, t.date) for t in find_dates(nlp(text), "a", date(2026, 6, 10))]
    assert found == [("September 30, 2026", "2026-09-30"), ("September 30", "2026-09-30")]
    # Without it, a day well after the article's date is last year's.
    assert [t.date for t in find_dates(nlp("It began on September 30."), "a", date(2026, 6, 10))] == ["2025-09-30"]
