"""What one route protects and accepts for an article's names and dates: the plan the
names kind prepares, restores and checks by (made by ``Pipeline.plan``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from syndicate.keep import protect


@dataclass
class NamePlan:
    """For one article and route: what is protected, and the forms each checked name may
    take in the target: itself, its CLDR exonym or glossary translation, and for a name
    the engine reads as one proper noun, its dictionary's rendering of that whole name.
    Never the engine's translation of a name's words: that would certify its mistakes."""

    protector: protect.Protector
    forms: dict[str, set[str]]
    left: tuple[str, ...] = ()  # proper nouns the engine handles: their capital restored
    dates: tuple[str, ...] = ()  # dates as written in the source, checked by their month
    rewrites: dict[str, str] = field(default_factory=dict)  # text the engine would break
    own: dict[str, str] = field(default_factory=dict)  # a whole-name dictionary rendering
    women: tuple[str, ...] = ()  # titled names of women: the title agrees (agreement.py)
    lowered: frozenset[str] = frozenset()  # words the pair lacks, lower-cased for backoff
    dotted: frozenset[str] = frozenset()  # British "Mr", "Dr" the engine gets with a period
    # names the engine gets as ordinary words ("lifts Spurs to fourth"): no check can
    # verify what it makes of them, so the report lists those that did not come back
    as_words: tuple[str, ...] = ()
