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

Titles written out ("King Sejong", "General John Cadwalder") go to the engine in lower
case, with the article the targets write before them (:func:`lower_titles`); the names
finder splits them off the names by :data:`PERSON_TITLES`.
"""

from __future__ import annotations

from functools import cache

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


# British style writes the abbreviations without a period ("Mr Costello said"), which
# eng-cat does not know: "Mr Costello va dir", and the English "Mr" reaches French,
# Portuguese and Italian (it renders "Mr. Costello" as "Senyor Costello").
UNDOTTED = frozenset(["Dr", "Mr", "Mrs", "Ms"])
_UNDOTTED = regex.compile(rf"(?<![\p{{L}}\p{{N}}.])({'|'.join(sorted(UNDOTTED))})(?= \p{{Lu}})")


def dotted(text: str, which: frozenset[str] = UNDOTTED) -> str:
    """The British abbreviations (of ``which``) before a name with their period, as the
    pairs know them."""
    if not which:
        return text
    return _UNDOTTED.sub(lambda m: m[1] + "." if m[1] in which else m[1], text)


def before_names(text: str) -> set[str]:
    """The abbreviations in ``text`` that stand before a capitalized word (with their
    period: "Mr Costello" has "Mr.", as :func:`dotted` writes it for the engine)."""
    return set(_BEFORE_NAME.findall(dotted(text)))


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


# Titles of people, whose plural still precedes names ("Colonels John Stark and James
# Reed"); "States" of "United States" is no title.
PERSON_TITLES = {
    "President", "Minister", "Secretary", "Senator", "Governor", "General", "Director",
    "Mayor", "King", "Queen", "Prince", "Princess", "Judge", "Justice", "Commander",
    "Colonel", "Captain", "Sergeant", "Officer", "Detective", "Inspector", "Bishop",
    "Cardinal", "Archbishop", "Emperor", "Marshal", "Admiral", "Ambassador", "Professor",
    "Councillor", "Councilor", "Commissioner", "Chancellor", "Premier", "Superintendent",
    "Representative",
}  # fmt: skip

# Words that qualify a title before it ("Prime Minister", "Vice President").
TITLE_QUALIFIERS = {"Prime", "Vice", "Deputy", "Chief", "Foreign", "Defence", "Defense"}


@cache
def _title_run() -> regex.Pattern:
    titles = sorted(PERSON_TITLES | {f"{t}s" for t in PERSON_TITLES}, key=len, reverse=True)
    qualifiers = "|".join(sorted(TITLE_QUALIFIERS))
    return regex.compile(
        rf"(?:(?<=\p{{Ll}}[,;]? )|^|(?<=[.!?] ))"
        rf"(?:(?!(?:{qualifiers}|{'|'.join(titles)}) )(?P<people>\p{{Lu}}\p{{Ll}}+) )?"
        rf"((?:(?:{qualifiers}) )*(?:{'|'.join(titles)}))(?= \p{{Lu}})"
    )


# A people's adjective ("Ukrainian", "Chinese", "Israeli": the names finder's test).
DEMONYM = regex.compile(r"^\p{Lu}\p{Ll}+(?:ian|ean|ese|ish|ic|i|an)$")


# Targets that put the definite article before a title and name ("el general John
# Cadwalder", "le général", "il re Sejong", "o general"): FLORES's references do, where
# English has none ("General John Cadwalder would launch", "by Judge Glynn").
TITLE_ARTICLE = frozenset(["es", "ca", "gl", "fr", "pt", "it"])
# What before a title already determines it ("their President", "the former King"; not
# "that", which before a title and name is the conjunction: "said that Prime Minister").
_DETERMINERS = {
    "the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our", "my",
    "your", "whose", "former", "late", "then", "acting", "interim", "outgoing", "incoming",
    "future", "current", "new", "ex",
}  # fmt: skip


def _needs_article(text: str, start: int) -> bool:
    """Nothing determines the title at ``start``: a sentence or clause starts there, or
    a word stands before it that is no determiner nor a possessive ("by", "and")."""
    before = text[max(0, start - 60) : start].rstrip()  # a bounded look: stays linear
    if not before or before[-1] in ".!?,;:":
        return True
    word = regex.search(r"[\p{L}'’]+$", before)
    return bool(word) and word[0].lower() not in _DETERMINERS and not word[0].endswith(("'s", "’s"))


def lower_titles(text: str, src: str, tgt: str = "") -> str:
    """A person's title inside a sentence, before the name, in lower case for the engine:
    Spanish, French, Catalan, Galician, Portuguese and Italian write "el rey Sejong",
    "le général Lastucci" (FLORES's references do), and eng-spa passes a capitalized
    "King" through untranslated as a surname. Only English titles (the list is English);
    one opening a sentence keeps its capital there. For a target in
    :data:`TITLE_ARTICLE`, the English article goes before a title nothing determines
    ("The general John Cadwalder would", "by the judge Glynn"), which the engine renders
    as its language's."""
    if src != "en":
        return text
    article = tgt in TITLE_ARTICLE

    def lower(m: regex.Match) -> str:
        title, people, start = m.group(2).lower(), m.group("people"), m.start(2)
        if people:
            # "German Chancellor Friedrich Merz met", "Presidential Minister Rodrigo
            # Arias", "Transport Minister Anna Bell": the article goes before the word
            # that qualifies the title, which stays capitalized ("El canciller alemán",
            # "el ministro de Transporte"); between them it read "Alemán el canciller",
            # fr "Alemany le chancelier" (Catalan), "Presidencial el ministro"
            title, start = f"{people} {title}", m.start()
        if not article or not _needs_article(text, start):
            return title
        return ("The " if sentences.starts_sentence(text, start) else "the ") + title

    return _title_run().sub(lower, text)
