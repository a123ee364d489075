"""Fetching URLs: timeouts, a size cap, redirects followed one hop at a time.

Every hop's host is resolved and refused when any of its addresses is
loopback, private, link-local, multicast, reserved or unspecified, unless the
user allows private addresses. The check and the connection resolve the name
separately, so a DNS server that answers differently the second time
(rebinding) could still reach a private address; pinning the connection to
the checked address would close that gap.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from newsprism.errors import FetchError, InputTooLarge

__all__ = ["Fetched", "address_allowed", "fetch"]

MAX_REDIRECTS = 5
USER_AGENT = "newsprism/0.1 (+https://pypi.org/project/newsprism/)"


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    data: bytes
    content_type: str | None


def address_allowed(address: str) -> bool:
    """True for a public unicast address (IPv4-mapped IPv6 checked as IPv4)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
                or ip.is_reserved or ip.is_unspecified)


def _check_host(url: str, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"refused {url}: only http and https URLs are fetched")
    if not parts.hostname:
        raise FetchError(f"refused {url}: no host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80),
                                   type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {parts.hostname}: {exc}") from None
    for info in infos:
        if not address_allowed(info[4][0]):
            raise FetchError(f"refused {url}: {parts.hostname} is a private or local address "
                             f"({info[4][0]}); use --allow-private to fetch it")


def fetch(url: str, *, max_bytes: int, timeout: float = 20.0, allow_private: bool = False) -> Fetched:
    """The body of `url` after redirects, or FetchError / InputTooLarge."""
    import httpx

    limits = httpx.Timeout(timeout, connect=min(timeout, 10.0))
    with httpx.Client(timeout=limits, follow_redirects=False, headers={"User-Agent": USER_AGENT}) as client:
        for _ in range(MAX_REDIRECTS + 1):
            _check_host(url, allow_private)
            try:
                with client.stream("GET", url) as response:
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(f"redirect without a location from {url}")
                        url = urljoin(url, location)
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"HTTP {response.status_code} from {url}")
                    data = _read_capped(response, max_bytes, url)
                    return Fetched(str(response.url), data, response.headers.get("content-type"))
            except httpx.TimeoutException:
                raise FetchError(f"timed out after {timeout:g} s fetching {url}") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"cannot fetch {url}: {type(exc).__name__}: {exc}") from None
    raise FetchError(f"more than {MAX_REDIRECTS} redirects starting from {url}")


def _read_capped(response, max_bytes: int, url: str) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise InputTooLarge(f"{int(declared) / 1e6:.1f} MB at {url} is over the {max_bytes / 1e6:.0f} MB size cap "
                            f"(raise it with --max-size)")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise InputTooLarge(f"{url} is over the {max_bytes / 1e6:.0f} MB size cap (raise it with --max-size)")
        chunks.append(chunk)
    return b"".join(chunks)
