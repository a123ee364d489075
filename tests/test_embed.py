"""The embedder batches texts of similar length together; each text's vector must not depend on that.
Single words come from a table built at install: the same vectors as encoding them."""

import numpy as np

import newsprism.embed as embed_module
from newsprism.embed import BATCH, build_word_table, load_embedder, word_table_path


def test_vectors_do_not_depend_on_batching_or_order():
    embedder = load_embedder()
    texts = ["deal", "Trump pulled out of the Iran nuclear deal on Tuesday, calling it defective at its core.",
             "sanctions", "", "The agreement was signed in 2015 by Iran, the US and five other powers."] * (BATCH // 2)
    together = embedder.encode(texts)
    alone = np.vstack([embedder.encode([t]) for t in texts])
    assert together.shape == (len(texts), embedder.dim)
    assert np.array_equal(together, alone)
    assert np.array_equal(embedder.encode(texts[::-1]), together[::-1])


def test_the_word_table_gives_the_vectors_encoding_gives(tmp_path, monkeypatch):
    """Words in the table are looked up, the others encoded: every vector is the one `encode` gives.
    A table cut short (fewer words than vectors) or missing is not used: everything is encoded."""
    monkeypatch.setenv("NEWSPRISM_CACHE", str(tmp_path))
    monkeypatch.setattr(embed_module, "table_words", lambda embedder: ["agreement", "deal", "sanctions", "troops"])
    embedder = load_embedder()
    words = ["troops", "peacekeepers", "deal", "don't", "sanctions", "luhansk"]  # three in the table
    expected = embedder.encode(words)
    assert np.array_equal(embedder.encode_words(words), expected)  # no table yet
    path = build_word_table(embedder)
    assert path.parent == tmp_path and path == word_table_path()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    encoded = []
    encode = type(embedder).encode
    monkeypatch.setattr(embedder, "encode", lambda texts: encoded.append(list(texts)) or encode(embedder, texts))
    assert np.array_equal(embedder.encode_words(words), expected)
    assert encoded == [["peacekeepers", "don't", "luhansk"]]  # only what the table lacks
    words_file = path.with_name(path.name + ".words")
    words_file.write_text("agreement\ndeal\n", encoding="utf-8")  # three vectors' words lost
    embed_module._WORD_TABLES.clear()
    encoded.clear()
    assert np.array_equal(embedder.encode_words(words), expected)
    assert encoded == [words]
    embed_module._WORD_TABLES.clear()


def test_the_installed_word_table_matches_the_model():
    """The table `make` built (when there is one) holds, for its words, what encoding gives now."""
    import pytest

    path = word_table_path()
    if not path.is_file():
        pytest.skip(f"no word table at {path} (make builds it: python -m newsprism.embed)")
    embedder = load_embedder()
    rows, vectors = embed_module._word_table(str(path))
    sample = sorted(rows)[::997]
    assert np.array_equal(np.asarray(vectors[[rows[w] for w in sample]]), embedder.encode(sample))


def test_vectors_made_ahead_are_the_ones_encoding_gives_and_are_taken_once(monkeypatch):
    import threading

    embedder = load_embedder()
    texts = ["The council closed the bridge on Monday.", "Traffic was diverted through the old town.", "Why?"]
    expected = embedder.encode(texts)
    assert embedder.warm(texts[:2], threading.Event()) == 2
    encoded = []
    real = type(embedder)._encode
    monkeypatch.setattr(embedder, "_encode", lambda batch: encoded.append(list(batch)) or real(embedder, batch))
    assert np.array_equal(embedder.encode(texts), expected)
    assert encoded == [["Why?"]]  # the two made ahead were not encoded again
    assert np.array_equal(embedder.encode(texts[:1]), expected[:1]) and encoded[-1] == texts[:1]  # taken once
    stop = threading.Event()
    stop.set()
    assert embedder.warm(["Nothing is encoded once asked to stop."], stop) == 0


def test_vectors_made_ahead_are_bounded(monkeypatch):
    import threading

    monkeypatch.setattr(embed_module, "AHEAD_TEXTS", 3)
    embedder = load_embedder()
    first = [f"word number {n}" for n in range(5)]
    assert embedder.warm(first, threading.Event()) == 3  # at most that many a time
    assert list(embedder._ahead) == first[:3]
    later = ["a later guess", "another later guess"]
    embedder.warm(later, threading.Event())
    assert list(embedder._ahead) == [first[2], *later]  # the oldest guesses went first
    embedder.encode(first + later)  # takes what is there
    assert not embedder._ahead
