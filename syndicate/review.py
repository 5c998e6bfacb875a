"""The translations/ folder where an editor reviews every version.

``translations/<slug>/<lang>.md``: front matter (title, byline, languages, engine and
chain, source hash, status, fidelity report, generated time) and the text, one paragraph
per block. ``source.md`` holds the source; ``<lang>.html`` is the page feed items link to.
A file an editor marked ``status: approved`` is never overwritten by machine output.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import yaml

from syndicate.articles import Article
from syndicate.fsutil import atomic_write
from syndicate.pipeline import ArticleResult, Translation


def read_front_matter(path: Path) -> tuple[dict, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}, ""
    if not text.startswith("---\n"):
        return {}, text
    head, _, body = text[4:].partition("\n---\n")
    try:
        meta = yaml.safe_load(head) or {}
    except yaml.YAMLError:
        return {}, body
    return (meta if isinstance(meta, dict) else {}), body


def render_markdown(meta: dict, title: str, paragraphs: list[str], byline: str | None) -> str:
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    blocks = [f"# {title}", *paragraphs]
    if byline:
        blocks.append(byline)
    return f"---\n{head}---\n\n" + "\n\n".join(blocks) + "\n"


def _write_keeping_time(path: Path, meta: dict, *content) -> bool:
    """Write unless only the generated time would change: reruns touch nothing."""
    old, _ = read_front_matter(path)
    if old.get("generated"):
        unchanged = render_markdown(dict(meta, generated=old["generated"]), *content)
        try:
            if path.read_text(encoding="utf-8") == unchanged:
                return False
        except OSError:
            pass
    return atomic_write(path, render_markdown(meta, *content))


def page_html(title: str, paragraphs: list[str], byline: str | None, lang: str) -> str:
    """A plain reading page for one language version: what feed item links open."""
    esc = html.escape
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    by = f'<p class="byline">{esc(byline)}</p>' if byline else ""
    return (
        f'<!doctype html>\n<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>body{{max-width:40em;margin:2em auto;"
        f"font:1.05em/1.6 Georgia,serif;padding:0 1em}}.byline{{font-style:italic}}"
        f"</style></head>\n<body><article><h1>{esc(title)}</h1>\n{body}\n{by}</article>"
        f"</body></html>\n"
    )


def write_result(result: ArticleResult, out: Path, now: dt.datetime | None = None) -> None:
    """Write source.md and each target's .md and .html; fills ``Translation.paths``."""
    a: Article | None = result.article
    if a is None or result.source is None:
        return
    now = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
    folder = out / a.slug
    byline = str(a.byline) if a.byline else None
    src_meta = {
        "title": a.title,
        "byline": byline,
        "lang": result.source_lang,
        "detected_confidence": result.confidence,
        "source_file": a.path.name,
        "source_hash": a.source_hash,
        "date": a.date.isoformat(),
    }
    _write_keeping_time(folder / "source.md", src_meta, a.title, a.paragraphs, byline)
    atomic_write(
        folder / f"{result.source_lang}.html",
        page_html(a.title, a.paragraphs, byline, result.source_lang or ""),
    )
    result.source.paths = {"markdown": str(folder / "source.md")}
    for t in result.targets:
        if t.status == "failed":
            continue
        write_translation(folder, a, result.source_lang or "", t, now)


def write_translation(folder: Path, a: Article, src: str, t: Translation, now: dt.datetime) -> None:
    path = folder / f"{t.lang}.md"
    byline = str(t.byline) if t.byline else None
    meta = {
        "title": t.title,
        "byline": byline,
        "source_lang": src,
        "target_lang": t.lang,
        "engine": t.engine,
        "chain": t.chain,
        "source_hash": a.source_hash,
        "status": t.status,
        "fidelity": t.report.as_dict() if t.report else None,
        "generated": now.isoformat(),
    }
    old, _ = read_front_matter(path)
    if old.get("status") == "approved":
        # An editor's approved text is never replaced; the machine version goes beside it.
        path = folder / f"{t.lang}.machine.md"
    _write_keeping_time(path, meta, t.title, t.paragraphs, byline)
    atomic_write(folder / f"{t.lang}.html", page_html(t.title, t.paragraphs, byline, t.lang))
    t.paths = {"markdown": str(path), "html": str(folder / f"{t.lang}.html")}
