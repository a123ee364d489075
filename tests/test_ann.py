"""Clustering or aligning and then embedding in one process must not crash: onnxruntime first
imported after a usearch index has run segfaults, so `newsprism.ann` loads it first."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import numpy as np
from newsprism.align import nearest
keys, distances = nearest(np.random.default_rng(0).random((8, 4), dtype=np.float32), 3)
import onnxruntime
print("ok", keys.shape)
"""


def test_an_index_then_onnxruntime_in_one_process():
    run = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, f"exit {run.returncode}: {run.stderr[-1000:]}"
    assert run.stdout.startswith("ok (8, 3)")
