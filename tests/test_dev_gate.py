"""The dev gate: the briefing on the four dev events (`../shared/dev/`) against a careful reader's
gold, pooled over the events, must not fall below the floors (nor rise above the ceilings) pinned
in `quality_baseline.json`. `benchmarks/briefing_eval.py` prints the same figures per event."""

from __future__ import annotations

import os

import pytest

from briefing_scores import DEV, DEV_EVENTS, load_dev_event, pooled, score_event
from quality import EPSILON, load_baseline


@pytest.fixture(scope="module")
def dev_figures():
    if not (DEV / "gold").is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"dev gold missing at {DEV / 'gold'}: CI must have ../shared beside the repo")
        pytest.skip(f"dev gold not found at {DEV / 'gold'}")
    from newsprism.brief import brief
    from newsprism.pipeline import analyze

    results = []
    for name in DEV_EVENTS:
        gold, outcome = load_dev_event(name)
        analysis = analyze(outcome)
        results.append(score_event(name, gold, outcome, analysis, brief(analysis)))
    return pooled(results)


@pytest.mark.parametrize("figure", sorted(k for k in load_baseline()["dev"] if not k.startswith("_")))
def test_dev_figures_hold_their_floor(figure, dev_figures):
    floor = load_baseline()["dev"][figure]
    assert dev_figures[figure] >= floor - EPSILON, f"{figure}: {dev_figures[figure]:.3f} fell below floor {floor:.3f}"


@pytest.mark.parametrize("figure", [k for k in load_baseline()["dev_ceilings"] if not k.startswith("_")])
def test_dev_ceilings_hold(figure, dev_figures):
    ceiling = load_baseline()["dev_ceilings"][figure]
    assert dev_figures[figure] <= ceiling + EPSILON, f"{figure}: {dev_figures[figure]:.3f} rose above {ceiling}"
