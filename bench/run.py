"""Speed figures for syndicate, printed side by side. Not a test: run `make bench`.

1. The seed wire article into 7 languages: cold (empty state) and warm (translation
   memory hit), each a whole `syndicate run` process, import cost included.
2. 200 generated articles into 3 languages: throughput and peak memory; and 120
   articles that share no sentence (FLORES dev, when ../shared is beside the project)
   into 3 languages with --jobs 1 and the default.
3. Apertium: one call per paragraph, one per article-language (what syndicate does,
   through its engine), and one raw `apertium` call over the same text.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "fixtures" / "seed-article.txt"
FLORES = ROOT.parent / "shared" / "flores-dev" / "en.txt"
EXE = str(Path(sys.executable).parent / "syndicate")
sys.path.insert(0, str(ROOT))

from syndicate.engines.apertium import ApertiumEngine  # noqa: E402
from syndicate.runner import Job  # noqa: E402
from syndicate.sources.articles import read_article  # noqa: E402


def run(inbox: Path, out: Path, targets: str, jobs: int | None = None) -> float:
    args = [
        EXE,
        "run",
        str(inbox),
        "--to",
        targets,
        "-q",
        *(["--jobs", str(jobs)] if jobs else []),
        "--config",
        str(ROOT / "syndicate.toml"),
        "--feeds",
        str(out / "f"),
        "--translations",
        str(out / "t"),
        "--state",
        str(out / "s"),
    ]
    started = time.perf_counter()
    # Exit 1 is a held translation, which a FLORES sentence may well be: still a run.
    if subprocess.run(args).returncode not in (0, 1):
        sys.exit(f"syndicate run failed: {' '.join(args)}")
    return time.perf_counter() - started


def in_process(inbox: Path, out: Path, targets: str) -> float:
    """The job alone, without interpreter start-up and imports."""
    started = time.perf_counter()
    job = Job.prepare(
        articles=inbox,
        targets=targets.split(","),
        feeds=out / "f",
        translations=out / "t",
        state=out / "s",
        config=ROOT / "syndicate.toml",
    )
    with job:
        for _ in job.run_all():
            pass
    return time.perf_counter() - started


def best(fn, repeat: int = 3) -> float:
    return min(fn() for _ in range(repeat))


def generate(folder: Path, n: int) -> int:
    """n articles built from the sample articles' sentences, shuffled; returns words."""
    rng = random.Random(7)
    sentences = []
    for f in sorted((ROOT / "articles").glob("*.txt")) + sorted((ROOT / "articles").glob("*.md")):
        a = read_article(f)
        if a.lang in (None, "en") and "biblioteca" not in f.name:
            for p in a.paragraphs:
                sentences += [s.strip() + "." for s in p.split(". ") if len(s) > 20]
    names = ["Mark Stone", "Ana Rivers", "Grace Hill", "Tom Field", "Rosa Baker", "Ian Wood"]
    words = 0
    for i in range(n):
        paras = [" ".join(rng.sample(sentences, 3)) for _ in range(rng.randint(4, 8))]
        paras.append(f'"We will report back by {2027 + i % 5}," said {rng.choice(names)}.')
        text = f"Council story number {i} on the bridge budget\n" + "\n".join(paras)
        text += f"\nBy {rng.choice(names)}\n"
        words += len(text.split())
        (folder / f"story-{i:03d}.txt").write_text(text)
    return words


def distinct(folder: Path, n: int) -> int:
    """n articles of 8 consecutive FLORES sentences (a headline, 3 paragraphs of 2,
    one of 1): nothing shared, so the translation memory helps no article; words."""
    lines = FLORES.read_text(encoding="utf-8").splitlines()
    words = 0
    for i in range(n):
        s = lines[i * 8 : i * 8 + 8]
        text = "\n".join([s[0], " ".join(s[1:3]), " ".join(s[3:5]), " ".join(s[5:7]), s[7]])
        (folder / f"flores-{i:03d}.txt").write_text(text + "\n")
        words += len(text.split())
    return words


