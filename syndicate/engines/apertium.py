"""Apertium, the rule-based engine from Debian's packages: works offline on any machine.

One ``apertium`` process per call, all segments in it separated by blank lines (a blank
line is a sentence and segment boundary for Apertium's text deformatter; a single newline
is not, so segments are made single-line first). The segment count is checked on return.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import signal
import subprocess
from functools import cache
from pathlib import Path
from typing import ClassVar

from syndicate.engines import EngineError

MODES_DIR = Path(os.environ.get("APERTIUM_MODES", "/usr/share/apertium/modes"))
TIMEOUT = 120.0  # seconds per call; `--timeout` or `engine_timeout` in syndicate.toml

# Apertium mode names mix ISO 639-1 and 639-3 codes; the pipeline speaks 639-1.
ISO3_TO_1 = {
    "eng": "en",
    "spa": "es",
    "cat": "ca",
    "glg": "gl",
    "epo": "eo",
    "fra": "fr",
    "fre": "fr",
    "por": "pt",
    "ita": "it",
    "deu": "de",
    "ger": "de",
    "nld": "nl",
    "oci": "oc",
    "arg": "an",
    "ast": "ast",
    "eus": "eu",
    "ron": "ro",
    "swe": "sv",
    "dan": "da",
    "nob": "nb",
    "nno": "nn",
    "isl": "is",
    "rus": "ru",
    "ukr": "uk",
    "pol": "pl",
    "ces": "cs",
    "slk": "sk",
    "hbs": "sh",
    "mlt": "mt",
    "cym": "cy",
    "bre": "br",
    "gle": "ga",
    "srd": "sc",
    "tur": "tr",
    "kaz": "kk",
    "tat": "tt",
}
_MODE = re.compile(r"^([a-z]{2,3})-([a-z]{2,3})$")
_SEGMENT_SPLIT = re.compile(r"\n[ \t]*\n")


def _iso1(code: str) -> str:
    return ISO3_TO_1.get(code, code)


@cache
def installed_modes() -> dict[tuple[str, str], str]:
    """(src, tgt) -> Apertium mode name, from the installed mode files.

    Variants (``es-pt_BR``, ``eng-cat_valencia``) and debugging modes are left out; a
    639-3 name wins over a 639-1 one for the same pair (they are the newer packages).
    """
    modes: dict[tuple[str, str], str] = {}
    if not MODES_DIR.is_dir():
        return modes
    for f in sorted(MODES_DIR.glob("*.mode")):
        m = _MODE.match(f.stem)
        if not m:
            continue
        pair = (_iso1(m.group(1)), _iso1(m.group(2)))
        if pair not in modes or len(m.group(1)) == 3:
            modes[pair] = f.stem
    return modes


@cache
def _mode_version(mode: str) -> str:
    """A fingerprint of a mode's data files: changes when the pair package changes."""
    h = hashlib.sha1()
    text = (MODES_DIR / f"{mode}.mode").read_text(errors="replace")
    h.update(text.encode())
    for token in sorted(set(re.findall(r"(/[^\s'\"]+)", text))):
        try:
            st = os.stat(token)
            h.update(f"{token}:{st.st_size}:{int(st.st_mtime)}".encode())
        except OSError:
            pass
    return h.hexdigest()[:12]


def _kill_group(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()


class ApertiumEngine:
    name: ClassVar[str] = "apertium"
    protection: ClassVar[str] = "placeholder"
    drops_possessives: ClassVar[bool] = True

    def __init__(self, timeout: float | None = None) -> None:
        self.timeout = timeout or TIMEOUT

    def available(self) -> bool:
        return shutil.which("apertium") is not None

    def pairs(self) -> set[tuple[str, str]]:
        return set(installed_modes()) if self.available() else set()

    def version(self, src: str | None = None, tgt: str | None = None) -> str:
        if src and tgt and (src, tgt) in installed_modes():
            return _mode_version(installed_modes()[(src, tgt)])
        return "apertium"

    def translate(self, segments: list[str], src: str, tgt: str) -> list[str]:
        mode = installed_modes().get((src, tgt))
        if not mode:
            raise EngineError(f"apertium has no {src}->{tgt} pair; apt-get install apertium-*")
        if not segments:
            return []
        text = "\n\n".join(" ".join(s.split()) for s in segments) + "\n"
        try:
            # Own process group: `apertium` is a shell pipeline, and a timeout must end
            # every stage of it, not just the shell.
            proc = subprocess.Popen(
                ["apertium", "-u", "-f", "txt", mode],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
        except OSError as e:
            raise EngineError(f"apertium could not start ({e.strerror})") from None
        try:
            stdout, stderr = proc.communicate(text.encode("utf-8"), timeout=self.timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            raise EngineError(
                f"apertium {mode} timed out after {self.timeout:g}s (raise --timeout)"
            ) from None
        if proc.returncode != 0:
            err = stderr.decode("utf-8", "replace").strip().splitlines()
            why = err[-1] if err else f"exit status {proc.returncode}"
            raise EngineError(f"apertium {mode} failed: {why}")
        out = _SEGMENT_SPLIT.split(stdout.decode("utf-8", "replace").strip("\n"))
        if len(out) != len(segments):
            raise EngineError(f"apertium {mode} returned {len(out)} segments for {len(segments)}")
        return [s.strip() for s in out]
