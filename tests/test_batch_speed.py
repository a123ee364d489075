"""The ingest speed-ups change no vector: each distinct title or lead is embedded once (wire copies)."""

from __future__ import annotations

import numpy as np

from newsprism.cluster import ClusterSettings, document_vectors
from newsprism.model import Article


class CountingE5:
    """The real e5 engine, counting the texts it is given."""

    def __init__(self):
        from newsprism.e5 import load_document_embedder

        self.model = load_document_embedder()
        self.texts = 0

    def passage(self, texts):
        self.texts += len(texts)
        return self.model.passage(texts)


def test_distinct_texts_are_embedded_once_and_give_the_vectors_of_one_article_at_a_time():
    lead = "Storm Hilda brought winds of up to 140 km/h to the northern coast on Tuesday night."
    articles = [Article(f"a{i}", f"{i}.txt", body, title=title) for i, (title, body) in enumerate([
        ("Storm Hilda batters the coast", lead),
        ("Storm Hilda batters the coast", lead),          # a wire copy: same title and lead
        ("Thousands without power as Hilda hits", lead),  # same lead, another headline
        (None, "Rail workers began a 48-hour strike on Wednesday in a dispute over pay."),
    ])]
    e5 = CountingE5()
    together = document_vectors(articles, e5, ClusterSettings())
    assert e5.texts == 4  # two leads and two titles, not seven texts
    alone = np.vstack([document_vectors([a], e5, ClusterSettings()) for a in articles])
    assert np.array_equal(together, alone)


def test_the_e5_engine_is_given_at_most_one_chunk_of_texts_a_call():
    """Its working memory grows with the texts of one call; the vectors do not depend on the chunking."""
    from newsprism.cluster import PASSAGE_CHUNK

    class ChunkWatchingE5(CountingE5):
        largest = 0

        def passage(self, texts):
            self.largest = max(self.largest, len(texts))
            return super().passage(texts)

    articles = [Article(f"a{i}", f"{i}.txt", f"Report {i}: the council voted {i} to {200 - i} on the budget.",
                        title=f"Council vote number {i}") for i in range(PASSAGE_CHUNK + 5)]
    e5 = ChunkWatchingE5()
    chunked = document_vectors(articles, e5, ClusterSettings())
    assert e5.texts == 2 * len(articles) and e5.largest == PASSAGE_CHUNK
    lead, title = e5.model.passage([articles[-1].body]), e5.model.passage([articles[-1].title])
    w = ClusterSettings().title_weight
    expected = w * np.asarray(title[0]) + (1 - w) * np.asarray(lead[0])
    assert np.allclose(chunked[-1], expected / np.linalg.norm(expected), atol=1e-6)
