"""Apertium, the rule-based engine from Debian's packages: works offline on any machine.

Each mode's stages run as one pipeline per run (null-flush), or one process per call
where that cannot start; all segments of a call go in it separated by blank lines (a blank
line is a sentence and segment boundary for Apertium's text deformatter; a single newline
is not, so segments are made single-line first). The segment count is checked on return.

Two stages are ours (:func:`with_our_stages`), around the generator: blanks put back
between words transfer moved out of a hyphenated compound, and unknown words marked for
backoff. What the pair does not know goes through other pairs (:mod:`.backoff`); its
known errors are repaired on each hop's output (:mod:`.repairs`).
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import os
import re
import select
import shlex
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from syndicate.engines import backoff
from syndicate.engines.base import EngineError

if TYPE_CHECKING:
    from syndicate.engines.readings import Token, Unit

# names, possessives and repairs are imported where they are used: a run that finds
# nothing changed needs only the pairs and their versions from this module.

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

# Pivots that measure better than the direct pair with the whole pipeline on FLORES
# (bench/quality.py, chrF): en->ca 52.25, en->es->ca 52.58 (raw 51.86 and 51.84). Our
# Spanish (repairs, backoff) and spa-cat, a close and mature pair, beat eng-cat; en-gl
# stays direct (50.43, through es 49.98).
# With fra-cat, cat-ita and por-cat installed, French, Italian and Portuguese go through
# Catalan: fr 49.5 (through es 48.1), pt 50.9 (50.5), it 43.4 (43.0), and the Spanish
# words the es pivot left in them (fr 19.5 a 1,000 words on FLORES devtest) go too.
PIVOTS = {("en", "ca"): "es", ("en", "fr"): "ca", ("en", "pt"): "ca", ("en", "it"): "ca"}

# Transfer keeps the blanks of the source where they were: words it reorders out of a
# hyphenated compound come out with nothing between them ("100-metre ship" -> "barcode100
# metros", "newly-independent Algeria" -> "Argelianuevamenteindependiente", "48-year-old
# Auckland" -> "48añosAuckland"), which a reader cannot read and a pivot pair does not
# know. Before generation, a blank goes between two adjacent lexical units that are both
# words, or a word and an unknown word; never next to punctuation, a currency sign, a
# unit's exponent (km2: a noun then a number), a suffix on a number (1970s) or a word
# glued after an unknown one (en-ca's "Ioha" for "Io's", which restoring drops).
_WORD_TAGS = (
    "n|np|adj|adv|vblex|vbser|vbhaver|vbmod|vaux|pr|det|prn|cnjcoo|cnjsub|cnjadv|rel|predet|preadv"
)
UNKNOWN_MARK = backoff.MARK
# A whole unit whose first tag is one of these (groups 1 and 2), then the next one's start.
_LU_OF = r"(\^[^^$<]*<({})>[^^$]*)\$\^"
UNGLUE = ";".join(
    [
        rf":a;s/{_LU_OF.format(_WORD_TAGS + '|num')}([^^$<*]*<({_WORD_TAGS})>)/\1$ ^\3/;ta",
        rf":b;s/{_LU_OF.format('pr|det|adj|adv|vblex|cnjcoo')}([^^$<*]*<num>)/\1$ ^\3/;tb",
        rf":c;s/{_LU_OF.format(_WORD_TAGS)}\*([A-Za-z]{{2}})/\1$ ^*\3/;tc",
        # An unknown word, followed by a superblank holding backoff.MARK: the output says
        # which words the pair did not know (the generator's "*" goes, see UNSTAR).
        rf"s/(\^\*[^^$]*\$)/\1[{UNKNOWN_MARK}]/g",
    ]
)
# After generation (run with -g, so a form it cannot generate shows as "#word", which
# backoff counts), the generator's "*" before unknown words goes: postgeneration does
# not elide before a marked word ("al *Obanazawa", not "a l'Obanazawa").
UNSTAR = r"s/(^|[] \t\n(«\"“‘‹[-])\*([^ ])/\1\2/g"


def with_our_stages(script: str) -> str:
    """A mode's shell pipeline with :data:`UNGLUE` before its generator (``lt-proc $1``)
    and :data:`UNSTAR` after it (GNU sed, unbuffered, NUL-separated records as the
    null-flush stages write them)."""
    before = f"sed -u -z -E {shlex.quote(UNGLUE)}"
    after = f"sed -u -z -E {shlex.quote(UNSTAR)}"
    generator = re.compile(r"\|\s*(lt-proc\s+(?:-z\s+)?\$1\s+\S+)")
    return generator.sub(lambda m: f"| {before} | {m.group(1)} | {after}", script, count=1)


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
def _pair_version(src: str, tgt: str) -> str:
    """The mode's version, and with backoff pairs, theirs and the backoff code's."""
    modes = installed_modes()
    hops = [(src, tgt), *backoff.chain(set(modes), src, tgt)]
    parts = [_mode_version(modes[h]) for h in hops]
    if len(parts) == 1:
        return parts[0]
    text = "+".join(parts) + Path(backoff.__file__).read_text()
    return hashlib.sha1(text.encode()).hexdigest()[:12]


@cache
def _mode_version(mode: str) -> str:
    """A fingerprint of a mode's data files and of our own stage: changes when the pair
    package, :data:`UNGLUE` or :mod:`~syndicate.engines.repairs` changes (translation
    memory is kept per version)."""
    h = hashlib.sha1()
    text = (MODES_DIR / f"{mode}.mode").read_text(errors="replace")
    h.update(with_our_stages(text).encode())
    h.update(Path(__file__).with_name("repairs.py").read_bytes())
    for token in sorted(set(re.findall(r"(/[^\s'\"]+)", text))):
        try:
            st = os.stat(token)
            h.update(f"{token}:{st.st_size}:{int(st.st_mtime)}".encode())
        except OSError:
            pass
    return h.hexdigest()[:12]


@cache
def _stage_file(mode: str, tool: str, suffix: str) -> Path | None:
    """The data file a stage of the mode's pipeline loads (read once per mode)."""
    text = (MODES_DIR / f"{mode}.mode").read_text(errors="replace")
    m = re.search(rf"{tool}[^|]*?'?(/[^'\s|]+{re.escape(suffix)})", text)
    return Path(m.group(1)) if m else None


