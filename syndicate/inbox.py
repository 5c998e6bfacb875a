"""Which files are articles, and the slug each one publishes under, without reading them
as articles: a run lists thousands of them before it knows whether any changed."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from syndicate.fsutil import read_inside

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES


def find_articles(folder: Path) -> list[str]:
    """Article files in a folder, sorted; hidden files and other suffixes are skipped.
    As strings: a run lists thousands before it knows if it needs a Path for any."""
    with os.scandir(folder) as entries:
        names = [
            e.name
            for e in entries
            if not e.name.startswith(".") and os.path.splitext(e.name)[1].lower() in SUFFIXES
        ]
    return [os.path.join(folder, name) for name in sorted(names)]


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
        import yaml

        from syndicate import frontmatter

        try:
            head = read_inside(path, frontmatter.MAX_FRONT_MATTER + 4096)
            meta, _ = frontmatter.split(head.decode("utf-8", "replace"), path.name)
        except (OSError, frontmatter.FrontMatterError, yaml.YAMLError):
            return slugify(path.stem)  # the article fails to read, with the reason
        if meta.get("slug"):
            return slugify(str(meta["slug"]))
    return slugify(path.stem)
