"""Numbers as values: reading them in the source's convention, writing them in the target's,
and checking that every value survived translation.

A translation that keeps the digit string "1,200" in Spanish has changed the number (a
Spanish reader reads 1.2); "2.3 billones" for "£2.3bn" is a thousandfold error. So the
check compares values, not digit strings: each number is read with its language's
separators and magnitude words, both from CLDR through Babel, and a correct local form
("1.200", "2,3 mil millones", "siglo VIII" for "8th century", "22:00" for "10pm") passes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

import regex
from babel import Locale, UnknownLocaleError
from babel.dates import format_time
from babel.numbers import format_compact_decimal, format_decimal, format_percent

from syndicate.keep import protect
from syndicate.keep.kind import Compared, Job, Kind, Report

SPACES = " \u00a0\u202f"

# Magnitude words CLDR leaves out but newsrooms write (and engines produce).
_EXTRA_MAGNITUDES = {
    "en": {"bn": 9, "mn": 6, "tn": 12, "trn": 12},
    "ca": {"mil milions": 9},
    "gl": {"mil millóns": 9, "mil millons": 9},
    "pt": {"mil milhões": 9, "biliões": 12, "bilião": 12},
    "es": {"millardos": 9, "millardo": 9},
}
# Case endings engines write on magnitude words where the grammar wants them
# (Esperanto's accusative: "kostis 3,5 milionon"): the same value, kept as written.
CASE_ENDINGS = {"eo": ("n",)}
# Abbreviations that mean a magnitude only after a currency amount: "£5m", "$3k".
_CURRENCY_MAGNITUDES = {"m": 6, "k": 3}

_NUM = r"\d+(?:[.,\u00a0\u202f ]\d+)*"
_AMPM = regex.compile(
    r"(?<![\p{L}\p{N}.,:])(\d{1,2})(?:[:.](\d{2}))?\s?(a\.?\s?m\.?|p\.?\s?m\.?)(?![\p{L}])",
    regex.I,
)
_CLOCK = regex.compile(r"(?<![\p{N}.,:])(\d{1,2})\s?[:h.]\s?(\d{2})(?![\p{N}]|[.,]\d)")
_ORDINAL_EN = regex.compile(r"(?<![\p{L}\p{N}])(\d+)(?:st|nd|rd|th)(?![\p{L}])")
_ROMAN = {1000: "M", 900: "CM", 500: "D", 400: "CD", 100: "C", 90: "XC", 50: "L", 40: "XL"}
_ROMAN |= {10: "X", 9: "IX", 5: "V", 4: "IV", 1: "I"}


def locale_of(lang: str) -> Locale:
    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@cache
def symbols(lang: str) -> tuple[str, str]:
    """(decimal mark, group mark) in ``lang``'s convention."""
    loc = locale_of(lang)
    return loc.number_symbols["latn"]["decimal"], loc.number_symbols["latn"]["group"]


@cache
def magnitudes(lang: str) -> dict[str, int]:
    """Magnitude words -> power of ten, from CLDR's long compact formats ("mil millones": 9)."""
    words: dict[str, int] = {}
    loc = locale_of(lang)
    for forms in loc.compact_decimal_formats.get("long", {}).values():
        for power, pattern in forms.items():
            text = getattr(pattern, "pattern", str(pattern))
            exp = len(str(power)) - 1
            if text.count("0") != 1 or exp < 6:  # "0000 millóns" restates a smaller unit
                continue
            word = text.replace("0", "").replace("'", "").strip().lower()
            if word:
                words.setdefault(word, exp)
    words.update(_EXTRA_MAGNITUDES.get(lang, {}))
    for ending in CASE_ENDINGS.get(lang, ()):
        words.update({w + ending: exp for w, exp in list(words.items())})
    return words


CURRENCY_SIGNS = "£$€¥"


@cache
def _magnitude_re(lang: str) -> regex.Pattern:
    words = sorted(magnitudes(lang), key=len, reverse=True)
    alts = "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in words) or "(?!)"
    return regex.compile(
        rf"(?P<cur>[£$€¥])?(?<![\p{{L}}\p{{N}}])(?P<num>{_NUM})"
        rf"(?:(?P<sp>[£$€¥]?[\s\u00a0\u202f]?)(?P<mag>{alts})(?![\p{{L}}])"
        rf"|(?P<cmag>[mk])(?![\p{{L}}]))?",
        regex.I,
    )


