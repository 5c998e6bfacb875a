"""Finding an article's own words (its names, their forms) in a text, whole.

These were regex alternations built per article and per segment: ``regex`` compiles
one such pattern in 1-4 ms, and on FLORES it compiled 1,700 of them (with a look-up in
its cache on every call), a sixth of a run. Here each word is found with ``str.find``
and its edges are checked by Unicode category, with the semantics of the alternation
sorted longest first: scanning left to right, at each position the longest word that
stands whole there, then on from its end (or, ``overlapped``, from the next position).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

import regex

# What a whole word must not touch on either side: Unicode categories by first letter.
LETTERS_MARKS_DIGITS = "LMN"  # \p{L}\p{M}\p{N}
LETTERS_DIGITS = "LN"  # \p{L}\p{N}


@lru_cache(maxsize=4096)
def compiled(pattern: str, flags: int = 0) -> regex.Pattern:
    """A pattern made of fixed parts and an article's words, compiled once."""
    return regex.compile(pattern, flags)


def _touches(text: str, i: int, edge: str) -> bool:
    return 0 <= i < len(text) and unicodedata.category(text[i])[0] in edge


def spans(
    words: Iterable[str],
    text: str,
    edge: str = LETTERS_MARKS_DIGITS,
    *,
    overlapped: bool = False,
    suffixes: tuple[str, ...] = (),
) -> list[tuple[int, int, str]]:
    """(start, end, word) of each whole occurrence of ``words`` in ``text``. A word may
    take one of ``suffixes`` before its right edge (eo "Israelon"); ``end`` then covers
    it. Empty words are ignored."""
    best: dict[int, tuple[int, int, str]] = {}  # start -> (word length, end, word)
    for w in set(words):
        if not w:
            continue
        i = text.find(w)
        while i >= 0:
            if not _touches(text, i - 1, edge):
                end = i + len(w)
                if _touches(text, end, edge):
                    end = next(
                        (
                            end + len(s)
                            for s in suffixes
                            if text.startswith(s, end) and not _touches(text, end + len(s), edge)
                        ),
                        -1,
                    )
                if end >= 0 and (i not in best or best[i][0] < len(w)):
                    best[i] = (len(w), end, w)
            i = text.find(w, i + 1)
    out: list[tuple[int, int, str]] = []
    last = 0
    for start in sorted(best):
        _, end, w = best[start]
        if overlapped or start >= last:
            out.append((start, end, w))
            last = end
    return out


def substitute(
    words: Iterable[str],
    text: str,
    replace: Callable[[str], str],
    edge: str = LETTERS_MARKS_DIGITS,
) -> str:
    """``text`` with each whole occurrence of ``words`` replaced by ``replace(word)``."""
    out, last = [], 0
    for start, end, w in spans(words, text, edge):
        out += [text[last:start], replace(w)]
        last = end
    return "".join(out) + text[last:] if out else text


def occurs(word: str, text: str, edge: str = LETTERS_DIGITS) -> bool:
    """``word`` in ``text`` as a whole word ("Stone" not in "Stoneham")."""
    i = text.find(word) if word else -1
    while i >= 0:
        if not _touches(text, i - 1, edge) and not _touches(text, i + len(word), edge):
            return True
        i = text.find(word, i + 1)
    return False
