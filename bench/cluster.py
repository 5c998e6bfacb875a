"""Translation on a Dask cluster against --jobs on one machine. Not a test: `make bench`
(or `make bench-cluster` for this part alone).

120 FLORES dev articles that share no sentence (../shared beside the project) into
es,fr,pt, each run in process with an empty state: --jobs 1, --jobs 2, and --cluster with
a local `dask scheduler` and `syndicate worker -n 2` (two workers of one thread). Prints
throughput, the cluster's overhead over --jobs 2, the one writer's time per article (its
ceiling in articles/s), and a projection to 2..128 workers from those measured costs.

On two cores a run's time moves by a third from one run to the next, so --jobs 2 and the
cluster are run in turns, ROUNDS times each (a fresh cluster each round: a worker keeps
what it translated), and the median of each is compared; every round's overhead is
printed too.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from run import EXE, FLORES, ROOT, distinct  # noqa: E402

from syndicate.runner import Job  # noqa: E402

TARGETS = ["es", "fr", "pt"]
ARTICLES = 120
ROUNDS = 3


def timed_run(inbox: Path, out: Path, **how) -> tuple[float, Job]:
    started = time.perf_counter()
    job = Job.prepare(
        articles=inbox,
        targets=TARGETS,
        feeds=out / "f",
        translations=out / "t",
        state=out / "s",
        config=ROOT / "syndicate.toml",
        **how,
    )
    with job:
        for _ in job.run_all():
            pass
    return time.perf_counter() - started, job


def start_cluster(log: Path, workers: int) -> tuple[str, list[subprocess.Popen]]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    out = open(log, "wb")  # noqa: SIM115 - the processes keep it
    scheduler = [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1"]
    procs = [
        subprocess.Popen(
            [*scheduler, "--port", str(port), "--no-dashboard"],
            stdout=out,
            stderr=out,
            start_new_session=True,
        )
    ]
    time.sleep(1)
    procs.append(
        subprocess.Popen(
            [EXE, "worker", address, "-n", str(workers)],
            stdout=out,
            stderr=out,
            start_new_session=True,
        )
    )
    from distributed import Client

    with Client(address, timeout=60, set_as_default=False) as c:
        c.wait_for_workers(workers, timeout=120)
    return address, procs


def rows(tmp: Path) -> list[tuple[str, str]]:
    inbox = tmp / "flores"
    inbox.mkdir()
    words = distinct(inbox, ARTICLES)
    one, _ = timed_run(inbox, tmp / "one", jobs=1)
    twos, clusters = [], []
    for k in range(ROUNDS):
        twos.append(timed_run(inbox, tmp / f"two{k}", jobs=2)[0])
        address, procs = start_cluster(tmp / f"dask{k}.log", 2)
        try:
            clusters.append(timed_run(inbox, tmp / f"cluster{k}", cluster=address))
        finally:
            for p in procs:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
    two = statistics.median(twos)
    on_cluster, job = sorted(clusters, key=lambda c: c[0])[len(clusters) // 2]
    each = zip(twos, (c for c, _ in clusters), strict=True)
    rounds = ", ".join(f"{(c / t - 1) * 100:+.1f}%" for t, c in each)
    per_writer = job.writer_seconds / ARTICLES
    # a worker's time per article: two workers busy for the whole run, less the writer's
    per_worker = (on_cluster - job.writer_seconds - job.finish_seconds) * 2 / ARTICLES
    out = [
        (f"{ARTICLES} FLORES articles -> {','.join(TARGETS)}, --jobs 1", f"{one:.1f} s"),
        (f"  --jobs 2 (median of {ROUNDS})", f"{two:.1f} s ({ARTICLES / two:.2f} articles/s)"),
        (
            f"  --cluster, 2 local workers of one thread (median of {ROUNDS})",
            f"{on_cluster:.1f} s ({ARTICLES / on_cluster:.2f} articles/s,"
            f" {words / on_cluster:,.0f} words/s)",
        ),
        ("  cluster overhead over --jobs 2 (medians)", f"{(on_cluster / two - 1) * 100:+.1f}%"),
        ("  the overhead in each round", rounds),
        (
            "  the writer, per article (one-writer ceiling)",
            f"{per_writer * 1000:.0f} ms ({1 / per_writer:.0f} articles/s)",
        ),
        ("  the writer at the end (feeds, desk), once", f"{job.finish_seconds:.1f} s"),
        ("  a worker, per article (measured)", f"{per_worker:.2f} s"),
    ]
    for n in (2, 8, 32, 128):
        rate = min(n / per_worker, 1 / per_writer)
        limit = "workers" if n / per_worker < 1 / per_writer else "the one writer"
        out.append((f"  projected, {n} workers", f"{rate:.1f} articles/s (limit: {limit})"))
    return out


def main() -> None:
    if not FLORES.exists():
        print(f"skipped: FLORES dev missing ({FLORES}; ../shared beside the project)")
        return
    tmp = Path(tempfile.mkdtemp(prefix="syndicate-bench-cluster-"))
    try:
        table = rows(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    width = max(len(r[0]) for r in table)
    for name, value in table:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
