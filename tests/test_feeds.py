"""Feeds as real readers see them: newsboat, sfeed, feedparser, xmllint, plain HTTP."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from conftest import copy_articles

SAMPLES = ["harbour-bridge-vote.txt", "river-festival.md", "biblioteca-reabre.txt"]
BASE = "https://news.example.org/syndicate/"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The three samples into en, es, fr, published with an absolute base URL."""
    from conftest import Run

    base = tmp_path_factory.mktemp("feeds")
    inbox = base / "inbox"
    inbox.mkdir()
    copy_articles(inbox, *SAMPLES)
    run = Run(base / "out")
    result, data = run(inbox, "--to", "en,es,fr", "--base-url", BASE)
    assert result.exit_code == 0, result.output
    return run


def test_feedparser_round_trips_every_field(published):
    es = feedparser.parse(published.feeds / "es" / "atom.xml")
    assert not es.bozo
    assert es.feed.language == "es"
    links = {link.rel: link.href for link in es.feed.links}
    assert links["self"] == BASE + "feeds/es/atom.xml"
    entry = next(e for e in es.entries if "harbour-bridge-vote" in e.id)
    assert entry.id == "tag:syndicate.example,2026:harbour-bridge-vote/es"
    assert entry.author == "Helen Marsh"
    assert entry.link == BASE + "translations/harbour-bridge-vote/es.html"
    hreflangs = {ln.get("hreflang"): ln.href for ln in entry.links if ln.get("hreflang")}
    assert hreflangs == {
        "es": BASE + "translations/harbour-bridge-vote/es.html",
        "en": BASE + "translations/harbour-bridge-vote/en.html",
        "fr": BASE + "translations/harbour-bridge-vote/fr.html",
    }
    assert entry.summary and "«" in entry.content[0].value
    assert entry.published and entry.updated

    rss = feedparser.parse(published.feeds / "es" / "rss.xml")
    assert not rss.bozo and rss.feed.language == "es"
    assert {ln.rel: ln.href for ln in rss.feed.links}["self"] == BASE + "feeds/es/rss.xml"
    item = next(e for e in rss.entries if "harbour-bridge-vote" in e.id)
    assert item.guidislink is False
    assert item.author == "Helen Marsh"  # dc:creator: RSS <author> must be an e-mail
    assert "«" in item.content[0].value and item.description


def test_atom_xml_lang_on_feed_and_entries(published):
    root = etree.parse(str(published.feeds / "fr" / "atom.xml")).getroot()
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert root.get(lang) == "fr"
    entries = root.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 3 and all(e.get(lang) == "fr" for e in entries)


def test_ids_unique_across_languages(published):
    ids = []
    for lang in ["en", "es", "fr"]:
        ids += [e.id for e in feedparser.parse(published.feeds / lang / "atom.xml").entries]
    assert len(ids) == len(set(ids)) == 9


def test_json_feed(published):
    feed = json.loads((published.feeds / "es" / "feed.json").read_text())
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["language"] == "es" and feed["feed_url"] == BASE + "feeds/es/feed.json"
    item = next(i for i in feed["items"] if "riverside" in i["id"])
    assert item["authors"] == [{"name": "Daniel Brook"}]
    assert item["date_published"].startswith("2026-11-20T09:30:00")
    assert "<p>" in item["content_html"] and item["language"] == "es"


def test_opml_and_index_page(published):
    opml = etree.parse(str(published.feeds / "index.opml")).getroot()
    assert opml.get("version") == "2.0"
    outlines = opml.findall("body/outline")
    assert {o.get("language") for o in outlines} == {"en", "es", "fr"}
    assert all(o.get("xmlUrl").startswith(BASE) and o.get("htmlUrl") for o in outlines)
    page = (published.feeds / "index.html").read_text()
    alternates = re.findall(r'<link rel="alternate" type="(application/[a-z+]+)"', page)
    assert alternates.count("application/rss+xml") == 3
    assert alternates.count("application/atom+xml") == 3


def test_xmllint_and_sfeed_read_the_feeds(published):
    files = [str(p) for p in published.feeds.glob("*/*.xml")] + [
        str(published.feeds / "index.opml")
    ]
    lint = subprocess.run(["xmllint", "--noout", *files], capture_output=True, text=True)
    assert lint.returncode == 0, lint.stderr
    atom = (published.feeds / "fr" / "atom.xml").read_bytes()
    out = subprocess.run(["sfeed"], input=atom, capture_output=True, check=True).stdout.decode()
    rows = [line.split("\t") for line in out.splitlines()]
    assert len(rows) == 3
    for row in rows:
        timestamp, title, link, content = row[:4]
        assert int(timestamp) > 1_600_000_000
        assert title and link.startswith(BASE + "translations/") and link.endswith("/fr.html")
        assert "«" in content
    assert {row[5] for row in rows} >= {"tag:syndicate.example,2026:harbour-bridge-vote/fr"}


HOSTILE = """Council says <script>alert("x")</script> & ]]> are fine
The mayor wrote <b>bold</b> & "quoted <script>steal()</script> text" ]]> into the minutes.\x01
Ana Rivers said the council would check every line & every ]]> marker again.
By Helen Marsh
"""


