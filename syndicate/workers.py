"""Articles translated in worker processes (``--jobs N``), one writer to the state.

Each worker has engines of its own (Apertium pipelines, started on first use) and reads
the state without writing it (:class:`~syndicate.state.store.StoreReader`): it reads an
article, detects, translates, checks, and applies the editor's decisions, as the run
would. What it would have written (translation memory, detections) comes back with the
result, and the run, the only writer, applies it and writes the review files and feed
items in the order of the articles, so the outputs are those of ``--jobs 1``.

Workers are forked when the run starts, before it has started an engine, so they
inherit its settings and engine classes. A neural engine is not run here: it gains from
one batch for the whole run and uses the cores itself (CTranslate2 threads).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from syndicate.desk import review
from syndicate.keep.protect import Glossary
from syndicate.pipeline import ArticleResult, Options, Pipeline
from syndicate.state.store import StoreReader


@dataclass
class Setup:
    """What a worker needs to build its own pipeline."""

    engines: list[str] | None
    timeout: float | None
    state: Path
    glossary: Glossary
    options: Options
    translations: Path
    lock_fd: int = -1  # the run's lock on the state: a worker must not keep it alive


_worker: tuple[Pipeline, Setup] | None = None


def _start(setup: Setup) -> None:
    global _worker
    from syndicate.engines import available_engines

    if setup.lock_fd >= 0:  # a worker outliving a killed run must not hold its lock
        with contextlib.suppress(OSError):
            os.close(setup.lock_fd)
    store = StoreReader(setup.state)
    engines = available_engines(setup.engines, setup.timeout, 1)
    _worker = (Pipeline(engines, store, setup.glossary), setup)


def _strip(result: ArticleResult) -> ArticleResult:
    """Without the closures a result carries for the editor's check (not picklable, and
    used here already)."""
    for t in result.targets:
        t.checker = None
        if t.machine is not None:
            t.machine.checker = None
    return result


def _work(path: Path) -> tuple[ArticleResult, list[tuple]]:
    assert _worker is not None
    pipeline, setup = _worker
    result = pipeline.process(path, setup.options)
    review.apply_editor_decisions(
        result, setup.translations, setup.options.republish_stale, pipeline.store
    )
    return _strip(result), pipeline.store.take()


class Pool:
    """``jobs`` worker processes translating articles; results in the order given."""

    decides = True  # a worker applies the editor's decisions (it reads the review folder)

    def __init__(self, jobs: int, setup: Setup) -> None:
        ctx = multiprocessing.get_context("fork")
        self._pool = ctx.Pool(jobs, initializer=_start, initargs=(setup,))

    def results(self, paths: list[Path]) -> Iterator[tuple[ArticleResult, list[tuple]]]:
        return self._pool.imap(_work, paths, chunksize=1)

    def close(self) -> None:
        self._pool.close()
        self._pool.join()

    def terminate(self) -> None:
        self._pool.terminate()
        self._pool.join()
