"""Reading articles as newsrooms file them: plain text, Markdown, HTML pages.

Plain text: headline on the first line, paragraphs one per line or separated by blank
lines, byline (``By Jane Doe``, ``Por A y B``, or the names alone) on the last line.
Markdown: YAML front matter (title, author, date, lang, slug, url, targets), then the
body. HTML: the page's article and metadata (see :mod:`syndicate.sources.webpage`).

The body becomes Markdown blocks (:mod:`syndicate.text.markup`); plain text is escaped into
them, so a "*" or a line starting "1990." stays text.

Everything that can go wrong with a file becomes an :class:`ArticleError` with a
one-line reason, so the caller can report it and carry on with the other files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from syndicate.keep import bylines
from syndicate.keep.bylines import Byline
from syndicate.safety import printable, safe_url
from syndicate.sources import frontmatter, webpage
from syndicate.sources.errors import ArticleError
from syndicate.sources.inbox import HTML_SUFFIXES, MARKDOWN_SUFFIXES, slugify
from syndicate.state.fsutil import OutsideError, read_inside
from syndicate.text import markup

MAX_BYTES = 2_000_000
"""Larger files are refused: no news article is this long, and the engines would choke."""

# Characters XML 1.0 forbids (C0 controls but tab/newline/CR, surrogates, U+FFFE/FFFF).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@dataclass
class Article:
    path: Path
    slug: str
    title: str
    paragraphs: list[str]
    byline: Byline | None
    date: dt.datetime
    lang: str | None = None
    url: str | None = None
    format: str = "text"
    extra: dict = field(default_factory=dict)  # feed, feed_title: the partner feed it came in
    correction: str | None = None  # front matter's; see syndicate.desk.corrections
    targets: list[str] | None = None  # front matter's (a source's): instead of the run's
    notes: list[str] = field(default_factory=list)  # what was dropped, one line each

    @property
    def source_hash(self) -> str:
        """Hash of what is translated; a change here makes earlier translations stale."""
        h = hashlib.sha256()
        for part in [self.title, *self.paragraphs, str(self.byline or "")]:
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()[:16]

    @property
    def text(self) -> list[str]:
        """Headline and paragraphs as words only, no markup: what detection, name finding
        and the checks read."""
        return [self.title, *map(markup.plain, self.paragraphs)]

    @property
    def author(self) -> str | None:
        return self.byline.name if self.byline else None


def clean_text(text: str) -> str:
    """Normalize newlines and strip characters XML forbids (they would break the feeds)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _XML_FORBIDDEN.sub("", text)


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (or UTF-16 with a BOM); refuse to guess anything else."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise ArticleError(f"{name}: broken UTF-16 ({e.reason})") from None
    if b"\x00" in data[:8192]:
        raise ArticleError(f"{name}: binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ArticleError(
            f"{name}: not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start});"
            " re-save the file as UTF-8"
        ) from None


def parse_byline(line: str) -> Byline | None:
    """The byline on an article's last line, if that line is one (see :mod:`bylines`)."""
    return bylines.parse(line)


def split_paragraphs(body: str) -> list[str]:
    """Blank lines separate paragraphs when there are any; otherwise one per line."""
    body = body.strip("\n")
    if re.search(r"\n[ \t]*\n", body):
        blocks = re.split(r"\n[ \t]*\n", body)
        paras = [" ".join(line.strip() for line in b.splitlines() if line.strip()) for b in blocks]
    else:
        paras = [line.strip() for line in body.splitlines()]
    return [p for p in paras if p]


def _parse_date(value: object, name: str) -> dt.datetime:
    if isinstance(value, dt.datetime):
        d = value
    elif isinstance(value, dt.date):
        d = dt.datetime(value.year, value.month, value.day)
    else:
        try:
            d = dt.datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
        except ValueError:
            raise ArticleError(f"{name}: date {value!r} is not ISO 8601 (2026-11-25)") from None
    return d if d.tzinfo else d.replace(tzinfo=dt.UTC)


