"""The kind that keeps quotations: every direct quotation a quotation, in the target's
marks.

The work is in the text stage: :mod:`syndicate.text.segments` parses a block into
quoted and unquoted pieces, so quotation marks never reach an engine (a paragraph with
quotations goes whole with its marks in context, and they are put back where the
engine moved them), and writes the target language's marks. The check counts them.
"""

from __future__ import annotations

from syndicate.keep.kind import Compared, Kind, Report
from syndicate.text import segments


class QuoteKind(Kind):
    name = "quotes"

    def check(self, c: Compared, report: Report) -> None:
        want = segments.quote_count(c.source_doc)
        found, in_marks = segments.target_quotes(c.target, c.tgt, c.source_doc)
        report.quotes = (min(found, in_marks), want)
        if not (found == in_marks == want):
            report.problems.append(
                f"quotes: {found} found, {in_marks} in {c.tgt} marks, {want} in source"
            )


KIND = QuoteKind()
