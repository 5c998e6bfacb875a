"""Markdown in articles: blocks, inline markup kept out of the engines, HTML out.

An article's body is stored, translated and written as a list of Markdown *blocks*, one
per paragraph, heading, list item, block quotation or rule, each on one line. Plain-text
articles are escaped into the same form (:func:`escape`), so every output treats every
article alike.

For translation a block is *tagged* (:func:`tag`): its markup (``## ``, ``- ``, ``**``,
``[``, ``](https://…)``, a code span) becomes sentinel characters from Unicode's
supplementary private use area, each standing for one piece of markup. Sentinels are
never translated (:mod:`syndicate.text.segments` makes them pieces of their own, like
quotation marks); Apertium carries them through in context, so "the **new** budget"
comes back as "el presupuesto **nuevo**". :func:`untag` puts the markup back around the
translated text, escaping what the engine wrote so that it stays text.

Parsing is markdown-it-py's CommonMark; rendering to HTML too, then sanitized with nh3.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

SENTINEL_BASE = 0xF0000  # Supplementary Private Use Area-A: no text uses it
_SENTINEL_RE = re.compile("[\U000f0000-\U000ffffd]")

# What our feeds and pages may carry: the structure a news article has, nothing active.
HTML_TAGS = {
    "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "hr", "em", "strong",
    "a", "code", "pre", "img", "br",
}  # fmt: skip
HTML_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}


@cache
def _parser() -> MarkdownIt:
    # Raw HTML in Markdown is not markup for us: shown as text, never passed through.
    return MarkdownIt("commonmark", {"html": False})


def is_sentinel(ch: str | None) -> bool:
    return ch is not None and len(ch) == 1 and SENTINEL_BASE <= ord(ch) <= 0xFFFFD


def strip_sentinels(text: str) -> str:
    return _SENTINEL_RE.sub("", text)


@dataclass
class Tagged:
    """A block as text with sentinels, and the markup each sentinel stands for."""

    text: str
    marks: dict[str, str] = field(default_factory=dict)
    # (open, close) sentinels of each span (emphasis, strong, link, image), in order
    pairs: list[tuple[str, str]] = field(default_factory=list)

    def add(self, markup: str) -> str:
        ch = chr(SENTINEL_BASE + len(self.marks))
        self.marks[ch] = markup
        self.text += ch
        return ch

    @property
    def bare(self) -> str:
        """The text without its spans' sentinels (structure and code spans stay): what
        the engine translates best, as it reads like a sentence without markup."""
        paired = {ch for pair in self.pairs for ch in pair}
        return "".join(ch for ch in self.text if ch not in paired)


# Blocks ------------------------------------------------------------------------------


def blocks(body: str) -> list[str]:
    """A Markdown body as one-line blocks: the unit of translation, review and output.

    Nested lists are flattened to one level; a code block stays one block, verbatim."""
    src = body.splitlines()
    out: list[str] = []
    prefix: list[str] = []  # "> " and list markers of the containers we are in
    items: list[list] = []  # per open list: [kind, next number, delimiter]
    pending = ""  # a list item's marker, until its first paragraph
    for t in _parser().parse(body):
        if t.type == "blockquote_open":
            prefix.append("> ")
        elif t.type == "blockquote_close":
            prefix.pop()
        elif t.type in ("bullet_list_open", "ordered_list_open"):
            start = int(t.attrs.get("start", 1) or 1) if t.type == "ordered_list_open" else 0
            items.append([t.type[0], start, t.markup])
        elif t.type in ("bullet_list_close", "ordered_list_close"):
            items.pop()
        elif t.type == "list_item_open":
            kind, n, delim = items[-1]
            pending = f"{n}{delim} " if kind == "o" else "- "
            items[-1][1] = n + 1
        elif t.type == "heading_open":
            pending = "#" * int(t.tag[1]) + " "
        elif t.type == "inline":
            text = " ".join(line.strip() for line in t.content.splitlines()).strip()
            if text:
                out.append("".join(prefix) + pending + text)
            pending = ""
        elif t.type == "hr":
            out.append("".join(prefix) + "---")
        elif t.type in ("fence", "code_block") and t.map:
            out.append("\n".join(src[t.map[0] : t.map[1]]).strip("\n"))
    return out


_BLOCK_PREFIX = re.compile(r"^(?:> )*(?:#{1,6} |- |\d{1,9}[.)] )?")


def block_prefix(block: str) -> str:
    """The structural markup a block starts with ("> ", "## ", "- ", "3. "), or ""."""
    if block.startswith(("```", "~~~", "    ")):
        return ""
    return _BLOCK_PREFIX.match(block).group(0)


def is_code(block: str) -> bool:
    return block.startswith(("```", "~~~"))


# Tagging -----------------------------------------------------------------------------


def _code_span(content: str) -> str:
    ticks = max((len(m) for m in re.findall(r"`+", content)), default=0) + 1
    pad = " " if content.startswith("`") or content.endswith("`") else ""
    return f"{'`' * ticks}{pad}{content}{pad}{'`' * ticks}"


def _link_end(t: Token) -> str:
    href = str(t.attrs.get("href") or t.attrs.get("src") or "")
    title = t.attrs.get("title")
    dest = f"<{href}>" if re.search(r"[\s()<>]", href) else href
    return f"]({dest}{' ' + _quote_title(str(title)) if title else ''})"


def _quote_title(title: str) -> str:
    return '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _inline(tokens: list[Token], out: Tagged) -> None:
    opened: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.type == "text":
            out.text += t.content
        elif t.type in ("softbreak", "hardbreak"):
            out.text += " "
        elif t.type in ("em_open", "strong_open"):
            opened.append(out.add(t.markup))
        elif t.type in ("em_close", "strong_close"):
            close = out.add(t.markup)
            if opened:
                out.pairs.append((opened.pop(), close))
        elif t.type == "code_inline":
            out.add(_code_span(t.content))
        elif t.type == "link_open" and t.markup == "autolink":
            out.add(f"<{t.attrs.get('href')}>")
            while tokens[i].type != "link_close":
                i += 1
        elif t.type == "link_open":
            start = out.add("[")
            # the link's end goes with its close token
            depth, j = 1, i + 1
            while j < len(tokens) and depth:
                depth += {"link_open": 1, "link_close": -1}.get(tokens[j].type, 0)
                j += 1
            _inline(tokens[i + 1 : j - 1], out)
            out.pairs.append((start, out.add(_link_end(t))))
            i = j - 1
        elif t.type == "image":
            start = out.add("![")
            _inline(t.children or [], out)
            out.pairs.append((start, out.add(_link_end(t))))
        elif t.content:
            out.text += t.content
        i += 1


@cache
def tag(block: str) -> Tagged:
    """A block as text for translation, its markup as sentinels (see the module doc)."""
    out = Tagged("")
    if is_code(block):
        out.add(block)
        return out
    prefix = block_prefix(block)
    if prefix:
        out.add(prefix)
    rest = block[len(prefix) :]
    if rest == "---" or (not rest and prefix):
        out.add(rest)
        return out
    tokens = _parser().parseInline(rest)
    _inline(tokens[0].children or [] if tokens else [], out)
    return out


def links(block: str) -> list[tuple[str, str]]:
    """Each link of a Markdown block: (URL, the words it is on)."""
    out: list[tuple[str, str]] = []
    for token in _parser().parse(block):
        if token.type != "inline":
            continue
        href, words = None, []
        for t in token.children or []:
            if t.type == "link_open":
                href, words = str(t.attrs.get("href") or ""), []
            elif t.type == "link_close" and href is not None:
                out.append((href, " ".join("".join(words).split())))
                href = None
            elif href is not None and t.type in ("text", "code_inline"):
                words.append(t.content)
            elif href is not None and t.type in ("softbreak", "hardbreak"):
                words.append(" ")
    return out


def inline_plain(text: str) -> str:
    """The words of a line of inline Markdown (a heading's text), no block markup."""
    out = Tagged("")
    tokens = _parser().parseInline(text)
    _inline(tokens[0].children or [] if tokens else [], out)
    return strip_sentinels(out.text).strip()


def plain(block: str) -> str:
    """The words of a block, no markup (what readers read; what checks count)."""
    text = strip_sentinels(tag(block).text).strip()
    return text or block


# Escaping and untagging --------------------------------------------------------------

# What would be markup inside a line: emphasis, code, links, autolinks, entities; an
# underscore inside a word is not (snake_case).
_INLINE_SPECIAL = re.compile(r"[\\`*\[\]]|<(?=[A-Za-z/!?])|(?<![^\W_])_|_(?![^\W_])|&(?=#?\w+;)")
# What would open a block at the start of a line.
_LINE_START = re.compile(
    r"^(\s*)(#{1,6}(?=\s|$)|[-+](?=\s|$)|-(?=-{2,}\s*$)|>|(\d{1,9})([.)])(?=\s|$)|~~~)"
)


def escape_inline(text: str) -> str:
    return _INLINE_SPECIAL.sub(lambda m: "\\" + m.group(0), text)


def _escape_start(text: str) -> str:
    """A line that would open a block (a heading, a list, a quotation) stays text."""

    def esc(m: re.Match) -> str:
        if m.group(3):
            return m.group(1) + m.group(3) + "\\" + m.group(4)
        return m.group(1) + "\\" + m.group(2)

    return _LINE_START.sub(esc, text, count=1)


def escape(text: str) -> str:
    """Plain text as a Markdown block that renders as exactly that text."""
    return _escape_start(escape_inline(text))


def untag(text: str, marks: dict[str, str]) -> str:
    """Tagged (translated) text back to a Markdown block: sentinels to their markup, the
    text between them escaped. A sentinel the translation lost is lost; one it gained that
    this block does not know is dropped."""
    out: list[str] = []
    start = True  # at the start of the block's text: a line-start escape may be needed
    pos = 0
    for m in _SENTINEL_RE.finditer(text):
        run = text[pos : m.start()]
        if run:
            out.append(_escape_start(escape_inline(run)) if start else escape_inline(run))
            start = False
        markup = marks.get(m.group(0), "")
        out.append(markup)
        start = start and bool(_BLOCK_PREFIX.fullmatch(markup))
        pos = m.end()
    run = text[pos:]
    if run:
        out.append(_escape_start(escape_inline(run)) if start else escape_inline(run))
    return close_before_elision("".join(out))


# A closing emphasis delimiter after an elided word and before the word it is elided
# onto ("*entra l'*atmosfera": the engine moved the article into the span) is no closer
# in CommonMark (a "*" between "'" and a letter only opens): the reader sees asterisks.
_ELIDED_CLOSER = re.compile(r"(\s)([^\W\d_]+['’])(\*{1,2}|_{1,2})(?=\w)")
_ELIDED_ONLY = re.compile(r"(?<![\w*_])(\*{1,2}|_{1,2})([^\W\d_]+['’])\1(\w+)")


def close_before_elision(block: str) -> str:
    """Such a closer moved before the elided word: "*entra* l'atmosfera"."""

    def move(m: re.Match) -> str:
        delim = m.group(3)
        before = block[: m.start()]
        # a closer when the same delimiter is open: an odd count of it before
        if (before.count(delim) - (before.count(delim * 2) * 2 if len(delim) == 1 else 0)) % 2:
            return f"{delim}{m.group(1)}{m.group(2)}"
        return m.group(0)

    if "'" not in block and "’" not in block:
        return block
    # a span over the elided word alone ("**l'**autobús"): it takes the word it is on
    block = _ELIDED_ONLY.sub(r"\1\2\3\1", block)
    return _ELIDED_CLOSER.sub(move, block)


# HTML out ----------------------------------------------------------------------------


def document(blocks_: list[str]) -> str:
    """Blocks as one Markdown document, a blank line apart; consecutive items of a list
    one line apart, so the list stays one tight list (:func:`blocks` reads it back)."""
    out: list[str] = []
    prev = ""
    for b in blocks_:
        p = block_prefix(b)
        kind = ("-" if p.endswith("- ") else "1") if re.search(r"(- |\d[.)] )$", p) else ""
        if out:
            out.append("\n" if kind and kind == prev else "\n\n")
        out.append(b)
        prev = kind
    return "".join(out)


def to_html(blocks_: list[str], images: bool = True) -> str:
    """Blocks as sanitized HTML. ``images=False`` (the review desk): an image is a link
    to it, so opening a page fetches nothing remote."""
    rendered = _parser().render(document(blocks_))
    if not images:
        rendered = re.sub(
            r'<img src="([^"]*)" alt="([^"]*)"[^>]*>',
            lambda m: f'<a href="{m.group(1)}">[{m.group(2) or "image"}]</a>',
            rendered,
        )
    return sanitize(rendered)


def sanitize(fragment: str) -> str:
    """Only the elements and attributes of :data:`HTML_TAGS`; links open nothing active."""
    return nh3.clean(
        fragment,
        tags=HTML_TAGS,
        attributes=HTML_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    ).strip()
