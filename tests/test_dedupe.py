"""Independence on articles written for these tests."""

from __future__ import annotations

from newsprism.clean import clean
from newsprism.dedupe import independence
from newsprism.model import RawDocument

STORY = ("The river burst its banks on Sunday night, flooding more than 200 homes in the lower town. "
         "Firefighters used boats to reach families trapped upstairs, and the mayor opened the school "
         "gym as a shelter. Forecasters expect more rain on Tuesday, and the army has been put on standby. "
         "Residents said the water rose faster than in the floods of 2007.")


def article(text, outlet, wire=None, name="a"):
    a = clean(RawDocument(source=f"{name}.txt", text=text, outlet=outlet))
    from dataclasses import replace

    return replace(a, wire=wire) if wire else a


def test_a_rerun_with_light_edits_is_one_source():
    original = article(STORY, "Valley Herald", name="a")
    rerun = article(STORY.replace("Sunday night", "Sunday evening") + " Read our live coverage.", "Daily Post", name="b")
    other = article("Parliament passed the budget on Monday after a long debate over defence spending "
                    "and pensions, with the opposition voting against it.", "Capital News", name="c")
    groups = independence([original, rerun, other])
    assert groups.count([original.id, rerun.id, other.id]) == 2
    assert groups.duplicate_of == {rerun.id: original.id}
    assert groups.groups[0].reason == "near-duplicate"


def test_two_copies_of_one_agency_count_once():
    a = article(STORY, "Valley Herald", wire="AFP", name="a")
    b = article("Flood waters forced families from their homes in the lower town, AFP reporters saw. "
                "The mayor said the school gym would stay open as a shelter all week.", "Metro Daily", wire="AFP",
                name="b")
    groups = independence([a, b])
    assert groups.count([a.id, b.id]) == 1
    assert "wire copies of AFP" in groups.groups[0].reason


def test_independent_reports_stay_apart():
    a = article(STORY, "Valley Herald", name="a")
    b = article("Heavy rain flooded the lower town overnight. Boats rescued people from upper floors "
                "and a shelter opened at the school, officials said.", "Metro Daily", name="b")
    groups = independence([a, b])
    assert groups.count([a.id, b.id]) == 2
    assert groups.duplicate_of == {}
