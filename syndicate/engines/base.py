"""The interface every engine implements, and the error it raises (a module of its own,
so the engines import it without importing the routing that imports them)."""

from __future__ import annotations

from typing import ClassVar, Protocol


class EngineError(Exception):
    """An engine failed for one article-language; the message is one line for a human."""


class Engine(Protocol):
    name: ClassVar[str]
    # How names are kept: "placeholder" (swapped for letters-only tokens, for rule-based
    # engines) or "verify" (sent as they are, checked after, the segment split around a
    # lost name and translated again: neural engines garble placeholders).
    protection: ClassVar[str]
    # The engine drops English possessives on names ("Israel's right" -> "Israel derecho").
    drops_possessives: ClassVar[bool]

    def pairs(self) -> set[tuple[str, str]]: ...

    def version(self, src: str, tgt: str) -> str: ...

    def translate(self, segments: list[str], src: str, tgt: str) -> list[str]: ...
