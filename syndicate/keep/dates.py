"""Dates as values: found in the source, checked and, where the engine broke them,
written in the target's own form from CLDR (Babel).

Rule-based engines break month names: eng-spa leaves "in April" as "en April" and reads
"March 2020" as the verb ("en marcha 2020"); eng-cat makes "in May 1969" "dins Pot de
1969". A date is a value like a number: the month must come back as the target's month
("abril", "maig"), and where it does not, the date is written as CLDR writes it in
the target language ("5 de abril de 2020", "5 avril 2020", "maig del 1969").
"""

from __future__ import annotations

import datetime as dt
import functools
from array import array
from collections import Counter
from dataclasses import dataclass

import regex
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, get_month_names

from syndicate.keep.kind import Finding, Job, Kind
from syndicate.keep.protect import Protected
from syndicate.text import patterns


@dataclass(frozen=True)
class Date:
    """A date in a text: ``text`` as written, its month, and day and year if given."""

    text: str
    start: int
    end: int
    month: int
    day: int | None = None
    year: int | None = None


def _locale(lang: str) -> Locale | None:
    try:
        return Locale.parse(lang)
    except (ValueError, UnknownLocaleError):
        return None


@functools.cache
def month_names(lang: str) -> dict[str, int]:
    """Wide month names of ``lang`` as CLDR writes them in running text."""
    loc = _locale(lang)
    if loc is None:
        return {}
    out = {}
    for context in ("stand-alone", "format"):
        for n, name in get_month_names("wide", context, loc).items():
            out[name] = n
    return out


@functools.cache
def _pattern(lang: str) -> regex.Pattern | None:
    names = month_names(lang)
    if not names:
        return None
    month = "|".join(regex.escape(n) for n in sorted(names, key=len, reverse=True))
    day = r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
    return regex.compile(
        rf"(?<![\p{{L}}\p{{N}}])(?:(?P<d1>{day})\s+(?:de\s+)?)?(?P<m>{month})"
        rf"(?:\s+(?P<d2>{day})(?![\p{{N}}:]|\.\d))?(?:,?\s+(?:de\s+)?(?P<y>1\d{{3}}|20\d{{2}}))?"
        rf"(?![\p{{L}}\p{{N}}])"
    )


_CAPITAL_NEXT = regex.compile(r"\s+\p{Lu}")


def _starts_sentence(text: str, pos: int) -> bool:
    """Only spaces before ``pos``, or sentence punctuation or an opening quotation mark
    and spaces: looks back over the spaces only (linear in a long paragraph)."""
    j = pos
    while j > 0 and text[j - 1].isspace():
        j -= 1
    return j == 0 or text[j - 1] in '.!?:;"“«'


def find(text: str, lang: str) -> list[Date]:
    """Dates in ``text``. A month word first in a sentence counts only with a day or a
    year ("May 5 was sunny"), not alone ("May I ask", "March on").

    Month names are matched as CLDR writes them (capitalized in English, lower-case in
    Spanish or French), so "march" the verb is never a date in English."""
    pattern = _pattern(lang)
    if pattern is None:
        return []
    names = month_names(lang)
    out = []
    for m in pattern.finditer(text):
        day = m.group("d1") or m.group("d2")
        year = m.group("y")
        if not (day or year) and (
            _starts_sentence(text, m.start())
            or _CAPITAL_NEXT.match(text, m.end())  # April Ryan, the May Fair
        ):
            continue
        out.append(
            Date(
                m.group(0),
                m.start(),
                m.end(),
                names[m.group("m")],
                int(regex.match(r"\d+", day).group(0)) if day else None,
                int(year) if year else None,
            )
        )
    return out


def write(date: Date, lang: str) -> str | None:
    """The date as ``lang`` writes it (CLDR), or None when CLDR has no such locale."""
    loc = _locale(lang)
    if loc is None:
        return None
    d = dt.date(date.year or 2000, date.month, date.day or 1)
    if date.day and date.year:
        text = format_date(d, "long", locale=loc)
    elif date.day:
        text = format_skeleton("MMMMd", d, locale=loc)
    elif date.year:
        text = format_skeleton("yMMMM", d, locale=loc)
    else:
        text = get_month_names("wide", "stand-alone", loc)[date.month]
    return text.replace("’", "'")  # the engines write straight apostrophes


