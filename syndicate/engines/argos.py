"""Argos Translate packages, run directly with CTranslate2: the neural engine.

Packages are found and installed with ``argostranslate.package`` (see
:mod:`syndicate.engines.models`). Translation does not go through
``argostranslate.translate.translate()``: that runs one small batch per paragraph,
needs a sentence-splitter model it downloads at first use, and caches translators
globally. Here each call splits its segments into sentences (the package's bundled
MiniSBD model when it has one, else :mod:`syndicate.text.sentences`), tokenizes them with the
package's own tokenizer through argostranslate's classes (SentencePiece, or BPE with
sacremoses), and runs one ``ctranslate2.Translator.translate_batch`` over all of them.
Decoding is argostranslate's, so a package gives the quality its authors measured:
``replace_unknowns`` (a name outside the vocabulary is copied, not "⁇"), its beam size
setting (4 by default; ours to override), ``length_penalty=0.2``, the package's
``target_prefix``, the sentences of a segment decoded together. Translators stay loaded
across articles (keyed by the model file's mtime, so a reinstalled package is reloaded).

A multilingual package (``languages``, ``source_languages``, ``target_languages`` in
its metadata) offers every pair it declares, each target with its own prefix.

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

from syndicate.engines.base import EngineError

THREADS = int(os.environ.get("SYNDICATE_ARGOS_THREADS", "1"))  # 1 was fastest on 2 vCPU
BATCH_TOKENS = 2048  # measured best on 2 vCPU: 3x faster than argostranslate's 32
LENGTH_PENALTY = 0.2  # argostranslate's
TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")


def compute_type() -> str:
    """argostranslate's setting (ARGOS_COMPUTE_TYPE, "auto": a float32 package runs as
    int8 on a CPU that has it), so a package runs as its users get it."""
    try:
        from argostranslate import settings

        return str(settings.compute_type)
    except (ImportError, OSError, AttributeError):
        return "auto"


def default_beam_size() -> int:
    """``SYNDICATE_ARGOS_BEAM`` when set, else argostranslate's setting (ARGOS_BEAM_SIZE,
    4 by default): what a user of argostranslate gets."""
    if os.environ.get("SYNDICATE_ARGOS_BEAM"):
        return int(os.environ["SYNDICATE_ARGOS_BEAM"])
    try:
        from argostranslate import settings

        return int(settings.beam_size)
    except (ImportError, OSError, AttributeError):
        return 4


@dataclass(frozen=True)
class ArgosPackage:
    path: Path
    from_code: str
    to_code: str
    version: str
    target_prefix: str
    tokenizer: str = "sentencepiece.model"  # the file: sentencepiece.model or bpe.model

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


def _codes(entries: object) -> list[dict]:
    """Language entries of metadata (``{"code": ..}`` dicts, or bare codes)."""
    out = []
    for e in entries if isinstance(entries, list) else []:
        if isinstance(e, str):
            out.append({"code": e})
        elif isinstance(e, dict) and e.get("code"):
            out.append(e)
    return out


def declared_pairs(meta: dict) -> dict[tuple[str, str], str]:
    """(source, target) -> target prefix, for every pair a package's metadata declares.

    A single-pair package: from_code -> to_code with its ``target_prefix``. A
    multilingual one: every source of ``source_languages`` + ``languages`` into every
    target of ``target_languages`` + ``languages``; a target's prefix is its entry's
    ``target_prefix``, else the package's with ``{code}`` filled in, else ``__code__``."""
    sources = _codes(meta.get("source_languages")) + _codes(meta.get("languages"))
    targets = _codes(meta.get("target_languages")) + _codes(meta.get("languages"))
    prefix = str(meta.get("target_prefix") or "")
    pairs: dict[tuple[str, str], str] = {}
    if meta.get("from_code") and meta.get("to_code"):
        pairs[(str(meta["from_code"]), str(meta["to_code"]))] = prefix.replace(
            "{code}", str(meta["to_code"])
        )
    multi = len({t["code"] for t in targets}) > 1
    for s in sources:
        for t in targets:
            if s["code"] == t["code"] or (s["code"], t["code"]) in pairs:
                continue
            own = t.get("target_prefix")
            if own is None:
                own = prefix.replace("{code}", t["code"]) if prefix else ""
                if multi and (not prefix or "{code}" not in prefix):
                    own = f"__{t['code']}__"
            pairs[(str(s["code"]), str(t["code"]))] = str(own)
    return pairs


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
            if not isinstance(meta, dict) or meta.get("type", "translate") != "translate":
                continue
            path = meta_path.parent
            tokenizer = next((t for t in TOKENIZER_FILES if (path / t).exists()), None)
            if tokenizer is None or not (path / "model" / "model.bin").exists():
                continue
            pairs = declared_pairs(meta)
            for (src, tgt), prefix in pairs.items():
                found[(src, tgt)] = ArgosPackage(
                    path=path,
                    from_code=src,
                    to_code=tgt,
                    version=str(meta.get("package_version", "")),
                    target_prefix=prefix,
                    tokenizer=tokenizer,
                )
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
        self.beam_size = beam_size or default_beam_size()
        self._packages: dict[tuple[str, str], ArgosPackage] | None = None
        self._loaded: dict[tuple, tuple[Any, Any, Any]] = {}

    def set_jobs(self, jobs: int) -> None:
        """CTranslate2's intra-op threads, unless SYNDICATE_ARGOS_THREADS says otherwise
        (loaded translators keep theirs)."""
        if "SYNDICATE_ARGOS_THREADS" not in os.environ:
            self.threads = max(1, jobs)

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
        settings = f"{compute_type()}:beam{self.beam_size}:lp{LENGTH_PENALTY}:unk"
        return f"{pkg.version}:{st.st_size}:{int(st.st_mtime)}:{pkg.tokenizer}:{settings}"

    def load(self, pkg: ArgosPackage) -> tuple[Any, Any, Any]:
        """(translator, tokenizer, sentence splitter or None), loaded once per model file
        version and shared by every pair of a multilingual package."""
        key = (str(pkg.path), (pkg.model_dir / "model.bin").stat().st_mtime_ns)
        if pkg.tokenizer == "bpe.model":  # Moses detokenizes for one target language
            key += (pkg.from_code, pkg.to_code)
        if key not in self._loaded:
            try:
                import ctranslate2
                from argostranslate.tokenizer import BPETokenizer, SentencePieceTokenizer
            except ImportError:
                raise EngineError("argos needs the argos extra: `make setup`") from None
            try:
                translator = ctranslate2.Translator(
                    str(pkg.model_dir),
                    device="cpu",
                    inter_threads=1,
                    intra_threads=self.threads,
                    compute_type=compute_type(),
                )
                if pkg.tokenizer == "bpe.model":
                    tokenizer = BPETokenizer(pkg.path / "bpe.model", pkg.from_code, pkg.to_code)
                else:
                    tokenizer = SentencePieceTokenizer(pkg.path / "sentencepiece.model")
                tokenizer.encode("a")  # load now: a broken file fails here, named
            except (RuntimeError, OSError, ValueError) as e:
                raise EngineError(f"argos package {pkg.path.name} will not load: {e}") from None
            self._loaded[key] = (translator, tokenizer, _bundled_splitter(pkg))
        return self._loaded[key]

    def split(self, pkg: ArgosPackage, splitter: Any, text: str, src: str) -> list[str]:
        text = " ".join(text.split())
        if splitter is not None:
            return [s.strip() for s in splitter.sentences(text) if s.strip()] or [text]
        from syndicate.text import sentences  # regex and sentencex: loaded when a text is split

        return sentences.split(text, src) or [text]

    def translate(self, segments: list[str], src: str, tgt: str) -> list[str]:
        pkg = self.packages().get((src, tgt))
        if pkg is None:
            raise EngineError(
                f"no argos package for {src}->{tgt}; `syndicate models install {src} {tgt}`"
            )
        if not segments:
            return []
        translator, tokenizer, splitter = self.load(pkg)
        flat: list[str] = []
        counts: list[int] = []
        for seg in segments:
            parts = self.split(pkg, splitter, seg, src)
            flat += parts
            counts.append(len(parts))
        tokens = [tokenizer.encode(s) for s in flat]
        prefix = pkg.target_prefix
        try:
            results = translator.translate_batch(
                tokens,
                target_prefix=[[prefix]] * len(tokens) if prefix else None,
                replace_unknowns=True,
                beam_size=self.beam_size,
                length_penalty=LENGTH_PENALTY,
                max_batch_size=BATCH_TOKENS,
                batch_type="tokens",
            )
        except (RuntimeError, ValueError) as e:
            raise EngineError(f"argos {src}->{tgt} failed: {e}") from None
        hyps = []
        for r in results:
            hyp = list(r.hypotheses[0])
            if prefix and hyp[:1] == [prefix]:
                hyp = hyp[1:]  # every sentence's, not only the first (argostranslate's)
            hyps.append(hyp)
        out, i = [], 0
        for n in counts:
            # A segment's sentences decoded together, as argostranslate decodes a
            # paragraph: no blank forced between sentences of a script that has none.
            value = tokenizer.decode([t for h in hyps[i : i + n] for t in h])
            out.append(value[1:] if value.startswith(" ") else value)
            i += n
        return out


def _bundled_splitter(pkg: ArgosPackage) -> Any:
    """The package's own MiniSBD model (``minisbd/*.onnx``) when it ships one."""
    folder = pkg.path / "minisbd"
    models = sorted(folder.glob("*.onnx")) if folder.is_dir() else []
    if not models:
        return None
    try:
        from minisbd import SBDetect

        return SBDetect(str(models[0]))
    except Exception:  # an unreadable model: our splitter, not a failed run
        return None
