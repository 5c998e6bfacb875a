"""Names in any script, and protection only where the engine (real Apertium) would break."""

from __future__ import annotations

import pytest

from syndicate import names
from syndicate.pipeline import Options, Pipeline
from syndicate.store import Store


def test_names_in_every_script():
    found = names.find(
        ["H", "Mayor Łukasz Żółć met Émile Ödön, Владимир Путин and Αλέξης Τσίπρας in Kraków."]
    ).all
    for n in ["Łukasz Żółć", "Émile Ödön", "Владимир Путин", "Αλέξης Τσίπρας", "Kraków"]:
        assert n in found, n
    assert "Mayor" not in found


def test_german_nouns_are_not_names():
    found = names.find(
        ["H", "Die Regierung hat am Montag neue Pläne vorgestellt, sagte Angela Merkel."],
        lang="de",
    ).all
    assert "Angela Merkel" in found
    assert not {"Regierung", "Montag", "Pläne"} & set(found)


def test_title_before_a_name_is_split_off_but_king_after_one_is_not():
    found = names.find(["H", "He met Israeli Prime Minister Benjamin Netanyahu and Kevin King."])
    assert "Benjamin Netanyahu" in found.all and "Kevin King" in found.all
    assert "Benjamin Netanyahu" in found.titled


@pytest.fixture(scope="module")
def pipeline(apertium_pipeline):
    return apertium_pipeline


def _run(pipeline, tmp_path, text, langs):
    f = tmp_path / "a.txt"
    f.write_text(text)
    return {t.lang: t for t in pipeline.process(f, Options(langs)).targets}


def test_known_names_left_to_the_engine_broken_ones_protected(pipeline, tmp_path):
    text = (
        "Leaders meet in the capital\n"
        "The talks between the United States and Norway took place in the Middle East.\n"
        "On Friday, Kevin King said Donald Trump would fly to England on Monday.\n"
        "Trump told Fox News the plan was ready.\n"
    )
    out = _run(pipeline, tmp_path, text, ["es", "ca", "gl"])
    es = "\n".join(out["es"].paragraphs)
    assert "Estados Unidos" in es and "United States" not in es
    assert "Noruega" in es and "Inglaterra" in es
    for lang in ("es", "ca", "gl"):
        t = out[lang]
        body = "\n".join(t.paragraphs)
        assert "Kevin King" in body and "Donald Trump" in body and "Fox News" in body, body
        assert "Rei" not in body and "Triunfo" not in body
        assert t.report.ok, t.report.problems


def test_two_authors_do_not_make_and_a_name(pipeline, tmp_path):
    text = (
        "Council and unions agree\n"
        "The council and the unions signed the deal, and work starts in May.\n"
        "By Ana Gil and Luis Paz\n"
    )
    t = _run(pipeline, tmp_path, text, ["es"])["es"]
    assert " and " not in t.paragraphs[0] and " y " in t.paragraphs[0]
    assert str(t.byline) == "Por Ana Gil y Luis Paz" and t.report.byline


def test_byline_without_label_keeps_the_name_in_catalan(pipeline, tmp_path):
    text = "Markets rally\nShares rose sharply on Friday after the report.\nMark Di Stefano\n"
    t = _run(pipeline, tmp_path, text, ["ca"])["ca"]
    assert str(t.byline) == "Mark Di Stefano"
    assert all("Marca" not in p for p in t.paragraphs)


def test_numbers_come_back_as_values_in_the_target_convention(pipeline, tmp_path):
    text = (
        "Budget approved\n"
        "The plan costs £2.3bn and 1,200 containers arrive at 9am, as in the 8th century.\n"
    )
    t = _run(pipeline, tmp_path, text, ["es"])["es"]
    body = t.paragraphs[0]
    assert "2,3 mil millones" in body and "billones" not in body
    assert "1.200" in body and "9:00" in body and "soy" not in body
    assert t.report.numbers == (4, 4) and t.report.ok, t.report.problems


def test_a_dropped_protected_name_is_reported(tmp_path):
    from conftest import NameDroppingEngine

    store = Store(tmp_path / "s")
    f = tmp_path / "a.txt"
    f.write_text("Talks\nThe minister met Kevin King in Oslo on Monday.\n")
    (t,) = Pipeline([NameDroppingEngine()], store).process(f, Options(["es"])).targets
    assert t.status == "held" and "Kevin King" in t.report.missing_names
    store.close()