def target_months(month: int, lang: str) -> set[str]:
    """The forms of a month a correct ``lang`` translation may use."""
    loc = _locale(lang)
    if loc is None:
        return set()
    forms = set()
    for context in ("stand-alone", "format"):
        name = get_month_names("wide", context, loc)[month]
        forms |= {name, name.replace("’", "'")}
        forms.add(regex.sub(r"^(?:de |d['’])", "", name))  # ca "d'abril" -> "abril"
    return forms


def checked(paragraphs: list[str], lang: str, names: list[str]) -> list[Date]:
    """The dates of an article worth checking, one per distinct text: not inside a
    longer name (Ann May, the April Fools' Day Act), and only where every whole-word
    occurrence of the text is a date ("May" also the verb at a sentence start: skipped)."""
    text = "\n".join(paragraphs)
    edge = patterns.LETTERS_DIGITS
    # For each character, how far the names over it reach (one pass for all names): a
    # date inside a longer name is that name's.
    reach = array("I", bytes(4 * (len(text) + 1)))
    exact = set()
    if names:
        for start, end, _ in patterns.spans(names, text, edge, overlapped=True):
            exact.add((start, end))
            for i in range(start, end):
                reach[i] = max(reach[i], end)
    found: dict[str, list[Date]] = {}
    for d in find(text, lang):
        inside = reach[d.start] > d.end or (
            reach[d.start] == d.end and (d.start, d.end) not in exact
        )
        if not inside:
            found.setdefault(d.text, []).append(d)
    if not found:
        return []
    every = Counter(w for _, _, w in patterns.spans(found, text, edge, overlapped=True))
    return [ds[0] for key, ds in found.items() if every[key] == len(ds)]


# What English "on" before a date with a day becomes: the article ("el 18 de marzo").
# Held whole with the date, or the engine translates "on" alone ("damunt 18 de març").
ON_A_DAY = {"es": "el", "ca": "el", "gl": "o", "pt": "em", "it": "il", "fr": "le"}


def with_on(written: dict[str, str], lang: str) -> dict[str, str]:
    """For dates held as ``written`` (source text -> target form, with a day): the same
    preceded by "on"/"On", to the target's article before the date."""
    art = ON_A_DAY.get(lang)
    if art is None:
        return {}
    out = {}
    for text, form in written.items():
        if regex.search(r"\d", text) and form[:1].isdigit():
            out[f"on {text}"] = f"{art} {form}"
            out[f"On {text}"] = f"{art.capitalize()} {form}"
    return out


def day_first(text: str, lang: str) -> str:
    """English dates with the day first ("April 5, 2020" -> "5 April 2020"), the order
    rule-based engines translate ("el 5 de abril de 2020"; "encima abril 5, 2020" from
    the other)."""
    if lang != "en":
        return text
    out = []
    last = 0
    for d in find(text, lang):
        if d.day is None or not d.text[:1].isalpha():
            continue
        month = regex.match(r"\p{L}+", d.text).group(0)
        day = regex.search(r"\d+", d.text).group(0)
        out += [text[last : d.start], f"{day} {month}" + (f" {d.year}" if d.year else "")]
        last = d.end
    return "".join(out) + text[last:]


class DateKind(Kind):
    """Dates the engine might break are found here and go to the engine day first; the
    plan holds or checks each by its month (``Pipeline.plan``), as a name."""

    name = "dates"

    def find(self, f: Finding) -> list[Date]:
        found = f.found.get("names")
        return checked(f.paragraphs, f.src, found.all if found else [])

    def prepare(self, u: Protected, job: Job) -> None:
        if job.placeholders:  # after the names kind: a date held whole stays as written
            u.text = day_first(u.text, job.src)


KIND = DateKind()
