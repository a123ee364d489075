"""Quality scoring against the gold, and the floors that gate it.

Each figure an issue asks for is computed here and compared in
`test_quality_gate.py` with a floor pinned in `quality_baseline.json`. A floor
only goes down on purpose, in a commit that says why.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds"
BASELINE_PATH = Path(__file__).with_name("quality_baseline.json")
# Scores are ratios of small counts; this only absorbs float noise.
EPSILON = 1e-9

_FIELDS = ("outlet", "title", "published", "url", "dateline", "wire")


def collapse(text: str) -> str:
    """Whitespace collapsed to single spaces, as the gold's snippets are."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def corpus_hash(seeds_dir: Path, gold: dict) -> str:
    """A hash of the seed files and the gold articles, so a changed corpus is noticed."""
    digest = hashlib.sha256()
    for path in sorted(seeds_dir.glob("*.txt")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(json.dumps(gold["articles"], sort_keys=True).encode())
    return digest.hexdigest()[:16]


def reading_scores(articles: dict, gold: dict) -> dict[str, float]:
    """Foundation figures: metadata fields, body edges, boilerplate removal, captions."""
    fields = edges = bp_removed = bp_listed = bp_total = captions = captions_total = 0
    for name, want in gold["articles"].items():
        got = articles[name]
        body = collapse(got.body)
        fields += sum(getattr(got, f) == want[f] for f in _FIELDS)
        edges += body.startswith(want["body_starts_with"]) + body.endswith(want["body_ends_with"])
        removed = [collapse(b.text) for b in got.boilerplate]
        for snippet in want["boilerplate"]:
            bp_total += 1
            bp_removed += snippet not in body
            bp_listed += any(snippet in r for r in removed)
        if want.get("caption"):
            captions_total += 1
            captions += got.caption == want["caption"] and want["caption"] not in body
    n = len(gold["articles"])
    return {
        "metadata_field_accuracy": fields / (n * len(_FIELDS)),
        "body_edge_accuracy": edges / (2 * n),
        "boilerplate_removed": bp_removed / bp_total,
        "boilerplate_listed": bp_listed / bp_total,
        "caption_accuracy": captions / captions_total if captions_total else 1.0,
    }


def load_baseline() -> dict:
    return json.loads(BASELINE_PATH.read_text(encoding="utf-8"))
