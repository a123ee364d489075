"""Fetching URLs from a real local HTTP server."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsprism.errors import FetchError, InputTooLarge
from newsprism.model import RawDocument, Skipped
from newsprism.read import ReadOptions, read_sources
from newsprism.read import fetch as fetch_module
from newsprism.read.fetch import address_allowed, fetch

PAGE = ("<html><head><title>Bridge reopens</title></head><body><article>"
        + "".join(f"<p>Paragraph {i}: the bridge reopened to traffic on Monday after repairs.</p>" for i in range(6))
        + "</article></body></html>").encode()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):
        if self.path == "/page":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.end_headers()
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no Content-Length: the cap must hold while streaming
            try:
                for _ in range(64):
                    self.wfile.write(b"x" * 65536)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading at its cap, as it should
        elif self.path == "/slow":
            time.sleep(3)
            self._send(200, PAGE, "text/html")
        elif self.path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:  # a byte every 0.1 s: no single read times out, the whole fetch must
                for _ in range(100):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif self.path == "/declared-huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(10**9))
            self.end_headers()
        elif self.path == "/to-other-loopback":
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.2:{self.server.server_address[1]}/page")
            self.end_headers()
        elif self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
        elif self.path == "/multiple-choices":
            self._send(300, b"pick one", "text/plain")
        elif self.path == "/error":
            self._send(500, b"oops", "text/plain")
        else:
            self._send(404, b"not here", "text/plain")

    def _send(self, status, body, content_type):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_loopback_is_refused_by_default(server):
    with pytest.raises(FetchError, match="private or local"):
        fetch(f"{server}/page", max_bytes=10**6)


def test_allowed_with_allow_private_and_follows_redirects(server):
    got = fetch(f"{server}/redirect", max_bytes=10**6, allow_private=True)
    assert got.url.endswith("/page") and got.data == PAGE


def test_size_cap_while_streaming(server):
    with pytest.raises(InputTooLarge):
        fetch(f"{server}/huge", max_bytes=100_000, allow_private=True)


def test_declared_size_over_the_cap_is_refused_before_reading(server):
    with pytest.raises(InputTooLarge, match="1000.0 MB"):
        fetch(f"{server}/declared-huge", max_bytes=100_000, allow_private=True)


def test_a_body_sent_too_slowly_times_out(server):
    started = time.monotonic()
    with pytest.raises(FetchError, match="too slowly"):
        fetch(f"{server}/drip", max_bytes=10**6, timeout=0.4, allow_private=True)
    assert time.monotonic() - started < 3


def test_timeout(server):
    with pytest.raises(FetchError, match="timed out"):
        fetch(f"{server}/slow", max_bytes=10**6, timeout=0.5, allow_private=True)


def test_http_error_and_redirect_loop(server):
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(f"{server}/missing", max_bytes=10**6, allow_private=True)
    with pytest.raises(FetchError, match="redirects"):
        fetch(f"{server}/loop", max_bytes=10**6, allow_private=True)


def test_url_source_reads_an_article(server):
    items = list(read_sources([f"{server}/page"], ReadOptions(allow_private=True)))
    assert isinstance(items[0], RawDocument) and items[0].url.endswith("/page")
    refused = list(read_sources([f"{server}/page"]))
    assert isinstance(refused[0], Skipped) and "--allow-private" in refused[0].reason


def test_any_status_but_success_is_an_error(server):
    for path, status in (("/error", 500), ("/multiple-choices", 300)):
        with pytest.raises(FetchError, match=f"HTTP {status}"):
            fetch(f"{server}{path}", max_bytes=10**6, allow_private=True)


def test_only_http_schemes(server):
    with pytest.raises(FetchError, match="http"):
        fetch("file:///etc/passwd", max_bytes=100)
    with pytest.raises(FetchError, match="only http and https"):
        fetch(f"{server}/to-file", max_bytes=10**6, allow_private=True)


def test_invalid_urls_are_refused():
    for url in ("http://example.org:99999/", "http://example.org:port/", "http:///no-host"):
        with pytest.raises(FetchError, match="refused"):
            fetch(url, max_bytes=100)


def test_every_redirect_hop_is_checked(server, monkeypatch):
    # No public server is reachable here: let the test server's address pass as
    # public, so the redirect to another loopback address is the hop refused.
    real = fetch_module.address_allowed
    monkeypatch.setattr(fetch_module, "address_allowed", lambda a: a == "127.0.0.1" or real(a))
    assert fetch(f"{server}/page", max_bytes=10**6).data == PAGE
    with pytest.raises(FetchError, match=r"127\.0\.0\.2 is a private or local address"):
        fetch(f"{server}/to-other-loopback", max_bytes=10**6)


@pytest.mark.parametrize("address, allowed", [
    ("10.1.2.3", False), ("192.168.0.1", False), ("172.16.5.4", False), ("127.0.0.1", False),
    ("::1", False), ("169.254.169.254", False), ("::ffff:127.0.0.1", False), ("0.0.0.0", False),
    ("224.0.0.1", False), ("fe80::1", False), ("93.184.216.34", True), ("2606:4700::1111", True),
    ("100.64.0.1", False),          # carrier-grade NAT: not private, not public either
    ("::ffff:10.0.0.1", False), ("::ffff:93.184.216.34", True),
    ("2002:a00:1::1", False),       # 6to4 carrying 10.0.0.1
    ("fc00::1", False), ("ff02::1", False), ("255.255.255.255", False), ("not an address", False),
])
def test_address_policy(address, allowed):
    assert address_allowed(address) is allowed
