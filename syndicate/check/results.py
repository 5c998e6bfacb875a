"""A checked translation, as the desk and the feeds take it: each language version of
an article (:class:`Translation`, with its fidelity report and status) and what one
article gave (:class:`ArticleResult`). The pipeline makes them; review files, pages and
feeds read them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from syndicate.check import fidelity
from syndicate.keep.bylines import Byline
from syndicate.sources.articles import Article

# The checks of one translation, for any text of it: the headline and blocks, the byline.
Checker = Callable[[list[str], Byline | None], fidelity.Report]

PUBLIC = ("published", "approved", "stale")
"""Statuses whose text readers get: a stale version is the editor's, still published."""


@dataclass
class Translation:
    """One language version of an article, ready for review and feeds."""

    lang: str
    title: str
    paragraphs: list[str]
    byline: Byline | None
    route: str | None = None
    engine: str | None = None
    chain: str | None = None
    report: fidelity.Report | None = None
    # published | held | failed (the machine's); approved | stale (the editor's)
    status: str = "published"
    error: str | None = None
    # For a stale edited version: this run's machine translation, written beside it.
    machine: Translation | None = None
    replaced: object | None = None  # the editor's version set aside by --republish-stale
    segments_sent: int = 0
    segments_total: int = 0
    paths: dict[str, str] = field(default_factory=dict)
    # The same checks for any text of this article and language (an editor's).
    checker: Checker | None = field(default=None, repr=False, compare=False)


@dataclass
class ArticleResult:
    path: Path
    slug: str | None = None
    source_lang: str | None = None
    confidence: float | None = None
    error: str | None = None
    article: Article | None = None
    source: Translation | None = None
    targets: list[Translation] = field(default_factory=list)

    @property
    def notes(self) -> list[str]:
        return self.article.notes if self.article else []