def analyser_path(mode: str) -> Path | None:
    """The mode's first stage: the source language's morphological analyser."""
    return _stage_file(mode, "lt-proc", ".automorf.bin")


def generator_path(mode: str) -> Path | None:
    """The mode's morphological generator (its target language's forms)."""
    return _stage_file(mode, "lt-proc", ".autogen.bin")


def package_dir(src: str, tgt: str) -> Path | None:
    """The folder of the installed pair package that translates src->tgt (its
    dictionaries: ``/usr/share/apertium/apertium-por-cat``)."""
    mode = installed_modes().get((src, tgt))
    path = generator_path(mode) if mode else None
    return path.parent if path else None


def tagger_path(mode: str) -> Path | None:
    """The mode's part-of-speech tagger model (`apertium-tagger -g ... x.prob`)."""
    return _stage_file(mode, "apertium-tagger", ".prob")


_UNIT = re.compile(r"\^((?:\\.|[^$\\])*)\$")
_TAGS = re.compile(r"<([^>]+)>")
_PUNCT_TAGS = {"cm", "sent", "lpar", "rpar", "lquot", "rquot", "guio", "apos", "percent"}
# A reading's first tag that makes the word a function word or a verb.
_CLOSED_TAGS = {"cnjadv", "cnjsub", "cnjcoo", "adv", "preadv", "pr", "prn", "rel", "itg"}
_CLOSED_TAGS |= {"vblex", "vbser", "vbhaver", "vbmod", "vaux", "vbdo"}


