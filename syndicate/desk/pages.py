"""The review desk: static HTML pages over the translations/ folder.

``translations/index.html`` lists every article and language with its status and
checks, held first. ``translations/<slug>/index.html`` shows each source paragraph
beside each translation's paragraph, quotations highlighted with their pairing (quote 3
in the source is quote 3 in the target), protected names marked and failed checks
flagged in place. Plain HTML and CSS: no scripts, no fonts from elsewhere; works from
``file://`` and through ``syndicate serve``.
"""

from __future__ import annotations

import difflib
import html
import json
import os
import re
from pathlib import Path

from syndicate.check import leftovers
from syndicate.desk import retract
from syndicate.desk.review import STATUS_ORDER, Version, desk_rows, read_version, standing
from syndicate.keep import bylines, names
from syndicate.keep.protect import Glossary
from syndicate.publish.feeds import LANGUAGE_NAMES
from syndicate.state.fsutil import atomic_write
from syndicate.text import markup, segments
from syndicate.text.patterns import occurs

esc = html.escape

CSS = """
:root{--ink:#1d232a;--muted:#5b6570;--line:#d9dee3;--bg:#fbfbfa;--held:#b3261e;
--stale:#9a5b00;--ok:#1f6f3f;--appr:#1d4f91}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.55 -apple-system,
"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
header{padding:14px 24px;border-bottom:1px solid var(--line);background:#fff}
header h1{font-size:20px;margin:0}header p{margin:4px 0 0;color:var(--muted)}
main{padding:16px 24px;max-width:1400px}
a{color:#0b57d0}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid var(--line);padding:7px 9px;vertical-align:top;text-align:left}
th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;
font-weight:600;color:#fff}
.badge.held{background:var(--held)}.badge.stale{background:var(--stale)}
.badge.published{background:var(--ok)}.badge.approved{background:var(--appr)}
.badge.edited{background:var(--stale)}.badge.unreadable,.badge.retracted{background:var(--held)}
.badge.failed{background:var(--held)}
tr.held td{background:#fdf1f0}
.num{font-variant-numeric:tabular-nums;white-space:nowrap}
.bad{color:var(--held);font-weight:600}
section.lang{margin:22px 0 30px}
section.lang h2{font-size:17px;margin:0 0 6px}
.pairs td{width:50%;font-family:Georgia,"DejaVu Serif",serif;font-size:15.5px}
.pairs td.n{width:2.5em;font:12px sans-serif;color:var(--muted);text-align:right}
.pairs tr.flag td{background:#fdf1f0}
.flags{display:block;margin-top:4px;font:600 12px sans-serif;color:var(--held)}
.q{border-radius:3px;padding:0 1px}
.q sup{font:700 10px sans-serif;margin-right:1px;padding:0 3px;border-radius:6px;color:#fff}
.q0{background:#e7f0ff}.q0 sup{background:#3467c8}
.q1{background:#fff1d6}.q1 sup{background:#b7791f}
.q2{background:#e6f6ea}.q2 sup{background:#2f855a}
.q3{background:#fbe9f3}.q3 sup{background:#b83280}
.q4{background:#ece9fb}.q4 sup{background:#6b46c1}
.q5{background:#e3f5f7}.q5 sup{background:#2c7a7b}
small{color:var(--muted)}
mark.name{background:none;border-bottom:2px dotted #7a8793;color:inherit}
del{background:#fbe0de;text-decoration:line-through}ins{background:#dcf3e2;text-decoration:none}
.legend{color:var(--muted);font-size:13px}
"""


def _page(title: str, body: str, lang: str = "en") -> str:
    return (
        f'<!doctype html>\n<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head>\n<body>\n{body}\n</body>"
        "</html>\n"
    )


def _mark_names(text: str, names: list[str]) -> str:
    if not names:
        return esc(text)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(esc(text[last : m.start()]))
        out.append(f'<mark class="name">{esc(m.group(0))}</mark>')
        last = m.end()
    out.append(esc(text[last:]))
    return "".join(out)


