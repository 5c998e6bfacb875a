"""Numbers as values: the check fails a changed value and passes a correct local form."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from syndicate.keep import numbers

SOURCE = "The deal costs £2.3bn; 1,200 containers arrived at 9am in the 8th century."


def test_thousandfold_error_and_foreign_separators_fail():
    # What Apertium writes for SOURCE in Spanish: every one of these is a wrong value.
    bad = "El trato cuesta 2.3 billones de libras; 1,200 envases llegaron en 9soy en el siglo VIII."
    ok, total, missing = numbers.check(SOURCE, "en", bad, "es")
    assert (ok, total) == (1, 4)
    assert set(missing) == {"2.3bn", "1,200", "9am"}


def test_local_forms_pass():
    good = (
        "El trato cuesta 2,3 mil millones de libras; 1.200 envases llegaron a las 9:00"
        " en el siglo VIII."
    )
    assert numbers.check(SOURCE, "en", good, "es") == (4, 4, [])
    fr = "Le contrat coûte 2,3 milliards de livres ; 1\u202f200 conteneurs à 09:00 au VIIIe siècle."
    assert numbers.check(SOURCE, "en", fr, "fr")[2] == []


def test_localize_rewrites_what_the_engine_passed_through():
    out = numbers.localize(
        "cuesta 2.3 billones y 1,200 envases, 100%", SOURCE + " 100%", "en", "es"
    )
    assert out == "cuesta 2,3 mil millones y 1.200 envases, 100\u00a0%"
    assert numbers.localize("1,200 et 2024", "1,200 and 2024", "en", "fr") == "1\u202f200 et 2024"


def test_times_and_abbreviations_prepared_for_the_engine():
    assert numbers.prepare("at 9am and 10:30 p.m.", "en", "es") == "at 9:00 and 22:30"
    assert numbers.prepare("£2.3bn and $5m", "en", "es") == "£2.3 billion and $5 million"


@given(
    st.decimals(min_value=1000, max_value=10**9, places=2, allow_nan=False),
    st.sampled_from(["es", "ca", "gl", "fr", "pt", "it", "de"]),
)
def test_a_localized_number_reads_back_as_the_same_value(value, tgt):
    value = value.quantize(Decimal("0.01"))
    src_text = format_decimal(value, format="#,##0.00", locale="en")
    out = numbers.localize(f"total {src_text} euros", f"total {src_text} euros", "en", tgt)
    (q,) = numbers.find(out, tgt)
    assert q.value == value, (src_text, out)


def test_magnitudes_go_as_millions_in_the_source_convention_and_come_back_spelled():
    assert numbers.as_millions(Decimal("2.3E9"), "en") == "2300 million"
    assert numbers.as_millions(Decimal("3.5E6"), "es") == "3,5 millones"
    back = numbers.spell_magnitudes(
        "Té 2300 milió de persones i 7 milions més.", [Decimal("2.3E9")], "ca"
    )
    assert back == "Té 2,3 milers de milions de persones i 7 milions més."
    moved = numbers.spell_magnitudes("gasta 2300£ millóns", [Decimal("2.3E9")], "gl")
    assert moved.startswith("gasta £") and "£" not in moved[7:]


def test_an_inflected_magnitude_is_the_same_value_and_stays_as_written():
    three_and_a_half = Decimal("3.5E6")
    assert numbers.check("costó 3,5 millones", "es", "kostis 3,5 milionon", "eo")[2] == []
    text = "kostis 3,5 milionon da eŭroj"
    assert numbers.spell_magnitudes(text, [three_and_a_half], "eo") == text
