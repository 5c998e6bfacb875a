"""Conventional names of countries and languages in other languages, from CLDR (Babel).

A neural engine may write "Estados Unidos" for "United States" or "Irán" for "Iran":
that is the name, correctly translated, and the check accepts it.
"""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError


@cache
def _table(src: str, tgt: str) -> dict[str, set[str]]:
    try:
        a, b = Locale.parse(src), Locale.parse(tgt)
    except (UnknownLocaleError, ValueError):
        return {}
    table: dict[str, set[str]] = {}
    for source, target in ((a.territories, b.territories), (a.languages, b.languages)):
        for code, name in source.items():
            if code in target and target[code] != name:
                table.setdefault(name, set()).add(target[code])
    return table


def forms(name: str, src: str, tgt: str) -> set[str]:
    """The CLDR names in ``tgt`` of the country or language ``src`` calls ``name``."""
    return _table(src, tgt).get(name, set())