def test_hostile_text_stays_escaped_and_well_formed(run, inbox):
    (inbox / "hostile.txt").write_text(HOSTILE)
    result, _ = run(inbox, "--to", "es", "--source-lang", "en")
    assert result.exit_code == 0, result.output
    for lang in ["en", "es"]:
        for name in ["rss.xml", "atom.xml"]:
            path = run.feeds / lang / name
            lint = subprocess.run(["xmllint", "--noout", str(path)], capture_output=True)
            assert lint.returncode == 0, lint.stderr
            raw = path.read_text()
            assert "<script>" not in raw and "\x01" not in raw
            entry = feedparser.parse(path).entries[0]
            html_content = entry.content[0].value
            assert "<script>" not in html_content and "&lt;script&gt;" in html_content
    feed = json.loads((run.feeds / "en" / "feed.json").read_text())
    assert "<script>" not in feed["items"][0]["content_html"]
    page = (run.translations / "hostile" / "es.html").read_text()
    assert "<script>" not in page


def test_changed_source_updates_item_with_same_id(run, inbox):
    copy_articles(inbox, "harbour-bridge-vote.txt")
    run(inbox, "--to", "es")
    first = feedparser.parse(run.feeds / "es" / "atom.xml").entries[0]
    path = inbox / "harbour-bridge-vote.txt"
    path.write_text(path.read_text().replace("23 votes to 14", "24 votes to 13"))
    os.utime(path, (2_000_000_000, 2_000_000_000))
    time.sleep(1.1)  # item times have one-second resolution
    run(inbox, "--to", "es")
    (second,) = feedparser.parse(run.feeds / "es" / "atom.xml").entries
    assert second.id == first.id and second.published == first.published
    assert second.updated != first.updated and "24" in second.content[0].value


def test_max_items_caps_the_feed(run, inbox, tmp_path):
    for i in range(4):
        (inbox / f"a{i}.md").write_text(
            f"---\ntitle: Story {i}\ndate: 2026-01-0{i + 1}\nlang: en\n---\n\n"
            f"The council met on day {i} and approved the plan for the bridge.\n"
        )
    cfg = tmp_path / "s.toml"
    cfg.write_text("[syndicate]\nmax_items = 2\n")
    result, _ = run(inbox, "--to", "es", "--config", str(cfg))
    entries = feedparser.parse(run.feeds / "en" / "rss.xml").entries
    assert [e.title for e in entries] == ["Story 3", "Story 2"]
    assert len(feedparser.parse(run.feeds / "es" / "rss.xml").entries) == 2


# Serving ------------------------------------------------------------------------


