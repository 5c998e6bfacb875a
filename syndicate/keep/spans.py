"""The kind that keeps markup: emphasis, links and images on the translation of the
words they covered, a link on a name still on that name.

The work is in the text stage: :mod:`syndicate.text.markup` turns a block's markup into
sentinels the engine passes through (and back), :mod:`syndicate.text.spans` puts each
span on the words of the block translated without its marks. The pipeline gives this
kind the blocks as tagged (``job.extra["tagged"]``) and those bare translations
(``job.extra["plain"]``, by block number).
"""

from __future__ import annotations

from syndicate.keep.kind import Compared, Job, Kind, Report
from syndicate.keep.namekind import count_names
from syndicate.text import markup, spans


def links(
    source_blocks: list[str], target_blocks: list[str], forms: dict[str, set[str]]
) -> list[str]:
    """A link on a name stays on that name: for each link of a source block, the link to
    the same URL in the same target block must be on a form of every name its words
    hold. Problems, one line each (an empty list when every link holds)."""
    problems = []
    for src, tgt in zip(source_blocks, target_blocks, strict=False):
        if "](" not in src:
            continue
        there = markup.links(tgt)
        for url, words in markup.links(src):
            on = [w for u, w in there if u == url]
            if not on:
                problems.append(f"links: the link on {words[:40]!r} is lost")
                continue
            for name in count_names(words, {n: {n} for n in forms}):
                if not any(count_names(w, {name: forms[name]})[name] for w in on):
                    problems.append(f"links: the link on {name} is not on it in the translation")
    return problems


class SpanKind(Kind):
    name = "spans"

    def finish(self, blocks: list[str], job: Job) -> list[str]:
        tagged = job.extra.get("tagged")
        if tagged is None:
            return blocks
        blocks = list(blocks)
        for n, plain in job.extra.get("plain", {}).items():
            t = tagged[n - 1]
            needed = frozenset(o for o, _ in t.pairs if t.marks[o] in ("[", "!["))
            blocks[n] = spans.place(blocks[n], plain, t.pairs, needed)
        blocks[1:] = [markup.untag(x, t.marks) for x, t in zip(blocks[1:], tagged, strict=True)]
        return blocks

    def check(self, c: Compared, report: Report) -> None:
        report.problems += links(c.source_blocks, c.target_blocks, c.forms)


KIND = SpanKind()
