"""Verifying a translation against its source, and cleaning engine artefacts.

Every translation gets a report: quotes, names, numbers, paragraphs and byline. A
translation that fails any check is held back from the feeds for a human to review.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field

from syndicate import segments

_UNKNOWN_MARK = re.compile(r"(?<![\w@#])[*#@~](?=\w)")
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?")


def clean(text: str) -> str:
    """Remove unknown-word marks (``*word``, ``#word``, ``@word``) and stray spaces.

    Run before placeholders are restored, so real @handles and #tags (protected) survive.
    """
    text = _UNKNOWN_MARK.sub("", text)
    text = re.sub(r"\s{2,}", " ", text)
    text = re.sub(r"\s+([,.;:!?)])", r"\1", text)
    return text.strip()


def match_initial_case(source: str, target: str, keep: tuple[str, ...] = ()) -> str:
    """Give the target's first letter the case of the source's first letter.

    Engines lose the capital at the start of a paragraph (Catalan output starts
    lower-case after a dropped pronoun) or add one. Protected terms are left as they are.
    """
    src = next((c for c in source if c.isalpha()), "")
    for i, c in enumerate(target):
        if not c.isalpha():
            continue
        if any(target.startswith(term, i) for term in keep if term):
            return target
        if src.isupper() and c.islower():
            return target[:i] + c.upper() + target[i + 1 :]
        word = re.match(r"\w+", target[i:])
        rest = word.group(0)[1:] if word else "x"
        if src.islower() and c.isupper() and (not rest or rest.islower()):
            return target[:i] + c.lower() + target[i + 1 :]
        return target
    return target


def numbers(text: str) -> Counter:
    """Numbers as digit strings: 5,000 and 5.000 are the same number in two locales."""
    return Counter(re.sub(r"\D", "", m.group(0)) for m in _NUMBER.finditer(text))


@dataclass
class Report:
    quotes: tuple[int, int] = (0, 0)
    names: tuple[int, int] = (0, 0)
    numbers: tuple[int, int] = (0, 0)
    paragraphs: tuple[int, int] = (0, 0)
    byline: bool = True
    problems: list[str] = field(default_factory=list)

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


def summarize(report: dict) -> str:
    """One line of a report (as in front matter and --json) for a human."""
    return (
        f"quotes {report.get('quotes')}, names {report.get('names')}, numbers "
        f"{report.get('numbers')}, paragraphs {report.get('paragraphs')}, byline "
        f"{report.get('byline')}"
    )


def check(
    source_doc: list[list[segments.Piece]],
    target_paragraphs: list[str],
    lang: str,
    expected_terms: Counter,
    source_byline: str | None,
    target_byline: str | None,
) -> Report:
    """Compare source pieces with the rendered target (headline first in both)."""
    r = Report()
    want_q = segments.quote_count(source_doc)
    found_q, in_marks = segments.target_quotes(target_paragraphs, lang)
    r.quotes = (min(found_q, in_marks), want_q)
    if not (found_q == in_marks == want_q):
        r.problems.append(
            f"quotes: {found_q} found, {in_marks} in {lang} marks, {want_q} in source"
        )

    text = "\n".join(target_paragraphs)
    got = sum(min(text.count(term), n) for term, n in expected_terms.items())
    want = sum(expected_terms.values())
    r.names = (got, want)
    if got < want:
        missing = [t for t, n in expected_terms.items() if text.count(t) < n]
        r.problems.append(f"names: missing {', '.join(missing[:5])}")

    src_numbers = numbers("\n".join(segments.reassemble(source_doc)))
    tgt_numbers = numbers(text)
    got_n = sum(min(tgt_numbers[k], v) for k, v in src_numbers.items())
    r.numbers = (got_n, sum(src_numbers.values()))
    if got_n < r.numbers[1]:
        lost = sorted(k for k, v in src_numbers.items() if tgt_numbers[k] < v)
        r.problems.append(f"numbers: missing {', '.join(lost[:5])}")

    r.paragraphs = (len(target_paragraphs), len(source_doc))
    if len(target_paragraphs) != len(source_doc) or not all(p.strip() for p in target_paragraphs):
        r.problems.append("paragraphs: count differs or one came back empty")

    r.byline = source_byline == target_byline
    if not r.byline:
        r.problems.append(f"byline: {target_byline!r} is not {source_byline!r}")
    return r
