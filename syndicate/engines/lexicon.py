"""Which words a language has: every installed Apertium analyser of it, asked word by word.

A language resource, not an engine: the words check (:mod:`syndicate.check.leftovers`) asks it
of any engine's output, and the name plan asks it which word of an engine's rendering of
a name is an article ("A Arménia"). Without Apertium it knows no language, and callers
skip what needs it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from syndicate.engines.apertium import analyser_path, installed_modes, run_analyser, to_stream

_UNIT = re.compile(r"\^((?:\\.|[^$\\])*)\$")
_TAGS = re.compile(r"<([^>]+)>")
_UNKNOWN_UNIT = re.compile(r"\^((?:\\.|[^$/\\])*)/\*")
TIMEOUT = 60.0


@cache
def analysers(lang: str) -> tuple[Path, ...]:
    """The distinct analysers of ``lang`` (one per pair package that reads it)."""
    paths = {analyser_path(mode) for (a, _), mode in installed_modes().items() if a == lang}
    return tuple(sorted(p for p in paths if p is not None and p.is_file()))


@cache
def shared() -> Lexicon:
    """The process's lexicon: analysers started once, their answers kept (a dictionary
    answers the same all run); stopped when the process exits."""
    return Lexicon()


class Lexicon:
    """Words looked up alone, remembered for the run. ``tags(words, lang)`` gives, for
    each word, the tags of all its readings by any analyser of ``lang``, or None when no
    analyser of it knows the word."""

    def __init__(self, timeout: float = TIMEOUT) -> None:
        self.timeout = timeout
        self._known: dict[tuple[Path, str], frozenset[str] | None] = {}
        self._in_text: dict[tuple[Path, str], set[str]] = {}

    def knows(self, lang: str) -> bool:
        return bool(analysers(lang))

    def tags(
        self, words: list[str], lang: str, besides: Path | None = None
    ) -> dict[str, frozenset[str] | None]:
        """``besides``: a package folder whose analyser is not asked (where the others
        can say: the evidence must not come from the package that made the word)."""
        out: dict[str, frozenset[str] | None] = {w: None for w in words}
        paths = analysers(lang)
        others = tuple(p for p in paths if p.parent != besides)
        for path in others or paths:
            todo = [w for w in dict.fromkeys(words) if (path, w) not in self._known]
            if todo:
                self._known.update(
                    {(path, w): t for w, t in zip(todo, self._run(path, todo), strict=True)}
                )
            for w in words:
                t = self._known[(path, w)]
                if t is not None:
                    out[w] = t | (out[w] or frozenset())
        return out

    def unknown_in_many(self, texts: list[str], lang: str) -> list[set[str]]:
        """:meth:`unknown_in` for many texts: the biggest analyser reads them in context
        (one call for all); the words it does not know are then looked up alone in the
        others (remembered: a handful of words, not the texts again)."""
        paths = sorted(analysers(lang), key=lambda p: p.stat().st_size, reverse=True)
        if not paths:
            return [set() for _ in texts]
        first = paths[0]
        todo = [t for t in dict.fromkeys(texts) if (first, t) not in self._in_text]
        if todo:
            out = self._call(first, "".join(to_stream([" ".join(t.split())]) + "\0" for t in todo))
            chunks = out.split("\0") if out else []
            for i, t in enumerate(todo):
                chunk = chunks[i] if i < len(chunks) else ""
                self._in_text[(first, t)] = {
                    re.sub(r"\\(.)", r"\1", m.group(1)) for m in _UNKNOWN_UNIT.finditer(chunk)
                }
        found = [set(self._in_text[(first, t)]) for t in texts]
        rest = sorted(set().union(*found)) if found else []
        for path in paths[1:]:
            if not rest:
                break
            todo = [w for w in rest if (path, w) not in self._known]
            if todo:
                self._known.update(
                    zip(((path, w) for w in todo), self._run(path, todo), strict=True)
                )
            rest = [w for w in rest if self._known[(path, w)] is None]
        still = set(rest)
        return [f & still for f in found]

    def _call(self, path: Path, stream: str) -> str:
        """The analyser's output for NUL-ended records; "" when it cannot run (every
        word then counts as known)."""
        try:
            return run_analyser(path, stream, self.timeout)
        except OSError:
            return ""

    def _run(self, path: Path, words: list[str]) -> list[frozenset[str] | None]:
        out = self._call(path, "".join(to_stream([w]) + "\0" for w in words))
        if not out:
            return [frozenset()] * len(words)  # cannot ask: count every word as known
        chunks = out.split("\0")
        return [_read(chunks[i] if i < len(chunks) else "") for i in range(len(words))]


def _read(chunk: str) -> frozenset[str] | None:
    """The tags of a word's readings; None when the analyser marks it unknown (``*``)."""
    tags: set[str] = set()
    for m in _UNIT.finditer(chunk):
        surface, _, readings = m.group(1).partition("/")
        if not readings:
            continue
        for r in re.split(r"(?<!\\)/", readings):
            if r.startswith("*"):
                if surface.strip(". "):
                    return None
                continue
            tags |= set(_TAGS.findall(r))
    return frozenset(tags - {"sent"})
