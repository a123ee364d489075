"""Fetching URLs: timeouts, a size cap, redirects followed one hop at a time.

Every hop's host is resolved and refused when any of its addresses is
loopback, private, link-local, multicast, reserved, unspecified or otherwise
not globally routable, unless the user allows private addresses.

Remaining gap (DNS rebinding): the check and the connection resolve the name
separately, so a DNS server that answers with a public address to the check
and a private one to the connection could still reach a private address.
Pinning the connection to the checked address (a custom transport that
connects to the IP while sending the name in Host and SNI) would close it.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from newsprism.errors import FetchError, InputTooLarge

__all__ = ["Fetched", "address_allowed", "fetch"]

# Browsers allow 20; news pages need one or two (http -> https, a tracking hop).
MAX_REDIRECTS = 5
USER_AGENT = "newsprism/0.1 (+https://pypi.org/project/newsprism/)"
# A reachable server accepts a connection within seconds; waiting longer only
# delays the error.
MAX_CONNECT_TIMEOUT = 10.0
# Per-read timeouts alone let a server that sends a byte every few seconds
# hold a fetch for ever; the whole fetch (every hop and the body) gets this
# many times the per-operation timeout.
TOTAL_TIMEOUT_FACTOR = 3


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched body: the final URL after redirects, the bytes, the server's content type."""

    url: str
    data: bytes
    content_type: str | None


def address_allowed(address: str) -> bool:
    """True for a globally routable unicast address.

    IPv4-mapped IPv6 (::ffff:a.b.c.d) and 6to4 (2002::/16) addresses are
    judged by the IPv4 address they carry as well.
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif ip.sixtofour is not None and not address_allowed(str(ip.sixtofour)):
            return False
    return ip.is_global and not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
                                 or ip.is_reserved or ip.is_unspecified)


def fetch(url: str, *, max_bytes: int, timeout: float = 20.0, allow_private: bool = False) -> Fetched:
    """The body of `url` after redirects, or FetchError / InputTooLarge."""
    import httpx

    limits = httpx.Timeout(connect=min(timeout, MAX_CONNECT_TIMEOUT), read=timeout, write=timeout, pool=timeout)
    deadline = time.monotonic() + timeout * TOTAL_TIMEOUT_FACTOR
    with httpx.Client(timeout=limits, follow_redirects=False, headers={"User-Agent": USER_AGENT}) as client:
        for _ in range(MAX_REDIRECTS + 1):
            if time.monotonic() > deadline:
                raise FetchError(f"timed out following redirects to {url}")
            _check_url(url, allow_private)
            try:
                with client.stream("GET", url) as response:
                    location = response.headers.get("location", "").strip()
                    if response.is_redirect and location:
                        url = urljoin(url, location)
                        continue
                    if not response.is_success:
                        raise FetchError(f"HTTP {response.status_code} from {url}")
                    data = _read_capped(response, max_bytes, url, deadline)
                    return Fetched(str(response.url), data, response.headers.get("content-type"))
            except httpx.TimeoutException:
                raise FetchError(f"timed out after {timeout:g} s fetching {url}") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"cannot fetch {url}: {_short(exc)}") from None
            except httpx.InvalidURL as exc:
                raise FetchError(f"refused {url}: invalid URL ({exc})") from None
    raise FetchError(f"more than {MAX_REDIRECTS} redirects, the last to {url}")


def _check_url(url: str, allow_private: bool) -> None:
    """Refuse other schemes and, unless allowed, hosts with a non-public address."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:  # a port out of range or not a number
        raise FetchError(f"refused {url}: invalid URL ({exc})") from None
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"refused {url}: only http and https URLs are fetched")
    if not parts.hostname:
        raise FetchError(f"refused {url}: no host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:  # socket.gaierror is an OSError
        raise FetchError(f"cannot resolve {parts.hostname}: {exc}") from None
    for info in infos:
        address = str(info[4][0])
        if not address_allowed(address):
            raise FetchError(f"refused {url}: {parts.hostname} is a private or local address "
                             f"({address}); use --allow-private to fetch it")


def _read_capped(response, max_bytes: int, url: str, deadline: float) -> bytes:
    """The body, refused as soon as it is over `max_bytes` (decoded) or over time."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise InputTooLarge(f"{int(declared) / 1e6:.1f} MB at {url} is over the {max_bytes / 1e6:.0f} MB size cap "
                            f"(raise it with --max-size)")
    chunks, size = [], 0
    for chunk in response.iter_bytes():  # decompressed: a gzip bomb meets the cap too
        size += len(chunk)
        if size > max_bytes:
            raise InputTooLarge(f"{url} is over the {max_bytes / 1e6:.0f} MB size cap (raise it with --max-size)")
        if time.monotonic() > deadline:
            raise FetchError(f"timed out: {url} sent its body too slowly")
        chunks.append(chunk)
    return b"".join(chunks)


def _short(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."
