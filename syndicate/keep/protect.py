"""Names, terms, URLs and handles that must come back exactly: protecting them.

Protected terms come from the glossary (``glossary.toml``: terms never to translate, and
forced translations per target language) and from the names :mod:`syndicate.keep.names`
finds in the article and decides the engine would break.

Protection for rule-based engines (Apertium) swaps each term for a letters-only
placeholder such as ``Xqzbkdax`` (``Iqzbkdax`` for Israel, see :func:`_initial`):
Apertium passes unknown letter-only words through, while digits or brackets get
mangled, and en-gl splits all-capital ones ("XQZAB" -> "CDEXde XQZAB"). Some pairs
glue a suffix onto an unknown word (``Xqzbkdaxha`` in en-ca), so :func:`restore`
matches tolerantly and drops it.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

# Spans protected whatever the article: URLs, e-mail addresses, @handles, #hashtags.
_LITERAL = re.compile(
    r"https?://[^\s<>\"“”«»]+[^\s<>\"“”«».,;:!?)]"
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"
    r"|(?<![\w@])[@#][A-Za-z_]\w{1,30}"
    r"|<[^<>\n]{1,200}>"  # markup-like text is kept as it is, never translated
)

_NUMBER_SPAN = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*%?")

PLACEHOLDER_RE = re.compile(r"([AEIOUHXaeiouhx])[Qq][Zz]([A-WYa-wy]{4,6})[Xx]([a-zà-ÿ]*)")
_CODE_ALPHABET = "abcdefghijklmnoprstuvwy"  # no x: x ends a placeholder


@dataclass
class Glossary:
    """``keep``: never translated. ``forced[lang][term]``: always translated as given."""

    keep: list[str] = field(default_factory=list)
    forced: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None) -> Glossary:
        if path is None or not path.exists():
            return cls()
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise ValueError(f"{path.name}: not valid TOML ({e})") from None
        keep = [str(t) for t in data.get("keep", [])]
        forced = {
            str(lang): {str(k): str(v) for k, v in terms.items()}
            for lang, terms in data.get("translate", {}).items()
        }
        return cls(keep, forced)


def _initial(term: str) -> str:
    """The placeholder's first letter: the term's own vowel or h, so the engine elides
    and contracts before it as before the name ("l'Io", "nell'Indianapolis", "e Israel");
    X for anything else."""
    base = unicodedata.normalize("NFD", term[:1])[:1].upper()
    return base if base in "AEIOUH" else "X"


def placeholder(term: str) -> str:
    """A stable letters-only stand-in for a term (same term, same placeholder, any article)."""
    n = int.from_bytes(hashlib.sha1(term.encode()).digest()[:6], "big")
    code = ""
    for _ in range(5):
        n, r = divmod(n, len(_CODE_ALPHABET))
        code += _CODE_ALPHABET[r]
    return f"{_initial(term)}qz{code}x"


@dataclass
class Protected:
    """A text with its terms swapped out, and what each placeholder restores to."""

    text: str
    restore_map: dict[str, str]
    # Placeholders followed by a lower-case word in the source: engines that capitalize
    # the word after an unknown one ("XQZ... Dijo") get corrected on restore.
    lower_after: set[str] = field(default_factory=set)
    # Values sent as "N million" (numbers.as_millions): spelled out on the way back.
    magnitudes: list = field(default_factory=list)
    # Markup glued to a word ("<b>the budget</b>"): sent with a space between, or the
    # placeholder and the word make one unknown token and the word is lost; the space
    # goes again on restore. (placeholder, "after" | "before")
    glued: set[tuple[str, str]] = field(default_factory=set)
    source: str = ""  # the text as written, before any kind prepared it

    @property
    def terms(self) -> list[str]:
        return list(self.restore_map.values())


class Protector:
    """Swaps names, glossary terms and literals for placeholders and back."""

    def __init__(
        self, names: list[str], glossary: Glossary | None = None, skip: tuple[str, ...] = ()
    ) -> None:
        """``skip``: names left to the engine; a protected word inside one ("San" in
        "San Francisco") is not swapped out there."""
        self.glossary = glossary or Glossary()
        terms = set(names) | set(self.glossary.keep)
        for forced in self.glossary.forced.values():
            terms.update(forced)
        self.terms = sorted(terms, key=lambda t: (-len(t), t))
        self.skip = tuple(s for s in skip if s not in terms)
        alternatives = [re.escape(t) for t in sorted(terms | set(self.skip), key=len, reverse=True)]
        pattern = _LITERAL.pattern
        if alternatives:
            # Also before a hyphen: "Indus-Sarasvati", "Trump-backed" (the engine would
            # translate the name there: "Indo-Sarasvati", "Triunfo-respaldado").
            pattern = rf"(?<![\w@#/.-])(?:{'|'.join(alternatives)})(?!\w|\.\w)|" + pattern
        self._re = re.compile(pattern)

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        return [
            (m.start(), m.end(), m.group(0))
            for m in self._re.finditer(text)
            if m.group(0) not in self.skip
        ]

    def split(self, text: str, lang: str) -> list[tuple[str, str]]:
        """The text in runs with terms and numbers apart, as (text, kind) with kind
        ``text``, ``term`` or ``number``. A term with a forced translation for ``lang``
        comes back translated."""
        forced = self.glossary.forced.get(lang, {})
        spans = [(a, b, forced.get(t, t), "term") for a, b, t in self.spans(text)]
        for m in _NUMBER_SPAN.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b, _, _ in spans):
                spans.append((m.start(), m.end(), m.group(0), "number"))
        parts: list[tuple[str, str]] = []
        last = 0
        for start, end, value, kind in sorted(spans):
            if start > last:
                parts.append((text[last:start], "text"))
            parts.append((value, kind))
            last = end
        if last < len(text):
            parts.append((text[last:], "text"))
        return parts

    def protect(self, text: str, lang: str) -> Protected:
        """Replace protected spans by placeholders; forced terms restore to ``lang``'s form."""
        forced = self.glossary.forced.get(lang, {})
        restore: dict[str, str] = {}
        lower_after: set[str] = set()
        upper_after: set[str] = set()  # a term that is followed by both: no evidence
        out: list[str] = []
        last = 0
        glued: set[tuple[str, str]] = set()
        for start, end, term in self.spans(text):
            ph = placeholder(term)
            restore[ph] = forced.get(term, term)
            out.append(text[last:start])
            tag = term.startswith("<") and term.endswith(">")
            if tag and start and text[start - 1].isalnum():
                out.append(" ")
                glued.add((ph, "before"))
            out.append(ph)
            if tag and end < len(text) and text[end].isalnum():
                out.append(" ")
                glued.add((ph, "after"))
            after = text[end:].lstrip()
            if after[:1].islower():
                lower_after.add(ph)
            elif after[:1].isupper():
                upper_after.add(ph)
            last = end
        out.append(text[last:])
        # one placeholder per term: "Jardín de la Unión ... Templo de San Diego" must not
        # lower "San" because another "de" was followed by a lower-case word
        return Protected("".join(out), restore, lower_after - upper_after, glued=glued)


