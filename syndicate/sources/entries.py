"""A feed's entries as Markdown article files (front matter and body), for
:mod:`syndicate.sources.syncing`: feedparser reads the feed, nh3 and
:mod:`syndicate.sources.webpage` turn partner HTML into Markdown, and the entry's guid
names its file."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import html
import re
from pathlib import Path

import nh3
import yaml

from syndicate.sources import webpage
from syndicate.sources.articles import split_paragraphs
from syndicate.sources.frontmatter import YAML_DUMPER, YAML_LOADER
from syndicate.sources.inbox import slugify
from syndicate.sources.partners import Source, SourceError
from syndicate.text import markup

MAX_ENTRIES = 200  # per fetch: the newest; a feed is a window, not an archive


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


def identity(parsed, source: Source) -> str:
    """The feed's own identity, not its URL: an Atom feed's id, else an RSS channel's
    site link and title; the URL only where the feed names neither. Scheme and "www."
    are left out, so the same feed over https or from a mirror is the same feed."""
    feed = parsed.feed
    own = feed.get("id") or ""
    if not own and feed.get("link"):
        own = f"{feed.get('link')} {_text(feed.get('title'), None)}"
    own = own or source.url
    return re.sub(r"^[a-z][a-z0-9+.-]*://(?:www\.)?", "", own.strip(), flags=re.I).rstrip("/")


def _by_guid(folder: Path) -> dict[str, Path]:
    """The entry files already in the folder, by the guid they were written with: an
    entry keeps its file (and so its slug) whatever URL the feed now comes from."""
    out = {}
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else ():
        guid = _front_matter(path).get("guid")
        if guid:
            out.setdefault(guid, path)
    return out


def articles(source: Source, parsed, folder: Path, feed_id: str):
    """(path, Markdown article) for each entry of the feed (``parse``'s reading)."""
    feed = parsed.feed
    known = _by_guid(folder)
    feed_title = _text(feed.get("title"), (feed.get("title_detail") or {}).get("type"))
    feed_author = _text(feed.get("author"), None)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for entry in parsed.entries[:MAX_ENTRIES]:
        title = _text(entry.get("title"), (entry.get("title_detail") or {}).get("type"))
        guid = entry.get("id") or entry.get("link") or title
        if not guid or not title:
            continue
        key = hashlib.sha256(f"{feed_id}\n{guid}".encode()).hexdigest()[:16]
        path = known.get(str(guid)) or folder / f"{key}.md"
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
