"""The kind that keeps the engine's own marks out: unknown-word marks (``*word``,
``#word``, ``@word``, ``1970*s``) are removed from what the engine returns, and a mark or
an unknown token ("⁇", "<unk>": a word the engine could not write) the source did not
have fails the check.
"""

from __future__ import annotations

import re

from syndicate.keep.kind import Compared, Job, Kind, Report
from syndicate.keep.protect import Protected

# Before a word, or inside one ("1970*s": a suffix the generator did not know).
# Runs of marks too: "$**2,3", "@*1970s" (a pivot's mark, marked again by the next pair).
_UNKNOWN_MARK = re.compile(r"(?<![\w@#*~])[*#@~]+(?=\w)|(?<=\w)[*#]+(?=\w)")


def clean(text: str) -> str:
    """Remove unknown-word marks (``*word``, ``#word``, ``@word``, ``1970*s``) and stray spaces.

    Run before placeholders are restored, so real @handles and #tags (protected) survive.
    """
    text = _UNKNOWN_MARK.sub("", text)
    text = re.sub(r"\s{2,}", " ", text)
    text = re.sub(r"\s+([,.;:!?)])", r"\1", text)
    return text.strip()


UNKNOWN_TOKENS = ("⁇", "<unk>")
# Marks engines put on words they did not know or could not generate; in the plain text
# of a translation (Markdown escapes undone), one the source did not have is the engine's.
ENGINE_MARKS = ("*", "#", "@", "~")


class MarkKind(Kind):
    name = "marks"

    def restore(self, text: str, u: Protected, job: Job) -> str:
        # first of all restores (last in the registry): real @handles and #tags are
        # placeholders until the names kind restores them
        return clean(text)

    def check(self, c: Compared, report: Report) -> None:
        unknown = [u for u in UNKNOWN_TOKENS if c.text.count(u) > c.source_text.count(u)]
        if unknown:
            report.problems.append(f"unknown words: {' '.join(unknown)} in the translation")
        marks = [m for m in ENGINE_MARKS if c.text.count(m) > c.source_text.count(m)]
        if marks:
            report.problems.append(f"engine marks: {' '.join(marks)} in the translation")


KIND = MarkKind()
