"""Shared fixtures: project paths, the seed article, and a CLI runner with temp outputs."""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import re
import shutil
import socket
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

# argostranslate reads its folders from the environment when first imported: point them
# at a throwaway place before anything imports it, so tests never touch ~/.local.
_ARGOS_HOME = Path(tempfile.mkdtemp(prefix="syndicate-test-argos-"))
atexit.register(shutil.rmtree, _ARGOS_HOME, ignore_errors=True)  # no folder left behind
for _var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
    os.environ[_var] = str(_ARGOS_HOME / _var.lower())
os.environ.pop("ARGOS_PACKAGES_DIR", None)
os.environ["ARGOS_PACKAGE_INDEX"] = "https://argos-index.invalid/"
# Test-built models are float32 with one-hot weights; argostranslate's "auto" would run
# them as int8 (as it does every float32 package), which such weights do not survive.
os.environ["ARGOS_COMPUTE_TYPE"] = "default"

import pytest
from click.testing import CliRunner

from syndicate.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "fixtures" / "seed-article.txt"
ARTICLES = ROOT / "articles"


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Tests talk to loopback only: anything else fails at once, as it would offline."""
    real_connect = socket.socket.connect

    def connect(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and not host.startswith(("127.", "::1", "localhost", "/")):
            raise OSError(f"network blocked in tests: {host}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)


WIRE_NAMES = ["Nora Field", "Omar Haddad", "Lena Berg", "Tomas Ruiz", "Ines Costa", "Ravi Shah"]


def write_wires(inbox: Path, count: int) -> None:
    """``count`` distinct articles of the project's own samples (every paragraph made
    different, so the translation memory saves none of them): work for a run to be
    killed in the middle of, on any clone."""
    lines = (ARTICLES / "harbour-bridge-vote.txt").read_text(encoding="utf-8").splitlines()
    for i in range(count):
        who = WIRE_NAMES[i % len(WIRE_NAMES)]
        body = [f"{line} ({who}, report {i + 1}.)" for line in lines[1:-1]]
        text = "\n".join([f"{lines[0]}: update {i + 1}", *body, lines[-1]]) + "\n"
        (inbox / f"wire-{i}.txt").write_text(text, encoding="utf-8")


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip(f"seed fixture {SEED} not present (../shared beside the project)")
    return SEED


def translate_text(pipeline, tmp_path: Path, text: str, langs: list[str]) -> dict:
    """``text`` as a plain-text article through ``pipeline``: each language's Translation."""
    from syndicate.pipeline import Options

    f = tmp_path / "a.txt"
    f.write_text(text)
    result = pipeline.process(f, Options(langs))
    assert result.targets, result.error  # never a test that loops over nothing
    return {t.lang: t for t in result.targets}


@pytest.fixture(scope="module")
def apertium_pipeline():
    """A pipeline with real Apertium and an empty glossary, one store per test module."""
    from syndicate.engines.apertium import ApertiumEngine
    from syndicate.keep.protect import Glossary
    from syndicate.pipeline import Pipeline
    from syndicate.state.store import Store

    with tempfile.TemporaryDirectory() as d:
        store = Store(Path(d))
        engine = ApertiumEngine()
        yield Pipeline([engine], store, Glossary())
        engine.close()  # its kept-running pipelines: 0.2-0.6 GB each, per module otherwise
        store.close()


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    d = tmp_path / "inbox"
    d.mkdir()
    return d


EXE = str(Path(sys.executable).parent / "syndicate")


def run_command(base: Path, inbox: Path, *extra: str) -> list[str]:
    """argv for `syndicate run` as a subprocess, outputs under ``base``."""
    return [
        EXE,
        "run",
        str(inbox),
        "--config",
        str(ROOT / "syndicate.toml"),
        "--feeds",
        str(base / "f"),
        "--translations",
        str(base / "t"),
        "--state",
        str(base / "s"),
        *extra,
    ]


class Run:
    """`syndicate run` in-process with every output under one temp folder."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.feeds = base / "feeds"
        self.translations = base / "translations"
        self.state = base / "state"

    def __call__(self, articles: Path, *args: str, as_json: bool = True):
        cli_args = [
            "run",
            str(articles),
            "--config",
            str(ROOT / "syndicate.toml"),
            "--feeds",
            str(self.feeds),
            "--translations",
            str(self.translations),
            "--state",
            str(self.state),
            *args,
        ]
        if as_json:
            cli_args.append("--json")
        result = CliRunner().invoke(main, cli_args, catch_exceptions=False)
        data = json.loads(result.stdout) if as_json and result.stdout.strip() else None
        return result, data


@pytest.fixture
def run(tmp_path: Path) -> Run:
    return Run(tmp_path / "out")


def outputs_of(run: Run) -> dict[str, str]:
    """Every review file (without its generation time) and feed of a run, by path."""
    files = {}
    for root in (run.translations, run.feeds):
        for p in sorted(root.rglob("*")):
            if p.is_file() and p.suffix in (".md", ".xml", ".json", ".html"):
                files[str(p.relative_to(run.base))] = re.sub(
                    r"generated: '[^']*'", "", p.read_text()
                )
    return files


def copy_articles(dest: Path, *names: str) -> None:
    for n in names:
        shutil.copy(ARTICLES / n, dest / n)


class NameDroppingEngine:
    """A test double that loses every protected name, as a careless engine would.

    The real engine is tested everywhere else; this one makes a check fail on purpose.
    """

    name = "dropper"
    protection = "placeholder"
    drops_possessives = False

    def __init__(self, timeout=None):
        self.timeout = timeout

    def pairs(self):
        return {("en", "es"), ("en", "fr")}

    def version(self, src, tgt):
        return "1"

    def translate(self, segments, src, tgt):
        import re

        return [re.sub(r"Xqz[a-z]+x", "", s) for s in segments]


@contextlib.contextmanager
def raw_http_server(answer: Callable[[str], bytes]) -> Iterator[str]:
    """A server on 127.0.0.1 that answers each connection with ``answer(path)`` (the
    request's path without its slashes), raw bytes and then closes: for answers no
    HTTP server library would send. Yields its base URL."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)

    def serve() -> None:
        while True:
            try:
                conn, _ = srv.accept()
            except OSError:
                return
            with conn:
                request = conn.recv(65536).decode("latin-1")
                path = request.split(" ")[1].strip("/") if request.count(" ") >= 2 else ""
                with contextlib.suppress(OSError):
                    conn.sendall(answer(path))

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{srv.getsockname()[1]}"
    finally:
        srv.close()
