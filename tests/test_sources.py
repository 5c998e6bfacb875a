"""Partner feeds as sources, fetched from a real HTTP server on loopback."""

from __future__ import annotations

import contextlib
import gzip
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner

from syndicate.cli import main
from syndicate.sources import fetch

from conftest import copy_articles, raw_http_server

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Northbay Herald</title><link>https://herald.example.com/</link>
<description>City news</description>
{items}
</channel></rss>
"""
FERRY = """<item><title>Harbour ferry returns after repairs</title>
<link>https://herald.example.com/city/ferry-returns</link>
<guid isPermaLink="false">herald-1001</guid><dc:creator>Nora Field</dc:creator>
<pubDate>Mon, 23 Nov 2026 08:00:00 GMT</pubDate><description>The ferry is back.</description>
<content:encoded><![CDATA[<p>The harbour ferry returned to service on <strong>Monday</strong>
after {weeks} weeks of repairs.</p>
<p>"We missed it every morning," said commuter Paul Grant.<script>alert(1)</script>
<img src="https://evil.example/x.png" onerror="alert(2)"></p>
<p>Tickets cost <a href="https://herald.example.com/fares" onclick="steal()">the same</a>
and <a href="javascript:alert(3)">more</a>.</p>]]></content:encoded></item>"""
LIBRARY = """<item><title>Library extends opening hours</title>
<link>https://herald.example.com/city/library-hours</link>
<guid>https://herald.example.com/city/library-hours</guid>
<pubDate>Sun, 22 Nov 2026 10:00:00 GMT</pubDate>
<description>The central library will open until nine in the evening from next month,
the city said on Sunday.</description></item>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire Service</title>
<id>tag:wire.example,2026:feed</id><updated>2026-11-24T09:00:00Z</updated>
<author><name>Wire Desk</name></author>
<entry><title type="html">Storm closes &lt;b&gt;mountain&lt;/b&gt; roads</title>
<id>tag:wire.example,2026:storm-1</id><updated>2026-11-24T09:00:00Z</updated>
<published>2026-11-24T08:30:00Z</published>
<link rel="alternate" href="https://wire.example/storm"/>
<content type="html">&lt;p&gt;Heavy snow closed three mountain roads on Tuesday, police
said.&lt;/p&gt;&lt;p&gt;Drivers were told to stay at home.&lt;/p&gt;</content></entry>
</feed>
"""
PAGE = "<!doctype html><html><head><title>Herald</title></head><body><p>Hi</p></body></html>"


class Partner(BaseHTTPRequestHandler):
    """Serves the partner feeds; records each request's headers."""

    feeds: dict[str, bytes] = {}
    etags: dict[str, str] = {}
    requests: list[tuple[str, dict]] = []
    modified = "Mon, 23 Nov 2026 09:00:00 GMT"

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):  # noqa: N802 - the http.server API
        self.requests.append((self.path, dict(self.headers)))
        if self.path == "/slow.xml":
            time.sleep(3)
        if self.path in ("/drip.xml", "/drip-headers.xml"):
            self._drip(self.path == "/drip-headers.xml")
            return
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/atom.xml")
            self.end_headers()
            return
        body = self.feeds.get(self.path)
        if body is None:
            self.send_error(404)
            return
        etag = self.etags.get(self.path)
        if etag and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        ctype = "text/html" if self.path.endswith(".html") else "application/rss+xml"
        self.send_header("Content-Type", ctype)
        if etag:
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", self.modified)
        if "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError):  # the slow one: the client gave up
            self.wfile.write(body)

    def _drip(self, headers: bool) -> None:
        """A byte every 0.2 s, each read well inside any per-read timeout: of the
        headers, or of a body that would take minutes."""
        with contextlib.suppress(OSError):
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            if headers:
                for ch in b"X-Drip: " + b"x" * 600:
                    self.wfile.write(bytes([ch]))
                    self.wfile.flush()
                    time.sleep(0.2)
            self.wfile.write(b"Content-Type: application/rss+xml\r\nContent-Length: 600\r\n\r\n")
            for ch in ATOM.encode()[:600]:
                self.wfile.write(bytes([ch]))
                self.wfile.flush()
                time.sleep(0.2)


