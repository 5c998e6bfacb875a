"""Which files are articles, and the slug each one publishes under, without reading them
as articles: a run lists thousands of them before it knows whether any changed."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from syndicate.safety import printable

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES


def find_articles(folder: Path, skipped: list[str] | None = None) -> list[str]:
    """Article files in a folder, sorted. As strings: a run lists thousands before it
    knows if it needs a Path for any. What else the folder holds is not read, and goes in
    ``skipped`` with why, one line each: nothing a user put there is passed over without
    a word (hidden files too: an editor's backup, a partner feed saved by hand)."""
    names = []
    with os.scandir(folder) as entries:
        for e in entries:
            suffix = os.path.splitext(e.name)[1].lower()
            if e.name.startswith("."):
                why = "hidden; not read"
            elif _is_dir(e):
                why = "a folder; articles are read from the top level only"
            elif suffix in SUFFIXES:
                names.append(e.name)
                continue
            elif suffix in (".xml", ".rss", ".atom"):
                why = "not an article; a saved feed goes in as a source: syndicate run FILE"
            else:
                why = "not an article file (.txt, .md or .html); not read"
            if skipped is not None:
                skipped.append(f"{printable(e.name)}: {why}")
    if skipped is not None:
        skipped.sort()
    return [os.path.join(folder, name) for name in sorted(names)]


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def slugify(text: str) -> str:
    """ASCII, lowercase, hyphen-separated: safe as a folder name and in a URL. Other
    scripts are transliterated ("Привет" -> "privet"), so two Cyrillic file names do not
    both become the fallback slug."""
    from anyascii import anyascii

    text = anyascii(unicodedata.normalize("NFKC", text))
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return text[:80].strip("-") or "article"


def read_slug(path: Path) -> str:
    """The slug an article publishes under, read without reading the article: front
    matter's (by the same parser as the article's), else the file name's."""
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        from syndicate.sources import frontmatter  # yaml: only for a folder with Markdown

        if slug := frontmatter.read(path).get("slug"):
            return slugify(str(slug))
    return slugify(path.stem)
