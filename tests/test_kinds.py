"""The one interface of what a translation keeps (syndicate/keep/kind.py): the registry's
kinds, their order, and a new kind added with one line, run by the real pipeline."""

from __future__ import annotations

import re

import pytest

from syndicate.engines.apertium import ApertiumEngine, installed_modes
from syndicate.keep import kind, protect, registry
from syndicate.keep.plan import NamePlan
from syndicate.keep.protect import Glossary, Protected, Protector
from syndicate.pipeline import Options, Pipeline, _engine_input, _restored
from syndicate.state.store import Store

needs_eng_spa = pytest.mark.skipif(
    ("en", "es") not in installed_modes(), reason="apertium-eng-spa not installed"
)


def test_every_kind_is_in_the_registry_once_and_does_something():
    names = [k.name for k in registry.KINDS]
    assert names and len(names) == len(set(names)), names
    assert {"names", "numbers", "dates", "quotes", "byline", "spans"} <= set(names)
    steps = ("find", "prepare", "restore", "finish", "check")
    for k in registry.KINDS:
        assert isinstance(k, kind.Kind)
        own = [s for s in steps if getattr(type(k), s) is not getattr(kind.Kind, s)]
        assert own, f"{k.name} implements no step"


def _job(terms: list[str], tgt: str = "es") -> kind.Job:
    plan = NamePlan(Protector(terms), {t: {t} for t in terms})
    return kind.Job("en", tgt, (("en", tgt),), True, plan)


def test_restore_undoes_prepare_in_reverse_order():
    """An engine that changes nothing but marks a word it did not know: the marks go
    first, then every placeholder comes back (a real @handle and #tag survive the mark
    cleaning only because they are restored after it), then the amount."""
    core = "Trump told @syndicate at https://example.org/a that #budget talks cost £2.3bn."
    job = _job(["Trump"])
    u = _engine_input(job, core)
    for literal in ("Trump", "@syndicate", "#budget", "https://example.org/a", "2.3"):
        assert literal not in u.text, (literal, u.text)  # none reaches the engine
    engine_out = u.text.replace("told", "*told")
    out = _restored(engine_out, u, job)
    assert "*" not in out and not protect.PLACEHOLDER_RE.search(out), out
    for literal in ("Trump", "@syndicate", "#budget", "https://example.org/a"):
        assert literal in out, (literal, out)
    assert "£2,3 mil millones" in out, out  # the CLDR long form of the value


def test_a_verified_engine_gets_the_text_prepared_without_placeholders():
    job = _job(["Trump"])
    job.placeholders = False
    u = _engine_input(job, "Trump met them at 10pm.")
    assert u.restore_map == {} and "Trump" in u.text and "10pm" not in u.text, u.text


TICKER = re.compile(r"\$[A-Z]{1,5}\b")


class TickerKind(kind.Kind):
    """A kind as a newcomer would add one: stock tickers ("$AAPL") kept exactly."""

    name = "tickers"

    def prepare(self, u: Protected, job: kind.Job) -> None:
        if not job.placeholders:
            return

        def swap(m: re.Match) -> str:
            ph = protect.placeholder(m.group(0))
            u.restore_map[ph] = m.group(0)
            return ph

        u.text = TICKER.sub(swap, u.text)

    def check(self, c: kind.Compared, report: kind.Report) -> None:
        lost = [t for t in TICKER.findall(c.source_text) if t not in c.text]
        if lost:
            report.problems.append(f"tickers: missing {', '.join(lost)}")


class Recording(ApertiumEngine):
    """The real engine, recording what it is sent."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[str] = []

    def translate(self, texts, src, tgt):
        self.sent += texts
        return super().translate(texts, src, tgt)


@needs_eng_spa
def test_a_new_kind_is_one_line_in_the_registry(tmp_path, monkeypatch):
    monkeypatch.setattr(registry, "KINDS", (*registry.KINDS, TickerKind()))
    engine = Recording()
    store = Store(tmp_path / "state")
    article = tmp_path / "a.txt"
    article.write_text("Markets\n\nShares of $AAPL rose on Monday, and $MSFT fell.\n")
    try:
        (t,) = Pipeline([engine], store, Glossary()).process(article, Options(["es"])).targets
    finally:
        store.close()
    assert engine.sent and not any("$AAPL" in s or "$MSFT" in s for s in engine.sent)
    assert "$AAPL" in t.paragraphs[0] and "$MSFT" in t.paragraphs[0], t.paragraphs
    assert t.report.ok, t.report.problems
    lost = t.checker([t.title, t.paragraphs[0].replace("$MSFT", "MSFT")], t.byline)
    assert "tickers: missing $MSFT" in lost.problems, lost.problems
