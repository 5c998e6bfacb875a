"""`syndicate run` end to end with real Apertium: outputs, feeds, JSON, exit codes."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest
import yaml
from click.testing import CliRunner

from syndicate import engines
from syndicate.cli import main

from conftest import (
    ARTICLES,
    ROOT,
    NameDroppingEngine,
    copy_articles,
    outputs_of,
    run_command,
)

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
    assert harbour["fr"]["chain"] == "en->ca->fr"
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
    assert "1 article, 1 published, 0 held, 0 failed" in result.output
    result, _ = run(inbox, "--to", "es", "-q", as_json=False)
    assert result.exit_code == 0 and result.output == ""


def test_usage_errors_exit_2(run, inbox, tmp_path):
    result, _ = run(inbox, "--to", "es,NOT-A-LANG", as_json=False)
    assert result.exit_code == 2 and "not a language code" in result.output
    result, _ = run(tmp_path / "missing", "--to", "es", as_json=False)
    assert result.exit_code == 2 and "no article file or folder" in result.output
    result, _ = run(inbox, "--engine", "nope", as_json=False)
    assert result.exit_code == 2 and "unknown engine" in result.output


@pytest.mark.parametrize(
    "to, says",
    [
        ("xx,,es", "empty language code"),
        ("", "--to needs language codes"),
        (",", "--to needs language codes"),
        ("es,ja", "no installed engine translates into ja; installed languages: ca, en, eo"),
    ],
)
def test_targets_that_cannot_be_served_are_usage_errors(run, inbox, to, says):
    """Was: `--to xx,,es` failed per article, `--to ''` meant every configured target."""
    copy_articles(inbox, "harbour-bridge-vote.txt")
    result, _ = run(inbox, "--to", to, as_json=False)
    assert result.exit_code == 2 and says in result.output
    assert not run.feeds.exists()  # nothing ran


def test_a_missing_glossary_is_a_usage_error(run, inbox, tmp_path):
    copy_articles(inbox, "harbour-bridge-vote.txt")
    result, _ = run(
        inbox, "--to", "es", "--glossary", str(tmp_path / "missing.toml"), as_json=False
    )
    assert (
        result.exit_code == 2 and "no glossary" in result.output and "missing.toml" in result.output
    )


def test_single_files_and_folders_any_number(run, inbox, tmp_path):
    copy_articles(inbox, "harbour-bridge-vote.txt", "river-festival.md")
    other = tmp_path / "other"
    other.mkdir()
    copy_articles(other, "biblioteca-reabre.txt")
    result, data = run(inbox / "river-festival.md", "--to", "es")
    assert result.exit_code == 0
    assert [a["slug"] for a in data["articles"]] == ["riverside-festival-returns"]
    result, data = run(inbox / "harbour-bridge-vote.txt", "--to", "es", str(other))
    assert result.exit_code == 0
    assert sorted(a["slug"] for a in data["articles"]) == [
        "biblioteca-reabre",
        "harbour-bridge-vote",
    ]
    # riverside-festival-returns was not part of this run: not an orphan.
    assert data["orphans"] == []
    assert len(feedparser.parse(run.feeds / "es" / "atom.xml").entries) == 3
    result, _ = run(inbox / "river-festival.md", "--prune", as_json=False)
    assert result.exit_code == 2 and "--prune needs the whole article folder" in result.output


def test_summary_counts_unreadable_articles_as_failed(run, inbox):
    copy_articles(inbox, "harbour-bridge-vote.txt")
    (inbox / "empty.txt").write_text("")
    result, data = run(inbox, "--to", "es", as_json=False)
    assert result.exit_code == 1
    assert "2 articles, 1 published, 0 held, 1 failed" in result.output
    _, data = run(inbox, "--to", "es")
    assert data["totals"]["errors"] == 1 and data["totals"]["failed"] == 1


def test_stated_source_language_the_text_contradicts_is_held(run, inbox):
    """`--source-lang en` on a Spanish article published nonsense with every check ok."""
    copy_articles(inbox, "biblioteca-reabre.txt")
    result, data = run(inbox, "--to", "fr", "--source-lang", "en")
    assert result.exit_code == 1
    (t,) = data["articles"][0]["targets"]
    assert t["status"] == "held"
    assert "stated as en, but the text reads as es" in t["fidelity"]["problems"][0]


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
    r = CliRunner().invoke(main, ["engines", "--to", "en,es,fr,it"])
    assert r.exit_code == 0
    assert "en->fr: apertium:en->ca->fr" in r.output
    assert "en->it: apertium:en->ca->it" in r.output
    assert "en->en" not in r.output  # the source is not its own target


@pytest.mark.parametrize("port", ["99999", "-1"])
def test_serve_on_an_impossible_port_is_one_line(port):
    r = CliRunner().invoke(main, ["serve", "--port", port])
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "--port" in r.output and "0<=x<=65535" in r.output


def test_serve_on_a_taken_port_is_one_line(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        r = CliRunner().invoke(main, ["serve", "--port", port], catch_exceptions=False)
    assert r.exit_code == 1 and f"cannot listen on 127.0.0.1:{port}" in r.output


def test_progress_bar_and_result_lines_in_a_real_terminal(tmp_path):
    """Under a pseudo-terminal: each result line on a line of its own (was printed onto
    the bar: "Translating [#---] 3%ok strike-11 ..."), and the bar ends at 100% (it
    stopped at 50%: the source language ticked nothing)."""
    import pty
    import select

    inbox = tmp_path / "in"
    inbox.mkdir()
    copy_articles(inbox, "harbour-bridge-vote.txt", "river-festival.md")
    (inbox / "empty.txt").write_text("")
    main_fd, child_fd = pty.openpty()
    proc = subprocess.Popen(
        run_command(tmp_path, inbox, "--to", "en,es,gl"),
        stdin=child_fd,
        stdout=child_fd,
        stderr=child_fd,
        cwd=ROOT,
        env={**os.environ, "COLUMNS": "100"},
    )
    os.close(child_fd)
    out = b""
    while True:
        ready, _, _ = select.select([main_fd], [], [], 120)
        if not ready:
            break
        try:
            chunk = os.read(main_fd, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=60)
    os.close(main_fd)
    text = out.decode("utf-8", "replace").replace("\r\n", "\n")
    # What a reader sees on each line: the text after the last carriage return/clear.
    lines = [line.split("\r")[-1].replace("\x1b[K", "") for line in text.split("\n")]
    results = [line for line in lines if "harbour-bridge-vote" in line or "empty.txt" in line]
    assert results and not [line for line in results if "Translating" in line], text
    bars = [chunk for chunk in text.replace("\n", "\r").split("\r") if "Translating" in chunk]
    assert bars and "100%" in bars[-1], bars[-3:]


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


def test_failed_articles_are_on_the_review_desk(run, inbox):
    """They were counted in the summary but never shown where the editor looks."""
    copy_articles(inbox, "harbour-bridge-vote.txt")
    (inbox / "empty.txt").write_text("")
    (inbox / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    run(inbox, "--to", "es")
    desk = (run.translations / "index.html").read_text()
    rows = desk.split("<tr")
    failed = [r for r in rows if 'class="held failed"' in r]
    assert len(failed) == 2, failed
    assert "empty.txt" in failed[0] + failed[1] and "photo.txt" in failed[0] + failed[1]
    assert all("badge failed" in r for r in failed)
    assert desk.index("empty.txt") < desk.index("harbour-bridge-vote")  # failures first
    (inbox / "empty.txt").unlink()
    (inbox / "photo.txt").unlink()
    (inbox / "river.txt").write_text("")  # a new failure: the desk is rebuilt without the old
    run(inbox, "--to", "es")
    desk = (run.translations / "index.html").read_text()
    assert "river.txt" in desk and "empty.txt" not in desk and "photo.txt" not in desk


RIVER = "riverside-festival-returns"  # river-festival.md's slug, from its front matter


def test_a_new_article_renders_only_its_own_page(run, inbox, monkeypatch):
    """Every run rendered every article's desk page again (11 ms each: two minutes for
    a new story in a 10,000-article archive)."""
    from syndicate.desk import pages as desk

    copy_articles(inbox, "harbour-bridge-vote.txt", "river-festival.md")
    run(inbox, "--to", "es")
    rendered = []
    real = desk.article_page
    monkeypatch.setattr(desk, "article_page", lambda f, g: rendered.append(f.name) or real(f, g))
    copy_articles(inbox, "biblioteca-reabre.txt")
    run(inbox, "--to", "fr")  # another target: every article is processed, every page
    assert sorted(rendered) == ["biblioteca-reabre", "harbour-bridge-vote", RIVER]
    rendered.clear()
    (inbox / "later.txt").write_text(
        "Council opens new park\nThe council opened a new park on Friday, the mayor said.\n"
        "By Ana Gil\n"
    )
    run(inbox, "--to", "fr")
    assert rendered == ["later"]
    index = (run.translations / "index.html").read_text()
    assert all(s in index for s in ["later", "harbour-bridge-vote", "biblioteca-reabre"])
    (run.translations / RIVER / "index.html").unlink()  # a missing page comes back
    run(inbox, "--to", "fr")
    assert rendered == ["later", RIVER]


def test_the_desk_index_parses_only_review_files_that_changed(run, inbox, monkeypatch):
    """The index read every review file's front matter on every run (12 s at 5,000
    articles); it remembers them by size and time, and still sees an editor's edit."""
    from syndicate.desk import review

    copy_articles(inbox, "harbour-bridge-vote.txt", "river-festival.md")
    run(inbox, "--to", "es")
    parsed = []
    real = review._read
    monkeypatch.setattr(review, "_read", lambda p: parsed.append(p) or real(p))
    copy_articles(inbox, "biblioteca-reabre.txt")
    run(inbox, "--to", "es")
    assert {p.parent.name for p in parsed} == {"biblioteca-reabre"}, parsed
    es = run.translations / "harbour-bridge-vote" / "es.md"
    es.write_text(es.read_text().replace("status: published", "status: approved"))
    parsed.clear()
    run(inbox, "--to", "es")
    assert es in parsed
    index = (run.translations / "index.html").read_text()
    row = next(r for r in index.split("<tr") if 'data-slug="harbour-bridge-vote"' in r)
    assert "badge approved" in row, row
    (run.state / "desk-index.json").write_text("{not json")  # damaged: everything read again
    (run.translations / "index.html").unlink()
    parsed.clear()
    run(inbox, "--to", "es")
    assert len({p.parent.name for p in parsed}) == 3


