"""The quality gate: gold figures must not fall below their pinned floors."""

from __future__ import annotations

import pytest

from quality import (EPSILON, SEEDS, comparison_scores, corpus_hash, extraction_scores, framing_extras,
                     framing_scores, load_baseline, reading_scores)


def test_corpus_is_the_one_the_floors_were_set_on(gold):
    baseline = load_baseline()
    assert corpus_hash(SEEDS, gold) == baseline["corpus_hash"], (
        "seeds or gold changed: re-measure and re-pin tests/quality_baseline.json on purpose"
    )


@pytest.mark.parametrize("figure", sorted(load_baseline()["reading"]))
def test_reading_figures_hold_their_floor(figure, seed_articles, gold):
    scores = reading_scores(seed_articles, gold)
    floor = load_baseline()["reading"][figure]
    assert scores[figure] >= floor - EPSILON, f"{figure}: {scores[figure]:.3f} fell below floor {floor:.3f}"


@pytest.mark.parametrize("figure", sorted(load_baseline()["extraction"]))
def test_extraction_figures_hold_their_floor(figure, seed_articles, seed_extraction, gold):
    scores = extraction_scores(seed_articles, seed_extraction, gold)
    floor = load_baseline()["extraction"][figure]
    assert scores[figure] >= floor - EPSILON, f"{figure}: {scores[figure]:.3f} fell below floor {floor:.3f}"


@pytest.fixture(scope="module")
def comparison(seed_articles, seed_analysis, gold, embedder):
    return comparison_scores(seed_articles, seed_analysis, gold, embedder)


@pytest.mark.parametrize("figure", sorted(k for k in load_baseline()["comparison"] if not k.startswith("_")))
def test_comparison_figures_hold_their_floor(figure, comparison):
    floor = load_baseline()["comparison"][figure]
    assert comparison[figure] >= floor - EPSILON, f"{figure}: {comparison[figure]:.3f} fell below floor {floor:.3f}"


@pytest.mark.parametrize("figure", [k for k in load_baseline()["comparison_ceilings"] if not k.startswith("_")])
def test_comparison_ceilings_hold(figure, comparison):
    ceiling = load_baseline()["comparison_ceilings"][figure]
    assert comparison[figure] <= ceiling + EPSILON, f"{figure}: {comparison[figure]} rose above {ceiling}"


@pytest.mark.parametrize("figure", sorted(load_baseline()["framing"]))
def test_framing_figures_hold_their_floor(figure, seed_articles, seed_analysis, gold):
    scores = framing_scores(seed_articles, seed_analysis, gold)
    floor = load_baseline()["framing"][figure]
    assert scores[figure] >= floor - EPSILON, f"{figure}: {scores[figure]:.3f} fell below floor {floor:.3f}"


def test_framing_reports_beyond_the_gold_stay_under_their_ceiling(seed_articles, seed_analysis, gold):
    ceiling = load_baseline()["framing_ceilings"]["framing_items_beyond_gold"]
    extras = framing_extras(seed_articles, seed_analysis, gold)
    assert extras <= ceiling, f"{extras} scare quotes/labels beyond the gold (ceiling {ceiling}): judge the new ones"


def test_entity_groups_merge_without_the_gazetteers_alias_rows(gold):
    """`entity_groups_merged` with the gazetteer's alias rows for the gold names taken out of the
    model (in its own process: the gazetteer and pipeline are cached per process)."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).with_name("entity_merging_without_aliases.py")
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    figure = json.loads(run.stdout.strip().splitlines()[-1])["entity_groups_merged_without_aliases"]
    floor = load_baseline()["extraction_without_aliases"]["entity_groups_merged_without_aliases"]
    assert figure >= floor - EPSILON, f"entity groups merged without alias rows: {figure:.3f} fell below {floor:.3f}"
