"""Language detection: deterministic, with confidence, and clear when it cannot tell."""

from __future__ import annotations

import pytest

from syndicate.detect import DetectionError, detect_language

EN = "The council approved the budget for the new bridge after a long debate on Tuesday."
ES = "La biblioteca municipal volvió a abrir el lunes después de dos años de obras en el centro."


def test_detects_english_and_spanish_with_confidence():
    en = detect_language(EN)
    es = detect_language(ES)
    assert en.lang == "en" and en.confidence > 0.9
    assert es.lang == "es" and es.confidence > 0.9


def test_detection_is_deterministic():
    mixed = "Hola amigo, the meeting is mañana at noon in the plaza mayor con todos."
    results = {detect_language(mixed, min_confidence=0.0) for _ in range(5)}
    assert len(results) == 1


def test_too_short_text_asks_for_source_lang():
    with pytest.raises(DetectionError, match="--source-lang"):
        detect_language("Hi there")


def test_low_confidence_is_an_error():
    with pytest.raises(DetectionError, match="unclear"):
        detect_language(EN, min_confidence=1.01)
