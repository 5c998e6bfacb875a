"""HTTP serving of feeds/ and translations/ for feed readers and the review desk.

Readers poll: a poll that changed nothing is answered 304 from a stat() alone (ETag and
Last-Modified come from the file's size and mtime), with no file read and no body.
"""

from __future__ import annotations

import email.utils
import html
import mimetypes
import posixpath
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


def content_type(path: Path) -> str:
    return (
        BY_NAME.get(path.name)
        or CONTENT_TYPES.get(path.suffix)
        or (mimetypes.guess_type(path.name)[0] or "application/octet-stream")
    )


def make_handler(mounts: dict[str, Path]) -> type[BaseHTTPRequestHandler]:
    """A handler serving each mount (``feeds`` -> feeds dir) read-only under /<mount>/."""
    roots = {name: root.resolve() for name, root in mounts.items()}

    class Handler(BaseHTTPRequestHandler):
        server_version = "syndicate"
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            if not getattr(self.server, "quiet", False):
                super().log_message(format, *args)

        def resolve(self) -> Path | None:
            path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
            parts = [p for p in posixpath.normpath(path).split("/") if p and p != "."]
            if not parts:
                return None
            root = roots.get(parts[0])
            if root is None or ".." in parts:
                return None
            target = root.joinpath(*parts[1:]).resolve()
            if target != root and root not in target.parents:
                return None
            if target.is_dir():
                target = target / "index.html"
            return target if target.is_file() else None

        def do_HEAD(self) -> None:  # noqa: N802
            self.respond(body=False)

        def do_GET(self) -> None:  # noqa: N802
            self.respond(body=True)

        def respond(self, body: bool) -> None:
            if urllib.parse.urlsplit(self.path).path in ("", "/"):
                return self.home(body)
            target = self.resolve()
            if target is None:
                return self.plain(HTTPStatus.NOT_FOUND, "not found\n", body)
            st = target.stat()
            etag = f'"{st.st_mtime_ns:x}-{st.st_size:x}"'
            last_modified = email.utils.formatdate(st.st_mtime, usegmt=True)
            if self.not_modified(etag, st.st_mtime):
                self.send_response(HTTPStatus.NOT_MODIFIED)
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", last_modified)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            data = target.read_bytes() if body else b""
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
                except (TypeError, ValueError):
                    return False
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


def make_server(mounts: dict[str, Path], bind: str, port: int, quiet: bool = False):
    server = ThreadingHTTPServer((bind, port), make_handler(mounts))
    server.daemon_threads = True
    server.quiet = quiet  # type: ignore[attr-defined]
    return server