@pytest.mark.parametrize("persistent", ["0", "1"])
def test_jobs_give_the_outputs_of_one_job(inbox, tmp_path, monkeypatch, persistent):
    """With Apertium started for each call, the outputs are byte for byte those of one
    job. Kept running, its transfer carries state from one call to the next (upstream:
    apertium/apertium#101), so a word may differ with what a pipeline translated before;
    every article's checks and status are still the same."""
    from conftest import Run

    monkeypatch.setenv("SYNDICATE_APERTIUM_PERSISTENT", persistent)
    copy_articles(inbox, *SAMPLES, "council-budget.md", "tram-line-opens.html")
    one, two = Run(tmp_path / "one"), Run(tmp_path / "two")
    r1, d1 = one(inbox, "--to", "es,fr,gl", "--jobs", "1")
    r2, d2 = two(inbox, "--to", "es,fr,gl", "--jobs", "2")
    assert r1.exit_code == r2.exit_code == 0

    def checks(data):
        return [
            (a["slug"], t["lang"], t["status"], t["fidelity"]["ok"], t["fidelity"]["quotes"])
            for a in data["articles"]
            for t in a["targets"]
        ]

    assert checks(d1) == checks(d2) and len(checks(d1)) == 14  # biblioteca is Spanish
    a, b = outputs_of(one), outputs_of(two)
    assert len(a) > 20 and a.keys() == b.keys()
    if persistent == "0":
        assert [k for k in a if a[k] != b[k]] == []
    # the worker's writes reached the state: a rerun translates nothing
    r3, d3 = two(inbox, "--to", "es,fr,gl", "--jobs", "2")
    assert all(x.get("unchanged") for x in d3["articles"])