def main() -> None:
    if not SEED.exists():
        sys.exit(f"seed article missing: {SEED}")
    rows: list[tuple[str, str]] = []
    tmp = Path(tempfile.mkdtemp(prefix="syndicate-bench-"))
    try:
        seven = "es,ca,gl,eo,fr,pt,it"
        inbox = tmp / "seed"
        inbox.mkdir()
        shutil.copy(SEED, inbox)
        colds = []
        for i in range(3):
            colds.append(run(inbox, tmp / f"cold{i}", seven))
        cold = min(colds)
        warm = best(lambda: run(inbox, tmp / "cold0", seven), 5)
        cold_job = min(in_process(inbox, tmp / f"job{i}", seven) for i in range(3))
        warm_job = best(lambda: in_process(inbox, tmp / "job0", seven), 5)
        inbox_edit = tmp / "seed-edit"
        shutil.copytree(inbox, inbox_edit)
        edited = inbox_edit / SEED.name
        edited.write_text(edited.read_text().replace("In addition,", "Also,"))
        shutil.copytree(tmp / "job0", tmp / "job-edit")
        one_para = in_process(inbox_edit, tmp / "job-edit", seven)
        rows += [
            ("seed -> 7 languages, cold (whole process)", f"{cold:.2f} s"),
            ("seed -> 7 languages, warm (whole process)", f"{warm:.3f} s"),
            ("  ratio cold / warm, whole process", f"{cold / warm:.0f}x"),
            ("seed -> 7 languages, cold (the job, in process)", f"{cold_job:.2f} s"),
            ("seed -> 7 languages, warm (the job, in process)", f"{warm_job * 1000:.1f} ms"),
            ("  ratio cold / warm, the job", f"{cold_job / warm_job:.0f}x"),
            ("seed, one paragraph edited -> 7 languages (the job)", f"{one_para:.2f} s"),
        ]

        many = tmp / "many"
        many.mkdir()
        n = int(os.environ.get("BENCH_ARTICLES", "200"))
        words = generate(many, n)
        one = run(many, tmp / "many-out-1", "es,fr,pt", jobs=1)
        elapsed = run(many, tmp / "many-out", "es,fr,pt")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        cores = os.cpu_count() or 1
        rows += [
            (f"{n} articles -> es,fr,pt (fr, pt via es), --jobs 1", f"{one:.1f} s"),
            (f"  the default, --jobs {cores} (the cores)", f"{elapsed:.1f} s"),
            ("  speed-up", f"{one / elapsed:.2f}x"),
            ("  throughput", f"{n / elapsed:.1f} articles/s, {words / elapsed:,.0f} words/s"),
            ("  peak RSS of a run (largest child)", f"{peak:.0f} MiB"),
        ]
        if FLORES.exists():
            apart = tmp / "flores"
            apart.mkdir()
            words = distinct(apart, 120)
            one = run(apart, tmp / "flores-out-1", "es,fr,pt", jobs=1)
            two = run(apart, tmp / "flores-out", "es,fr,pt")
            rows += [
                ("120 FLORES articles (no sentence shared) -> es,fr,pt, --jobs 1", f"{one:.1f} s"),
                (f"  the default, --jobs {cores} (the cores)", f"{two:.1f} s"),
                ("  speed-up", f"{one / two:.2f}x"),
                ("  throughput", f"{120 / two:.1f} articles/s, {words / two:,.0f} words/s"),
            ]

        a = read_article(SEED)
        paragraphs = [a.title, *a.paragraphs]
        engine = ApertiumEngine(persistent=False)
        kept = ApertiumEngine(persistent=True)
        kept.translate(["Warm up."], "en", "es")  # start-up once, as in a run
        text = "\n\n".join(paragraphs) + "\n"
        per_para = best(
            lambda: _timed(lambda: [engine.translate([p], "en", "es") for p in paragraphs])
        )
        per_article = best(lambda: _timed(lambda: engine.translate(paragraphs, "en", "es")))
        persistent = best(lambda: _timed(lambda: kept.translate(paragraphs, "en", "es")))
        kept.close()
        raw = best(
            lambda: _timed(
                lambda: subprocess.run(
                    ["apertium", "-u", "eng-spa"],
                    input=text.encode(),
                    capture_output=True,
                    check=True,
                )
            )
        )
        rows += [
            (
                f"Apertium en->es, seed ({len(paragraphs)} paragraphs): one call per paragraph",
                f"{per_para * 1000:.0f} ms",
            ),
            ("  one call per article-language (one-shot process)", f"{per_article * 1000:.0f} ms"),
            ("  persistent pipeline (syndicate's default)", f"{persistent * 1000:.0f} ms"),
            ("  one raw `apertium` call, same text", f"{raw * 1000:.0f} ms"),
            ("  ratio per-paragraph / per-article", f"{per_para / per_article:.1f}x"),
            ("  ratio one-shot engine / raw apertium", f"{per_article / raw:.2f}x"),
            ("  ratio persistent / raw apertium", f"{persistent / raw:.2f}x"),
        ]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    width = max(len(r[0]) for r in rows)
    print(f"{'benchmark':<{width}}  result")
    print(f"{'-' * width}  {'-' * 30}")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
