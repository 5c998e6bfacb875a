"""One `syndicate run`: settings, state, pipeline, review files and feeds, in that order.

Each article is handled on its own: a bad file or a failing engine costs that article
(or that language), never the run. The store commits per article, and the feeds are
rebuilt from the store at the end, so earlier items always stay.

A run that finds every file as the last run left it replays that run
(:mod:`syndicate.state.lastrun`); the pipeline, review, feeds and desk modules are imported
only by a run that has something to do.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from syndicate.config import Config, FeedSite, Options, cluster_address
from syndicate.engines import ENGINES, Engine, available_engines
from syndicate.keep.protect import Glossary
from syndicate.sources import partners, syncing
from syndicate.sources.inbox import find_articles, read_slug
from syndicate.sources.partners import Source, is_source, url_problem
from syndicate.state import lastrun
from syndicate.state.fsutil import atomic_write
from syndicate.state.store import LockedError, Store, default_state_dir

if TYPE_CHECKING:
    from syndicate import cluster, workers
    from syndicate.pipeline import ArticleResult, Pipeline

STATUSES = ("published", "approved", "stale", "edited", "held", "retracted", "failed")
PAGE = "index.html"  # an article's desk page, written after its fingerprint (desk.build)
UNFINISHED = "run.unfinished"  # in the state while a run writes; left behind if it is killed
LARGE_ARTICLE = 200_000  # bytes: an article this big takes a while, and the run says so
PREFETCH_WINDOW = 400  # articles translated as one batch per route (see Pipeline.prefetch)


class SetupError(Exception):
    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Job:
    articles_dir: Path | None
    feeds_dir: Path
    translations_dir: Path
    targets: list[str]
    options: Options
    engines: list[Engine]
    glossary: Glossary
    store: Store
    site: FeedSite
    files: list[str]  # the article files, in run order (see :attr:`paths`)
    results: list[dict] = field(default_factory=list)
    feed_files: list[str] = field(default_factory=list)
    prune: bool = False
    orphans: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    whole: bool = True  # the run covers the whole article folder (orphans can be told)
    sources: list[Source] = field(default_factory=list)  # partner feeds, fetched by run_all
    configured: list[Source] = field(default_factory=list)  # syndicate.toml's, for orphans
    source_errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files in the folder not read, why
    # told (path, bytes) before a large article is translated: a line while it works
    on_large: Callable[[Path, int], None] | None = None
    _source_failed: dict[str, str] = field(default_factory=dict)  # error -> source label
    synced: bool = False
    jobs: int = 1
    cluster: str | None = None  # a Dask scheduler's address: translation runs there
    on_note: Callable[[str], None] | None = None  # told what the user should know (workers)
    engine_names: list[str] | None = None
    timeout: float | None = None
    recovering: bool = False  # the last run was killed: its leftovers were swept
    _stamps: dict[str, list] = field(default_factory=dict)  # file -> stamps (see lastrun)
    _standing: dict[str, list] = field(default_factory=dict)  # as recorded, folder too
    _decided: bool = False  # this run's workers applied the editor's decisions
    # The one writer's own time (bench/cluster.py): per article after its translation,
    # and the feeds and desk at the end. Its ceiling on articles per second.
    writer_seconds: float = 0.0
    finish_seconds: float = 0.0

    @classmethod
    def prepare(
        cls,
        *,
        articles: Path | str | list[Path | str] | None = None,
        targets: list[str] | None = None,
        source_lang: str | None = None,
        engine: str | None = None,
        quotes: str = "translate",
        publish_unchecked: bool = False,
        republish_stale: bool = False,
        feeds: Path | None = None,
        translations: Path | None = None,
        state: Path | None = None,
        base_url: str | None = None,
        glossary: Path | None = None,
        config: Path | None = None,
        wait: bool = False,
        timeout: float | None = None,
        on_wait: Callable[[], None] | None = None,
        prune: bool = False,
        jobs: int | None = None,
        cluster: str | None = None,
    ) -> Job:
        try:
            cfg = Config.load(config)
        except ValueError as e:
            raise SetupError(str(e)) from None
        given = [articles] if isinstance(articles, Path | str) else list(articles or [])
        feeds_given = [Source(str(a)) for a in given if is_source(str(a))]
        inputs = [Path(a) for a in given if not is_source(str(a))]
        if not given:
            inputs, feeds_given = [cfg.articles], cfg.sources
        for p in inputs:
            if not p.exists():
                what = "article file or folder" if given else "article folder"
                raise SetupError(f"no {what} {p}; pass one: syndicate run FOLDER|FILE|URL...")
        for src in feeds_given:
            if src.remote and (why := url_problem(src.url)):
                raise SetupError(f"feed {why}; pass a feed's URL as http(s)://HOST/PATH")
            if not src.remote and not Path(src.url).is_file():
                raise SetupError(f"no feed file {src.url}; pass a feed's URL or an XML file")
        # Orphans (published, source gone) can only be told from the whole folder.
        whole = len(inputs) == 1 and inputs[0].is_dir()
        if prune and not whole:
            raise SetupError("--prune needs the whole article folder, not single files")
        skipped: list[str] = []
        files = list(
            dict.fromkeys(
                a for p in inputs for a in (find_articles(p, skipped) if p.is_dir() else [str(p)])
            )
        )
        names = [engine] if engine else cfg.engines
        if names and (unknown := [n for n in names if n not in ENGINES]):
            raise SetupError(f"unknown engine {unknown[0]!r} (choose from {', '.join(ENGINES)})")
        jobs = jobs or cfg.jobs or os.cpu_count() or 1
        address = cluster or os.environ.get("SYNDICATE_CLUSTER") or cfg.cluster
        if address:
            env = os.environ.get("SYNDICATE_CLUSTER")
            where = "--cluster" if cluster else "SYNDICATE_CLUSTER" if env else "cluster"
            try:
                address = cluster_address(address, where)
            except ValueError as e:
                raise SetupError(str(e)) from None
        engines = available_engines(names, timeout or cfg.engine_timeout, jobs)
        if not any(e.pairs() for e in engines):
            raise SetupError(
                "no translation engine is installed; run `make setup` "
                "(or apt-get install apertium apertium-eng-spa)",
                code=1,
            )
        if glossary is not None and not glossary.is_file():
            raise SetupError(f"no glossary {glossary}; pass a TOML file or leave --glossary out")
        tgts = targets or cfg.targets
        known = {lang for e in engines for pair in e.pairs() for lang in pair}
        wanted = tgts + [t for src in feeds_given for t in src.targets or []]
        if unknown := list(dict.fromkeys(t for t in wanted if t not in known)):
            raise SetupError(
                f"no installed engine translates into {', '.join(unknown)}; installed "
                f"languages: {', '.join(sorted(known))} (`syndicate engines` shows routes)"
            )
        sources_from = {a for e in engines for a, _ in e.pairs()}
        if source_lang and source_lang not in sources_from:
            raise SetupError(
                f"--source-lang {source_lang}: no installed engine translates from it; "
                f"it can be one of {', '.join(sorted(sources_from))}"
            )
        try:
            gloss = Glossary.load(glossary or cfg.glossary)
        except ValueError as e:
            raise SetupError(str(e)) from None
        feeds_dir = feeds or cfg.feeds
        translations_dir = translations or cfg.translations
        state_dir = _state_dir(cfg, feeds_dir, state)
        store = _open_store(state_dir, wait, on_wait)
        try:
            _claim_outputs(store, feeds_dir, translations_dir)
        except SetupError:
            store.close()
            raise
        unfinished = state_dir / UNFINISHED
        recovering = unfinished.exists()
        if recovering or not (translations_dir / "index.html").exists():
            _sweep_temp_files(feeds_dir, translations_dir)  # a run was killed: its leftovers
        unfinished.touch()
        site = _site(feeds_dir, base_url or cfg.base_url, cfg)
        return cls(
            articles_dir=inputs[0] if inputs else None,
            feeds_dir=feeds_dir,
            translations_dir=translations_dir,
            targets=tgts,
            options=Options(tgts, source_lang, quotes, publish_unchecked, republish_stale),
            engines=engines,
            glossary=gloss,
            store=store,
            site=site,
            files=files,
            skipped=skipped,
            prune=prune,
            whole=whole,
            sources=feeds_given,
            configured=cfg.sources,
            jobs=jobs,
            cluster=address,
            engine_names=names,
            timeout=timeout or cfg.engine_timeout,
            recovering=recovering,
        )

    def __enter__(self) -> Job:
        return self

    @cached_property
    def paths(self) -> list[Path]:
        """The article files as paths: made only by a run that reads them."""
        return [Path(f) for f in self.files]

    @cached_property
    def pipeline(self) -> Pipeline:
        from syndicate.pipeline import Pipeline

        return Pipeline(self.engines, self.store, self.glossary)

    def __exit__(self, *exc: object) -> None:
        for engine in self.engines:
            if close := getattr(engine, "close", None):
                close()
        self.store.close()

    def run_all(self, progress: Callable[[str], None] | None = None) -> Iterator[dict]:
        """Process every article, yielding each outcome (as in --json) once recorded.

        An article whose file, outputs, options, glossary, engine data and code are all
        as the last run left them is not processed again: its last outcome is replayed.
        When that holds for every article and output, the whole run is (:attr:`replay`).
        """
        if self.replay is not None:
            recorded = lastrun.results(self.store)
            for f in self.files:
                self.results.append(self._unchanged(recorded[f], progress))
                yield self.results[-1]
            self.replayed()
            return
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        changed: set[str] = set()
        pages: set[str] = set()  # slugs whose desk page must be rendered again
        known = self._known()
        todo = [p for p in self.paths if known[p] is None and p not in self._refused]
        pool = self._workers(todo)
        done = pool.results(todo) if pool else None
        self._decided = pool is not None and pool.decides  # the editor's decisions applied
        window = set()  # the articles whose segments are in the memory now: memory bounded
        try:
            yield from self._each(known, todo, done, window, progress, now, changed, pages)
        except BaseException:
            if pool:
                pool.terminate()
            raise
        if pool:
            pool.close()
        started = time.perf_counter()
        self._finish(changed, pages)
        self.finish_seconds = time.perf_counter() - started
        self._record()
        (self.store.dir / UNFINISHED).unlink(missing_ok=True)  # a clean end: nothing to sweep

    def _known(self) -> dict[Path, dict | None]:
        """Each article's last outcome where it still stands (None: process it). From
        the last run's record when its key holds (stats of the article's files), else
        from the article's fingerprint; either way its files are stamped now."""
        last = self._last_run
        standing = last.standing(self._replay_key(), self.files) if last else {}
        recorded = lastrun.results(self.store) if standing else {}
        outcomes = self.store.outcomes([f for f in self.files if f not in standing])
        known: dict[Path, dict | None] = {}
        for path, file in zip(self.paths, self.files, strict=True):
            if file in standing and file in recorded and not recorded[file].get("refused"):
                known[path] = recorded[file]
                self._standing[file] = standing[file]
                continue
            key, (was, outcome) = self._fingerprint(path), outcomes.get(file, (None, ""))
            known[path] = json.loads(outcome) if key and key == was else None
            if known[path] is not None:
                self._stamp(path)
        return known

    def _retractions_shown(self, outcome: dict) -> dict:
        """The outcome as readers have it: a retracted language says "retracted" (it is
        out of every feed), never "published"."""
        slug = outcome.get("slug")
        if not slug or not any(t["status"] == "published" for t in outcome["targets"]):
            return outcome
        targets = [
            {**t, "status": "retracted"}
            if t["status"] == "published" and self.store.retracted(slug, t["lang"])
            else t
            for t in outcome["targets"]
        ]
        return {**outcome, "targets": targets}

    def _unchanged(self, outcome: dict, progress: Callable[[str], None] | None) -> dict:
        """A last outcome, replayed: nothing was read, translated or written."""
        outcome["unchanged"] = True
        for t in outcome["targets"]:
            t["segments"]["sent"] = 0
        for _ in self.targets if progress else ():
            progress("")
        return outcome

    @cached_property
    def _corrections(self) -> dict[str, str]:
        """Filed corrections by slug (fingerprints), read once per run."""
        return self.store.corrections()

    def _stamp(self, path: Path) -> None:
        """The article's file and review files as the run leaves them (its folder is
        stamped at the end, after the desk writes its page there)."""
        files = [str(path), *lastrun.review_files(self.translations_dir / self._slugs[path])]
        self._stamps[str(path)] = lastrun.stamps(files)

    @cached_property
    def _last_run(self) -> lastrun.LastRun | None:
        return None if self.recovering else lastrun.load(self.store)

    @cached_property
    def replay(self) -> lastrun.LastRun | None:
        """The last run's record, when every file it depended on is as it recorded and
        nothing else changed: this run's outcome is that one (see :mod:`lastrun`)."""
        self.sync_sources()
        last = self._last_run
        if last is None or self.source_errors:
            return None
        if self.prune and last.summary["orphans"]:  # --prune has work to do
            return None
        return last if last.matches(self._replay_key(), self.files) else None

    def replayed(self) -> dict:
        """End a replayed run: its summary (the recorded one; no article was touched)."""
        (self.store.dir / UNFINISHED).unlink(missing_ok=True)
        assert self.replay is not None
        self.orphans = list(self.replay.summary["orphans"])
        summary = self.replay.summary
        totals = {**summary["totals"], "skipped": len(self.skipped)}  # listed this run
        return {
            **summary,
            "totals": totals,
            "skipped": self.skipped,
            "pruned": [],
            "articles": self.results,
            "replayed": True,
        }

    def _replay_key(self) -> str:
        parts = [lastrun.VERSION, self._run_key, self.store.generation(), self.whole, self.prune]
        return hashlib.sha256(repr(parts).encode()).hexdigest()

    def _record(self) -> None:
        """Record this run for the next one to replay, unless a language failed (the next
        run tries it again) or a source did (its entries may come back)."""
        summary = self.summary()
        failed = any(t["status"] == "failed" for r in self.results for t in r["targets"])
        if failed or self.source_errors:
            lastrun.forget(self.store)
            return
        from syndicate.publish import feeds

        quiet = [line for r in self.results if _says(r) for line in describe(r, True)]
        articles = {}
        for path, file in zip(self.paths, self.files, strict=True):
            if (st := self._standing.get(file)) is None:
                folder = str(self.translations_dir / self._slugs[path])
                st = self._stamps.get(file, lastrun.stamps([file])) + lastrun.stamps([folder])
            articles[file] = st
        langs = self.store.languages()
        lastrun.save(
            self.store,
            self._replay_key(),
            articles,
            [
                self.translations_dir,
                self.feeds_dir,
                *(self.feeds_dir / lang for lang in langs),
                # the feeds themselves: one truncated in place is rebuilt, not replayed over
                *(self.feeds_dir / lang / name for lang in langs for name in feeds.FILES),
            ],
            summary,
            quiet,
        )

    def _workers(self, todo: list[Path]) -> workers.Pool | cluster.Cluster | None:
        """Where this run's articles are translated: on a Dask cluster (``--cluster``),
        in worker processes (``--jobs``) when there is more than one article to translate
        and no engine that batches the whole run (Argos) has a package installed (that
        one uses the cores itself), or here (None)."""
        if self.cluster and todo:
            return self._cluster()
        if self.jobs < 2 or len(todo) < 2:
            return None
        from syndicate import workers

        if any(getattr(e, "batch_run", False) and e.pairs() for e in self.pipeline.engines):
            return None
        setup = workers.Setup(
            self.engine_names,
            self.timeout,
            self.store.dir,
            self.glossary,
            self.options,
            self.translations_dir,
            self.store.lock_fileno(),
        )
        return workers.Pool(min(self.jobs, len(todo)), setup)

    def _cluster(self) -> cluster.Cluster:
        from syndicate import cluster

        setup = cluster.Setup(
            self.engine_names,
            self.timeout,
            self.glossary,
            self.options,
            cluster.described(self.engines),
            self._corrections,
        )
        return cluster.Cluster(self.cluster or "", setup, self.on_note or (lambda _: None))

    def _each(self, known, todo, done, window, progress, now, changed, pages) -> Iterator[dict]:
        from syndicate.desk import review
        from syndicate.safety import printable

        for path in self.paths:
            if why := self._refused.get(path):
                from syndicate.pipeline import ArticleResult

                outcome = as_json(ArticleResult(path, self._slugs[path], error=why))
                outcome["refused"] = True  # stands only as long as the owner's file does
                self.results.append(outcome)
                yield outcome
                continue
            if done is None and known[path] is None and path not in window:
                start = todo.index(path)
                batch = todo[start : start + PREFETCH_WINDOW]
                self.pipeline.prefetch(batch, self.options)
                window = set(batch)
            if (last := known[path]) is not None:
                last = self._retractions_shown(self._unchanged(last, progress))
                self.results.append(last)
                yield last
                continue
            if self.on_large and (size := _size(path)) > LARGE_ARTICLE:
                self.on_large(path, size)  # before the wait, here or for a worker
            if done is not None:  # translated by a worker: its writes are ours to make
                result, writes = next(done)
                self.store.apply(writes)
                if not self._decided:
                    self.pipeline.restore_checkers(result)
            else:
                result = self.pipeline.process(path, self.options, progress)
            started = time.perf_counter()
            if result.error and path.parent.parent == self.store.dir / "sources":
                result.error = _entry_error(path, result.error)
            if result.slug and not review.folder_inside(self.translations_dir, result.slug):
                result.error = (
                    f"{printable(path.name)}: {self.translations_dir.name}/{result.slug} links"
                    " outside its folder; nothing written (remove the link)"
                )
                result.source, result.targets = None, []
            elif not self._decided:
                review.apply_editor_decisions(
                    result, self.translations_dir, self.options.republish_stale, self.store
                )
            review.write_result(result, self.translations_dir, now, self.store)
            if result.article is not None:
                self._claim(result.article.slug, path)
            changed.update(self.pipeline.record(result, now))
            if result.slug:
                pages.add(result.slug)
            outcome = as_json(result)
            # Not a language that failed (a timeout, a crash): the next run tries again.
            if result.article is not None and all(t.status != "failed" for t in result.targets):
                self.store.put_outcome(str(path), self._fingerprint(path) or "", outcome)
            self._stamp(path)
            changed.add("desk")
            outcome = self._retractions_shown(outcome)
            self.results.append(outcome)
            self.writer_seconds += time.perf_counter() - started
            yield outcome

    def _finish(self, changed: set[str], pages: set[str]) -> None:
        """Orphans, pruning, feeds and the desk, once every article is recorded."""
        from syndicate.desk import retract
        from syndicate.publish import feeds

        if self.whole:
            cached = {read_slug(p) for src in self.configured for p in self._cached(src)}
            self.orphans = retract.orphans(self.store, set(self._slugs.values()) | cached)
        if self.prune:
            for slug in self.orphans:
                changed.update(retract.retract(self.store, slug, None, "source file removed"))
                self.pruned.append(slug)
                pages.add(slug)
            self.orphans = []
        if self.pruned:
            changed.add("desk")
        langs = self.store.languages()
        for lang in langs:
            if lang in changed or not feeds.intact(self.feeds_dir / lang):
                self.feed_files += [str(f) for f in feeds.build_feeds(self.store, self.site, lang)]
        self.feed_files += [str(f) for f in feeds.build_index(self.site, langs)]
        if "desk" in changed or desk_incomplete(self.translations_dir):
            from syndicate.desk import (
                pages as desk,
            )  # rendering is loaded only when a page is written

            retract.write_desk_record(self.store, self.translations_dir)
            desk.build(
                self.translations_dir,
                self.glossary,
                pages,
                self.failures(),
                memo=self.store.dir / "desk-index.json",
                standing={self._slugs[p] for p in self.paths if str(p) in self._standing} - pages,
            )

    def sync_sources(self) -> None:
        """Fetch every source feed once per run and add its entries' articles to the run.
        A source that fails is one line; its entries from earlier runs still count."""
        if self.synced:
            return
        self.synced = True
        for src in self.sources:
            try:
                got = syncing.sync(src, self.store, self.store.dir / "sources")
            except partners.SourceError as e:
                self.source_errors.append(str(e))
                self._source_failed[str(e)] = src.label
                got = self._cached(src)
            self.files = list(dict.fromkeys([*self.files, *map(str, got)]))
        for derived in ("paths", "_slugs", "_refused"):
            self.__dict__.pop(derived, None)

    def _cached(self, src: Source) -> list[Path]:
        return sorted(syncing.folder_of(src, self.store.dir / "sources").glob("*.md"))

    def failures(self) -> list[dict]:
        """What failed in this run, for the desk: unreadable articles and languages."""
        out = [
            {"file": self._source_failed.get(e, "source"), "lang": None, "error": e}
            for e in self.source_errors
        ]
        for r in self.results:
            name = Path(r["file"]).name
            if r["error"]:
                out.append({"file": name, "lang": None, "error": r["error"]})
            for t in r["targets"]:
                if t["status"] == "failed":
                    out.append({"file": name, "lang": t["lang"], "error": t["error"] or ""})
        return out

    @cached_property
    def _refused(self) -> dict[Path, str]:
        """Files refused this run, with the line that says why: a slug is its source's
        (the file it was first published from, while that file exists), so another file
        that names it, by front matter or file name, cannot take over the published item;
        of two new files with one slug, the first in run order takes it."""
        from syndicate.safety import printable

        owners = self._owners
        taken: dict[str, Path] = {}
        refused: dict[Path, str] = {}
        for path in self.paths:
            slug, owner = self._slugs[path], owners.get(self._slugs[path])
            if owner and owner != os.path.abspath(path) and os.path.lexists(owner):
                other = Path(owner)
            elif slug in taken:
                other = taken[slug]
            else:
                taken[slug] = path
                continue
            refused[path] = (
                f"{printable(path.name)}: slug '{slug}' belongs to {printable(other.name)};"
                " nothing published (give this article its own slug: front matter"
                " 'slug:' or the file name)"
            )
        return refused

    def _claim(self, slug: str, path: Path) -> None:
        if self._owners.get(slug) != (source := os.path.abspath(path)):
            self.store.claim(slug, source)
            self._owners[slug] = source

    @cached_property
    def _owners(self) -> dict[str, str]:
        return self.store.owners()

    @cached_property
    def _slugs(self) -> dict[Path, str]:
        """Each article file's slug, read once per run (fingerprints, orphans)."""
        return {p: read_slug(p) for p in self.paths}

    @cached_property
    def _run_key(self) -> str:
        """What every article's outcome depends on alike, computed once per run: settings,
        glossary, code, and each engine's pairs and data versions (stats of model files)."""
        parts: list = [self.options, self.site, self.glossary, _code_version()]
        for e in self.engines:
            pairs = sorted(e.pairs())
            parts += [e.name, pairs, [e.version(a, b) for a, b in pairs]]
        return hashlib.sha256(repr(parts).encode()).hexdigest()

    def _fingerprint(self, path: Path) -> str | None:
        """What an article's outcome depends on, cheaply: stats, settings, versions."""
        try:
            st = path.stat()
        except OSError:
            return None
        h = hashlib.sha256()
        h.update(repr([path.name, st.st_mtime_ns, st.st_size, self._run_key]).encode())
        slug = self._slugs.get(path) or read_slug(path)
        h.update(repr(self._corrections.get(slug)).encode())
        # The review files: an editor's edit or approval must be seen. The reading pages
        # (the feeds link to them): one deleted is written again.
        try:
            with os.scandir(self.translations_dir / slug) as entries:
                files = sorted(
                    (e.name, e.stat() if e.name.endswith(".md") else None)
                    for e in entries
                    if e.name.endswith(".md") or (e.name.endswith(".html") and e.name != PAGE)
                )
        except OSError:  # no folder yet
            files = []
        for name, fs in files:
            h.update(f"{name}:{fs.st_mtime_ns}:{fs.st_size}".encode() if fs else name.encode())
        return h.hexdigest()

    def summary(self) -> dict:
        targets = [t for r in self.results for t in r["targets"]]
        errors = [*self.source_errors, *(r["error"] for r in self.results if r["error"])]
        errors += [t["error"] for t in targets if t["error"]]
        totals = {
            "articles": len(self.results),
            "sources": len(self.sources),
            "sources_failed": len(self.source_errors),
            "errors": sum(1 for r in self.results if r["error"]),
            "skipped": len(self.skipped),
            **{s: sum(t["status"] == s for t in targets) for s in STATUSES},
        }
        # An article that could not be read failed in every language: counted as failed.
        totals["failed"] += totals["errors"]
        bad = totals["errors"] or totals["held"] or totals["failed"] or self.source_errors
        return {
            "articles": self.results,
            "errors": errors,
            "feeds": {
                lang: {
                    "rss": str(self.feeds_dir / lang / "rss.xml"),
                    "atom": str(self.feeds_dir / lang / "atom.xml"),
                    "json": str(self.feeds_dir / lang / "feed.json"),
                }
                for lang in self.store.languages()
            },
            "totals": totals,
            "orphans": self.orphans,
            "pruned": self.pruned,
            "skipped": self.skipped,
            "replayed": self.__dict__.get("replay") is not None,  # nothing had changed
            "exit_code": 1 if bad else 0,
        }


