"""A run with nothing changed replays the last one (syndicate.state.lastrun), and every change
that matters makes it a full run again: the replay must never say "nothing changed"
about an edit, a deleted page or feed, a correction, a retraction or new settings."""

from __future__ import annotations

import os
import shutil

import feedparser
import pytest
from click.testing import CliRunner
from test_editor import state_args
from test_review import MACHINE_LINE, edit

from syndicate import runner
from syndicate.cli import main

from conftest import copy_articles

SLUG = "harbour-bridge-vote"
RIVER = "riverside-festival-returns"


@pytest.fixture
def archive(run, inbox):
    copy_articles(inbox, f"{SLUG}.txt", "biblioteca-reabre.txt")
    _, first = run(inbox, "--to", "es")
    assert first["replayed"] is False
    return first


def _outcome(data: dict) -> list:
    """What a run says of each article, without what says whether it was replayed."""
    out = []
    for a in data["articles"]:
        targets = [{**t, "segments": t["segments"]["total"]} for t in a["targets"]]
        out.append({**a, "unchanged": None, "targets": targets})
    return out


def test_a_rerun_with_nothing_changed_is_the_last_run_replayed(run, inbox, archive):
    feeds = {p: p.read_bytes() for p in run.feeds.rglob("*") if p.is_file()}
    pages = {p: p.stat().st_mtime_ns for p in run.translations.rglob("*") if p.is_file()}
    result, again = run(inbox, "--to", "es")
    assert result.exit_code == 0 and again["replayed"] is True
    assert _outcome(again) == _outcome(archive)
    assert {k: v for k, v in again.items() if k not in ("articles", "replayed")} == {
        k: v for k, v in archive.items() if k not in ("articles", "replayed")
    }
    assert all(a["unchanged"] for a in again["articles"])
    assert all(t["segments"]["sent"] == 0 for a in again["articles"] for t in a["targets"])
    assert {p: p.read_bytes() for p in run.feeds.rglob("*") if p.is_file()} == feeds
    assert {p: p.stat().st_mtime_ns for p in run.translations.rglob("*") if p.is_file()} == pages


def _status(data: dict, slug: str = SLUG) -> str:
    (article,) = [a for a in data["articles"] if a["slug"] == slug]
    return article["targets"][0]["status"]


def _cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _entry(run, lang: str = "es"):
    return next(
        (e for e in feedparser.parse(run.feeds / lang / "atom.xml").entries if SLUG in e.id), None
    )


# Each: what changes between two runs, and what the full run that follows must show.
def _edit_review_file(run, inbox):
    es = run.translations / SLUG / "es.md"
    edit(es, MACHINE_LINE, "La moción salió adelante por 23 votos a 14.")
    return lambda data: _status(data) == "edited"


