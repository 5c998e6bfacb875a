"""Quotations and reassembly: every input style, and property tests with hypothesis."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syndicate.text import segments
from syndicate.text.segments import parse, quote_count, reassemble, render, target_quotes


def kinds(text: str) -> list[tuple[str, str]]:
    return [(p.kind, p.text) for para in parse([text]) for p in para if p.kind != "text"]


def test_straight_and_curly_quotes():
    assert kinds('He said "yes" and “no”.') == [
        ("open", '"'),
        ("close", '"'),
        ("open", "“"),
        ("close", "”"),
    ]


def test_mismatched_curly_open_straight_close():
    assert kinds('stated, “The Secretary stressed it." Then') == [("open", "“"), ("close", '"')]


def test_guillemets_and_german_marks():
    assert quote_count(parse(["Il a dit « oui » puis „nein“ ensuite."])) == 2


def test_apostrophes_are_not_quotes():
    doc = parse(["Israel's right, Iran’s influence and I don't know the Smiths' house."])
    assert quote_count(doc) == 0
    assert reassemble(doc) == [
        "Israel's right, Iran’s influence and I don't know the Smiths' house."
    ]


def test_single_quotes_nested_in_double():
    doc = parse(["“They called it ‘optimistic at best’ in May,” she said."])
    marks = [(p.kind, p.text, p.depth) for p in doc[0] if p.kind != "text"]
    assert marks == [("open", "“", 1), ("open", "‘", 2), ("close", "’", 2), ("close", "”", 1)]


def test_british_single_quotes():
    assert quote_count(parse(["Engineers called it 'optimistic at best' last month."])) == 1


def test_multi_paragraph_quotation():
    paras = ['"We will not stop. I promise you that.', '"Ever," she said.']
    doc = parse(paras)
    assert quote_count(doc) == 1
    first, second = doc
    assert first[0].kind == "open" and first[0].continued
    assert not any(p.kind == "close" for p in first)
    assert second[0].kind == "reopen"
    assert [p.kind for p in second if p.kind != "text"] == ["reopen", "close"]
    out = [render(p, "es", lambda piece: piece.text.strip()) for p in doc]
    assert out == ["«We will not stop. I promise you that.", "«Ever», she said."]


def test_a_quotation_the_source_never_closed_is_not_closed_in_the_target():
    """The target mirrors the source's marks: a closing mark we invent is a guess about
    where the quotation ends (and FLORES's translators, like any, add none)."""
    doc = parse(['He said "we are done.', "Next paragraph."])
    assert reassemble(doc) == ['He said "we are done.', "Next paragraph."]
    out = render(doc[0], "es", lambda p: p.text.strip())
    assert out == "He said «we are done."
    assert target_quotes([out, "Next paragraph."], "es", doc) == (1, 1)
    # Had the source closed it, a target without the closing mark is wrong.
    closed = parse(['He said "we are done" today.', "Next paragraph."])
    assert target_quotes(["Dijo «hemos terminado hoy.", "Siguiente."], "es", closed) == (1, 0)
    # And the other way round: a closing mark the source does not have.
    assert target_quotes(["Dijo «hemos terminado».", "Siguiente."], "es", doc) == (1, 0)


def test_render_french_spacing_and_german_marks():
    doc = parse(['He said "really?" twice.'])
    fr = render(doc[0], "fr", lambda p: p.text.strip())
    assert fr == "He said «\u00a0really\u202f?\u00a0» twice."
    de = render(doc[0], "de", lambda p: p.text.strip())
    assert de == "He said „really?“ twice."


def test_target_quotes_counts_marks_of_the_language():
    assert target_quotes(["Dijo «sí» y «no»."], "es") == (2, 2)
    assert target_quotes(['Dijo "sí" y «no».'], "es") == (2, 1)
    assert target_quotes(["«Uno.", "«Dos.»"], "es") == (1, 1)


# Property tests -------------------------------------------------------------------
WORDS = [
    "the",
    "council",
    "said",
    "Trump",
    "Fox News",
    "Israel's",
    "don't",
    "Iran’s",
    "bridge",
    "100%",
    "5,000",
    "Caliber.Az",
    "O'Brien",
    "rock 'n' roll",
    "it's",
]
DOUBLE_STYLES = [('"', '"'), ("“", "”"), ("“", '"'), ("«", "»"), ("„", "“")]
SINGLE_STYLES = [("‘", "’"), ("'", "'")]

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
# Inside straight single quotes, 'n' is ambiguous to any reader: 'rock 'n' roll'.
inner_words = st.lists(
    st.sampled_from([w for w in WORDS if "'n'" not in w]), min_size=1, max_size=6
).map(" ".join)
sentence = words.map(lambda w: w[0].upper() + w[1:] + ".")


@st.composite
def quotation(draw) -> tuple[str, int]:
    o, c = draw(st.sampled_from(DOUBLE_STYLES))
    inner = draw(sentence)
    n = 1
    if draw(st.booleans()):
        so, sc = draw(st.sampled_from(SINGLE_STYLES))
        inner = f"{inner} They called it {so}{draw(inner_words)}{sc} then."
        n += 1
    return f"{o}{inner}{c}", n


@st.composite
def paragraph(draw) -> tuple[str, int]:
    parts, n = [], 0
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            q, k = draw(quotation())
            parts.append(q + " " + draw(words) + ".")
            n += k
        else:
            parts.append(draw(sentence))
    return " ".join(parts), n


@st.composite
def article(draw) -> tuple[list[str], int]:
    paras, n = [], 0
    for _ in range(draw(st.integers(1, 5))):
        if draw(st.integers(0, 3)) == 0:  # a quotation running over two paragraphs
            o, c = draw(st.sampled_from(DOUBLE_STYLES))
            paras += [f"{o}{draw(sentence)}", f"{o}{draw(sentence)}{c} {draw(words)}."]
            n += 1
        else:
            p, k = draw(paragraph())
            paras.append(p)
            n += k
    return paras, n


@settings(max_examples=300, deadline=None)
@given(article())
def test_reassembly_is_identity_and_quote_count_invariant(data):
    paras, n = data
    doc = parse(paras)
    assert reassemble(doc) == paras
    assert quote_count(doc) == n


@settings(max_examples=200, deadline=None)
@given(article(), st.sampled_from(["es", "fr", "de", "en", "it"]))
def test_identity_render_keeps_every_quote_in_target_marks(data, lang):
    paras, n = data
    doc = parse(paras)
    out = [render(p, lang, lambda piece: segments.split_space(piece.text)[1]) for p in doc]
    found, in_marks = target_quotes(out, lang, doc)
    assert found == in_marks == n


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=4))
def test_reassembly_is_identity_on_any_text(paras):
    assert reassemble(parse(paras)) == paras


