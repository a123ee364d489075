"""Fit the fact-link pair classifier (`src/newsprism/links.py`) on every dev event together.

    .venv/bin/python benchmarks/fit_fact_links.py [--write]

Pairs are the claim pairs the aligner scores (each claim's nearest neighbours in other
articles). A pair is labelled when at least one of its claims states a gold fact (the gold
evidence lists are exhaustive): positive when both state the same fact, negative otherwise.
Prints leave-one-event-out figures (fit on three events, align the fourth, score its facts) —
the honest estimate for an unseen event — then the in-sample figures of the model fitted on all
four, and with `--write` stores that model in `src/newsprism/data/fact_links.json`.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from briefing_scores import DEV_EVENTS, GoldEvent, fact_scores, load_dev_event  # noqa: E402


def prepare(name: str, embedder, nlp):
    from newsprism.align import AlignSettings, candidate_pairs, claim_text
    from newsprism.dedupe import independence
    from newsprism.extract.event import extract
    from newsprism.links import PairFeatures

    gold, outcome = load_dev_event(name)
    groups = independence(outcome.articles)
    articles = tuple(replace(a, duplicate_of=groups.duplicate_of.get(a.id)) for a in outcome.articles)
    extraction = extract(articles, nlp)
    claims = list(extraction.claims)
    claim_actors = extraction.claim_actors()
    vectors = embedder.encode([claim_text(c) for c in claims])
    features = PairFeatures(claims, vectors, claim_actors, embedder.encode_words)
    event = GoldEvent.load(name, gold, {Path(a.source).name: a for a in articles})
    stated = [event.facts_stated(event.file_of(c.article), (c.start, c.end)) for c in claims]
    rows, labels = [], []
    for i, j, cosine in candidate_pairs(claims, vectors, AlignSettings())[1]:
        if stated[i] or stated[j]:
            rows.append(features.of(i, j, cosine))
            labels.append(1.0 if stated[i] & stated[j] else 0.0)
    return {"name": name, "event": event, "articles": articles, "extraction": extraction, "groups": groups,
            "claims": claims, "claim_actors": claim_actors, "rows": rows, "labels": labels}


def facts_of(prepared: dict, embedder, model):
    from newsprism.align import align

    alignment = align(prepared["articles"], prepared["claims"], embedder, prepared["groups"],
                      prepared["claim_actors"], model=model)
    return fact_scores(prepared["event"], alignment.facts)


def report(label: str, results: list[dict]) -> None:
    right = sum(r["fact_pairs_right"] for r in results)
    wrong = sum(r["fact_pairs_wrong"] for r in results)
    parts = [p for r in results for p in r["_recall_parts"]]
    for r in results:
        print(f"  {r['name']:8} recall {r['fact_recall']:.3f} precision {r['fact_precision']:.3f}")
    print(f"{label}: recall {sum(parts) / len(parts):.3f} precision {right / max(right + wrong, 1):.3f}")


def main() -> None:
    from newsprism.embed import load_embedder
    from newsprism.extract.nlp import load_nlp
    from newsprism.links import fit_link_model

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the model fitted on all events")
    parser.add_argument("--l2", type=float, default=1.0)
    args = parser.parse_args()
    embedder, nlp = load_embedder(), load_nlp("sm")
    prepared = [prepare(name, embedder, nlp) for name in DEV_EVENTS]
    for p in prepared:
        print(f"{p['name']}: {len(p['labels'])} labelled pairs, {int(sum(p['labels']))} positive")
    held_out = []
    for p in prepared:
        others = [q for q in prepared if q is not p]
        model = fit_link_model([r for q in others for r in q["rows"]], [y for q in others for y in q["labels"]], args.l2)
        held_out.append(facts_of(p, embedder, model) | {"name": p["name"]})
    report("leave one event out", held_out)
    model = fit_link_model([r for q in prepared for r in q["rows"]], [y for q in prepared for y in q["labels"]], args.l2)
    report("fitted on all (in sample)", [facts_of(p, embedder, model) | {"name": p["name"]} for p in prepared])
    if args.write:
        path = ROOT / "src" / "newsprism" / "data" / "fact_links.json"
        record = {"about": "Fact-link pair classifier fitted by benchmarks/fit_fact_links.py on the dev events together."}
        path.write_text(json.dumps(record | model.to_record(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
