"""Fetching URLs with httpx; every failure becomes `InputError` E005.

Callers may bring their own `httpx.Client` (tests pass one on an
`httpx.MockTransport`); otherwise `make_client` builds one that follows a
bounded number of redirects.
"""

from __future__ import annotations

import ipaddress
import re
import socket

import httpx

from .. import __version__
from ..errors import input_error

__all__ = ["MAX_REDIRECTS", "USER_AGENT", "fetch", "is_url", "make_client", "megabytes", "refuse_private_address"]

USER_AGENT = f"claimledger/{__version__} (+https://github.com/claimledger/claimledger)"
MAX_REDIRECTS = 10
_TRANSFER_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def is_url(value: str) -> bool:
    """True for anything with a scheme ("https://…", "ftp://…"), not only http(s)."""
    return bool(_SCHEME.match(value))


def make_client(timeout: float) -> httpx.Client:
    """A client for fetching articles: a timeout and a user agent (`fetch` follows redirects)."""
    return httpx.Client(
        follow_redirects=False,
        max_redirects=MAX_REDIRECTS,
        timeout=timeout,
        headers={"User-Agent": USER_AGENT},
    )


def fetch(
    client: httpx.Client,
    url: str,
    *,
    timeout: float,
    max_bytes: int | None = None,
    allow_private: bool = False,
) -> httpx.Response:
    """GET `url` and return the (read) response; raises `InputError` E005, E013 or E080.

    Reasons are short: "HTTP 404 Not Found", "timed out after 20 s",
    "too many redirects", "connection failed (…)". A body over `max_bytes`
    is refused (E013) as soon as it passes the limit, never read whole.

    Redirects are followed here, one hop at a time, so that every address
    fetched is checked: unless `allow_private`, a URL or redirect whose host
    resolves to a loopback, private, link-local, multicast or reserved
    address is refused (E080), and a redirect to a scheme other than http(s)
    is refused too. (A name that does not resolve is left to the client,
    which then fails to connect.)
    """
    _check_scheme(url, url)
    original = url
    try:
        for _ in range(MAX_REDIRECTS + 1):
            if not allow_private:
                refuse_private_address(url)
            with client.stream("GET", url, follow_redirects=False, timeout=timeout) as streamed:
                location = streamed.headers.get("location")
                if streamed.is_redirect and location:
                    url = str(streamed.url.join(location))
                    _check_scheme(url, original)
                    continue
                body = _read_capped(streamed, url, max_bytes) if streamed.is_success else b""
                # The body is already decoded: drop the headers that describe its transfer form.
                headers = [(k, v) for k, v in streamed.headers.multi_items() if k.lower() not in _TRANSFER_HEADERS]
                response = httpx.Response(streamed.status_code, headers=headers, content=body, request=streamed.request)
                break
        else:
            raise httpx.TooManyRedirects("too many redirects", request=streamed.request)
    except httpx.TooManyRedirects:
        raise input_error("E005", source=original, reason="too many redirects") from None
    except httpx.TimeoutException:
        raise input_error("E005", source=url, reason=f"timed out after {timeout:g} s") from None
    except httpx.TransportError as exc:
        raise input_error("E005", source=url, reason=f"connection failed ({_first_line(exc)})") from None
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise input_error("E005", source=url, reason=_first_line(exc)) from None
    if not response.is_success:
        reason = f"HTTP {response.status_code} {response.reason_phrase}".strip()
        raise input_error("E005", source=url, reason=reason)
    if not response.content.strip():
        raise input_error("E005", source=url, reason="the server sent an empty response")
    return response


def _check_scheme(url: str, source: str) -> None:
    if not url.lower().startswith(("http://", "https://")):
        scheme = url.split(":", 1)[0]
        what = "unsupported URL scheme" if url == source else f"a redirect to {url}, whose scheme is"
        raise input_error("E005", source=source, reason=f"{what} '{scheme}' (use http or https)")


def refuse_private_address(url: str) -> None:
    """Raise E080 when the host of `url` resolves to an address that is not public.

    Checked after DNS resolution, on every hop: a public name that resolves to
    127.0.0.1 or to a cloud metadata address (169.254.169.254) is refused as
    the address itself would be.
    """
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        return  # the client says what is wrong with it
    host = parsed.host
    if not host:
        return
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)}
    except (socket.gaierror, UnicodeError, OSError):
        return
    for address in sorted(addresses):
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if not ip.is_global or ip.is_multicast:
            raise input_error("E080", source=url, address=address)


def _read_capped(response: httpx.Response, url: str, max_bytes: int | None) -> bytes:
    chunks, total = [], 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if max_bytes is not None and total > max_bytes:
            limit = megabytes(max_bytes)
            raise input_error("E013", source=url, size=f"a response of over {limit}", limit=limit)
        chunks.append(chunk)
    return b"".join(chunks)


def megabytes(size: int) -> str:
    """A size for a message: "16.0 MB"."""
    return f"{size / 1_048_576:,.1f} MB"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
