"""Articles translated on a Dask cluster (``--cluster tcp://HOST:8786``), one writer.

As with ``--jobs`` (:mod:`syndicate.workers`) the run stays the only writer of the state,
the review files and the feeds, in the order of the articles, so the outputs are those of
``--jobs 1``. Unlike ``--jobs``, a cluster worker shares nothing with the run but the Dask
connection: a task carries the article's bytes, name and time, its correction, the
options and the glossary; the worker translates with engines it started once per
process (kept for every task) and a store in memory, and sends back the result and the
writes the run applies (translation memory, detections). The editor's decisions are the
run's to apply: it has the review folder.

Before any work the run asks each worker what it has (engines, pairs and their data
versions, the code). A worker that differs gets no work, with a line saying why: its
translations would differ from this machine's and poison the translation memory. Dask
gives a killed worker's tasks to another one (its nanny restarts it under the same
name, which keeps it allowed); the run waits for each article in order, so every item
is published once.

Workers: ``syndicate worker tcp://HOST:8786`` (Dask's worker, one thread per process,
with :func:`dask_setup` preloaded), on machines set up with the same ``make setup``.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from syndicate.check.results import ArticleResult
from syndicate.config import Options
from syndicate.engines import Engine, available_engines
from syndicate.keep.protect import Glossary
from syndicate.pipeline import Pipeline
from syndicate.safety import printable
from syndicate.sources.articles import MAX_BYTES
from syndicate.state.fsutil import read_inside

CONNECT_TIMEOUT = 10.0  # seconds to reach the scheduler
WORKERS_TIMEOUT = 30.0  # seconds to wait for a first worker
LOST_AFTER = 60.0  # seconds without the scheduler before the run gives up


class ClusterError(Exception):
    """One line for the user; ``code`` 2 when the run never started (a usage error)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Setup:
    """What every task of a run shares: the worker builds its pipeline from it."""

    engines: list[str] | None
    timeout: float | None
    glossary: Glossary
    options: Options
    expected: dict  # the run's :func:`describe`: a worker that differs refuses the task
    corrections: dict[str, str]  # slug -> the correction note (`syndicate correct`)


@dataclass(frozen=True)
class Task:
    """One article, as the worker needs it: no path of the run's is read there."""

    path: str  # the run's, given back in the result
    data: bytes
    mtime: float  # an article without a date is dated by its file's time


# --- the worker's side ------------------------------------------------------------------

_engines: dict[tuple, list[Engine]] = {}
_described: dict[tuple, dict] = {}
# What this process translated, for its next tasks (as a --jobs worker keeps it):
# names and words recur between articles. Bounded; the run has every entry anyway.
_memory: dict[tuple, dict[str, str]] = {}
MEMORY_ENTRIES = 200_000
_lock = threading.Lock()  # engines are not shared by threads: one task at a time


def _engines_for(names: list[str] | None, timeout: float | None) -> list[Engine]:
    """This process's engines for these settings, started once and kept."""
    key = (tuple(names) if names else None, timeout)
    if key not in _engines:
        _engines[key] = available_engines(names, timeout, 1)
    return _engines[key]


