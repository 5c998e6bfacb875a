"""The one interface every kind of thing a translation must keep implements.

A kind (names, numbers, dates, quotations, the byline, markup spans, the source's
case, the absence of engine marks) answers four questions, each a method of
:class:`Kind`; a kind has nothing to do at a step leaves it as the base does:

- ``find``: what of it the article holds, once per article (names, dates);
- ``prepare``: the text of one engine unit made safe for the engine (placeholders,
  numbers in a form engines translate well), in registry order;
- ``restore``: the engine's output of that unit put right, in the reverse order, so
  the kind that prepared last restores first (a placeholder comes back before the
  number rules read the text around it); ``finish`` then works on whole blocks;
- ``check``: what the translation lost, into the :class:`Report` readers are protected
  by (a failing check holds the translation back).

The pipeline runs the list in :mod:`syndicate.keep.registry` as it runs engines: adding
a kind is one module and one line there.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from syndicate.keep.plan import NamePlan
from syndicate.keep.protect import Glossary, Protected
from syndicate.text import segments


@dataclass
class Finding:
    """What a kind's ``find`` may read: the article's text (headline first), its
    language, and what the kinds before it found (dates read the names)."""

    paragraphs: list[str]
    src: str
    authors: tuple[str, ...] = ()
    glossary: Glossary = field(default_factory=Glossary)
    # the source language's analyser (Apertium's), words -> readings, if one is installed
    analyse: Any = None
    lexicon: Any = None  # syndicate.engines.lexicon.Lexicon
    # every installed analyser of the language (one per pair): what one pair's dictionary
    # knows as a proper noun ("Premier League", eng-spa) is evidence for all routes
    every: tuple[Any, ...] = ()
    found: dict[str, Any] = field(default_factory=dict)


@dataclass
class Job:
    """One article into one language through one route: what ``prepare``, ``restore``
    and ``finish`` read."""

    src: str
    tgt: str
    hops: tuple[tuple[str, str], ...]
    # the engine takes placeholders (rule-based); else it gets the text whole and the
    # result is verified (neural), and only the preparing that needs no restore runs
    placeholders: bool
    plan: NamePlan
    extra: dict[str, Any] = field(default_factory=dict)  # per-article state of a kind


def unit(source: str) -> Protected:
    """A text on its way to the engine: ``prepare`` rewrites ``text`` and adds the
    placeholders it needs; ``source`` stays as written."""
    return Protected(source, {}, source=source)


@dataclass
class Compared:
    """A translation beside its source, as every ``check`` reads it."""

    source_doc: list[list[segments.Piece]]
    target: list[str]  # the headline and blocks, words only (markup stripped)
    src: str
    tgt: str
    forms: dict[str, set[str]]  # each checked name and the forms it may take
    source_byline: Any  # bylines.Byline | None (bylines.py holds a kind: no import here)
    target_byline: Any
    source_text: str
    text: str
    source_blocks: list[str] = field(default_factory=list)  # with their Markdown
    target_blocks: list[str] = field(default_factory=list)
    as_words: tuple[str, ...] = ()  # names the engine got as ordinary words (NamePlan)


@dataclass
class Report:
    quotes: tuple[int, int] = (0, 0)
    names: tuple[int, int] = (0, 0)
    numbers: tuple[int, int] = (0, 0)
    paragraphs: tuple[int, int] = (0, 0)
    byline: bool = True
    problems: list[str] = field(default_factory=list)
    missing_names: list[str] = field(default_factory=list)
    missing_numbers: list[str] = field(default_factory=list)
    unverified_names: list[str] = field(default_factory=list)  # a script we cannot compare
    leftover_words: list[str] = field(default_factory=list)  # in another language
    # names the engine got as words that did not come back as written ("Spurs" ->
    # "Espolones" or a team's name in the target: only a reader can tell)
    translated_names: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict:
        d = asdict(self)
        for k in ("quotes", "names", "numbers", "paragraphs"):
            d[k] = f"{d[k][0]}/{d[k][1]}"
        d["byline"] = "ok" if self.byline else "missing"
        d["ok"] = self.ok
        return d


class Kind:
    """One kind of thing a translation must keep. Every step is optional."""

    name = ""

    def find(self, f: Finding) -> Any:
        return None

    def prepare(self, u: Protected, job: Job) -> None:
        """Rewrite ``u.text`` (and add to ``u.restore_map``) before the engine."""

    def restore(self, text: str, u: Protected, job: Job) -> str:
        """The engine's output for ``u``, put right."""
        return text

    def finish(self, blocks: list[str], job: Job) -> list[str]:
        """The rendered headline and blocks, put right as a whole."""
        return blocks

    def check(self, c: Compared, report: Report) -> None:
        """Add what the translation lost to ``report``."""