def test_sentence_split_for_neural_engines():
    from syndicate.text.sentences import split

    text = 'Mr. Smith met Dr. Ho in Washington. "We agree," he said. Did they? Yes! U.S. aid.'
    assert split(text, "en") == [
        "Mr. Smith met Dr. Ho in Washington.",
        '"We agree," he said.',
        "Did they?",
        "Yes!",
        "U.S. aid.",
    ]


def test_comma_and_period_go_after_guillemets_where_the_language_wants():
    doc = parse(['"We promised it by 2027," Stone said. "Really?" "We fail."'])

    def same(p):
        return p.text.strip()

    assert render(doc[0], "es", same) == (
        "«We promised it by 2027», Stone said. «Really?» «We fail»."
    )
    assert render(doc[0], "fr", same) == (
        "«\u00a0We promised it by 2027\u00a0», Stone said. «\u00a0Really\u202f?\u00a0» "
        "«\u00a0We fail.\u00a0»"
    )
    assert render(doc[0], "en", same) == (
        "“We promised it by 2027,” Stone said. “Really?” “We fail.”"
    )


def test_a_paragraph_goes_whole_and_comes_back_onto_its_pieces():
    (para,) = segments.parse(["He said \"we will 'win' it\" and left."])
    sent = segments.with_marks(para)
    assert sent == "He said «we will ‹win› it» and left."
    got = segments.distribute(para, "Dijo «ganaremos ‹ganar› eso» y se fue.")
    texts = [got[id(p)] for p in para if p.translatable]
    assert texts == ["Dijo", "ganaremos", "ganar", "eso", "y se fue."]
    assert segments.render(para, "es", lambda p: got[id(p)]) == (
        "Dijo «ganaremos “ganar” eso» y se fue."
    )


def test_quotations_that_did_not_come_back_are_refused():
    (para,) = segments.parse(['He said "yes" and "no".'])
    assert segments.distribute(para, "Dijo “sí” y no.") is None  # one quotation lost
    assert segments.distribute(para, "Dijo “sí”“no”.") is None  # "y" lost between them
    (cont,) = segments.parse(['"We go on and on'])  # never closed: the mark comes back once
    assert segments.distribute(cont, "“Seguimos y seguimos") is not None


