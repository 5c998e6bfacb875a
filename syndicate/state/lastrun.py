"""The last run's record: what a run's outcome depended on, so the next run can tell,
from stats alone, which articles stand as that run left them.

A run at 5,000 articles that finds nothing to do should cost what it takes to see
that: per-article fingerprints, the pipeline's imports and the desk index took a second.
So a run ends by recording a key (the run's settings, engines and code, and
:meth:`Store.generation`, which SQLite triggers bump on every write that matters, from
any command) and, per article, the modification time and size of its file, its review
folder (a page deleted from it) and each review file; and of the output folders. The
next run with the same key

- replays the whole run when every one of those is as recorded (:meth:`LastRun.matches`):
  nothing is read, translated or written, not even imported;
- otherwise takes the recorded outcome of each article that stands as recorded
  (:meth:`LastRun.standing`) and processes the others.

Stamps are taken when the run observed the files: an article's review files right
after it wrote them (or when it found them as recorded), its folder at the end, after
the desk. An edit made while the run works is seen by the next run. A run with a
failed language records nothing: the next one tries again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from syndicate.state.store import Store

VERSION = 2  # of the record's layout: another layout is simply not replayed
RECORD, RESULTS = "last_run", "last_run_results"  # keys in the state's meta table

Stamp = list  # [path, mtime_ns, size], or [path, None, None]: it did not exist


def stamps(paths: Iterable[str]) -> list[Stamp]:
    out = []
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            out.append([path, None, None])
            continue
        out.append([path, st.st_mtime_ns, st.st_size])
    return out


def same(recorded: list[Stamp]) -> bool:
    """Every path as recorded: the same time and size, or still missing."""
    stat = os.stat
    for path, mtime, size in recorded:
        try:
            st = stat(path)
        except OSError:
            if mtime is not None:
                return False
            continue
        if st.st_mtime_ns != mtime or st.st_size != size:
            return False
    return True


def review_files(folder: Path) -> list[str]:
    """The review folder's .md files, the editor's and ours, to stamp."""
    try:
        with os.scandir(folder) as entries:
            return sorted(os.path.join(folder, e.name) for e in entries if e.name.endswith(".md"))
    except OSError:
        return []


@dataclass
class LastRun:
    key: str
    order: list[str]  # the article files, in run order
    articles: dict[str, list[Stamp]]  # file -> its stamps (file, review files, folder)
    outputs: list[Stamp]  # the folders the feeds and the desk are written to
    summary: dict  # the run's summary without its articles
    quiet: list[str]  # what `run -q` printed (errors and held translations)

    def matches(self, key: str, files: list[str]) -> bool:
        """The whole run stands: the same key and articles, every file as recorded."""
        if key != self.key or files != self.order:
            return False
        return all(same(s) for s in self.articles.values()) and same(self.outputs)

    def standing(self, key: str, files: list[str]) -> dict[str, list[Stamp]]:
        """The articles among ``files`` whose every file stands as recorded (none when
        the key differs), with their stamps."""
        if key != self.key:
            return {}
        return {f: s for f in files if (s := self.articles.get(f)) is not None and same(s)}


def load(store: Store) -> LastRun | None:
    try:
        data = json.loads(store.meta(RECORD) or "null")
        return LastRun(**data["run"]) if data and data.get("version") == VERSION else None
    except (ValueError, TypeError, KeyError):
        return None  # damaged or another layout: a full run


def results(store: Store) -> dict[str, dict]:
    """The recorded run's outcomes by article file, as `run --json` lists them."""
    return {r["file"]: r for r in json.loads(store.meta(RESULTS) or "[]")}


def save(
    store: Store,
    key: str,
    articles: dict[str, list[Stamp]],
    outputs: Iterable[Path],
    summary: dict,
    quiet: list[str],
) -> None:
    """Record the run that just ended: ``articles``, in run order, with the stamps taken
    when the run last saw each one's files. Call it last."""
    run = {
        "key": key,
        "order": list(articles),
        "articles": articles,
        "outputs": stamps(str(d) for d in outputs),
        "summary": {k: v for k, v in summary.items() if k != "articles"},
        "quiet": quiet,
    }
    store.put_meta(
        {
            RECORD: json.dumps({"version": VERSION, "run": run}, ensure_ascii=False),
            RESULTS: json.dumps(summary["articles"], ensure_ascii=False),
        }
    )


def forget(store: Store) -> None:
    store.put_meta({RECORD: None, RESULTS: None})