def _front_matter(text: str, name: str) -> tuple[dict, str]:
    try:
        return frontmatter.split(text, name)
    except frontmatter.FrontMatterError as e:
        raise ArticleError(str(e)) from None


def read_article(path: Path, max_bytes: int = MAX_BYTES) -> Article:
    """Read one article file; raise ArticleError with a one-line reason if it is unusable."""
    name = printable(path.name)
    try:
        data = read_inside(path, max_bytes)
        if len(data) > max_bytes:
            raise ArticleError(f"{name}: too large (over the {max_bytes / 1e6:.1f} MB limit)")
    except OutsideError as e:
        raise ArticleError(f"{name}: {e}") from None
    except PermissionError:
        raise ArticleError(f"{name}: permission denied; check the file's read permission") from None
    except OSError as e:
        raise ArticleError(f"{name}: cannot read ({e.strerror or e})") from None
    if not data.strip():
        raise ArticleError(f"{name}: empty file")
    text = clean_text(decode(data, name))
    if not text.strip():
        raise ArticleError(f"{name}: empty file")

    suffix = path.suffix.lower()
    fmt = "markdown" if suffix in MARKDOWN_SUFFIXES else "text"
    if suffix in HTML_SUFFIXES:
        fmt = "html"
        meta, body = webpage.read(text, name)
    elif fmt == "markdown":
        meta, body = _front_matter(text, name)
    else:
        meta, body = {}, text

    title = str(meta.get("title") or "").strip()
    if fmt == "text":
        paragraphs = split_paragraphs(body)
        if paragraphs:
            lines = body.strip("\n").splitlines()
            title = lines[0].strip()
            paragraphs = [markup.escape(p) for p in split_paragraphs("\n".join(lines[1:]))]
    else:
        paragraphs = markup.blocks(body)
        if paragraphs and paragraphs[0].startswith("# "):
            first = markup.inline_plain(paragraphs.pop(0)[2:])
            title = title or first
    if not title:
        raise ArticleError(f"{name}: no headline (first line, or 'title' in front matter)")

    byline: Byline | None = None
    last = markup.plain(paragraphs[-1]) if paragraphs else ""
    if meta.get("author"):
        byline = bylines.from_author(str(meta["author"]))
        if paragraphs and (b := parse_byline(last)) and b.names == byline.names:
            byline = b
            paragraphs.pop()
    elif paragraphs and (b := parse_byline(last)):
        byline = b
        paragraphs.pop()
    if fmt == "html" and paragraphs and byline:  # "By Ana Ruiz" under the headline
        first = parse_byline(markup.plain(paragraphs[0]))
        if first and first.names == byline.names:
            paragraphs.pop(0)
    if not paragraphs:
        raise ArticleError(f"{name}: headline only, no body text")

    date = (
        _parse_date(meta["date"], name)
        if meta.get("date")
        else dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    )
    lang = str(meta["lang"]).strip().lower() if meta.get("lang") else None
    slug = slugify(str(meta.get("slug") or path.stem))
    return Article(
        path=path,
        slug=slug,
        title=title,
        paragraphs=paragraphs,
        byline=byline,
        date=date.replace(microsecond=0),
        lang=lang,
        url=safe_url(meta.get("url")),
        notes=_unsafe_url_note(meta.get("url"), name),
        format=fmt,
        extra={k: str(meta[k]) for k in ("feed", "feed_title") if meta.get(k)},
        correction=str(meta["correction"]).strip() if meta.get("correction") else None,
        targets=_targets(meta.get("targets"), name),
    )


def _unsafe_url_note(url: object, name: str) -> list[str]:
    """A line for a front matter ``url`` that is not published (javascript:, data:...)."""
    if not url or safe_url(url):
        return []
    return [f"{name}: url {printable(str(url))[:60]!r} is not http(s) or mailto; not published"]


def _targets(value: object, name: str) -> list[str] | None:
    """Front matter ``targets``: this article's languages instead of the run's."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ArticleError(f"{name}: targets must be a list of language codes")
    return [v.strip().lower() for v in value]
