"""Inline spans (emphasis, strong, links, images) put on the translation of the bare text.

A span's marks inside a sentence cut it for an engine: Apertium reads them as
punctuation, so "We *will* finish" comes back as "Nosotros ** llegada" where the bare
sentence gives "Acabaremos". The pipeline therefore translates a block twice, with its
span marks and without them (:attr:`syndicate.text.markup.Tagged.bare`), and :func:`place`
keeps the bare translation's words and puts each span on them: where the two
translations agree word for word a span goes on the same words; where they differ, on
the bare translation's words in its place ("*Acabaremos*").
"""

from __future__ import annotations

import difflib
import re

import regex

_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+|\S")


def _tokens(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN.finditer(text)]


def _without(text: str, chars: set[str]) -> tuple[str, dict[str, int]]:
    """``text`` without ``chars``, and where each removed char stood in the result."""
    out: list[str] = []
    where: dict[str, int] = {}
    n = 0
    for ch in text:
        if ch in chars:
            where[ch] = n
        else:
            out.append(ch)
            n += len(ch)
    return "".join(out), where


def _normal(text: str) -> str:
    return " ".join(text.split())


def place(
    with_spans: str, bare: str, pairs: list[tuple[str, str]], needed: frozenset[str] = frozenset()
) -> str:
    """The bare translation with the spans of ``with_spans`` on it (see the module doc).

    An emphasis whose words the bare translation has none of is left out, as is a span
    the in-context translation lost or left empty. When spans nest or cross, or a span
    in ``needed`` (a link: its URL must not go) cannot be placed, the in-context
    translation stands."""
    paired = {ch for pair in pairs for ch in pair}
    a, where = _without(with_spans, paired)
    spans = [(o, c) for o, c in pairs if o in where and c in where and where[o] <= where[c]]
    in_context = _only(with_spans, spans, paired)
    if _normal(a) == _normal(bare):
        return in_context
    ranges = sorted((where[o], where[c], o, c) for o, c in spans)
    for (_, e1, _, _), (s2, _, _, _) in zip(ranges, ranges[1:], strict=False):
        if s2 < e1:
            return in_context
    ta, tb = _tokens(a), _tokens(bare)
    matcher = difflib.SequenceMatcher(
        a=[a[s:e] for s, e in ta], b=[bare[s:e] for s, e in tb], autojunk=False
    )
    blocks = matcher.get_opcodes()
    inserts: list[tuple[int, int, str]] = []  # (position in bare, order, sentinel)
    for start, end, o, c in ranges:
        first = next((k for k, (s, e) in enumerate(ta) if e > start), len(ta))
        last = max((k for k, (s, e) in enumerate(ta) if s < end), default=-1)
        got = _mapped(blocks, first, last)
        if got is None:
            if o in needed:
                return in_context
            continue
        j1, j2 = got
        inserts.append((tb[j1][0], 1, o))
        inserts.append((tb[j2][1], 0, c))
    out = bare
    for pos, _, ch in sorted(inserts, reverse=True):
        out = out[:pos] + ch + out[pos:]
    return out


def _mapped(blocks, first: int, last: int) -> tuple[int, int] | None:
    """The bare translation's tokens (first, last) for tokens first..last of the other;
    an empty span (last < first) maps to the words that replaced the place it was."""
    lo = hi = None
    for tag, i1, i2, j1, j2 in blocks:
        if last < first:  # nothing inside: the block around its position
            if i1 <= first < i2 or (i1 == i2 == first and tag == "insert"):
                if tag == "replace" or tag == "insert":
                    return (j1, j2 - 1) if j2 > j1 else None
                return None
            continue
        if i2 <= first or i1 > last:
            continue
        if tag == "equal":
            s, e = j1 + max(first, i1) - i1, j1 + min(last, i2 - 1) - i1
        elif tag == "replace":
            s, e = j1, j2 - 1
        else:  # delete: no counterpart
            continue
        lo = s if lo is None else min(lo, s)
        hi = e if hi is None else max(hi, e)
    if lo is None or hi is None or hi < lo:
        return None
    return lo, hi


def _only(text: str, spans: list[tuple[str, str]], paired: set[str]) -> str:
    """``text`` with only the span marks of ``spans`` and none of a span left empty (an
    empty ``**`` in Markdown is two stars); other sentinels (structure, code) stay."""
    keep = set()
    for o, c in spans:
        i, j = text.find(o), text.find(c)
        if any(ch.isalnum() for ch in text[i + 1 : j]):
            keep |= {o, c}
    out = "".join(ch for ch in text if ch not in paired or ch in keep)
    return out if len(keep) == len(paired) else re.sub(r"(?<=\S)[ \t]{2,}", " ", out)
