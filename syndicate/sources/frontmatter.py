"""YAML front matter: the one reader of it, bounded, for articles, review files and
the slug a run lists an article under (so a run and a reader never disagree on it)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from syndicate.state.fsutil import read_inside

# libyaml's C loader when present: front matter is read for every file on every run.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
MAX_FRONT_MATTER = 65_536

_BLOCK = re.compile(r"---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)", re.S)


class FrontMatterError(Exception):
    """Front matter that cannot be read; the message is one line for a human."""


def load(text: str, name: str) -> object:
    """YAML front matter, bounded: no aliases (an alias bomb expands a few
    lines into gigabytes), at most 64 KB, no integer too long to read."""
    if len(text) > MAX_FRONT_MATTER:
        raise FrontMatterError(f"{name}: front matter is over 64 KB")
    # only with "*" can there be an alias: then look at the parser's events
    if "*" in text and any(
        isinstance(e, yaml.AliasEvent) for e in yaml.parse(text, Loader=YAML_LOADER)
    ):
        raise FrontMatterError(f"{name}: front matter uses YAML aliases (*name); write values out")
    try:
        return yaml.load(text, Loader=YAML_LOADER) or {}
    except ValueError:  # an integer of thousands of digits
        raise FrontMatterError(f"{name}: front matter has a number too long to read") from None


def split(text: str, name: str) -> tuple[dict, str]:
    """(front matter, body) of a Markdown article; ({}, text) without front matter."""
    if not text.startswith("---"):
        return {}, text
    m = _BLOCK.match(text)
    if not m:
        raise FrontMatterError(f"{name}: front matter opened with --- but never closed")
    try:
        meta = load(m.group(1), name)
    except yaml.YAMLError as e:
        where = getattr(e, "problem_mark", None)
        line = f" (line {where.line + 2})" if where else ""
        raise FrontMatterError(f"{name}: front matter is not valid YAML{line}") from None
    if not isinstance(meta, dict):
        raise FrontMatterError(f"{name}: front matter must be key: value pairs")
    return meta, text[m.end() :]


def read(path: Path) -> dict:
    """A file's front matter alone (its head, bounded, inside its folder); {} when it
    has none or it cannot be read: the caller's fallback stands, and reading the file as
    an article says why."""
    try:
        head = read_inside(path, MAX_FRONT_MATTER + 4096).decode("utf-8", "replace")
        return split(head, path.name)[0]
    except (OSError, FrontMatterError, yaml.YAMLError):
        return {}
