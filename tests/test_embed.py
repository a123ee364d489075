"""The embedder batches texts of similar length together; each text's vector must not depend on that."""

import numpy as np

from newsprism.embed import BATCH, load_embedder


def test_vectors_do_not_depend_on_batching_or_order():
    embedder = load_embedder()
    texts = ["deal", "Trump pulled out of the Iran nuclear deal on Tuesday, calling it defective at its core.",
             "sanctions", "", "The agreement was signed in 2015 by Iran, the US and five other powers."] * (BATCH // 2)
    together = embedder.encode(texts)
    alone = np.vstack([embedder.encode([t]) for t in texts])
    assert together.shape == (len(texts), embedder.dim)
    assert np.array_equal(together, alone)
    assert np.array_equal(embedder.encode(texts[::-1]), together[::-1])
