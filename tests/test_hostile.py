"""Hostile input (#24): nothing of an attacker's reaches a reader unescaped, nothing is
read or written outside its folder, and no input can hold the machine."""

from __future__ import annotations

import os
import time

import feedparser
import pytest
from click.testing import CliRunner

from syndicate.cli import main
from syndicate.safety import printable, safe_url
from syndicate.sources.articles import ArticleError, read_article

from conftest import ROOT, copy_articles

SCRIPT = "<script>alert(1)</script> and <img src=x onerror=alert(2)>"


def test_text_that_looks_like_markup_stays_text_in_every_feed(run, inbox):
    (inbox / "markup.txt").write_text(
        f"Council vote\nThe text said {SCRIPT} before the vote.\nThe vote is on Monday.\n"
    )
    result, _ = run(inbox, "--to", "es")
    for lang in ("en", "es"):
        rss = (run.feeds / lang / "rss.xml").read_text()
        atom = (run.feeds / lang / "atom.xml").read_text()
        for raw in (rss, atom):
            assert "<script" not in raw and "&lt;script" not in raw.replace("&amp;lt;", "")
        for path in ("rss.xml", "atom.xml"):
            feed = feedparser.parse(str(run.feeds / lang / path))
            e = feed.entries[0]
            # what a reader renders as HTML shows the words, never an element
            assert "<script" not in e.summary and "<img" not in e.summary, e.summary
            assert "&lt;script&gt;" in e.summary or "script" not in e.summary


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "data:text/html,<b>x</b>", " JaVaScRiPt:alert(1)", "java\tscript:x"],
)
def test_unsafe_urls_never_reach_a_feed(run, inbox, url):
    (inbox / "link.md").write_text(
        f'---\ntitle: Harbour works\nurl: "{url}"\n---\n\n'
        "The harbour works begin in May, the council said on Monday after a long vote.\n"
    )
    result, data = run(inbox, "--to", "es", "--source-lang", "en")
    (a,) = data["articles"]
    assert len(a["notes"]) == 1 and "not http(s) or mailto; not published" in a["notes"][0]
    text, _ = run(inbox, "--to", "es", "--source-lang", "en", "-q", as_json=False)
    assert "note: link.md: url" in text.output, text.output
    for lang in ("en", "es"):
        for f in ("rss.xml", "atom.xml", "feed.json"):
            text = (run.feeds / lang / f).read_text().lower()
            assert "javascript" not in text and "data:text" not in text and "script:" not in text


def test_safe_url():
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_url("mailto:desk@example.org")
    for bad in ["javascript:x", "data:,x", "file:///etc/passwd", "//evil", "http:/x", "", None]:
        assert safe_url(bad) is None, bad


def test_a_link_out_of_the_inbox_is_not_read(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("Secret\nroot:x:0:0:root:/root:/bin/bash\n")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "passwd.txt").symlink_to(outside)
    with pytest.raises(ArticleError, match="outside its folder"):
        read_article(inbox / "passwd.txt")
    inner = inbox / "real.txt"
    inner.write_text("Harbour\nThe harbour reopens.\n")
    (inbox / "alias.txt").symlink_to(inner)  # a link inside the folder is fine
    assert read_article(inbox / "alias.txt").title == "Harbour"


def test_special_files_are_refused_without_blocking(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    os.mkfifo(inbox / "fifo.txt")
    start = time.monotonic()
    with pytest.raises(ArticleError, match="not a regular file"):
        read_article(inbox / "fifo.txt")
    assert time.monotonic() - start < 5


def test_a_link_to_an_endless_device_is_refused(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "zero.txt").symlink_to("/dev/zero")
    with pytest.raises(ArticleError):
        read_article(inbox / "zero.txt")


@pytest.mark.parametrize(
    "front, why",
    [
        ('a: &a ["x","x","x","x"]\nb: &b [*a,*a,*a,*a]\nc: [*b,*b,*b,*b]', "aliases"),
        ("n: " + "9" * 5000, "number too long"),
        ("title: " + "x" * 70_000, "over 64 KB"),
    ],
)
def test_front_matter_that_would_explode_is_refused(tmp_path, front, why):
    f = tmp_path / "a.md"
    f.write_text(f"---\n{front}\n---\n\nText of the article.\n")
    with pytest.raises(ArticleError, match=why):
        read_article(f)


def test_a_slug_on_the_command_line_is_never_a_path(tmp_path):
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "es.md").write_text("---\nstatus: draft\n---\n\nuntouched\n")
    out = tmp_path / "work" / "translations"
    out.mkdir(parents=True)
    before = (victim / "es.md").read_text()
    for argv in (
        ["review", "approve", "../../victim", "es", "--translations", str(out)],
        ["retract", "../victim"],
        ["review", "approve", "ok", "../es"],
    ):
        r = CliRunner().invoke(main, argv)
        assert r.exit_code == 2, (argv, r.output)
        assert "Traceback" not in r.output
    assert (victim / "es.md").read_text() == before


