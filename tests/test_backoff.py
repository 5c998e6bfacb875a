"""Unknown words through other pairs: with a stand-in pair, and with Apertium's own."""

from __future__ import annotations

import pytest

from syndicate.engines import backoff
from syndicate.engines.apertium import ApertiumEngine


def test_chain_prefers_the_biggest_middle_and_skips_the_direct_pair():
    pairs = {("en", "gl"), ("en", "es"), ("es", "gl"), ("en", "eo"), ("eo", "gl"), ("gl", "en")}
    assert backoff.chain(pairs, "en", "gl") == (("en", "es"), ("es", "gl"))
    assert backoff.chain(pairs - {("es", "gl")}, "en", "gl") == (("en", "eo"), ("eo", "gl"))
    assert backoff.chain({("en", "gl")}, "en", "gl") == ()


def test_fill_replaces_only_ordinary_words_the_backoff_knows():
    """A stand-in for the pairs (the real ones are below): names, words the backoff does
    not know either, and long paraphrases stay as the engine left them, marks gone."""
    m = backoff.MARK
    table = {
        ("en", "es"): {"valves": "válvulas", "blooded": "hecho oler la sangre", "zoom": f"zoom{m}"},
        ("es", "gl"): {"válvulas": "Válvulas", "hecho oler la sangre": "feito ulir o sangue"},
    }
    calls = []

    def translate(texts, a, b):
        calls.append((a, b, list(texts)))
        return [table[(a, b)].get(t, t) for t in texts]

    known: dict = {}
    hops = (("en", "es"), ("es", "gl"))
    out = backoff.fill(
        [f"O valves{m} aberto por Hegseth{m}, zoom{m} e blooded{m}.", f"fertilizante valves{m}"],
        hops,
        translate,
        known,
    )
    assert out == ["O válvulas aberto por Hegseth, zoom e blooded.", "fertilizante válvulas"]
    assert known == {"valves": "válvulas", "zoom": None, "blooded": None}
    calls.clear()
    assert backoff.fill([f"valves{m}"], hops, translate, known) == ["válvulas"]
    assert calls == []  # remembered: no second call for a word tried once


@pytest.fixture(scope="module")
def engine():
    e = ApertiumEngine()
    if not e.available():
        pytest.skip("apertium is not installed: run `make setup`")
    if not backoff.chain(e.pairs(), "en", "gl"):
        pytest.skip("no en->es->gl: run `make setup` (apertium-es-gl)")
    yield e
    e.close()


def test_real_pairs_fill_the_words_en_gl_and_eng_spa_lack(engine):
    """Raw en-gl: "O valves aberto e o apps"; raw eng-spa: "El beverage ... backyard"."""
    gl = engine.translate(["The valves opened and the apps were closed."], "en", "gl")[0]
    assert "válvulas" in gl and "aplicacións" in gl and "valves" not in gl, gl
    es = engine.translate(["The beverage was in the backyard, Hegseth said."], "en", "es")[0]
    assert "bebida" in es and "patio trasero" in es and "Hegseth" in es, es
    assert backoff.MARK not in gl + es


def test_a_segment_goes_through_the_pairs_that_know_more_of_it(engine):
    """eng-cat does not know "fertiliser"; en->es->ca does: the segment is taken from
    there whole, and the elision before a placeholder survives both ways."""
    src = ["Residents complained to the Oqzabcdex office about the fertiliser valves."]
    direct = engine._marked(src, "en", "ca")[0]
    assert f"fertiliser{backoff.MARK}" in direct and "l'Oqzabcdex" in direct, direct
    ca = engine.translate(src, "en", "ca")[0]
    assert "fertilitzant" in ca and "l'Oqzabcdex" in ca and backoff.MARK not in ca, ca
    kept = engine.translate(["The dog sleeps."], "en", "ca")[0]  # nothing unknown: direct
    assert kept == backoff.unmark(engine._marked(["The dog sleeps."], "en", "ca"))[0]