def _same_size_edit(run, inbox):
    """A figure put right: the size stays, only the modification time tells (set one
    second on, as an editor's save would be: a clock tick after the run's write)."""
    es = run.translations / SLUG / "es.md"
    before = es.stat()
    edit(es, "23 votos a 14", "24 votos a 13")
    assert es.stat().st_size == before.st_size
    os.utime(es, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    return lambda data: _status(data) == "edited"


def _delete(relative: str):
    def change(run, inbox):
        path = run.base / relative
        path.unlink()
        return lambda data: path.exists()

    change.__name__ = f"delete {relative}"
    return change


def _change_article(run, inbox):
    edit(inbox / f"{SLUG}.txt", "in March.", "in April.")
    return lambda data: "abril" in (run.translations / SLUG / "es.md").read_text()


def _add_article(run, inbox):
    copy_articles(inbox, "river-festival.md")
    return lambda data: data["totals"]["articles"] == 3


def _remove_article(run, inbox):
    (inbox / "biblioteca-reabre.txt").unlink()
    return lambda data: data["orphans"] == ["biblioteca-reabre"]


def _correction(run, inbox):
    text = "The vote was 23 to 14, not 24 to 13."
    assert _cli("correct", SLUG, text, *state_args(run)).exit_code == 0
    return lambda data: "Corrección:" in _entry(run).content[0].value


def _retraction(run, inbox):
    assert _cli("retract", SLUG, "--lang", "es", *state_args(run)).exit_code == 0
    return lambda data: _entry(run) is None  # and it stays out


def _killed_run(run, inbox):
    (run.state / runner.UNFINISHED).touch()
    return lambda data: not (run.state / runner.UNFINISHED).exists()


CHANGES = [
    _edit_review_file,
    _same_size_edit,
    _delete(f"translations/{SLUG}/index.html"),
    _delete(f"translations/{SLUG}/es.html"),
    _delete("translations/index.html"),
    _delete("feeds/es/atom.xml"),
    _delete("feeds/index.opml"),
    _change_article,
    _add_article,
    _remove_article,
    _correction,
    _retraction,
    _killed_run,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda c: c.__name__.strip("_"))
def test_a_change_makes_a_full_run_and_then_it_replays_again(run, inbox, archive, change):
    effect = change(run, inbox)
    result, data = run(inbox, "--to", "es")
    assert data["replayed"] is False, "a change was replayed over"
    assert effect(data)
    _, after = run(inbox, "--to", "es")
    assert after["replayed"] is True
    assert _outcome(after) == _outcome(data)


@pytest.mark.parametrize(
    "args",
    [
        ("--to", "es,fr"),
        ("--quotes", "keep"),
        ("--publish-unchecked",),
        ("--base-url", "http://x/"),
    ],
)
def test_other_settings_are_a_full_run(run, inbox, archive, args):
    _, data = run(inbox, "--to", "es", *args) if "--to" not in args else run(inbox, *args)
    assert data["replayed"] is False


def test_another_glossary_is_a_full_run(run, inbox, archive, tmp_path):
    glossary = tmp_path / "glossary.toml"
    glossary.write_text('keep = ["harbour bridge"]\n')
    _, data = run(inbox, "--to", "es", "--glossary", str(glossary))
    assert data["replayed"] is False


def test_a_failed_language_is_tried_again_not_replayed(run, inbox):
    """A timeout is not the article's fault: the next run translates it (it used to
    replay the failure until the article changed)."""
    copy_articles(inbox, f"{SLUG}.txt")
    _, data = run(inbox, "--to", "es", "--timeout", "0.01")
    assert _status(data) == "failed"
    _, data = run(inbox, "--to", "es")
    assert data["replayed"] is False
    assert _status(data) == "published"
    assert _entry(run) is not None
    _, data = run(inbox, "--to", "es")
    assert data["replayed"] is True


def test_quiet_replay_prints_what_the_run_printed_without_running(run, inbox, monkeypatch):
    """`run -q` on a replay prints the recorded lines (a held translation's problems)
    and exits as the run did, without going through the articles at all."""
    copy_articles(inbox, "biblioteca-reabre.txt", f"{SLUG}.txt")
    (inbox / "biblioteca-reabre.txt").rename(inbox / "biblioteca.txt")
    args = ["--to", "fr", "--source-lang", "en"]  # one is Spanish: held, with a reason
    first, _ = run(inbox, *args, "-q", as_json=False)
    assert first.exit_code == 1 and "stated as en" in first.stderr

    def no_articles(self, progress=None):
        raise AssertionError("a replay went through the articles")

    monkeypatch.setattr(runner.Job, "run_all", no_articles)
    again, _ = run(inbox, *args, "-q", as_json=False)
    assert again.exit_code == 1
    assert again.stderr == first.stderr and again.stdout == first.stdout


def test_a_damaged_record_is_a_full_run(run, inbox, archive):
    from syndicate.state import lastrun
    from syndicate.state.store import Store

    store = Store(run.state)
    store.put_meta({lastrun.RECORD: '{"version": 1, "run": {"key": 3}}'})
    store.close()
    _, data = run(inbox, "--to", "es")
    assert data["replayed"] is False
    _, data = run(inbox, "--to", "es")
    assert data["replayed"] is True


def test_the_record_lives_in_the_state_not_beside_the_outputs(run, inbox, archive):
    """A copy of the outputs without the state (a backup restored) is a full run."""
    shutil.rmtree(run.state)
    _, data = run(inbox, "--to", "es")
    assert data["replayed"] is False and data["totals"] == archive["totals"]


def test_adding_an_article_processes_it_alone_and_still_sees_an_edit(run, inbox, archive):
    """The record tells which articles stand (their files as recorded): one added is
    processed, the others are not read; an article an editor touched is."""
    edit(run.translations / SLUG / "es.md", MACHINE_LINE, "La moción salió adelante por 23 a 14.")
    copy_articles(inbox, "river-festival.md")
    _, data = run(inbox, "--to", "es")
    unchanged = {a["slug"]: a["unchanged"] for a in data["articles"]}
    assert unchanged == {
        "biblioteca-reabre": True,
        SLUG: False,
        "riverside-festival-returns": False,
    }
    assert _status(data) == "edited"
    assert _status(data, "riverside-festival-returns") == "published"
    desk = (run.translations / "index.html").read_text().split("<tr")
    row = {s: next(r for r in desk if f'data-slug="{s}"' in r) for s in (SLUG, RIVER)}
    assert "badge edited" in row[SLUG] and "badge published" in row[RIVER]
    _, again = run(inbox, "--to", "es")
    assert again["replayed"] is True and _outcome(again) == _outcome(data)


def test_an_edit_made_while_a_run_works_is_seen_by_the_next(run, inbox, archive, monkeypatch):
    """Files are stamped when the run saw them, not when it ends: an editor who saves
    while a run translates another article is not recorded as "nothing changed"."""
    from syndicate.pipeline import Pipeline

    es = run.translations / SLUG / "es.md"
    real = Pipeline.process

    def process(self, path, *args, **kwargs):
        if path.name == "river-festival.md":  # meanwhile, the editor saves
            edit(es, MACHINE_LINE, "La moción salió adelante por 23 a 14.")
        return real(self, path, *args, **kwargs)

    monkeypatch.setattr(Pipeline, "process", process)
    copy_articles(inbox, "river-festival.md")
    _, data = run(inbox, "--to", "es")
    assert _status(data) == "published"  # it stood when the run looked
    monkeypatch.setattr(Pipeline, "process", real)
    _, data = run(inbox, "--to", "es")
    assert data["replayed"] is False and _status(data) == "edited"
