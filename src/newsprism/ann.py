"""The nearest-neighbour index (usearch), always loaded after onnxruntime.

onnxruntime imported for the first time after a usearch index has run crashes the process
(a segmentation fault; both bring an OpenMP runtime): the claims' neighbour search (`align.py`) and a
later model load in one process (the web worker, a batch worker, a test session) would hit it. Every stage that
needs an index takes the class from here, so onnxruntime is always in first.
"""

from __future__ import annotations

__all__ = ["index_class"]


def index_class():
    import onnxruntime  # noqa: F401 - first, see above
    from usearch.index import Index

    return Index
