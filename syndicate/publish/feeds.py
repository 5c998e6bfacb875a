"""Feeds, rebuilt from the store: RSS 2.0, Atom and JSON Feed 1.1 per language, plus
``index.opml`` and ``index.html`` listing them all.

RSS and Atom are written with feedgen. feedgen 1.0 drops ``rel``/``hreflang`` on entry
links and sets no ``xml:lang`` on entries (feedgen#135), so the Atom output is
post-processed with lxml to add them: each entry links to its other language versions.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path

from lxml import etree

from syndicate.config import FeedSite
from syndicate.safety import safe_url
from syndicate.state.fsutil import atomic_write
from syndicate.state.store import Item, Store
from syndicate.text import markup

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

LANGUAGE_NAMES = {
    "en": "English",
    "es": "Español",
    "ca": "Català",
    "gl": "Galego",
    "eo": "Esperanto",
    "fr": "Français",
    "pt": "Português",
    "it": "Italiano",
    "de": "Deutsch",
    "nl": "Nederlands",
    "sv": "Svenska",
    "da": "Dansk",
    "ru": "Русский",
    "pl": "Polski",
}
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _XML_FORBIDDEN.sub("", text)


TAG_DATE = "2026"  # RFC 4151: a date the authority held its name; fixed, so ids never move


def item_id(site: FeedSite, item: Item) -> str:
    """Stable per article and language, never shared between languages (a tag: URI).

    Built from the slug only: editing the article, or its date, keeps the same id."""
    return f"tag:{site.authority},{TAG_DATE}:{item.slug}/{item.lang}"


def item_link(site: FeedSite, slug: str, lang: str) -> str:
    return site.url(f"translations/{slug}/{lang}.html")


def content_html(item: Item) -> str:
    """The article as sanitized HTML: its Markdown blocks rendered, the byline last."""
    return _content_html(tuple(item.paragraphs), item.byline)


@lru_cache(maxsize=1024)
def _content_html(paragraphs: tuple[str, ...], byline: str | None) -> str:
    """Rendered once per run for RSS/Atom and JSON Feed alike (1 ms an item)."""
    body = markup.to_html([xml_safe(p) for p in paragraphs]).replace("\n", "")
    if byline:
        body += f'<p class="byline">{html.escape(xml_safe(byline), quote=False)}</p>'
    return body


def content_text(item: Item) -> str:
    """The article's words, paragraphs apart, for readers that show no HTML."""
    paras = [markup.plain(xml_safe(p)) for p in item.paragraphs]
    return "\n\n".join([*paras, *([xml_safe(item.byline)] if item.byline else [])])


def summary_of(item: Item) -> str:
    """The first paragraph with words in it (not a rule, not a subheading), as text."""
    blocks = [p for p in item.paragraphs if not markup.block_prefix(p).startswith("#")]
    words = [markup.plain(xml_safe(p)) for p in blocks or item.paragraphs]
    return next((w for w in words if any(c.isalpha() for c in w)), words[0] if words else "")


FILES = ("rss.xml", "atom.xml", "feed.json")
# How each feed file ends when whole (feedgen's and our JSON writer's output).
_ENDS = {"rss.xml": b"</rss>", "atom.xml": b"</feed>", "feed.json": b"}"}


def intact(folder: Path) -> bool:
    """A language's three feeds are there and end as written: a deleted or truncated one
    (a disk that filled, a hand edit) is rebuilt by the next run, not trusted."""
    for name in FILES:
        try:
            with open(folder / name, "rb") as f:
                f.seek(0, 2)
                f.seek(max(0, f.tell() - 64))
                tail = f.read().rstrip()
        except OSError:
            return False
        if not tail.endswith(_ENDS[name]):
            return False
    return True


