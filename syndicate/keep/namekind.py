"""The kind that keeps names: people, places, organisations, glossary terms, and the
literals every article protects (URLs, e-mail addresses, @handles, #hashtags).

Where each step's work lives: finding names and the policy of which ones a route's
engine would break, :mod:`syndicate.keep.names`; the forms a name may take in the
target, :mod:`syndicate.keep.exonyms` and ``Pipeline.plan``; the placeholders that carry
a protected name through the engine, :mod:`syndicate.keep.protect`; a title agreeing
with a woman's name, :mod:`syndicate.keep.agreement`. The check here counts a name only
verbatim or in an accepted form, never as the engine's translation of its words.
"""

from __future__ import annotations

import re
from collections import Counter

import regex

from syndicate.keep import agreement, names, numbers, protect, titles
from syndicate.keep.kind import Compared, Finding, Job, Kind, Report
from syndicate.keep.protect import Protected
from syndicate.text import patterns


def recapitalize(text: str, forms: set[str]) -> str:
    """Give proper nouns the engine lowercased their capital back ("e israel" -> "e Israel")."""
    cased = {f.lower(): f for f in forms if f[:1].isupper() and f.lower() != f}
    if not cased:
        return text
    return patterns.substitute(cased, text, cased.__getitem__)


# Targets in another script: a name comes back transliterated ("Трамп", "Τραμπ") and is
# found by its Latin reading (anyascii), fuzzily. In Chinese, Japanese, Korean or Thai a
# reading cannot be compared with the source spelling: those names are reported
# unverified, neither found nor missing.
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


def _rewrite(text: str, rewrites: dict[str, str]) -> str:
    alts = "|".join(re.escape(k) for k in sorted(rewrites, key=len, reverse=True))
    return re.sub(rf"(?<![\w-])(?:{alts})(?![\w-])", lambda m: rewrites[m.group(0)], text)


class NameKind(Kind):
    name = "names"

    def find(self, f: Finding) -> names.Names:
        terms = [*f.glossary.keep, *{t for fs in f.glossary.forced.values() for t in fs}]
        found = names.find(f.paragraphs, f.authors, terms, f.src)
        closed: frozenset[str] = frozenset()
        if found.openers and f.analyse is not None:
            # "Although Chile": the analyser says "Although" opens a sentence
            closed = names.closed_openers(found, f.analyse(sorted(found.openers)))
        whole: frozenset[str] = frozenset()
        if found.title_runs:
            runs = sorted(found.title_runs)
            whole = whole.union(*(names.proper_runs(analyse(runs)) for analyse in f.every))
        if closed or whole:  # "Premier League": one proper noun, no title before a name
            found = names.find(f.paragraphs, f.authors, terms, f.src, closed, whole)
        if found.initials and f.lexicon is not None and f.lexicon.knows(f.src):
            # "Diplomats", a word one of the language's analysers knows, is for backoff to
            # translate: only a name or a word none knows is protected (names.to_protect)
            tags = f.lexicon.tags(sorted(found.initials), f.src)
            found.initials = {w for w in found.initials if not tags[w] or "np" in tags[w]}
        return found

    def prepare(self, u: Protected, job: Job) -> None:
        plan = job.plan
        if plan.dotted:  # "Mr Costello": "Mr. Costello", as the pair knows it
            u.text = titles.dotted(u.text, plan.dotted)
        if plan.rewrites:  # compounds the engine would break ("Indus-Sarasvati")
            u.text = _rewrite(u.text, plan.rewrites)
        if not job.placeholders:
            return
        g = plan.protector.protect(u.text, job.tgt)
        u.text = titles.lower_titles(g.text, job.src, job.tgt)  # after: a title inside a name stays
        u.text = names.lower_words(u.text, plan.lowered)
        u.restore_map.update(g.restore_map)
        u.lower_after |= g.lower_after
        u.glued |= g.glued

    def restore(self, text: str, u: Protected, job: Job) -> str:
        # every placeholder of the unit comes back here, whichever kind made it
        text = protect.restore(text, u, job.tgt)
        plan = job.plan
        return recapitalize(text, {f for n in plan.left for f in plan.forms[n]})

    def finish(self, blocks: list[str], job: Job) -> list[str]:
        if not job.plan.women:
            return blocks
        # "Gobernador Ann Cole" -> "Gobernadora Ann Cole"
        return [agreement.agree(x, list(job.plan.women), job.hops[-1]) for x in blocks]

    def check(self, c: Compared, report: Report) -> None:
        want = count_names(c.source_text, {n: {n} for n in c.forms})
        got = count_names(c.text, c.forms, numbers.CASE_ENDINGS.get(c.tgt, ()))
        if c.tgt in OTHER_SCRIPT:
            for n, k in want.items():
                if got[n] < k:
                    got[n] += transliterated(n, c.text)
        if c.tgt in UNREADABLE:
            report.unverified_names = [n for n, k in want.items() if got[n] < k]
            want = Counter({n: k for n, k in want.items() if n not in report.unverified_names})
        if c.as_words:  # listed, not held: a description is translated by design
            asked = count_names(c.source_text, {n: {n} for n in c.as_words})
            kept = count_names(c.text, {n: {n} for n in asked})
            report.translated_names = [n for n, k in asked.items() if kept[n] < k]
        report.names = (sum(min(got[n], k) for n, k in want.items()), sum(want.values()))
        if report.names[0] < report.names[1]:
            missing = [n for n, k in want.items() if got[n] < k]
            report.missing_names = missing
            report.problems.append(f"names: missing {', '.join(missing[:5])}")


KIND = NameKind()
