"""Words per second: the whole pipeline against raw Apertium on the same text and route.

Not a test: `python bench/speed.py` (or `make bench-speed`). The 997 FLORES dev sentences
(``../shared/flores-dev/en.txt``) packed into 42 articles as bench/quality.py packs them;
for each target, a cold `syndicate run` in a fresh folder (``--jobs 1`` and the default),
and the raw engine hop by hop (`apertium -u`, one call per hop over all sentences), each
timed as a whole process. Prints words per second and the ratio of the times.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from quality import DEFAULT_FOLDER, pack, raw_engine  # noqa: E402

EXE = Path(sys.executable).parent / "syndicate"


def timed_run(inbox: Path, tgt: str, jobs: int | None) -> float:
    with tempfile.TemporaryDirectory() as d:
        out = Path(d)
        args = [str(EXE), "run", str(inbox), "--to", tgt, "-q", "--source-lang", "en",
                "--engine", "apertium", "--feeds", str(out / "f"),
                "--translations", str(out / "t"), "--state", str(out / "s")]  # fmt: skip
        if jobs:
            args += ["--jobs", str(jobs)]
        start = time.monotonic()
        subprocess.run(args, capture_output=True, check=False)
        return time.monotonic() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    ap.add_argument("--to", default="es,fr", help="targets (default es,fr)")
    args = ap.parse_args()
    source_file = args.folder / "en.txt"
    if not source_file.exists():
        print(f"no {source_file}: pass a FLORES-style folder", file=sys.stderr)
        return 2
    sentences = source_file.read_text(encoding="utf-8").splitlines()
    words = sum(len(s.split()) for s in sentences)
    print(f"{len(sentences)} sentences, {words} words (FLORES dev), cold runs, whole processes")
    print("target  route        raw s  words/s   jobs 1 s  words/s  ratio   default s  ratio")
    with tempfile.TemporaryDirectory() as d:
        inbox = Path(d) / "inbox"
        inbox.mkdir()
        pack(sentences, inbox, 24)
        for tgt in args.to.split(","):
            start = time.monotonic()
            _, chain = raw_engine(sentences, "en", tgt)
            raw = time.monotonic() - start
            one = timed_run(inbox, tgt, 1)
            default = timed_run(inbox, tgt, None)
            print(
                f"{tgt:<7} {chain:<12} {raw:5.1f} {words / raw:8.0f}   {one:8.1f}"
                f" {words / one:8.0f} {one / raw:5.1f}x   {default:9.1f} {default / raw:5.1f}x"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
