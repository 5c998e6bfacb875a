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


def test_complete_takes_segments_and_words_only_where_the_backoff_knows_more():
    """A stand-in for the other pairs (the real ones are below). A segment is taken
    from them where it leaves fewer words unknown or ungenerated; words still unknown
    are filled where they gave one to three words without marks; names, words they do
    not know either and long paraphrases stay as the pair left them, marks gone."""
    m = backoff.MARK
    table = {
        "valves": "válvulas",
        "blooded": "feito ulir o sangue xa",
        "zoom": f"zoom{m}",
        "Two fertiliser ships.": "Dous barcos de fertilizante.",
        "The Io zoom.": f"O zoom{m} de Io{m}.",
        "The valves, by Hegseth, zoom and blooded.": f"As valves{m} de Hegseth{m}, zoom{m} e "
        f"blooded{m}.",
        "x": f"valves{m}",
    }
    calls = []

    def through(texts):
        calls.append(list(texts))
        return [table.get(t, t) for t in texts]

    known: dict = {}
    segments = [
        "The valves, by Hegseth, zoom and blooded.",
        "Two fertiliser ships.",
        "The Io zoom.",
    ]
    outputs = [
        f"O valves{m} aberto por Hegseth{m}, zoom{m} e blooded{m}.",
        f"Dous barcos de #fertiliser{m}.",  # two marks: the backoff's version has none
        f"O zoom{m} de Io{m}.",  # the backoff knows no more: the pair's own stays
    ]
    out, taken = backoff.complete(segments, outputs, through, known)
    assert out == [
        "O válvulas aberto por Hegseth, zoom e blooded.",
        "Dous barcos de fertilizante.",
        "O zoom de Io.",
    ]
    assert taken == [False, True, False]
    assert known == {"valves": "válvulas", "zoom": None, "blooded": None}
    assert len(calls) == 1  # segments and words in one call
    calls.clear()
    assert backoff.complete(["x"], [f"valves{m}"], through, known)[0] == ["válvulas"]
    assert calls == [["x"]]  # the segment tried, the word known already
    assert backoff.complete(["x"], [f"zoom{m}"], None, {})[0] == ["zoom"]  # no other pairs


def test_a_segment_goes_through_the_other_pairs_only_where_they_could_know_more():
    """Its marked words are asked alone first: where the other pairs know none of them
    (a name, a word neither knows), their version cannot leave fewer, and the segment is
    not sent; inside a multiword they know ("lingua francas") a word alone is no evidence."""
    m = backoff.MARK
    table = {
        "Hegseth": f"Hegseth{m}",
        "zoom": f"zoom{m}",
        "valves": "válvulas",
        "lingua": f"lingua{m}",
    }
    table |= {"Hegseth zooms valves.": "Hegseth fa zoom de válvulas."}
    table |= {"Hegseth zooms lingua francas.": "Hegseth fa zoom de linguas francas."}
    calls = []

    def through(texts):
        calls.append(list(texts))
        return [table.get(t, t) for t in texts]

    segments = ["Hegseth zooms.", "Hegseth zooms valves.", "Hegseth zooms lingua francas."]
    outputs = [
        f"Hegseth{m} zoom{m}.",
        f"Hegseth{m} zoom{m} valves{m}.",
        f"Hegseth{m} lingua{m} francas.",
    ]
    multi = [set(), set(), {"lingua", "francas"}]
    known, alone = {}, {}
    out, taken = backoff.complete(
        segments,
        outputs,
        through,
        known,
        alone,
        lambda texts: [multi[segments.index(t)] for t in texts],
    )
    # words alone first, in one call; capitalized then only those that gave nothing usable
    # (eng-cat knows only "Pakistani"): "valves" did
    assert calls[0] == ["lingua", "valves", "zoom", "Hegseth"]
    assert calls[1] == ["Lingua", "Zoom"]
    assert calls[2] == segments[1:]  # the first cannot gain: all its words unknown alone
    assert taken == [False, True, True]
    assert out[0] == "Hegseth zoom." and out[1] == "Hegseth fa zoom de válvulas.", out
    assert alone == {"Hegseth": True, "zoom": True, "valves": False, "lingua": True}
    calls.clear()
    backoff.complete(segments[:1], outputs[:1], through, known, alone)
    assert calls == []  # remembered: nothing to ask


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
