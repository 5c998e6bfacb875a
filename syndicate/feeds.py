"""RSS 2.0 and Atom feeds, one pair per language, rebuilt from the store.

Written with feedgen. feedgen 1.0 drops ``rel``/``hreflang`` on entry links and sets no
``xml:lang`` on entries (feedgen#135), so the Atom output is post-processed with lxml to
add them: each entry links to the other language versions of the same article.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from lxml import etree

from syndicate.fsutil import atomic_write
from syndicate.store import Item, Store

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


@dataclass
class FeedSite:
    """Where feeds are written and how they are addressed."""

    out: Path
    base_url: str
    title: str
    authority: str
    max_items: int = 50

    def url(self, path: str) -> str:
        return urljoin(self.base_url if self.base_url.endswith("/") else self.base_url + "/", path)


def item_id(site: FeedSite, item: Item) -> str:
    """Stable per article and language, never shared between languages (RFC 4151 tag URI)."""
    return f"tag:{site.authority},{item.published:%Y-%m-%d}:{item.slug}/{item.lang}"


def item_link(site: FeedSite, slug: str, lang: str) -> str:
    return site.url(f"translations/{slug}/{lang}.html")


def content_html(item: Item) -> str:
    body = "".join(f"<p>{html.escape(xml_safe(p), quote=False)}</p>" for p in item.paragraphs)
    if item.byline:
        body += f'<p class="byline">{html.escape(xml_safe(item.byline), quote=False)}</p>'
    return body


def build_feeds(store: Store, site: FeedSite, lang: str) -> list[Path]:
    """Write feeds/<lang>/rss.xml and atom.xml; returns the files whose content changed."""
    from feedgen.feed import FeedGenerator

    items = store.items(lang, limit=site.max_items)
    name = LANGUAGE_NAMES.get(lang, lang)
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.id(f"tag:{site.authority},2026:feeds/{lang}")
    fg.title(f"{site.title} ({name})")
    fg.subtitle(f"{site.title}: articles in {name}")
    fg.language(lang)
    fg.generator("syndicate")
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
        fe.content(content_html(item), type="html")
        summary = xml_safe(item.paragraphs[0]) if item.paragraphs else ""
        fe.description(summary[:500], isSummary=True)  # RSS description + Atom summary
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
    return changed


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
    """Add xml:lang to the feed and every entry, and hreflang links to the other versions."""
    root = etree.fromstring(data)
    root.set(XML_LANG, lang)
    by_id = {item_id(site, i): i for i in items}
    for entry in root.findall(f"{{{ATOM_NS}}}entry"):
        item = by_id.get(entry.findtext(f"{{{ATOM_NS}}}id") or "")
        if item is None:
            continue
        entry.set(XML_LANG, lang)
        link = entry.find(f"{{{ATOM_NS}}}link")
        insert_at = list(entry).index(link) + 1 if link is not None else len(entry)
        for other in siblings.get(item.slug, []):
            if other == lang:
                continue
            el = etree.Element(f"{{{ATOM_NS}}}link")
            el.set("rel", "alternate")
            el.set("type", "text/html")
            el.set("hreflang", other)
            el.set("href", item_link(site, item.slug, other))
            entry.insert(insert_at, el)
            insert_at += 1
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
