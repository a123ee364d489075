"""Fixtures of the web tests (helpers in tests/webserver.py)."""

from webserver import feed_server  # noqa: F401
