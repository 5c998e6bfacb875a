"""`syndicate run` end to end with real Apertium: outputs, feeds, JSON, exit codes."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import feedparser
import yaml
from click.testing import CliRunner

from syndicate import engines
from syndicate.cli import main

from conftest import ARTICLES, ROOT, NameDroppingEngine, copy_articles, run_command

SAMPLES = ["harbour-bridge-vote.txt", "river-festival.md", "biblioteca-reabre.txt"]


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text().split("---\n")[1])


def test_sample_run_publishes_every_language(run, inbox):
    copy_articles(inbox, *SAMPLES)
    result, data = run(inbox)  # every target syndicate.toml names: what `make run` does
    assert result.exit_code == 0, result.output
    assert data["totals"]["held"] == 0 and data["totals"]["failed"] == 0
    by_slug = {a["slug"]: a for a in data["articles"]}
    assert set(by_slug) == {
        "harbour-bridge-vote",
        "riverside-festival-returns",
        "biblioteca-reabre",
    }
    assert by_slug["biblioteca-reabre"]["source_lang"] == "es"
    assert by_slug["harbour-bridge-vote"]["source_lang"] == "en"
    assert 0.8 < by_slug["harbour-bridge-vote"]["confidence"] <= 1.0
    harbour = {t["lang"]: t for t in by_slug["harbour-bridge-vote"]["targets"]}
    # the source language is not a target
    assert set(harbour) == {"es", "ca", "gl", "eo", "fr", "pt", "it"}
    assert harbour["fr"]["chain"] == "en->es->fr"
    assert harbour["es"]["engine"] == "apertium"
    assert Path(harbour["es"]["paths"]["markdown"]).exists()

    for lang in ["en", "es", "fr", "pt"]:
        rss = feedparser.parse(run.feeds / lang / "rss.xml")
        atom = feedparser.parse(run.feeds / lang / "atom.xml")
        assert not rss.bozo and not atom.bozo
        assert rss.feed.language == lang
        assert len(rss.entries) == len(atom.entries) == 3
    es_atom = feedparser.parse(run.feeds / "es" / "atom.xml")
    ids = {e.id for e in es_atom.entries}
    fr_ids = {e.id for e in feedparser.parse(run.feeds / "fr" / "atom.xml").entries}
    assert len(ids) == 3 and not ids & fr_ids  # stable ids, never shared between languages
    harbour_es = next(e for e in es_atom.entries if "harbour-bridge-vote" in e.id)
    assert harbour_es.author == "Helen Marsh"
    assert "«" in harbour_es.content[0].value
    festival = next(e for e in es_atom.entries if "riverside" in e.id)
    assert festival.published.startswith("2026-11-20T09:30:00")
    rss_es = feedparser.parse(run.feeds / "es" / "rss.xml")
    assert {e.author for e in rss_es.entries} == {"Helen Marsh", "Daniel Brook", "Lucía Martín"}

    md = run.translations / "harbour-bridge-vote" / "es.md"
    meta = front_matter(md)
    assert meta["byline"] == "Por Helen Marsh"
    assert (meta["source_lang"], meta["target_lang"], meta["engine"]) == ("en", "es", "apertium")
    assert meta["chain"] == "en->es" and len(meta["source_hash"]) == 16
    assert meta["fidelity"]["ok"] is True
    assert (run.translations / "harbour-bridge-vote" / "source.md").exists()


def test_seed_article_into_spanish_and_french(run, inbox, seed_path):
    shutil.copy(seed_path, inbox)
    result, data = run(inbox, "--to", "es,fr")
    assert result.exit_code == 0, result.output
    (article,) = data["articles"]
    assert article["source_lang"] == "en"
    for t in article["targets"]:
        assert t["status"] == "published"
        assert t["fidelity"]["quotes"] == "13/13"
        feed = feedparser.parse(run.feeds / t["lang"] / "rss.xml")
        assert feed.entries[0].author == "Tamilla Hasanova"


def test_source_lang_override_skips_detection(run, inbox):
    copy_articles(inbox, "harbour-bridge-vote.txt")
    _, data = run(inbox, "--to", "es", "--source-lang", "en")
    assert data["articles"][0]["confidence"] == 1.0


def test_bad_file_fails_alone_and_exit_code_is_1(run, inbox):
    copy_articles(inbox, "harbour-bridge-vote.txt")
    (inbox / "broken.txt").write_bytes(b"Title\n\xff\xfe\xfd not utf8\n")
    (inbox / "short.txt").write_text("Hi\nOk.\n")
    result, data = run(inbox, "--to", "es")
    assert result.exit_code == 1
    errors = data["errors"]
    assert any(e.startswith("broken.txt: not valid UTF-8") for e in errors)
    assert any(e.startswith("short.txt: ") and "--source-lang" in e for e in errors)
    assert len(feedparser.parse(run.feeds / "es" / "rss.xml").entries) == 1


def test_human_output_and_quiet(run, inbox):
    copy_articles(inbox, "harbour-bridge-vote.txt")
    result, _ = run(inbox, "--to", "es", as_json=False)
    assert "ok   harbour-bridge-vote en->es [apertium:en->es] quotes 6/6" in result.output
    assert "1 articles, 1 published, 0 held, 0 failed" in result.output
    result, _ = run(inbox, "--to", "es", "-q", as_json=False)
    assert result.exit_code == 0 and result.output == ""


def test_usage_errors_exit_2(run, inbox, tmp_path):
    result, _ = run(inbox, "--to", "es,NOT-A-LANG", as_json=False)
    assert result.exit_code == 2 and "not a language code" in result.output
    result, _ = run(tmp_path / "missing", "--to", "es", as_json=False)
    assert result.exit_code == 2 and "no article folder" in result.output
    result, _ = run(inbox, "--engine", "nope", as_json=False)
    assert result.exit_code == 2 and "unknown engine" in result.output


def test_unsupported_target_fails_that_language_only(run, inbox):
    copy_articles(inbox, "harbour-bridge-vote.txt")
    result, data = run(inbox, "--to", "es,ja")
    assert result.exit_code == 1
    targets = {t["lang"]: t for t in data["articles"][0]["targets"]}
    assert targets["es"]["status"] == "published"
    assert targets["ja"]["status"] == "failed"
    assert "no engine translates en->ja" in targets["ja"]["error"]


def test_rerun_translates_nothing_and_rewrites_nothing(run, inbox):
    copy_articles(inbox, "harbour-bridge-vote.txt")
    _, first = run(inbox, "--to", "es,fr")
    assert first["articles"][0]["targets"][0]["segments"]["sent"] > 0
    files = [p for p in run.base.rglob("*") if p.is_file() and "state" not in p.parts]
    before = {p: p.stat().st_mtime_ns for p in files}
    _, second = run(inbox, "--to", "es,fr")
    assert all(t["segments"]["sent"] == 0 for t in second["articles"][0]["targets"])
    assert {p: p.stat().st_mtime_ns for p in files} == before


def test_feed_history_keeps_earlier_items(run, inbox):
    copy_articles(inbox, "harbour-bridge-vote.txt")
    run(inbox, "--to", "es")
    (inbox / "harbour-bridge-vote.txt").unlink()
    copy_articles(inbox, "river-festival.md")
    result, _ = run(inbox, "--to", "es")
    assert result.exit_code == 0
    entries = feedparser.parse(run.feeds / "es" / "atom.xml").entries
    assert len(entries) == 2


def test_failed_check_is_held_not_published(run, inbox, monkeypatch):
    monkeypatch.setitem(engines.ENGINES, "dropper", NameDroppingEngine)
    copy_articles(inbox, "harbour-bridge-vote.txt")
    result, data = run(inbox, "--to", "es", "--engine", "dropper")
    assert result.exit_code == 1
    t = data["articles"][0]["targets"][0]
    assert t["status"] == "held"
    assert t["fidelity"]["ok"] is False and "names" in t["fidelity"]["problems"][0]
    assert feedparser.parse(run.feeds / "es" / "rss.xml").entries == []
    assert front_matter(run.translations / "harbour-bridge-vote" / "es.md")["status"] == "held"
    # --publish-unchecked lets it through.
    result, data = run(inbox, "--to", "es", "--engine", "dropper", "--publish-unchecked")
    assert result.exit_code == 0
    assert len(feedparser.parse(run.feeds / "es" / "rss.xml").entries) == 1


def test_help_on_every_command():
    for cmd in [
        [],
        ["run"],
        ["engines"],
        ["serve"],
        ["models"],
        ["models", "install"],
        ["models", "list"],
        ["models", "available"],
        ["models", "remove"],
        ["review"],
        ["review", "list"],
        ["review", "approve"],
        ["review", "open"],
    ]:
        r = CliRunner().invoke(main, [*cmd, "--help"])
        assert r.exit_code == 0 and "Usage:" in r.output


def test_engines_command_shows_chains():
    r = CliRunner().invoke(main, ["engines", "--to", "es,fr,it"])
    assert r.exit_code == 0
    assert "en->fr: apertium:en->es->fr" in r.output
    assert "en->it: apertium:en->es->it" in r.output


def test_console_script_runs_as_a_subprocess(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    shutil.copy(ARTICLES / "river-festival.md", inbox)
    proc = subprocess.run(
        run_command(tmp_path, inbox, "--to", "gl", "--json"),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "f" / "gl" / "atom.xml").exists()
    assert '"status": "published"' in proc.stdout
