"""What a pair does not know, translated through two other pairs that do.

en-gl leaves 514 distinct English words of FLORES untranslated ("valves", "apps",
"landmarks"), eng-spa 395 ("accusations", "backyard", "beverage"): a reader of the
Galician gets English. Where the pairs installed beside it know the word (en-gl's
through en->es->gl, eng-spa's through en->ca->es), the word is translated there, alone,
and put in its place. Only ordinary words (lower-case in the output: names stay as
they are), and only a translation the backoff pairs wrote without unknown marks of
their own and in three words or fewer.

A whole segment goes through the other pairs (:func:`complete`) when the pair left
ordinary words in it untranslated or forms it could not generate ("#fertilizante"), and
the other pairs' version is taken where it leaves fewer: a sentence translated by one
pair in context reads better than words filled in alone. The words still unknown are
translated alone, in the same call.

Measured on FLORES with the raw engines, no other layer: words filled alone, en-gl
chrF 49.73 -> 49.94 and eng-spa 43.91 -> 44.12; segments chosen by fewer unknown words,
en-gl 49.71 -> 50.00, eng-cat 51.82 -> 52.04 (through es), eng-spa 43.89 -> 44.27
(through ca). The pivots after eng-spa gain with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import regex

# What follows a word the pair did not know in its output (a private-use character, put
# there by the engine's own stage before generation, see ``apertium.UNGLUE``).
MARK = "\ue000"
# Middle languages tried in this order: the pairs with the biggest dictionaries first.
PREFERRED = ("es", "ca", "en", "fr", "pt", "it", "gl")


def chain(pairs: set[tuple[str, str]], src: str, tgt: str) -> tuple[tuple[str, str], ...]:
    """Two hops src->mid->tgt over installed pairs, for the words src->tgt lacks."""
    mids = sorted(
        {b for a, b in pairs if a == src and (b, tgt) in pairs and b not in (src, tgt)},
        key=lambda m: (PREFERRED.index(m) if m in PREFERRED else len(PREFERRED), m),
    )
    return ((src, mids[0]), (mids[0], tgt)) if mids else ()


@cache
def _patterns() -> tuple[regex.Pattern, regex.Pattern]:
    """An unknown ordinary word, marked (names start upper-case); a form the generator
    could not generate ("#fertilizante": the lemma, uninflected). Compiled on first use:
    a run with nothing to translate needs only :func:`chain`, for the pairs' versions."""
    import regex

    return (
        regex.compile(rf"(?<![\w@#])(\p{{Ll}}[\p{{L}}\p{{M}}'’-]*\p{{L}}){MARK}"),
        regex.compile(r"(?<![\w#@])#(?=\w)"),
    )


def unknown(text: str) -> int:
    """How many words the engine left untranslated or ungenerated in ``text``, names
    too: a route that leaves fewer ordinary words but passes on a middle language's word
    as a name ("la Indus Riu": ca "Riu" unknown to spa-cat) is no better."""
    return text.count(MARK) + len(_patterns()[1].findall(text))


def unmark(texts: list[str]) -> list[str]:
    ungenerated = _patterns()[1]
    return [ungenerated.sub("", t.replace(MARK, "")) for t in texts]


# Any word the pair marked unknown, names too (what ``unknown`` counts), without what
# the target glued to it ("qu'arrapat": arrapat; "(Kowalczyk").
_ANY_MARKED = re.compile(rf"([\w-]+){MARK}")


def _capital(word: str) -> str:
    """ "pakistani", lower-cased inside a sentence for the pair (``names.lowered``), is an
    entry of eng-cat's only as "Pakistani"."""
    return word[:1].upper() + word[1:]


def _alone(words: list[str]) -> list[str]:
    """What goes through the other pairs for ``words`` alone: each word, then each
    capitalized (:func:`_capital`)."""
    return words + [_capital(w) for w in words]


