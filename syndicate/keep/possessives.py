"""English possessives on names, spelled as "of" phrases for rule-based engines.

Apertium drops or misplaces the possessive on a name it does not know, and often on one
it does: "Hegseth's comments" -> "Hegseth comentarios", "Israel's right to" -> "Israel
derecho a", "Stephen Colbert's news parody shows" -> "Stephen Colbert espectáculos de
parodia noticiosa". Spelled "the comments of Hegseth" it translates them right.

Where the possessed noun phrase ends is the engine's own part-of-speech tagger's call
(:class:`Token` readings from `apertium-tagger`), not a guess from word endings: "the
Soviet Union's highest honour" -> "the highest honour of the Soviet Union", "Provenzano's
right-hand man in Palermo" -> "the right-hand man of Provenzano in Palermo", "Trump's
comments remain" -> "the comments of Trump remain".
"""

from __future__ import annotations

from syndicate.engines.readings import Token

# Readings that may stand in the possessed phrase ("highest honour", "1922 discovery",
# "destabilizing activities"); it must end on a noun.
_HEAD = {"n", "adj", "num", "ord"}
_MAX_HEAD = 4


def _is_marker(t: Token) -> bool:
    return "gen" in t.tags or ("apos" in t.tags and t.surface in ("'", "’"))


def _in_head(t: Token) -> bool:
    if t.unknown:
        return t.surface[:1].islower()  # "destabilizing activities"
    return bool(t.tags & _HEAD) and "np" not in t.tags and "det" not in t.tags


def _possessor(tokens: list[Token], i: int, text: str) -> int | None:
    """Index of the first token of the name that owns the marker at ``i``, or None
    when what precedes is not a name ("the country's leader" is left to the engine)."""

    def name_like(k: int) -> bool:
        t = tokens[k]
        if not t.surface[:1].isupper():
            return False
        if t.unknown or "np" in t.tags:
            return True
        if not t.tags & {"n", "adj", "num"}:
            return False  # "The" of "The Thirty Years' War" is not part of the name
        # A capitalized ordinary word counts inside a name ("Soviet Union's", "the
        # Drivers' Championship", "Sir Richard Branson's"); first in a sentence and
        # owning alone it is an ordinary word ("Today's").
        return k < i - 1 or not _sentence_start(text, t.start)

    j = i - 1
    if j < 0 or tokens[j].end != tokens[i].start or not name_like(j):
        return None
    while j > 0 and name_like(j - 1) and not text[tokens[j - 1].end : tokens[j].start].strip():
        j -= 1
    return j


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in '.!?:"“«'


def _det_start(before: str) -> int | None:
    """Where a definite article right before the possessor starts, if there is one."""
    stripped = before.rstrip()
    for det in ("the", "The"):
        if stripped.endswith(det) and (
            len(stripped) == len(det) or not stripped[-len(det) - 1].isalnum()
        ):
            return len(stripped) - len(det)
    return None


def _head(tokens: list[Token], i: int, text: str) -> list[Token]:
    """The possessed phrase after the marker at ``i``: up to its last noun; a lone
    adjective is a noun here ("Israel's right to")."""
    end = i + 1
    while (
        end < len(tokens)
        and end - i <= _MAX_HEAD
        and _in_head(tokens[end])
        and not text[tokens[end - 1].end : tokens[end].start].strip()
    ):
        end += 1
    head = tokens[i + 1 : end]
    while len(head) > 1 and "n" not in head[-1].tags and not head[-1].unknown:
        head.pop()
    if head and ("n" in head[-1].tags or head[-1].unknown or "adj" in head[-1].tags):
        return head
    return []


def rewrite(text: str, tokens: list[Token]) -> str:
    """``text`` with each possessive on a name spelled as an "of" phrase."""
    out: list[str] = []
    last = 0  # text before this offset is written out
    done = 0  # tokens before this index are consumed
    i = 0
    while i < len(tokens):
        first = _possessor(tokens, i, text) if _is_marker(tokens[i]) else None
        head = _head(tokens, i, text) if first is not None and first >= done else []
        if not head:
            i += 1
            continue
        start = tokens[first].start
        before = text[last:start]
        det = ""
        if (d := _det_start(before)) is not None:
            det, before = before[d:].strip(), before[:d]
        capital = det[:1].isupper() or (not det and _sentence_start(text, start))
        owner = text[start : tokens[i].start]
        phrase = text[head[0].start : head[-1].end]
        out.append(before)
        out.append(f"{'The' if capital else 'the'} {phrase} of {'the ' if det else ''}{owner}")
        last = head[-1].end
        i = done = i + 1 + len(head)
    out.append(text[last:])
    return "".join(out)
