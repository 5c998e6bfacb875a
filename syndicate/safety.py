"""What of a hostile input may reach a reader or a terminal.

URLs: only ``http``, ``https`` and ``mailto`` are published or linked; ``javascript:``,
``data:``, ``file:`` and anything without a scheme we know are dropped. Names printed on a
terminal have their control characters escaped (a file name can carry an escape sequence
that rewrites the screen).
"""

from __future__ import annotations

from urllib.parse import urlsplit

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


def safe_url(url: object) -> str | None:
    """``url`` if a reader may follow it, else None. Whitespace and control characters
    inside a scheme ("java\\tscript:") are how filters are dodged: any makes it unsafe."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or any(ord(c) < 32 or c == "\x7f" for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES:
        return None
    if parts.scheme.lower() != "mailto" and not parts.netloc:
        return None
    return url


def printable(text: object) -> str:
    """``text`` with control characters (ESC, CR, NUL ...) written as escapes."""
    s = str(text)
    if s.isprintable():
        return s
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in s)
