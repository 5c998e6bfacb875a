"""Which capitalized runs human translators keep verbatim: the evidence behind
``names.to_protect``.

Not a test: run `python bench/names_policy.py [FLORES folder]`. The English sentences are
packed 24 to an article (as bench/quality.py does); every name :func:`names.find`
finds is classed by how the en->es analysers read its units (P a person, N another
proper noun, U unknown, W an ordinary word, a: can be an adjective; 1: one unit, M: several;
HEAD: a descriptive head noun; EXO: a CLDR exonym), and each occurrence counts as kept
when the human reference line of a target holds it verbatim. Prints, per class, kept / all
over every target.
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from syndicate.engines.apertium import ApertiumEngine  # noqa: E402
from syndicate.keep import exonyms, names  # noqa: E402

TARGETS = ("es", "ca", "gl", "fr", "pt", "it")


def signature(units: list[names.Unit]) -> str:
    marks = []
    for u in units:
        k = u.kinds
        s = (
            "P"
            if names.PERSON in k
            else "N"
            if names.PROPER in k
            else "U"
            if names.UNKNOWN in k
            else "W"
        )
        s += "a" if "adj" in k else ""
        marks.append(s)
    body = "+".join(marks) if len(marks) < 3 else f"{marks[0]}+..+{marks[-1]}"
    return ("1:" if len(units) == 1 else "M:") + body


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "flores-dev"
    if not (folder / "en.txt").exists():
        print(f"no {folder / 'en.txt'}: pass a FLORES-style folder", file=sys.stderr)
        return 2
    src = (folder / "en.txt").read_text(encoding="utf-8").splitlines()
    refs = {t: (folder / f"{t}.txt").read_text(encoding="utf-8").splitlines() for t in TARGETS}
    engine = ApertiumEngine()
    kept: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    for start in range(0, len(src), 24):
        paras = src[start : start + 24]
        found = names.find(paras, (), [], "en")
        readings = engine.analyse([*found.all, *found.words_before()], "en", "es")
        for name in found.all:
            units = readings.get(name)
            if not units:
                continue
            cls = signature(units)
            cls += " HEAD" if " " in name and name.split()[-1] in names.HEAD_NOUNS else ""
            for t in TARGETS:
                c = cls + (" EXO" if exonyms.forms(name, "en", t) else "")
                for j in range(start, start + len(paras)):
                    if names.occurs(name, src[j]):
                        kept[c][0] += name in refs[t][j]
                        kept[c][1] += 1
    engine.close()
    print(f"{'class':<24} {'kept/all':>12}  share kept by the references")
    for c, (k, n) in sorted(kept.items(), key=lambda x: -x[1][1]):
        if n >= 12:
            print(f"{c:<24} {k:>5}/{n:<6} {100 * k / n:5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
