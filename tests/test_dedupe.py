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


def test_the_signature_estimates_the_jaccard_similarity_of_shingle_sets_without_bias():
    import random
    import sys
    from pathlib import Path

    from newsprism.dedupe import _shingles, estimated_jaccard, signature

    sys.path.insert(0, str(Path(__file__).parent / "data"))
    from unrelated_events import unrelated_articles

    def error(one, other):
        return estimated_jaccard(signature(one), signature(other)) - len(one & other) / len(one | other)

    rng = random.Random(7)
    vocabulary = [f"word{i}" for i in range(2000)]
    long = []
    for _ in range(30):
        base = [rng.choice(vocabulary) for _ in range(400)]
        edited = list(base)
        for i in rng.sample(range(400), rng.randint(0, 400)):
            edited[i] = rng.choice(vocabulary)
        long.append(error(_shingles(" ".join(base)), _shingles(" ".join(edited))))
    assert sum(map(abs, long)) / len(long) < 0.03 and max(map(abs, long)) < 0.12, long
    # Short reports sampling one pool of sentences (a hundred shingles each): no drift upwards either.
    bodies = [_shingles(text.split("\n\n", 1)[1]) for _, _, text in unrelated_articles(per_event=6, seed=13)]
    short = [error(a, b) for n, a in enumerate(bodies) for b in bodies[n + 1:] if len(a & b) / len(a | b) > 0.1]
    assert len(short) > 30 and abs(sum(short) / len(short)) < 0.03, short
    assert estimated_jaccard(signature(set()), signature(set())) == 1.0
