"""The last run's record: replayed when nothing that run depended on has changed.

A run that finds nothing to do should cost what it takes to see that, not what the
archive costs: at 5,000 articles, per-article fingerprints, the pipeline's imports and the
desk index took a second. So a run ends by recording what its outcome depended on: a key
(the run's settings, engines and code, :meth:`Store.generation`, which SQLite triggers
bump on every write that matters, from any command), and the modification time and size
of every article file, every review file, every review folder (a page deleted from one)
and the output folders. The next run stats exactly those files; if all are as recorded,
its outcome is the recorded one, and nothing is read, translated or written. Anything
different, missing or unreadable, and it is a full run (which re-checks per article).

An editor's edit changes a review file's stamp, so it is never replayed over. A run
with a failed language records nothing: the next one tries again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from syndicate.store import Store

VERSION = 1  # of the record's layout: another layout is simply not replayed
RECORD, RESULTS = "last_run", "last_run_results"  # keys in the state's meta table


def _stamps(paths: Iterable[str]) -> tuple[list[list], list[str]]:
    """[path, mtime_ns, size] of each path that exists, and the paths that do not."""
    stamps, absent = [], []
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            absent.append(path)
            continue
        stamps.append([path, st.st_mtime_ns, st.st_size])
    return stamps, absent


def _review_files(folder: str) -> list[str]:
    """The review folder's .md files: the editor's and ours."""
    try:
        with os.scandir(folder) as entries:
            return sorted(os.path.join(folder, e.name) for e in entries if e.name.endswith(".md"))
    except OSError:
        return []


@dataclass
class LastRun:
    key: str
    paths: list[str]  # the article files, in run order
    stamps: list[list]  # [path, mtime_ns, size]: articles, review folders and files, outputs
    absent: list[str]  # what did not exist (the folder of an article that could not be read)
    summary: dict  # the run's summary without its articles
    quiet: list[str]  # what `run -q` printed (errors and held translations)

    def matches(self, key: str, paths: list[str]) -> bool:
        """Every file as recorded: the same key, articles, review files and folders."""
        if key != self.key or paths != self.paths:
            return False
        stat = os.stat
        try:
            for path, mtime, size in self.stamps:
                st = stat(path)
                if st.st_mtime_ns != mtime or st.st_size != size:
                    return False
        except OSError:
            return False
        return not any(os.path.lexists(path) for path in self.absent)


def load(store: Store) -> LastRun | None:
    try:
        data = json.loads(store.meta(RECORD) or "null")
        return LastRun(**data["run"]) if data and data.get("version") == VERSION else None
    except (ValueError, TypeError, KeyError):
        return None  # damaged or another layout: a full run


def results(store: Store) -> list[dict]:
    """The recorded run's outcomes, as `run --json` lists them (parsed only when shown)."""
    return json.loads(store.meta(RESULTS) or "[]")


def save(
    store: Store,
    key: str,
    articles: list[tuple[Path, Path]],
    outputs: Iterable[Path],
    summary: dict,
    quiet: list[str],
) -> None:
    """Record the run that just ended; ``articles``: (file, review folder) in run order,
    ``outputs``: the folders feeds and the desk are written to. Call it last: every file
    it stamps must be as the run leaves it."""
    watched = [str(f) for f, _ in articles] + [str(d) for d in outputs]
    for _, folder in articles:
        watched += [str(folder), *_review_files(str(folder))]
    stamps, absent = _stamps(watched)
    run = LastRun(
        key=key,
        paths=[str(f) for f, _ in articles],
        stamps=stamps,
        absent=absent,
        summary={k: v for k, v in summary.items() if k != "articles"},
        quiet=quiet,
    )
    store.put_meta(
        {
            RECORD: json.dumps({"version": VERSION, "run": run.__dict__}, ensure_ascii=False),
            RESULTS: json.dumps(summary["articles"], ensure_ascii=False),
        }
    )


def forget(store: Store) -> None:
    store.put_meta({RECORD: None, RESULTS: None})
