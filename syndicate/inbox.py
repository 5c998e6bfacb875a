"""Which files are articles, and the slug each one publishes under, without reading them
as articles: a run lists thousands of them before it knows whether any changed."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

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
    """ASCII, lowercase, hyphen-separated: safe as a folder name and in a URL."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return text[:80].strip("-") or "article"


def read_slug(path: Path) -> str:
    """The slug without translating: front matter's, or the file name's."""
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        try:
            head = path.read_text(encoding="utf-8", errors="replace")[:4096]
        except OSError:
            return slugify(path.stem)
        if m := re.search(r"^slug:\s*['\"]?([^'\"\n]+)", head, re.M):
            return slugify(m.group(1))
    return slugify(path.stem)
