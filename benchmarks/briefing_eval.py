"""Score the briefing on the seeds and every dev event against a careful reader's gold.

    .venv/bin/python benchmarks/briefing_eval.py [--show-wrong] [--events event_1 ...]

Per event and pooled over the dev events: fact recall and precision (against the gold's
exhaustive evidence lists), gold disputes found, agreed facts joining both sides of a dispute,
direct quotes found and speaker accuracy, facts reported against three times the gold's facts and
single-outlet claims, the "Only one outlet" lists against the gold's single-outlet claims (how many
are listed, how many listed items the gold puts under a fact several outlets state), and our title
beside the gold's. `--show-wrong` prints the fact pairs counted wrong, the disputes missed and the
wrong speakers, to read (the gold lists a sentence under one fact only, so a few "wrong" pairs are
annotation limits).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from briefing_scores import DEV_EVENTS, load_dev_event, pooled, score_event  # noqa: E402

FIGURES = ("fact_recall", "fact_precision", "disputes_found", "agreed_facts_joining_dispute_sides",
           "direct_quotes_found", "speaker_accuracy")


def evaluate(events=DEV_EVENTS) -> list[dict]:
    from newsprism.brief import brief
    from newsprism.pipeline import analyze

    results = []
    for name in events:
        gold, outcome = load_dev_event(name)
        analysis = analyze(outcome)
        results.append(score_event(name, gold, outcome, analysis, brief(analysis)))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", nargs="*", default=list(DEV_EVENTS))
    parser.add_argument("--show-wrong", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    results = evaluate(args.events)
    print(f"{'event':10} " + " ".join(f"{f[:14]:>14}" for f in FIGURES) + f" {'facts/allowed':>14}")
    for r in results:
        print(f"{r['event']:10} " + " ".join(f"{r[f]:14.3f}" for f in FIGURES)
              + f" {r['facts_reported']:>7}/{r['facts_allowed']:<6}")
    total = pooled(results)
    print(f"{'all':10} " + " ".join(f"{total[f]:14.3f}" for f in FIGURES)
          + f" {total['facts_over_allowance']:>11.2f}x")
    print(f"only one outlet: gold single-outlet claims listed {total['single_outlet_claims_listed']:.3f}, items stating "
          f"a gold fact {total['single_outlet_items_stating_gold_facts']:.3f}")
    for r in results:
        print(f"\n{r['event']}: title   {r['title']}\n{'':{len(r['event'])}}  gold    {r['gold_title']}")
        print(f"  disputes {r['disputes_found_count']}/{r['disputes_total']} (conflicts reported "
              f"{r['conflicts_reported']}, {r['conflicts_matching_no_gold']} matching no gold dispute), quotes found "
              f"{r['quotes_found_count']}/{r['quotes_total']}, fact pairs {r['fact_pairs_right']} right "
              f"{r['fact_pairs_wrong']} wrong")
        print(f"  only one outlet: {r['single_outlet_found_count']}/{r['single_outlet_total']} of the gold's single-outlet "
              f"claims listed; {r['single_outlet_listed_in_gold_facts']} of {r['single_outlet_listed']} items state a "
              "gold fact several outlets carry")
        if r["_unplaced"]:
            print(f"  {len(r['_unplaced'])} gold snippets not in the cleaned bodies (titles): {r['_unplaced'][:3]}")
        if args.show_wrong:
            for a, fa, b, fb in r["_wrong_pairs"]:
                print(f"  WRONG PAIR {fa} | {a[:110]}\n             {fb} | {b[:110]}")
            for m in r["_missed_disputes"]:
                print(f"  MISSED {m}")
            for u in r["_unmatched_conflicts"]:
                print(f"  UNMATCHED {u}")
            for j in r["_joined"]:
                print(f"  JOINED {j}")
            for w in r["_wrong_speakers"]:
                print(f"  SPEAKER {w}")
    print(f"\n{time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
