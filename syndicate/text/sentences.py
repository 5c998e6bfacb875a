"""Sentences, for neural engines (trained on sentences, not paragraphs), in any script.

sentencex (Wikimedia's segmenter: CJK full stops, Cyrillic, Greek, any capital) finds
the boundaries; our newsroom rules then take back the ones that are not: after an
abbreviation of the language (Dr., Nr., janv., EE.), an initial (J. R. Tolkien), an
ordinal date (Am 10. Oktober) or before a lower-case word. A closing quotation mark
stays with its sentence.
"""

from __future__ import annotations

from functools import cache

import regex


def _set(words: str) -> set[str]:
    return set(words.split())


# Titles: a name follows, never a new sentence ("Dr. Gómez", "Nr. 1" is not one: below).
# English ones apply everywhere: names and titles travel.
TITLES: dict[str, set[str]] = {
    "en": _set("mr mrs ms dr prof sr jr st gen gov sen rep lt col capt sgt mt fr rev hon"),
    "es": _set("sr sra srta dr dra lic ing d dña gral"),
    "ca": _set("sr sra dr dra"),
    "gl": _set("sr sra dr dra"),
    "pt": _set("sr sra dr dra"),
    "it": _set("sig sigg dott prof ing avv on"),
    "fr": _set("m mm mme mmes mlle pr me ste"),
    "de": _set("hr fr"),
    "nl": _set("dhr mevr"),
    "pl": _set("ks gen św"),
    "ru": _set("им"),
    "uk": _set("ім"),
    "cs": _set("ing mgr"),
    "el": _set("κ κα δρ"),
}
# Abbreviations that end a sentence before a capital ("Apple Inc. Her", "5 p.m. Then")
# but not before a number or a lower-case word ("Jan. 5", "janv. 2024", "Nr. 1").
ABBREVIATIONS: dict[str, set[str]] = {
    "en": _set(
        "no nos vs etc inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec"
        " approx dept est fig ft a.m p.m e.g i.e"
    ),
    "es": _set("núm pág págs art av avda ene feb abr jun jul ago sept oct nov dic cía"),
    "ca": _set("núm pàg art av febr abr jul set oct nov des"),
    "gl": _set("núm páx art av xan feb abr xul ago set out nov dec"),
    "pt": _set("n.º nº pág art av jan fev abr mai jun jul ago set out nov dez"),
    "it": _set("gen feb apr giu lug ago sett ott nov dic"),
    "fr": _set("janv févr avr juil sept oct nov déc n° av bd cf etc"),
    "de": _set("nr str bzw ca usw vgl jan feb märz apr jun jul aug sep sept okt nov dez abs art"),
    "nl": _set("nr jan feb mrt apr jun jul aug sep okt nov dec"),
    "pl": _set("nr ul al tj tzn np sty lut mar kwi maj cze lip sie wrz paź lis gru"),
    "ru": _set("г гг ул д т.е т.к тыс млн млрд янв февр апр авг сент окт нояб дек"),
    "uk": _set("р рр вул д тис млн млрд січ лют бер квіт трав черв лип серп вер жовт лист груд"),
    "cs": _set("č tzv tj např sv"),
    "el": _set("αρ π.χ"),
}
# Months (and German/Dutch/Polish... ordinal dates): "Am 10. Oktober" is one sentence.
_LOWER_START = regex.compile(r"^\s*[\"“„«‘'(\[]?\p{Ll}")
_ENDS_WITH_WORD_DOT = regex.compile(
    r"(?:^|[\s(\"“„«‘'])((?:\p{L}\.)*\p{L}[\p{L}.º°]*)\.[\"”»’')\]]*\s*$"
)
_ENDS_WITH_INITIAL = regex.compile(r"(?:^|\s)\p{Lu}\.\s*$")
_ENDS_WITH_ORDINAL = regex.compile(r"(?:^|\s)\d{1,2}\.\s*$")
_STARTS_WITH_NUMBER = regex.compile(r"^\s*\d")
_STARTS_UPPER_WORD = regex.compile(r"^\s*[\"“„«‘'(\[]?\p{Lu}")


@cache
def _words(table: str, lang: str) -> frozenset[str]:
    words = TITLES if table == "titles" else ABBREVIATIONS
    return frozenset(words.get(lang, set()) | words["en"])


def _joins(prev: str, nxt: str, lang: str) -> bool:
    """Whether the boundary sentencex put between ``prev`` and ``nxt`` is not one."""
    if _LOWER_START.match(nxt):
        return True
    m = _ENDS_WITH_WORD_DOT.search(prev)
    word = m.group(1).lower() if m else ""
    if word in _words("titles", lang):
        return True
    if word in _words("abbreviations", lang) and _STARTS_WITH_NUMBER.match(nxt):
        return True
    if _ENDS_WITH_INITIAL.search(prev) and _STARTS_UPPER_WORD.match(nxt):
        return True  # "J. R. Tolkien"; "the U.S. Last" has no blank before "S."
    return bool(_ENDS_WITH_ORDINAL.search(prev) and not _STARTS_UPPER_WORD.match(nxt)) or bool(
        _ENDS_WITH_ORDINAL.search(prev) and lang in ("de", "pl", "cs", "da", "nb", "fi")
    )


def split(text: str, lang: str = "en") -> list[str]:
    """The sentences of one paragraph, each stripped; the text itself when it is one."""
    text = " ".join(text.split())
    if not text:
        return []
    import sentencex

    pieces = [p.strip() for p in sentencex.segment(lang, text) if p.strip()]
    out: list[str] = []
    for p in pieces:
        if out and _joins(out[-1], p, lang):
            out[-1] = f"{out[-1]} {p}"
        else:
            out.append(p)
    return out or [text]


# What opens a sentence (or a quotation, a bracket) right before a word.
OPENING_MARKS = frozenset('.!?:;…“"«„‘¿¡(')


def starts_sentence(text: str, pos: int) -> bool:
    """A sentence starts at ``pos``: only spaces before it in the paragraph, or
    sentence punctuation, an opening quotation mark or bracket, or a dash and a space.
    Looks back over the spaces only: a one-paragraph article of megabytes stays linear."""
    j = pos
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if j == 0:
        return True
    c = text[j - 1]
    return c in OPENING_MARKS or (c in "—–-" and j < pos)
