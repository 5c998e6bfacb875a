"""Argos: syndicate's engine against argostranslate itself, speed and outputs.

Not a test: `make bench-argos`. Builds packages with the tests' builder in a throwaway
argos home and translates the same 200 sentences (50 paragraphs) with
argostranslate.translate.translate() (once per paragraph, as a caller would) and with
syndicate's ArgosEngine.translate() (one call for all paragraphs):

* speed, on a full-size package (d_model 512, 6+6 layers, int8): at argostranslate's
  defaults, as a user of each gets them (argostranslate: beam 4, every core per call,
  batches of 32; syndicate: beam 4, one thread, one batch), and at equal settings (beam
  4, the same threads);
* outputs, on copy models (every input token comes back, so tokenization, unknown words
  and decoding show) of both layouts the index ships: SentencePiece, and BPE with
  sacremoses; with and without a target prefix.

argostranslate's default sentence splitter (MiniSBD) downloads a model at first use,
which this machine cannot: it gets syndicate's splitter in its place.
"""

from __future__ import annotations

import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

HOME = Path(tempfile.mkdtemp(prefix="syndicate-bench-argos-"))
for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
    os.environ[var] = str(HOME / var.lower())
for var in ("ARGOS_BEAM_SIZE", "ARGOS_INTRA_THREADS", "ARGOS_COMPUTE_TYPE", "SYNDICATE_ARGOS_BEAM"):
    os.environ.pop(var, None)  # argostranslate's defaults, as a user gets them

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from argos_builder import build_copy_package, build_package  # noqa: E402

from syndicate.engines.argos import ArgosEngine  # noqa: E402
from syndicate.sources.articles import read_article  # noqa: E402
from syndicate.text import sentences as splitter  # noqa: E402
from syndicate.text.markup import plain  # noqa: E402

PHRASE = "council members will meet again next week to vote on bridge plans"
CORES = os.cpu_count() or 1


def sentences(n: int) -> list[str]:
    """Sample sentences: the sample articles and the seed article, with names added in
    other alphabets so unknown-word handling shows."""
    pool = [
        "Mayor Łukasz Żółć met Владимир Зеленский in Kraków on Tuesday.",
        "Antonín Dvořák's letter reached Zoë Müller-Lüdenscheidt in Zürich.",
    ]
    for f in sorted((ROOT / "articles").glob("*.*")):
        a = read_article(f)
        if "biblioteca" not in f.name:
            for p in a.paragraphs:
                pool += splitter.split(plain(p))
    seed = ROOT.parent / "shared" / "fixtures" / "seed-article.txt"
    if seed.exists():
        for p in read_article(seed).paragraphs:
            pool += splitter.split(p)
    rng = random.Random(3)
    return [rng.choice(pool) for _ in range(n)]


def timed(fn):
    started = time.perf_counter()
    out = fn()
    return time.perf_counter() - started, out


def argos_with_our_splitter():
    from argostranslate import sbd, settings, translate

    class Ours(sbd.ISentenceBoundaryDetectionModel):
        def __init__(self, pkg):
            self.lang = pkg.from_code

        def split_sentences(self, text: str, lang_code: str | None = None) -> list[str]:
            return splitter.split(text, self.lang)

    translate.MiniSBDSentencizer = Ours
    translate.get_installed_languages.cache_clear()
    return translate, settings


def main() -> None:
    import argostranslate.package as package

    translate, settings = argos_with_our_splitter()
    sents = sentences(200)
    paragraphs = [" ".join(sents[i : i + 4]) for i in range(0, len(sents), 4)]
    rows: list[tuple[str, str]] = []

    print("building a full-size package (d_model 512, 6+6 layers, int8)...", file=sys.stderr)
    big = build_package(
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
    package.install_from_path(big)
    translate.get_installed_languages.cache_clear()
    translate.translate("Warm up.", "en", "xx")
    t_a, out_a = timed(lambda: [translate.translate(p, "en", "xx") for p in paragraphs])
    ours = ArgosEngine()
    ours.translate(["Warm up."], "en", "xx")
    t_b, out_b = timed(lambda: ours.translate(paragraphs, "en", "xx"))
    equal = ArgosEngine(threads=CORES)
    equal.translate(["Warm up."], "en", "xx")
    t_c, out_c = timed(lambda: equal.translate(paragraphs, "en", "xx"))
    rows += [
        ("package", f"full size, int8; {len(sents)} sentences in {len(paragraphs)} paragraphs"),
        (
            f"argostranslate defaults: beam {settings.beam_size}, {CORES} threads, batch 32",
            f"{t_a:.2f} s",
        ),
        (
            f"syndicate defaults: beam {ours.beam_size}, {ours.threads} thread, one batch",
            f"{t_b:.2f} s",
        ),
        (f"syndicate at equal settings: beam {equal.beam_size}, {CORES} threads", f"{t_c:.2f} s"),
        ("speed-up at defaults / at equal settings", f"{t_a / t_b:.1f}x / {t_a / t_c:.1f}x"),
        ("outputs equal (full size)", str(out_a == out_b == out_c)),
    ]

    for kind, tgt, prefix in [
        ("sentencepiece", "yy", ""),
        ("bpe", "zz", ""),
        ("sentencepiece", "ww", "__ww__"),
    ]:
        path = build_copy_package(HOME / "models", "en", tgt, tokenizer=kind, target_prefix=prefix)
        package.install_from_path(path)
        translate.get_installed_languages.cache_clear()
        theirs = [translate.translate(p, "en", tgt) for p in paragraphs]
        mine = ArgosEngine().translate(paragraphs, "en", tgt)
        same = sum(a == b for a, b in zip(theirs, mine, strict=True))
        label = f"outputs equal, copy model, {kind}" + (f", prefix {prefix}" if prefix else "")
        note = ""
        if prefix:  # argostranslate leaves its prefix in, decoded " ww " once per sentence
            cleaned = [" ".join(re.sub(rf"\s{tgt}\s", " ", f" {t} ").split()) for t in theirs]
            fixed = sum(a == b for a, b in zip(cleaned, mine, strict=True))
            note = f" (argostranslate leaves '{tgt}' in: {fixed}/{len(mine)} once removed)"
        unknown = sum(t.count("⁇") for t in mine)
        rows.append((label, f"{same}/{len(mine)}{note}; ⁇ in ours: {unknown}"))

    width = max(len(r[0]) for r in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    try:
        main()
    finally:
        import shutil

        shutil.rmtree(HOME, ignore_errors=True)