@pytest.fixture
def partner():
    Partner.feeds = {
        "/rss.xml": RSS.format(items=FERRY.format(weeks="three") + LIBRARY).encode(),
        "/atom.xml": ATOM.encode(),
        "/bad.xml": b"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title><item>",
        "/page.html": PAGE.encode(),
        "/slow.xml": ATOM.encode(),
    }
    Partner.etags = {"/rss.xml": '"v1"'}
    Partner.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Partner)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def setup_desk(tmp_path: Path, base: str, sources: str) -> Path:
    """A newsroom folder: syndicate.toml with [[sources]], and one local article."""
    (tmp_path / "articles").mkdir()
    copy_articles(tmp_path / "articles", "harbour-bridge-vote.txt")
    (tmp_path / "syndicate.toml").write_text(
        '[syndicate]\narticles = "articles"\nfeeds = "feeds"\ntranslations = "translations"\n'
        'targets = ["es"]\nglossary = "none.toml"\n\n' + sources.replace("BASE", base)
    )
    (tmp_path / "none.toml").write_text("")
    return tmp_path / "syndicate.toml"


def run(config: Path, *args: str):
    result = CliRunner().invoke(
        main, ["run", "--config", str(config), *args, "--json"], catch_exceptions=False
    )
    return result, json.loads(result.stdout)


SOURCES = """
[[sources]]
url = "BASE/rss.xml"
name = "Northbay Herald"

[[sources]]
url = "BASE/atom.xml"
lang = "en"

[[sources]]
url = "BASE/bad.xml"

[[sources]]
url = "BASE/slow.xml"
timeout = 0.5
"""


def entries(folder: Path, lang: str = "es") -> dict:
    parsed = feedparser.parse(folder / "feeds" / lang / "atom.xml")
    assert not parsed.bozo
    return {e.id: e for e in parsed.entries}


def test_sources_publish_and_failures_are_one_line_each(partner, tmp_path):
    config = setup_desk(tmp_path, partner, SOURCES)
    result, data = run(config)
    assert data["exit_code"] == 1 and result.exit_code == 1
    errors = data["errors"]
    assert len(errors) == 2 and all("\n" not in e for e in errors)
    assert any("bad.xml" in e and "malformed feed" in e for e in errors)
    assert any("slow.xml" in e and "no answer within 0.5 s" in e for e in errors)
    slugs = {a["slug"]: a for a in data["articles"]}
    assert "harbour-bridge-vote" in slugs  # the local article still publishes
    got = entries(tmp_path)
    titles = {e.title for e in got.values()}
    assert {"Storm closes mountain roads"} & {e.title for e in entries(tmp_path, "en").values()}
    assert len(got) == 4, titles
    ferry = next(e for e in got.values() if "ferry" in e.link or "harbour-ferry" in e.id)
    assert ferry.author == "Nora Field"
    assert ferry.published.startswith("2026-11-23")
    assert "<strong>" in ferry.content[0].value and "«" in ferry.content[0].value
    vias = [ln.href for ln in ferry.links if ln.rel == "via"]
    assert vias == ["https://herald.example.com/city/ferry-returns"]
    storm = next(a for a in data["articles"] if a["slug"].startswith("storm"))
    assert storm["source_lang"] == "en" and storm["confidence"] == 1.0  # lang: detection skipped
    wire = entries(tmp_path, "en")
    assert any(e.author == "Wire Desk" for e in wire.values())  # the feed's author
    rss = feedparser.parse(tmp_path / "feeds" / "es" / "rss.xml")
    assert any(e.get("source", {}).get("title") == "Northbay Herald" for e in rss.entries)
    # The desk lists the failed sources first, with their reason
    desk = (tmp_path / "translations" / "index.html").read_text()
    assert "malformed feed" in desk and "no answer within 0.5 s" in desk
    # Polite: a User-Agent naming us, gzip asked for (and decoded)
    path, headers = Partner.requests[0]
    assert headers["User-Agent"].startswith("syndicate/") and "gzip" in headers["Accept-Encoding"]


def test_hostile_partner_html_is_gone(partner, tmp_path):
    config = setup_desk(tmp_path, partner, SOURCES)
    run(config)
    for path in [*(tmp_path / "feeds").rglob("*.*"), *(tmp_path / "translations").rglob("*.*")]:
        if path.suffix in (".xml", ".json", ".html", ".md"):
            text = path.read_text()
            for bad in ("<script", "onerror", "onclick", "javascript:", "evil.example"):
                assert bad not in text, (path, bad)
    entry = next(e for e in entries(tmp_path).values() if "harbour-ferry" in e.id)
    assert '<a href="https://herald.example.com/fares"' in entry.content[0].value


