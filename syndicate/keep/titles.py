"""Abbreviated titles before a name ("Dr. Lee", "Mr. Hall", "St. Louis"), as each pair
treats them.

en-gl drops "Dr.", "Mr.", "Mrs." and "Ms." ("Dr. Lee said" -> "Lee díxoo"): the reader
loses the title and no check saw it, for the name came back. It writes "St. Louis" as
"rúa. Louis", a street and a sentence end. Other pairs keep the abbreviations ("Dr. Lee",
eng-spa; "St. Louis", eng-cat). Which pair does what is asked of the pair itself, once a
run: the abbreviation before a placeholder name, alone. What it drops is kept as written
where the target writes that abbreviation too (Galician "Dr."; the references of FLORES
dev write "O Dr. Lee"), else spelled out for the engine, which then translates it ("Mister
Lee" -> "Señor Lee"). "St." before a name is part of the place's name (St. Louis, St.
Paul): kept as written wherever the pair does not keep it.
"""

from __future__ import annotations

import regex

from syndicate.text import sentences

# English abbreviations of titles and their words, for a pair that drops the abbreviation.
SPELLED = {"Dr.": "Doctor", "Mr.": "Mister", "Mrs.": "Madam", "Ms.": "Madam", "Prof.": "Professor"}
SAINT = "St."
_BEFORE_NAME = regex.compile(r"(?<![\p{L}\p{N}.])(?:Dr|Mr|Mrs|Ms|Prof|St)\.(?= \p{Lu})")


_ENDS_IN_ONE = regex.compile(r"(?:^|(?<![\p{L}\p{N}.]))(Dr|Mr|Mrs|Ms|Prof|St)\. +$")


def just_before(text: str, pos: int) -> str | None:
    """The abbreviation right before ``pos`` ("Mr." of "Mr. Hall"): its period ends no
    sentence, and what follows is a name."""
    m = _ENDS_IN_ONE.search(text[max(0, pos - 8) : pos])
    if m is None or (m.start() == 0 and pos > 8 and text[pos - 9].isalnum()):
        return None
    return m.group(1) + "."


def before_names(text: str) -> set[str]:
    """The abbreviations in ``text`` that stand before a capitalized word."""
    return set(_BEFORE_NAME.findall(text))


def probe(abbreviation: str, name: str) -> str:
    """What the pair is asked: the abbreviation before a name it passes through."""
    return f"{abbreviation} {name}"


def decide(abbreviation: str, rendering: str, name: str, tgt: str) -> str | None:
    """ "keep" (protect it as written), "spell" (send :data:`SPELLED`'s word) or None
    (the pair's rendering stands), from how the pair rendered :func:`probe`."""
    rendering = " ".join(rendering.split())
    if rendering.startswith(f"{abbreviation} ") or name not in rendering:
        return None  # kept, or no evidence
    if abbreviation == SAINT:
        return "keep"
    if rendering.split(name)[0].strip(" .,"):
        return None  # translated: "Senyor Lee"
    short = abbreviation.rstrip(".").lower()
    return "keep" if short in sentences.TITLES.get(tgt, ()) else "spell"
