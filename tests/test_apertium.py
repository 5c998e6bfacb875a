"""The Apertium engine, for real: pairs, one call per batch, pivots, failures."""

from __future__ import annotations

import pytest

from syndicate.engines import EngineError, Route, route, shortest_chain
from syndicate.engines.apertium import ApertiumEngine, installed_modes


@pytest.fixture(scope="module")
def engine() -> ApertiumEngine:
    e = ApertiumEngine()
    assert e.available(), "apertium is not installed: run `make setup`"
    return e


def test_pairs_are_iso_639_1(engine):
    pairs = engine.pairs()
    assert {("en", "es"), ("en", "ca"), ("en", "gl"), ("es", "fr"), ("es", "pt")} <= pairs
    assert installed_modes()[("en", "es")] == "eng-spa"  # 639-3 mode name, 639-1 pair


def test_translate_keeps_segment_count_and_order(engine):
    out = engine.translate(["The dog sleeps.", "Good morning", "The house is red."], "en", "es")
    assert len(out) == 3
    assert "perro" in out[0] and "casa" in out[2]


def test_single_newline_inside_a_segment_is_not_a_boundary(engine):
    out = engine.translate(["The dog\nsleeps.", "The cat sleeps."], "en", "es")
    assert len(out) == 2 and "perro" in out[0]


def test_pivot_chain_through_spanish(engine):
    r = route([engine], "en", "fr")
    assert r.chain == "en->es->fr"
    assert route([engine], "en", "es").chain == "en->es"
    out = r.translate(["The house is red."])
    assert "maison" in out[0].lower()


def test_no_route_is_a_clear_error(engine):
    with pytest.raises(EngineError, match="no engine translates en->ja"):
        route([engine], "en", "ja")


def test_timeout_is_an_engine_error():
    with pytest.raises(EngineError, match="timed out"):
        ApertiumEngine(timeout=0.001).translate(["The dog sleeps."] * 50, "en", "es")


def test_shortest_chain_prefers_fewest_hops():
    pairs = {("en", "es"), ("es", "fr"), ("en", "de"), ("de", "fr"), ("en", "fr")}
    assert shortest_chain(pairs, "en", "fr") == (("en", "fr"),)
    assert shortest_chain(pairs - {("en", "fr")}, "en", "fr") == (("en", "de"), ("de", "fr"))
    assert shortest_chain(pairs, "fr", "en") is None


def test_route_label_and_version(engine):
    r = route([engine], "en", "pt")
    assert isinstance(r, Route) and r.label == "apertium:en->es->pt"
    assert r.version.count("+") == 1