def _known_elsewhere(unit: Unit, phrase: str, others: list[dict[str, list[Unit]]]) -> Unit | None:
    """A word the pair's analyser does not know that another analyser of the language
    reads as an ordinary word, with no name reading: "Pakistani", "Greenlandic", "Navy"
    (eng-spa knows none; eng-cat and en-gl read them as an adjective and a noun). It is
    a word (backoff translates it: "el presidente paquistaní"), not a name to keep."""
    from syndicate.engines.readings import ELSEWHERE, PERSON, PROPER, UNKNOWN, WORD, Unit

    if UNKNOWN not in unit.kinds or unit.surface.isupper():  # ACTA: an acronym, a name
        return None
    knowers = [
        o.kinds
        for other in others
        for o in other.get(phrase, [])
        if o.surface == unit.surface and UNKNOWN not in o.kinds
    ]
    if not knowers or any(k & {PERSON, PROPER} or WORD not in k for k in knowers):
        return None
    return Unit(unit.surface, frozenset().union(*knowers) | {ELSEWHERE})


def reading_kinds(readings: list[str]) -> frozenset[str]:
    """What an analysis says of a word: a personal name, another proper noun, an
    ordinary word (with ``adj``/``pl`` when it can be one), or unknown (``*Hegseth``)."""
    from syndicate.engines.readings import CLOSED, LITERAL, PERSON, PROPER, UNKNOWN, WORD

    kinds: set[str] = set()
    firsts = [m.group(1) if (m := _TAGS.search(r)) else "" for r in readings]
    if firsts and all(t in _CLOSED_TAGS for t in firsts):
        kinds.add(CLOSED)
    for r in readings:
        if r.startswith("*"):
            kinds.add(UNKNOWN)
            continue
        tags = set(_TAGS.findall(r))
        if "np" in tags:
            kinds.add(PERSON if tags & {"ant", "cog"} else PROPER)
        elif tags & {"web", "email", "file", "url"}:
            kinds |= {WORD, LITERAL}  # the generator writes the lemma: "caliber.az"
        elif tags and not tags <= _PUNCT_TAGS:
            kinds.add(WORD)
            if "adj" in tags:
                kinds.add("adj")
            if "pl" in tags:
                kinds.add("pl")
            if tags & {"num", "ord"}:
                kinds.add("num")
            if tags & {"det", "predet"}:
                kinds.add("det")
            if "acr" in tags:
                kinds.add("acr")  # NATO, TV: the dictionary's acronym, rendered as such
    return frozenset(kinds)


def parse_analysis(stream: str) -> list[Unit]:
    """`lt-proc` output (``^Trump/trump<n><sg>/trump<vblex><inf>$``) as units."""
    from syndicate.engines.readings import Unit

    units = []
    for m in _UNIT.finditer(stream):
        parts = re.split(r"(?<!\\)/", m.group(1))
        surface = re.sub(r"\\(.)", r"\1", parts[0])
        kinds = reading_kinds(parts[1:])
        if kinds:
            units.append(Unit(surface, kinds))
    return units


def parse_tagged(stream: str, text: str) -> list[Token]:
    """`apertium-tagger -p` output (``^rights/right<n><pl>$``) as tokens placed in ``text``."""
    from syndicate.engines.readings import Token

    tokens = []
    pos = 0
    for m in _UNIT.finditer(stream):
        surface, _, reading = m.group(1).partition("/")
        surface = re.sub(r"\\(.)", r"\1", surface)
        at = text.find(surface, pos)
        if at < 0:  # an inserted sentence end, or a unit we cannot place
            continue
        pos = at + len(surface)
        tags = frozenset(_TAGS.findall(reading))
        tokens.append(Token(surface, at, pos, tags, reading.startswith("*")))
    return tokens