@cache
def code_version() -> str:
    """The package's code by content (not by file times, which differ between machines)."""
    here = Path(__file__).parent
    h = hashlib.sha256()
    for p in sorted(here.rglob("*.py")):
        h.update(str(p.relative_to(here)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:16]


def describe(names: list[str] | None = None, timeout: float | None = None) -> dict:
    """What translations from here depend on: the code, and each engine's pairs with
    their data versions (Apertium's include the backoff pairs and the analysers)."""
    key = (tuple(names) if names else None, timeout)
    with _lock:
        if key not in _described:  # the engines' data is read once, as they are started
            _described[key] = described(_engines_for(names, timeout))
        return _described[key]


def described(engines: list[Engine]) -> dict:
    """:func:`describe` for engines at hand (the run's own)."""
    return {
        "code": code_version(),
        "engines": {
            e.name: {f"{a}-{b}": e.version(a, b) for a, b in sorted(e.pairs())} for e in engines
        },
    }


def difference(theirs: dict, ours: dict) -> str | None:
    """Why a worker's translations would not be this machine's, in a few words."""
    if theirs.get("code") != ours["code"]:
        return "it runs other syndicate code; install this version there"
    for name, pairs in ours["engines"].items():
        have = theirs.get("engines", {}).get(name, {})
        if missing := [p for p in pairs if p not in have]:
            return f"it lacks {name} {', '.join(missing[:3])}; run `make setup` there"
        if other := [p for p in pairs if have[p] != pairs[p]]:
            return (
                f"its {name} {', '.join(other[:3])} data differ from this machine's;"
                " install the same package versions"
            )
        if extra := [p for p in have if p not in pairs]:
            return f"it has {name} {', '.join(extra[:3])} too, which changes routes and checks"
    return None


def translate(setup: Setup, task: Task) -> tuple[ArticleResult, list[tuple]]:
    """Run on a worker: one article read, detected, translated and checked; the result
    and the store writes the run makes."""
    if why := difference(describe(setup.engines, setup.timeout), setup.expected):
        raise Refused(why)
    engines = _engines_for(setup.engines, setup.timeout)
    if sum(map(len, _memory.values())) > MEMORY_ENTRIES:
        _memory.clear()
    store = TaskStore(setup.corrections, _memory)
    with _lock, tempfile.TemporaryDirectory(prefix="syndicate-task-") as d:
        path = Path(d) / Path(task.path).name
        path.write_bytes(task.data)
        os.utime(path, (task.mtime, task.mtime))
        result = Pipeline(engines, store, setup.glossary).process(path, setup.options)
    result.path = Path(task.path)
    for t in result.targets:  # closures do not travel; the run builds its own
        t.checker = None
        if t.machine is not None:
            t.machine.checker = None
    return result, store.pending


class Refused(Exception):
    """A worker whose engines or code are not the run's."""


class TaskStore:
    """The state a pipeline reads and writes, for one task on a worker: the article's
    corrections in, the writes (memory, detections) out for the run to apply."""

    def __init__(self, corrections: dict[str, str], memory: dict | None = None) -> None:
        self._corrections = corrections
        self._tm: dict[tuple, dict[str, str]] = {} if memory is None else memory
        self.pending: list[tuple] = []

    def detection(self, text_hash: str) -> tuple[str, float] | None:
        return None  # langdetect is seeded here: the same text gives the run's answer

    def put_detection(self, text_hash: str, lang: str, confidence: float) -> None:
        self.pending.append(("detection", text_hash, lang, confidence))

    def correction(self, slug: str) -> str | None:
        return self._corrections.get(slug)

    def tm_get(self, engine: str, version: str, src: str, tgt: str, texts) -> dict:
        mine = self._tm.get((engine, version, src, tgt), {})
        return {t: mine[t] for t in texts if t in mine}

    def tm_put(self, engine: str, version: str, src: str, tgt: str, pairs: dict) -> None:
        self._tm.setdefault((engine, version, src, tgt), {}).update(pairs)
        self.pending.append(("tm", engine, version, src, tgt, dict(pairs)))


def dask_setup(worker: object) -> None:
    """Dask's preload hook (``dask worker --preload syndicate.cluster``): start the
    default engines before the first task."""
    describe()


# --- the run's side ---------------------------------------------------------------------


def _quiet_dask() -> None:
    """Dask logs its faults with tracebacks; the run says each in one line of its own."""
    quiet = ("distributed", "dask", "tornado", "asyncio")
    for name in [*quiet, *logging.root.manager.loggerDict]:
        if name.split(".")[0] in quiet:
            logging.getLogger(name).setLevel(logging.CRITICAL + 1)


def _reachable(address: str) -> None:
    """Fail at once on a port nobody listens on (Dask would retry for its timeout)."""
    scheme, _, rest = address.rpartition("://")
    if scheme not in ("", "tcp"):
        return
    host, _, port = rest.rpartition(":")
    with socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_TIMEOUT):
        pass


