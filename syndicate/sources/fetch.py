"""The only network syndicate does: fetching the feeds a user named as sources.

Polite and bounded: a conditional GET (the ETag and Last-Modified the feed last gave,
kept in the state; a 304 costs nothing), a deadline for the whole fetch (a server that
drips a byte a second cannot hold the run), a size limit, at most
:data:`MAX_REDIRECTS` redirects, gzip, and a User-Agent that names us. Every failure is
a :class:`FetchError` with one line for a human.
"""

from __future__ import annotations

import gzip
import http.client
import socket
import threading
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from email.message import Message

from syndicate import __version__

TIMEOUT = 20.0  # seconds for the whole fetch (sources.TIMEOUT says the same)
MAX_BYTES = 10_000_000  # a feed, decompressed
MAX_REDIRECTS = 5
USER_AGENT = f"syndicate/{__version__} (offline feed translation for newsrooms)"


class FetchError(Exception):
    """A source that could not be fetched; the message is one line."""


@dataclass
class Fetched:
    data: bytes | None  # None: not modified since the last fetch
    etag: str | None
    last_modified: str | None
    url: str  # after redirects


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.startswith(("http://", "https://")):
            raise FetchError(f"redirected to {newurl!r}, not http(s)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    # No proxy handler from the environment is dropped: users behind one need it.
    return urllib.request.build_opener(_Redirects())


def _read(response, limit: int, deadline: float, timeout: float) -> bytes:
    """The body, chunk by chunk as it arrives (``read1``: a drip is seen between
    chunks), until the limit or the deadline."""
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(65536):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise FetchError(f"larger than {limit / 1e6:.0f} MB; not a feed we read")
        if time.monotonic() > deadline:
            raise FetchError(f"no complete answer within {timeout:g} s")
    return b"".join(chunks)


def _decoded(data: bytes, headers: Message, limit: int) -> bytes:
    encoding = (headers.get("Content-Encoding") or "").strip().lower()
    if encoding in ("", "identity"):
        return data
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(f"unknown Content-Encoding {encoding!r}")
    try:
        if encoding == "deflate":
            d = zlib.decompressobj()
        else:
            d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = d.decompress(data, limit + 1)
    except (zlib.error, gzip.BadGzipFile) as e:
        raise FetchError(f"broken {encoding} data ({e})") from None
    if len(out) > limit:
        raise FetchError(f"larger than {limit / 1e6:.0f} MB once decompressed")
    return out


def fetch(
    url: str,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = TIMEOUT,
    max_bytes: int | None = None,
) -> Fetched:
    """GET ``url``, conditionally when validators are given, in at most ``timeout``
    seconds from connecting to the last byte. The request runs in a thread of its own,
    given up at the deadline (a server can drip even its headers); the thread ends by
    itself soon after, at its next read."""
    deadline = time.monotonic() + timeout
    box: dict[str, object] = {}

    def work() -> None:
        try:
            box["got"] = _fetch(url, etag, last_modified, timeout, max_bytes, deadline)
        except BaseException as e:  # noqa: BLE001 - handed to the caller's thread
            box["error"] = e

    thread = threading.Thread(target=work, name=f"fetch {url}", daemon=True)
    thread.start()
    thread.join(timeout + 0.5)
    if thread.is_alive():
        raise FetchError(f"no complete answer within {timeout:g} s")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["got"]  # type: ignore[return-value]


def _fetch(
    url: str,
    etag: str | None,
    last_modified: str | None,
    timeout: float,
    max_bytes: int | None,
    deadline: float,
) -> Fetched:
    max_bytes = max_bytes or MAX_BYTES
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5",
        "Accept-Encoding": "gzip",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    try:
        with _opener().open(request, timeout=timeout) as response:
            body = _read(response, max_bytes, deadline, timeout)
            data = _decoded(body, response.headers, max_bytes)
            return Fetched(
                data,
                response.headers.get("ETag"),
                response.headers.get("Last-Modified"),
                response.geturl(),
            )
    except urllib.error.HTTPError as e:
        if e.code == 304:
            return Fetched(None, etag, last_modified, url)
        if e.code in (301, 302, 303, 307, 308):
            raise FetchError(f"more than {MAX_REDIRECTS} redirects") from None
        raise FetchError(f"HTTP {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        reason = e.reason
        if isinstance(reason, socket.timeout | TimeoutError):
            raise FetchError(f"no answer within {timeout:g} s") from None
        if isinstance(reason, socket.gaierror):
            raise FetchError("host not found (DNS); check the URL or the network") from None
        raise FetchError(f"cannot connect ({reason})") from None
    except TimeoutError:
        raise FetchError(f"no answer within {timeout:g} s") from None
    except http.client.HTTPException as e:  # a malformed status line, chunks, headers
        what = type(e).__name__
        raise FetchError(f"the server's answer is not valid HTTP ({what})") from None
    except (ConnectionError, OSError) as e:
        raise FetchError(f"connection failed ({e})") from None