def test_a_closing_mark_with_nothing_open_ends_a_quotation_begun_earlier():
    """`Earth," added Stofan.` (the quotation began in an earlier paragraph, or the copy
    lost its opening mark): everything before the mark is the quotation, not the words
    after it."""
    para = 'As far as we know, its name is Earth," added Stofan.'
    doc = parse([para])
    assert reassemble(doc) == [para]
    assert quote_count(doc) == 1
    out = render(doc[0], "es", lambda p: p.text.strip())
    assert out == "As far as we know, its name is Earth», added Stofan."
    assert target_quotes([out], "es", doc) == (1, 1)
    assert target_quotes(["«Hasta donde sabemos, es la Tierra», dijo."], "es", doc) == (1, 0)
    # The target's own typography still reads as a closing mark: after a digit, and
    # after French spacing.
    year = parse(['Both were killed in 1992."'])
    assert target_quotes(["Ambos murieron en 1992»."], "es", year) == (1, 1)
    assert target_quotes(["Tous deux sont morts en 1992.\u00a0»"], "fr", year) == (1, 1)
    fr = render(doc[0], "fr", lambda p: p.text.strip())
    assert target_quotes([fr], "fr", doc) == (1, 1)


def test_inch_marks_are_not_quotations():
    doc = parse(['A 5" screen and a "real" keyboard.'])
    assert kinds('A 5" screen and a "real" keyboard.') == [("open", '"'), ("close", '"')]
    assert reassemble(doc) == ['A 5" screen and a "real" keyboard.']


def test_no_space_between_an_elided_article_and_a_quotation():
    """Catalan and Italian elide before the guillemet as before a word: "l'«Heroi»",
    not "l' «Heroi»" (the source's blank before its mark is kept otherwise)."""
    (para,) = parse(['He received the "Hero of the Union", the honour.'])
    sent = segments.with_marks(para)
    assert sent == "He received the «Hero of the Union», the honour."
    back = {"He received the": "Va rebre l'", "Hero of the Union": "Heroi de la Unió"}
    out = render(para, "ca", lambda p: back.get(p.text.strip(), p.text.strip()))
    assert out.startswith("Va rebre l'«Heroi de la Unió»,"), out
    (rock,) = parse(["Rock 'n' \"roll\" lives."])  # an apostrophe that elides nothing
    assert render(rock, "ca", lambda p: p.text.strip()) == "Rock 'n' «roll» lives."


@pytest.mark.parametrize(
    "lang, text, want",
    [
        ("zh", "北京今天下雨。明天会放晴！", ["北京今天下雨。", "明天会放晴！"]),
        (
            "ja",
            "東京は雨です。明日は晴れるでしょう！",
            ["東京は雨です。", "明日は晴れるでしょう！"],
        ),
        ("ru", "Путин приехал. Зеленский уехал.", ["Путин приехал.", "Зеленский уехал."]),
        (
            "el",
            "Ο Μητσοτάκης μίλησε. Ο Τσίπρας έφυγε.",
            ["Ο Μητσοτάκης μίλησε.", "Ο Τσίπρας έφυγε."],
        ),
        ("pl", "Łukasz Nowak sprach. Anna przyszła.", ["Łukasz Nowak sprach.", "Anna przyszła."]),
        ("de", "Am 10. Oktober kam er. Dann ging er.", ["Am 10. Oktober kam er.", "Dann ging er."]),
        (
            "de",
            "Er wohnt in Nr. 1 der Straße. Sie nicht.",
            ["Er wohnt in Nr. 1 der Straße.", "Sie nicht."],
        ),
        (
            "es",
            "Los EE. UU. y la Dra. Gómez hablaron. Luego se fue.",
            ["Los EE. UU. y la Dra. Gómez hablaron.", "Luego se fue."],
        ),
        (
            "fr",
            "Le 3 janv. 2024 il est venu. Puis il est parti.",
            ["Le 3 janv. 2024 il est venu.", "Puis il est parti."],
        ),
        (
            "en",
            "He lives in the U.S. Last year he moved.",
            ["He lives in the U.S.", "Last year he moved."],
        ),
        (
            "en",
            "She works at Apple Inc. Her boss is Tim.",
            ["She works at Apple Inc.", "Her boss is Tim."],
        ),
        ("en", "We met at 5 p.m. Then we left.", ["We met at 5 p.m.", "Then we left."]),
        (
            "en",
            "On Jan. 5 J. R. Tolkien spoke. It rained.",
            ["On Jan. 5 J. R. Tolkien spoke.", "It rained."],
        ),
        ("en", '"We will win." She left.', ['"We will win."', "She left."]),
    ],
)
def test_sentences_in_every_script(lang, text, want):
    from syndicate.text.sentences import split

    assert split(text, lang) == want