def test_second_run_is_conditional_and_costs_nothing(partner, tmp_path):
    config = setup_desk(tmp_path, partner, SOURCES)
    run(config)
    Partner.requests.clear()
    result, data = run(config)
    rss = [h for p, h in Partner.requests if p == "/rss.xml"]
    assert rss and rss[0]["If-None-Match"] == '"v1"'
    assert rss[0]["If-Modified-Since"] == Partner.modified
    ferry = next(a for a in data["articles"] if a["slug"].startswith("harbour-ferry"))
    assert ferry.get("unchanged") is True
    assert all(t["segments"]["sent"] == 0 for a in data["articles"] for t in a["targets"])


def test_updated_entry_keeps_its_id_and_dropped_entries_stay(partner, tmp_path):
    config = setup_desk(tmp_path, partner, SOURCES)
    run(config)
    before = {e.id: e for e in entries(tmp_path).values() if "harbour-ferry" in e.id}
    (ferry_id,) = before
    time.sleep(1.1)  # item times have one-second resolution
    # The partner corrects the ferry story and drops the library one from its feed.
    Partner.feeds["/rss.xml"] = RSS.format(items=FERRY.format(weeks="four")).encode()
    Partner.etags["/rss.xml"] = '"v2"'
    result, data = run(config)
    after = entries(tmp_path)
    assert ferry_id in after
    assert "cuatro" in after[ferry_id].content[0].value
    assert after[ferry_id].updated != before[ferry_id].updated
    assert any("library-extends" in i for i in after)  # dropped by the partner, kept by us
    assert not data["orphans"]


@pytest.mark.parametrize(
    "path, message",
    [
        ("/page.html", "an HTML page, not a feed"),
        ("/missing.xml", "HTTP 404"),
        ("/loop", f"more than {fetch.MAX_REDIRECTS} redirects"),
    ],
)
def test_url_on_the_command_line_and_its_errors(partner, tmp_path, path, message):
    config = setup_desk(tmp_path, partner, "")
    result, data = run(config, f"{partner}{path}", "--to", "es")
    assert result.exit_code == 1
    (error,) = data["errors"]
    assert message in error and f"{partner}{path}" in error


def test_url_and_feed_file_as_arguments(partner, tmp_path):
    config = setup_desk(tmp_path, partner, "")
    result, data = run(config, f"{partner}/moved", "--to", "es")  # a redirect, followed
    assert result.exit_code == 0, data["errors"]
    assert [a["slug"][:5] for a in data["articles"]] == ["storm"]
    feed_file = tmp_path / "partner.xml"
    feed_file.write_bytes(Partner.feeds["/rss.xml"])
    result, data = run(config, str(feed_file), "--to", "es")
    assert result.exit_code == 0, data["errors"]
    assert len(data["articles"]) == 2
    # the local article was not named: only what was
    assert "harbour-bridge-vote" not in {a["slug"] for a in data["articles"]}


def test_size_limit_and_per_source_targets(partner, tmp_path, monkeypatch):
    config = setup_desk(
        tmp_path,
        partner,
        '[[sources]]\nurl = "BASE/atom.xml"\ntargets = ["fr"]\n[[sources]]\nurl = "BASE/rss.xml"\n',
    )
    result, data = run(config, "--to", "es,fr")
    storm = next(a for a in data["articles"] if a["slug"].startswith("storm"))
    assert [t["lang"] for t in storm["targets"]] == ["fr"]
    ferry = next(a for a in data["articles"] if a["slug"].startswith("harbour-ferry"))
    assert [t["lang"] for t in ferry["targets"]] == ["es", "fr"]
    monkeypatch.setattr(fetch, "MAX_BYTES", 100)
    Partner.etags.clear()
    result, data = run(config, "--to", "es,fr")
    assert any("larger than" in e for e in data["errors"])
    assert len(entries(tmp_path)) == 3  # what the sources gave before stays published