def parse_number(text: str, lang: str) -> Decimal | None:
    """A number's value in ``lang``'s convention; the other convention where that is the
    only reading ("2.3" in Spanish text is 2.3: a group needs three digits after it)."""
    dec, group = symbols(lang)
    s = text
    for sp in SPACES:
        s = s.replace(sp, "\u00a0")
    if group in SPACES:
        group = "\u00a0"

    def grouped(part: str, mark: str) -> str | None:
        chunks = part.split(mark)
        if len(chunks[0]) > 3 or any(len(c) != 3 for c in chunks[1:]):
            return None
        return "".join(chunks)

    try:
        if "\u00a0" in s and group != "\u00a0":  # a space groups in any language
            whole, sep, frac = s.partition(dec)
            g = grouped(whole, "\u00a0")
            if g is None:
                return None
            s = g + sep + frac
        if dec in s:
            whole, _, frac = s.rpartition(dec)
            whole = grouped(whole, group) if group in whole else whole
            if whole is None or not frac.isdigit() or not whole.isdigit():
                return None
            return Decimal(f"{whole}.{frac}")
        if group in s:
            g = grouped(s, group)
            if g is not None and g.isdigit():
                return Decimal(g)
            if s.count(group) == 1 and group in ".,":  # the other convention's decimal mark
                whole, frac = s.split(group)
                return Decimal(f"{whole}.{frac}")
            return None
        return Decimal(s) if s.isdigit() else None
    except InvalidOperation:
        return None


@dataclass(frozen=True)
class Quantity:
    """A value found in text: ``kind`` is number, ordinal or time (value = minutes)."""

    start: int
    end: int
    text: str
    value: Decimal
    kind: str = "number"
    grouped: bool = False  # written with separators or decimals: has a local form


def find(text: str, lang: str) -> list[Quantity]:
    """Every value in the text, read in ``lang``'s convention."""
    found: list[Quantity] = []
    used = bytearray(len(text) + 1)  # characters a value already covers: linear in text

    def take(a: int, b: int) -> None:
        used[a:b] = b"\1" * (b - a)

    def free(a: int, b: int) -> bool:
        return not any(used[a:b])

    for m in _AMPM.finditer(text):
        h, mins = int(m.group(1)), int(m.group(2) or 0)
        if not (1 <= h <= 12 and mins < 60):
            continue
        pm = m.group(3).lower().startswith("p")
        h = (h % 12) + (12 if pm else 0)
        found.append(Quantity(m.start(), m.end(), m.group(0), Decimal(h * 60 + mins), "time"))
        take(*m.span())
    for m in _CLOCK.finditer(text):
        h, mins = int(m.group(1)), int(m.group(2))
        if h < 24 and mins < 60 and free(*m.span()):
            found.append(Quantity(m.start(), m.end(), m.group(0), Decimal(h * 60 + mins), "time"))
            take(*m.span())
    if lang == "en":
        for m in _ORDINAL_EN.finditer(text):
            if free(*m.span()):
                found.append(
                    Quantity(m.start(), m.end(), m.group(0), Decimal(m.group(1)), "ordinal")
                )
                take(*m.span())
    mags = magnitudes(lang)
    for m in _magnitude_re(lang).finditer(text):
        num = m.group("num").rstrip(SPACES)
        start = m.start("num")
        end = start + len(num)
        value = parse_number(num, lang)
        if value is None or not free(start, end):
            continue
        power = 0
        if m.group("mag"):
            power = mags.get(" ".join(m.group("mag").lower().split()), 0)
            end = m.end()
        elif m.group("cmag") and m.group("cur"):
            power = _CURRENCY_MAGNITUDES[m.group("cmag").lower()]
            end = m.end()
        grouped = any(c in num for c in ".," + SPACES)
        q = Quantity(start, end, text[start:end], value.scaleb(power), "number", grouped)
        found.append(q)
        take(start, end)
    return sorted(found, key=lambda q: q.start)


def roman(n: int) -> str:
    out = ""
    for v, r in _ROMAN.items():
        while n >= v:
            out += r
            n -= v
    return out


def _plain(value: Decimal) -> Decimal:
    return value.normalize()


def check(source: str, src: str, target: str, tgt: str) -> tuple[int, int, list[str]]:
    """(values found, values in source, what is missing) comparing by value."""
    want = find(source, src)
    got = Counter((q.kind if q.kind == "time" else "n", _plain(q.value)) for q in find(target, tgt))
    missing: list[str] = []
    ok = 0
    for q in want:
        key = ("time" if q.kind == "time" else "n", _plain(q.value))
        if got[key] > 0:
            got[key] -= 1
            ok += 1
        elif q.kind == "ordinal" and regex.search(
            rf"(?<![\p{{L}}]){roman(int(q.value))}(?:e|er|ème|è)?(?![\p{{L}}])", target
        ):
            ok += 1
        else:
            missing.append(q.text)
    return ok, len(want), missing


