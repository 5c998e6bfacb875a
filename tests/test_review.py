"""The editor's loop and the review desk, end to end, and rendered in real Chromium."""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import time

import feedparser
import pytest
import yaml
from click.testing import CliRunner

from syndicate import engines
from syndicate.cli import main

from conftest import NameDroppingEngine, copy_articles

CHROMIUM = shutil.which("chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MACHINE_LINE = "La moción pasó de largo 23 votos a 14."
EDITED_LINE = "La moción salió adelante por 23 votos a 14."


def meta_of(path):
    return yaml.safe_load(path.read_text().split("---\n")[1])


def review(run, *args):
    r = CliRunner().invoke(main, ["review", *args, "--translations", str(run.translations)])
    return r


def edit(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def feed_text(run, lang="es"):
    (entry,) = feedparser.parse(run.feeds / lang / "atom.xml").entries
    return entry


def test_edit_approve_republish(run, inbox):
    copy_articles(inbox, "harbour-bridge-vote.txt")
    run(inbox, "--to", "es")
    es = run.translations / "harbour-bridge-vote" / "es.md"
    before = feed_text(run)
    edit(
        es, "La moción pasó de largo 23 votos a 14.", "La moción salió adelante por 23 votos a 14."
    )
    r = review(run, "approve", "harbour-bridge-vote", "es")
    assert r.exit_code == 0 and "approved" in r.output
    assert meta_of(es)["status"] == "approved" and meta_of(es)["edited"]
    time.sleep(1.1)  # item times have one-second resolution
    result, data = run(inbox, "--to", "es")
    assert result.exit_code == 0
    assert data["articles"][0]["targets"][0]["status"] == "approved"
    after = feed_text(run)
    assert "salió adelante por 23 votos" in after.content[0].value
    assert after.id == before.id and after.updated != before.updated
    # Machine output never overwrites the edit, run after run.
    run(inbox, "--to", "es")
    assert "salió adelante" in es.read_text()
    assert not (es.parent / "es.machine.md").exists()


def test_stale_after_source_change_keeps_edit_published(run, inbox):
    copy_articles(inbox, "harbour-bridge-vote.txt")
    run(inbox, "--to", "es")
    es = run.translations / "harbour-bridge-vote" / "es.md"
    edit(
        es, "La moción pasó de largo 23 votos a 14.", "La moción salió adelante por 23 votos a 14."
    )
    review(run, "approve", "harbour-bridge-vote", "es")
    run(inbox, "--to", "es")

    edit(inbox / "harbour-bridge-vote.txt", "in March.", "in April.")
    result, data = run(inbox, "--to", "es")
    assert result.exit_code == 0
    assert data["articles"][0]["targets"][0]["status"] == "stale"
    assert meta_of(es)["status"] == "stale" and "salió adelante" in es.read_text()
    machine = es.parent / "es.machine.md"
    assert machine.exists() and "abril" in machine.read_text()
    assert "salió adelante" in feed_text(run).content[0].value  # the edit stays published
    page = (es.parent / "index.html").read_text()
    assert "Source changed" in page and "<del>" in page and "<ins>" in page

    rows = json.loads(review(run, "list", "--json").output)
    assert rows[0]["status"] == "stale" and rows[0]["machine"]

    # The editor approves again (the hash now matches): published, machine copy gone.
    review(run, "approve", "harbour-bridge-vote", "es")
    result, data = run(inbox, "--to", "es")
    assert data["articles"][0]["targets"][0]["status"] == "approved"
    assert not machine.exists()


def test_republish_stale_publishes_machine_output_and_keeps_the_edit(run, inbox):
    copy_articles(inbox, "harbour-bridge-vote.txt")
    run(inbox, "--to", "es")
    es = run.translations / "harbour-bridge-vote" / "es.md"
    edit(es, MACHINE_LINE, "EDITADO por 23 votos a 14.")
    review(run, "approve", "harbour-bridge-vote", "es")
    edit(inbox / "harbour-bridge-vote.txt", "in March.", "in April.")
    result, data = run(inbox, "--to", "es", "--republish-stale")
    assert data["articles"][0]["targets"][0]["status"] == "published"
    assert "EDITADO" not in feed_text(run).content[0].value
    assert "EDITADO" in (es.parent / "es.edited.md").read_text()
    assert meta_of(es)["status"] == "published"


@pytest.fixture
def desk_with_held(run, inbox, monkeypatch):
    """One published article (Apertium) and one held (an engine that drops names)."""
    copy_articles(inbox, "river-festival.md")
    run(inbox, "--to", "es")
    (inbox / "river-festival.md").unlink()
    copy_articles(inbox, "harbour-bridge-vote.txt")
    monkeypatch.setitem(engines.ENGINES, "dropper", NameDroppingEngine)
    result, _ = run(inbox, "--to", "es", "--engine", "dropper")
    assert result.exit_code == 1
    return run


def test_held_first_on_the_desk(desk_with_held):
    run = desk_with_held
    rows = json.loads(review(run, "list", "--json").output)
    assert [(r["slug"], r["status"]) for r in rows] == [
        ("harbour-bridge-vote", "held"),
        ("riverside-festival-returns", "published"),
    ]
    assert rows[0]["problems"] and rows[0]["checks"]["names"] != "4/4"
    text = review(run, "list").output
    assert text.splitlines()[0].startswith("held")
    desk = (run.translations / "index.html").read_text()
    assert desk.index("harbour-bridge-vote") < desk.index("riverside-festival-returns")
    r = review(run, "open", "harbour-bridge-vote")
    assert r.output.startswith("file://") and "harbour-bridge-vote/index.html" in r.output


def test_review_errors_are_clear(run):
    r = review(run, "approve", "nope", "es")
    assert r.exit_code == 1 and "no translation" in r.output


def png_size(path):
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.skipif(not CHROMIUM, reason="chromium: run `make setup`")
def test_review_page_in_headless_chromium(desk_with_held, tmp_path):
    run = desk_with_held
    page = run.translations / "harbour-bridge-vote" / "index.html"
    flags = [*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run(
        [CHROMIUM, *flags, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert "<html" in dom
    (section,) = re.findall(r'<section class="lang" id="es" data-status="(\w+)"', dom)
    assert section == "held"
    rows = re.findall(r'<tr class="(flag)?" data-row="(\d+)">', dom)
    assert [int(n) for _, n in rows] == list(range(8))  # title + 7 paragraphs, each paired
    src_cells = re.findall(r'<td class="src">(.*?)</td>', dom)
    tgt_cells = re.findall(r'<td class="tgt" lang="es">(.*?)</td>', dom)
    assert len(src_cells) == len(tgt_cells) == 8
    for s, t in zip(src_cells, tgt_cells, strict=True):
        assert re.findall(r'data-q="(\d+)"', s) == re.findall(r'data-q="(\d+)"', t)
    assert len(set(re.findall(r'data-q="(\d+)"', dom))) == 6
    assert any(kind == "flag" for kind, _ in rows)
    assert "names missing" in dom or "name missing" in dom
    assert 'class="badge held"' in dom
    assert '<mark class="name">Mark Stone</mark>' in dom

    shot = tmp_path / "review.png"
    subprocess.run(
        [
            CHROMIUM,
            *flags,
            "--hide-scrollbars",
            "--window-size=1280,900",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert png_size(shot) == (1280, 900)
    assert shot.stat().st_size > 30_000  # a rendered page, not a blank one