def desk_incomplete(out: Path) -> bool:
    """The desk or an article's page is missing (deleted, or a run killed first)."""
    if not (out / "index.html").exists():
        return True
    return any(not (src.parent / "index.html").exists() for src in out.glob("*/source.md"))


def rebuild(
    store: Store, site: FeedSite, translations: Path, glossary: Glossary, langs: list[str]
) -> list[str]:
    """Feeds of ``langs``, the feed index and the desk, from the state as it is now
    (after a retraction or a restore); returns the feed files that changed."""
    from syndicate.desk import pages as desk
    from syndicate.desk import retract
    from syndicate.publish import feeds

    changed = [str(f) for lang in langs for f in feeds.build_feeds(store, site, lang)]
    changed += [str(f) for f in feeds.build_index(site, store.languages())]
    retract.write_desk_record(store, translations)
    desk.build(translations, glossary)
    return changed


@dataclass
class Outputs:
    """The state and the outputs without engines or articles: what retract needs."""

    store: Store
    site: FeedSite
    translations: Path
    glossary: Glossary

    @classmethod
    def open(
        cls,
        *,
        feeds: Path | None = None,
        translations: Path | None = None,
        state: Path | None = None,
        base_url: str | None = None,
        config: Path | None = None,
        wait: bool = False,
    ) -> Outputs:
        try:
            cfg = Config.load(config)
            gloss = Glossary.load(cfg.glossary)
        except ValueError as e:
            raise SetupError(str(e)) from None
        feeds_dir = feeds or cfg.feeds
        state_dir = _state_dir(cfg, feeds_dir, state)
        if not (state_dir / "state.db").exists():
            raise SetupError(f"no state in {state_dir}: nothing was published there yet", 1)
        store = _open_store(state_dir, wait)
        site = _site(feeds_dir, base_url or cfg.base_url, cfg)
        return cls(store, site, translations or cfg.translations, gloss)

    def rebuild(self, langs: list[str]) -> list[str]:
        return rebuild(self.store, self.site, self.translations, self.glossary, langs)


