"""Generated hostile input, end to end: articles and front matter, settings, and partner
servers' answers, each run as a user runs it (the `syndicate` command, a subprocess).

Whatever hypothesis makes, the run must end with its own words, never a traceback; each
bad file, setting or answer is one line; and what an earlier run published stays in the
feeds, valid. Examples are few and each is a whole run: the point is the breadth of what
is generated, not the count.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import EXE, copy_articles, raw_http_server

FUZZ = settings(
    max_examples=8,  # each a whole translating run
    deadline=None,
    derandomize=True,  # the same examples on every machine: CI reproduces a failure
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FUZZ_FAST = settings(FUZZ, max_examples=30)  # runs that stop at a setting or an answer

# Pieces a hostile author or partner puts in text: markup, entities, CDATA ends,
# controls, bidi overrides, URLs with schemes that run code, quotes that never close.
HOSTILE = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "]]>", "&#0;", "&amp;",
    "\x00", "\x1b[31m", "\u202e", "\ufeff", "javascript:alert(1)", "[x](javascript:alert(1))",
    "“", '"', "«", "*", "**", "#", "@", "\\", "---", "\r", "\t", "<!--", "<![CDATA[",
    "https://example.org/../../etc/passwd", "../../../../etc/passwd", "%s%n", "{{7*7}}",
    "Donald Trump", "United States", "100%", "3.5 billion", "Monday, May 5",
]  # fmt: skip
words = st.sampled_from(HOSTILE) | st.text(min_size=1, max_size=12)
lines = st.lists(words, min_size=1, max_size=12).map(" ".join)
yaml_values = st.sampled_from(
    [
        "", "~", "[]", "{}", "[1, 2]", "{a: b}", "-1", "1e400", "true", "2026-13-45",
        "&a [*a, *a]", "!!python/object:os.system ls", "'../../etc'", "'/etc/passwd'",
        '"javascript:alert(1)"', '"<b>bold</b>"', '"' + "x" * 5000 + '"', "'es,xx'", "zz",
    ]
) | lines.map(lambda s: repr(s))  # fmt: skip
front_keys = st.sampled_from(["title", "slug", "lang", "targets", "byline", "date", "url", "x"])


@st.composite
def hostile_article(draw) -> tuple[str, bytes]:
    """A file name and its bytes: plain text, Markdown with front matter, HTML, or bytes."""
    kind = draw(st.sampled_from(["txt", "md", "html", "bytes"]))
    body = "\n".join(draw(st.lists(lines, min_size=0, max_size=6)))
    if kind == "md":
        keys = draw(st.dictionaries(front_keys, yaml_values, max_size=5))
        front = "".join(f"{k}: {v}\n" for k, v in keys.items())
        closed = draw(st.booleans())
        text = f"---\n{front}" + ("---\n" if closed else "") + body
    elif kind == "html":
        text = f"<html><head><title>{draw(lines)}</title></head><body><p>{body}</p></body>"
    else:
        text = body
    data = draw(st.binary(max_size=300)) if kind == "bytes" else text.encode("utf-8", "replace")
    stem = draw(st.text("abcxyz-._ ", min_size=1, max_size=8)).strip() or "a"
    return f"{stem}.{'txt' if kind == 'bytes' else kind}", data


def _no_traceback(proc: subprocess.CompletedProcess) -> None:
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out and 'File "' not in out, out[-3000:]
    assert proc.returncode in (0, 1, 2), (proc.returncode, out[-3000:])


def _command(base: Path, inbox: Path | str, *extra: str, config: Path | None = None) -> list:
    return [
        EXE, "run", str(inbox), "--to", "es", "--config", str(config or base / "none.toml"),
        "--feeds", str(base / "f"), "--translations", str(base / "t"),
        "--state", str(base / "s"), *extra,
    ]  # fmt: skip


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """A desk where one article is already published into es: every example starts from
    a copy of it."""
    base = tmp_path_factory.mktemp("published")
    inbox = base / "inbox"
    inbox.mkdir()
    copy_articles(inbox, "harbour-bridge-vote.txt")
    (base / "none.toml").write_text("")
    proc = subprocess.run(_command(base, inbox), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return base


def _fresh(published: Path, tmp_path: Path) -> Path:
    base = tmp_path / "desk"
    if base.exists():
        shutil.rmtree(base)
    shutil.copytree(published, base, symlinks=True)
    return base


def _earlier_item_stays(base: Path) -> None:
    for f in (base / "f").glob("*/*.xml"):
        etree.parse(str(f))  # every feed still parses
    ids = [e.id for e in feedparser.parse(base / "f" / "es" / "atom.xml").entries]
    assert any("harbour-bridge-vote" in i for i in ids), ids


@FUZZ
@given(files=st.lists(hostile_article(), min_size=1, max_size=5))
def test_generated_hostile_articles_are_one_line_each(published, tmp_path, files):
    base = _fresh(published, tmp_path)
    inbox = base / "inbox"
    written = {}
    for name, data in files:
        if name.startswith(".") or (inbox / name).exists():
            continue  # hidden files are skipped (a line of their own, tested elsewhere)
        (inbox / name).write_bytes(data)
        written[name] = data
    proc = subprocess.run(
        _command(base, inbox, "--json"),
        capture_output=True,
        text=True,
        timeout=600,
        errors="replace",
    )
    _no_traceback(proc)
    data = json.loads(proc.stdout)
    # every file is accounted for: published, held, failed with one line naming it, or
    # skipped with a reason; and the totals say what happened
    by_file = {Path(a["file"]).name: a for a in data["articles"]}
    skipped = {line.split(":")[0] for line in data["skipped"]}
    for name in written:
        assert (name in by_file) != (name in skipped), (name, data)
        a = by_file.get(name)
        if a is None:
            continue
        if a["error"]:
            assert a["error"].startswith(f"{name}: ") and "\n" not in a["error"], a["error"]
        else:
            assert a["targets"] and all(
                t["status"] in ("published", "held") or t["error"] for t in a["targets"]
            ), a
    totals = data["totals"]
    statuses = [t["status"] for a in data["articles"] for t in a["targets"]]
    assert totals["published"] == statuses.count("published"), (totals, statuses)
    assert totals["held"] == statuses.count("held"), (totals, statuses)
    assert totals["failed"] == sum(bool(a["error"]) for a in data["articles"]) + sum(
        s == "failed" for s in statuses
    ), totals
    for line in proc.stderr.splitlines():
        assert line.startswith(("error:", "warning:", "note:", "skipped:", "held:")), line
    _earlier_item_stays(base)


SETTING_KEYS = [
    "articles", "feeds", "translations", "state", "glossary", "targets", "engines",
    "cluster", "base_url", "title", "id_authority", "max_items", "jobs", "engine_timeout",
]  # fmt: skip
TOML_VALUES = [
    "1", "-1", "0", "1e400", "nan", "inf", "true", '""', '"x"', "[1]", "[]", '["zz"]',
    "{a = 1}", '"ftp://x"', '"http://[::1"', '"tcp://"', '"tcp://h:99999"', '"/dev/zero"',
    '"../../.."', '"\\u0000"', "1979-05-27", '"' + "y" * 3000 + '"',
]  # fmt: skip


@FUZZ_FAST
@given(
    pairs=st.dictionaries(st.sampled_from(SETTING_KEYS), st.sampled_from(TOML_VALUES), max_size=4),
    sources=st.lists(st.sampled_from(TOML_VALUES), max_size=2),
    garbage=st.binary(max_size=40),
    broken=st.booleans(),
)
def test_generated_settings_are_one_line(published, tmp_path, pairs, sources, garbage, broken):
    base = _fresh(published, tmp_path)
    empty = base / "empty"
    empty.mkdir()
    text = "[syndicate]\n" + "".join(f"{k} = {v}\n" for k, v in pairs.items())
    text += "".join(f"[[sources]]\nurl = {v}\ntimeout = 1\n" for v in sources)
    config = base / "fuzz.toml"
    config.write_bytes(text.encode() + (garbage if broken else b""))
    (base / "syndicate.toml").write_bytes(config.read_bytes())  # `engines` reads ./
    for argv in (
        _command(base, empty, config=config),
        [EXE, "engines"],
        [EXE, "review", "list", "--config", str(config)],
    ):
        proc = subprocess.run(
            argv, capture_output=True, text=True, timeout=120, errors="replace", cwd=base
        )
        _no_traceback(proc)
        if proc.returncode == 2:
            errors = [ln for ln in proc.stderr.splitlines() if ln.strip()]
            assert len(errors) <= 2, proc.stderr  # the line, and at most its usage hint
    _earlier_item_stays(base)


@st.composite
def http_answer(draw) -> bytes:
    """What a broken or hostile partner server sends: a status line (or none), headers,
    a body of feed-like or random bytes, cut anywhere."""
    status = draw(
        st.sampled_from(
            [b"HTTP/1.1 200 OK", b"HTTP/1.0 304 Not Modified", b"HTTP/1.1 301 Moved",
             b"HTTP/1.1 999 ?", b"HTTP/2 200", b"", b"\x00\xff", b"HTTP/1.1 200"]
        )
    )  # fmt: skip
    headers = draw(
        st.lists(
            st.sampled_from(
                [b"Content-Type: application/rss+xml", b"Content-Length: 5",
                 b"Content-Length: -1", b"Content-Length: 99999999999",
                 b"Transfer-Encoding: chunked", b"Content-Encoding: gzip",
                 b"Location: file:///etc/passwd", b"Location: http://127.0.0.1:1/",
                 b"Last-Modified: Mon, 99 Foo 9999", b"ETag: \x00", b"X: " + b"y" * 9000]
            ),
            max_size=4,
        )
    )  # fmt: skip
    body = draw(
        st.sampled_from(
            [b"<rss><channel><title>x</title><item><title><script>1</script></title>"
             b"<description>&lt;img src=x onerror=1&gt;</description></item></channel></rss>",
             b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a '&#38;a;&#38;a;'>]><rss>&a;</rss>",
             b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>t</title></entry>",
             b"zz\r\nbroken\r\n", b"\x1f\x8b\x08garbage"]
        )
        | st.binary(max_size=200)
    )  # fmt: skip
    answer = b"\r\n".join([status, *headers, b"", body])
    return answer[: draw(st.integers(0, len(answer)))] if draw(st.booleans()) else answer


@FUZZ_FAST
@given(answers=st.lists(http_answer(), min_size=1, max_size=3))
def test_generated_partner_answers_are_one_line_each(published, tmp_path, answers):
    base = _fresh(published, tmp_path)

    def answer(path: str) -> bytes:
        return answers[(int(path) if path.isdigit() else 0) % len(answers)]

    with raw_http_server(answer) as url:
        config = base / "partners.toml"
        config.write_text(
            "".join(f'[[sources]]\nurl = "{url}/{n}"\ntimeout = 3\n\n' for n in range(len(answers)))
        )
        empty = base / "empty"
        empty.mkdir()
        proc = subprocess.run(
            _command(base, empty, config=config),
            capture_output=True,
            text=True,
            timeout=300,
            errors="replace",
        )
    _no_traceback(proc)
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("error:")]
    assert len(errors) <= len(answers), proc.stderr
    _earlier_item_stays(base)