@pytest.fixture
def server(published):
    exe = Path(sys.executable).parent / "syndicate"
    proc = subprocess.Popen(
        [
            str(exe),
            "serve",
            "--port",
            "0",
            "-q",
            "--feeds",
            str(published.feeds),
            "--translations",
            str(published.translations),
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    line = proc.stderr.readline()
    m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    assert m, line
    yield f"http://127.0.0.1:{m.group(1)}"
    proc.terminate()
    proc.wait(10)


def test_serve_content_types_and_conditional_get(server):
    expected = {
        "/feeds/es/rss.xml": "application/rss+xml",
        "/feeds/es/atom.xml": "application/atom+xml",
        "/feeds/es/feed.json": "application/feed+json",
        "/feeds/index.opml": "text/x-opml",
        "/translations/harbour-bridge-vote/es.html": "text/html",
    }
    for path, ctype in expected.items():
        with urllib.request.urlopen(server + path) as r:
            assert r.headers["Content-Type"].startswith(ctype)
            etag, modified = r.headers["ETag"], r.headers["Last-Modified"]
            assert etag and modified and r.read()
    url = server + "/feeds/es/atom.xml"
    with urllib.request.urlopen(url) as r:
        etag, modified = r.headers["ETag"], r.headers["Last-Modified"]
    for headers in ({"If-None-Match": etag}, {"If-Modified-Since": modified}):
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(urllib.request.Request(url, headers=headers))
        assert e.value.code == 304 and e.value.read() == b""
    stale = urllib.request.Request(url, headers={"If-None-Match": '"0-0"'})
    with urllib.request.urlopen(stale) as r:
        assert r.status == 200 and r.read()


def test_serve_refuses_paths_outside_its_folders(server):
    for path in ["/feeds/../README.md", "/feeds/%2e%2e/%2e%2e/etc/passwd", "/state/state.db"]:
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(server + path)
        assert e.value.code == 404


@pytest.mark.skipif(not shutil.which("newsboat"), reason="newsboat: run `make setup`")
def test_newsboat_reads_served_feeds(server, published, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    urls = tmp_path / "urls"
    feeds = [f"{server}/feeds/es/rss.xml", f"{server}/feeds/fr/atom.xml"]
    urls.write_text("\n".join(feeds) + "\n")
    config = tmp_path / "config"
    error_log = tmp_path / "error.log"
    config.write_text(f'error-log "{error_log}"\n')
    subprocess.run(
        [
            "newsboat",
            "-u",
            str(urls),
            "-c",
            str(tmp_path / "cache.db"),
            "-C",
            str(config),
            "-x",
            "reload",
        ],
        env={**os.environ, "HOME": str(home), "TERM": "dumb"},
        capture_output=True,
        timeout=60,
    )
    db = sqlite3.connect(tmp_path / "cache.db")
    rows = db.execute(
        "select feedurl, guid, title, author, url, pubDate, content from rss_item"
    ).fetchall()
    assert not error_log.exists() or error_log.read_text().strip() == ""
    by_feed: dict[str, list] = {}
    for row in rows:
        by_feed.setdefault(row[0], []).append(row)
    assert set(by_feed) == set(feeds)
    for url, lang in zip(feeds, ["es", "fr"], strict=True):
        items = by_feed[url]
        assert len(items) == 3
        guids = {r[1] for r in items}
        assert f"tag:syndicate.example,2026:harbour-bridge-vote/{lang}" in guids
        harbour = next(r for r in items if "harbour" in r[1])
        assert harbour[3] == "Helen Marsh"
        assert harbour[4] == BASE + f"translations/harbour-bridge-vote/{lang}.html"
        assert harbour[5] > 1_600_000_000 and "«" in harbour[6] and harbour[2]


def _raw(server: str, request: bytes, wait: float = 5) -> bytes:
    """What the server answers to bytes sent as they are (urllib cannot send these)."""
    import socket

    host, port = server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=wait) as s:
        s.sendall(request)
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
            if b"\r\n\r\n" in b"".join(chunks):
                break
        return b"".join(chunks)


@pytest.mark.parametrize(
    "path",
    ["/feeds/es/%00rss.xml", "/feeds/" + "a" * 300 + "/rss.xml", "/feeds/%ff%fe.xml"],
)
def test_serve_answers_400_to_paths_no_file_can_have(server, path):
    answer = _raw(server, f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    assert answer.startswith(b"HTTP/1.1 400"), answer[:80]
    with urllib.request.urlopen(server + "/feeds/es/rss.xml") as r:  # and still serves
        assert r.status == 200


def test_serve_answers_an_absurd_date_in_full(server):
    for date in ["Mon, 01 Jan 99999999999 00:00:00 GMT", "x" * 500, "Tue, 32 Foo 2026"]:
        answer = _raw(
            server,
            b"GET /feeds/es/rss.xml HTTP/1.1\r\nHost: x\r\n"
            + f"If-Modified-Since: {date}\r\n\r\n".encode(),
        )
        assert answer.startswith(b"HTTP/1.1 200"), answer[:80]


def test_serve_never_serves_hidden_files_or_the_state(tmp_path):
    """`serve --translations .` once served .syndicate/state.db."""
    from syndicate.publish.serve import make_server

    root = tmp_path / "t"
    (root / "state-here").mkdir(parents=True)
    (root / ".secret").write_text("hidden")
    (root / "ok.html").write_text("<p>ok</p>")
    state = root / "state-here"
    (state / "state.db").write_text("the state")
    server = make_server({"translations": root}, "127.0.0.1", 0, True, hidden=(state,))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with urllib.request.urlopen(base + "/translations/ok.html") as r:
            assert r.read() == b"<p>ok</p>"
        for path in ["/translations/.secret", "/translations/state-here/state.db"]:
            with pytest.raises(urllib.error.HTTPError) as e:
                urllib.request.urlopen(base + path)
            assert e.value.code == 404
    finally:
        server.shutdown()
        server.server_close()


def test_serve_lets_idle_connections_go_and_bounds_how_many(published, monkeypatch):
    import socket

    from syndicate.publish import serve

    monkeypatch.setattr(serve, "IDLE_TIMEOUT", 1.0)
    server = serve.make_server({"feeds": published.feeds}, "127.0.0.1", 0, True, limit=3)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    addr = server.server_address
    try:
        idle = [socket.create_connection(addr, timeout=5) for _ in range(3)]
        time.sleep(0.3)
        with socket.create_connection(addr, timeout=5) as extra:  # over the limit
            extra.sendall(b"GET /feeds/es/rss.xml HTTP/1.1\r\nHost: x\r\n\r\n")
            assert extra.recv(100).startswith(b"HTTP/1.1 503")
        for s in idle:  # closed by the server once idle past the timeout
            assert s.recv(100) == b""
            s.close()
        with urllib.request.urlopen(f"http://{addr[0]}:{addr[1]}/feeds/es/rss.xml") as r:
            assert r.status == 200  # the slots came back
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("damage", ["delete rss.xml", "delete feed.json", "truncate rss.xml"])
def test_a_damaged_feed_is_rebuilt_by_the_next_run(run, inbox, damage):
    copy_articles(inbox, "harbour-bridge-vote.txt")
    run(inbox, "--to", "es")
    action, name = damage.split()
    f = run.feeds / "es" / name
    whole = f.read_bytes()
    if action == "delete":
        f.unlink()
    else:
        with open(f, "r+b") as fh:  # in place: the folder's stat does not change
            fh.truncate(len(whole) // 2)
    run(inbox, "--to", "es")
    assert f.read_bytes() == whole
