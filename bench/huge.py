"""Time per MB for one article that is a single huge paragraph (a hostile input: every
text step must stay linear in it).

Not a test: `python bench/huge.py` (or `make bench-huge`). Builds one-paragraph
articles of 0.5, 1 and 1.9 MB (the input limit is 2 MB) from varied news sentences,
runs `syndicate run --to es` on each in a fresh folder, and prints seconds and seconds
per MB. Linear means the last column stays flat.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXE = Path(sys.executable).parent / "syndicate"
WORDS = [
    "council",
    "budget",
    "bridge",
    "mayor",
    "river",
    "crossing",
    "spring",
    "residents",
    "cycle",
    "lane",
    "pavement",
    "plan",
    "officer",
    "cost",
    "estimate",
    "meeting",
    "hall",
    "month",
    "traffic",
    "festival",
    "park",
    "visitors",
    "weekend",
    "band",
    "stage",
    "library",
    "renovation",
    "school",
    "teacher",
    "hospital",
    "nurse",
    "election",
    "vote",
    "minister",
    "port",
]
NAMES = ["Mark Stone", "Ana Rivers", "Kevin King", "Northbay", "Fort Worth", "Lisbon"]


def sentence(rng: random.Random) -> str:
    words = rng.sample(WORDS, 7)
    return (
        f"The {words[0]} and the {words[1]} of {rng.choice(NAMES)} met the {words[2]} on"
        f' {rng.randint(1, 28)} May, {rng.randint(2, 900)} {words[3]}s said "the {words[4]}'
        f' is {words[5]}", after the {words[6]} vote.'
    )


def article(size: int, rng: random.Random) -> str:
    parts, total = [], 0
    while total < size:
        s = sentence(rng)
        parts.append(s)
        total += len(s) + 1
    return "A very long article\n\n" + " ".join(parts) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="0.5,1,1.9", help="sizes in MB (default 0.5,1,1.9)")
    ap.add_argument("--to", default="es")
    args = ap.parse_args()
    rng = random.Random(7)
    print("size MB   seconds   s/MB   outcome")
    for mb in map(float, args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as d:
            root = Path(d)
            (root / "in").mkdir()
            (root / "in" / "huge.txt").write_text(article(int(mb * 1e6), rng))
            start = time.monotonic()
            done = subprocess.run(
                [str(EXE), "run", str(root / "in"), "--to", args.to, "-q", "--source-lang",
                 "en", "--feeds", str(root / "feeds"), "--translations", str(root / "t"),
                 "--state", str(root / "state")],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            took = time.monotonic() - start
            line = (done.stdout.strip() or done.stderr.strip()).splitlines()[-1:] or ["ok"]
            print(f"{mb:7.1f} {took:9.1f} {took / mb:6.1f}   exit {done.returncode}: {line[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
