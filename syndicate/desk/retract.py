"""Retractions: an article, or one language of it, taken out of every feed, on the record.

The record (who, when, why) lives in the state; feeds never carry a retracted item
(:meth:`Store.items` leaves them out), so no later run brings one back, even with its
source file still in the folder. ``syndicate restore`` deletes the record. The review
desk, which reads only the translations folder, gets a copy: ``retractions.json``.

An orphan is an article still published whose source file is gone from the run's
folders: reported on every run, retracted by ``syndicate run --prune``.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
from functools import cache
from pathlib import Path

from syndicate.state.fsutil import atomic_write
from syndicate.state.store import Store

EVERY = "*"  # the lang of a whole-article retraction
DESK_FILE = "retractions.json"


class RetractError(Exception):
    """A retraction that cannot be done; the message says why."""


def who() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def retract(
    store: Store, slug: str, lang: str | None, reason: str, now: dt.datetime | None = None
) -> list[str]:
    """Record the retraction; returns the languages whose feeds must be rebuilt."""
    langs = store.item_languages(slug)
    if not langs:
        raise RetractError(f"no published article {slug!r}; see `syndicate review list`")
    if lang is not None and lang not in langs:
        raise RetractError(f"{slug!r} has no {lang} version (it has {', '.join(langs)})")
    now = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
    store.retract(slug, lang or EVERY, who(), now, reason)
    return [lang] if lang else langs


def restore(store: Store, slug: str, lang: str | None) -> list[str]:
    """Delete the record(s); returns the languages whose feeds must be rebuilt."""
    if not store.restore(slug, lang):
        raise RetractError(f"{slug!r} is not retracted{f' in {lang}' if lang else ''}")
    return [lang] if lang else store.item_languages(slug)


def orphans(store: Store, present: set[str]) -> list[str]:
    """Published articles whose source is not among ``present`` slugs, not retracted."""
    gone = {s for (s, lang) in store.retractions() if lang == EVERY}
    return [s for s in store.slugs() if s not in present and s not in gone]


def write_desk_record(store: Store, translations: Path) -> None:
    """The desk's copy of the record (the desk and `review list` never open the state)."""
    record = {f"{s}/{lang}": r for (s, lang), r in sorted(store.retractions().items())}
    if record or (translations / DESK_FILE).exists():
        translations.mkdir(parents=True, exist_ok=True)
        atomic_write(translations / DESK_FILE, json.dumps(record, indent=2, ensure_ascii=False))
    _desk_record.cache_clear()


@cache
def _desk_record(translations: Path, mtime: float) -> dict:
    try:
        return json.loads((translations / DESK_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def on_desk(translations: Path, slug: str, lang: str) -> dict | None:
    """The retraction of ``slug`` in ``lang`` as the desk knows it, or None."""
    path = translations / DESK_FILE
    if not path.exists():
        return None
    record = _desk_record(translations, path.stat().st_mtime)
    return record.get(f"{slug}/{lang}") or record.get(f"{slug}/{EVERY}")


def describe(r: dict) -> str:
    why = f": {r['reason']}" if r.get("reason") else ""
    return f"retracted by {r.get('who')} at {r.get('at')}{why}"
