"""Fact alignment and conflict finding at 5, 50 and 500 articles of one event.

    .venv/bin/python benchmarks/alignment_scale.py [--sizes 5 50 500]

Events larger than the five seeds are the seeds plus articles generated from
templates about the same event (slots filled with the event's actors, places
and numbers), so every article shares vocabulary with every other — the hard
case for blocking. For each size: claims, claim pairs compared (must grow
linearly: at most `neighbours` per claim), links, facts, conflicts, time of
the align + conflicts stages, and their peak Python memory (tracemalloc).
Extraction time is reported apart: it is measured in benchmarks/extraction.py.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsprism.align import AlignSettings, align  # noqa: E402
from newsprism.clean import clean  # noqa: E402
from newsprism.conflicts import find_conflicts  # noqa: E402
from newsprism.dedupe import independence  # noqa: E402
from newsprism.embed import load_embedder  # noqa: E402
from newsprism.extract.event import extract  # noqa: E402
from newsprism.extract.nlp import load_nlp  # noqa: E402
from newsprism.model import RawDocument  # noqa: E402
from newsprism.pipeline import read_articles  # noqa: E402

LEADERS = ["Vladimir Putin", "the Russian president", "the Kremlin", "Moscow"]
PLACES = ["Donetsk", "Luhansk", "Lugansk", "the Donbas", "eastern Ukraine", "the breakaway regions"]
SPEAKERS = ["a Western diplomat", "Ukraine's foreign minister", "a NATO official", "an EU spokesperson",
            "a senior US official", "Kremlin spokesman Dmitry Peskov", "a local resident"]
TEMPLATES = [
    "{leader} recognised the independence of {place} on Monday, officials said.",
    "Western governments announced new sanctions after {leader} recognised {place}.",
    "{speaker} said the decision to send troops into {place} was a violation of international law.",
    "Russia has massed about {n},000 troops near the border, according to {speaker}.",
    "Shelling near {place} killed {k} people overnight, {speaker} said.",
    "{leader} ordered the defence ministry to deploy forces to {place} as peacekeepers.",
    "Markets in Moscow fell sharply on {day} as investors reacted to the crisis.",
    "\"We will not give up {place},\" {speaker} told reporters on {day}.",
    "Diplomats met in Geneva on {day} but reported no progress on the crisis over {place}.",
    "The UN Security Council held an emergency session on {day} to discuss {place}.",
    "Residents of {place} said they heard explosions through the night.",
    "Energy prices in Europe rose after Germany halted the Nord Stream 2 pipeline on {day}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday"]


def generated(n: int, seed: int = 7):
    rng = random.Random(seed)
    articles = []
    for i in range(n):
        sentences = [rng.choice(TEMPLATES).format(leader=rng.choice(LEADERS), place=rng.choice(PLACES),
                                                  speaker=rng.choice(SPEAKERS), n=rng.randint(100, 190),
                                                  k=rng.randint(2, 9), day=rng.choice(DAYS))
                     for _ in range(rng.randint(8, 16))]
        text = f"Crisis deepens over {rng.choice(PLACES)}\n\n" + "\n\n".join(sentences)
        articles.append(clean(RawDocument(source=f"generated-{i}.txt", text=text, has_header=True,
                                          outlet=f"Generated Outlet {i}")))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 50, 500])
    args = parser.parse_args()
    seeds = list(read_articles([str(ROOT / "examples" / "seeds")]).articles)
    nlp, embedder = load_nlp(), load_embedder()
    settings = AlignSettings()
    print("| articles | claims | pairs compared | pairs per claim | links | facts (2+ articles) | conflicts "
          "| extract s | align+conflicts s | peak MB |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for size in args.sizes:
        articles = (seeds + generated(max(0, size - len(seeds))))[:size]
        t0 = time.perf_counter()
        extraction = extract(articles, nlp)
        t1 = time.perf_counter()
        tracemalloc.start()
        groups = independence(articles)
        alignment = align(articles, extraction.claims, embedder, groups, extraction.claim_actors(), settings)
        conflicts = find_conflicts(articles, extraction, alignment)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        t2 = time.perf_counter()
        claims = len(extraction.claims)
        multi = sum(1 for f in alignment.facts if len(f.articles) > 1)
        print(f"| {size} | {claims} | {alignment.pairs_compared} | {alignment.pairs_compared / max(claims, 1):.1f} "
              f"| {len(alignment.links)} | {multi} | {len(conflicts)} | {t1 - t0:.1f} | {t2 - t1:.1f} "
              f"| {peak / 1e6:.0f} |", flush=True)


if __name__ == "__main__":
    main()