def _kill_group(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()


# Apertium's stream format, as its text deformatter writes it: these are escaped, and
# "[...]" is a superblank passed through untouched.
_STREAM_SPECIAL = re.compile(r"([\[\]\\^$/<>@{}])")


def to_stream(segments: list[str]) -> str:
    """What `apertium-destxt` makes of segments joined by blank lines: escaped text, an
    inserted sentence end (".[]") before each blank line, the blank line a superblank."""
    return "[][\n\n]".join(_STREAM_SPECIAL.sub(r"\\\1", s) + "." for s in segments) + "[]"


def from_stream(text: str) -> str:
    """What `apertium-retxt` makes of the stream: inserted sentence ends dropped,
    superblanks opened, escapes undone."""
    text = text.replace(".[]", "")
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            out.append(text[i + 1])
            i += 2
        elif ch in "[]":
            i += 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _exchange(proc: subprocess.Popen, data: bytes, records: int, timeout: float) -> bytearray:
    """Write ``data`` to the process while reading what it writes back, in one thread (a
    batch bigger than the pipe's buffer would otherwise deadlock), until ``records``
    NUL-ended records are read. TimeoutError when it takes longer than ``timeout``;
    EOFError when the process closes its output."""
    assert proc.stdin and proc.stdout
    out_fd, in_fd = proc.stdout.fileno(), proc.stdin.fileno()
    os.set_blocking(in_fd, False)
    deadline = time.monotonic() + timeout
    pending = memoryview(data)
    buf = bytearray()
    got = 0
    while got < records:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        readable, writable, _ = select.select([out_fd], [in_fd] if pending else [], [], left)
        if not readable and not writable:
            raise TimeoutError
        if writable:
            try:
                pending = pending[os.write(in_fd, pending[: 1 << 16]) :]
            except BlockingIOError:
                pass
            except OSError:  # the process is gone: what it wrote still says why
                pending = pending[:0]
        if readable:
            chunk = os.read(out_fd, 1 << 16)
            if not chunk:
                raise EOFError
            got += chunk.count(b"\0")
            buf += chunk
    return buf


class _Analyser:
    """An analyser (`lt-proc -z -w`) kept running, as the modes are: records written
    with a NUL after each come back each with a NUL after it (:func:`_exchange` reads
    while it writes). One per analyser file and process, for the whole run."""

    def __init__(self, argv: list[str]) -> None:
        self.proc = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )

    def alive(self) -> bool:
        return self.proc.poll() is None

    def run(self, stream: str, timeout: float) -> str:
        data = stream.encode("utf-8")
        try:
            out = _exchange(self.proc, data, data.count(b"\0"), timeout)
        except TimeoutError:
            raise OSError("analyser timed out") from None
        except EOFError:
            raise OSError("analyser ended") from None
        return out.decode("utf-8", "replace")

    def close(self) -> None:
        if self.alive():
            self.proc.kill()
        with contextlib.suppress(OSError):
            self.proc.wait(5)
        for f in (self.proc.stdin, self.proc.stdout):
            if f:
                with contextlib.suppress(OSError):
                    f.close()


_ANALYSERS: dict[tuple, _Analyser] = {}
_ANALYSERS_LOCK = threading.Lock()


def run_analyser(path: Path, stream: str, timeout: float, flag: str = "-w") -> str:
    """The analyser's output for ``stream`` (NUL-ended records), from its running
    process (started on first use; a forked worker starts its own). ``flag`` "-g" runs a
    generator instead. OSError when it fails or times out: the process is dropped, the
    next call starts another."""
    return _run_persistent((path, flag), ["lt-proc", "-z", flag, str(path)], stream, timeout)


def _run_persistent(key: tuple, argv: list[str], stream: str, timeout: float) -> str:
    key = (os.getpid(), *key)
    with _ANALYSERS_LOCK:
        proc = _ANALYSERS.get(key)
        if proc is None or not proc.alive():
            proc = _ANALYSERS[key] = _Analyser(argv)
        try:
            return proc.run(stream, timeout)
        except OSError:
            proc.close()
            _ANALYSERS.pop(key, None)
            raise


@atexit.register
def _close_analysers() -> None:
    for key, proc in list(_ANALYSERS.items()):
        if key[0] == os.getpid():
            proc.close()


