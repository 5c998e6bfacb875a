"""Paragraphs, quotations and reassembly: where quotes are handled.

An article is parsed into paragraphs of :class:`Piece` objects: runs of text and the
quotation marks between them. Marks never go to an engine; only the text runs do, each
translated on its own, and :func:`render` puts the marks back in the target language's
convention. A quotation therefore stays a quotation whatever the engine does.

Reassembling the untranslated pieces (:func:`reassemble`) gives back the source text
exactly; the property tests hold us to that.

Input conventions handled: straight ``"`` and curly “ ” marks, mismatched pairs (“ closed
by "), « » and „ “, single quotes nested inside double, apostrophes (Israel's, don't)
that are not quotes, and the newsroom rule for a quotation running over paragraphs
(no closing mark at the end of the first paragraph, an opening mark on the next).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from syndicate.text.markup import SENTINEL_BASE, is_sentinel

# Target-language conventions: (outer open, outer close), (inner open, inner close).
# French gets no-break spaces inside guillemets (see french_spacing).
QUOTE_MARKS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "en": (("“", "”"), ("‘", "’")),
    "eo": (("“", "”"), ("‘", "’")),
    "es": (("«", "»"), ("“", "”")),
    "ca": (("«", "»"), ("“", "”")),
    "gl": (("«", "»"), ("“", "”")),
    "it": (("«", "»"), ("“", "”")),
    "pt": (("«", "»"), ("“", "”")),
    "fr": (("«", "»"), ("“", "”")),
    "de": (("„", "“"), ("‚", "‘")),
    "nl": (("“", "”"), ("‘", "’")),
    "pl": (("„", "”"), ("«", "»")),
    "ru": (("«", "»"), ("„", "“")),
    "uk": (("«", "»"), ("„", "“")),
    "sv": (("”", "”"), ("’", "’")),
    "da": (("»", "«"), ("›", "‹")),
}
DEFAULT_MARKS = QUOTE_MARKS["en"]

# Punctuation that goes after the closing mark, not before it (RAE for Spanish, and the
# guillemet languages generally): «Vamos», dijo. For French only the comma.
PUNCTUATION_OUTSIDE = {"es": ",.", "ca": ",.", "gl": ",.", "pt": ",.", "it": ",.", "fr": ","}

NBSP = "\u00a0"
NNBSP = "\u202f"

# What may close a quotation, by the mark that opened it. Lenient on purpose: real copy
# closes “ with a straight ", and „ with “ or ”.
_DOUBLE_CLOSERS = {
    '"': '"”“',
    "“": '”"“',
    "„": '“”"',
    "«": '»"”',
    "»": "«",
    "”": '”"',
    "‟": '”"',
}
_SINGLE_CLOSERS = {"'": "'’", "‘": "’", "‚": "‘’", "‹": "›", "›": "‹"}
DOUBLE_MARKS = set('"“”„«»‟')
SINGLE_MARKS = set("'‘’‚‹›")
_OPEN_CONTEXT = set(" \t\n([{—–-/") | DOUBLE_MARKS


@dataclass
class Piece:
    """A run of text, or one quotation mark.

    kind: ``text``; ``open`` (starts quotation ``quote``); ``reopen`` (the mark that
    continues a quotation at the start of a following paragraph); ``close`` (ends it);
    ``tag``: one sentinel standing for Markdown markup (see :mod:`syndicate.text.markup`).
    An empty ``text`` on a mark means the source has no mark there (a quotation never
    closed, or closed with nothing open): the target has none either, as in the source.
    depth: for text, how many quotations it sits in; for marks, the level of its quotation.
    """

    kind: str
    text: str
    depth: int = 0
    quote: int | None = None
    continued: bool = False  # on an ``open``/``reopen``: the quotation goes on next paragraph

    @property
    def translatable(self) -> bool:
        return self.kind == "text" and any(ch.isalpha() for ch in self.text)


def _is_word(ch: str | None) -> bool:
    return ch is not None and (ch.isalnum())


SINGLE_REACH = 2000
# Markup-like text in a plain-text article (protect.py keeps it as it is).
_MARKUP_TEXT = re.compile(r"</?[A-Za-z][^<>\n]{0,200}>")
# What the parser looks at; the runs between are text, taken whole (a paragraph is
# mostly such runs: character by character it cost half a second on FLORES).
_SPECIAL = re.compile(
    "[<" + re.escape("".join(sorted(DOUBLE_MARKS | SINGLE_MARKS)))
    + f"{chr(SENTINEL_BASE)}-\U000ffffd]"
)  # fmt: skip


def _single_opens(text: str, i: int) -> bool:
    """A single mark opens a quotation only where an opening is plausible and a closer follows."""
    prev = text[i - 1] if i else None
    nxt = text[i + 1] if i + 1 < len(text) else None
    if not (prev is None or prev in _OPEN_CONTEXT) or not _is_word(nxt):
        return False
    closers = _SINGLE_CLOSERS[text[i]]
    # A closer within the next SINGLE_REACH characters: a quotation in single marks is
    # short, and a paragraph of "'" openers without closers stays linear.
    for j in range(i + 2, min(len(text), i + SINGLE_REACH)):
        if text[j] in closers and not _is_word(text[j + 1] if j + 1 < len(text) else None):
            return j - i > 2  # two characters inside at least: "rock 'n' roll" quotes nothing
    return False


def _orphan_close(text: str, i: int, pieces: list[Piece]) -> bool:
    """A double mark that can only close (after a word or punctuation, before a space or
    punctuation) with no quotation open and none earlier in the paragraph."""
    prev = text[i - 1] if i else None
    nxt = text[i + 1] if i + 1 < len(text) else None
    if text[i] == "»" and prev in ("\u00a0", "\u202f") and i > 1:
        prev = text[i - 2]  # French spacing: "Terre\u00a0»"
    return (
        text[i] in '"”»'
        and prev is not None
        and not prev.isspace()
        and prev not in _OPEN_CONTEXT
        and not (prev.isdigit() and text[i] == '"')  # inches: a 5" screen
        and (nxt is None or nxt.isspace() or nxt in ",.;:!?)")
        and all(p.kind in ("text", "tag") for p in pieces)
    )


def _parse_paragraph(
    text: str, stack: list[tuple[str, int]], counter: list[int], reopen: bool
) -> list[Piece]:
    """Split one paragraph into pieces. ``stack`` holds (opening mark, quote index)."""
    pieces: list[Piece] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            q = stack[-1][1] if stack else None
            pieces.append(Piece("text", "".join(buf), len(stack), q))
            buf.clear()

    i = 0
    if reopen and stack:
        j = len(text) - len(text.lstrip())
        if j:
            buf.append(text[:j])
            flush()
        pieces.append(Piece("reopen", text[j], len(stack), stack[-1][1]))
        i = j + 1
    while i < len(text):
        ch = text[i]
        if not _SPECIAL.match(ch):
            m = _SPECIAL.search(text, i)
            j = m.start() if m else len(text)
            buf.append(text[i:j])
            i = j
            continue
        prev = text[i - 1] if i else None
        nxt = text[i + 1] if i + 1 < len(text) else None
        top = stack[-1][0] if stack else None
        if is_sentinel(ch):
            flush()
            pieces.append(Piece("tag", ch, len(stack), stack[-1][1] if stack else None))
            i += 1
            continue
        if ch == "<" and (tag := _MARKUP_TEXT.match(text, i)):
            buf.append(tag.group(0))  # <a href="...">: its quotes quote nothing
            i = tag.end()
            continue
        if ch in DOUBLE_MARKS:
            open_double = next((m for m, _ in reversed(stack) if m in DOUBLE_MARKS), None)
            if open_double and ch in _DOUBLE_CLOSERS[open_double]:
                flush()
                # Close any single quotation left open inside, then this one.
                while stack and stack[-1][0] not in DOUBLE_MARKS:
                    pieces.append(Piece("close", "", len(stack), stack.pop()[1]))
                pieces.append(Piece("close", ch, len(stack), stack.pop()[1]))
            elif _orphan_close(text, i, pieces):
                # `Earth," added Stofan.`: a quotation that began before this paragraph
                # (or the copy lost its opening mark) ends here; all before it is quoted.
                flush()
                q = counter[0]
                counter[0] += 1
                for p in pieces:
                    p.depth, p.quote = p.depth + 1, q
                pieces.insert(0, Piece("open", "", 1, q))
                pieces.append(Piece("close", ch, 1, q))
            elif ch == "”" and not (prev is None or prev in _OPEN_CONTEXT):
                buf.append(ch)  # a stray closing mark: keep it as text
            elif ch == '"' and prev is not None and prev.isdigit():
                buf.append(ch)  # inches or seconds: a 5" screen, 40' 30"
            else:
                flush()
                stack.append((ch, counter[0]))
                pieces.append(Piece("open", ch, len(stack), counter[0]))
                counter[0] += 1
            i += 1
            continue
        if ch in SINGLE_MARKS:
            if _is_word(prev) and _is_word(nxt) and ch in "'’":
                buf.append(ch)  # apostrophe: don't, Israel's
            elif top in _SINGLE_CLOSERS and ch in _SINGLE_CLOSERS[top] and not _is_word(nxt):
                flush()
                pieces.append(Piece("close", ch, len(stack), stack.pop()[1]))
            elif ch in _SINGLE_CLOSERS and ch != "’" and _single_opens(text, i):
                flush()
                stack.append((ch, counter[0]))
                pieces.append(Piece("open", ch, len(stack), counter[0]))
                counter[0] += 1
            else:
                buf.append(ch)
            i += 1
            continue
        buf.append(ch)
        i += 1
    flush()
    return pieces


def _starts_with_opener(text: str, opener: str) -> bool:
    s = text.lstrip()
    if not s:
        return False
    family = DOUBLE_MARKS if opener in DOUBLE_MARKS else SINGLE_MARKS
    return s[0] in family and s[0] not in "”»’›" or s[0] == opener


def parse(paragraphs: list[str]) -> list[list[Piece]]:
    """Parse paragraphs into pieces, numbering quotations in order across the article."""
    out: list[list[Piece]] = []
    stack: list[tuple[str, int]] = []
    counter = [0]
    reopen = False
    for n, para in enumerate(paragraphs):
        pieces = _parse_paragraph(para, stack, counter, reopen)
        reopen = False
        if stack:
            # Only a double quotation may run on; close anything nested inside it.
            while len(stack) > 1 or (stack and stack[-1][0] not in DOUBLE_MARKS):
                pieces.append(Piece("close", "", len(stack), stack.pop()[1]))
            nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else ""
            if stack and _starts_with_opener(nxt, stack[-1][0]):
                reopen = True
                for p in reversed(pieces):
                    if p.kind in ("open", "reopen") and p.quote == stack[-1][1]:
                        p.continued = True
                        break
            else:
                while stack:
                    pieces.append(Piece("close", "", len(stack), stack.pop()[1]))
        out.append(pieces)
    return out


def reassemble(paragraphs: list[list[Piece]]) -> list[str]:
    """The source text back from its pieces, exactly (the identity engine)."""
    return ["".join(p.text for p in para) for para in paragraphs]


def quote_count(paragraphs: list[list[Piece]]) -> int:
    return sum(1 for para in paragraphs for p in para if p.kind == "open")


# Marks an engine carries through unchanged (Apertium reads them as punctuation): a
# paragraph goes whole, its quotations in context, and comes back apart. Guillemets
# outside, because Romance pairs elide before them as before a word ("l'«O»", "dell'«Eroe»")
# and not before “ (which gave "el “O”").
_CONTEXT_MARKS = {1: ("«", "»"), 0: ("‹", "›")}


def with_marks(paragraph: list[Piece]) -> str:
    """The paragraph as one text for an engine, every quotation in neutral marks
    (« » outside, ‹ › inside), so it is translated in context: "the \"little
    brother\" of Germany" is ordered as a sentence, not as three fragments."""
    out = []
    for p in paragraph:
        if p.kind in ("text", "tag"):
            out.append(p.text)
        elif p.kind in ("open", "reopen"):
            out.append(_CONTEXT_MARKS[p.depth % 2][0])
        elif p.text:
            out.append(_CONTEXT_MARKS[p.depth % 2][1])
    return "".join(out)


def _marks(paragraph: list[Piece]) -> list[tuple[str, int, str]]:
    return [
        ("open" if p.kind == "reopen" else p.kind, p.depth, p.text if p.kind == "tag" else "")
        for p in paragraph
        if p.kind != "text"
    ]


def distribute(paragraph: list[Piece], translated: str) -> dict[int, str] | None:
    """The translation of :func:`with_marks` text, back onto the source's pieces (by
    ``id``): the target core of each translatable piece. None when the quotations did
    not come back as they went (the caller then translates piece by piece)."""
    stack: list[tuple[str, int]] = []
    back = _parse_paragraph(translated, stack, [0], False)
    back += [Piece("close", "", len(stack) - i, q) for i, (_, q) in enumerate(reversed(stack))]
    if _marks(back) != _marks(paragraph):
        return None

    def slots(pieces: list[Piece]) -> list[Piece | None]:
        out: list[Piece | None] = [None]
        for p in pieces:
            if p.kind == "text":
                out[-1] = p
            else:
                out.append(None)
        return out

    got = {}
    for mine, theirs in zip(slots(paragraph), slots(back), strict=True):
        if mine is None or not mine.translatable:
            if theirs is not None and theirs.translatable:
                return None  # words moved where the source had none
            continue
        if theirs is None or not theirs.translatable:
            return None
        got[id(mine)] = split_space(theirs.text)[1]
    return got


def marks_for(lang: str, depth: int) -> tuple[str, str]:
    outer, inner = QUOTE_MARKS.get(lang, DEFAULT_MARKS)
    return outer if depth % 2 == 1 else inner


def split_space(text: str) -> tuple[str, str, str]:
    """(leading whitespace, core, trailing whitespace): engines get the core only."""
    core = text.strip()
    if not core:
        return text, "", ""
    start = text.index(core[0])
    return text[:start], core, text[start + len(core) :]


_ELIDED = re.compile(r"(?<![\w'’])\w{1,5}['’]\s+$")  # l', d', dell', qu'


def render(
    paragraph: list[Piece],
    lang: str,
    translate: Callable[[Piece], str],
) -> str:
    """One target paragraph: translated text runs, quotation marks of ``lang``.

    ``translate`` gives the target text of a translatable text piece (its core, without
    the surrounding whitespace, which is kept from the source).
    """
    out: list[str] = []
    outside = PUNCTUATION_OUTSIDE.get(lang, "")
    for i, p in enumerate(paragraph):
        if p.kind == "text":
            text = p.text
            if p.translatable:
                lead, _, trail = split_space(p.text)
                text = lead + translate(p) + trail
            if out and out[-1] == "\x00open":  # no space just inside an opening mark
                out.pop()
                text = text.lstrip()
            out.append(text)
        elif p.kind == "tag":
            if out and out[-1] == "\x00open":  # "«**Ya**»": still just inside the mark
                out.insert(-1, p.text)
            else:
                out.append(p.text)
        elif p.kind in ("open", "reopen"):
            if p.text:
                if out and _ELIDED.search(out[-1]):  # "l'«Heroi»": no space after elision
                    out[-1] = out[-1].rstrip()
                out.append(marks_for(lang, p.depth)[0])
                out.append("\x00open")
        elif p.kind == "close" and p.text:
            if out and out[-1] == "\x00open":
                out.pop()
            if out:  # nor just inside a closing one
                out[-1] = out[-1].rstrip()
            out.append(marks_for(lang, p.depth)[1])
            # «...», not «...,»: where the language puts the comma (and period) after.
            inner = out[-2] if len(out) > 1 else ""
            after = paragraph[i + 1].text.lstrip()[:1] if i + 1 < len(paragraph) else ""
            last = inner[-1:]
            if (
                last
                and last in outside
                and not inner.endswith("..")
                and (not after or after not in ",.;:!?")
            ):
                out[-2] = inner[:-1]
                out.append(last)
    if out and out[-1] == "\x00open":
        out.pop()
    text = "".join(out)
    if lang == "fr":
        text = french_spacing(text)
    return tidy(text)


def tidy(text: str) -> str:
    """Collapse doubled spaces that engines and joins leave behind."""
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def french_spacing(text: str) -> str:
    """French typography: no-break space inside « », narrow no-break space before ; ! ?."""
    text = re.sub(r"«\s*", "«" + NBSP, text)
    text = re.sub(r"\s*»", NBSP + "»", text)
    text = re.sub(r"[ \u00a0]?([;!?])", NNBSP + r"\1", text)
    text = re.sub(r"(?<=\w)[ \u00a0]?:(?=\s|$)", NBSP + ":", text)
    return text


# Verification: read a rendered target paragraph back and count its quotations.
_TARGET_OPENERS = set("“‘„‚«‹»›”")


def _mark_sides(paragraphs: list[list[Piece]]) -> list[tuple[bool, bool]]:
    """Per quotation, in order: (has an opening mark, has a closing mark)."""
    sides = []
    for pieces in paragraphs:
        closes = {p.quote: p for p in pieces if p.kind == "close"}
        for p in pieces:
            if p.kind == "open":
                c = closes.get(p.quote)
                sides.append((bool(p.text), bool(c and c.text) or p.continued))
    return sides


def target_quotes(
    paragraphs: list[str], lang: str, source: list[list[Piece]] | None = None
) -> tuple[int, int]:
    """(quotations found, of which in ``lang``'s marks) in rendered target text.

    A quotation the source left without an opening or closing mark has none in the
    target either (``source``, the parsed source, says which); any other missing mark
    is an error."""
    found = in_marks = 0
    allowed = {marks_for(lang, 1), marks_for(lang, 2)}
    sides = _mark_sides(source) if source is not None else []
    n = 0
    for pieces in parse(paragraphs):
        opens = {p.quote: p for p in pieces if p.kind in ("open", "reopen")}
        closes = {p.quote: p for p in pieces if p.kind == "close"}
        for q, p in opens.items():
            c = closes.get(q)
            close_mark = c.text if c else ""
            if p.kind == "open":
                found += 1
                want_open, want_close = sides[n] if n < len(sides) else (True, True)
                n += 1
            else:
                want_open, want_close = True, True
            if p.continued and not close_mark:
                want_close = False
            pair = (p.text or None, close_mark or None)
            ok = (
                bool(p.text) == want_open
                and bool(close_mark) == want_close
                and any(pair in ((o, c), (o, None), (None, c)) for o, c in allowed)
            )
            in_marks += ok and p.kind == "open"
    return found, in_marks