class Cluster:
    """The run's view of a Dask cluster: the workers fit for this run, and the articles'
    results in the order given (as :class:`syndicate.workers.Pool`)."""

    decides = False  # the editor's decisions are the run's: it has the review folder

    def __init__(
        self,
        address: str,
        setup: Setup,
        note: Callable[[str], None],
    ) -> None:
        self.address = address
        self.setup = setup
        from distributed import Client

        _quiet_dask()  # after the import: it sets its loggers' levels
        try:
            _reachable(address)
            self.client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as e:
            why = (e.strerror if isinstance(e, OSError) else None) or str(e).split("\n")[0]
            why = why[:120]
            raise ClusterError(
                f"cannot reach the cluster at {address} ({why}); start its scheduler, or run"
                " without --cluster to translate here",
                code=2,
            ) from None
        try:
            self.workers = self._fit(note)
        except BaseException:
            self.close()
            raise

    def _fit(self, note: Callable[[str], None]) -> list[str]:
        """The names of the workers whose translations are this machine's."""
        try:
            self.client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
            found = self.client.run(describe, self.setup.engines, self.setup.timeout)
        except (OSError, TimeoutError) as e:
            raise ClusterError(
                f"the cluster at {self.address} has no worker ({e.__class__.__name__}); start"
                f" one with `syndicate worker {self.address}`"
            ) from None
        names = {
            addr: w.get("name", addr) for addr, w in self.client.scheduler_info()["workers"].items()
        }
        fit = []
        for addr, theirs in sorted(found.items()):
            if why := difference(theirs, self.setup.expected):
                note(f"worker {addr} gets no work: {why}")
            else:
                fit.append(str(names.get(addr, addr)))
        if not fit:
            raise ClusterError(
                f"no worker of the cluster at {self.address} has this machine's engines and"
                " code; set them up alike (make setup) or run without --cluster"
            )
        return fit

    def results(self, paths: list[Path]) -> Iterator[tuple[ArticleResult, list[tuple]]]:
        futures = [self._submit(p) for p in paths]
        for i, path in enumerate(paths):
            future, futures[i] = futures[i], None  # a result gathered is released
            if isinstance(future, ArticleResult):
                yield future, []
            else:
                yield self._wait(path, future)

    def _submit(self, path: Path):
        try:
            data = read_inside(path, MAX_BYTES)
            mtime = path.stat().st_mtime
        except OSError:
            # unreadable here: the pipeline's own reading says why, in its words
            return ArticleResult(path, error=f"{printable(path.name)}: cannot read the file")
        task = Task(str(path), data, mtime)
        return self.client.submit(
            translate,
            self.setup,
            task,
            key=f"syndicate-{hashlib.sha1(data).hexdigest()[:12]}-{path.name[:40]}",
            workers=self.workers,
            allow_other_workers=False,
            pure=False,
        )

    def _wait(self, path: Path, future) -> tuple[ArticleResult, list[tuple]]:
        from distributed import TimeoutError as DaskTimeout

        lost = None
        while True:
            try:
                return future.result(timeout=2)
            except (DaskTimeout, TimeoutError):
                if self.client.status == "running":
                    lost = None
                    continue
                lost = lost or time.monotonic()
                if time.monotonic() - lost > LOST_AFTER:
                    raise self._lost() from None
            except Refused as e:
                return ArticleResult(path, error=f"{printable(path.name)}: {e}"), []
            except OSError:
                raise self._lost() from None
            except Exception as e:  # a worker's fault, or the scheduler gone
                if self.client.status != "running":
                    raise self._lost() from None
                why = str(e).split("\n")[0][:160] or e.__class__.__name__
                error = f"{printable(path.name)}: the cluster could not translate it ({why})"
                return ArticleResult(path, error=error), []

    def _lost(self) -> ClusterError:
        return ClusterError(
            f"lost the cluster at {self.address}; what finished is recorded, the next run"
            " finishes the rest"
        )

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.close(timeout=5)

    terminate = close
