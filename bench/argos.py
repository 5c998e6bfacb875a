"""Argos speed: argostranslate's translate() vs syndicate's engine vs raw CTranslate2.

Not a test: `make bench-argos`. Builds a full-size package (d_model 512, 6+6 layers,
int8) with the tests' builder, installs it in a throwaway argos home, and translates
the same 200 sentences (50 paragraphs) three ways, same beam size and threads:

  (a) argostranslate.translate.translate(), once per paragraph, as a caller would;
  (b) syndicate's ArgosEngine.translate(), one call for all paragraphs;
  (c) one raw ctranslate2 translate_batch over all the sentences.

Outputs must be equal. argostranslate's default sentence splitter (MiniSBD) downloads a
model at first use, which this machine cannot: (a) gets our splitter in its place, so
it splits exactly as (b) and (c) do.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

HOME = Path(tempfile.mkdtemp(prefix="syndicate-bench-argos-"))
for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
    os.environ[var] = str(HOME / var.lower())
BEAM, THREADS = 2, 1
os.environ.update(
    ARGOS_BEAM_SIZE=str(BEAM),
    ARGOS_INTRA_THREADS=str(THREADS),
    ARGOS_INTER_THREADS="1",
    ARGOS_COMPUTE_TYPE="auto",
)

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from argos_builder import build_package  # noqa: E402

from syndicate.articles import read_article  # noqa: E402
from syndicate.engines.argos import BATCH_TOKENS, ArgosEngine  # noqa: E402
from syndicate.segments import split_sentences  # noqa: E402

PHRASE = "council members will meet again next week to vote on bridge plans"


def sentences(n: int) -> list[str]:
    pool = []
    for f in sorted((ROOT / "articles").glob("*.*")):
        a = read_article(f)
        if "biblioteca" not in f.name:
            for p in a.paragraphs:
                pool += split_sentences(p)
    seed = ROOT.parent / "shared" / "fixtures" / "seed-article.txt"
    if seed.exists():
        for p in read_article(seed).paragraphs:
            pool += split_sentences(p)
    rng = random.Random(3)
    return [rng.choice(pool) for _ in range(n)]


def timed(fn):
    started = time.perf_counter()
    out = fn()
    return time.perf_counter() - started, out


def main() -> None:
    import argostranslate.package as package

    print("building a full-size package (d_model 512, 6+6 layers, int8)...", file=sys.stderr)
    path = build_package(
        HOME / "models",
        "en",
        "xx",
        PHRASE,
        d_model=512,
        layers=(6, 6),
        heads=8,
        ffn=2048,
        vocab_size=500,
        quantization="int8",
        noise=1e-3,
    )
    package.install_from_path(path)
    size = sum(f.stat().st_size for f in (HOME / "xdg_data_home").rglob("model.bin"))

    sents = sentences(200)
    paragraphs = [" ".join(sents[i : i + 4]) for i in range(0, len(sents), 4)]

    from argostranslate import sbd, translate

    class OurSplitter(sbd.ISentenceBoundaryDetectionModel):
        def __init__(self, pkg):
            pass

        def split_sentences(self, text: str, lang_code: str | None = None) -> list[str]:
            return split_sentences(text)

    translate.MiniSBDSentencizer = OurSplitter
    translate.translate("Warm up.", "en", "xx")
    t_a, out_a = timed(lambda: [translate.translate(p, "en", "xx") for p in paragraphs])

    engine = ArgosEngine(threads=THREADS, beam_size=BEAM)
    engine.translate(["Warm up."], "en", "xx")
    t_b, out_b = timed(lambda: engine.translate(paragraphs, "en", "xx"))

    translator, sp = engine.load(engine.packages()[("en", "xx")])
    flat = [s for p in paragraphs for s in split_sentences(p)]
    tokens = [sp.encode(s, out_type=str) for s in flat]

    def raw():
        results = translator.translate_batch(
            tokens, beam_size=BEAM, max_batch_size=BATCH_TOKENS, batch_type="tokens"
        )
        return [sp.decode_pieces(r.hypotheses[0]) for r in results]

    t_c, out_c = timed(raw)
    joined_c, i = [], 0
    for p in paragraphs:
        n = len(split_sentences(p))
        joined_c.append(" ".join(out_c[i : i + n]))
        i += n
    equal = out_a == out_b == joined_c
    rows = [
        (
            "package",
            f"{size / 1e6:.0f} MB int8, {len(flat)} sentences in {len(paragraphs)}"
            f" paragraphs, beam {BEAM}, {THREADS} thread",
        ),
        ("(a) argostranslate translate() per paragraph", f"{t_a:.2f} s"),
        ("(b) syndicate ArgosEngine, one call", f"{t_b:.2f} s"),
        ("(c) raw ctranslate2 translate_batch", f"{t_c:.2f} s"),
        ("a/b", f"{t_a / t_b:.1f}x"),
        ("b/c", f"{t_b / t_c:.2f}x"),
        ("outputs equal", str(equal)),
    ]
    width = max(len(r[0]) for r in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    if not equal:
        sys.exit("outputs differ")


if __name__ == "__main__":
    try:
        main()
    finally:
        import shutil

        shutil.rmtree(HOME, ignore_errors=True)
