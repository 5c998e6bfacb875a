"""Fetching a partner feed and writing its entries as article files.

Each source's entries live in a folder of the state (``<state>/sources/<folder>/``), found
by the feed's own identity (:func:`syndicate.sources.entries.identity`), not its URL: the
same feed from another URL keeps its folder, files and slugs. The marker file in each
folder names the identity and the URLs the feed came from.
"""

from __future__ import annotations

from pathlib import Path

from syndicate.sources.partners import Source, SourceError

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

    from syndicate.state.fsutil import atomic_write

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
    from syndicate.sources import entries, fetch
    from syndicate.sources.articles import ArticleError
    from syndicate.state.fsutil import atomic_write

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
    from syndicate.sources import fetch

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
