"""The translations/ folder where an editor reviews every version, and the editor's loop.

``translations/<slug>/<lang>.md``: front matter (title, byline, languages, engine and
chain, source hash, status, fidelity report, generated and edited times) and the text,
one paragraph per block. ``source.md`` holds the source; ``<lang>.html`` is the page
feed items link to. The desk pages are built by :mod:`syndicate.desk.pages`.

Statuses: ``published`` and ``held`` belong to the machine; ``edited``, ``approved`` and
``stale`` to the editor. The state remembers the hash of every file the machine wrote;
a file with another content is an editor's and is never overwritten:

- ``edited`` (changed, not approved): the file is left byte for byte, what was published
  before stays published, and the new machine translation goes beside it as
  ``<lang>.machine.md``. Approve it to publish it; delete it to get the machine's back.
- ``approved``: the next run publishes its text. When the source changes under it, it
  becomes ``stale``, the new machine translation goes beside it, and the editor's text
  stays published until they approve again (or ``--republish-stale``).
- a file that cannot be read (bad front matter, bad encoding, no body) is left as it is;
  the run reports the file and line and counts the language as failed.

An editor's text is checked like the machine's, on every run, and that report is the
one the terminal, the front matter, ``review list`` and the pages show.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from syndicate.check.results import ArticleResult, Translation
from syndicate.desk import corrections, retract
from syndicate.sources.articles import Article, Byline, parse_byline
from syndicate.sources.frontmatter import YAML_DUMPER, FrontMatterError
from syndicate.sources.frontmatter import load as load_front_matter
from syndicate.state.fsutil import OutsideError, atomic_write, inside, read_inside
from syndicate.state.store import Store
from syndicate.text import markup

EDITOR_STATUSES = ("approved", "stale")
MACHINE_STATUSES = ("published", "held")


class ReviewError(Exception):
    """A review command that cannot be done; the message says why."""


# An editor's file is read only when it is a regular file inside the translations
# folder: a review file linked to /etc/passwd would be shown on the desk and published.
MAX_REVIEW_BYTES = 8_000_000


def review_bytes(path: Path) -> bytes:
    """A review file's bytes (``translations/<slug>/<file>``), kept inside its folder."""
    return read_inside(path, MAX_REVIEW_BYTES, path.parent.parent)


def folder_inside(out: Path, slug: str) -> bool:
    """``out/slug`` is missing, or a folder inside ``out`` (no link out of it)."""
    folder = out / slug
    if not os.path.lexists(folder):
        return True
    try:
        inside(folder, out)
    except OutsideError:
        return False
    return folder.is_dir()


