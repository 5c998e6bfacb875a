"""Translation on a real Dask cluster: a `dask scheduler` and `syndicate worker` processes
started on 127.0.0.1, as a user would start them (not an in-process LocalCluster)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import feedparser
import pytest

from syndicate.engines.apertium import MODES_DIR

from conftest import EXE, Run, copy_articles, outputs_of, run_command, write_wires

pytest.importorskip("distributed")

SAMPLES = ["harbour-bridge-vote.txt", "river-festival.md", "biblioteca-reabre.txt"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Dask:
    """A scheduler and workers in their own process groups, stopped at the end."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.procs: dict[str, subprocess.Popen] = {}
        self.address = f"tcp://127.0.0.1:{_free_port()}"
        self._start(
            "scheduler",
            [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1"]
            + ["--port", self.address.rsplit(":", 1)[1], "--no-dashboard"],
        )

    def _start(self, name: str, argv: list[str], env: dict | None = None) -> None:
        log = open(self.base / f"{name}.log", "wb")  # noqa: SIM115 - the process keeps it
        self.procs[name] = subprocess.Popen(
            argv, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )

    def worker(self, name: str, **env: str) -> None:
        """`syndicate worker` with one process, as a user starts it."""
        argv = [EXE, "worker", self.address, "-n", "1", "--name", name]
        self._start(name, argv, {**os.environ, "SYNDICATE_APERTIUM_PERSISTENT": "0", **env})

    def client(self):
        from distributed import Client

        return Client(self.address, timeout=30, set_as_default=False)

    def wait(self, workers: int) -> None:
        with self.client() as c:
            c.wait_for_workers(workers, timeout=90)

    def kill(self, name: str) -> None:
        os.killpg(self.procs[name].pid, signal.SIGKILL)
        self.procs[name].wait()

    def stop(self) -> None:
        for p in self.procs.values():
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()


@pytest.fixture
def dask(tmp_path):
    d = Dask(tmp_path)
    yield d
    d.stop()


def _cluster_run(base: Path, inbox: Path, address: str, *extra: str, **env: str):
    return subprocess.Popen(
        [*run_command(base, inbox, "--cluster", address, "--json"), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "SYNDICATE_APERTIUM_PERSISTENT": "0", **env},
    )


def test_the_cluster_gives_the_outputs_of_one_job(dask, inbox, tmp_path, monkeypatch):
    dask.worker("w1")
    dask.worker("w2")
    copy_articles(inbox, *SAMPLES, "council-budget.md", "tram-line-opens.html")
    monkeypatch.setenv("SYNDICATE_APERTIUM_PERSISTENT", "0")
    one, two = Run(tmp_path / "one"), Run(tmp_path / "two")
    r1, d1 = one(inbox, "--to", "es,fr,gl", "--jobs", "1")
    dask.wait(2)
    r2, d2 = two(inbox, "--to", "es,fr,gl", "--cluster", dask.address)
    assert r1.exit_code == r2.exit_code == 0, r2.output

    def checks(data):
        return [
            (a["slug"], t["lang"], t["status"], t["fidelity"]["ok"], t["fidelity"]["quotes"])
            for a in data["articles"]
            for t in a["targets"]
        ]

    assert checks(d1) == checks(d2) and len(checks(d1)) == 14
    a, b = outputs_of(one), outputs_of(two)
    assert len(a) > 20 and a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []
    # the workers' memory writes reached the run's state, as the run's own would
    import sqlite3

    def tm(run):
        with sqlite3.connect(run.state / "state.db") as db:
            return db.execute("SELECT count(*) FROM tm").fetchone()[0]

    assert tm(two) == tm(one) > 0
    # both workers had work: the tasks were spread
    with dask.client() as c:
        done = c.run(lambda dask_worker: len(dask_worker.data) + dask_worker.state.executed_count)
    assert all(n > 0 for n in done.values()), done
    # the editor's text is checked by the run (it has the review folder), as with --jobs 1
    es = two.translations / "harbour-bridge-vote" / "es.md"
    es.write_text(es.read_text().replace("status: published", "status: approved", 1))
    es.write_text(es.read_text().replace("Stone", "Piedra"))
    src = inbox / "harbour-bridge-vote.txt"
    src.write_text(src.read_text().replace("heated debate", "long debate"))
    r3, d3 = two(inbox, "--to", "es", "--cluster", dask.address)
    (t,) = next(x for x in d3["articles"] if x["slug"] == "harbour-bridge-vote")["targets"]
    assert t["status"] == "stale" and "Piedra" in es.read_text()
    assert not t["fidelity"]["ok"] and "Stone" in " ".join(t["fidelity"]["problems"])
    assert (es.parent / "es.machine.md").exists()


def _published_once(feeds: Path, lang: str, count: int) -> None:
    feed = feedparser.parse((feeds / lang / "rss.xml").read_bytes())
    assert not feed.bozo
    ids = [e.id for e in feed.entries]
    assert len(ids) == len(set(ids)) == count, ids


def test_a_worker_killed_mid_run_loses_and_doubles_nothing(dask, inbox, tmp_path):
    dask.worker("w1")
    dask.worker("w2")
    dask.wait(2)
    write_wires(inbox, 12)
    base = tmp_path / "out"
    run = _cluster_run(base, inbox, dask.address, "--to", "es,fr")
    with dask.client() as c:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            busy = {a: k for a, k in c.processing().items() if k}
            names = {a: w["name"] for a, w in c.scheduler_info()["workers"].items()}
            if any(names.get(a) == "w1" for a in busy):
                break
            time.sleep(0.1)
        else:
            pytest.fail("w1 never got a task")
    dask.kill("w1")  # its nanny too: the worker is gone, not restarted
    out, err = run.communicate(timeout=600)
    assert run.returncode == 0, err
    assert "Traceback" not in err
    data = json.loads(out)
    assert data["totals"]["published"] == 24 and data["totals"]["failed"] == 0
    for lang in ("es", "fr"):
        _published_once(base / "f", lang, 12)


def test_a_lost_scheduler_is_one_line_and_the_next_run_finishes(dask, inbox, tmp_path):
    dask.worker("w1")
    dask.wait(1)
    write_wires(inbox, 12)
    base = tmp_path / "out"
    run = _cluster_run(base, inbox, dask.address, "--to", "es")
    deadline = time.monotonic() + 120
    while not any((base / "t").glob("wire-*/es.md")) and time.monotonic() < deadline:
        time.sleep(0.1)
    dask.kill("scheduler")
    out, err = run.communicate(timeout=300)
    assert run.returncode == 1
    lines = err.strip().splitlines()
    assert "Traceback" not in err and len(lines) == 1, err
    assert "lost the cluster" in lines[0] and "next run finishes the rest" in lines[0]
    done = len(list((base / "t").glob("wire-*/es.md")))
    assert 1 <= done < 12
    again = subprocess.run(
        [*run_command(base, inbox, "--to", "es", "--json", "--jobs", "1")],
        capture_output=True,
        text=True,
    )
    assert again.returncode == 0, again.stderr
    data = json.loads(again.stdout)
    assert sum(bool(a.get("unchanged")) for a in data["articles"]) >= done
    _published_once(base / "f", "es", 12)


def test_an_unreachable_scheduler_is_a_usage_error(inbox, tmp_path):
    copy_articles(inbox, "harbour-bridge-vote.txt")
    start = time.monotonic()
    r = subprocess.run(
        run_command(tmp_path / "o", inbox, "--to", "es", "--cluster", f"127.0.0.1:{_free_port()}"),
        capture_output=True,
        text=True,
    )
    assert r.returncode == 2 and time.monotonic() - start < 10
    (line,) = r.stderr.strip().splitlines()
    assert "cannot reach the cluster at tcp://127.0.0.1:" in line
    assert "run without --cluster" in line
    r = subprocess.run(
        run_command(tmp_path / "o", inbox, "--cluster", "not an address"),
        capture_output=True,
        text=True,
    )
    assert r.returncode == 2 and "is not a scheduler address" in r.stderr


def test_a_worker_without_the_pair_gets_no_work(dask, inbox, tmp_path):
    modes = tmp_path / "modes"
    modes.mkdir()
    for real in MODES_DIR.glob("*.mode"):
        if real.name != "eng-spa.mode":
            (modes / real.name).symlink_to(real)
    dask.worker("good")
    dask.worker("bad", APERTIUM_MODES=str(modes))
    dask.wait(2)
    copy_articles(inbox, *SAMPLES)
    base = tmp_path / "out"
    run = _cluster_run(base, inbox, dask.address, "--to", "es")
    out, err = run.communicate(timeout=300)
    assert run.returncode == 0, err
    (line,) = [x for x in err.splitlines() if x.strip()]
    assert line.startswith("warning: worker tcp://127.0.0.1:") and "gets no work" in line
    assert "lacks apertium en-es" in line
    assert json.loads(out)["totals"]["published"] == 2
    with dask.client() as c:
        names = {w["name"]: a for a, w in c.scheduler_info()["workers"].items()}
        ran = c.run(lambda dask_worker: dask_worker.state.executed_count)
    assert ran[names["bad"]] == 0 and ran[names["good"]] >= 2
    # with the good worker gone, no work goes anywhere: one line, exit 1
    dask.kill("good")
    copy_articles(inbox, "council-budget.md")
    run = _cluster_run(base, inbox, dask.address, "--to", "es")
    out, err = run.communicate(timeout=300)
    assert run.returncode == 1
    assert err.strip().splitlines()[-1].startswith("Error: no worker of the cluster at")


@pytest.mark.parametrize(
    "setting, message",
    [
        ("cluster = 5", "cluster must be an address, not 5"),
        ('cluster = "scheduler"', "'scheduler' is not a scheduler address"),
    ],
)
def test_a_bad_cluster_setting_is_one_line(inbox, tmp_path, setting, message):
    copy_articles(inbox, "harbour-bridge-vote.txt")
    config = tmp_path / "syndicate.toml"
    config.write_text(f"[syndicate]\n{setting}\n")
    r = subprocess.run(
        [EXE, "run", str(inbox), "--config", str(config), "--to", "es"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert r.returncode == 2
    (line,) = r.stderr.strip().splitlines()
    assert message in line


def test_the_cluster_from_the_environment_and_a_bad_worker_address(inbox, tmp_path):
    copy_articles(inbox, "harbour-bridge-vote.txt")
    port = _free_port()
    r = subprocess.run(
        run_command(tmp_path / "o", inbox, "--to", "es"),
        capture_output=True,
        text=True,
        env={**os.environ, "SYNDICATE_CLUSTER": f"127.0.0.1:{port}"},
    )
    assert r.returncode == 2 and f"cannot reach the cluster at tcp://127.0.0.1:{port}" in r.stderr
    r = subprocess.run([EXE, "worker", "no-port"], capture_output=True, text=True)
    assert r.returncode == 2 and "SCHEDULER: 'no-port' is not a scheduler address" in r.stderr
