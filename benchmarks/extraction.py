"""Extraction throughput as a ratio to bare `nlp.pipe` on the same text, in one process.

    .venv/bin/python benchmarks/extraction.py [--copies N] [--repeat R]

The corpus is the bundled seed articles, repeated N times (each copy a distinct
article id) so timings are long enough to be stable. The baseline is the same
loaded pipeline's `nlp.pipe` over the same bodies; ours is `extract()`, which
runs `nlp.pipe` once and then reads actors, quotes, quantities and dates.
Peak Python memory of each run comes from tracemalloc.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsprism.extract.event import extract  # noqa: E402
from newsprism.extract.nlp import load_nlp  # noqa: E402
from newsprism.pipeline import read_articles  # noqa: E402


def corpus(copies: int):
    seeds = read_articles([str(ROOT / "examples" / "seeds")]).articles
    return [dataclasses.replace(a, id=f"{a.id}-{i}") for i in range(copies) for a in seeds]


def timed(fn, repeat: int) -> tuple[float, int]:
    times, peak = [], 0
    for _ in range(repeat):
        tracemalloc.start()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
        peak = max(peak, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    return statistics.median(times), peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    nlp = load_nlp()
    articles = corpus(args.copies)
    words = sum(len(a.body.split()) for a in articles)
    extract(articles[:5], nlp)  # warm-up: lazy model parts, regex compilation
    bare_s, bare_mem = timed(lambda: list(nlp.pipe((a.body for a in articles), batch_size=16)), args.repeat)
    ours_s, ours_mem = timed(lambda: extract(articles, nlp), args.repeat)
    print(f"articles: {len(articles)}, words: {words}")
    print(f"bare nlp.pipe: {words / bare_s:,.0f} words/s, peak {bare_mem / 1e6:.1f} MB")
    print(f"extract():     {words / ours_s:,.0f} words/s, peak {ours_mem / 1e6:.1f} MB")
    print(f"throughput ratio (ours / bare): {bare_s / ours_s:.2f}")
    print(f"memory ratio (ours / bare): {ours_mem / max(bare_mem, 1):.2f}")


if __name__ == "__main__":
    main()