def render_time(minutes: int, lang: str) -> str:
    t = dt.time(minutes // 60, minutes % 60)
    return format_time(t, format="short", locale=locale_of(lang)).replace("\u202f", " ")


def localize(text: str, source: str, src: str, tgt: str) -> str:
    """Rewrite what the engine passed through in the source's convention into the target's:
    "1,200" -> "1.200" (es) or "1 200" (fr); "2.3" -> "2,3"; "100%" -> "100 %" where CLDR
    spaces it; and a magnitude the engine got wrong ("2.3 billones" for 2.3bn) -> the CLDR
    long form of the source value."""
    if src == tgt:
        return text
    heads: dict[str, Decimal] = {}
    for q in find(source, src):
        if q.kind == "number":
            heads.setdefault(regex.match(_NUM, q.text).group(0), q.value)
    if not heads:
        return _percent(text, tgt)
    mags = magnitudes(tgt)
    out: list[str] = []
    last = 0
    for m in _magnitude_re(tgt).finditer(text):
        head = m.group("num").rstrip(SPACES)
        if head not in heads:
            continue
        base = parse_number(head, src)
        if base is None:
            continue
        power = mags.get(" ".join(m.group("mag").lower().split()), 0) if m.group("mag") else 0
        start = m.start("num")
        if _plain(base.scaleb(power)) == _plain(heads[head]):
            end = start + len(head)
            exp = max(0, -base.as_tuple().exponent)
            fmt = "#,##0" + ("." + "0" * exp if exp else "")
            grouped = any(c in head for c in ".," + SPACES)
            new = format_decimal(base, format=fmt, locale=locale_of(tgt)) if grouped else head
        elif m.group("mag"):  # the engine's magnitude word changed the value
            end = m.end()
            new = format_compact_decimal(
                heads[head], format_type="long", locale=locale_of(tgt), fraction_digits=2
            )
        else:
            continue
        out.append(text[last:start])
        out.append(new)
        last = end
    out.append(text[last:])
    return _percent("".join(out), tgt)


@cache
def _percent_sign(lang: str) -> str:
    sample = format_percent(1, locale=locale_of(lang))
    return sample.removeprefix("100")


def _percent(text: str, lang: str) -> str:
    sign = _percent_sign(lang)
    return regex.sub(r"(?<=\d)[ \u00a0\u202f]?%", sign, text)


def rewrite_times(text: str, lang: str, tgt: str) -> str:
    """Clock times with am/pm ("9am", "10:30 p.m.") as the target writes them ("9:00",
    "22:30"): engines read "am" as a verb ("9soy")."""
    if lang != "en":
        return text
    return _AMPM.sub(
        lambda m: (
            render_time(int(q[0].value), tgt) if (q := find(m.group(0), lang)) else m.group(0)
        ),
        text,
    )


def expand_abbreviations(text: str, lang: str) -> str:
    """ "£2.3bn" -> "£2.3 billion": engines know the word, not the newsroom abbreviation
    (Apertium reads "bn" as billón, 10^12 in Spanish)."""
    if lang != "en":
        return text
    text = regex.sub(r"(?<=\d)\s?bn\b", " billion", text)
    text = regex.sub(r"(?<=\d)\s?(?:tn|trn)\b", " trillion", text)
    text = regex.sub(r"(?<=[£$€]\d+(?:\.\d+)?)\s?(?:m|mn)\b", " million", text)
    return text


def prepare(text: str, src: str, tgt: str) -> str:
    """The source text as an engine should get it: abbreviations spelled out, am/pm
    times in the target's clock."""
    return expand_abbreviations(rewrite_times(text, src, tgt), src)


def with_magnitude(text: str, lang: str) -> list[Quantity]:
    """Quantities written with a magnitude word ("2.3 billion", "£5m")."""
    return [
        q
        for q in find(text, lang)
        if q.kind == "number" and not regex.fullmatch(_NUM, q.text.strip(SPACES))
    ]


def long_form(value: Decimal, lang: str) -> str:
    """A value as ``lang`` writes it in words: 2.3e9 -> "2,3 milliards" (fr)."""
    return format_compact_decimal(
        value, format_type="long", locale=locale_of(lang), fraction_digits=2
    )


@cache
def million_words(lang: str) -> tuple[str, ...]:
    """How ``lang`` writes the word for a million, singular and plural (CLDR's long
    forms: "millón", "millones")."""
    forms = []
    for n in (Decimal(1_000_000), Decimal(2_000_000)):
        forms += regex.sub(r"[\d\p{Zs}.,]", " ", long_form(n, lang)).split()[-1:]
    return tuple(dict.fromkeys(forms))


def as_millions(value: Decimal, lang: str) -> str:
    """A quantity as an engine translates it best: "2300 million" for 2.3 billion.
    Rule-based engines handle "million" and the grammar after it ("500 millones de
    personas") but not "billion" ("2.3 miles de millones dólares"; billón is 10^12)."""
    millions = value.scaleb(-6)
    number = format_decimal(millions, format="0.##########", locale=locale_of(lang))
    return f"{number} {million_words(lang)[-1]}"


def spell_magnitudes(text: str, values: list[Decimal], lang: str) -> str:
    """Each quantity sent with :func:`as_millions` in the CLDR long form of its value
    ("2300 millones" -> "2,3 mil millones"; Apertium's singular "500 milió" -> "500
    milions")."""
    if not values:
        return text
    wanted = {_plain(v) for v in values}
    mags = magnitudes(lang)

    def repl(m: regex.Match) -> str:
        if not m.group("mag"):
            return m.group(0)
        base = parse_number(m.group("num").rstrip(SPACES), lang)
        power = mags.get(" ".join(m.group("mag").lower().split()), 0)
        if base is None or _plain(base.scaleb(power)) not in wanted:
            return m.group(0)
        word = " ".join(m.group("mag").lower().split())
        if any(word.endswith(e) and word[: -len(e)] in mags for e in CASE_ENDINGS.get(lang, ())):
            return m.group(0)  # inflected by the engine for the sentence: right as it is
        lead = m.group(0)[: m.start("num") - m.start()]
        moved = (m.group("sp") or "").strip(SPACES)  # "2300£ millóns": the sign kept, before
        return moved + lead + long_form(base.scaleb(power), lang)

    return _magnitude_re(lang).sub(repl, text)


_PREFIXED_DOLLAR = regex.compile(r"(?<![\p{L}\p{N}])(?:US|A|C|NZ|HK|S|R)\$(?=\d)")


class NumberKind(Kind):
    """Values survive: prepared in a form engines translate, written back in the
    target's convention, checked by value."""

    name = "numbers"

    def prepare(self, u: protect.Protected, job: Job) -> None:
        text = prepare(u.text, job.src, job.tgt)
        if not job.placeholders:
            u.text = text
            return
        # "2.3 billion" goes as "2300 million": engines translate "million" well ("2300
        # millones de libras", with the "de" the noun needs) and garble the rest (billón
        # is 10^12 in Spanish); the CLDR long form of the value is written on the way
        # back. An amount after a currency sign goes as a placeholder for the long form:
        # engines move the sign ("US14700$ millóns"), and no noun follows it to need a "de".
        # "US$30", "HK$5": the country's letters are the currency's, which the pairs
        # read as the country ("EE.UU.$30", "USA$30", gl "EE.UU.11 000$")
        for m in reversed(list(_PREFIXED_DOLLAR.finditer(text))):
            ph = protect.placeholder(m[0])
            u.restore_map[ph] = m[0]
            text = text[: m.start()] + ph + " " + text[m.end() :]
        for q in reversed(with_magnitude(text, job.src)):
            if text[: q.start].endswith(tuple(CURRENCY_SIGNS)):
                ph = protect.placeholder(f"#{q.text}")
                u.restore_map[ph] = long_form(q.value, job.tgt)
                text = text[: q.start] + ph + text[q.end :]
            else:
                text = text[: q.start] + as_millions(q.value, job.src) + text[q.end :]
                u.magnitudes.append(q.value)
        u.text = text

    def restore(self, text: str, u: protect.Protected, job: Job) -> str:
        text = localize(text, u.source, job.src, job.tgt)
        return spell_magnitudes(text, u.magnitudes, job.tgt)

    def check(self, c: Compared, report: Report) -> None:
        ok, total, lost = check(c.source_text, c.src, c.text, c.tgt)
        report.numbers = (ok, total)
        report.missing_numbers = lost
        if lost:
            report.problems.append(f"numbers: {', '.join(lost[:5])} changed or missing")


KIND = NumberKind()