def build_feeds(store: Store, site: FeedSite, lang: str) -> list[Path]:
    """Write feeds/<lang>/rss.xml and atom.xml; returns the files whose content changed."""
    from feedgen.feed import FeedGenerator

    items = store.items(lang, limit=site.max_items)
    name = LANGUAGE_NAMES.get(lang, lang)
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.id(f"tag:{site.authority},{TAG_DATE}:feeds/{lang}")
    fg.title(f"{site.title} ({name})")
    fg.subtitle(f"{site.title}: articles in {name}")
    fg.language(lang)
    fg.generator("syndicate")
    # Atom wants an author on the feed when an entry has none (an article with no byline).
    fg.author(name=site.title)
    if items:  # from the items, not the clock: an unchanged feed is byte-identical
        fg.updated(max(i.updated for i in items))
        fg.lastBuildDate(max(i.updated for i in items))
    siblings = {i.slug: store_languages(store, i.slug) for i in items}
    # feedgen prepends entries: add oldest first so the newest is on top.
    for item in reversed(items):
        fe = fg.add_entry()
        fe.id(item_id(site, item))
        fe.guid(item_id(site, item), permalink=False)
        fe.title(xml_safe(item.title))
        fe.link(href=item_link(site, item.slug, lang), rel="alternate", type="text/html")
        fe.published(item.published)
        fe.updated(item.updated)
        if item.author:
            fe.author(name=xml_safe(item.author))
            fe.dc.dc_creator(xml_safe(item.author))
        if safe_url(item.origin_url):  # RSS <source>: the feed the item came in
            fe.source(url=item.origin_url, title=xml_safe(item.origin_title or item.origin_url))
        fe.content(content_html(item), type="html")
        # RSS readers read <description> as HTML: escaped text, never markup (the Atom
        # summary says so with type="html"; the JSON Feed summary is plain text)
        fe.summary(html.escape(summary_of(item)[:500], quote=False), type="html")
    out = site.out / lang
    changed = []
    # Each format's self link points at its own file.
    _links(fg, site, f"feeds/{lang}/rss.xml", "application/rss+xml")
    rss = fg.rss_str(pretty=True)
    if atomic_write(out / "rss.xml", rss):
        changed.append(out / "rss.xml")
    _links(fg, site, f"feeds/{lang}/atom.xml", "application/atom+xml")
    atom = _post_process_atom(fg.atom_str(pretty=True), lang, site, siblings, items)
    if atomic_write(out / "atom.xml", atom):
        changed.append(out / "atom.xml")
    if atomic_write(out / "feed.json", json_feed(site, lang, items, siblings)):
        changed.append(out / "feed.json")
    return changed


def _rfc3339(d) -> str:
    return d.isoformat().replace("+00:00", "Z")


def json_feed(site: FeedSite, lang: str, items: list[Item], siblings: dict) -> str:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    name = LANGUAGE_NAMES.get(lang, lang)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{site.title} ({name})",
        "home_page_url": site.url("feeds/index.html"),
        "feed_url": site.url(f"feeds/{lang}/feed.json"),
        "language": lang,
        "items": [
            {
                "id": item_id(site, i),
                "url": item_link(site, i.slug, lang),
                "title": xml_safe(i.title),
                "content_html": content_html(i),
                "content_text": content_text(i),
                **({"external_url": i.link} if safe_url(i.link) else {}),
                "summary": summary_of(i)[:500],
                "date_published": _rfc3339(i.published),
                "date_modified": _rfc3339(i.updated),
                "authors": [{"name": i.author}] if i.author else [],
                "language": lang,
                "_syndicate": {
                    "translations": {
                        o: item_link(site, i.slug, o) for o in siblings.get(i.slug, []) if o != lang
                    }
                },
            }
            for i in items
        ],
    }
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"