def read_front_matter(path: Path) -> tuple[dict, str]:
    try:
        return parse_front_matter(review_bytes(path).decode("utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}, ""


def parse_front_matter(text: str) -> tuple[dict, str]:
    if not text.startswith("---\n"):
        return {}, text
    head, _, body = text[4:].partition("\n---\n")
    try:
        meta = load_front_matter(head, "")
    except (yaml.YAMLError, FrontMatterError):
        return {}, body
    return (meta if isinstance(meta, dict) else {}), body


def unreadable(path: Path, data: bytes | None = None) -> str | None:
    """Why an editor's file (``data``, when already read) cannot be read, as
    "file:line: what", or None."""
    return _examine(path, data)[0]


def _examine(path: Path, data: bytes | None = None) -> tuple[str | None, dict]:
    """(why the file cannot be read or None, its front matter): one read, one parse."""
    try:
        data = review_bytes(path) if data is None else data
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        return f"{path}:{line}: not UTF-8 text", {}
    except OSError as e:
        return f"{path}: {e.strerror or e}", {}
    if not text.startswith("---\n") or "\n---\n" not in text[3:]:
        return f"{path}:1: no front matter (--- lines) at the top", parse_front_matter(text)[0]
    head, _, body = text[4:].partition("\n---\n")
    try:
        meta = load_front_matter(head, str(path))
    except FrontMatterError as e:
        return str(e), {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        what = getattr(e, "problem", None) or "not valid YAML"
        return f"{path}:{line}: front matter: {what} (quote values that contain a colon)", {}
    if not isinstance(meta, dict):
        return f"{path}:2: front matter is not a list of key: value lines", {}
    if not any(b.strip() for b in body.split("\n\n")):
        return f"{path}:{head.count(chr(10)) + 3}: no text after the front matter", meta
    return None, meta


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Version:
    """One language version as it stands in the folder (what an editor sees)."""

    path: Path
    meta: dict
    title: str
    paragraphs: list[str]
    byline: str | None

    @property
    def status(self) -> str:
        return str(self.meta.get("status") or "published")


def read_version(path: Path) -> Version | None:
    """Parse a translation file: '# title', paragraphs, and the byline as last block."""
    if not path.exists():
        return None
    meta, body = read_front_matter(path)
    blocks = markup.blocks(body)
    title = str(meta.get("title") or "")
    if blocks and blocks[0].startswith("# "):
        title = blocks.pop(0)[2:].strip()
    byline = meta.get("byline")
    if blocks and byline and blocks[-1] == byline:
        blocks.pop()
    elif blocks and (b := parse_byline(blocks[-1])):
        byline = str(b)
        blocks.pop()
    return Version(path, meta, title, blocks, str(byline) if byline else None)


def with_front_matter(meta: dict, body: str) -> str:
    head = yaml.dump(meta, Dumper=YAML_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{head}---\n{body}"


def render_markdown(meta: dict, title: str, paragraphs: list[str], byline: str | None) -> str:
    blocks = [f"# {title}", *paragraphs]
    if byline:
        blocks.append(byline)
    return with_front_matter(meta, "\n" + markup.document(blocks) + "\n")


def _write_keeping_time(path: Path, meta: dict, *content, remember=None) -> bool:
    """Write unless only the generated time would change: reruns touch nothing.
    ``remember(text)`` is told what the machine writes, before it is written."""
    try:
        current = review_bytes(path).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        current = None
    if current is not None:
        old, _ = parse_front_matter(current)
        if old.get("generated"):
            kept = render_markdown(dict(meta, generated=old["generated"]), *content)
            if current == kept:
                if remember:
                    remember(current)  # ours as it stands (written by an older version)
                return False
    text = render_markdown(meta, *content)
    if remember:
        remember(text)
    return atomic_write(path, text)


def _byline(text: str | None) -> Byline | None:
    if not text:
        return None
    return parse_byline(text) or Byline("", (text,))


def apply_editor_decisions(
    result: ArticleResult, out: Path, republish_stale: bool, store: Store | None = None
) -> None:
    """Let the editor's files win over this run's machine output.

    A file the machine did not write is an editor's (``store`` remembers what it wrote):
    unreadable -> the language fails, the file stays; edited -> left alone, the machine
    output goes beside it; approved and current -> its text is published; approved but
    the source changed -> ``stale``. Every editor's text gets its own report.
    """
    a = result.article
    if a is None:
        return
    for i, t in enumerate(result.targets):
        if t.status == "failed":
            continue
        path = out / a.slug / f"{t.lang}.md"
        try:
            data = review_bytes(path)
        except FileNotFoundError:
            continue
        except OSError as e:  # a link out of the folder, a pipe: never read, never shown
            t.status, t.error = "failed", f"{path}: {e}; replace it with a regular file"
            continue
        machine = store.machine_wrote(f"{a.slug}/{path.name}", sha256(data)) if store else None
        if machine:
            continue  # the machine's own file: this run's output replaces it
        if why := unreadable(path, data):
            if machine is None and not data.strip():
                continue  # empty, never written by us: nothing of an editor's to keep
            t.status, t.error = "failed", f"{why}; fix it, or delete it for the machine's"
            continue
        v = read_version(path)
        assert v is not None
        if machine is None and v.status in MACHINE_STATUSES:
            continue  # a folder from before hashes were kept: the machine's, as before
        if v.status not in EDITOR_STATUSES:
            status = "edited"
        elif v.meta.get("source_hash") == a.source_hash:
            status = "approved"
        elif republish_stale:
            t.replaced = v  # the editor's text moves aside; machine output publishes
            continue
        else:
            status = "stale"
        byline = _byline(v.byline)
        paragraphs = v.paragraphs
        # A correction reaches the editor's published text too: the machine's
        # translation of the note goes at its end until the editor looks again.
        if (
            status == "stale"
            and corrections.has_note(a)
            and t.paragraphs
            and (not paragraphs or paragraphs[-1] != t.paragraphs[-1])
        ):
            paragraphs = [*paragraphs, t.paragraphs[-1]]
        checker = t.checker
        report = checker([v.title, *paragraphs], byline) if checker else t.report
        result.targets[i] = Translation(
            lang=t.lang,
            title=v.title,
            paragraphs=paragraphs,
            byline=byline,
            route=t.route,
            engine=t.engine,
            chain=t.chain,
            report=report,
            status=status,
            machine=None if status == "approved" else t,
        )


def page_html(title: str, paragraphs: list[str], byline: str | None, lang: str) -> str:
    """A plain reading page for one language version: what feed item links open."""
    esc = html.escape
    body = markup.to_html(paragraphs, images=False)
    by = f'<p class="byline">{esc(byline)}</p>' if byline else ""
    return (
        f'<!doctype html>\n<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>body{{max-width:40em;margin:2em auto;"
        f"font:1.05em/1.6 Georgia,serif;padding:0 1em}}.byline{{font-style:italic}}"
        f"</style></head>\n<body><article><h1>{esc(title)}</h1>\n{body}\n{by}</article>"
        f"</body></html>\n"
    )


def write_result(
    result: ArticleResult, out: Path, now: dt.datetime | None = None, store: Store | None = None
) -> None:
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
    atomic_write(folder / "source.md", render_markdown(src_meta, a.title, a.paragraphs, byline))
    atomic_write(
        folder / f"{result.source_lang}.html",
        page_html(a.title, a.paragraphs, byline, result.source_lang or ""),
    )
    result.source.paths = {"markdown": str(folder / "source.md")}
    for t in result.targets:
        if t.status != "failed":
            write_translation(folder, a, result.source_lang or "", t, now, store)


def _meta(a: Article, src: str, t: Translation, now: dt.datetime, status: str) -> dict:
    return {
        "title": t.title,
        "byline": str(t.byline) if t.byline else None,
        "source_lang": src,
        "target_lang": t.lang,
        "engine": t.engine,
        "chain": t.chain,
        "source_hash": a.source_hash,
        "status": status,
        "fidelity": t.report.as_dict() if t.report else None,
        "generated": now.isoformat(),
    }


def write_translation(
    folder: Path, a: Article, src: str, t: Translation, now: dt.datetime, store: Store | None
) -> None:
    path = folder / f"{t.lang}.md"
    machine_path = folder / f"{t.lang}.machine.md"
    report = t.report.as_dict() if t.report else None
    if t.status == "approved":
        machine_path.unlink(missing_ok=True)  # nothing pending beside it any more
        meta, body = read_front_matter(path)
        if meta.get("fidelity") != report:  # the report of the editor's own text
            atomic_write(path, with_front_matter(dict(meta, fidelity=report), body))
    elif t.status in ("stale", "edited") and t.machine is not None:
        m = t.machine
        meta = _meta(a, src, m, now, m.status)
        meta["editor_file"] = {"status": t.status, "fidelity": report}
        _write_keeping_time(
            machine_path, meta, m.title, m.paragraphs, str(m.byline) if m.byline else None
        )
        if t.status == "stale":
            meta, body = read_front_matter(path)
            if meta.get("status") != "stale":
                atomic_write(path, with_front_matter(dict(meta, status="stale"), body))
    else:
        if t.replaced is not None:  # --republish-stale: keep the editor's text for reference
            atomic_write(folder / f"{t.lang}.edited.md", review_bytes(path))
        machine_path.unlink(missing_ok=True)

        def remember(text: str) -> None:
            if store is not None:
                store.wrote(f"{folder.name}/{path.name}", sha256(text.encode("utf-8")))

        byline = str(t.byline) if t.byline else None
        _write_keeping_time(
            path,
            _meta(a, src, t, now, t.status),
            t.title,
            t.paragraphs,
            byline,
            remember=remember,
        )
    byline = str(t.byline) if t.byline else None
    if t.status != "edited":  # the reading page is the published text's
        atomic_write(folder / f"{t.lang}.html", page_html(t.title, t.paragraphs, byline, t.lang))
    t.paths = {"markdown": str(path), "html": str(folder / f"{t.lang}.html")}
    if machine_path.exists():
        t.paths["machine"] = str(machine_path)


def approve(out: Path, slug: str, lang: str, now: dt.datetime | None = None) -> Path:
    """Mark ``<slug>/<lang>.md`` approved against the current source."""
    now = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
    path = out / slug / f"{lang}.md"
    if not path.exists():
        raise ReviewError(f"no translation {path}; see `syndicate review list`")
    source, _ = read_front_matter(out / slug / "source.md")
    meta, body = read_front_matter(path)
    if not meta:
        raise ReviewError(f"{path}: front matter missing or not valid YAML; fix it first")
    meta.update(status="approved", edited=now.isoformat())
    if source.get("source_hash"):
        meta["source_hash"] = source["source_hash"]
    atomic_write(path, with_front_matter(meta, body))
    return path


def _read(path: Path) -> tuple[dict, str | None]:
    """(front matter, why the file cannot be read or None)."""
    why, meta = _examine(path)
    return meta, why


def standing(md: Path, meta: dict) -> tuple[str, dict]:
    """A review file's status and report as every view shows them. An edited file is
    left byte for byte, so its status and the report of its text live in the machine
    version beside it; a file that cannot be read says why."""
    status = str(meta.get("status") or "published")
    fid = meta.get("fidelity") or {}
    if retract.on_desk(md.parent.parent, md.parent.name, md.stem):
        return "retracted", fid
    if (why := _read(md)[1]) is not None:
        return "unreadable", {"problems": [why]}
    machine = md.with_name(f"{md.stem}.machine.md")
    if machine.exists():
        mine = _read(machine)[0].get("editor_file") or {}
        if status in MACHINE_STATUSES:
            status = "edited"
        fid = mine.get("fidelity") or fid
    return status, fid


STATUS_ORDER = {
    "unreadable": 0,
    "held": 1,
    "edited": 2,
    "stale": 3,
    "published": 4,
    "approved": 5,
    "retracted": 6,
}


def desk_rows(
    out: Path,
    memo: dict | None = None,
    render: Callable[[dict], str] | None = None,
    standing: set[str] = frozenset(),
) -> list[dict]:
    """Every article and language in the folder, held first, for `review list`.

    ``memo`` (the desk index keeps it in the state): each folder's rows from the last
    build, with the size and modification time of the folder's .md files and of the
    retraction record they were read from; a folder whose files all stand as they did
    is not read again (the desk index read every review file's front matter on every
    run: 12 s at 5,000 articles), and ``memo`` is left holding this build's rows.
    ``render``: each row's HTML, kept with it (``row["html"]``) in the memo too.
    ``standing``: folders the caller knows stand as the memo saw them (a run checked
    them against its last record): their memo rows are taken without a look."""
    rows: list[dict] = []
    if not out.is_dir():
        return rows
    record = _stamp(out / retract.DESK_FILE)
    seen = memo.get("folders", {}) if memo and memo.get("out") == str(out) else {}
    kept: dict[str, list] = {}
    with os.scandir(out) as entries:
        names = sorted(e.name for e in entries if e.is_dir())
    for name in names:
        if name in standing and (hit := seen.get(name)) and hit[0][2] == (render is not None):
            kept[name] = hit
            rows += [dict(r) for r in hit[1]]
            continue
        try:
            with os.scandir(os.path.join(out, name)) as entries:
                files = sorted(
                    [e.name, (st := e.stat()).st_mtime_ns, st.st_size]
                    for e in entries
                    if e.name.endswith(".md")
                )
        except OSError:
            continue
        if not any(f[0] == "source.md" for f in files):
            continue
        key = [record, files, render is not None]
        hit = seen.get(name)
        if hit and hit[0] == key:
            folder_rows = hit[1]
        else:
            folder_rows = _folder_rows(out, out / name)
            for r in folder_rows if render else ():
                r["html"] = render(r)
        kept[name] = [key, folder_rows]
        rows += [dict(r) for r in folder_rows]
    if memo is not None:
        memo.clear()
        memo.update({"out": str(out), "folders": kept})
    rows.sort(key=lambda r: (STATUS_ORDER.get(r["status"], 9), r["slug"], r["lang"]))
    return rows


def _stamp(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_mtime_ns, st.st_size]


def _folder_rows(out: Path, folder: Path) -> list[dict]:
    """One article folder's rows (one per language file), as JSON has them: the memo
    gives them back as it stored them, so a fresh row must read the same."""
    source, _ = _read(folder / "source.md")
    rows = []
    for md in sorted(folder.glob("*.md")):
        if md.name == "source.md" or md.name.count(".") > 1:
            continue
        meta, _ = _read(md)
        status, fid = standing(md, meta)
        machine = folder / f"{md.stem}.machine.md"
        rows.append(
            {
                "slug": folder.name,
                "lang": md.stem,
                "status": status,
                "title": meta.get("title"),
                "source_title": source.get("title"),
                "source_lang": meta.get("source_lang") or source.get("lang"),
                "edited": meta.get("edited"),
                "checks": {k: fid.get(k) for k in ("quotes", "names", "numbers", "paragraphs")},
                "problems": fid.get("problems") or [],
                "retraction": retract.on_desk(out, folder.name, md.stem),
                "path": str(md),
                "machine": str(machine) if machine.exists() else None,
            }
        )
    return json.loads(json.dumps(rows, default=str))  # dates as text
