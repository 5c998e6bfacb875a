"""Source-language detection with langdetect, made deterministic.

langdetect is randomized; seeding its factory makes the same text give the same answer
on every run and every machine, which reruns and tests depend on.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_LETTERS = 40
"""Below this, langdetect's guess is noise: ask the user for --source-lang instead."""

MIN_CONFIDENCE = 0.80


class DetectionError(Exception):
    """The language could not be told with confidence; the message says what to do."""


@dataclass(frozen=True)
class Detection:
    lang: str
    confidence: float


def detect_language(text: str, min_confidence: float = MIN_CONFIDENCE) -> Detection:
    """Detect the language of ``text`` (ISO 639-1 code) with langdetect's probability."""
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    letters = sum(ch.isalpha() for ch in text)
    if letters < MIN_LETTERS:
        raise DetectionError(
            f"too little text to detect the language ({letters} letters); pass --source-lang"
        )
    try:
        best = detect_langs(text)[0]
    except LangDetectException as e:
        raise DetectionError(f"language not detectable ({e}); pass --source-lang") from None
    lang = best.lang.split("-")[0]
    if best.prob < min_confidence:
        raise DetectionError(
            f"language unclear (best guess {lang} at {best.prob:.2f}); pass --source-lang"
        )
    return Detection(lang, round(best.prob, 4))
