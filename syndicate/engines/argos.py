"""Argos Translate packages, run directly with CTranslate2: the neural engine.

Packages are found and installed with ``argostranslate.package`` (see
:mod:`syndicate.models`). Translation does not go through
``argostranslate.translate.translate()``: that runs one small batch per paragraph,
needs a sentence-splitter model it downloads at first use, and caches translators
globally. Here each call splits its segments into sentences with our own splitter,
tokenizes them with the package's SentencePiece model, and runs one
``ctranslate2.Translator.translate_batch`` over all of them, honouring the package's
``target_prefix``. Translators stay loaded across articles (keyed by the model file's
mtime, so a reinstalled package is reloaded).

Names are not swapped for placeholders (neural models mangle them); the pipeline
verifies each name came back and repairs a segment that lost one (``protection =
"verify"``).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from syndicate.engines import EngineError
from syndicate.segments import split_sentences

THREADS = int(os.environ.get("SYNDICATE_ARGOS_THREADS", "1"))  # 1 was fastest on 2 vCPU
BEAM_SIZE = int(os.environ.get("SYNDICATE_ARGOS_BEAM", "2"))
BATCH_TOKENS = 2048  # measured best on 2 vCPU: 3x faster than argostranslate's 32


@dataclass(frozen=True)
class ArgosPackage:
    path: Path
    from_code: str
    to_code: str
    version: str
    target_prefix: str

    @property
    def model_dir(self) -> Path:
        return self.path / "model"


def package_dirs() -> list[Path]:
    """Where argostranslate installs packages (its settings read the environment)."""
    try:
        from argostranslate import settings  # creates its folders on import
    except (ImportError, OSError):  # not installed, or a HOME it cannot write
        return []
    return list(settings.package_dirs)


def installed_packages() -> dict[tuple[str, str], ArgosPackage]:
    """Installed translate packages by pair, read from their metadata.json."""
    found: dict[tuple[str, str], ArgosPackage] = {}
    for folder in package_dirs():
        if not folder.is_dir():
            continue
        for meta_path in sorted(folder.glob("*/metadata.json")):
            try:
                meta = json.loads(meta_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if meta.get("type", "translate") != "translate":
                continue
            pkg = ArgosPackage(
                path=meta_path.parent,
                from_code=str(meta.get("from_code")),
                to_code=str(meta.get("to_code")),
                version=str(meta.get("package_version", "")),
                target_prefix=str(meta.get("target_prefix") or ""),
            )
            if (pkg.model_dir / "model.bin").exists():
                found[(pkg.from_code, pkg.to_code)] = pkg
    return found


class ArgosEngine:
    name: ClassVar[str] = "argos"
    protection: ClassVar[str] = "verify"
    drops_possessives: ClassVar[bool] = False
    batch_run: ClassVar[bool] = True  # one translate_batch for a whole run (prefetch)

    def __init__(
        self, timeout: float | None = None, threads: int | None = None, beam_size: int | None = None
    ) -> None:
        self.threads = threads or THREADS
        self.beam_size = beam_size or BEAM_SIZE
        self._packages: dict[tuple[str, str], ArgosPackage] | None = None
        self._loaded: dict[tuple[str, int], tuple[Any, Any]] = {}

    def packages(self) -> dict[tuple[str, str], ArgosPackage]:
        if self._packages is None:
            self._packages = installed_packages()
        return self._packages

    def pairs(self) -> set[tuple[str, str]]:
        return set(self.packages())

    def version(self, src: str, tgt: str) -> str:
        pkg = self.packages().get((src, tgt))
        if pkg is None:
            return "argos"
        st = (pkg.model_dir / "model.bin").stat()
        return f"{pkg.version}:{st.st_size}:{int(st.st_mtime)}"

    def load(self, pkg: ArgosPackage) -> tuple[Any, Any]:
        """(translator, sentencepiece processor), loaded once per model file version."""
        key = (str(pkg.path), (pkg.model_dir / "model.bin").stat().st_mtime_ns)
        if key not in self._loaded:
            try:
                import ctranslate2
                import sentencepiece
            except ImportError:
                raise EngineError("argos needs the argos extra: `make setup`") from None
            try:
                translator = ctranslate2.Translator(
                    str(pkg.model_dir), device="cpu", inter_threads=1, intra_threads=self.threads
                )
                sp = sentencepiece.SentencePieceProcessor(
                    model_file=str(pkg.path / "sentencepiece.model")
                )
            except (RuntimeError, OSError) as e:
                raise EngineError(f"argos package {pkg.path.name} will not load: {e}") from None
            self._loaded[key] = (translator, sp)
        return self._loaded[key]

    def translate(self, segments: list[str], src: str, tgt: str) -> list[str]:
        pkg = self.packages().get((src, tgt))
        if pkg is None:
            raise EngineError(
                f"no argos package for {src}->{tgt}; `syndicate models install {src} {tgt}`"
            )
        if not segments:
            return []
        translator, sp = self.load(pkg)
        sentences: list[str] = []
        counts: list[int] = []
        for seg in segments:
            parts = split_sentences(" ".join(seg.split())) or [seg]
            sentences += parts
            counts.append(len(parts))
        tokens = [sp.encode(s, out_type=str) for s in sentences]
        prefix = [[pkg.target_prefix]] * len(tokens) if pkg.target_prefix else None
        try:
            results = translator.translate_batch(
                tokens,
                target_prefix=prefix,
                beam_size=self.beam_size,
                max_batch_size=BATCH_TOKENS,
                batch_type="tokens",
            )
        except (RuntimeError, ValueError) as e:
            raise EngineError(f"argos {src}->{tgt} failed: {e}") from None
        decoded = []
        for r in results:
            hyp = list(r.hypotheses[0])
            if pkg.target_prefix and hyp[:1] == [pkg.target_prefix]:
                hyp = hyp[1:]
            decoded.append(sp.decode_pieces(hyp).replace("▁", " ").strip())
        out, i = [], 0
        for n in counts:
            out.append(" ".join(decoded[i : i + n]))
            i += n
        return out