def test_a_review_file_linked_outside_is_neither_shown_nor_published(run, inbox, tmp_path):
    copy_articles(inbox, "harbour-bridge-vote.txt")
    run(inbox, "--to", "es")
    secret = tmp_path / "secret.md"
    secret.write_text("---\nstatus: approved\n---\n\n# SECRET\n\nroot:x:0:0\n")
    es = run.translations / "harbour-bridge-vote" / "es.md"
    es.unlink()
    es.symlink_to(secret)
    run(inbox, "--to", "es")
    for f in run.feeds.rglob("*"):
        if f.is_file():
            assert "root:x:0:0" not in f.read_text(errors="replace"), f
    for f in run.translations.rglob("*.html"):
        assert "root:x:0:0" not in f.read_text(), f


def test_a_slug_folder_linked_outside_receives_no_writes(run, inbox, tmp_path):
    copy_articles(inbox, "harbour-bridge-vote.txt")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run.translations.mkdir(parents=True)
    (run.translations / "harbour-bridge-vote").symlink_to(elsewhere)
    result, data = run(inbox, "--to", "es")
    assert list(elsewhere.iterdir()) == []
    (a,) = data["articles"]
    assert "outside its folder" in (a["error"] or ""), a


def test_control_characters_are_escaped_when_printed():
    assert printable("evil\x1b[2Jname.txt") == "evil\\x1b[2Jname.txt"
    assert printable("café.txt") == "café.txt"


def test_root_has_no_project_files_read_from_outside():
    assert (ROOT / "articles").is_dir()  # the project's own samples, used above


def test_another_file_cannot_take_over_a_published_slug(run, inbox):
    copy_articles(inbox, "harbour-bridge-vote.txt")
    run(inbox, "--to", "es")
    (inbox / "zz-hijack.md").write_text(
        "---\ntitle: HIJACKED story\nslug: harbour-bridge-vote\n---\n\n"
        "This text replaces the published article under its id, the attacker hopes.\n"
    )
    result, data = run(inbox, "--to", "es")
    (bad,) = [a for a in data["articles"] if a["file"].endswith("zz-hijack.md")]
    assert "belongs to harbour-bridge-vote.txt" in bad["error"], bad
    assert "zz-hijack.md" in result.output and "belongs to" in result.output
    for lang in ("en", "es"):
        feed = (run.feeds / lang / "atom.xml").read_text()
        assert "HIJACKED" not in feed and "attacker" not in feed
    assert "HIJACKED" not in (run.translations / "harbour-bridge-vote" / "source.md").read_text()
    # the owner's file gone (renamed), the same slug is free for the new file
    (inbox / "harbour-bridge-vote.txt").unlink()
    _, data = run(inbox, "--to", "es")
    (a,) = data["articles"]
    assert a["error"] is None and a["slug"] == "harbour-bridge-vote", a


def test_two_new_files_with_one_slug_the_second_is_refused_by_name(run, inbox):
    body = "Harbour works\nThe harbour works begin in May, the council said on Monday.\n"
    (inbox / "a.md").write_text("---\ntitle: Harbour works\n---\n\n" + body)
    (inbox / "a.txt").write_text(body)
    (inbox / "Привет.txt").write_text(body)
    (inbox / "Мир.txt").write_text(body)
    _, data = run(inbox, "--to", "es", "--source-lang", "en")
    by_file = {os.path.basename(a["file"]): a for a in data["articles"]}
    assert by_file["a.md"]["error"] is None
    assert "slug 'a' belongs to a.md" in by_file["a.txt"]["error"]
    assert {by_file["Привет.txt"]["slug"], by_file["Мир.txt"]["slug"]} == {"privet", "mir"}


@pytest.mark.parametrize(
    "front, slug",
    [
        ("title: T\nslug:\nauthor: Ana Ruiz", "story"),  # empty, a key below
        ("title: T\nslug: real-one # a comment", "real-one"),
        ("title: T\nslug: 'quoted: yes'", "quoted-yes"),
    ],
)
def test_the_run_reads_the_slug_the_article_has(tmp_path, front, slug):
    from syndicate.sources.inbox import read_slug

    f = tmp_path / "story.md"
    f.write_text(f"---\n{front}\n---\n\nslug: not-this-one\n\nThe body says slug: too.\n")
    assert read_slug(f) == read_article(f).slug == slug
