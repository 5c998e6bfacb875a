"""Finding names and protecting them with placeholders that rule-based engines keep."""

from __future__ import annotations

import re
from pathlib import Path

from syndicate.keep import protect
from syndicate.keep.names import find
from syndicate.keep.protect import Glossary, Protector, placeholder, restore
from syndicate.pipeline import Options


def find_names(paras, byline_name=None):
    return find(paras, byline_name).all


BODY = [
    "Ally reaffirms support for allies",  # headline
    "The President met Roger Stone in Washington on Monday, Israeli media reported.",
    "Stone said the United States would send American troops. Iran's response was quick.",
]


def test_names_found_mid_sentence_and_repeated_at_sentence_start():
    names = find_names(BODY, byline_name="Jane Field")
    for n in ["Roger Stone", "Stone", "Washington", "United States", "Jane Field"]:
        assert n in names
    for not_a_name in ["The", "President", "Monday", "Israeli", "American", "Ally", "United"]:
        assert not_a_name not in names


def test_title_case_headline_only_protects_known_names():
    names = find_names(["Stone Wins Big Vote In Capital", "Later, Roger Stone spoke."])
    assert "Stone" in names and "Wins" not in names and "Capital" not in names


def test_names_sorted_longest_first():
    names = find_names(BODY)
    assert names.index("Roger Stone") < names.index("Stone")


def test_placeholder_is_letters_only_and_stable():
    ph = placeholder("Fox News")
    assert re.fullmatch(r"Xqz[a-z]+x", ph)
    assert ph == placeholder("Fox News") != placeholder("Trump")


def test_protect_and_restore_round_trip_with_literals():
    p = Protector(["Trump", "Fox News"])
    text = "Trump told Fox News, see https://example.org/a?b=1 or mail desk@example.org @newsdesk."
    g = p.protect(text, "es")
    assert "Trump" not in g.text and "Fox News" not in g.text
    assert "example.org" not in g.text and "@newsdesk" not in g.text
    assert restore(g.text, g) == text


def test_restore_drops_suffix_glued_to_placeholder_and_tolerates_case():
    g = Protector(["Hegseth"]).protect("the dog of Hegseth", "ca")
    ph = placeholder("Hegseth")
    assert restore(f"el gos {ph}ha", g) == "el gos Hegseth"
    assert restore(f"el gos {ph.upper()}", g) == "el gos Hegseth"


def test_restore_lowercases_word_engine_capitalized_after_placeholder():
    g = Protector(["Hegseth"]).protect("Hegseth said it", "es")
    ph = placeholder("Hegseth")
    assert restore(f"{ph} Dijo lo", g) == "Hegseth dijo lo"


def test_a_term_followed_by_both_cases_lowers_no_capital_after_it():
    # One placeholder per term: the "de" of "Jardín de la Unión" is followed by a
    # lower-case word, the one of "Templo de San Diego" by a capital (eng-spa kept "San")
    g = Protector(["Jardín", "de", "Templo"]).protect(
        "Jardín de la Unión, near the Templo de San Diego.", "es"
    )
    jardin, de, templo = (placeholder(t) for t in ("Jardín", "de", "Templo"))
    out = restore(f"{jardin} {de} la Unión, cerca del {templo} {de} San Diego.", g)
    assert out == "Jardín de la Unión, cerca del Templo de San Diego."


def test_french_and_catalan_elision_before_restored_name():
    g = Protector(["Israel"]).protect("the right of Israel", "fr")
    ph = placeholder("Israel")
    assert restore(f"le droit de {ph}", g, "fr") == "le droit d'Israel"
    assert restore(f"el dret de {ph}", g, "ca") == "el dret d'Israel"
    assert restore(f"el dret de {ph}", g, "es") == "el dret de Israel"


