"""Translation engines behind one small interface, and the routing between them.

An engine offers ``pairs()`` (the language pairs it translates directly) and
``translate(segments, src, tgt)`` (one call for many segments, same count back).
The pipeline knows nothing else of an engine: it asks :func:`route` for a chain of hops
and runs it. Where an engine plugs in: add a module here and a line to ``ENGINES``.

Here too: ``base`` (the interface), ``apertium`` and ``argos`` (the engines), ``backoff``
and ``repairs`` (Apertium's unknown words through other pairs, and its known slips),
``readings`` and ``lexicon`` (how an analyser reads a word; which words a language has),
``models`` (Argos package management).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from syndicate.engines.base import Engine, EngineError

__all__ = ["ENGINES", "Engine", "EngineError", "Route", "available_engines", "route"]


@dataclass(frozen=True)
class Route:
    """How one target is reached: an engine and its hops, e.g. en->es, es->fr."""

    engine: Engine
    hops: tuple[tuple[str, str], ...]

    @property
    def chain(self) -> str:
        return "->".join([self.hops[0][0], *[t for _, t in self.hops]])

    @property
    def label(self) -> str:
        return f"{self.engine.name}:{self.chain}"


def shortest_chain(pairs: set[tuple[str, str]], src: str, tgt: str) -> tuple | None:
    """Fewest hops from src to tgt over the pairs (breadth first); ties go by sorted order."""
    if src == tgt:
        return None
    prev: dict[str, str] = {src: src}
    queue = deque([src])
    graph: dict[str, list[str]] = {}
    for a, b in sorted(pairs):
        graph.setdefault(a, []).append(b)
    while queue:
        lang = queue.popleft()
        for nxt in graph.get(lang, []):
            if nxt not in prev:
                prev[nxt] = lang
                if nxt == tgt:
                    hops = []
                    while nxt != src:
                        hops.append((prev[nxt], nxt))
                        nxt = prev[nxt]
                    return tuple(reversed(hops))
                queue.append(nxt)
    return None


def _apertium(timeout: float | None = None) -> Engine:
    from syndicate.engines.apertium import ApertiumEngine

    return ApertiumEngine(timeout=timeout)


def _argos(timeout: float | None = None) -> Engine:
    from syndicate.engines.argos import ArgosEngine

    return ArgosEngine(timeout=timeout)


# In order of preference when no engine is forced: neural first where a package exists.
ENGINES: dict[str, Callable[..., Engine]] = {"argos": _argos, "apertium": _apertium}


def available_engines(
    names: list[str] | None = None, timeout: float | None = None, jobs: int = 1
) -> list[Engine]:
    """Engine instances by name (all, in preference order, by default), each told how
    many cores it may use (``set_jobs``, for an engine that can)."""
    engines = [ENGINES[n](timeout=timeout) for n in (names or list(ENGINES))]
    for e in engines:
        if set_jobs := getattr(e, "set_jobs", None):
            set_jobs(jobs)
    return engines


def route(engines: list[Engine], src: str, tgt: str) -> Route:
    """The route for src->tgt: the first engine, in preference order, that has a chain;
    within an engine, the chain it prefers (``preferred_chain``, where it measured a
    pivot better than the direct pair), else the fewest hops (direct before pivot)."""
    found: list[Route] = []
    for engine in engines:
        prefer = getattr(engine, "preferred_chain", None)
        hops = (prefer(src, tgt) if prefer else None) or shortest_chain(engine.pairs(), src, tgt)
        if hops:
            found.append(Route(engine, hops))
    if not found:
        offered = sorted({f"{a}->{b}" for e in engines for a, b in e.pairs()})
        raise EngineError(
            f"no engine translates {src}->{tgt} (installed: {', '.join(offered) or 'none'})"
        )
    return found[0]
