"""Helpers of the web tests: a real newsprism server on 127.0.0.1 (uvicorn in a thread, workers on) over a real store of each
kind, and a local feed server carrying the five seeds."""

from __future__ import annotations

import html
import http.server
import re
import socket
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from quality import SEEDS

PASSWORD = "correct horse battery"
# Each seed's entry links to its outlet's site, so the outlet is named as it would be in a real feed.
_LINKS = {"000": "https://www.dailymail.co.uk/news/article-10540529/russian-tanks-roll-into-ukraine.html",
          "001": "https://nationalfile.com/russian-military-formally-enters-eastern-ukraine/",
          "003": "https://www.themoscowtimes.com/2022/02/22/putin-orders-russian-military-to-act-as-peacekeepers",
          "004": "https://en.mehrnews.com/news/183456/putin-signs-decrees-recognizing-donetsk-lugansk"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seeds_feed() -> bytes:
    """An RSS feed whose five entries are the seed articles as newsprism reads them."""
    from newsprism.pipeline import read_articles

    items = []
    for article in read_articles([str(SEEDS)]).articles:
        key = Path(article.source).name[:3]
        link = article.url or _LINKS[key]
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in article.body.split("\n\n"))
        items.append(f"<item><title>{html.escape(article.title or '')}</title><link>{html.escape(link)}</link>"
                     f"<guid>{html.escape(link)}</guid><description><![CDATA[{paragraphs}]]></description></item>")
    return ("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Seeds</title>"
            f"<link>http://127.0.0.1/</link><description>five reports</description>{''.join(items)}</channel></rss>"
            ).encode("utf-8")


@pytest.fixture(scope="session")
def feed_server():
    """http://127.0.0.1:PORT/seeds.xml (the seeds) and /broken.xml (HTTP 500)."""
    body = seeds_feed()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            if self.path == "/seeds.xml":
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            else:
                self.send_error(500 if self.path == "/broken.xml" else 404)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@dataclass
class Site:
    base: str
    db: str
    app: object

    def client(self, **kwargs) -> httpx.Client:
        return httpx.Client(base_url=self.base, timeout=60, **kwargs)

    def login(self, name: str, password: str = PASSWORD) -> httpx.Client:
        """A client signed in through the login form (CSRF token and all)."""
        client = self.client()
        client.post("/login", data={"csrf_token": csrf_of(client.get("/login").text), "name": name,
                                    "password": password, "next": "/"})
        assert "np_session" in client.cookies, "sign-in failed"
        return client


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def start_site(db: str, users: dict[str, str] | None = None, **config) -> tuple[Site, object]:
    import uvicorn

    from newsprism.store import open_store
    from newsprism.web.app import ServeConfig, create_app
    from newsprism.web.auth import hash_password

    with open_store(db) as store:
        for name, role in (users or {}).items():
            store.add_user(name, hash_password(PASSWORD), role, "2026-01-01T00:00:00+00:00")
    port = free_port()
    app = create_app(ServeConfig(db=db, port=port, **config))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.05)
    return Site(f"http://127.0.0.1:{port}", db, app), (server, thread)


def stop_site(handle) -> None:
    server, thread = handle
    server.should_exit = True
    thread.join(timeout=30)


def new_db(kind: str, request) -> str:
    if kind == "sqlite":
        return str(Path(tempfile.mkdtemp(prefix="newsprism-web-")) / "store.db")
    return request.getfixturevalue("postgres_server").new_database()


def wait_for(check, timeout: float, what: str, every: float = 1.0):
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)
