"""What a run costs as the archive grows: a no-op rerun and adding one article.

Not a test: `python bench/scale.py --archive 1000` (or `make bench-scale`). An archive of
N articles is built in a temporary folder (paragraphs drawn from a small pool, so the
translation memory makes building it cheap and what is measured afterwards is the cost
of the archive, not of translation), then timed, each as a whole `syndicate run`
process: the cold build with --jobs 1 and with the default, a rerun with nothing
changed (-q, and with a line per article), a rerun after one new article (its paragraphs
from the same pool: its own translation costs nothing either) and one after an editor's
edit. The package's bytecode is compiled first, as an installed one is.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE = Path(sys.executable).parent / "syndicate"

POOL = [
    "The council approved the budget for the new bridge on Tuesday, the mayor said.",
    "Work on the river crossing is expected to start in the spring.",
    "Residents have asked for a cycle lane and wider pavements on both sides.",
    "The plan was first put forward by Mark Stone, the transport officer, in 2021.",
    "Opposition members said the cost had grown by a third since the first estimate.",
    "A public meeting will be held at the town hall next month.",
    '"We will report back to the council before the summer," said Ana Rivers.',
    "Traffic on the old bridge has doubled in the last ten years.",
    "The festival returns to the riverside park for its fortieth year.",
    "Organisers expect more than 20,000 visitors over the weekend.",
    "Local bands will play on two stages from noon until late evening.",
    "The library reopens after a renovation that took eighteen months.",
]


def write_article(folder: Path, i: int, rng: random.Random) -> None:
    paras = rng.sample(POOL, 5)
    (folder / f"story-{i:05d}.txt").write_text(
        f"Council story number {i}\n" + "\n".join(paras) + "\nBy Grace Hill\n"
    )


def run(inbox: Path, out: Path, targets: str, jobs: int | None = None, quiet: bool = True) -> float:
    args = [str(EXE), "run", str(inbox), "--to", targets, *(["-q"] if quiet else [])]
    args += ["--jobs", str(jobs)] if jobs else []
    args += ["--config", str(ROOT / "syndicate.toml"), "--feeds", str(out / "f")]
    args += ["--translations", str(out / "t"), "--state", str(out / "s")]
    started = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--archive", type=int, nargs="+", default=[1000], help="archive sizes")
    ap.add_argument("--to", default="es", help="targets (default es)")
    args = ap.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "syndicate")], check=True)
    rows = []
    for n in args.archive:
        tmp = Path(tempfile.mkdtemp(prefix="syndicate-scale-"))
        try:
            inbox, out = tmp / "in", tmp / "out"
            inbox.mkdir()
            rng = random.Random(n)
            for i in range(n):
                write_article(inbox, i, rng)
            single = run(inbox, tmp / "out-1", args.to, jobs=1)
            build = run(inbox, out, args.to)
            noop = min(run(inbox, out, args.to) for _ in range(3))
            noop_lines = min(run(inbox, out, args.to, quiet=False) for _ in range(3))
            write_article(inbox, n, rng)
            one = run(inbox, out, args.to)
            review = out / "t" / "story-00000" / f"{args.to.split(',')[0]}.md"
            review.write_text(review.read_text().replace("\n\n", "\n\nNota. ", 1))
            edited = run(inbox, out, args.to)
            cores = os.cpu_count() or 1
            rows += [
                (f"archive of {n:,} -> {args.to}: built (cold), --jobs 1", f"{single:.1f} s"),
                (f"  built (cold), --jobs {cores} (the default)", f"{build:.1f} s"),
                (f"  no-op rerun at {n:,} (-q)", f"{noop:.2f} s"),
                (f"  no-op rerun at {n:,}, a line per article", f"{noop_lines:.2f} s"),
                (f"  one article added at {n:,}", f"{one:.2f} s"),
                (f"  one review file edited at {n:,}", f"{edited:.2f} s"),
            ]
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    width = max(len(r[0]) for r in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
