"""Which words a language has: every installed Apertium analyser of it, asked word by word.

A language resource, not an engine: the words check (:mod:`syndicate.leftovers`) asks it
of any engine's output, and the name plan asks it which word of an engine's rendering of
a name is an article ("A Arménia"). Without Apertium it knows no language, and callers
skip what needs it.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import select
import subprocess
import threading
import time
from functools import cache
from pathlib import Path

from syndicate.engines.apertium import (
    analyser_path,
    installed_modes,
    to_stream,
)

_UNIT = re.compile(r"\^((?:\\.|[^$\\])*)\$")
_TAGS = re.compile(r"<([^>]+)>")
_UNKNOWN_UNIT = re.compile(r"\^((?:\\.|[^$/\\])*)/\*")
TIMEOUT = 60.0


@cache
def analysers(lang: str) -> tuple[Path, ...]:
    """The distinct analysers of ``lang`` (one per pair package that reads it)."""
    paths = {analyser_path(mode) for (a, _), mode in installed_modes().items() if a == lang}
    return tuple(sorted(p for p in paths if p is not None and p.is_file()))


def languages() -> set[str]:
    """The languages some installed analyser reads."""
    return {a for a, _ in installed_modes() if analysers(a)}


@cache
def shared() -> Lexicon:
    """The process's lexicon: analysers started once, their answers kept (a dictionary
    answers the same all run); stopped when the process exits."""
    lexicon = Lexicon()
    atexit.register(lexicon.close)
    return lexicon


class Lexicon:
    """Words looked up alone, remembered for the run. ``tags(words, lang)`` gives, for
    each word, the tags of all its readings by any analyser of ``lang``, or None when no
    analyser of it knows the word."""

    def __init__(self, timeout: float = TIMEOUT) -> None:
        self.timeout = timeout
        self._known: dict[tuple[Path, str], frozenset[str] | None] = {}
        self._in_text: dict[tuple[Path, str], set[str]] = {}
        self._procs: dict[Path, _Analyser] = {}
        self._pid = os.getpid()

    def knows(self, lang: str) -> bool:
        return bool(analysers(lang))

    def tags(self, words: list[str], lang: str) -> dict[str, frozenset[str] | None]:
        out: dict[str, frozenset[str] | None] = {w: None for w in words}
        for path in analysers(lang):
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

    def unknown(self, words: list[str], lang: str) -> set[str]:
        """The words no analyser of ``lang`` knows alone (none, when it has no analyser)."""
        if not self.knows(lang):
            return set()
        return {w for w, t in self.tags(words, lang).items() if t is None}

    def unknown_in(self, text: str, lang: str) -> set[str]:
        """The words of ``text`` that no analyser of ``lang`` knows, read in context: a
        word of a multi-word unit ("quant" in "quant à") is known."""
        return self.unknown_in_many([text], lang)[0]

    def unknown_in_many(self, texts: list[str], lang: str) -> list[set[str]]:
        """:meth:`unknown_in` for many texts, one analyser call each for all of them."""
        found: list[set[str] | None] = [None] * len(texts)
        for path in analysers(lang):
            todo = [t for t in dict.fromkeys(texts) if (path, t) not in self._in_text]
            if todo:
                out = self._call(
                    path, "".join(to_stream([" ".join(t.split())]) + "\0" for t in todo)
                )
                chunks = out.split("\0") if out else []
                for i, t in enumerate(todo):
                    chunk = chunks[i] if i < len(chunks) else ""
                    self._in_text[(path, t)] = {
                        re.sub(r"\\(.)", r"\1", m.group(1)) for m in _UNKNOWN_UNIT.finditer(chunk)
                    }
            for i, t in enumerate(texts):
                unknown = self._in_text[(path, t)]
                found[i] = set(unknown) if found[i] is None else found[i] & unknown
        return [f or set() for f in found]

    def _call(self, path: Path, stream: str) -> str:
        """The analyser's output for NUL-ended records; "" when it cannot run (every
        word then counts as known). One `lt-proc` per analyser for the run."""
        if self._pid != os.getpid():  # a forked worker: the parent's pipes are not ours
            self._procs, self._pid = {}, os.getpid()
        proc = self._procs.get(path)
        if proc is None or not proc.alive():
            try:
                proc = self._procs[path] = _Analyser(path)
            except OSError:
                return ""
        try:
            return proc.run(stream, self.timeout)
        except OSError:
            proc.close()
            return ""

    def close(self) -> None:
        if self._pid != os.getpid():
            return
        for proc in self._procs.values():
            proc.close()
        self._procs.clear()

    def _run(self, path: Path, words: list[str]) -> list[frozenset[str] | None]:
        out = self._call(path, "".join(to_stream([w]) + "\0" for w in words))
        if not out:
            return [frozenset()] * len(words)  # cannot ask: count every word as known
        chunks = out.split("\0")
        return [_read(chunks[i] if i < len(chunks) else "") for i in range(len(words))]


class _Analyser:
    """`lt-proc -z` kept running: records written with a NUL after each come back
    each with a NUL after it (a writer thread: output is read while we write)."""

    def __init__(self, path: Path) -> None:
        self.proc = subprocess.Popen(
            ["lt-proc", "-z", "-w", str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )

    def alive(self) -> bool:
        return self.proc.poll() is None

    def run(self, stream: str, timeout: float) -> str:
        assert self.proc.stdin and self.proc.stdout
        data = stream.encode("utf-8")
        want = data.count(b"\0")

        def feed() -> None:
            with contextlib.suppress(OSError, ValueError):
                self.proc.stdin.write(data)
                self.proc.stdin.flush()

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        deadline = time.monotonic() + timeout
        buf = bytearray()
        fd = self.proc.stdout.fileno()
        got = 0
        while got < want:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise OSError("analyser timed out")
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                raise OSError("analyser ended")
            got += chunk.count(b"\0")
            buf += chunk
        writer.join()
        return buf.decode("utf-8", "replace")

    def close(self) -> None:
        if self.alive():
            self.proc.kill()
        with contextlib.suppress(OSError):
            self.proc.wait(5)
        for f in (self.proc.stdin, self.proc.stdout):
            if f:
                with contextlib.suppress(OSError):
                    f.close()


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
