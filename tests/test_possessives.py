"""Possessives on names spelled as "of" phrases, with Apertium's own tagger deciding
where the possessed phrase ends; and what the engine makes of them."""

from __future__ import annotations

import pytest

from syndicate.engines.apertium import ApertiumEngine
from syndicate.keep import possessives
from syndicate.keep.possessives import Token


@pytest.fixture(scope="module")
def engine():
    e = ApertiumEngine()
    assert e.available(), "apertium is not installed: run `make setup`"
    yield e
    e.close()


def rewrite(engine: ApertiumEngine, text: str) -> str:
    return possessives.rewrite(text, engine.tag([text], "en", "es")[text])


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "They support Israel's right to self-defence and Iran's destabilizing activities.",
            "They support the right of Israel to self-defence and the destabilizing activities"
            " of Iran.",
        ),
        # The phrase ends where the tagger says: not at a verb, nor after two words.
        (
            "He said Trump's comments remain unclear.",
            "He said the comments of Trump remain unclear.",
        ),
        (
            "Stephen Colbert's news parody shows were popular.",
            "The news parody shows of Stephen Colbert were popular.",
        ),
        (
            "He received the Soviet Union's highest honor for his work.",
            "He received the highest honor of the Soviet Union for his work.",
        ),
        (
            "Police said he had been Provenzano's right-hand man in Palermo.",
            "Police said he had been the right-hand man of Provenzano in Palermo.",
        ),
        # The whole name owns, even first in a sentence, titles included.
        (
            "David Headley's scouting and information gathering helped.",
            "The scouting of David Headley and information gathering helped.",
        ),
        (
            "Sir Richard Branson's Virgin Group had a bid rejected.",
            "The Virgin Group of Sir Richard Branson had a bid rejected.",
        ),
        # Plural possessives; the article goes before the phrase.
        (
            "Thus the Thirty Years' War was the last. Herostratus' name was lost.",
            "Thus the War of the Thirty Years was the last. The name of Herostratus was lost.",
        ),
        # Left to the engine: no name owns ("the country's"), a contraction, a
        # capitalized ordinary word first in a sentence.
        ("It's what the country's leader said.", "It's what the country's leader said."),
        ("Today's announcement was short.", "Today's announcement was short."),
    ],
)
def test_possessive_phrase_ends_where_the_tagger_says(engine, text, expected):
    assert rewrite(engine, text) == expected


def test_placeholders_own_like_names(engine):
    text = "Xqzabcdex's security plan was approved, and Xqzbbbbbx's was not."
    assert rewrite(engine, text).startswith("The security plan of Xqzabcdex was approved")


def test_the_engine_then_translates_the_possessive(engine):
    """What the rewrite is for: eng-spa loses the possessive on these names."""
    text = "Stephen Colbert's news parody shows and Herostratus' name."
    raw = engine.translate([text], "en", "es")[0]
    ours = engine.translate([rewrite(engine, text)], "en", "es")[0]
    assert "de Stephen Colbert" not in raw and "de Stephen Colbert" in ours
    assert "de Herostratus" not in raw and "nombre de Herostratus" in ours


def test_tokens_are_placed_in_the_text(engine):
    text = "Ana  Gil's   plan, and 3 [x] ^y$ marks."
    tokens = engine.tag([text], "en", "es")[text]
    assert [text[t.start : t.end] for t in tokens] == [t.surface for t in tokens]
    assert {"Ana", "Gil", "'s", "plan", "marks"} <= {t.surface for t in tokens}


def test_rewrite_without_a_marker_is_identity():
    tokens = [Token("Trump", 0, 5, frozenset({"n"})), Token("said", 6, 10, frozenset({"vblex"}))]
    assert possessives.rewrite("Trump said", tokens) == "Trump said"