@cache
def _code_version() -> str:
    """Outputs change when the code does: a fingerprint of the package's files."""
    here = Path(__file__).parent
    stats = [(p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(here.rglob("*.py"))]
    return hashlib.sha256(repr(stats).encode()).hexdigest()[:16]


OWNER_FILE = ".syndicate-state"  # in feeds/ and translations/: the state that writes them


def _claim_outputs(store: Store, *folders: Path) -> None:
    """feeds/ and translations/ are written from one state: a run from another (another
    --state) would rebuild the feeds from its own items and cut the others' out. Each
    folder names its state's id and place; a run from another state is refused while
    that state is still where it was. A copied project (state and outputs together, one
    id) runs as before, as does one whose old state is gone."""
    mine = store.meta("state_id")
    if mine is None:
        mine = uuid.uuid4().hex
        store.put_meta({"state_id": mine})
    here = str(store.dir.resolve())
    for folder in folders:
        try:
            their_id, _, their_dir = (
                (folder / OWNER_FILE).read_text(encoding="utf-8").partition(" ")
            )
        except OSError:
            continue
        their_dir = their_dir.strip()
        if (
            their_id
            and their_id != mine
            and their_dir != here  # the same place: the state there was deleted, remade
            and Path(their_dir, "state.db").exists()
        ):
            raise SetupError(
                f"{folder} is written from the state in {their_dir}; pass --state"
                f" {their_dir}, or other --feeds and --translations folders for this state",
                code=2,
            )
    for folder in folders:
        marker = folder / OWNER_FILE
        want = f"{mine} {here}\n"
        try:
            same = marker.read_text(encoding="utf-8") == want
        except OSError:
            same = False
        if not same:
            folder.mkdir(parents=True, exist_ok=True)
            atomic_write(marker, want)


def _state_dir(cfg: Config, feeds_dir: Path, state: Path | None) -> Path:
    return state or cfg.state or default_state_dir(feeds_dir.resolve().parent)


def _open_store(state_dir: Path, wait: bool, on_wait: Callable[[], None] | None = None) -> Store:
    try:
        return Store(state_dir, wait=wait, on_wait=on_wait)
    except LockedError as e:
        raise SetupError(str(e), code=1) from None


def _sweep_temp_files(*folders: Path) -> None:
    """Remove temp files a killed run left behind (we hold the lock: no writer is live).
    Only after such a run (:data:`UNFINISHED`): the walk costs 0.2 s at 5,000 articles."""
    for folder in folders:
        if folder.is_dir():
            for tmp in folder.glob("**/.*.tmp"):
                tmp.unlink(missing_ok=True)


def _site(feeds_dir: Path, base_url: str, cfg: Config) -> FeedSite:
    return FeedSite(
        out=feeds_dir,
        base_url=base_url,
        title=cfg.title,
        authority=cfg.id_authority,
        max_items=cfg.max_items,
    )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _entry_error(path: Path, error: str) -> str:
    """A partner entry's error names the feed and the entry, not the cache file."""
    from syndicate.safety import printable
    from syndicate.sources import frontmatter

    meta = frontmatter.read(path)
    if not meta:
        return error
    feed = meta.get("feed_title") or meta.get("feed") or "a partner feed"
    label = printable(f"{feed}, entry {str(meta.get('title') or '')[:80]!r}")
    prefix = f"{printable(path.name)}:"
    return label + error[len(prefix) - 1 :] if error.startswith(prefix) else f"{label}: {error}"


def as_json(r: ArticleResult) -> dict:
    return {
        "file": str(r.path),
        "slug": r.slug,
        "source_lang": r.source_lang,
        "confidence": r.confidence,
        "error": r.error,
        "notes": r.notes,
        "unchanged": False,
        "targets": [
            {
                "lang": t.lang,
                "status": t.status,
                "engine": t.engine,
                "chain": t.chain,
                "fidelity": t.report.as_dict() if t.report else None,
                "segments": {"sent": t.segments_sent, "total": t.segments_total},
                "error": t.error,
                "paths": t.paths,
            }
            for t in r.targets
        ],
    }


def _says(r: dict) -> bool:
    """The outcome has a line under -q: an error, a failed language, a problem."""
    return (
        bool(r["error"])
        or bool(r.get("notes"))
        or any(
            t["status"] == "failed" or (t["fidelity"] or {}).get("problems") for t in r["targets"]
        )
    )


def describe(r: dict, errors_only: bool = False) -> list[str]:
    """Human lines for one article's outcome: one per target, errors first-class."""
    from syndicate.check import fidelity

    if r["error"]:
        return [f"error: {r['error']}"]
    lines = [f"note: {n}" for n in r.get("notes") or []]
    for t in r["targets"]:
        if t["status"] == "failed":
            lines.append(f"error: {t['error']}")
        elif not errors_only or (t["fidelity"] or {}).get("problems"):
            mark = {"published": "ok  "}.get(t["status"], t["status"])
            fid = t["fidelity"] or {}
            checks = fidelity.summarize(fid) if fid else ""
            route = f"{t['engine']}:{t['chain']}"
            lines.append(f"{mark} {r['slug']} {r['source_lang']}->{t['lang']} [{route}] {checks}")
            lines.extend(f"     {p}" for p in fid.get("problems", []))
    return lines
