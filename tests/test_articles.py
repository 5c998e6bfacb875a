"""Reading articles: both input formats, bylines, slugs, dates, and bad files."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from syndicate.sources.articles import ArticleError, read_article, slugify, split_paragraphs


def write(p: Path, text: str | bytes) -> Path:
    if isinstance(text, str):
        p.write_text(text, encoding="utf-8")
    else:
        p.write_bytes(text)
    return p


def test_plain_text_one_paragraph_per_line(tmp_path):
    p = write(
        tmp_path / "Big News Today.txt", "Headline here\nFirst para.\nSecond para.\nBy Jane Doe\n"
    )
    a = read_article(p)
    assert a.title == "Headline here"
    assert a.paragraphs == ["First para.", "Second para."]
    assert (a.byline.label, a.byline.name) == ("By", "Jane Doe")
    assert a.slug == "big-news-today"
    assert a.format == "text"


def test_plain_text_blank_line_paragraphs_join_hard_wraps(tmp_path):
    text = "Headline\n\nOne line\ncontinues here.\n\nSecond.\n\nPor María López\n"
    a = read_article(write(tmp_path / "a.txt", text))
    assert a.paragraphs == ["One line continues here.", "Second."]
    assert str(a.byline) == "Por María López"


@pytest.mark.parametrize("label", ["By", "Por", "Par", "Von", "Di", "De"])
def test_byline_labels(tmp_path, label):
    a = read_article(write(tmp_path / "a.txt", f"Title\nBody text.\n{label} Ann Lee\n"))
    assert a.byline.name == "Ann Lee"
    assert a.byline.label == label


def test_last_line_that_is_a_sentence_is_not_a_byline(tmp_path):
    a = read_article(
        write(tmp_path / "a.txt", "Title\nBody.\nBy the end of the day it was over.\n")
    )
    assert a.byline is None
    assert a.paragraphs[-1] == "By the end of the day it was over."


def test_markdown_front_matter(tmp_path):
    text = (
        "---\ntitle: A title\nauthor: Sam Roe\ndate: 2026-01-02T03:04:05Z\nlang: en\n"
        "slug: My Slug\nurl: https://example.org/x\n---\n\nPara one.\n\nPara two.\n"
    )
    a = read_article(write(tmp_path / "x.md", text))
    assert a.title == "A title"
    assert a.byline.name == "Sam Roe"
    assert a.date == dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    assert (a.lang, a.slug, a.url) == ("en", "my-slug", "https://example.org/x")
    assert a.paragraphs == ["Para one.", "Para two."]


def test_markdown_heading_title_and_mtime_date(tmp_path):
    p = write(tmp_path / "note.md", "# Heading title\n\nBody here.\n\nBy Kim Park\n")
    os.utime(p, (1_700_000_000, 1_700_000_000))
    a = read_article(p)
    assert a.title == "Heading title"
    assert a.byline.name == "Kim Park"
    assert a.date == dt.datetime.fromtimestamp(1_700_000_000, dt.UTC)
    assert a.slug == "note"


def test_source_hash_changes_with_text(tmp_path):
    p = write(tmp_path / "a.txt", "T\nBody one.\n")
    h1 = read_article(p).source_hash
    write(p, "T\nBody two.\n")
    assert read_article(p).source_hash != h1


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty file"),
        (b"   \n\n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"Title\nCaf\xe9 society\n", "not valid UTF-8"),
        (b"Only a headline\n", "headline only"),
        (b"---\ntitle: [unclosed\n---\nBody\n", "not valid YAML"),
    ],
)
def test_bad_files_give_one_line_errors_naming_the_file(tmp_path, content, reason):
    suffix = ".md" if content.startswith(b"---") else ".txt"
    p = write(tmp_path / f"bad{suffix}", content)
    with pytest.raises(ArticleError) as e:
        read_article(p)
    msg = str(e.value)
    assert msg.startswith(f"bad{suffix}: ")
    assert reason in msg
    assert "\n" not in msg


def test_utf16_with_bom_is_read(tmp_path):
    p = write(tmp_path / "u.txt", "Título\nCuerpo del artículo.\nPor Ana Gil\n".encode("utf-16"))
    a = read_article(p)
    assert a.title == "Título"
    assert a.byline.name == "Ana Gil"


def test_too_large_file_is_refused(tmp_path):
    p = write(tmp_path / "big.txt", "T\n" + "word " * 100)
    with pytest.raises(ArticleError, match="too large"):
        read_article(p, max_bytes=100)


def test_control_characters_are_stripped(tmp_path):
    a = read_article(write(tmp_path / "c.txt", "Title\x07\nBody\x01 text\x0b here.\n"))
    assert a.title == "Title"
    assert a.paragraphs == ["Body text here."]


def test_slugify_and_split():
    assert slugify("Ça va? Très bien!") == "ca-va-tres-bien"
    assert slugify("???") == "article"
    assert split_paragraphs("a\nb\n") == ["a", "b"]
