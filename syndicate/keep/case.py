"""The kind that keeps the source's case: rule-based engines lose a paragraph's or a
sentence's capital, or give one to the word after a word they passed through unknown.
Nothing to prepare or check; each unit's output is put back in the source's case.
"""

from __future__ import annotations

import re

import regex

from syndicate.keep.kind import Job, Kind
from syndicate.keep.protect import Protected
from syndicate.text import sentences


def match_initial_case(source: str, target: str, keep: tuple[str, ...] = ()) -> str:
    """Give the target's first letter the case of the source's first letter.

    Engines lose the capital at the start of a paragraph (Catalan output starts
    lower-case after a dropped pronoun) or add one. Protected terms are left as they are.
    """
    src = next((c for c in source if c.isalnum()), "")
    if not src.isalpha():  # "28-year-old Vidal ...": no case to match
        return target
    for i, c in enumerate(target):
        if not c.isalpha():
            continue
        if any(target.startswith(term, i) for term in keep if term):
            return target
        if src.isupper() and c.islower():
            return target[:i] + c.upper() + target[i + 1 :]
        word = re.match(r"\w+", target[i:])
        rest = word.group(0)[1:] if word else "x"
        if src.islower() and c.isupper() and (not rest or rest.islower()):
            return target[:i] + c.lower() + target[i + 1 :]
        return target
    return target


_BOUNDARY = regex.compile(r"(?<=(\p{L}[\p{L}.]*|\p{N})[.!?…][\"”»’)]*)(\s+)(?=[\"“«‘(]?(\p{L}))")


def match_sentence_case(source: str, target: str, src: str, tgt: str) -> str:
    """Give sentences inside a paragraph the capital the source's have: Apertium drops
    a subject pronoun and its capital with it ("in the day. He was staying" -> "en el
    día. se quedaba"). Only where the target has as many sentence ends as the source
    (split by :mod:`syndicate.text.sentences`), none after an abbreviation or initial."""
    if not regex.search(r"[.!?…][\"”»’)]*\s+[\"“«‘(]?\p{Ll}", target):
        return target
    starts = [s for s in sentences.split(source, src)[1:]]
    if not starts or not all(regex.match(r"[\"“«‘(]?\p{Lu}", s) for s in starts):
        return target
    short = {w.lower() for w in sentences.ABBREVIATIONS.get(tgt, ())}
    short |= {w.lower() for w in sentences.TITLES.get(tgt, ())}
    ends = []
    for m in _BOUNDARY.finditer(target):
        word = m.group(1)
        if "." in word or len(word) < 2 or word.lower() in short or word.isupper():
            continue  # EE.UU., "p. ej.", J. R. Tolkien, Sr.
        ends.append(m)
    if len(ends) != len(starts):
        return target
    out = list(target)
    for m in ends:
        i = m.start(3)
        out[i] = out[i].upper()
    return "".join(out)


_OPENING = r"(?:^|(?<=[.!?…][\"”»’)]*\s+))[\"“«‘(]?"
_FIRST_WORD = r"(\p{Lu}[\p{L}\p{M}'’-]*)"
_FIRST_THEN_LOWER = regex.compile(_OPENING + _FIRST_WORD + r"\s+\p{Ll}")
_FIRST_THEN_CAPITAL = regex.compile(_OPENING + _FIRST_WORD + r"(\s+)(\p{Lu})(?=\p{Ll}+\b)")


def after_first_word_case(source: str, target: str) -> str:
    """Undo the capital Apertium gives the word after a sentence's first word when it
    passed that word through unknown ("Jarque was practicing" -> "Jarque Practicaba",
    "Diplomats Era"): where a target sentence opens with a source sentence's first word
    and the source went on in lower case, the next word goes lower case too."""
    firsts = {m.group(1) for m in _FIRST_THEN_LOWER.finditer(source)}
    if not firsts:
        return target

    def lower(m: regex.Match) -> str:
        first, space, capital = m.groups()
        return first + space + (capital.lower() if first in firsts else capital)

    return _FIRST_THEN_CAPITAL.sub(lower, target)


class CaseKind(Kind):
    name = "case"

    def restore(self, text: str, u: Protected, job: Job) -> str:
        text = match_sentence_case(u.source, text, job.src, job.tgt)
        text = after_first_word_case(u.source, text)
        return match_initial_case(u.source, text, tuple(u.terms))


KIND = CaseKind()
