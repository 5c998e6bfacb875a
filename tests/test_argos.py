"""The Argos engine for real: packages this test builds (SentencePiece + CTranslate2),
installed with argostranslate, run by syndicate. No download: the network is blocked."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import threading
import time
import zipfile
from pathlib import Path

import feedparser
import pytest
from argos_builder import build_package
from click.testing import CliRunner

from syndicate.cli import main
from syndicate.engines import models
from syndicate.engines.argos import ArgosEngine, installed_packages

from conftest import EXE, copy_articles


def cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("argosmodels")
    return {
        "en-de": build_package(out, "en", "de", "hallo welt"),
        "fr-en": build_package(out, "fr", "en", "hello world"),
        "en-es": build_package(out, "en", "es", "hola mundo"),
        "en-la": build_package(out, "en", "la", "salve munde", target_prefix="__la__"),
    }


@pytest.fixture(scope="module")
def installed(built):
    """en->de and fr->en installed for the module; removed after, so the other test
    modules keep routing through Apertium."""
    for key in ("en-de", "fr-en", "en-la"):
        assert cli("models", "install", str(built[key])).exit_code == 0
    yield built
    for src, tgt in (("en", "de"), ("fr", "en"), ("en", "la")):
        cli("models", "remove", src, tgt)


def test_install_list_remove_from_file(built):
    r = cli("models", "install", str(built["en-es"]))
    assert r.exit_code == 0 and r.output.strip() == "installed en->es v1.0"
    rows = json.loads(cli("models", "list", "--json").output)
    (row,) = [r for r in rows if (r["from"], r["to"]) == ("en", "es")]
    assert row["version"] == "1.0" and row["size"] > 100_000
    assert Path(row["path"], "model", "model.bin").exists()
    assert "en->es  v1.0" in cli("models", "list").output
    r = cli("models", "remove", "en", "es")
    assert r.exit_code == 0 and "removed en->es" in r.output
    assert ("en", "es") not in installed_packages()
    r = cli("models", "remove", "en", "es")
    assert r.exit_code == 1 and "no installed en->es package" in r.output


def test_bad_archives_are_refused(tmp_path):
    junk = tmp_path / "junk.argosmodel"
    junk.write_bytes(b"not a zip")
    r = cli("models", "install", str(junk))
    assert r.exit_code == 1 and "not a zip archive" in r.output
    empty = tmp_path / "empty.argosmodel"
    with zipfile.ZipFile(empty, "w") as z:
        z.writestr("pkg/README.md", "hi")
    r = cli("models", "install", str(empty))
    assert r.exit_code == 1 and "no metadata.json" in r.output
    evil = tmp_path / "evil.argosmodel"
    with zipfile.ZipFile(evil, "w") as z:
        z.writestr("pkg/metadata.json", '{"from_code": "en", "to_code": "de"}')
        z.writestr("../escape.txt", "x")
    r = cli("models", "install", str(evil))
    assert r.exit_code == 1 and "outside" in r.output


def test_engine_translates_exactly_in_one_batch(installed):
    engine = ArgosEngine()
    assert {("en", "de"), ("fr", "en")} <= engine.pairs()
    out = engine.translate(["The dog sleeps. The house is red.", "Good morning"], "en", "de")
    assert out == ["hallo welt hallo welt", "hallo welt"]
    loaded = dict(engine._loaded)
    engine.translate(["Again."], "en", "de")
    assert engine._loaded == loaded and len(loaded) == 1  # the translator stays loaded


def test_target_prefix_is_honoured_and_stripped(installed):
    assert ArgosEngine().translate(["The dog sleeps."], "en", "la") == ["salve munde"]


def test_engine_choice_and_pivot(installed, built):
    r = cli("engines", "--from", "fr", "--to", "de,es")
    assert "fr->de: argos:fr->en->de" in r.output  # Argos pivot via en
    assert "fr->es: apertium:fr->es" in r.output
    r = cli("engines", "--to", "es")
    assert "en->es: apertium:en->es" in r.output
    cli("models", "install", str(built["en-es"]))
    try:
        assert "en->es: argos:en->es" in cli("engines", "--to", "es").output
        forced = cli("engines", "--to", "es", "--engine", "apertium").output
        assert "en->es: apertium:en->es" in forced
    finally:
        cli("models", "remove", "en", "es")


def test_full_run_with_argos_produces_feeds(installed, run, inbox):
    copy_articles(inbox, "harbour-bridge-vote.txt")
    result, data = run(inbox, "--to", "de", "--engine", "argos")
    assert result.exit_code == 0, result.output
    (t,) = data["articles"][0]["targets"]
    assert (t["engine"], t["chain"], t["status"]) == ("argos", "en->de", "published")
    assert t["fidelity"]["quotes"] == "6/6" and t["fidelity"]["names"] == "4/4"
    md = Path(t["paths"]["markdown"]).read_text()
    # A paragraph with a number: translated around it, the number kept.
    assert "\nHallo welt 40\u00a0% hallo welt\n" in md  # CLDR: de spaces the percent sign
    # Names the model lost are repaired; quotes in German marks.
    assert "Mark Stone" in md and "„hallo welt“" in md
    entry = feedparser.parse(run.feeds / "de" / "atom.xml").entries[0]
    assert entry.author == "Helen Marsh" and "Mark Stone" in entry.content[0].value


def test_argos_pivot_run(installed, run, inbox):
    (inbox / "note.md").write_text(
        "---\ntitle: Le conseil vote\nlang: fr\nauthor: Anne Roy\n---\n\n"
        "Le conseil a approuvé le budget du nouveau pont mardi.\n"
    )
    result, data = run(inbox, "--to", "de", "--engine", "argos")
    assert result.exit_code == 0, result.output
    (t,) = data["articles"][0]["targets"]
    assert t["chain"] == "fr->en->de"
    assert Path(t["paths"]["markdown"]).read_text().rstrip().endswith("Hallo welt\n\nVon Anne Roy")


def test_offline_index_fails_fast_with_a_clear_line():
    started = time.monotonic()
    r = subprocess.run([EXE, "models", "available"], capture_output=True, text=True, timeout=30)
    assert time.monotonic() - started < 10
    assert r.returncode == 1
    (line,) = r.stderr.strip().splitlines()
    assert "offline" in line and "syndicate models install ./" in line
    r = subprocess.run([EXE, "models", "install", "en", "it"], capture_output=True, text=True)
    assert r.returncode == 1 and "offline" in r.stderr


def test_stalled_network_is_bounded_too():
    """A server that accepts and never answers: argostranslate alone would hang."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    held = []
    threading.Thread(target=lambda: held.append(server.accept()), daemon=True).start()
    env = {
        **os.environ,
        "SYNDICATE_NETWORK_TIMEOUT": "2",
        "ARGOS_PACKAGE_INDEX": f"http://127.0.0.1:{server.getsockname()[1]}/",
    }
    started = time.monotonic()
    r = subprocess.run(
        [EXE, "models", "available"], capture_output=True, text=True, env=env, timeout=30
    )
    assert r.returncode == 1 and "offline" in r.stderr
    assert 1.5 < time.monotonic() - started < 8
    server.close()
    assert models.NETWORK_TIMEOUT <= 10


def test_one_batch_for_the_whole_run(installed, run, inbox, monkeypatch):
    """Every article's segments go to the package in one call, before any article."""
    from syndicate import engines
    from syndicate.engines.argos import ArgosEngine as Real

    calls: list[list[str]] = []

    class Spy(Real):
        def translate(self, segs, src, tgt):
            calls.append(list(segs))
            return super().translate(segs, src, tgt)

    monkeypatch.setitem(engines.ENGINES, "argos", Spy)
    copy_articles(inbox, "harbour-bridge-vote.txt", "river-festival.md")
    result, _ = run(inbox, "--to", "de", "--engine", "argos")
    assert result.exit_code == 0
    first = calls[0]
    assert any(s.startswith("Council approves") for s in first)
    assert any(s.startswith("Riverside festival returns") for s in first)
    # The articles' own passes found the whole segments in the memory: later calls
    # only carry the pieces around names and numbers.
    assert not set(first) & {s for c in calls[1:] for s in c}
