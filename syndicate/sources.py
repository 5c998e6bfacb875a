"""Partner feeds as sources: RSS 0.9x/1.0/2.0 and Atom entries become articles.

Each entry is written as a Markdown article (front matter and body) into the state,
``<state>/sources/<source>/<entry>.md``, and from there goes through the pipeline exactly
as a file in the articles folder does: detection, translation, checks, the desk, our
feeds. The file's name comes from the entry's guid/id, so an entry keeps its slug and its
item ids whatever its title becomes; an entry whose content changed rewrites its file
and is translated again (same ids, a new ``updated``); an entry that drops out of the
partner's feed keeps its file, and stays in ours.

Partner HTML is sanitized (nh3) and read as Markdown (:mod:`syndicate.webpage`) before
anything translates or publishes it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import html
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import nh3
import yaml

from syndicate import markup, webpage
from syndicate.articles import YAML_DUMPER, YAML_LOADER, ArticleError, slugify, split_paragraphs
from syndicate.fsutil import atomic_write

FEED_SUFFIXES = {".xml", ".rss", ".atom"}
TIMEOUT = 20.0  # seconds (syndicate.fetch, imported only when a source is fetched)
MAX_ENTRIES = 200  # per fetch: the newest; a feed is a window, not an archive


class SourceError(Exception):
    """A source that yielded nothing this run; one line naming it."""


@dataclass
class Source:
    """A feed to syndicate: ``[[sources]]`` in syndicate.toml, or a URL or FILE.xml
    given to `syndicate run`."""

    url: str
    name: str | None = None
    lang: str | None = None  # skip detection: the partner's language is known
    targets: list[str] | None = None  # which of the run's languages it goes into
    timeout: float = TIMEOUT

    @property
    def remote(self) -> bool:
        return self.url.startswith(("http://", "https://"))

    @property
    def key(self) -> str:
        """Its folder under the state: the name, or the URL's host and path."""
        if self.name:
            return slugify(self.name)
        if self.remote:
            u = urlsplit(self.url)
            return slugify(f"{u.netloc}{u.path}")
        return slugify(Path(self.url).stem)

    @property
    def label(self) -> str:
        return f"source {self.name} ({self.url})" if self.name else f"source {self.url}"


def is_source(arg: str) -> bool:
    """An argument of `syndicate run` that names a feed, not an article."""
    return arg.startswith(("http://", "https://")) or Path(arg).suffix.lower() in FEED_SUFFIXES


def from_config(entries: object, where: str) -> list[Source]:
    """``[[sources]]`` tables: url, and optionally name, lang, targets, timeout."""
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise ValueError(f"{where}: [[sources]] must be tables with a url")
    out = []
    for n, e in enumerate(entries, 1):
        if not isinstance(e, dict) or not isinstance(e.get("url"), str) or not e["url"]:
            raise ValueError(f"{where}: source {n} has no url")
        targets = e.get("targets")
        if targets is not None and not (
            isinstance(targets, list) and all(isinstance(t, str) for t in targets)
        ):
            raise ValueError(f"{where}: source {n}: targets must be a list of language codes")
        out.append(
            Source(
                url=e["url"],
                name=str(e["name"]) if e.get("name") else None,
                lang=str(e["lang"]).lower() if e.get("lang") else None,
                targets=[t.lower() for t in targets] if targets is not None else None,
                timeout=float(e.get("timeout", TIMEOUT)),
            )
        )
    return out


def sync(source: Source, store, folder: Path) -> list[Path]:
    """Fetch ``source`` (conditionally), write its entries as articles into ``folder``;
    the article files of every entry seen so far. Raises SourceError."""
    from syndicate import fetch

    try:
        data, validators = _get(source, store)
        if data is not None:
            for path, text in _articles(source, data, folder):
                atomic_write(path, text)
            if validators is not None:
                store.put_fetch_validators(source.url, *validators)
    except (fetch.FetchError, SourceError, ArticleError) as e:
        raise SourceError(f"{source.label}: {e}") from None
    return sorted(folder.glob("*.md")) if folder.is_dir() else []