def test_jobs_keep_an_editors_edit(run, inbox):
    copy_articles(inbox, "harbour-bridge-vote.txt", "river-festival.md")
    run(inbox, "--to", "es", "--jobs", "2")
    es = run.translations / "harbour-bridge-vote" / "es.md"
    text = es.read_text()
    edited = text.replace("\n# ", "\n# EDITADO ", 1)
    es.write_text(edited)
    src = inbox / "harbour-bridge-vote.txt"
    src.write_text(src.read_text().replace("heated debate", "long debate"))
    result, data = run(inbox, "--to", "es", "--jobs", "2")
    assert es.read_text() == edited  # never overwritten
    assert (es.parent / "es.machine.md").exists()
    (t,) = next(a for a in data["articles"] if a["slug"] == "harbour-bridge-vote")["targets"]
    assert t["status"] in ("edited", "stale")


def test_files_that_are_not_articles_are_each_named_as_skipped(run, inbox):
    copy_articles(inbox, "harbour-bridge-vote.txt")
    (inbox / "notes.docx").write_bytes(b"PK\x03\x04")
    (inbox / "partner.xml").write_text("<rss version='2.0'><channel/></rss>")
    (inbox / ".draft.txt").write_text("Draft\nNot ready.\n")
    (inbox / "archive").mkdir()
    result, _ = run(inbox, "--to", "es", as_json=False)
    for name, why in [
        ("notes.docx", "not an article file"),
        ("partner.xml", "syndicate run FILE"),
        (".draft.txt", "hidden"),
        ("archive", "a folder"),
    ]:
        assert any(
            line.startswith(f"skipped: {name}: ") and why in line
            for line in result.output.splitlines()
        ), (name, result.output)
    assert "4 other files skipped" in result.output
    _, data = run(inbox, "--to", "es")  # a replayed run says the same
    assert data["totals"]["skipped"] == 4 and len(data["skipped"]) == 4