@pytest.mark.parametrize("path", ["drip.xml", "drip-headers.xml"])
def test_a_dripping_server_cannot_hold_the_run(partner, tmp_path, path):
    """Each byte comes well inside the per-read timeout: only a deadline for the whole
    fetch ends it. The run goes on without that source, and the local article publishes."""
    config = setup_desk(tmp_path, partner, f'[[sources]]\nurl = "BASE/{path}"\ntimeout = 1.5\n')
    start = time.monotonic()
    _, data = run(config)
    took = time.monotonic() - start
    assert any(path in e and "no complete answer within 1.5 s" in e for e in data["errors"])
    assert took < 30, took  # the drip alone would take 120 s
    assert "harbour-bridge-vote" in {a["slug"] for a in data["articles"]}


BAD_ANSWERS = {
    "status": b"HTTP/1.1 abc nonsense\r\n\r\n",
    "http09": b"<rss>no status line at all</rss>\n",
    "chunks": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nbroken\r\n",
    "headers": b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(150)) + b"\r\n",
    "long": b"HTTP/1.1 200 OK\r\nX-Long: " + b"y" * 70000 + b"\r\n\r\n",
}


@pytest.fixture
def bad_server():
    """Answers each connection with the bytes named by the request path, then closes."""
    with raw_http_server(lambda name: BAD_ANSWERS.get(name, b"")) as url:
        yield url


def test_a_server_that_answers_badly_is_one_line_and_the_run_goes_on(bad_server, tmp_path):
    sources = "".join(f'[[sources]]\nurl = "BASE/{name}"\ntimeout = 3\n\n' for name in BAD_ANSWERS)
    config = setup_desk(tmp_path, bad_server, sources)
    result, data = run(config)
    assert "Traceback" not in result.output
    assert len(data["errors"]) == len(BAD_ANSWERS), data["errors"]
    assert all("\n" not in e for e in data["errors"])
    assert "harbour-bridge-vote" in {a["slug"] for a in data["articles"]}


def test_a_partner_entry_that_fails_is_named_by_its_feed_and_title(tmp_path):
    feed = tmp_path / "tokyo.xml"
    feed.write_text(
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        "<title>Tokyo Wire</title><link>https://tokyo.example/</link><description>d</description>"
        "<item><title>Harbour news</title><guid>t-1</guid>"
        "<description>東京の港で新しい橋の建設が始まりました。市は来年の完成を目指しています。"
        "</description></item></channel></rss>",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["run", str(feed), "--to", "es", "--feeds", str(out / "f"), "--translations",
         str(out / "t"), "--state", str(out / "s"), "--json"],
    )  # fmt: skip
    (a,) = json.loads(result.stdout)["articles"]
    assert a["error"].startswith("Tokyo Wire, entry 'Harbour news': "), a["error"]
    assert ".md" not in a["error"].split(":")[0]


@pytest.mark.parametrize("atom", [False, True])
def test_the_same_feed_from_another_url_is_the_same_feed(partner, tmp_path, atom):
    """A partner moves its feed (a new host and path): identity follows the feed's own
    id (Atom) or site and title (RSS), so no story is doubled and none changes its id.
    Before, every entry came again under a new slug."""
    path = "/atom.xml" if atom else "/rss.xml"
    Partner.feeds["/mirror/feed.xml"] = Partner.feeds[path]
    config = setup_desk(tmp_path, partner, f'[[sources]]\nurl = "BASE{path}"\nlang = "en"\n')
    result, data = run(config)
    assert result.exit_code == 0, data["errors"]
    before = entries(tmp_path)
    moved = partner.replace("127.0.0.1", "localhost") + "/mirror/feed.xml"
    config.write_text(config.read_text().replace(f"{partner}{path}", moved))
    result, data = run(config)
    assert result.exit_code == 0, data["errors"]
    after = entries(tmp_path)
    assert set(after) == set(before) and len(after) == (2 if atom else 3), list(after)
    assert any(h.get("Host", "").startswith("localhost") for _, h in Partner.requests)
    # another feed at the first URL is another feed: its own stories, none lost
    Partner.feeds[path] = ATOM.replace("wire.example,2026:feed", "other.example:feed").encode()
    config.write_text(config.read_text().replace(moved, f"{partner}{path}"))
    Partner.etags = {}
    result, data = run(config)
    assert set(before) < set(entries(tmp_path)), "the other feed's story is added"
    markers = sorted((tmp_path / ".syndicate" / "sources").glob("*/.feed.json"))
    assert len(markers) == 2
    assert sum(f"{partner}{path}" in m.read_text() for m in markers) == 1
