"""Verifying a translation against its source, and cleaning engine artefacts.

Every translation gets a report: quotes, names, numbers, paragraphs and byline. A
translation that fails any check is held back from the feeds for a human to review.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import regex

from syndicate.check import leftovers
from syndicate.keep import numbers
from syndicate.keep.bylines import Byline
from syndicate.text import markup, patterns, segments

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


def recapitalize(text: str, forms: set[str]) -> str:
    """Give proper nouns the engine lowercased their capital back ("e israel" -> "e Israel")."""
    cased = {f.lower(): f for f in forms if f[:1].isupper() and f.lower() != f}
    if not cased:
        return text
    return patterns.substitute(cased, text, cased.__getitem__)


def match_initial_case(source: str, target: str, keep: tuple[str, ...] = ()) -> str:
    """Give the target's first letter the case of the source's first letter.

    Engines lose the capital at the start of a paragraph (Catalan output starts
    lower-case after a dropped pronoun) or add one. Protected terms are left as they are.
    """
    src = next((c for c in source if c.isalnum()), "")
    if not src.isalpha():  # "28-year-old Vidal ...": no case to match
        return target
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


_BOUNDARY = regex.compile(r"(?<=(\p{L}[\p{L}.]*|\p{N})[.!?…][\"”»’)]*)(\s+)(?=[\"“«‘(]?(\p{L}))")


def match_sentence_case(source: str, target: str, src: str, tgt: str) -> str:
    """Give sentences inside a paragraph the capital the source's have: Apertium drops
    a subject pronoun and its capital with it ("in the day. He was staying" -> "en el
    día. se quedaba"). Only where the target has as many sentence ends as the source
    (split by :mod:`syndicate.text.sentences`), none after an abbreviation or initial."""
    if not regex.search(r"[.!?…][\"”»’)]*\s+[\"“«‘(]?\p{Ll}", target):
        return target
    from syndicate.text import sentences

    starts = [s for s in sentences.split(source, src)[1:]]
    if not starts or not all(regex.match(r"[\"“«‘(]?\p{Lu}", s) for s in starts):
        return target
    short = {w.lower() for w in sentences.ABBREVIATIONS.get(tgt, ())}
    short |= {w.lower() for w in sentences.TITLES.get(tgt, ())}
    ends = []
    for m in _BOUNDARY.finditer(target):
        word = m.group(1)
        if "." in word or len(word) < 2 or word.lower() in short or word.isupper():
            continue  # EE.UU., "p. ej.", J. R. Tolkien, Sr.
        ends.append(m)
    if len(ends) != len(starts):
        return target
    out = list(target)
    for m in ends:
        i = m.start(3)
        out[i] = out[i].upper()
    return "".join(out)


_OPENING = r"(?:^|(?<=[.!?…][\"”»’)]*\s+))[\"“«‘(]?"
_FIRST_WORD = r"(\p{Lu}[\p{L}\p{M}'’-]*)"
_FIRST_THEN_LOWER = regex.compile(_OPENING + _FIRST_WORD + r"\s+\p{Ll}")
_FIRST_THEN_CAPITAL = regex.compile(_OPENING + _FIRST_WORD + r"(\s+)(\p{Lu})(?=\p{Ll}+\b)")


def after_first_word_case(source: str, target: str) -> str:
    """Undo the capital Apertium gives the word after a sentence's first word when it
    passed that word through unknown ("Jarque was practicing" -> "Jarque Practicaba",
    "Diplomats Era"): where a target sentence opens with a source sentence's first word
    and the source went on in lower case, the next word goes lower case too."""
    firsts = {m.group(1) for m in _FIRST_THEN_LOWER.finditer(source)}
    if not firsts:
        return target

    def lower(m: regex.Match) -> str:
        first, space, capital = m.groups()
        return first + space + (capital.lower() if first in firsts else capital)

    return _FIRST_THEN_CAPITAL.sub(lower, target)


# Targets in another script: a name comes back transliterated ("Трамп", "Τραμπ") and is
# found by its Latin reading (anyascii), fuzzily. In Chinese, Japanese, Korean or Thai a
# reading cannot be compared with the source spelling: those names are reported
# unverified, neither found nor missing. Wherever the target is, a "⁇" or "<unk>" the
# source did not have is a problem: the engine met a word it could not write.
OTHER_SCRIPT = frozenset(
    [
        "ru",
        "uk",
        "bg",
        "be",
        "mk",
        "sr",
        "kk",
        "ky",
        "mn",
        "tg",
        "el",
        "ar",
        "fa",
        "ur",
        "ps",
        "he",
        "yi",
        "hi",
        "mr",
        "ne",
        "bn",
        "pa",
        "gu",
        "ta",
        "te",
        "kn",
        "ml",
        "si",
        "ka",
        "hy",
        "am",
    ]
)
UNREADABLE = frozenset(["zh", "zt", "ja", "ko", "th", "lo", "km", "my"])
UNKNOWN_TOKENS = ("⁇", "<unk>")
# Marks engines put on words they did not know or could not generate; in the plain text
# of a translation (Markdown escapes undone), one the source did not have is the engine's.
ENGINE_MARKS = ("*", "#", "@", "~")
_LATIN_WORD = regex.compile(r"[a-z0-9]+")


def _latin_words(text: str) -> list[str]:
    from anyascii import anyascii

    return _LATIN_WORD.findall(anyascii(text).lower())


def transliterated(name: str, text: str, ratio: float = 0.75) -> int:
    """How often ``name`` occurs in ``text`` read in Latin letters ("Donal'd Tramp" for
    "Donald Trump"): runs of as many words, or one more, compared letter by letter."""
    import difflib

    want = "".join(_latin_words(name))
    words = _latin_words(text)
    if not want:
        return 0
    n = len(_latin_words(name))
    found, i = 0, 0
    while i < len(words):
        for size in (n, n + 1):
            window = "".join(words[i : i + size])
            if difflib.SequenceMatcher(a=want, b=window, autojunk=False).ratio() >= ratio:
                found += 1
                i += size
                break
        else:
            i += 1
    return found


def has_name(text: str, name: str, forms: dict[str, set[str]], tgt: str) -> bool:
    """The name, in a form the target may write it, is in ``text``."""
    if any(f in text for f in forms.get(name, {name})):
        return True
    if tgt in UNREADABLE:
        return True  # not checkable: never forced back into Latin letters
    return tgt in OTHER_SCRIPT and transliterated(name, text) > 0


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
    unverified = report.get("unverified_names") or []
    names = f"{report.get('names')}" + (f" ({len(unverified)} unverified)" if unverified else "")
    left = report.get("leftover_words") or []
    return (
        f"quotes {report.get('quotes')}, names {names}, numbers "
        f"{report.get('numbers')}, paragraphs {report.get('paragraphs')}, byline "
        f"{report.get('byline')}"
        + (f", {len(left)} word{'s' if len(left) > 1 else ''} left untranslated" if left else "")
    )


def count_names(text: str, forms: dict[str, set[str]], endings: tuple[str, ...] = ()) -> Counter:
    """Occurrences of each name in ``text``, as any of its accepted forms; longest form
    first, so "Trump" inside "Donald Trump" counts once, for "Donald Trump". ``endings``:
    the target's case endings, which a name takes like any noun (eo "Israelon", the
    accusative of "Israelo")."""
    owner: dict[str, list[str]] = {}
    for name, fs in forms.items():
        for f in fs:
            if f:
                owner.setdefault(f, []).append(name)
    if not owner:
        return Counter()
    found: Counter = Counter()
    for _, _, form in patterns.spans(owner, text, suffixes=endings):
        for name in owner[form]:
            found[name] += 1
    return found


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


def check(
    source_doc: list[list[segments.Piece]],
    target_paragraphs: list[str],
    src: str,
    tgt: str,
    forms: dict[str, set[str]],
    source_byline: Byline | None,
    target_byline: Byline | None,
    leftover: Callable[[str, str], list[str]] | None = None,
) -> Report:
    """Compare source pieces with the rendered target (headline first in both).

    ``forms``: each name to check and the forms it may take in the target. ``leftover``:
    the words of a target text left in another language, given the source text
    (:func:`syndicate.check.leftovers.find` for the route's languages).
    """
    r = Report()
    want_q = segments.quote_count(source_doc)
    found_q, in_marks = segments.target_quotes(target_paragraphs, tgt, source_doc)
    r.quotes = (min(found_q, in_marks), want_q)
    if not (found_q == in_marks == want_q):
        r.problems.append(f"quotes: {found_q} found, {in_marks} in {tgt} marks, {want_q} in source")

    source_text = markup.strip_sentinels("\n".join(segments.reassemble(source_doc)))
    text = "\n".join(target_paragraphs)
    want = count_names(source_text, {n: {n} for n in forms})
    got = count_names(text, forms, numbers.CASE_ENDINGS.get(tgt, ()))
    if tgt in OTHER_SCRIPT:
        for n, k in want.items():
            if got[n] < k:
                got[n] += transliterated(n, text)
    if tgt in UNREADABLE:
        r.unverified_names = [n for n, k in want.items() if got[n] < k]
        want = Counter({n: k for n, k in want.items() if n not in r.unverified_names})
    r.names = (sum(min(got[n], k) for n, k in want.items()), sum(want.values()))
    if r.names[0] < r.names[1]:
        missing = [n for n, k in want.items() if got[n] < k]
        r.missing_names = missing
        r.problems.append(f"names: missing {', '.join(missing[:5])}")

    unknown = [u for u in UNKNOWN_TOKENS if text.count(u) > source_text.count(u)]
    if unknown:
        r.problems.append(f"unknown words: {' '.join(unknown)} in the translation")
    marks = [m for m in ENGINE_MARKS if text.count(m) > source_text.count(m)]
    if marks:
        r.problems.append(f"engine marks: {' '.join(marks)} in the translation")
    if leftover is not None:
        r.leftover_words = leftover(text, source_text)
        if leftovers.too_many(r.leftover_words, text):
            shown = ", ".join(dict.fromkeys(r.leftover_words[:8]))
            r.problems.append(f"words: {len(r.leftover_words)} left untranslated ({shown})")

    ok, total, lost = numbers.check(source_text, src, text, tgt)
    r.numbers = (ok, total)
    r.missing_numbers = lost
    if lost:
        r.problems.append(f"numbers: {', '.join(lost[:5])} changed or missing")

    r.paragraphs = (len(target_paragraphs), len(source_doc))
    if len(target_paragraphs) != len(source_doc) or not all(p.strip() for p in target_paragraphs):
        r.problems.append("paragraphs: count differs or one came back empty")

    src_names = source_byline.names if source_byline else ()
    tgt_names = target_byline.names if target_byline else ()
    r.byline = src_names == tgt_names and (
        (source_byline.outlet if source_byline else "")
        == (target_byline.outlet if target_byline else "")
    )
    if not r.byline:
        r.problems.append(f"byline: {target_byline} does not name {source_byline}")
    return r