def test_glossary_keep_and_forced_translation(tmp_path: Path):
    f = tmp_path / "glossary.toml"
    f.write_text('keep = ["Daily Post"]\n[translate.es]\n"White House" = "Casa Blanca"\n')
    gl = Glossary.load(f)
    p = Protector([], gl)
    g = p.protect("The White House read the Daily Post.", "es")
    assert restore(g.text, g) == "The Casa Blanca read the Daily Post."
    g_fr = p.protect("The White House read the Daily Post.", "fr")
    assert restore(g_fr.text, g_fr) == "The White House read the Daily Post."


def test_bad_glossary_is_a_clear_error(tmp_path: Path):
    f = tmp_path / "glossary.toml"
    f.write_text("keep = [unclosed")
    try:
        Glossary.load(f)
    except ValueError as e:
        assert "glossary.toml" in str(e)
    else:
        raise AssertionError("expected ValueError")


def test_literal_regex_does_not_eat_sentence_punctuation():
    p = Protector([])
    assert [s[2] for s in p.spans("Visit https://example.org/x.")] == ["https://example.org/x"]
    assert protect.Protector(["Caliber.Az"]).spans("Caliber.Az reports")[0][2] == "Caliber.Az"


def test_placeholder_starts_as_the_name_does_so_engines_elide_before_it():
    """A vowel or h first, as the name has: Apertium elides before the placeholder as
    before the name ("l'Obanazawa", "nell'Indianapolis"); before Xqz... it wrote "al
    Obanazawa", "nel Indianapolis"."""
    assert placeholder("Israel").startswith("Iqz") and placeholder("Émile").startswith("Eqz")
    assert placeholder("Hekla").startswith("Hqz") and placeholder("Trump").startswith("Xqz")
    assert placeholder("Łukasz").startswith("Xqz") and placeholder("Ödön").startswith("Oqz")
    p = Protector(["Obanazawa", "Émile"])
    g = p.protect("Émile went to the Obanazawa office.", "ca")
    assert restore(g.text.replace("the ", "l'"), g) == "Émile went to l'Obanazawa office."
    assert restore(g.text.upper(), g).startswith("Émile")  # case-tolerant, any initial


def test_elision_before_a_protected_name_through_apertium(apertium_pipeline, tmp_path):
    article = tmp_path / "post.txt"
    article.write_text(
        "Letters missing\n\nResidents complained to the Obanazawa post office about the OHA.\n"
    )
    result = apertium_pipeline.process(article, Options(["ca", "it"], source_lang="en"))
    ca, it = ("\n".join(t.paragraphs) for t in result.targets)
    assert "l'Obanazawa" in ca and "l'OHA" in ca, ca
    assert "all'Obanazawa" in it or "dell'Obanazawa" in it or "l'Obanazawa" in it, it


def test_a_protected_name_before_a_hyphen_is_protected_there_too():
    """ "the Indus-Sarasvati Civilization": Indus is protected elsewhere in the article;
    left to the engine inside the hyphenated word it came back "Indo-Sarasvati" (held:
    names missing Indus)."""
    g = Protector(["Indus", "Trump"]).protect("the Indus-Sarasvati and Trump-backed men", "es")
    assert "Indus" not in g.text and "Trump" not in g.text
    assert restore(g.text, g) == "the Indus-Sarasvati and Trump-backed men"
    assert "Trumpet" in Protector(["Trump"]).protect("a Trumpet", "es").text  # whole words


def test_inline_html_in_plain_text_keeps_its_words(apertium_pipeline, tmp_path):
    """Real Apertium output before: "dijo \\<b> budget\\</b>" (the placeholder glued to
    "the" made one unknown token, and "the" was lost), and the quotes of an href became
    «» as if they quoted something."""
    f = tmp_path / "a.txt"
    f.write_text(
        "Council vote\nThe council said <b>the budget</b> was approved and"
        ' <a href="https://x.org">the mayor</a> agreed on Monday.\n'
    )
    (t,) = apertium_pipeline.process(f, Options(["es"])).targets
    text = t.paragraphs[0]
    assert "\\<b>el presupuesto\\</b>" in text, text
    assert '\\<a href="https://x.org">el alcalde\\</a>' in text, text
    assert t.report.ok and t.report.quotes == (0, 0), t.report.problems