def _get(source: Source, store) -> tuple[bytes | None, tuple | None]:
    """The feed's bytes (None: not modified) and the validators to keep."""
    from syndicate import fetch

    if not source.remote:
        path = Path(source.url)
        try:
            if path.stat().st_size > fetch.MAX_BYTES:
                raise SourceError(f"larger than {fetch.MAX_BYTES / 1e6:.0f} MB")
            return path.read_bytes(), None
        except OSError as e:
            raise SourceError(f"cannot read ({e.strerror or e})") from None
    etag, modified = store.fetch_validators(source.url)
    got = fetch.fetch(source.url, etag, modified, timeout=source.timeout)
    return got.data, (got.etag, got.last_modified)


def parse(data: bytes):
    """feedparser's reading of a feed; SourceError for anything that is not one."""
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=True)
    exc = parsed.get("bozo_exception")
    if not parsed.get("version"):
        if data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
            raise SourceError("an HTML page, not a feed; give the feed's own URL")
        where = f" ({_one_line(exc)})" if exc else ""
        raise SourceError(f"not an RSS or Atom feed{where}")
    if parsed.get("bozo") and not isinstance(exc, feedparser.CharacterEncodingOverride):
        raise SourceError(f"malformed feed ({_one_line(exc)})")
    return parsed


def _one_line(exc: object) -> str:
    return " ".join(str(exc).split())[:160]


def _text(value: str | None, kind: str | None) -> str:
    """A title or name as plain text, whatever markup the feed put in it."""
    if not value:
        return ""
    if kind and "html" in kind:
        value = html.unescape(nh3.clean(value, tags=set()))
    return " ".join(value.split())


def _when(entry, key: str) -> dt.datetime | None:
    t = dict.get(entry, f"{key}_parsed")  # not feedparser's fallback from one to the other
    return dt.datetime.fromtimestamp(calendar.timegm(t), dt.UTC) if t else None


def _body(entry) -> str:
    """The entry's body as Markdown: its full content when given, else its summary."""
    contents = entry.get("content") or []
    detail = next(
        (c for c in contents if "html" in (c.get("type") or "")), contents[0] if contents else None
    )
    if detail is None:
        detail = entry.get("summary_detail") or {"value": entry.get("summary", ""), "type": ""}
    value, kind = detail.get("value") or "", detail.get("type") or "text/html"
    if "html" in kind or re.search(r"<[a-zA-Z][^>]*>", value):
        return webpage.fragment(value)
    return "\n\n".join(markup.escape(p) for p in split_paragraphs(value))


def _articles(source: Source, data: bytes, folder: Path):
    """(path, Markdown article) for each entry of the feed."""
    parsed = parse(data)
    feed = parsed.feed
    feed_title = _text(feed.get("title"), (feed.get("title_detail") or {}).get("type"))
    feed_author = _text(feed.get("author"), None)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for entry in parsed.entries[:MAX_ENTRIES]:
        title = _text(entry.get("title"), (entry.get("title_detail") or {}).get("type"))
        guid = entry.get("id") or entry.get("link") or title
        if not guid or not title:
            continue
        key = hashlib.sha256(f"{source.url}\n{guid}".encode()).hexdigest()[:16]
        path = folder / f"{key}.md"
        old = _front_matter(path)
        body = _body(entry)
        if not body.strip():
            continue
        published = _when(entry, "published") or _when(entry, "updated")
        meta = {
            "title": title,
            "author": _text(entry.get("author"), None) or feed_author or None,
            "date": (published or old.get("date") or now).isoformat(),
            "slug": old.get("slug") or f"{slugify(title)[:60].strip('-')}-{key[:6]}",
            "url": entry.get("link") or None,
            "lang": source.lang,
            "targets": source.targets,
            "guid": guid,
            "feed": source.url if source.remote else None,  # RSS <source> wants a URL
            "feed_title": feed_title or None,
        }
        if updated := _when(entry, "updated"):
            meta["updated"] = updated.isoformat()
        meta = {k: v for k, v in meta.items() if v is not None}
        head = yaml.dump(meta, Dumper=YAML_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
        yield path, f"---\n{head}---\n\n{body.strip()}\n"


def _front_matter(path: Path) -> dict:
    """An entry file's front matter as we wrote it last time ({} when new)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return {}
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    meta = yaml.load(m.group(1), Loader=YAML_LOADER) if m else None
    if not isinstance(meta, dict):
        return {}
    return {k: v.isoformat() if isinstance(v, dt.date) else str(v) for k, v in meta.items()}
