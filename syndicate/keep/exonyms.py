"""Conventional names of countries and languages in other languages, from CLDR (Babel).

A neural engine may write "Estados Unidos" for "United States" or "Irán" for "Iran":
that is the name, correctly translated, and the check accepts it.
"""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError


def _locales(src: str, tgt: str) -> tuple[Locale, Locale] | None:
    try:
        return Locale.parse(src), Locale.parse(tgt)
    except (UnknownLocaleError, ValueError):
        return None


@cache
def _table(src: str, tgt: str) -> dict[str, set[str]]:
    if not (pair := _locales(src, tgt)):
        return {}
    a, b = pair
    table: dict[str, set[str]] = {}
    for source, target in ((a.territories, b.territories), (a.languages, b.languages)):
        for code, name in source.items():
            if code in target and target[code] != name:
                table.setdefault(name, set()).add(target[code])
    return table


def forms(name: str, src: str, tgt: str) -> set[str]:
    """The CLDR names in ``tgt`` of the country or language ``src`` calls ``name``."""
    return _table(src, tgt).get(name, set())


@cache
def _languages(src: str, tgt: str) -> dict[str, str]:
    if not (pair := _locales(src, tgt)):
        return {}
    a, b = pair
    return {name: b.languages[code] for code, name in a.languages.items() if code in b.languages}


def language(name: str, src: str, tgt: str) -> str | None:
    """CLDR's ``tgt`` name of the language ``src`` calls ``name`` ("Armenian" -> es
    "armenio"): in the Romance languages also the adjective of the people."""
    return _languages(src, tgt).get(name)


@cache
def _territories(src: str, tgt: str) -> dict[str, list[str]]:
    """Each country ``src`` names, and its names in ``tgt``: the language's own first,
    then its regions' (pt: "Irã", then pt_PT's "Irão")."""
    from babel.localedata import locale_identifiers

    try:
        a = Locale.parse(src)
        variants = [Locale.parse(tgt)] + [
            Locale.parse(x) for x in sorted(locale_identifiers()) if x.startswith(f"{tgt}_")
        ]
    except (UnknownLocaleError, ValueError):
        return {}
    table: dict[str, list[str]] = {}
    for code, name in a.territories.items():
        names = [v.territories[code] for v in variants if code in v.territories]
        if names:
            table[name] = list(dict.fromkeys(names))
    return table


def territory(name: str, src: str, tgt: str) -> list[str]:
    """The CLDR names in ``tgt`` (and its regional variants) of the country or region
    ``src`` calls ``name``, the language's own first, even when spelt as in ``src``
    ("Kenya" in French): an engine's other rendering ("Kènia", the Catalan a pivot
    passed on) is then not an established one."""
    return _territories(src, tgt).get(name, [])
