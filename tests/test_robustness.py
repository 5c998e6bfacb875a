"""Nothing lost: bad input, engines that fail or hang, concurrent runs, SIGKILL mid-run."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import badinput
import feedparser
import pytest
from lxml import etree

from syndicate.state.store import MIGRATIONS, Store

from conftest import EXE, ROOT, copy_articles, run_command, write_wires


def test_bad_input_one_line_each_and_everything_else_publishes(run, inbox):
    copy_articles(inbox, "harbour-bridge-vote.txt")
    run(inbox, "--to", "es")  # an earlier item, which must survive
    (inbox / "harbour-bridge-vote.txt").unlink()
    expected = badinput.build(inbox)
    result, data = run(inbox, "--to", "es")
    assert result.exit_code == 1
    by_file = {Path(a["file"]).name: a for a in data["articles"]}
    assert set(by_file) == set(expected)
    for name, reason in expected.items():
        a = by_file[name]
        errors = [a["error"]] if a["error"] else [t["error"] for t in a["targets"] if t["error"]]
        if reason is None:
            assert not errors, (name, errors)
            assert a["targets"][0]["status"] == "published", name
        else:
            assert len(errors) == 1, (name, errors)
            assert errors[0].startswith(f"{name}: ") and reason in errors[0], errors[0]
            assert "\n" not in errors[0]
    # The same lines for a human, one per bad file.
    result, _ = run(inbox, "--to", "es", as_json=False)
    lines = [ln for ln in result.output.splitlines() if ln.startswith("error: ")]
    assert len(lines) == sum(r is not None for r in expected.values())
    # Earlier items stay; the good files joined them; the feeds stay well-formed.
    entries = feedparser.parse(run.feeds / "es" / "atom.xml").entries
    slugs = {e.id.split(":")[-1].split("/")[0] for e in entries}
    assert slugs == {"harbour-bridge-vote", "utf16", "no-byline", "controls", "script"}
    for f in run.feeds.glob("*/*.xml"):
        etree.parse(str(f))
        assert b"\x01" not in f.read_bytes() and b"<script>" not in f.read_bytes()


@pytest.mark.skipif(not shutil.which("setpriv"), reason="needs setpriv (util-linux)")
def test_unreadable_file_is_reported(tmp_path):
    # Root reads any file: run as nobody so the permission bits mean something.
    base = Path(tempfile.mkdtemp(prefix="syndicate-perm-"))
    try:
        inbox = base / "inbox"
        inbox.mkdir()
        copy_articles(inbox, "harbour-bridge-vote.txt")
        (inbox / "secret.txt").write_text(badinput.GOOD)
        (inbox / "secret.txt").chmod(0)
        for p in [base, inbox, *inbox.iterdir()]:
            if p.name != "secret.txt":
                p.chmod(0o777 if p.is_dir() else 0o644)
        cmd = run_command(base, inbox, "--to", "es", "--json")
        if os.geteuid() == 0:
            as_nobody = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
            probes = [[EXE, "--version"], ["test", "-r", str(ROOT / "syndicate.toml")]]
            if any(
                subprocess.run([*as_nobody, *p], capture_output=True, cwd=base).returncode
                for p in probes
            ):
                pytest.skip("user nobody cannot reach this checkout (a private temp dir?)")
            cmd = [*as_nobody, *cmd]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=base)
        assert proc.returncode == 1, proc.stderr
        data = json.loads(proc.stdout)
        assert data["errors"] == ["secret.txt: permission denied; check the file's read permission"]
        assert data["totals"]["published"] == 1
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_permission_error_message(tmp_path, monkeypatch):
    """The message itself, wherever the process runs (root reads every file)."""
    from syndicate.sources.articles import ArticleError, read_article

    p = tmp_path / "locked.txt"
    p.write_text(badinput.GOOD)

    def deny(*args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("syndicate.sources.articles.read_inside", deny)
    with pytest.raises(ArticleError, match=r"^locked.txt: permission denied; check the file"):
        read_article(p)


HANG = f"{60 + random.random():.6f}"  # a sleep no other process on the machine runs


def fake_apertium(folder: Path, mode: str, behaviour: str) -> dict:
    """An Apertium that hangs or dies for one mode and is real otherwise, both ways a mode
    runs: the one-shot run reads the mode file (a modes folder where that one mode's
    pipeline is the action, the others the real ones), the persistent pipeline asks
    `apertium-wblank-mode` for its script (a PATH entry that answers with the action)."""
    from syndicate.engines.apertium import MODES_DIR

    folder.mkdir(exist_ok=True)
    action = {
        "hang": f"sleep {HANG}",
        "die": "echo 'lt-proc: killed' >&2; kill -9 $$",
    }[behaviour]
    modes = folder / "modes"
    modes.mkdir()
    for real in MODES_DIR.glob("*.mode"):
        (modes / real.name).symlink_to(real)
    (modes / f"{mode}.mode").unlink()
    (modes / f"{mode}.mode").write_text(action + "\n")
    wblank = folder / "apertium-wblank-mode"
    wblank.write_text(
        "#!/bin/sh\n"
        f'case "$*" in *"/{mode}.mode"*) echo "{action}"; exit 0;; esac\n'
        'exec /usr/bin/apertium-wblank-mode "$@"\n'
    )
    wblank.chmod(0o755)
    return {**os.environ, "PATH": f"{folder}:{os.environ['PATH']}", "APERTIUM_MODES": str(modes)}


@pytest.mark.parametrize("persistent", ["1", "0"])
@pytest.mark.parametrize(
    "behaviour, message",
    [
        ("hang", "apertium spa-cat timed out after 2s"),
        ("die", "apertium spa-cat failed"),
    ],
)
def test_engine_that_hangs_or_dies_fails_that_language_only(
    tmp_path, behaviour, message, persistent
):
    inbox = tmp_path / "in"
    inbox.mkdir()
    copy_articles(inbox, "harbour-bridge-vote.txt", "river-festival.md")
    env = fake_apertium(tmp_path / "bin", "spa-cat", behaviour)  # ca goes en->es->ca
    env["SYNDICATE_APERTIUM_PERSISTENT"] = persistent
    started = time.monotonic()
    proc = subprocess.run(
        run_command(tmp_path, inbox, "--to", "es,ca", "--timeout", "2", "--json"),
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert time.monotonic() - started < 30
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    for article in data["articles"]:
        targets = {t["lang"]: t for t in article["targets"]}
        assert targets["es"]["status"] == "published"
        assert targets["ca"]["status"] == "failed" and message in targets["ca"]["error"]
    assert len(feedparser.parse(tmp_path / "f" / "es" / "rss.xml").entries) == 2
    leftover = subprocess.run(["pgrep", "-f", f"sleep {HANG}"], capture_output=True, text=True)
    assert leftover.stdout.strip() == ""  # the whole pipeline was killed, not just the shell


def test_second_run_on_same_state_exits_or_waits(run, inbox):
    copy_articles(inbox, "river-festival.md")
    # Another process holds the state for a second and a half.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from syndicate.state.store import Store;"
            f"s = Store(Path({str(run.state)!r})); print('held', flush=True); time.sleep(1.5)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    result, _ = run(inbox, "--to", "es", as_json=False)
    assert result.exit_code == 1
    assert "another syndicate run is using" in result.output and "--wait" in result.output
    started = time.monotonic()
    result, _ = run(inbox, "--to", "es", "--wait", as_json=False)
    assert result.exit_code == 0
    assert "Waiting for another syndicate run" in result.output
    assert holder.wait(10) == 0 and time.monotonic() - started > 0.5


def test_migrations_are_append_only_and_applied_once(tmp_path):
    s = Store(tmp_path)
    assert s.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    s.close()
    s = Store(tmp_path)  # reopening applies nothing twice
    tables = {r[0] for r in s.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"tm", "items", "detections"} <= tables
    s.close()


def test_one_edited_paragraph_retranslates_that_paragraph_only(run, inbox):
    copy_articles(inbox, "harbour-bridge-vote.txt")
    _, first = run(inbox, "--to", "es")
    total = first["articles"][0]["targets"][0]["segments"]["total"]
    path = inbox / "harbour-bridge-vote.txt"
    path.write_text(path.read_text().replace("had been rushed", "was rushed"))
    _, second = run(inbox, "--to", "es")
    seg = second["articles"][0]["targets"][0]["segments"]
    assert seg == {"sent": 1, "total": total}


def parses(path: Path) -> bool:
    try:
        if path.suffix == ".json":
            json.loads(path.read_text())
        else:
            etree.parse(str(path))
        return True
    except (ValueError, etree.XMLSyntaxError):
        return False


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_sigkill_mid_run_loses_nothing(tmp_path, seed):
    inbox = tmp_path / "in"
    inbox.mkdir()
    copy_articles(inbox, "harbour-bridge-vote.txt")
    args = run_command(tmp_path, inbox, "--to", "es,fr,pt", "-q")
    subprocess.run(args, check=True, timeout=120)
    copy_articles(inbox, "river-festival.md", "biblioteca-reabre.txt")
    wires = 16
    write_wires(inbox, wires)
    proc = subprocess.Popen(args)
    time.sleep(random.Random(seed).uniform(0.05, 1.2))  # this run takes about 2.5 s
    assert proc.poll() is None, "the run ended before the kill: give it more work"
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    feeds = [f for f in (tmp_path / "f").glob("**/*.*") if f.suffix in (".xml", ".json", ".opml")]
    assert len(feeds) >= 9
    assert all(parses(f) for f in feeds if not f.name.startswith("."))
    for lang in ["es", "fr", "pt"]:
        ids = [e.id for e in feedparser.parse(tmp_path / "f" / lang / "atom.xml").entries]
        assert f"tag:syndicate.example,2026:harbour-bridge-vote/{lang}" in ids

    # The same run again completes the work.
    done = subprocess.run(
        [a for a in args if a != "-q"] + ["--json"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    for lang in ["es", "fr", "pt"]:
        entries = feedparser.parse(tmp_path / "f" / lang / "atom.xml").entries
        assert len(entries) == 3 + wires
    assert not list((tmp_path / "f").glob("**/.*.tmp"))


def test_leftovers_of_a_killed_run_are_swept_and_only_then(run, inbox):
    copy_articles(inbox, "river-festival.md")
    run(inbox, "--to", "es")
    left = run.translations / "riverside-festival-returns" / ".es.md.x1.tmp"
    left.write_text("half a file")
    run(inbox, "--to", "es")  # the last run ended cleanly: no walk over every folder
    assert left.exists() and not (run.state / "run.unfinished").exists()
    (run.state / "run.unfinished").touch()  # as a killed run leaves it
    run(inbox, "--to", "es")
    assert not left.exists() and not (run.state / "run.unfinished").exists()


@pytest.mark.parametrize("blocked", ["feeds/es/rss.xml", "feeds/es/feed.json"])
def test_an_output_that_cannot_be_written_is_one_line_and_nothing_recorded_is_lost(
    tmp_path, blocked
):
    inbox = tmp_path / "in"
    inbox.mkdir()
    copy_articles(inbox, "harbour-bridge-vote.txt")
    args = run_command(tmp_path, inbox, "--to", "es", "-q")
    subprocess.run(args, check=True, timeout=120)
    feeds = Path(args[args.index("--feeds") + 1])
    target = feeds / blocked.removeprefix("feeds/")
    target.unlink()
    target.mkdir()  # a folder where the feed goes
    copy_articles(inbox, "biblioteca-reabre.txt")
    done = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    (line,) = [x for x in done.stderr.splitlines() if x.startswith("Error:")]
    assert target.name in line and "then run again" in line
    target.rmdir()
    again = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert "biblioteca" in target.read_text() or target.name == "feed.json"
    assert (
        "Biblioteca" in (feeds / "es" / "atom.xml").read_text()
        or "biblioteca" in (feeds / "es" / "atom.xml").read_text()
    )


def _mount_tmpfs(where: Path, size: str) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    where.mkdir(exist_ok=True)
    return (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True
        ).returncode
        == 0
    )


def _resize(where: Path, size: str) -> None:
    subprocess.run(["mount", "-o", f"remount,size={size}", str(where)], check=True)


def test_a_full_disk_is_one_line_and_the_run_after_it_completes(tmp_path):
    """A real full disk (a small tmpfs): the write that fails (a file, or SQLite's
    "database or disk is full") is one line, exit 1; the feeds published before stay
    whole; once space is freed the next run completes, with nothing published twice."""
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "4m"):
        pytest.skip("needs root and mount to make a small disk (tmpfs)")
    try:
        inbox = disk / "in"
        inbox.mkdir()
        copy_articles(inbox, *sorted(p.name for p in (ROOT / "articles").iterdir()))
        first = run_command(disk, inbox, "--to", "es", "-q")
        subprocess.run(first, check=True, timeout=300, capture_output=True)
        es_rss = (disk / "f" / "es" / "rss.xml").read_bytes()
        used = shutil.disk_usage(disk).used // 1024
        _resize(disk, f"{used + 48}k")  # room for part of the next run only
        more = run_command(disk, inbox, "--to", "es,fr,pt,ca,it", "-q")
        full = subprocess.run(more, capture_output=True, text=True, timeout=300)
        assert full.returncode == 1, (full.returncode, full.stderr)
        assert "Traceback" not in full.stderr + full.stdout
        (line,) = [x for x in full.stderr.splitlines() if x.startswith("Error:")]
        assert "free disk space" in line, line
        assert (disk / "f" / "es" / "rss.xml").read_bytes() == es_rss  # never half-written
        for feed in (disk / "f").glob("*/rss.xml"):
            assert not feedparser.parse(str(feed)).bozo, feed
        _resize(disk, "8m")
        again = subprocess.run(more, capture_output=True, text=True, timeout=300)
        assert again.returncode == 0, again.stderr
        for lang in ("es", "fr", "pt", "ca", "it"):
            parsed = feedparser.parse(str(disk / "f" / lang / "rss.xml"))
            links = [e.link for e in parsed.entries]
            assert not parsed.bozo and links and len(links) == len(set(links)), lang
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)
