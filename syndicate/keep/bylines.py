"""Bylines as newsrooms print them: with or without a label, one author or several.

``By Jane Doe``, ``Por Ana Gil y Luis Paz``, ``Un texte de Marie Roy``, ``A, B and C``,
``Jane Doe | Fox News``, or the name alone on the last line (USA Today, El País, Der
Tagesspiegel). A byline is never sent to an engine: the names are kept exactly, the label
and the conjunction are written in the target language, an outlet after ``|`` verbatim.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from syndicate.keep.kind import Compared, Kind, Report

# Labels by language: the first is what a translation into that language gets.
LABELS: dict[str, tuple[str, ...]] = {
    "en": ("By", "Written by", "Reporting by", "Words by"),
    "es": ("Por", "Texto de", "Escrito por"),
    "ca": ("Per", "Text de"),
    "gl": ("Por", "Texto de"),
    "pt": ("Por", "Texto de"),
    "fr": ("Par", "Un texte de", "Texte de", "Propos recueillis par"),
    "it": ("Di", "Testo di"),
    "de": ("Von", "Text von"),
    "eo": ("De",),
    "nl": ("Door",),
    "sv": ("Av",),
    "da": ("Af",),
}
CONJUNCTIONS = {
    "en": "and",
    "es": "y",
    "ca": "i",
    "gl": "e",
    "pt": "e",
    "fr": "et",
    "it": "e",
    "de": "und",
    "eo": "kaj",
    "nl": "en",
    "sv": "och",
    "da": "og",
}
# Lower-case particles inside names: Mark di Stefano, Ana de la Cruz, Ludwig van Beethoven.
PARTICLES = {"de", "del", "la", "le", "da", "das", "do", "dos", "di", "van", "von", "der"}
PARTICLES |= {"den", "ten", "ter", "al", "el", "bin", "ben", "ibn", "y", "e", "du", "des"}

_ALL_LABELS = sorted({lab for labs in LABELS.values() for lab in labs}, key=len, reverse=True)
_LABEL_RE = regex.compile(
    r"^(?P<label>" + "|".join(regex.escape(lab) for lab in _ALL_LABELS) + r")\s+(?=\p{Lu})",
    regex.I,
)
_CONJ_RE = regex.compile(
    r"\s*,\s*(?:(?:" + "|".join(sorted(set(CONJUNCTIONS.values()))) + r")\s+)?"
    r"|\s+(?:" + "|".join(sorted(set(CONJUNCTIONS.values()))) + r"|&)\s+"
)
_OUTLET_RE = regex.compile(r"\s+[|/–—]\s+\S.*$")
_NAME_WORD = regex.compile(r"^\p{Lu}[\p{L}\p{M}'’.-]*$")


@dataclass(frozen=True)
class Byline:
    """``label`` ("" when the byline is printed without one), the authors' names as
    filed, the conjunction between the last two, and an outlet kept verbatim."""

    label: str
    names: tuple[str, ...]
    conjunction: str = "and"
    outlet: str = ""

    @property
    def name(self) -> str:
        """The authors as one string: "A", "A and B", "A, B and C"."""
        if len(self.names) < 2:
            return "".join(self.names)
        return f"{', '.join(self.names[:-1])} {self.conjunction} {self.names[-1]}"

    def __str__(self) -> str:
        text = f"{self.label} {self.name}" if self.label else self.name
        return text + self.outlet

    def into(self, lang: str) -> Byline:
        """The same authors with ``lang``'s label and conjunction."""
        label = LABELS.get(lang, (self.label,))[0] if self.label else ""
        return Byline(label, self.names, CONJUNCTIONS.get(lang, self.conjunction), self.outlet)


def is_person(name: str) -> bool:
    """One to five words, capitalized (particles aside), no digits or sentence marks."""
    words = name.split()
    if not 1 <= len(words) <= 5 or any(c.isdigit() for c in name):
        return False
    if not _NAME_WORD.match(words[0]) or name.endswith((".", "?", "!", ":", ";")):
        return False
    return all(_NAME_WORD.match(w) or w.lower() in PARTICLES for w in words)


def split_names(text: str) -> tuple[tuple[str, ...], str, str] | None:
    """(names, conjunction, outlet) of "A, B and C | Outlet", or None if these are not names."""
    text = " ".join(text.split())
    outlet = ""
    if m := _OUTLET_RE.search(text):
        outlet, text = text[m.start() :], text[: m.start()]
    conj = "and"
    for m in _CONJ_RE.finditer(text):
        word = m.group(0).strip(" ,")
        if word:
            conj = word
    names = tuple(n for n in _CONJ_RE.split(text) if n)
    if not names or not all(is_person(n) for n in names):
        return None
    return names, conj, outlet


def parse(line: str, labelled_only: bool = False) -> Byline | None:
    """A byline from the last line of an article, or None if it is not one.

    Without a label, every name must be at least two words ("Jane Doe"), so a last
    paragraph such as "Thanks." or a one-word credit is never taken for a byline.
    """
    line = " ".join(line.split())
    if not line or len(line) > 160:
        return None
    m = _LABEL_RE.match(line)
    if m:
        label = next(lab for lab in _ALL_LABELS if lab.lower() == m.group("label").lower())
        rest = line[m.end() :]
    elif labelled_only:
        return None
    else:
        label, rest = "", line
    found = split_names(rest)
    if found is None:
        return None
    names, conj, outlet = found
    if not label and (any(len(n.split()) < 2 for n in names) or outlet and len(names) > 3):
        return None
    return Byline(label, names, conj, outlet)


def from_author(author: str) -> Byline:
    """A byline from front matter's ``author``: one name or several, no label printed."""
    found = split_names(author)
    if found is None:
        return Byline("By", (" ".join(author.split()),))
    names, conj, outlet = found
    return Byline("By", names, conj, outlet)


class BylineKind(Kind):
    """The byline never reaches an engine (``Byline.into`` writes its label in the
    target); the check says when a translation names other authors or outlet."""

    name = "byline"

    def check(self, c: Compared, report: Report) -> None:
        source, target = c.source_byline, c.target_byline
        src_names = source.names if source else ()
        tgt_names = target.names if target else ()
        report.byline = src_names == tgt_names and (
            (source.outlet if source else "") == (target.outlet if target else "")
        )
        if not report.byline:
            report.problems.append(f"byline: {target} does not name {source}")


KIND = BylineKind()