def highlight(pieces: list[segments.Piece], names: list[str]) -> str:
    """A paragraph as HTML: each quotation in a numbered span, names marked."""
    out: list[str] = []
    depth = 0
    for p in pieces:
        if p.kind == "text":
            out.append(_mark_names(p.text, names))
        elif p.kind in ("open", "reopen"):
            n = (p.quote or 0) + 1
            out.append(f'<span class="q q{(n - 1) % 6}" data-q="{n}"><sup>{n}</sup>')
            out.append(esc(p.text))
            depth += 1
        elif p.kind == "close" and depth:
            out.append(esc(p.text) + "</span>")
            depth -= 1
    out.append("</span>" * depth)
    return "".join(out)


def _paragraph_flags(
    src: list[segments.Piece],
    tgt: list[segments.Piece] | None,
    src_text: str,
    tgt_text: str,
    names: list[str],
    lost_numbers: list[str] = (),
    leftover: list[str] = (),
    as_words: list[str] = (),
) -> list[str]:
    """A paragraph's flags, from the translation's one report (what the terminal, the
    front matter and `review list` show): its missing names, changed numbers and words
    left in another language that occur in this paragraph, the names the engine
    translated as words (a team, a magazine?), and a quotation count that differs."""
    if tgt is None:
        return ["paragraph missing"]
    flags = []
    qs = sum(p.kind == "open" for p in src)
    qt = sum(p.kind == "open" for p in tgt)
    if qs != qt:
        flags.append(f"quotes {qt}/{qs}")
    missing = [n for n in names if n in src_text]
    if missing:
        flags.append("names missing: " + ", ".join(missing[:4]))
    lost = [n for n in lost_numbers if n in src_text]
    if lost:
        flags.append("numbers changed: " + ", ".join(lost[:4]))
    here = set(leftovers.words(tgt_text))
    left = [w for w in dict.fromkeys(leftover) if w in here]
    if left:
        flags.append("not translated: " + ", ".join(left[:6]))
    worded = [n for n in as_words if occurs(n, src_text) and not occurs(n, tgt_text)]
    if worded:
        flags.append("translated as words, check: " + ", ".join(worded[:4]))
    return flags


def _diff(old: str, new: str) -> str:
    a, b = old.split(), new.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b).get_opcodes():
        if op == "equal":
            out.append(esc(" ".join(a[i1:i2])))
        if op in ("delete", "replace"):
            out.append(f"<del>{esc(' '.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{esc(' '.join(b[j1:j2]))}</ins>")
    return " ".join(out)


def article_page(folder: Path, glossary: Glossary) -> str | None:
    source = read_version(folder / "source.md")
    if source is None:
        return None
    src_paras = [source.title, *map(markup.plain, source.paragraphs)]  # words, quotes numbered
    src_doc = segments.parse(src_paras)
    b = bylines.parse(source.byline) if source.byline else None
    terms = [*glossary.keep, *{t for f in glossary.forced.values() for t in f}]
    base_names = names.find(
        src_paras, b.names if b else (), terms, str(source.meta.get("lang") or "en")
    ).all
    versions = []
    for md in sorted(folder.glob("*.md")):
        if md.name == "source.md" or md.name.count(".") > 1:
            continue
        if (v := read_version(md)) is not None:
            versions.append(v)
    stand = {v.path: standing(v.path, v.meta) for v in versions}
    versions.sort(key=lambda v: (STATUS_ORDER.get(stand[v.path][0], 9), v.path.stem))
    src_lang = str(source.meta.get("lang") or "")
    sections = [
        _lang_section(folder, v, stand[v.path], src_doc, src_paras, base_names, glossary)
        for v in versions
    ]
    body = (
        f'<header><h1>{esc(source.title)}</h1><p><a href="../index.html">Review desk</a> · '
        f"source {esc(src_lang)} · {esc(source.byline or 'no byline')} · "
        f'<a href="source.md">source.md</a></p></header>\n<main>'
        '<p class="legend">Quotations carry the same number in source and translation; '
        "names kept from the source are underlined; rows in red failed a check.</p>"
        + "\n".join(sections)
        + "</main>"
    )
    return _page(f"Review: {source.title}", body)


