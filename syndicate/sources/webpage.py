"""HTML articles (what a CMS exports, a saved page): the article, not the page.

The page is sanitized first (nh3: no scripts, no event handlers, no ``javascript:``
links), then trafilatura finds the article body (no navigation, footers, share buttons)
and writes it as Markdown with its emphasis, links, headings and lists, which
:mod:`syndicate.sources.articles` reads as it reads a Markdown article. Headline, byline, date
and canonical URL come from the page's own metadata (``<meta name="author">``,
``article:published_time``, JSON-LD, ``<link rel="canonical">``).
"""

from __future__ import annotations

import logging

import nh3

from syndicate.text import markup

# Elements a page's article is made of; everything else goes, its text kept, except
# scripts and styles, which go whole.
_PAGE_TAGS = markup.HTML_TAGS | {
    "article", "main", "section", "header", "footer",
    "nav", "aside", "div", "span", "h1", "b", "i", "figure", "figcaption", "time",
    "table", "thead", "tbody", "tr", "td", "th",
}  # fmt: skip
_PAGE_ATTRIBUTES = {
    **markup.HTML_ATTRIBUTES,
    "*": {"class", "id", "itemprop", "lang"},
    "time": {"datetime"},
}
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


def clean_page(html: str) -> str:
    """The page with nothing active left in it (what extraction and we ever read)."""
    cleaned = nh3.clean(
        html,
        tags=_PAGE_TAGS,
        attributes=_PAGE_ATTRIBUTES,
        url_schemes=markup.URL_SCHEMES,
        clean_content_tags={"script", "style", "template", "noscript"},
        link_rel=None,
        strip_comments=True,
    )
    return f"<html><body>{cleaned}</body></html>"  # nh3 cleans a fragment: the page again


def absolute_links(page: str, base: str | None) -> str:
    """Links relative to the page made absolute against its canonical URL: a feed reader
    has no page to resolve them against. Without a base they stay as they are."""
    if not base or not base.startswith(("http://", "https://")):
        return page
    from lxml import html as lxml_html

    tree = lxml_html.document_fromstring(page)
    tree.make_links_absolute(base, resolve_base_href=False)
    return lxml_html.tostring(tree, encoding="unicode")


def fragment(html: str) -> str:
    """A feed entry's HTML (content:encoded, Atom content) as Markdown. It is the article
    already, with nothing around it to leave out: sanitized to the elements we publish
    (no images: nothing remote reaches the desk), then converted by markdownify."""
    from markdownify import markdownify

    cleaned = nh3.clean(
        html,
        tags=markup.HTML_TAGS - {"img"},
        attributes=markup.HTML_ATTRIBUTES,
        url_schemes=markup.URL_SCHEMES,
        clean_content_tags={"script", "style", "template", "noscript"},
        link_rel=None,
    )
    return markdownify(cleaned, heading_style="ATX", bullets="-", strip=["img"]).strip()


def read(html: str, name: str) -> tuple[dict, str]:
    """(metadata as front matter would give it, body as Markdown) of an HTML article."""
    from syndicate.sources.errors import ArticleError

    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a dependency; the message says what to do
        raise ArticleError(f"{name}: reading HTML needs trafilatura; run `make setup`") from None
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        # Metadata from the page as it came (meta tags, JSON-LD): strings only, never markup.
        meta_doc = trafilatura.extract_metadata(
            html, date_config={"outputformat": _DATE_FORMAT, "original_date": True}
        )
        base = meta_doc.url if meta_doc is not None else None
        body = trafilatura.extract(
            absolute_links(clean_page(html), base),
            output_format="markdown",
            include_formatting=True,
            include_links=True,
            include_images=False,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            deduplicate=False,
        )
    except Exception as e:  # a parser's failure on hostile markup is the file's error
        raise ArticleError(f"{name}: cannot read as HTML ({type(e).__name__})") from None
    if not body or not body.strip():
        raise ArticleError(f"{name}: no article text found in the page")
    meta: dict = {}
    if meta_doc is not None:
        if meta_doc.title:
            meta["title"] = meta_doc.title
        if meta_doc.author:
            meta["author"] = meta_doc.author.split(";")[0].strip()
        if meta_doc.date:
            meta["date"] = meta_doc.date
        if meta_doc.url and meta_doc.url.startswith(("http://", "https://")):
            meta["url"] = meta_doc.url
    return meta, body
