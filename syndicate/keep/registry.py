"""Every kind of thing a translation must keep, in the order the pipeline runs them
(:mod:`syndicate.keep.kind` says what each step does).

``prepare`` and ``check`` run in this order, ``restore`` and ``finish`` in the reverse:
numbers are prepared before names are swapped for placeholders and dates put day first;
on the way back the engine's marks go first, then every placeholder comes back, then
numbers are written in the target's convention, and the case is put right last.
Adding a kind is one module and one line here.
"""

from __future__ import annotations

from syndicate.keep import bylines, case, dates, marks, namekind, numbers, quotes, spans
from syndicate.keep.kind import Kind

KINDS: tuple[Kind, ...] = (
    case.KIND,
    quotes.KIND,
    numbers.KIND,
    namekind.KIND,
    dates.KIND,
    marks.KIND,
    bylines.KIND,
    spans.KIND,
)
