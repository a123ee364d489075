"""Fixtures of the web tests (helpers in tests/webserver.py)."""

import onnxruntime  # noqa: F401 - before anything runs usearch: imported after it, onnxruntime segfaults

from webserver import feed_server  # noqa: F401