def _lang_section(
    folder: Path, v: Version, stand: tuple[str, dict], src_doc, src_paras, base_names, glossary
) -> str:
    lang = v.path.stem
    forced = glossary.forced.get(lang, {})
    names_tgt = sorted({forced.get(n, n) for n in base_names}, key=len, reverse=True)
    names_src = [n for n in base_names if forced.get(n, n) in names_tgt]
    tgt_paras = [v.title, *map(markup.plain, v.paragraphs)]
    tgt_doc = segments.parse(tgt_paras)
    status, fid = stand
    checks = " · ".join(
        f'{k} <span class="num">{esc(str(fid.get(k)))}</span>'
        for k in ("quotes", "names", "numbers", "paragraphs")
        if fid.get(k)
    )
    rows = []
    for i, (src_pieces, src_text) in enumerate(zip(src_doc, src_paras, strict=True)):
        tgt_pieces = tgt_doc[i] if i < len(tgt_doc) else None
        tgt_text = tgt_paras[i] if i < len(tgt_paras) else ""
        flags = _paragraph_flags(
            src_pieces,
            tgt_pieces,
            src_text,
            tgt_text,
            list(fid.get("missing_names") or []),
            list(fid.get("missing_numbers") or []),
            list(fid.get("leftover_words") or []),
            list(fid.get("translated_names") or []),
        )
        flag_html = '<span class="flags">' + esc("; ".join(flags)) + "</span>" if flags else ""
        label = "title" if i == 0 else str(i)
        rows.append(
            f'<tr class="{"flag" if flags else ""}" data-row="{i}"><td class="n">{label}</td>'
            f'<td class="src">{highlight(src_pieces, names_src)}</td>'
            f'<td class="tgt" lang="{esc(lang)}">'
            f"{highlight(tgt_pieces, names_tgt) if tgt_pieces else ''}{flag_html}</td></tr>"
        )
    for j in range(len(src_doc), len(tgt_doc)):
        rows.append(
            f'<tr class="flag" data-row="{j}"><td class="n">{j}</td><td class="src"></td>'
            f'<td class="tgt">{highlight(tgt_doc[j], names_tgt)}'
            '<span class="flags">extra paragraph</span></td></tr>'
        )
    problems = fid.get("problems") or []
    if r := retract.on_desk(folder.parent, folder.name, lang):
        problems = [retract.describe(r), *problems]
    problem_html = '<p class="bad">' + esc("; ".join(problems)) + "</p>" if problems else ""
    stale = ""
    machine = folder / f"{lang}.machine.md"
    if status in ("stale", "edited") and (m := read_version(machine)):
        diffs = "".join(
            f"<tr><td class='n'>{i}</td><td>{_diff(a, b)}</td></tr>"
            for i, (a, b) in enumerate(
                zip([v.title, *v.paragraphs], [m.title, *m.paragraphs], strict=False)
            )
            if a != b
        )
        what = (
            "Source changed: edited version (published)"
            if status == "stale"
            else "Edited, not approved (the last publication stands): edited version"
        )
        stale = (
            f"<h3>{what} → new machine translation "
            f'(<a href="{esc(machine.name)}">{esc(machine.name)}</a>)</h3>'
            f'<table class="diff">{diffs}</table>'
        )
    return (
        f'<section class="lang" id="{esc(lang)}" data-status="{esc(status)}">'
        f"<h2>{esc(LANGUAGE_NAMES.get(lang, lang))} ({esc(lang)}) "
        f'<span class="badge {esc(status)}">{esc(status)}</span></h2>'
        f"<p>{esc(str(v.meta.get('engine') or ''))} {esc(str(v.meta.get('chain') or ''))}"
        f" · {checks} · "
        f'<a href="{esc(lang)}.md">{esc(lang)}.md</a> · <a href="{esc(lang)}.html">page</a></p>'
        f"{problem_html}{stale}"
        f'<table class="pairs"><tr><th></th><th>source</th><th>{esc(lang)}</th></tr>'
        + "".join(rows)
        + "</table></section>"
    )


def _failed_rows(failed: list[dict]) -> list[str]:
    """Articles (or one language of one) that failed this run: nothing was written for
    them, so the desk says so, with the reason, above everything else."""
    return [
        f'<tr class="held failed"><td>{esc(f["file"])}</td><td>{esc(f.get("lang") or "all")}'
        f'</td><td><span class="badge failed">failed</span></td>'
        f'<td colspan="5">{esc(f["error"])}</td></tr>'
        for f in failed
    ]


