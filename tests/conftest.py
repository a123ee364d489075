"""Shared fixtures: the bundled seed articles, the gold annotation beside the repo, a throwaway
PostgreSQL and a headless Chromium."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from chromium import browser  # noqa: F401  (fixture: Debian's Chromium, headless)
from postgres_server import postgres_server, store_kind, store_url  # noqa: F401  (fixtures: a throwaway PostgreSQL)
from quality import ROOT, SEEDS

GOLD_PATH = Path(os.environ.get("NEWSPRISM_GOLD", ROOT.parent / "shared" / "gold" / "seeds.json"))


@pytest.fixture(scope="session")
def gold() -> dict:
    if not GOLD_PATH.exists():
        if os.environ.get("CI"):
            pytest.fail(f"gold annotation missing at {GOLD_PATH}: CI must have ../shared beside the repo")
        pytest.skip(f"gold annotation not found at {GOLD_PATH} (set NEWSPRISM_GOLD)")
    return json.loads(GOLD_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_articles() -> dict:
    """The seeds read and cleaned, keyed by file name."""
    from newsprism.pipeline import read_articles

    outcome = read_articles([str(SEEDS)])
    assert not outcome.skipped, outcome.skipped
    return {Path(a.source).name: a for a in outcome.articles}


@pytest.fixture(scope="session")
def seed_analysis():
    """The seeds through every analysis stage, once per test session."""
    from newsprism.pipeline import analyze, read_articles

    return analyze(read_articles([str(SEEDS)]))


@pytest.fixture(scope="session")
def seed_extraction(seed_analysis):
    return seed_analysis.extraction


@pytest.fixture(scope="session")
def embedder():
    from newsprism.embed import load_embedder

    return load_embedder()

