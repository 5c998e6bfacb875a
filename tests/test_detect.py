"""Language detection: deterministic, with confidence, and clear when it cannot tell."""

from __future__ import annotations

import pytest

from syndicate.sources.detect import DetectionError, detect_language

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


TEXTS = [
    EN,
    ES,
    "Le conseil municipal a voté le budget du nouveau pont mardi soir, a déclaré le maire.",
    "A câmara aprovou o orçamento da nova ponte na terça-feira, disse o presidente.",
    "Der Stadtrat hat am Dienstag den Haushalt für die neue Brücke beschlossen.",
    "Il consiglio comunale ha approvato martedì il bilancio del nuovo ponte.",
    "Городской совет во вторник утвердил бюджет нового моста, сообщил мэр.",
    "市议会周二批准了新桥的预算，市长说。",
    "Η δημοτική αρχή ενέκρινε την Τρίτη τον προϋπολογισμό της νέας γέφυρας.",
    "Hola amigo, the meeting is mañana at noon in the plaza mayor con todos.",
    "Zażółć gęślą jaźń, powiedział burmistrz Krakowa we wtorek wieczorem.",
]


def test_profiles_load_lazily_with_langdetects_exact_answers():
    """The lazily built probability lists give what langdetect's own loader gives,
    to the last bit, on every text (all the sample articles and eleven languages)."""
    from pathlib import Path

    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    from syndicate.sources.detect import _factory

    theirs = DetectorFactory()
    theirs.seed = 0
    theirs.load_profile(PROFILES_DIRECTORY)
    samples = Path(__file__).parents[1] / "articles"
    texts = TEXTS + [p.read_text(encoding="utf-8") for p in sorted(samples.iterdir())]
    for text in texts:
        answers = []
        for factory in (_factory(), theirs):
            detector = factory.create()
            detector.append(text)
            answers.append([(lang.lang, lang.prob) for lang in detector.get_probabilities()])
        assert answers[0] == answers[1], text[:40]
    assert _factory().langlist == theirs.langlist