_VOWEL_NAME = r" \x00(?=[AEIOUYÉÈÍÓÚaeiouyéèíóú])"
_ELISION = {
    "fr": re.compile(r"\b(de|que|le|la|je|ne|se|ce)" + _VOWEL_NAME, re.I),
    "ca": re.compile(r"\b(de|la|el)" + _VOWEL_NAME, re.I),
}


def _elide(m: re.Match) -> str:
    word = m.group(1)
    short = ("L" if word[0].isupper() else "l") if word.lower() == "el" else word[:-1]
    return short + "'\x00"


def _opens_sentence(text: str, pos: int) -> bool:
    """Nothing but opening marks before ``pos`` since the text's start or a sentence end
    (a bounded look back: a paragraph of megabytes stays linear)."""
    window = text[max(0, pos - 20) : pos]
    before = window.rstrip("«“\"'¿¡([ \u00a0")
    if not before:
        return pos <= 20 or not window  # the text's start (or only marks and spaces)
    return before[-1] in ".!?" and before != window


def restore(text: str, protected: Protected, lang: str = "") -> str:
    """Put the terms back; drop suffixes glued to placeholders; undo capitalization artefacts."""

    def repl(m: re.Match) -> str:
        ph = f"{m.group(1).upper()}qz{m.group(2).lower()}x"
        term = protected.restore_map.get(ph, m.group(0))
        if _opens_sentence(text, m.start()) and term[:2].islower():
            term = term[0].upper() + term[1:]  # CLDR's "sanscrito" opening a sentence
        return "\x00" + term + "\x01" + ph + "\x02"

    marked = PLACEHOLDER_RE.sub(repl, text)

    # "\x00term\x01PH\x02 Word": lower-case Word if the source had a lower-case word there.
    def fix_case(m: re.Match) -> str:
        ph, word = m.group(2), m.group(4)
        capitalized = word[:1].isupper() and (word[1:].islower() or len(word) == 1)
        if ph in protected.lower_after and capitalized:
            word = word[0].lower() + word[1:]
        return f"{m.group(1)}{m.group(3)}{word}"

    for ph, side in protected.glued:  # markup glued to its word again
        term = re.escape(ph)
        if side == "after":
            marked = re.sub(rf"(\x01{term}\x02) (?=\w)", r"\1", marked)
        else:
            marked = re.sub(rf"(?<=\w) (\x00[^\x01]*\x01{term}\x02)", r"\1", marked)
    marked = re.sub(r"(\x00[^\x01]*)\x01(\w+)\x02(\s+)(\w+)", fix_case, marked)
    if lang in _ELISION:  # before a restored name: "de Israel" -> "d'Israel"
        marked = _ELISION[lang].sub(_elide, marked)
    return re.sub(r"\x01\w+\x02|\x00", "", marked)