def build_index(site: FeedSite, langs: list[str]) -> list[Path]:
    """feeds/index.opml (OPML 2.0) and feeds/index.html (subscribe page, autodiscovery)."""
    changed = []
    body = etree.Element("opml", version="2.0")
    head = etree.SubElement(body, "head")
    etree.SubElement(head, "title").text = site.title
    outlines = etree.SubElement(body, "body")
    for lang in langs:
        etree.SubElement(
            outlines,
            "outline",
            type="rss",
            text=f"{site.title} ({LANGUAGE_NAMES.get(lang, lang)})",
            title=f"{site.title} ({LANGUAGE_NAMES.get(lang, lang)})",
            xmlUrl=site.url(f"feeds/{lang}/rss.xml"),
            htmlUrl=site.url("feeds/index.html"),
            language=lang,
        )
    opml = etree.tostring(body, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    if atomic_write(site.out / "index.opml", opml):
        changed.append(site.out / "index.opml")
    if atomic_write(site.out / "index.html", index_html(site, langs)):
        changed.append(site.out / "index.html")
    return changed


def index_html(site: FeedSite, langs: list[str]) -> str:
    esc = html.escape
    alternates, rows = [], []
    for lang in langs:
        name = esc(LANGUAGE_NAMES.get(lang, lang))
        title = esc(f"{site.title} ({LANGUAGE_NAMES.get(lang, lang)})")
        for kind, mime, file in (
            ("RSS", "application/rss+xml", "rss.xml"),
            ("Atom", "application/atom+xml", "atom.xml"),
            ("JSON Feed", "application/feed+json", "feed.json"),
        ):
            href = esc(site.url(f"feeds/{lang}/{file}"))
            alternates.append(
                f'<link rel="alternate" type="{mime}" hreflang="{lang}" title="{title} {kind}"'
                f' href="{href}">'
            )
        links = " · ".join(
            f'<a href="{esc(site.url(f"feeds/{lang}/{f}"))}">{k}</a>'
            for k, f in (("RSS", "rss.xml"), ("Atom", "atom.xml"), ("JSON Feed", "feed.json"))
        )
        rows.append(f'<li lang="{lang}"><strong>{name}</strong> ({lang}): {links}</li>')
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(site.title)}: feeds</title>\n" + "\n".join(alternates) + "\n"
        "<style>body{max-width:40em;margin:2em auto;font:1em/1.6 system-ui,sans-serif;"
        "padding:0 1em}li{margin:.4em 0}</style></head>\n"
        f"<body><h1>{esc(site.title)}</h1><p>Subscribe in any feed reader: copy a link, "
        f'or import <a href="{esc(site.url("feeds/index.opml"))}">index.opml</a> for all '
        "languages at once.</p>\n<ul>\n" + "\n".join(rows) + "\n</ul></body></html>\n"
    )


def _links(fg, site: FeedSite, self_path: str, mime: str) -> None:
    fg.link(href=site.url(self_path), rel="self", type=mime, replace=True)
    fg.link(href=site.url("feeds/index.html"), rel="alternate", type="text/html")


def store_languages(store: Store, slug: str) -> list[str]:
    rows = store.db.execute(
        "SELECT lang FROM items WHERE slug=? AND status='published' ORDER BY lang", (slug,)
    )
    return [r[0] for r in rows]


def _post_process_atom(
    data: bytes, lang: str, site: FeedSite, siblings: dict[str, list[str]], items: list[Item]
) -> bytes:
    """Add xml:lang to the feed and every entry, hreflang links to the other versions, and
    a via link to the original."""
    root = etree.fromstring(data)
    root.set(XML_LANG, lang)
    by_id = {item_id(site, i): i for i in items}
    for entry in root.findall(f"{{{ATOM_NS}}}entry"):
        item = by_id.get(entry.findtext(f"{{{ATOM_NS}}}id") or "")
        if item is None:
            continue
        entry.set(XML_LANG, lang)
        link = entry.find(f"{{{ATOM_NS}}}link")
        if link is None:
            continue
        # feedgen drops rel/type on entry links (feedgen#135). Readers disagree on which
        # alternate link is the item's: sfeed takes the first, feedparser and newsboat the
        # last. So this language's page opens the list (no hreflang) and closes it (with
        # hreflang), the other languages in between: each type+hreflang pair stays unique,
        # as RFC 4287 asks.
        link.set("rel", "alternate")
        link.set("type", "text/html")
        at = list(entry).index(link) + 1
        for other in [o for o in siblings.get(item.slug, []) if o != lang] + [lang]:
            el = etree.Element(f"{{{ATOM_NS}}}link")
            el.set("rel", "alternate")
            el.set("type", "text/html")
            el.set("hreflang", other)
            el.set("href", item_link(site, item.slug, other))
            entry.insert(at, el)
            at += 1
        if safe_url(item.link):  # the original, as the partner (or front matter) gave it
            el = etree.Element(f"{{{ATOM_NS}}}link", rel="via", type="text/html", href=item.link)
            entry.insert(at, el)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
