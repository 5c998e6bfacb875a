"""text/patterns finds words as the regex alternation it replaced did, without compiling."""

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from syndicate.text import patterns

# Letters, a combining mark, digits, spaces and punctuation: every kind of edge.
CHARS = st.sampled_from(list("ab cé\u0301-1.’"))
WORDS = st.lists(st.text(CHARS, min_size=1, max_size=4), min_size=1, max_size=6)
TEXT = st.text(CHARS, max_size=40)


def _alternation(words, edge):
    alts = "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return regex.compile(rf"(?<![{edge}])(?:{alts})(?![{edge}])")


@settings(max_examples=400, derandomize=True)
@given(WORDS, TEXT, st.booleans())
def test_spans_are_the_alternations_matches(words, text, overlapped):
    text = text + " " + " ".join(words[:2]) + "."  # some words surely there
    for edge, cls in (("LMN", r"\p{L}\p{M}\p{N}"), ("LN", r"\p{L}\p{N}")):
        pattern = _alternation(words, cls)
        want = [
            (m.start(), m.end(), m.group(0)) for m in pattern.finditer(text, overlapped=overlapped)
        ]
        assert patterns.spans(words, text, edge, overlapped=overlapped) == want, (edge, text)
    assert patterns.occurs(words[0], text) == bool(
        _alternation(words[:1], r"\p{L}\p{N}").search(text)
    )


@settings(max_examples=200, derandomize=True)
@given(WORDS, TEXT)
def test_a_suffix_is_taken_as_the_alternation_takes_it(words, text):
    """eo "Israelon": the accusative after a name's form."""
    suffixes = ("n", "j", "jn")
    text = text + " " + words[0] + "jn " + words[-1] + "n."
    alts = "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))
    edge = r"\p{L}\p{M}\p{N}"
    pattern = regex.compile(rf"(?<![{edge}])({alts})(?:n|j|jn)?(?![{edge}])")
    want = [(m.start(), m.end(), m.group(1)) for m in pattern.finditer(text)]
    assert patterns.spans(words, text, suffixes=suffixes) == want


def test_substitute_replaces_whole_words_only():
    got = patterns.substitute({"israel": "Israel"}, "e israel, israelí", {"israel": "Israel"}.get)
    assert got == "e Israel, israelí"
