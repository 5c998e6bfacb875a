"""Partner feeds as sources: RSS 0.9x/1.0/2.0 and Atom entries become articles.

Each entry is written as a Markdown article (front matter and body) into the state,
``<state>/sources/<source>/<entry>.md``, and from there goes through the pipeline exactly
as a file in the articles folder does: detection, translation, checks, the desk, our
feeds. The file's name comes from the entry's guid/id, so an entry keeps its slug and its
item ids whatever its title becomes; an entry whose content changed rewrites its file
and is translated again (same ids, a new ``updated``); an entry that drops out of the
partner's feed keeps its file, and stays in ours.

This module holds a source's settings (``[[sources]]`` in syndicate.toml, or a URL or
feed file on the command line); fetching and writing the entries is
:mod:`syndicate.sources.syncing`, an entry as an article file
:mod:`syndicate.sources.entries` (imported only when a feed is read): partner HTML is
sanitized (nh3) and read as Markdown there, before anything translates or publishes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from syndicate.sources.inbox import slugify

FEED_SUFFIXES = {".xml", ".rss", ".atom"}
TIMEOUT = 20.0  # seconds (sources.fetch, imported only when a source is fetched)


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


def url_problem(url: str) -> str | None:
    """Why an http(s) source URL cannot be fetched ("http://[::1" is not a host), or None."""
    try:
        u = urlsplit(url)
        u.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as e:
        return f"{url[:80]!r} is not a valid URL ({e})"
    if not u.hostname:
        return f"{url[:80]!r} has no host"
    return None


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
        if url.startswith(("http://", "https://")) and (why := url_problem(url)):
            raise ValueError(f"{where}: source {n}: {why}")
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
