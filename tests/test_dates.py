"""Dates as values: found in any source language, written in the target's CLDR form
where the engine broke them, checked by their month."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syndicate.check import fidelity
from syndicate.keep import dates
from syndicate.pipeline import Options
from syndicate.text import segments

MONTHS = dates.month_names("en")


def found(text: str, lang: str = "en") -> list[tuple[str, int, int | None, int | None]]:
    return [(d.text, d.month, d.day, d.year) for d in dates.find(text, lang)]


def test_dates_in_english_in_every_order():
    text = "On April 5, 2020 and 12 May, in March 2020, since June, March 3rd."
    assert found(text) == [
        ("April 5, 2020", 4, 5, 2020),
        ("12 May", 5, 12, None),
        ("March 2020", 3, None, 2020),
        ("June", 6, None, None),
        ("March 3rd", 3, 3, None),
    ]


def test_month_words_that_are_not_dates():
    # A modal or a verb first in a sentence, a month word before a name, lower-case "march".
    assert found("May I ask? March on, they said. April Ryan came. They march in may.") == []
    assert found("May 5 was sunny.") == [("May 5", 5, 5, None)]


def test_dates_in_romance_sources():
    assert found("el 5 de abril de 2020 y en mayo", "es") == [
        ("5 de abril de 2020", 4, 5, 2020),
        ("mayo", 5, None, None),
    ]
    assert found("le 14 juillet 1789", "fr") == [("14 juillet 1789", 7, 14, 1789)]


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("April 5, 2020", "es", "5 de abril de 2020"),
        ("April 5, 2020", "fr", "5 avril 2020"),
        ("May 1969", "ca", "maig del 1969"),
        ("March 2020", "pt", "março de 2020"),
        ("12 June", "it", "12 giugno"),
        ("June", "gl", "xuño"),
    ],
)
def test_written_as_cldr_writes_them(text, lang, expected):
    (d,) = dates.find(f"It was {text}.", "en")
    assert dates.write(d, lang) == expected


def test_day_first_for_rule_based_engines():
    assert dates.day_first("on April 5, 2020 and April 7 or in May", "en") == (
        "on 5 April 2020 and 7 April or in May"
    )
    assert dates.day_first("el 5 de abril", "es") == "el 5 de abril"


def test_checked_dates_skip_names_and_ambiguous_words():
    paras = ["Vote in May", "Ann May said the vote in May 1969 was close.", "May I ask?"]
    got = [d.text for d in dates.checked(paras, "en", ["Ann May"])]
    # "May" alone is also a modal at a sentence start: not checked; "May 1969" is.
    assert got == ["May 1969"]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(sorted(MONTHS)),
    st.integers(1, 28),
    st.integers(1900, 2099),
    st.sampled_from(["{m} {d}, {y}", "{d} {m} {y}", "{m} {y}", "{d} {m}", "{m} {d}"]),
    st.sampled_from(["es", "ca", "gl", "fr", "pt", "it"]),
)
def test_a_written_date_keeps_its_value(month, day, year, shape, lang):
    """Whatever the shape, the CLDR form has the target's month, and the day and year."""
    text = shape.format(m=month, d=day, y=year)
    (d,) = dates.find(f"It was on {text} here.", "en")
    assert (d.month, d.day if "{d}" in shape else None) == (MONTHS[month], d.day)
    out = dates.write(d, lang)
    assert any(f in out for f in dates.target_months(d.month, lang))
    if "{y}" in shape:
        assert str(year) in out
    if "{d}" in shape:
        assert str(day) in out.split()[0] or f" {day} " in f" {out} "


def test_the_check_fails_a_month_the_engine_turned_into_a_word():
    """ "in March 2020" -> "en marcha 2020" keeps every digit; only the month says it broke."""
    doc = segments.parse(["Vote", "It began in March 2020."])
    forms = {"March 2020": dates.target_months(3, "es") | {"marzo de 2020"}}
    bad = fidelity.check(doc, ["Voto", "Empezó en marcha 2020."], "en", "es", forms, None, None)
    assert not bad.ok and bad.missing_names == ["March 2020"]
    good = fidelity.check(doc, ["Voto", "Empezó en marzo de 2020."], "en", "es", forms, None, None)
    assert good.ok


def test_dates_through_apertium(apertium_pipeline, tmp_path: Path):
    """The raw engine: "en Marcha 2020" (es), "dins Pot de 1969" (ca), "encima abril 5"."""
    article = tmp_path / "dates.txt"
    article.write_text(
        "Vote set for April\n\n"
        "The council will vote in April on the new budget.\n\n"
        "The record was set in May 1969 during the return of the module.\n\n"
        "It began in March 2020 and ended on April 5, 2020.\n\n"
        "By Ana Gil\n"
    )
    result = apertium_pipeline.process(article, Options(["es", "ca"], source_lang="en"))
    es, ca = (next(t for t in result.targets if t.lang == lang) for lang in ("es", "ca"))
    es_text, ca_text = "\n".join(es.paragraphs), "\n".join(ca.paragraphs)
    assert "en abril" in es_text and "April" not in es_text
    assert "marzo de 2020" in es_text and "el 5 de abril de 2020" in es_text
    assert "maig" in ca_text and "Pot" not in ca_text
    assert "5 d'abril de 2020" in ca_text
    assert es.report.ok and ca.report.ok, (es.report.problems, ca.report.problems)


def test_on_a_held_date_becomes_the_targets_article(apertium_pipeline, tmp_path: Path):
    """eng-cat writes "On March 18, 1965" with a Spanish month ("El 18 de marzo de
    1965"); the date is then held and written in CLDR's form, and the "on" before it was
    translated alone: "Damunt 18 de març del 1965". Held with the date, it is the
    article Catalan puts there. (Catalan now goes en->es->ca, see apertium.PIVOTS; the
    article must come out right either way.)"""
    assert dates.with_on({"March 18, 1965": "18 de març del 1965"}, "ca") == {
        "on March 18, 1965": "el 18 de març del 1965",
        "On March 18, 1965": "El 18 de març del 1965",
    }
    assert dates.with_on({"May 1969": "maig del 1969"}, "ca") == {}  # no day: no article
    article = tmp_path / "walk.txt"
    article.write_text(
        "First spacewalk\n\n"
        "On March 18, 1965, he performed the first spacewalk.\n\n"
        "He returned on March 18, 1965, to the capsule.\n"
    )
    result = apertium_pipeline.process(article, Options(["ca"], source_lang="en"))
    ca = "\n".join(result.targets[0].paragraphs)
    assert ca.startswith("El 18 de març") and "Damunt" not in ca and "damunt" not in ca, ca
    assert "marzo" not in ca and result.targets[0].report.ok, ca