@pytest.mark.parametrize(
    "settings, says",
    [
        ("[syndicate]\nmax_items = [1]\n", "max_items must be a whole number"),
        ("[syndicate]\narticles = 5\n", "articles must be a folder or file path"),
        ("[syndicate]\nengine_timeout = -1\n", "engine_timeout must be more than 0"),
        ("[syndicate]\ntargets = 'es'\n", "targets must be a list of strings"),
        ('[[sources]]\nurl = "https://example.org/rss"\ntimeout = -1\n', "timeout must be"),
        ('[[sources]]\nurl = "ftp://example.org/rss"\n', "is not an http(s) URL"),
        ('[[sources]]\nurl = "http://[::1"\n', "is not a valid URL"),  # found by test_fuzz
        ('[[sources]]\nurl = "https://news.example:rss/feed"\n', "is not a valid URL"),
        ('[[sources]]\nurl = "https:///feed"\n', "has no host"),
        ("[syndicate\nbroken", "cannot read settings"),
    ],
)
@pytest.mark.parametrize(
    "command", [["run"], ["serve", "--port", "0"], ["review", "list"], ["engines"]]
)
def test_bad_settings_are_one_line_in_every_command(tmp_path, monkeypatch, settings, says, command):
    (tmp_path / "syndicate.toml").write_text(settings)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 2, (result.output, result.exception)
    assert (
        "Traceback" not in result.output
        and result.exception is None
        or isinstance(result.exception, SystemExit)
    )
    assert says in result.output, result.output
    assert len([line for line in result.output.splitlines() if line.strip()]) == 1


@pytest.mark.parametrize("url", ["http://[::1", "https://news.example:rss/feed", "http:///rss"])
def test_a_feed_url_that_cannot_be_fetched_is_one_line(tmp_path, monkeypatch, url):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["run", url, "--to", "es"])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.output
    assert result.output.startswith(f"Error: feed {url!r} "), result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_source_language_no_engine_reads_is_a_usage_error(run, inbox):
    copy_articles(inbox, "harbour-bridge-vote.txt")
    result, _ = run(inbox, "--to", "es", "--source-lang", "xx", as_json=False)
    assert result.exit_code == 2, result.output
    assert "--source-lang xx: no installed engine translates from it" in result.output


def test_serve_warns_when_the_feeds_link_to_another_port():
    from syndicate.cli import _base_url_mismatch

    warning = _base_url_mismatch("http://127.0.0.1:8080/", 9000)
    assert warning and 'base_url = "http://127.0.0.1:9000/"' in warning
    assert _base_url_mismatch("http://127.0.0.1:8080/", 8080) is None
    assert _base_url_mismatch("https://news.example.org/", 9000) is None  # a public site


def test_a_second_state_cannot_rebuild_the_feeds_of_another(run, inbox, tmp_path):
    """Two state folders publishing into one feeds/ cut the es feed from 5 items to 1."""
    copy_articles(inbox, "harbour-bridge-vote.txt", "river-festival.md")
    run(inbox, "--to", "es")
    before = (run.feeds / "es" / "atom.xml").read_text()
    other = tmp_path / "other-inbox"
    other.mkdir()
    copy_articles(other, "biblioteca-reabre.txt")
    result = CliRunner().invoke(
        main,
        ["run", str(other), "--to", "es", "--feeds", str(run.feeds), "--translations",
         str(run.translations), "--state", str(tmp_path / "another-state")],
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "is written from the state in" in result.output and "--state" in result.output
    assert (run.feeds / "es" / "atom.xml").read_text() == before


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_large_article_is_announced_before_the_wait(run, inbox, monkeypatch, jobs):
    """A 2 MB article ran 348 s with no output at all; with workers too."""
    from syndicate import runner

    monkeypatch.setattr(runner, "LARGE_ARTICLE", 500)  # the samples are a few KB
    copy_articles(inbox, "harbour-bridge-vote.txt", "river-festival.md")
    result, _ = run(inbox, "--to", "es", "--jobs", jobs, as_json=False)
    lines = result.output.splitlines()
    first = next(i for i, x in enumerate(lines) if x.startswith("translating harbour-bridge-vote"))
    assert "a large article, this takes a while" in lines[first]
    assert first < next(
        i for i, x in enumerate(lines) if "harbour-bridge-vote" in x and "->es" in x
    )


def test_a_copied_project_runs_as_before(run, inbox, tmp_path):
    """State and outputs copied together share the state's id: the copy is not refused
    (the original still exists beside it)."""
    import json
    import shutil

    copy_articles(inbox, "harbour-bridge-vote.txt")
    run(inbox, "--to", "es")
    copy = tmp_path / "copy"
    for name in ("feeds", "translations", "state"):
        shutil.copytree(getattr(run, name), copy / name)
    result = CliRunner().invoke(
        main,
        ["run", str(inbox), "--to", "es", "--feeds", str(copy / "feeds"), "--translations",
         str(copy / "translations"), "--state", str(copy / "state"), "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["totals"]["published"] >= 1
