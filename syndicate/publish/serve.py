"""HTTP serving of feeds/ and translations/ for feed readers and the review desk.

Readers poll: a poll that changed nothing is answered 304 from a stat() alone (ETag and
Last-Modified come from the file's size and mtime), with no file read and no body.

Open to a network when --bind says so, hence bounded: a connection idle (or sending its
headers) for :data:`IDLE_TIMEOUT` seconds is closed, at most :data:`MAX_CONNECTIONS` are
served at once (more get 503), a path or header that cannot be read is a 400, and hidden
files (the state folder, ``.syndicate/state.db``) and the state are never served.
"""

from __future__ import annotations

import contextlib
import email.utils
import html
import mimetypes
import posixpath
import threading
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CONTENT_TYPES = {
    ".xml": "application/xml; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".opml": "text/x-opml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".png": "image/png",
}
BY_NAME = {
    "rss.xml": "application/rss+xml; charset=utf-8",
    "atom.xml": "application/atom+xml; charset=utf-8",
    "feed.json": "application/feed+json; charset=utf-8",
}


IDLE_TIMEOUT = 15.0  # seconds a connection may wait for, or dawdle over, a request
MAX_CONNECTIONS = 64
MAX_SEGMENT = 255  # bytes of one path segment (a file name on any file system)


def content_type(path: Path) -> str:
    return (
        BY_NAME.get(path.name)
        or CONTENT_TYPES.get(path.suffix)
        or (mimetypes.guess_type(path.name)[0] or "application/octet-stream")
    )


class BadRequest(ValueError):
    """A request path that cannot name a file of ours."""


def make_handler(
    mounts: dict[str, Path], hidden: tuple[Path, ...] = ()
) -> type[BaseHTTPRequestHandler]:
    """A handler serving each mount (``feeds`` -> feeds dir) read-only under /<mount>/;
    nothing under a ``hidden`` folder (the state) and no hidden file."""
    roots = {name: root.resolve() for name, root in mounts.items()}
    never = tuple(h.resolve() for h in hidden)

    class Handler(BaseHTTPRequestHandler):
        server_version = "syndicate"
        protocol_version = "HTTP/1.1"
        timeout = IDLE_TIMEOUT  # the socket's: an idle or dawdling client is let go

        def handle_one_request(self) -> None:
            try:
                super().handle_one_request()
            except (TimeoutError, ConnectionError):
                self.close_connection = True  # idle, dawdling, or gone: nothing to say

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            if not getattr(self.server, "quiet", False):
                super().log_message(format, *args)

        def resolve(self) -> Path | None:
            """The file a request names, None when there is none to serve; BadRequest
            for a path no file can have (a NUL, an overlong segment, bad escapes)."""
            try:
                path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path, errors="strict")
            except (UnicodeDecodeError, ValueError):
                raise BadRequest("path is not UTF-8") from None
            if "\0" in path or any(len(p.encode()) > MAX_SEGMENT for p in path.split("/")):
                raise BadRequest("path has a NUL or a segment too long for a file name")
            parts = [p for p in posixpath.normpath(path).split("/") if p and p != "."]
            if not parts:
                return None
            root = roots.get(parts[0])
            if root is None or ".." in parts or any(p.startswith(".") for p in parts):
                return None
            try:
                target = root.joinpath(*parts[1:]).resolve()
                if target != root and root not in target.parents:
                    return None
                if any(target == h or h in target.parents for h in never):
                    return None
                if target.is_dir():
                    target = target / "index.html"
                return target if target.is_file() else None
            except (OSError, ValueError):
                raise BadRequest("path cannot name a file") from None

        def do_HEAD(self) -> None:  # noqa: N802
            self.respond(body=False)

        def do_GET(self) -> None:  # noqa: N802
            self.respond(body=True)

        def respond(self, body: bool) -> None:
            if urllib.parse.urlsplit(self.path).path in ("", "/"):
                return self.home(body)
            try:
                target = self.resolve()
            except BadRequest as e:
                self.close_connection = True
                return self.plain(HTTPStatus.BAD_REQUEST, f"bad request: {e}\n", body)
            if target is None:
                return self.plain(HTTPStatus.NOT_FOUND, "not found\n", body)
            try:
                st = target.stat()
                data = target.read_bytes() if body else b""
            except OSError:  # gone between resolve and read (a run replacing it)
                return self.plain(HTTPStatus.NOT_FOUND, "not found\n", body)
            etag = f'"{st.st_mtime_ns:x}-{st.st_size:x}"'
            last_modified = email.utils.formatdate(st.st_mtime, usegmt=True)
            if self.not_modified(etag, st.st_mtime):
                self.send_response(HTTPStatus.NOT_MODIFIED)
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", last_modified)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", content_type(target))
            self.send_header("Content-Length", str(st.st_size if not body else len(data)))
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", last_modified)
            self.send_header("Cache-Control", "no-cache")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            if body:
                self.wfile.write(data)
            return None

        def not_modified(self, etag: str, mtime: float) -> bool:
            inm = self.headers.get("If-None-Match")
            if inm is not None:
                return etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
            ims = self.headers.get("If-Modified-Since")
            if ims:
                try:
                    since = email.utils.parsedate_to_datetime(ims).timestamp()
                except (TypeError, ValueError, OverflowError, IndexError):
                    return False  # a date no one can mean: answer in full
                return int(mtime) <= since
            return False

        def home(self, body: bool) -> None:
            links = "".join(
                f'<li><a href="/{html.escape(n)}/">{html.escape(n)}/</a></li>' for n in roots
            )
            page = f"<!doctype html><title>syndicate</title><ul>{links}</ul>\n"
            self.plain(HTTPStatus.OK, page, body, "text/html; charset=utf-8")

        def plain(self, status: int, text: str, body: bool, ctype: str = "text/plain") -> None:
            data = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if body:
                self.wfile.write(data)

    return Handler


class BoundedServer(ThreadingHTTPServer):
    """A thread per connection, at most :data:`MAX_CONNECTIONS` of them: one more is
    answered 503 and closed, so idle sockets cannot pile up threads."""

    daemon_threads = True
    quiet = False

    def __init__(self, *args, limit: int = MAX_CONNECTIONS, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.slots = threading.BoundedSemaphore(limit)

    def process_request(self, request, client_address) -> None:
        if not self.slots.acquire(blocking=False):
            with contextlib.suppress(OSError):
                request.sendall(
                    b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                    b"Connection: close\r\nRetry-After: 5\r\n\r\n"
                )
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


def make_server(
    mounts: dict[str, Path],
    bind: str,
    port: int,
    quiet: bool = False,
    hidden: tuple[Path, ...] = (),
    limit: int = MAX_CONNECTIONS,
):
    server = BoundedServer((bind, port), make_handler(mounts, hidden), limit=limit)
    server.quiet = quiet
    return server
