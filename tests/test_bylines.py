"""Bylines as newsrooms print them: labels or none, several authors, outlets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from syndicate.keep import bylines
from syndicate.sources.articles import read_article


def test_labels_and_several_authors():
    b = bylines.parse("By Ana Gil and Luis Paz")
    assert b.names == ("Ana Gil", "Luis Paz") and b.label == "By"
    assert str(b.into("es")) == "Por Ana Gil y Luis Paz"
    assert str(b.into("ca")) == "Per Ana Gil i Luis Paz"
    three = bylines.parse("By A. Smith, Jo Lee and Kim Park")
    assert three.names == ("A. Smith", "Jo Lee", "Kim Park")
    assert str(three.into("fr")) == "Par A. Smith, Jo Lee et Kim Park"
    outlet = bylines.parse("By Jane Doe | Fox News")
    assert outlet.names == ("Jane Doe",) and str(outlet.into("it")) == "Di Jane Doe | Fox News"
    assert bylines.parse("Un texte de Marie Roy").names == ("Marie Roy",)


def test_byline_without_label_is_recognised_but_not_any_short_line():
    b = bylines.parse("Mark Di Stefano")
    assert b is not None and b.label == "" and b.names == ("Mark Di Stefano",)
    assert str(b.into("ca")) == "Mark Di Stefano"
    for not_a_byline in ["Thanks.", "Reuters", "The vote is on Monday.", "Fees rose 5%"]:
        assert bylines.parse(not_a_byline) is None, not_a_byline


def test_unlabelled_byline_on_the_last_line_of_an_article(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Headline here\nThe council met on Tuesday and voted.\nMark Di Stefano\n")
    a = read_article(f)
    assert a.byline.names == ("Mark Di Stefano",) and a.paragraphs == [
        "The council met on Tuesday and voted."
    ]


_name = st.from_regex(r"[A-ZŁÉÖ][a-zóżłé]{1,8} [A-Z][a-z]{1,10}", fullmatch=True)


@given(st.lists(_name, min_size=1, max_size=4, unique=True), st.sampled_from(list(bylines.LABELS)))
def test_byline_round_trip(names, lang):
    """Any authors, rendered in any language, parse back to the same names."""
    b = bylines.Byline("By", tuple(names)).into(lang)
    back = bylines.parse(str(b))
    assert back is not None and back.names == tuple(names)
