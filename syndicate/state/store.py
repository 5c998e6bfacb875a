"""The state: SQLite holding the translation memory and every published feed item.

Feeds are rebuilt from here, not from one run's input, so a run with one new article
adds one item and keeps the rest. Segment translations are remembered per (engine,
engine version, source language, target language, protected segment), so reruns call
no engine for text they have seen.

Migrations are explicit and append-only: the schema version is SQLite's user_version.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

MIGRATIONS: list[str] = [
    """
    CREATE TABLE tm (
        engine TEXT NOT NULL, version TEXT NOT NULL, src TEXT NOT NULL, tgt TEXT NOT NULL,
        source TEXT NOT NULL, target TEXT NOT NULL,
        PRIMARY KEY (engine, version, src, tgt, source)
    ) WITHOUT ROWID;
    CREATE TABLE items (
        slug TEXT NOT NULL, lang TEXT NOT NULL,
        title TEXT NOT NULL, author TEXT, byline TEXT,
        paragraphs TEXT NOT NULL,          -- JSON list of strings
        source_lang TEXT NOT NULL, source_hash TEXT NOT NULL,
        route TEXT, status TEXT NOT NULL,  -- published | held
        fidelity TEXT,                     -- JSON report
        published TEXT NOT NULL, updated TEXT NOT NULL,
        PRIMARY KEY (slug, lang)
    );
    CREATE INDEX items_lang ON items (lang, status, published);
    """,
    # 2: remember detections, so a rerun does not load langdetect's profiles at all.
    """
    CREATE TABLE detections (
        text_hash TEXT PRIMARY KEY, lang TEXT NOT NULL, confidence REAL NOT NULL
    ) WITHOUT ROWID;
    """,
    # 3: each article file's last outcome, replayed when nothing it depends on changed.
    """
    CREATE TABLE outcomes (
        path TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, outcome TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    # 4: every review file the machine wrote, by content hash: a file with another hash
    # is an editor's. A hash is added before the file is written and never removed, so a
    # run killed between the two still knows the file on disk for the machine's.
    """
    CREATE TABLE written (
        path TEXT NOT NULL, sha256 TEXT NOT NULL, PRIMARY KEY (path, sha256)
    ) WITHOUT ROWID;
    """,
    # 5: retracted articles (lang '*' for every language): out of every feed until restored.
    """
    CREATE TABLE retractions (
        slug TEXT NOT NULL, lang TEXT NOT NULL, who TEXT, at TEXT NOT NULL, reason TEXT,
        PRIMARY KEY (slug, lang)
    ) WITHOUT ROWID;
    """,
    # 6: corrections filed with `syndicate correct`, carried into every language version.
    """
    CREATE TABLE corrections (
        slug TEXT PRIMARY KEY, text TEXT NOT NULL, who TEXT, at TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    # 7: where an item came from (the original's link; the partner feed it was in), and
    # each source feed's validators for a conditional GET.
    """
    ALTER TABLE items ADD COLUMN link TEXT;
    ALTER TABLE items ADD COLUMN origin_url TEXT;
    ALTER TABLE items ADD COLUMN origin_title TEXT;
    CREATE TABLE fetches (
        url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, at TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    # 8: a generation, bumped by triggers on every write a run's outcome depends on (from
    # any command: correct, retract, restore, a run), and the last run's record: a run
    # that finds the generation and every file as that record says replays it.
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
    INSERT INTO meta VALUES ('generation', 0);
    """
    + "".join(
        f"CREATE TRIGGER {table}_{op.lower()} AFTER {op} ON {table} BEGIN "
        "UPDATE meta SET value = value + 1 WHERE key = 'generation'; END;\n"
        for table in ("items", "outcomes", "written", "retractions", "corrections")
        for op in ("INSERT", "UPDATE", "DELETE")
    ),
    # 9: which source (article file, or a partner entry's cached file) each slug belongs
    # to: another file that claims it is refused, not let take over the published item.
    """
    CREATE TABLE owners (slug TEXT PRIMARY KEY, source TEXT NOT NULL) WITHOUT ROWID;
    """,
]


class LockedError(Exception):
    """Another run holds the state; the message says how to wait for it."""


@dataclass
class Item:
    slug: str
    lang: str
    title: str
    author: str | None
    byline: str | None
    paragraphs: list[str]
    source_lang: str
    source_hash: str
    route: str | None
    status: str
    fidelity: dict | None
    published: dt.datetime
    updated: dt.datetime
    link: str | None = None  # the original article (front matter url, a feed entry's link)
    origin_url: str | None = None  # the partner feed the article came in
    origin_title: str | None = None

    def same_content(self, other: Item) -> bool:
        return (self.title, self.paragraphs, self.byline, self.status, self.link) == (
            other.title,
            other.paragraphs,
            other.byline,
            other.status,
            other.link,
        )


def _ts(d: dt.datetime) -> str:
    return d.astimezone(dt.UTC).isoformat(timespec="seconds")


def _parse_ts(s: str) -> dt.datetime:
    return dt.datetime.fromisoformat(s)


class Store:
    def __init__(
        self, state_dir: Path, wait: bool = False, on_wait: Callable[[], None] | None = None
    ) -> None:
        state_dir.mkdir(parents=True, exist_ok=True)
        self.dir = state_dir
        self._lock = open(state_dir / "lock", "w")  # noqa: SIM115 - held for our lifetime
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                self._lock.close()
                raise LockedError(
                    f"another syndicate run is using {state_dir}; wait for it or pass --wait"
                ) from None
            if on_wait:
                on_wait()
            fcntl.flock(self._lock, fcntl.LOCK_EX)
        self.db = sqlite3.connect(state_dir / "state.db", isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self._migrate()

    def _migrate(self) -> None:
        current = self.db.execute("PRAGMA user_version").fetchone()[0]
        for n, sql in enumerate(MIGRATIONS[current:], start=current + 1):
            with self.transaction():
                self.db.executescript(f"BEGIN; {sql}; PRAGMA user_version = {n};")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()
        self._lock.close()

    def lock_fileno(self) -> int:
        return self._lock.fileno()

    # Translation memory ------------------------------------------------------------
    def tm_get(self, engine: str, version: str, src: str, tgt: str, texts: Iterable[str]) -> dict:
        texts = list(dict.fromkeys(texts))
        found: dict[str, str] = {}
        for i in range(0, len(texts), 500):
            chunk = texts[i : i + 500]
            q = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT source, target FROM tm WHERE engine=? AND version=? AND src=? "
                f"AND tgt=? AND source IN ({q})",
                [engine, version, src, tgt, *chunk],
            )
            found.update(rows)
        return found

    def tm_put(self, engine: str, version: str, src: str, tgt: str, pairs: dict) -> None:
        with self.transaction():
            self.db.executemany(
                "INSERT OR REPLACE INTO tm VALUES (?,?,?,?,?,?)",
                [(engine, version, src, tgt, s, t) for s, t in pairs.items()],
            )

    # Language detections ----------------------------------------------------------
    def detection(self, text_hash: str) -> tuple[str, float] | None:
        row = self.db.execute(
            "SELECT lang, confidence FROM detections WHERE text_hash=?", (text_hash,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def put_detection(self, text_hash: str, lang: str, confidence: float) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO detections VALUES (?,?,?)", (text_hash, lang, confidence)
            )

    # Outcomes of the last run, per article file --------------------------------------
    def outcomes(self, paths: list[str]) -> dict[str, tuple[str, str]]:
        """The (fingerprint, outcome as JSON) of each of ``paths`` that has one, 500 a
        query: a run checks those its last record cannot vouch for, and parses only
        the outcomes it replays."""
        found: dict[str, tuple[str, str]] = {}
        for i in range(0, len(paths), 500):
            chunk = paths[i : i + 500]
            rows = self.db.execute(
                f"SELECT * FROM outcomes WHERE path IN ({','.join('?' * len(chunk))})", chunk
            )
            found.update((p, (f, o)) for p, f, o in rows)
        return found

    def put_outcome(self, path: str, fingerprint: str, outcome: dict) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO outcomes VALUES (?,?,?)",
                (path, fingerprint, json.dumps(outcome, ensure_ascii=False)),
            )

    # Review files the machine wrote ----------------------------------------------
    def wrote(self, path: str, sha256: str) -> None:
        with self.transaction():
            self.db.execute("INSERT OR IGNORE INTO written VALUES (?,?)", (path, sha256))

    def machine_wrote(self, path: str, sha256: str) -> bool | None:
        """True: the machine wrote this content; False: someone else did; None: the
        machine never wrote this path (a folder from before hashes were kept)."""
        rows = self.db.execute("SELECT sha256 FROM written WHERE path=?", (path,)).fetchall()
        if not rows:
            return None
        return any(r[0] == sha256 for r in rows)

    # Corrections -------------------------------------------------------------------
    def correct(self, slug: str, text: str, who: str, at: dt.datetime) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO corrections VALUES (?,?,?,?)", (slug, text, who, _ts(at))
            )

    def correction(self, slug: str) -> str | None:
        row = self.db.execute("SELECT text FROM corrections WHERE slug=?", (slug,)).fetchone()
        return row[0] if row else None

    def corrections(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT slug, text FROM corrections"))

    # The last run ------------------------------------------------------------------
    def generation(self) -> int:
        """Bumped by every write to items, outcomes, written, retractions, corrections."""
        return self.db.execute("SELECT value FROM meta WHERE key='generation'").fetchone()[0]

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def put_meta(self, values: dict[str, str | None]) -> None:
        """Set (or, for None, remove) keys of the meta table; not counted as a write by the
        generation, so a run can record itself after everything else."""
        with self.transaction():
            for key, value in values.items():
                if key == "generation":
                    raise ValueError("the generation is the triggers' to set")
                if value is None:
                    self.db.execute("DELETE FROM meta WHERE key=?", (key,))
                else:
                    self.db.execute("INSERT OR REPLACE INTO meta VALUES (?,?)", (key, value))

    # Retractions -------------------------------------------------------------------
    def retract(self, slug: str, lang: str, who: str, at: dt.datetime, reason: str) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO retractions VALUES (?,?,?,?,?)",
                (slug, lang, who, _ts(at), reason),
            )

    def restore(self, slug: str, lang: str | None = None) -> int:
        with self.transaction():
            if lang is None:
                cur = self.db.execute("DELETE FROM retractions WHERE slug=?", (slug,))
            else:
                cur = self.db.execute(
                    "DELETE FROM retractions WHERE slug=? AND lang IN (?, '*')", (slug, lang)
                )
        return cur.rowcount

    def retractions(self) -> dict[tuple[str, str], dict]:
        rows = self.db.execute("SELECT slug, lang, who, at, reason FROM retractions")
        return {(r[0], r[1]): {"who": r[2], "at": r[3], "reason": r[4]} for r in rows}

    def retracted(self, slug: str, lang: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM retractions WHERE slug=? AND lang IN (?, '*')", (slug, lang)
        )
        return row.fetchone() is not None

    def item_languages(self, slug: str) -> list[str]:
        rows = self.db.execute("SELECT lang FROM items WHERE slug=? ORDER BY lang", (slug,))
        return [r[0] for r in rows]

    def owners(self) -> dict[str, str]:
        """Each claimed slug's source (the file it was first published from)."""
        return dict(self.db.execute("SELECT slug, source FROM owners"))

    def claim(self, slug: str, source: str) -> None:
        """``source`` owns ``slug`` from now on (a first claim, or a renamed file)."""
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO owners VALUES (?, ?)", (slug, source))

    def slugs(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT slug FROM items ORDER BY slug")]

    # Published items ---------------------------------------------------------------
    def get_item(self, slug: str, lang: str) -> Item | None:
        row = self.db.execute("SELECT * FROM items WHERE slug=? AND lang=?", (slug, lang))
        r = row.fetchone()
        return self._item(r) if r else None

    def put_item(self, item: Item) -> bool:
        """Insert or update; returns True when the stored content changed."""
        old = self.get_item(item.slug, item.lang)
        if old and old.same_content(item):
            return False
        if old:  # first publication date stays: readers sort by it
            item.published = old.published
            item.updated = max(item.updated, old.updated)
        self.db.execute(
            "INSERT OR REPLACE INTO items (slug, lang, title, author, byline, paragraphs,"
            " source_lang, source_hash, route, status, fidelity, published, updated, link,"
            " origin_url, origin_title) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                item.slug,
                item.lang,
                item.title,
                item.author,
                item.byline,
                json.dumps(item.paragraphs, ensure_ascii=False),
                item.source_lang,
                item.source_hash,
                item.route,
                item.status,
                json.dumps(item.fidelity, ensure_ascii=False) if item.fidelity else None,
                _ts(item.published),
                _ts(item.updated),
                item.link,
                item.origin_url,
                item.origin_title,
            ),
        )
        return True

    def items(self, lang: str, status: str = "published", limit: int = 50) -> list[Item]:
        """The newest items of a language; retracted ones never."""
        rows = self.db.execute(
            "SELECT * FROM items i WHERE lang=? AND status=? AND NOT EXISTS (SELECT 1 FROM"
            " retractions r WHERE r.slug = i.slug AND r.lang IN (i.lang, '*'))"
            " ORDER BY published DESC, slug LIMIT ?",
            (lang, status, limit),
        )
        return [self._item(r) for r in rows]

    def languages(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT lang FROM items ORDER BY lang")]

    @staticmethod
    def _item(r: tuple) -> Item:
        return Item(
            slug=r[0],
            lang=r[1],
            title=r[2],
            author=r[3],
            byline=r[4],
            paragraphs=json.loads(r[5]),
            source_lang=r[6],
            source_hash=r[7],
            route=r[8],
            status=r[9],
            fidelity=json.loads(r[10]) if r[10] else None,
            published=_parse_ts(r[11]),
            updated=_parse_ts(r[12]),
            link=r[13],
            origin_url=r[14],
            origin_title=r[15],
        )

    def apply(self, pending: list[tuple]) -> None:
        """The writes a worker's :class:`StoreReader` kept, in the order it made them."""
        for w in pending:
            if w[0] == "tm":
                self.tm_put(*w[1:])
            else:
                self.put_detection(*w[1:])

    # Source feeds ------------------------------------------------------------------
    def fetch_validators(self, url: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) the source last answered with, for a conditional GET."""
        r = self.db.execute("SELECT etag, last_modified FROM fetches WHERE url=?", (url,))
        row = r.fetchone()
        return (row[0], row[1]) if row else (None, None)

    def put_fetch_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO fetches VALUES (?,?,?,?)",
            (url, etag, last_modified, _ts(dt.datetime.now(dt.UTC))),
        )


class StoreReader(Store):
    """The state for a worker process (``--jobs``): read-only, no lock (the run holds it),
    and the two writes translation makes (memory, detections) kept in :attr:`pending`
    for the run's one writer to apply (:meth:`Store.apply`)."""

    def __init__(self, state_dir: Path) -> None:  # noqa: D107 - not Store's lock and migrations
        self.dir = state_dir
        self.db = sqlite3.connect(f"file:{state_dir / 'state.db'}?mode=ro", uri=True)
        self.pending: list[tuple] = []
        self._mine: dict[tuple, dict[str, str]] = {}  # what this worker translated

    def tm_get(self, engine: str, version: str, src: str, tgt: str, texts: Iterable[str]) -> dict:
        texts = list(dict.fromkeys(texts))
        mine = self._mine.get((engine, version, src, tgt), {})
        found = {t: mine[t] for t in texts if t in mine}
        rest = [t for t in texts if t not in found]
        return found | (super().tm_get(engine, version, src, tgt, rest) if rest else {})

    def tm_put(self, engine: str, version: str, src: str, tgt: str, pairs: dict) -> None:
        self._mine.setdefault((engine, version, src, tgt), {}).update(pairs)
        self.pending.append(("tm", engine, version, src, tgt, dict(pairs)))

    def put_detection(self, text_hash: str, lang: str, confidence: float) -> None:
        self.pending.append(("detection", text_hash, lang, confidence))

    def take(self) -> list[tuple]:
        out, self.pending = self.pending, []
        return out

    def close(self) -> None:
        self.db.close()


def default_state_dir(base: Path) -> Path:
    return Path(os.environ.get("SYNDICATE_STATE") or base / ".syndicate")
