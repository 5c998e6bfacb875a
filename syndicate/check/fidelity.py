"""Verifying a translation against its source: every kind's check (the registry in
:mod:`syndicate.keep.registry`), then the checks of the translation as a whole: words
left in another language, and the paragraphs. A translation that fails any check is
held back from the feeds for a human to review.
"""

from __future__ import annotations

from collections.abc import Callable

from syndicate.check import leftovers
from syndicate.keep import registry
from syndicate.keep.bylines import Byline
from syndicate.keep.kind import Compared, Report
from syndicate.text import markup, segments

__all__ = ["Report", "check", "summarize"]


def summarize(report: dict) -> str:
    """One line of a report (as in front matter and --json) for a human."""
    unverified = report.get("unverified_names") or []
    names = f"{report.get('names')}" + (f" ({len(unverified)} unverified)" if unverified else "")
    left = report.get("leftover_words") or []
    worded = report.get("translated_names") or []
    as_words = f", {len(worded)} name{'s' * (len(worded) > 1)} translated as words"
    return (
        f"quotes {report.get('quotes')}, names {names}, numbers "
        f"{report.get('numbers')}, paragraphs {report.get('paragraphs')}, byline "
        f"{report.get('byline')}"
        + (f", {len(left)} word{'s' if len(left) > 1 else ''} left untranslated" if left else "")
        + (as_words if worded else "")
    )


def check(
    source_doc: list[list[segments.Piece]],
    target_paragraphs: list[str],
    src: str,
    tgt: str,
    forms: dict[str, set[str]],
    source_byline: Byline | None,
    target_byline: Byline | None,
    leftover: Callable[[str, str], list[str]] | None = None,
    blocks: tuple[list[str], list[str]] = ([], []),
    as_words: tuple[str, ...] = (),
) -> Report:
    """Compare source pieces with the rendered target (headline first in both).

    ``forms``: each name to check and the forms it may take in the target. ``leftover``:
    the words of a target text left in another language, given the source text
    (:func:`syndicate.check.leftovers.find` for the route's languages). ``blocks``: the
    source's and the target's blocks with their Markdown, for the links on names.
    """
    c = Compared(
        source_doc,
        target_paragraphs,
        src,
        tgt,
        forms,
        source_byline,
        target_byline,
        source_text=markup.strip_sentinels("\n".join(segments.reassemble(source_doc))),
        text="\n".join(target_paragraphs),
        source_blocks=blocks[0],
        target_blocks=blocks[1],
        as_words=as_words,
    )
    r = Report()
    for kind in registry.KINDS:
        kind.check(c, r)
    if leftover is not None:
        r.leftover_words = leftover(c.text, c.source_text)
        if leftovers.too_many(r.leftover_words, c.text):
            shown = ", ".join(dict.fromkeys(r.leftover_words[:8]))
            r.problems.append(f"words: {len(r.leftover_words)} left untranslated ({shown})")
    r.paragraphs = (len(target_paragraphs), len(source_doc))
    if len(target_paragraphs) != len(source_doc) or not all(p.strip() for p in target_paragraphs):
        r.problems.append("paragraphs: count differs or one came back empty")
    return r
