"""Words left in another language: output words the target's analysers do not know
but the source's or a pivot's do ("revel·lada" in French through Catalan, "gobernación"
through Spanish, "landmarks" from the English).

Judged against dictionaries the engine's output did not make: a word counts only when
no analyser of the target knows it and one of another language on the route does, and
when it is not a word of the source text (a name, a term kept verbatim).
"""

from __future__ import annotations

import regex

from syndicate.engines.lexicon import Lexicon
from syndicate.text import patterns

# A word as the analysers read it: letters, with the Catalan middle dot, apostrophes and
# hyphens inside ("col·lecció", "aujourd'hui", "base-ball", "l'Alaska": the analyser
# splits the elided article itself).
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:[·'’-]\p{L}[\p{L}\p{M}]*)*")
# The Catalan "l·l" is written in no other language: in another target it is Catalan
# the pivot left, whether or not the Catalan analysers know the word ("revel·lada").
CATALAN_DOT = "·"
_PARTS = regex.compile(r"['’-]")

# At this share of an article-language's words (one in 25), and at least HOLD_MIN words,
# the translation is held; below it the words are listed in the report and on the desk.
# On FLORES dev (bench/quality.py, 42 articles a target) no article-language of ours
# reaches it (the most: 3.7%, Italian through Catalan) and none of Google's (2.0%: words
# the target's dictionaries lack, which a check on dictionaries cannot tell from ours).
HOLD_SHARE = 0.04
HOLD_MIN = 5  # and never for fewer words than this


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def find(
    text: str, source_text: str, tgt: str, others: tuple[str, ...], lexicon: Lexicon
) -> list[str]:
    """Each occurrence of a word of ``text`` left in one of the ``others`` languages."""
    return find_many([text], [source_text], tgt, others, lexicon)[0]


def find_many(
    texts: list[str], sources: list[str], tgt: str, others: tuple[str, ...], lexicon: Lexicon
) -> list[list[str]]:
    """:func:`find` for many texts (each with its source), one analyser call for all."""
    if not lexicon.knows(tgt):
        return [[] for _ in texts]
    texts = [t.replace("’", "'") for t in texts]  # "all’Italia": as the analysers read it
    unknown = [
        _candidates(text, source, words_)
        for text, source, words_ in zip(
            texts, sources, lexicon.unknown_in_many(texts, tgt), strict=True
        )
    ]
    # Each other language asked once for every candidate of every text.
    pool = set().union(*unknown) if unknown else set()
    foreign = {w for w in pool if CATALAN_DOT in w and tgt != "ca"}
    for lang in others:
        if lang != tgt and lexicon.knows(lang) and (todo := sorted(pool - foreign)):
            tags = lexicon.tags(todo, lang)
            foreign |= {w for w, t in tags.items() if t is not None and "np" not in t}
    return [_occurrences(text, u & foreign) for text, u in zip(texts, unknown, strict=True)]


def _candidates(text: str, source_text: str, unknown: set[str]) -> set[str]:
    """The unknown words that could be another language's: not codes, acronyms, the
    source's names, or capitalized inside a sentence."""
    # The source's names and terms (capitalized), which a translation keeps; its
    # ordinary words left as they were are English in the translation.
    seen = {
        p.casefold() for w in words(source_text) for p in [w, *_PARTS.split(w)] if p[:1].isupper()
    }
    return {
        w
        for w in unknown
        if len(w) > 2
        and not any(c.isdigit() for c in w)  # KV62, H5N1, 4x4: codes, in any language
        and not w.isupper()  # acronyms (COI, DDA): the target's own or the source's
        and w.casefold() not in seen
        and not all(p.casefold() in seen or len(p) < 3 for p in _PARTS.split(w))
        # A capital inside a sentence is a name's (Star Tribune, Sésamo), kept or the
        # target's; at a sentence's start it is any word's.
        and (not w[0].isupper() or _starts_sentence(w, text))
    }


def _occurrences(text: str, foreign: set[str]) -> list[str]:
    if not foreign:
        return []
    return [w for _, _, w in patterns.spans(foreign, text)]


def _starts_sentence(word: str, text: str) -> bool:
    opening = r"(?:^|[.!?…:;]\s+|[\n«“\"(¿¡]\s*)"
    return bool(patterns.compiled(opening + regex.escape(word)).search(text))


def too_many(found: list[str], text: str) -> bool:
    """Whether so many words are left that a reader should not get the text unreviewed."""
    return len(found) >= max(HOLD_MIN, HOLD_SHARE * len(words(text)))
