"""Wall time of whole commands as a user runs them, each in a fresh process.

    .venv/bin/python benchmarks/cold_start.py [--repeat 3]

- `newsprism --help` must stay under 0.5 s: heavy imports are deferred into commands.
- `newsprism analyze examples/seeds` cold (model loading included), against the baseline of a bare
  process that only loads the same spaCy model and the embedding model, so the ratio says what
  the analysis itself costs on top of loading.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# This checkout's code, whichever checkout the virtualenv's editable install points at.
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
LOAD_ONLY = ("from newsprism.extract.nlp import load_nlp; from newsprism.embed import load_embedder; "
             "load_nlp(); load_embedder()")


def timed(command: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    newsprism = str(BIN / "newsprism")
    before = f"{os.getloadavg()[0]:.2f}"
    help_s = timed([newsprism, "--help"], args.repeat)
    load_s = timed([sys.executable, "-c", LOAD_ONLY], args.repeat)
    analyze_s = timed([newsprism, "analyze", "examples/seeds", "--format", "json", "-o", "/dev/null", "-q"],
                      args.repeat)
    html_s = timed([newsprism, "analyze", "examples/seeds", "--format", "html", "-o", "/dev/null", "-q"], args.repeat)
    print(f"load average before: {before}, after: {os.getloadavg()[0]:.2f}")
    print(f"newsprism --help: {help_s:.2f} s (limit 0.5 s)")
    print(f"baseline, load spaCy model + embedder only: {load_s:.2f} s")
    print(f"newsprism analyze examples/seeds (json), cold: {analyze_s:.2f} s, ratio to baseline {analyze_s / load_s:.2f}")
    print(f"newsprism analyze examples/seeds (html), cold: {html_s:.2f} s")


if __name__ == "__main__":
    main()
