"""Framing on the dev events: camps, word choice against the corpus's own annotation, and labels.

    .venv/bin/python benchmarks/framing_eval.py [--labels] [--concepts] [--events event_1 ...]

Per event: the share of quoted words whose speaker is placed in a camp, and the camps; word
choice against `../shared/dev/gold/<event>.concepts.json` (gold concepts whose mentions differ
across outlets recovered, precision of the reported concepts, naming differences the gold
confirms); the number of labels. `--labels` prints every label with its sentence, for the hand
check; `--concepts` prints the reported concepts and what each outlet alone says.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from briefing_scores import DEV_EVENTS, camp_scores, load_dev_event, word_choice_scores  # noqa: E402


def evaluate(events=DEV_EVENTS) -> list[tuple[str, object, dict]]:
    from newsprism.pipeline import analyze

    results = []
    for name in events:
        _, outcome = load_dev_event(name)
        analysis = analyze(outcome)
        results.append((name, analysis, camp_scores(analysis) | word_choice_scores(name, analysis)))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", nargs="*", default=list(DEV_EVENTS))
    parser.add_argument("--labels", action="store_true")
    parser.add_argument("--concepts", action="store_true")
    args = parser.parse_args()
    results = evaluate(args.events)
    print(f"{'event':8} {'in camps':>9} {'recovered':>10} {'precision':>10} {'confirmed':>10} {'concepts':>9} {'labels':>7}")
    for name, analysis, r in results:
        labels = sum(len(f.labels) for f in analysis.framing.articles.values())
        print(f"{name:8} {r['quoted_words_in_camps']:9.3f} {r['concepts_recovered']:10.3f} {r['concept_precision']:10.3f} "
              f"{r['naming_differences_confirmed']:10} {r['concepts_reported']:9} {labels:7}")
    for name, analysis, r in results:
        camps = analysis.framing.camps
        print(f"\n{name}: split {camps.split}; camps: " + "; ".join(
            f"{c.name} ({c.kind}: {', '.join(c.members[:4])})" for c in camps.camps))
        print(f"  gold concepts recovered: {', '.join(r['_recovered']) or '-'} of {len(r['_differing'])}")
        names = {a.id: Path(a.source).name for a in analysis.articles}
        if args.concepts:
            for c in analysis.framing.concepts:
                only = "; ".join(f"{names[aid]}: {items[0]['text']!r} ({', '.join(items[0]['words'])})"
                                 for aid, items in c.only.items())
                print(f"  [{c.kind}] {c.name} — {len(c.variants)} articles; only: {only}")
        if args.labels:
            for aid, f in analysis.framing.articles.items():
                body = next(a.body for a in analysis.articles if a.id == aid)
                for label in f.labels:
                    start = body.rfind(". ", 0, label["start"]) + 2
                    end = body.find(". ", label["end"])
                    context = " ".join(body[max(start, label["start"] - 80):min(end if end > 0 else len(body),
                                                                               label["end"] + 60)].split())
                    print(f"  {names[aid]:9} {label['kind']:15} {label['voice'][:18]:18} {label['text']!r:30} | {context}")


if __name__ == "__main__":
    main()