class _Pipeline:
    """One mode's stages kept running in null-flush mode (`apertium-wblank-mode -z`):
    a batch is written with a NUL after it and read back up to the NUL, so the
    transducers are loaded once per run instead of once per call."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        script = with_our_stages(
            subprocess.run(
                ["apertium-wblank-mode", "-z", str(MODES_DIR / f"{mode}.mode")],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        # $1: generator option (-g: "#" on forms it cannot generate); $2: tagger option.
        # stderr to a file: a chatty stage must never block on a full pipe.
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the process
        self.proc = subprocess.Popen(
            ["bash", "-c", script, "apertium-" + mode, "-g", ""],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            start_new_session=True,
        )

    def alive(self) -> bool:
        return self.proc.poll() is None

    def run(self, segments: list[str], timeout: float) -> str:
        data = to_stream(segments).encode("utf-8") + b"\0"
        try:
            buf = _exchange(self.proc, data, 1, timeout)
        except TimeoutError:
            self.close()
            raise EngineError(
                f"apertium {self.mode} timed out after {timeout:g}s (raise --timeout)"
            ) from None
        except EOFError:
            self.proc.wait()
            why = self.stderr()
            self.close()
            raise EngineError(f"apertium {self.mode} failed: {why}") from None
        return from_stream(buf[:-1].decode("utf-8", "replace"))

    def stderr(self) -> str:
        if self.alive():
            return "no output"
        self.errors.seek(0)
        lines = self.errors.read().decode("utf-8", "replace").strip().splitlines()
        return lines[-1] if lines else f"exit status {self.proc.returncode}"

    def close(self) -> None:
        if self.alive():
            _kill_group(self.proc)
        for f in (self.proc.stdin, self.proc.stdout, self.errors):
            if f:
                with contextlib.suppress(OSError):
                    f.close()


_DOTTED = r"(?<![^\W\d_])(?:[^\W\d_]{1,3}\.){2,}"  # U.S., p.m., U.K.
_DOTTED_END = re.compile(_DOTTED + "$")
_DOTTED_INSIDE = re.compile(_DOTTED + r"\s")
_ENDS_SENTENCE = re.compile(r"[.!?…][\"”»’)\]]*$")


def _split_after_abbreviations(segments: list[str], src: str) -> tuple[list[str], list[int]]:
    """The segments, each cut after a sentence that ends in a dotted abbreviation, and
    for each piece the segment it belongs to."""
    from syndicate.text import sentences

    pieces: list[str] = []
    owners: list[int] = []
    for i, seg in enumerate(segments):
        parts = [seg]
        if _DOTTED_INSIDE.search(seg):
            cut: list[str] = []
            for sentence in sentences.split(seg, src) or [seg]:
                if cut and _DOTTED_END.search(cut[-1]):
                    cut.append(sentence)
                elif cut:
                    cut[-1] += " " + sentence
                else:
                    cut.append(sentence)
            if len(cut) > 1 and " ".join(cut) == " ".join(seg.split()):
                parts = cut
        pieces += parts
        owners += [i] * len(parts)
    return pieces, owners


class ApertiumEngine:
    name: ClassVar[str] = "apertium"
    protection: ClassVar[str] = "placeholder"
    drops_possessives: ClassVar[bool] = True

    def __init__(self, timeout: float | None = None, persistent: bool | None = None) -> None:
        self.timeout = timeout or TIMEOUT
        if persistent is None:
            persistent = os.environ.get("SYNDICATE_APERTIUM_PERSISTENT", "1") != "0"
        self.persistent = persistent and shutil.which("apertium-wblank-mode") is not None
        self._pipes: dict[str, _Pipeline] = {}
        self._analyses: dict[str, dict[str, list[Unit]]] = {}
        self._tagged: dict[str, dict[str, str]] = {}  # mode -> text -> tagger stream
        self._backed_off: dict[tuple[str, str], dict[str, str | None]] = {}  # per pair
        # per pair: whether each word it marked is still unknown through the backoff pairs
        self._alone: dict[tuple[str, str], dict[str, bool]] = {}
        self._no_backoff: set[tuple[str, str]] = set()
        self._abbreviations: dict[str, dict[str, bool]] = {}  # mode -> last word -> takes "."

    def available(self) -> bool:
        return shutil.which("apertium") is not None

    def pairs(self) -> set[tuple[str, str]]:
        return set(installed_modes()) if self.available() else set()

    def preferred_chain(self, src: str, tgt: str) -> tuple[tuple[str, str], ...] | None:
        """The pivot of :data:`PIVOTS` for src->tgt, when both its pairs are installed."""
        mid = PIVOTS.get((src, tgt))
        modes = installed_modes()
        if mid and (src, mid) in modes and (mid, tgt) in modes:
            return ((src, mid), (mid, tgt))
        return None

    def version(self, src: str | None = None, tgt: str | None = None) -> str:
        """The pair's fingerprint, with the pairs its unknown words go through."""
        if src and tgt and (src, tgt) in installed_modes():
            return _pair_version(src, tgt)
        return "apertium"

    def translate(self, segments: list[str], src: str, tgt: str) -> list[str]:
        """Segments through the src->tgt mode; what it does not know through the backoff
        pairs (:mod:`~syndicate.engines.backoff`); known errors repaired.

        A sentence that ends in a dotted abbreviation ("approved in the U.S. Then it
        failed") goes as a segment of its own: the pairs read the period as the
        abbreviation's and write "USA Alors", one sentence where there were two; a
        period is put back where the translation of such a sentence ends without one."""
        pieces, owners = _split_after_abbreviations(segments, src)
        if len(pieces) == len(segments):
            return self._translate(segments, src, tgt)
        out = self._translate(pieces, src, tgt)
        joined: list[list[str]] = [[] for _ in segments]
        for o, owner in zip(out, owners, strict=True):
            if joined[owner] and not _ENDS_SENTENCE.search(joined[owner][-1]):
                joined[owner][-1] += "."
            joined[owner].append(o)
        return [" ".join(parts) for parts in joined]

    def _translate(self, segments: list[str], src: str, tgt: str) -> list[str]:
        from syndicate.engines import repairs

        mode = installed_modes().get((src, tgt))
        if not mode:
            raise EngineError(f"apertium has no {src}->{tgt} pair; apt-get install apertium-*")
        if not segments:
            return []
        segments = [" ".join(s.split()) for s in segments]
        out = self._marked(segments, src, tgt)
        known = self._backed_off.setdefault((src, tgt), {})
        pairs = set(installed_modes())
        hops = () if (src, tgt) in self._no_backoff else backoff.chain(pairs, src, tgt)
        try:
            through = (lambda texts: self._through(texts, hops)) if hops else None
            alone = self._alone.setdefault((src, tgt), {})
            out, taken = backoff.complete(
                segments, out, through, known, alone, lambda texts: self._multiwords(texts, hops)
            )
        except EngineError:  # a backoff pair that hangs or fails: what it would add is lost
            self._no_backoff.add((src, tgt))
            out, taken = backoff.complete(segments, out, None, known)
        last = installed_modes()[hops[-1]] if hops else mode
        return [
            repairs.repair(last if t else mode, [s], [o])[0]
            for s, o, t in zip(segments, out, taken, strict=True)
        ]

    def _through(self, segments: list[str], hops: tuple[tuple[str, str], ...]) -> list[str]:
        """Marked output of the hops in turn, each middle text unmarked and repaired."""
        from syndicate.engines import repairs

        texts = segments
        for n, (a, b) in enumerate(hops):
            out = self._marked(texts, a, b)
            if n < len(hops) - 1:
                out = repairs.repair(installed_modes()[(a, b)], texts, backoff.unmark(out))
            texts = out
        return texts

    def _multiwords(self, texts: list[str], hops: tuple[tuple[str, str], ...]) -> list[set[str]]:
        """Per text, the words of the units of several words that the first backoff
        pair's analyser reads in it ("lingua francas")."""
        mode = installed_modes().get(hops[0])
        path = analyser_path(mode) if mode else None
        if path is None:
            return [set() for _ in texts]
        try:  # not remembered: segments, unlike names, do not come back
            out = run_analyser(path, "".join(to_stream([t]) + "\0" for t in texts), self.timeout)
        except OSError as e:
            raise EngineError(f"apertium analyser for {mode} failed ({e})") from None
        chunks = out.split("\0")
        return [
            {w for u in parse_analysis(c) if " " in u.surface for w in u.surface.split()}
            for c in chunks[: len(texts)]
        ] + [set()] * max(0, len(texts) - len(chunks))

    def _marked(self, segments: list[str], src: str, tgt: str) -> list[str]:
        """The mode's output, each unknown word followed by :data:`backoff.MARK`."""
        mode = installed_modes()[(src, tgt)]
        segments = self._closed(mode, segments)
        text = self._persistent(mode, segments) if self.persistent else self._once(mode, segments)
        out = _SEGMENT_SPLIT.split(text.strip("\n"))
        if len(out) != len(segments):
            raise EngineError(f"apertium {mode} returned {len(out)} segments for {len(segments)}")
        return [s.strip() for s in out]

    def _closed(self, mode: str, segments: list[str]) -> list[str]:
        """Segments whose last word would take the sentence end the stream puts after each
        (":func:`to_stream`) as its own period ("the U.S", "Acme Inc": the analyser reads
        "U.S." and "Inc." as abbreviations), given that period, so that the sentence end
        is one again. Without it the transfer reads the segment and the next as one
        sentence and moves words across ("Trade talks stall in the U.S" + "Officials said"
        -> "... en las Oficiales" + "de EE.UU. dijo"). The mode's analyser says which."""
        ends = {s.split()[-1] for s in segments if s[-1:].isalnum()}
        known = self._abbreviations.setdefault(mode, {})
        todo = sorted(w for w in ends if w not in known)
        path = analyser_path(mode) if todo else None
        if path is not None:
            stream = "".join(_STREAM_SPECIAL.sub(r"\\\1", w) + ". \0" for w in todo)
            try:
                out = run_analyser(path, stream, self.timeout).split("\0")
            except OSError as e:
                raise EngineError(f"apertium analyser for {mode} failed ({e})") from None
            for w, chunk in zip(todo, out, strict=False):
                known[w] = not chunk.rstrip().endswith("<sent>$")
        return [s + "." if s[-1:].isalnum() and known.get(s.split()[-1]) else s for s in segments]

    def analyse(self, phrases: list[str], src: str, tgt: str) -> dict[str, list[Unit]]:
        """How the src->tgt pair's analyser reads each phrase, with personal-name and
        adjective readings decided by a vote of the installed analysers of ``src``: en-gl reads
        "Fox" only as the animal (eng-spa and en-ca also as a surname: kept), while en-ca
        alone reads House, Lake, Sun and Falls as names (dropped). A word only one
        analyser has seen keeps that analyser's reading."""
        from syndicate.engines.readings import PERSON, Unit

        main = self._analyse_mode(phrases, src, tgt)
        others = [
            self._analyse_mode(phrases, a, b)
            for a, b in sorted(installed_modes())
            if a == src and b != tgt
        ]
        if not others:
            return main
        voted = (PERSON, "adj")  # eng-cat and en-gl read "Forest" as an adjective too
        for phrase, units in main.items():
            seen: dict[str, int] = {}
            votes: dict[tuple[str, str], int] = {}
            for other in others:
                for u in other.get(phrase, []):
                    seen[u.surface] = seen.get(u.surface, 0) + 1
                    for kind in voted:
                        key = (u.surface, kind)
                        votes[key] = votes.get(key, 0) + (kind in u.kinds)
            out = []
            for u in units:
                known = _known_elsewhere(u, phrase, others)
                if known is not None:
                    u = known
                elif seen.get(u.surface):
                    kinds = set(u.kinds)
                    for kind in voted:  # a name: two analysers; an adjective: most
                        n = votes[(u.surface, kind)] + (kind in u.kinds)
                        if n >= 2 if kind == PERSON else 2 * n > seen[u.surface] + 1:
                            kinds.add(kind)
                        else:
                            kinds.discard(kind)
                    u = Unit(u.surface, frozenset(kinds))
                out.append(u)
            main[phrase] = out
        return main

    def _analyse_mode(self, phrases: list[str], src: str, tgt: str) -> dict[str, list[Unit]]:
        """One `lt-proc` call for all phrases not seen before in this run; {} when the
        pair has no analyser."""
        mode = installed_modes().get((src, tgt))
        path = analyser_path(mode) if mode else None
        if path is None:
            return {}
        cache = self._analyses.setdefault(mode, {})
        todo = [p for p in dict.fromkeys(phrases) if p not in cache]
        if todo:
            stream = "".join(to_stream([p]) + "\0" for p in todo)
            try:
                out = run_analyser(path, stream, self.timeout)
            except OSError as e:
                raise EngineError(f"apertium analyser for {mode} failed ({e})") from None
            chunks = out.split("\0")
            for phrase, chunk in zip(todo, chunks, strict=False):
                cache[phrase] = parse_analysis(chunk)
        return {p: cache[p] for p in phrases if p in cache}

    def tag(self, texts: list[str], src: str, tgt: str) -> dict[str, list[Token]]:
        """Each text's words with the reading the src->tgt pair's own tagger chose
        (`lt-proc | apertium-tagger -g -p`, one call for all texts); {} when the pair
        has no tagger."""
        mode = installed_modes().get((src, tgt))
        morf = analyser_path(mode) if mode else None
        prob = tagger_path(mode) if mode else None
        if morf is None or prob is None or not texts:
            return {}
        # Every target reached through en->es tags the same texts: once per run.
        streams = self._tagged.setdefault(mode, {})
        flat = {t: " ".join(t.split()) for t in texts}
        if todo := [f for f in dict.fromkeys(flat.values()) if f not in streams]:
            morf_q, prob_q = shlex.quote(str(morf)), shlex.quote(str(prob))
            # kept running, null-flushed, as the analysers are (one batch, one NUL)
            script = f"lt-proc -z -w {morf_q} | apertium-tagger -z -g -p {prob_q}"
            try:
                out = _run_persistent(
                    ("tagger", mode), ["bash", "-c", script], to_stream(todo) + "\0", self.timeout
                ).rstrip("\0")
            except OSError as e:
                raise EngineError(f"apertium tagger for {mode} failed ({e})") from None
            chunks = out.split("[][\n\n]")
            if len(chunks) != len(todo):
                raise EngineError(
                    f"apertium tagger for {mode}: {len(chunks)} texts for {len(todo)}"
                )
            streams.update(zip(todo, chunks, strict=True))
        return {t: parse_tagged(streams[flat[t]], t) for t in texts}

    def _persistent(self, mode: str, segments: list[str]) -> str:
        pipe = self._pipes.get(mode)
        if pipe is None or not pipe.alive():
            try:
                pipe = self._pipes[mode] = _Pipeline(mode)
            except (OSError, subprocess.CalledProcessError) as e:
                raise EngineError(f"apertium {mode} could not start ({e})") from None
        return pipe.run(segments, self.timeout)

    def _once(self, mode: str, segments: list[str]) -> str:
        """The mode's stages as one process for this call: what the persistent pipeline
        replaces (for an Apertium without `apertium-wblank-mode`)."""
        try:
            script = with_our_stages((MODES_DIR / f"{mode}.mode").read_text(errors="replace"))
            # Own process group: the mode is a shell pipeline, and a timeout must end
            # every stage of it, not just the shell.
            proc = subprocess.Popen(
                ["bash", "-c", script, "apertium-" + mode, "-g", ""],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
        except OSError as e:
            raise EngineError(f"apertium could not start ({e.strerror})") from None
        text = to_stream(segments)
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
        return from_stream(stdout.decode("utf-8", "replace"))

    def close(self) -> None:
        for pipe in self._pipes.values():
            pipe.close()
        self._pipes.clear()
