"""The web app: configuration, per-thread stores, who is asking, and the security headers.

`create_app(config)` wires the pages (`pages.py`) and the JSON API (`api.py`) to one store
target, a worker and a feed follower. Routes hold no analysis: they read the store, queue jobs
and render what the library returns.
"""

from __future__ import annotations

import ipaddress
import secrets
import threading
import time
import weakref
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from newsprism.web.auth import (CSRF_COOKIE, SESSION_COOKIE, Principal, RateLimiter, Sessions, role_at_least,
                                token_hash)

__all__ = ["ServeConfig", "Stores", "create_app", "is_loopback"]

# How long the "are there users?" answer is trusted: a user added with the CLI turns login on
# within this many seconds without a restart.
AUTH_STATE_TTL_S = 5.0
# Content-Security-Policy of every page: nothing from elsewhere; inline style and script as in the
# HTML report; scripts may call back only to this server.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class ServeConfig:
    """How `newsprism serve` runs: the store, the address, and the limits of URL fetching."""

    db: str | Path
    host: str = "127.0.0.1"
    port: int = 8000
    allow_private: bool = False  # fetch URLs and feeds on private addresses (tests, intranets)
    fetches_per_minute: int = 30  # URLs and feeds a user may add per minute
    feed_interval_s: int = 900
    workers: bool = True  # start the job worker and the feed follower


class Stores:
    """One store connection per thread (SQLite connections stay on their thread; PostgreSQL
    gets one connection per request thread), opened on first use and closed when the thread ends
    (the server's thread pool retires idle threads: only the thread-local holds the store)."""

    def __init__(self, target) -> None:
        self.target = target
        self._local = threading.local()
        self._opened: weakref.WeakSet = weakref.WeakSet()
        self._lock = threading.Lock()

    def get(self):
        store = getattr(self._local, "store", None)
        if store is None:
            from newsprism.store import open_store

            store = open_store(self.target)
            self._local.store = store
            weakref.finalize(store, _close_connection, store._conn)
            with self._lock:
                self._opened.add(store)
        return store

    def close_all(self) -> None:
        with self._lock:
            for store in list(self._opened):
                try:
                    store.close()
                except Exception:  # noqa: BLE001 - closing at shutdown; another thread may hold it
                    pass


def _close_connection(conn) -> None:
    try:
        conn.close()
    except Exception:  # noqa: BLE001 - a connection closed twice, or from another thread
        pass


class NotSignedIn(Exception):
    """The request needs a signed-in user."""


class Forbidden(Exception):
    """The user's role may not do this, or the CSRF token is missing or wrong."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class State:
    """What the routes share: config, stores, sessions, worker, rate limit."""

    def __init__(self, config: ServeConfig) -> None:
        from newsprism.read import ReadOptions

        self.config = config
        self.stores = Stores(_target(config.db))
        store = self.stores.get()
        self.sessions = Sessions(store.setting_once("session_secret", secrets.token_urlsafe(48)))
        self.read_options = ReadOptions(allow_private=config.allow_private)
        self.fetch_limit = RateLimiter(config.fetches_per_minute)
        self.loopback = is_loopback(config.host)
        self._auth_state: tuple[float, bool] = (0.0, True)
        from newsprism.web.worker import FeedFollower, Worker

        self.worker = Worker(self.stores, self.read_options)
        self.feeds = FeedFollower(self.stores, self.worker, self.read_options)
        self.marks: dict = {}  # article marks by (article, briefing fingerprint)

    def auth_required(self) -> bool:
        """Login is on when the store has users, and always off loopback (serve refuses to start there without)."""
        at, required = self._auth_state
        if time.monotonic() - at > AUTH_STATE_TTL_S:
            required = not self.loopback or self.stores.get().user_count() > 0
            self._auth_state = (time.monotonic(), required)
        return required

    def principal(self, request: Request) -> Principal | None:
        """Who the request acts for, or None (not signed in)."""
        store = self.stores.get()
        authorization = request.headers.get("authorization", "")
        if authorization.lower().startswith("bearer "):
            user = store.token_user(token_hash(authorization[7:].strip()))
            return Principal(user["name"], user["role"], "token") if user else None
        session = self.sessions.read(request.cookies.get(SESSION_COOKIE))
        if session:
            user = store.user(session[0])
            if user and user["session_version"] == session[1]:
                return Principal(user["name"], user["role"], "session")
        if not self.auth_required():
            return Principal("local", "admin", "anonymous")
        return None

    def csrf_token(self, request: Request) -> str:
        return self.sessions.csrf_token(request.state.csrf_cookie)

    def check_csrf(self, request: Request, token: str | None) -> None:
        if not self.sessions.csrf_ok(request.cookies.get(CSRF_COOKIE), token):
            raise Forbidden("missing or wrong CSRF token: reload the page and try again")


def _target(db):
    from newsprism.store import store_target

    return store_target(db)


def require(request: Request, role: str = "reader") -> Principal:
    state: State = request.app.state.np
    principal = state.principal(request)
    if principal is None:
        raise NotSignedIn()
    if not role_at_least(principal, role):
        raise Forbidden(f"your role ({principal.role}) may not do this; it needs {role}")
    request.state.principal = principal
    return principal


def create_app(config: ServeConfig) -> FastAPI:
    from newsprism.web import api, pages

    state = State(config)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if config.workers:
            state.worker.start()
            state.feeds.start()
        yield
        if config.workers:
            state.feeds.stop()
            state.worker.stop()
        state.stores.close_all()

    app = FastAPI(title="newsprism", version="1", lifespan=lifespan, docs_url=None, redoc_url=None,
                  openapi_url=None,
                  description="Events, briefings (the newsprism.report/1 contract), articles, search, "
                              "ingest and feeds. Authenticate with a session cookie (and X-CSRF-Token on "
                              "writes) or `Authorization: Bearer <API token>`.")
    app.state.np = state

    @app.get("/openapi.json", include_in_schema=False)
    def openapi(request: Request):
        require(request)
        return JSONResponse(app.openapi())

    app.include_router(api.router)
    app.include_router(pages.router)

    @app.middleware("http")
    async def security(request: Request, call_next):
        csrf_cookie = request.cookies.get(CSRF_COOKIE)
        fresh = not csrf_cookie or len(csrf_cookie) > 100
        request.state.csrf_cookie = secrets.token_urlsafe(24) if fresh else csrf_cookie
        if state.loopback and not _local_host_header(request.headers.get("host", "")):
            # A page elsewhere whose name resolves to 127.0.0.1 (DNS rebinding) reaches no route.
            response: Response = JSONResponse({"detail": "unknown Host header"}, status_code=400)
        else:
            response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        if fresh:
            response.set_cookie(CSRF_COOKIE, request.state.csrf_cookie, httponly=True, samesite="strict",
                                secure=request.url.scheme == "https", path="/")
        return response

    @app.exception_handler(NotSignedIn)
    async def not_signed_in(request: Request, exc: NotSignedIn):
        if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
            return JSONResponse({"detail": "sign in, or send Authorization: Bearer <API token>"}, status_code=401,
                                headers={"WWW-Authenticate": "Bearer"})
        from urllib.parse import quote

        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)

    @app.exception_handler(api.NotFound)
    async def not_found(request: Request, exc: api.NotFound):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=404)
        return pages.error_page(request, 404, str(exc))

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.reason}, status_code=403)
        return pages.error_page(request, 403, exc.reason)

    return app


def _local_host_header(host: str) -> bool:
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return is_loopback(name.strip("[]")) or name == ""
