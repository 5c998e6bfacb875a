"""How an engine reads a word: the vocabulary its analyser answers in, shared by the
engines that read (Apertium) and the modules that decide from it (names, possessives)."""

from __future__ import annotations

from dataclasses import dataclass

# What a reading says of a word (names.to_protect decides from these).
PERSON = "person"  # a given name or surname reading (Apertium <np><ant>, <np><cog>)
PROPER = "proper"  # a place, organisation or other proper noun the engine knows
WORD = "word"  # an ordinary word: noun, verb, adjective ... (translated as such)
UNKNOWN = "unknown"  # not in the engine's dictionary: passed through
LITERAL = "literal"  # a web address or brand the engine rewrites (Caliber.Az -> caliber.az)
# Read so by another analyser of the language, not the pair's, which does not know the
# word ("Pakistani": eng-spa does not know it, eng-cat reads an adjective).
ELSEWHERE = "elsewhere"
# Every reading a function word or a verb (Although, Since, Despite, Entering): such a
# word opens a sentence, never a name ("Although Chile", "Entering Southern Africa").
CLOSED = "closed"


@dataclass(frozen=True)
class Unit:
    """One lexical unit as the engine's analyser sees it ("United States" is one)."""

    surface: str
    kinds: frozenset[str]


@dataclass(frozen=True)
class Token:
    """One word as a tagger read it: ``start``/``end`` index the text it came from;
    ``tags`` of its chosen reading (``n``, ``adj``, ``np``, ``gen`` ...); ``unknown``
    when the analyser does not know it."""

    surface: str
    start: int
    end: int
    tags: frozenset[str]
    unknown: bool = False
