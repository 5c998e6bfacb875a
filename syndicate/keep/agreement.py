"""A title before a woman's name in the feminine: "Governor Ann Cole" reaches Spanish as
"Gobernador Ann Cole" (English titles have no gender; the engine writes the masculine),
and becomes "Gobernadora Ann Cole"; "el gobernador" before her name "la gobernadora".

Judged by dictionaries, not word lists: the source's analysers say the name's first word
is a woman's given name (Apertium ``<np><ant><f>``, never also ``<m>``); the target's
analyser says the word before the name is a masculine noun, and the pair's own generator
writes its feminine (and that of a masculine article before it), or nothing changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

import regex

from syndicate.engines.apertium import (
    analyser_path,
    generator_path,
    installed_modes,
    run_analyser,
    to_stream,
)
from syndicate.engines.lexicon import Lexicon

TIMEOUT = 60.0
_READING = regex.compile(r"\^([^/$]*)/([^$]*)\$")


def women(names: Iterable[str], src: str, lexicon: Lexicon) -> list[str]:
    """The names (two words or more) whose first word is only a woman's given name."""
    firsts = {n: n.split()[0] for n in names if " " in n}
    tags = lexicon.tags(sorted(set(firsts.values())), src)
    return [
        n
        for n, first in firsts.items()
        if (t := tags.get(first)) and {"np", "ant", "f"} <= t and "m" not in t
    ]


@cache
def _tools(last_hop: tuple[str, str]) -> tuple[Path, Path] | None:
    """The target's analyser and generator from the package of the route's last hop
    (one tag set for both)."""
    modes = installed_modes()
    a, tgt = last_hop
    if (a, tgt) not in modes or (tgt, a) not in modes:
        return None
    gen, ana = generator_path(modes[(a, tgt)]), analyser_path(modes[(tgt, a)])
    return (ana, gen) if ana and gen and ana.is_file() and gen.is_file() else None


def _analyse(path: Path, word: str) -> list[str]:
    out = run_analyser(path, to_stream([word]) + "\0", TIMEOUT)
    m = _READING.search(out)
    return m.group(2).split("/") if m else []


def _generate(path: Path, reading: str) -> str | None:
    # a blank after the unit: the generator writes a record out only once past it
    out = run_analyser(path, f"^{reading}$ \0", TIMEOUT, flag="-g").split("\0")[0].strip()
    out = out.lstrip("~")
    return out if out and not out.startswith(("#", "*", "@")) else None


def _feminine(ana: Path, gen: Path, word: str, kinds: tuple[str, ...]) -> str | None:
    """The feminine of ``word`` when the analyser reads it as one of ``kinds``
    (``n``, ``det``) in the masculine and the generator has a feminine."""
    for reading in _analyse(ana, word):
        if reading.startswith("*") or "<m>" not in reading:
            continue
        if not any(reading.split("<", 1)[-1].startswith(f"{k}>") for k in kinds):
            continue
        form = _generate(gen, reading.replace("<m>", "<f>", 1))
        if form and form.casefold() != word.casefold():
            return form[0].upper() + form[1:] if word[:1].isupper() else form
    return None


def agree(text: str, names: list[str], last_hop: tuple[str, str]) -> str:
    """``text`` with the title before each of ``names`` (women's) in the feminine."""
    if not names or not (tools := _tools(last_hop)):
        return text
    ana, gen = tools
    alts = "|".join(regex.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = regex.compile(
        rf"(?:(?<![\p{{L}}])(\p{{L}}+)\s+)?(?<![\p{{L}}])(\p{{L}}+)\s+(?:{alts})(?![\p{{L}}\p{{N}}])"
    )
    out, pos = [], 0
    try:
        for m in pattern.finditer(text):
            title = _feminine(ana, gen, m.group(2), ("n",))
            if title is None:
                continue
            article = _feminine(ana, gen, m.group(1), ("det",)) if m.group(1) else None
            if article:
                out += [text[pos : m.start(1)], article]
                pos = m.end(1)
            out += [text[pos : m.start(2)], title]
            pos = m.end(2)
    except OSError:
        return text  # an analyser that cannot run: the engine's words stand
    return "".join(out) + text[pos:]
