"""What one `newsprism analyze` costs: time and peak memory by article length and by article count.

    nice -n 10 .venv/bin/python benchmarks/resource_limits.py --chars 100000 500000 --articles 100 500

Each case is a fresh `newsprism analyze --format json` process (so its peak
resident memory is the whole run's, models included) over files written for
it: one article of N characters in paragraphs (seed sentences, shuffled) next
to a seed; or N articles generated from the templates of alignment_scale.py
plus the five seeds. CPU seconds (user + system) are reported beside the wall
time because the wall time depends on what else the machine runs.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

SEED = ROOT / "examples" / "seeds" / "002_138185aca57c1631.txt"


def _sentences() -> list[str]:
    from newsprism.pipeline import read_articles

    bodies = [a.body for a in read_articles([str(ROOT / "examples" / "seeds")]).articles]
    return [s for b in bodies for s in re.split(r"(?<=[.!?”])\s+(?=[A-Z“])", b) if len(s.split()) > 5]


def long_article(folder: Path, chars: int, rng: random.Random) -> None:
    sentences, paragraphs, size = _sentences(), [], 0
    while size < chars:
        paragraph = " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 5)))
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    (folder / "long.txt").write_text("A long transcript\n\n" + "\n\n".join(paragraphs)[:chars] + "\n", encoding="utf-8")
    (folder / SEED.name).write_bytes(SEED.read_bytes())


def many_articles(folder: Path, count: int) -> None:
    from alignment_scale import generated

    for i, article in enumerate(generated(count)):
        record = {"title": article.title, "text": article.body, "outlet": article.outlet}
        (folder / f"g{i:05d}.json").write_text(json.dumps(record), encoding="utf-8")
    for seed in (ROOT / "examples" / "seeds").iterdir():
        (folder / seed.name).write_bytes(seed.read_bytes())


def measure(folder: Path) -> dict:
    started = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, "-m", "newsprism.cli", "analyze", str(folder),
                           "--format", "json", "-q", "-o", str(folder / "report.json")],
                          capture_output=True, text=True, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_kb = int(done.stderr.strip().splitlines()[-1]) if done.stderr.strip() else 0
    report = json.loads((folder / "report.json").read_text()) if done.returncode == 0 else {}
    return {"exit": done.returncode, "wall_s": round(time.monotonic() - started),
            "cpu_s": round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime),
            "peak_mb": peak_kb // 1024, "analysed": len(report.get("articles", [])),
            "skipped": len(report.get("skipped", [])), "facts": len(report.get("facts", []))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, nargs="*", default=[100_000, 500_000])
    parser.add_argument("--articles", type=int, nargs="*", default=[100, 500])
    args = parser.parse_args()
    print("| case | exit | articles analysed | skipped | facts | wall s | CPU s | peak MB |")
    print("|---|---|---|---|---|---|---|---|")
    for chars in args.chars:
        with tempfile.TemporaryDirectory() as tmp:
            long_article(Path(tmp), chars, random.Random(chars))
            r = measure(Path(tmp))
            print(f"| one article of {chars:,} characters + a seed | {r['exit']} | {r['analysed']} | {r['skipped']} "
                  f"| {r['facts']} | {r['wall_s']} | {r['cpu_s']} | {r['peak_mb']} |", flush=True)
    for count in args.articles:
        with tempfile.TemporaryDirectory() as tmp:
            many_articles(Path(tmp), count)
            r = measure(Path(tmp))
            print(f"| {count:,} generated articles + 5 seeds | {r['exit']} | {r['analysed']} | {r['skipped']} "
                  f"| {r['facts']} | {r['wall_s']} | {r['cpu_s']} | {r['peak_mb']} |", flush=True)


if __name__ == "__main__":
    main()
