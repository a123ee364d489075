"""Who may do what: argon2 passwords, signed session cookies, CSRF tokens, API tokens, roles and a
per-user rate limit for fetching URLs.

- A session cookie holds the user's name and session version, signed (itsdangerous) with the
  store's secret; raising the version (a new password) ends every session. HttpOnly, SameSite=Lax,
  Secure when the request came over TLS (directly or through a proxy uvicorn trusts).
- CSRF: every visitor gets a random `np_csrf` cookie; the token forms and scripts send back is an
  HMAC of it under the secret. A form post, or a cookie-authenticated API write, without a token
  that matches is refused. A request with a bearer API token carries no ambient authority and
  needs none.
- Roles: reader < editor (adds articles and feeds) < admin.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass

from newsprism.store.shared import ROLES

__all__ = ["Principal", "RateLimiter", "Sessions", "hash_password", "new_token", "role_at_least", "token_hash",
           "verify_password"]

SESSION_COOKIE = "np_session"
CSRF_COOKIE = "np_csrf"
# Two weeks: a desk signs in on Monday and is still signed in next week, not for ever.
SESSION_MAX_AGE_S = 14 * 24 * 3600


@dataclass(frozen=True, slots=True)
class Principal:
    """Who a request acts for: a user (by session or token), or the one person of a loopback server."""

    name: str
    role: str
    via: str  # "session", "token" or "anonymous"


def role_at_least(principal: Principal, role: str) -> bool:
    return ROLES.index(principal.role) >= ROLES.index(role)


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()  # argon2id with the library's current recommended parameters


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def new_token() -> str:
    """An API token: shown once; the store keeps only its hash."""
    return "np_" + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Sessions:
    """Signs session cookies and derives CSRF tokens with one secret."""

    def __init__(self, secret: str) -> None:
        from itsdangerous import URLSafeTimedSerializer

        self._secret = secret.encode()
        self._serializer = URLSafeTimedSerializer(secret, salt="newsprism.session")

    def cookie_for(self, user: dict) -> str:
        return self._serializer.dumps({"u": user["name"], "v": user["session_version"]})

    def read(self, cookie: str | None) -> tuple[str, int] | None:
        from itsdangerous import BadSignature

        if not cookie:
            return None
        try:
            data = self._serializer.loads(cookie, max_age=SESSION_MAX_AGE_S)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("u"), str) or not isinstance(data.get("v"), int):
            return None
        return data["u"], data["v"]

    def csrf_token(self, csrf_cookie: str) -> str:
        return hmac.new(self._secret, b"csrf:" + csrf_cookie.encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, csrf_cookie: str | None, token: str | None) -> bool:
        if not csrf_cookie or not token:
            return False
        return hmac.compare_digest(self.csrf_token(csrf_cookie), token)


class RateLimiter:
    """A token bucket per user: `per_minute` fetches, refilled continuously."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, who: str, n: int = 1, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, at = self._buckets.get(who, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - at) * self.per_minute / 60)
            if tokens < n:
                self._buckets[who] = (tokens, now)
                return False
            self._buckets[who] = (tokens - n, now)
            return True
