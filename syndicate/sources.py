"""Partner feeds as sources: RSS 0.9x/1.0/2.0 and Atom entries become articles.

Each entry is written as a Markdown article (front matter and body) into the state,
``<state>/sources/<source>/<entry>.md``, and from there goes through the pipeline exactly
as a file in the articles folder does: detection, translation, checks, the desk, our
feeds. The file's name comes from the entry's guid/id, so an entry keeps its slug and its
item ids whatever its title becomes; an entry whose content changed rewrites its file
and is translated again (same ids, a new ``updated``); an entry that drops out of the
partner's feed keeps its file, and stays in ours.

How an entry becomes an article file is :mod:`syndicate.entries` (imported only when a
feed is read); partner HTML is sanitized (nh3) and read as Markdown there, before
anything translates or publishes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from syndicate.inbox import slugify

FEED_SUFFIXES = {".xml", ".rss", ".atom"}
TIMEOUT = 20.0  # seconds (syndicate.fetch, imported only when a source is fetched)


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
        timeout = e.get("timeout", TIMEOUT)
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
            raise ValueError(f"{where}: source {n}: timeout must be a number of seconds over 0")
        url = e["url"].strip()
        if "://" in url and not is_source(url):
            raise ValueError(f"{where}: source {n}: {url[:80]!r} is not an http(s) URL or a file")
        out.append(
            Source(
                url=url,
                name=str(e["name"]) if e.get("name") else None,
                lang=str(e["lang"]).lower() if e.get("lang") else None,
                targets=[t.lower() for t in targets] if targets is not None else None,
                timeout=float(timeout),
            )
        )
    return out


MARKER = ".feed.json"  # in a source's folder: the feed's own identity and its URLs


def folder_of(source: Source, base: Path) -> Path:
    """Where the source's entries live under ``base`` (the state's ``sources``): the
    folder whose marker lists its URL, else the one its name or URL gives."""
    for marker in sorted(base.glob(f"*/{MARKER}")):
        if source.url in _marker(marker).get("urls", []):
            return marker.parent
    return base / source.key


def _marker(path: Path) -> dict:
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _claim(base: Path, identity: str, source: Source) -> Path:
    """The folder of the feed with this identity, whatever URL it came from before
    (http -> https, a new host): its entries keep their files, slugs and item ids.
    A feed seen for the first time takes the folder its name or URL gives."""
    import json

    from syndicate.fsutil import atomic_write

    folder = next(
        (m.parent for m in sorted(base.glob(f"*/{MARKER}")) if _marker(m).get("id") == identity),
        None,
    ) or folder_of(source, base)
    known = _marker(folder / MARKER)
    if known.get("id") not in (None, identity):
        # another feed now answers at this URL: its own folder, the old one stays as it is
        import hashlib

        others = [u for u in known.get("urls", []) if u != source.url]
        atomic_write(folder / MARKER, json.dumps({**known, "urls": others}, indent=1) + "\n")
        folder = base / f"{source.key}-{hashlib.sha256(identity.encode()).hexdigest()[:8]}"
        known = _marker(folder / MARKER)
    marker = folder / MARKER
    urls = [u for u in known.get("urls", []) if isinstance(u, str)]
    if known.get("id") != identity or source.url not in urls:
        folder.mkdir(parents=True, exist_ok=True)
        data = {"id": identity, "urls": [*urls, source.url][-20:]}
        atomic_write(marker, json.dumps(data, indent=1) + "\n")
    return folder


def sync(source: Source, store, base: Path) -> list[Path]:
    """Fetch ``source`` (conditionally), write its entries as articles into its folder
    under ``base``; the article files of every entry seen so far. Raises SourceError."""
    from syndicate import entries, fetch
    from syndicate.articles import ArticleError
    from syndicate.fsutil import atomic_write

    folder = folder_of(source, base)
    try:
        data, validators = _get(source, store)
        if data is not None:
            parsed = entries.parse(data)
            identity = entries.identity(parsed, source)
            folder = _claim(base, identity, source)
            for path, text in entries.articles(source, parsed, folder, identity):
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
