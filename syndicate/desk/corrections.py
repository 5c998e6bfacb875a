"""Corrections: a visible note at the end of every language version of an article.

A Markdown source's ``correction:`` front matter, or ``syndicate correct SLUG "text"``
(kept in the state, for any source format), becomes the article's last paragraph,
"Correction: ...", in the source language; it is translated with the rest, so every
version carries it, and the changed text bumps each item's ``updated`` in the feeds.
"""

from __future__ import annotations

import dataclasses

from syndicate.sources.articles import Article
from syndicate.text import markup

# The label in the article's own language; engines translate it with the note.
LABELS = {
    "en": "Correction:",
    "es": "Corrección:",
    "ca": "Correcció:",
    "gl": "Corrección:",
    "pt": "Correção:",
    "fr": "Correction :",
    "it": "Correzione:",
    "de": "Korrektur:",
    "nl": "Correctie:",
}


def note(text: str, lang: str) -> str:
    return f"{LABELS.get(lang, LABELS['en'])} {' '.join(text.split())}"


def apply(article: Article, lang: str, filed: str | None) -> Article:
    """The article with its correction as the last paragraph (front matter first, then
    one filed with `syndicate correct`)."""
    text = article.correction or filed
    if not text or not text.strip():
        return article
    paragraphs = [*article.paragraphs, markup.escape(note(text, lang))]
    return dataclasses.replace(article, paragraphs=paragraphs)


def has_note(article: Article) -> bool:
    """The article (as :func:`apply` made it) ends with a correction note."""
    last = markup.plain(article.paragraphs[-1]) if article.paragraphs else ""
    return any(last.startswith(label + " ") for label in LABELS.values())
