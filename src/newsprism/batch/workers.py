"""Models on the workers: loaded once per worker process, when the worker starts.

`ModelsPlugin` is a Dask worker plugin: each worker (and each worker a nanny restarts after a crash) loads
the e5 document embedder, the spaCy pipeline and the MiniLM sentence embedder once, before its first task,
so no task pays for loading. All weights come from installed packages; nothing is downloaded.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

__all__ = ["Models", "ModelsPlugin", "models"]

_LOCK = threading.Lock()
_MODELS: list = []  # the process's loaded models (one entry), filled by `models()`


@dataclass(frozen=True)
class Models:
    e5: object     # multilingual-e5-small (newsprism.e5): document vectors for events
    nlp: object    # spaCy en_core_web_sm with the gazetteer: extraction
    minilm: object  # all-MiniLM-L6-v2 int8: claim vectors for facts


def models(model: str = "sm") -> Models:
    """This process's models, loaded on first call."""
    with _LOCK:
        if not _MODELS:
            from newsprism.e5 import load_document_embedder
            from newsprism.embed import load_embedder
            from newsprism.extract.nlp import load_nlp

            _MODELS.append(Models(load_document_embedder(), load_nlp(model), load_embedder()))
        return _MODELS[0]


try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - dask is a dependency; this keeps `--help` importable without it
    WorkerPlugin = object


class ModelsPlugin(WorkerPlugin):
    """Loads the models when a worker starts (registered by the batch runner on its client)."""

    name = "newsprism-models"

    def setup(self, worker) -> None:
        models()