def desk_page(
    out: Path,
    failed: list[dict] | None = None,
    memo: dict | None = None,
    standing: set[str] = frozenset(),
) -> str:
    rows = _failed_rows(failed or [])
    rows += [r.pop("html") for r in desk_rows(out, memo, _desk_row, standing)]
    body = (
        "<header><h1>Review desk</h1><p>Every translation, held ones first. Edit a "
        "<code>.md</code> file and set <code>status: approved</code> (or run "
        "<code>syndicate review approve SLUG LANG</code>); the next run publishes it."
        "</p></header>\n<main><table><tr><th>article</th><th>languages</th><th>status</th>"
        "<th>quotes</th><th>names</th><th>numbers</th><th>paragraphs</th><th>files</th></tr>"
        + "\n".join(rows)
        + "</table></main>"
    )
    return _page("Review desk", body)


def _desk_row(r: dict) -> str:
    """One language version's row of the desk index."""
    checks = "".join(
        f'<td class="num{" bad" if _short(v) else ""}">{esc(str(v or ""))}</td>'
        for v in r["checks"].values()
    )
    machine = (
        f' · <a href="{esc(r["slug"])}/{esc(r["lang"])}.machine.md">machine</a>'
        if r["machine"]
        else ""
    )
    return (
        f'<tr class="{esc(r["status"])}" data-slug="{esc(r["slug"])}" '
        f'data-lang="{esc(r["lang"])}"><td><a href="{esc(r["slug"])}/index.html#'
        f'{esc(r["lang"])}">{esc(str(r["source_title"] or r["slug"]))}</a>'
        f'<br><small lang="{esc(r["lang"])}">{esc(str(r["title"] or ""))}</small></td>'
        f"<td>{esc(str(r['source_lang']))} → {esc(r['lang'])}</td>"
        f'<td><span class="badge {esc(r["status"])}">{esc(r["status"])}</span></td>'
        f"{checks}<td>"
        f'<a href="{esc(r["slug"])}/{esc(r["lang"])}.md">{esc(r["lang"])}.md</a>{machine}'
        "</td></tr>"
    )


def _short(fraction: object) -> bool:
    m = re.fullmatch(r"(\d+)/(\d+)", str(fraction or ""))
    return bool(m and m.group(1) != m.group(2))


def build(
    out: Path,
    glossary: Glossary | None = None,
    slugs: set[str] | None = None,
    failed: list[dict] | None = None,
    memo: Path | None = None,
    standing: set[str] = frozenset(),
) -> list[Path]:
    """(Re)write the desk and the article pages of ``slugs`` (every article when None;
    a page that is missing is written whatever ``slugs`` says); returns the files that
    changed. A run rebuilds only the pages of the articles it processed: rendering a
    page costs about 10 ms, which an archive of thousands paid on every new story.
    ``memo``: a file (in the state folder) where the index keeps each folder's rows, so
    it reads only the folders whose files changed (:func:`~syndicate.desk.review.desk_rows`);
    ``standing``: folders a run found as its last record has them (not even looked at)."""
    glossary = glossary or Glossary()
    changed = []
    if not out.is_dir():
        return changed
    seen = _load_memo(memo)
    kept = dict(seen)
    with os.scandir(out) as entries:
        names = sorted(e.name for e in entries if e.is_dir())
    for name in names:
        where = os.path.join(out, name)
        if slugs is not None and name not in slugs and os.path.exists(f"{where}/index.html"):
            continue
        if not os.path.exists(f"{where}/source.md"):
            continue
        folder = out / name
        page = article_page(folder, glossary)
        if page and atomic_write(folder / "index.html", page):
            changed.append(folder / "index.html")
    page = desk_page(out, failed, kept if memo else None, standing if memo else frozenset())
    if atomic_write(out / "index.html", page):
        changed.append(out / "index.html")
    if memo and kept != seen:
        atomic_write(memo, json.dumps(kept, ensure_ascii=False))
    return changed


def _load_memo(path: Path | None) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path else {}
    except (OSError, ValueError):
        return {}  # missing or damaged: everything is read again
    return data if isinstance(data, dict) else {}