def _learn(words: list[str], got: list[str], known: dict[str, str | None]) -> None:
    """Each word's translation alone through the other pairs, where usable (``got``:
    their outputs for :func:`_alone`); the word as written first, then capitalized."""
    n = len(words)
    for w, t, capitalized in zip(words, got[:n], got[n:], strict=True):
        t = t.strip()
        if not _usable(t):
            t = capitalized.strip()
        if not _usable(t) or t == _capital(w):
            known[w] = None
        else:  # alone, the word came back capitalized: lower-case, as it stood
            known[w] = t if t[1:2].isupper() else t[0].lower() + t[1:]


def _usable(text: str) -> bool:
    return bool(text) and not unknown(text) and len(text.split()) <= 3


def complete(
    segments: list[str],
    outputs: list[str],
    through: Callable[[list[str]], list[str]] | None,
    known: dict[str, str | None],
    alone: dict[str, bool] | None = None,
    multiwords: Callable[[list[str]], list[set[str]]] | None = None,
) -> tuple[list[str], list[bool]]:
    """The pair's ``outputs`` (marked) for ``segments``, completed through the other
    pairs (``through``: their marked output for texts; None when there are none): each
    segment that left ordinary words untranslated or forms ungenerated is taken from
    there where that leaves fewer of both, and each word still unknown is translated
    alone there. ``known`` remembers every word tried this run (None: no usable
    translation). Returns the outputs, unmarked, and per segment whether it came
    through the other pairs.

    ``alone`` (remembered per run like ``known``): whether each word the pair marked is
    still unknown through the other pairs, asked first, word by word, in one call. A
    segment goes through them only where their version could leave fewer: a word they
    do not know alone they leave marked in the sentence too, so a segment whose marked
    words they know no better cannot gain (on FLORES that is most of them, and the
    other pairs, through Catalan, are the slowest part of a run). Except inside a
    multiword the other pairs know (``multiwords``: per segment, the words of its units
    of several words): "lingua" is unknown alone, "lingua francas" is not."""
    unknown_word, ungenerated = _patterns()
    todo = [i for i, o in enumerate(outputs) if unknown_word.search(o) or ungenerated.search(o)]
    words = sorted({w for o in outputs for w in unknown_word.findall(o)} - set(known))
    taken = [False] * len(outputs)
    outputs = list(outputs)
    if through is not None and (todo or words):
        if alone is not None and todo:
            marked = {i: _ANY_MARKED.findall(outputs[i]) for i in todo}
            probe = sorted({w for ws in marked.values() for w in ws} - set(alone) - set(words))
            got = through(words + probe) if words or probe else []
            mine, theirs = got[: len(words)], got[len(words) :]
            # capitalized only where the word as written gave nothing usable ("pakistani"):
            # alone, each word is a sentence of its own, so the answers are the same
            retry = [i for i, t in enumerate(mine) if not _usable(t.strip())]
            capitalized = [""] * len(words)
            if retry:
                again = through([_capital(words[i]) for i in retry])
                for i, t in zip(retry, again, strict=True):
                    capitalized[i] = t
            _learn(words, mine + capitalized, known)
            alone.update({w: bool(unknown(t)) for w, t in zip(words, mine, strict=True)})
            alone.update(zip(probe, (bool(unknown(t)) for t in theirs), strict=True))
            words = []
            inside = multiwords([segments[i] for i in todo]) if multiwords else [set()] * len(todo)
            bound = {
                i: sum(alone[w] and w not in mw for w in marked[i])
                for i, mw in zip(todo, inside, strict=True)
            }
            todo = [i for i in todo if bound[i] < unknown(outputs[i])]
        got = through([segments[i] for i in todo] + _alone(words)) if todo or words else []
        for i, alt in zip(todo, got, strict=False):
            if unknown(alt) < unknown(outputs[i]):
                outputs[i], taken[i] = alt, True
        _learn(words, got[len(todo) :], known)
    known.update({w: None for o in outputs for w in unknown_word.findall(o) if w not in known})

    def put(m: regex.Match) -> str:
        return known.get(m.group(1)) or m.group(1)

    return unmark([unknown_word.sub(put, o) for o in outputs]), taken
