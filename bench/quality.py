"""Translation quality on parallel text: the whole pipeline against the raw engine.

Not a test: run `make bench-quality` (or `python bench/quality.py --help`).

Given a folder of FLORES-style files (``en.txt``, ``es.txt`` ... line N of each is the
same sentence; default ``../shared/flores-dev/``), the source sentences are packed into
articles (headline plus one sentence a paragraph), run through `syndicate run` in
process, and each target is scored with sacrebleu (chrF and BLEU) against the
reference, next to the raw engine on the same route (`apertium -u`, hop by hop, over
the same sentences). Published systems in ``<folder>/systems/`` (``<name>.<lang>.txt``)
are scored the same way as reference points.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sacrebleu  # noqa: E402

from syndicate.desk import review  # noqa: E402
from syndicate.engines import apertium, route  # noqa: E402
from syndicate.engines.apertium import ApertiumEngine, installed_modes  # noqa: E402
from syndicate.runner import Job  # noqa: E402
from syndicate.text import markup  # noqa: E402

DEFAULT_FOLDER = ROOT.parent / "shared" / "flores-dev"
TOOLS = ROOT.parent / "shared" / "tools"  # names_vs_reference.py, leftover_words.py
TARGETS = "es,ca,gl,fr,pt,it"


def pack(sentences: list[str], inbox: Path, per_article: int) -> list[tuple[str, int, int]]:
    """Write articles of ``per_article`` sentences: the first is the headline, one
    sentence a paragraph. Returns (slug, first line, line count) per article."""
    articles = []
    for n, start in enumerate(range(0, len(sentences), per_article)):
        chunk = sentences[start : start + per_article]
        if len(chunk) < 2:  # a headline alone is not an article: join it to the last one
            slug, first, count = articles.pop()
            chunk = sentences[first : first + count + len(chunk)]
            start = first
        slug = f"flores-{n:03d}"
        (inbox / f"{slug}.txt").write_text("\n".join(chunk) + "\n", encoding="utf-8")
        articles.append((slug, start, len(chunk)))
    return articles


SPAN_STYLES = ("**{}**", "*{}*", "[{}](https://example.org/s{n})")


def with_span(sentence: str, n: int) -> tuple[str, str]:
    """The sentence as a Markdown block with one span (strong, emphasis or a link, by
    ``n``) over one to three of its words; and the span's opening markup."""
    words = sentence.split()
    if len(words) < 4:
        return markup.escape(sentence), ""
    length = 1 + n % 3
    start = 1 + (n * 7) % (len(words) - length)
    inner = " ".join(words[start : start + length])
    trail = re.search(r"[^\w]*$", inner).group(0)
    inner = inner[: len(inner) - len(trail)] if trail != inner else inner
    style = SPAN_STYLES[n % 3]
    span = style.format(markup.escape_inline(inner), n=n)
    head = markup.escape(" ".join(words[:start]))
    rest = markup.escape_inline(trail + " " + " ".join(words[start + length :])).rstrip()
    return f"{head} {span}{rest}", style[:2]


def pack_markdown(sentences: list[str], inbox: Path, per_article: int) -> list[tuple]:
    """As :func:`pack`, as Markdown articles whose every paragraph has a span."""
    articles = pack(sentences, inbox, per_article)
    for slug, first, count in articles:
        (inbox / f"{slug}.txt").unlink()
        paras = [
            with_span(s, first + i)[0] for i, s in enumerate(sentences[first + 1 : first + count])
        ]
        head = json.dumps(sentences[first], ensure_ascii=False)
        body = "\n\n".join(paras)
        (inbox / f"{slug}.md").write_text(f"---\ntitle: {head}\n---\n\n{body}\n", encoding="utf-8")
    return articles


def spans_of(block: str) -> Counter:
    t = markup.tag(block)
    kinds = Counter(t.marks[o][:1] if t.marks[o] != "**" else "**" for o, _ in t.pairs)
    kinds.update("url " + t.marks[c] for o, c in t.pairs if t.marks[o] == "[")
    return kinds


def markup_rows(
    folder, source, targets, per_article, plain_hyps, why=False, dump: Path | None = None
) -> list[tuple]:
    """The same sentences as Markdown with a span in every paragraph, through the same
    pipeline: chrF of the words against the plain-text run, and the spans kept. With
    ``dump``, each target's Markdown output is written there too (markdown.<lang>.txt)."""
    rows = []
    with tempfile.TemporaryDirectory() as d:
        out = Path(d)
        inbox = out / "inbox"
        inbox.mkdir()
        articles = pack_markdown(source, inbox, per_article)
        run_pipeline(inbox, out, targets, "en")
        for tgt in targets:
            ref = (folder / f"{tgt}.txt").read_text(encoding="utf-8").splitlines()[: len(source)]
            hyp, held = pipeline_output(out, articles, tgt, len(source))
            if dump:
                dump.mkdir(parents=True, exist_ok=True)
                (dump / f"markdown.{tgt}.txt").write_text("\n".join(hyp) + "\n")
            want = got = 0
            for slug, _, _ in articles:
                src_v = review.read_version(out / "translations" / slug / "source.md")
                tgt_v = review.read_version(out / "translations" / slug / f"{tgt}.md")
                if src_v is None or tgt_v is None:
                    continue
                if why and tgt_v.status == "held":
                    print(f"held (markdown) {slug} {tgt}: {tgt_v.meta['fidelity']['problems']}")
                for a, b in zip(src_v.paragraphs, tgt_v.paragraphs, strict=False):
                    sa, sb = spans_of(a), spans_of(b)
                    want += sum(sa.values())
                    got += sum((sa & sb).values())
            rows.append((tgt, score(plain_hyps[tgt], ref)[0], score(hyp, ref)[0], got, want, held))
    return rows


def run_pipeline(
    inbox: Path, out: Path, targets: list[str], src: str, jobs: int | None = None
) -> list[dict]:
    glossary = out / "empty-glossary.toml"
    glossary.write_text("")
    job = Job.prepare(
        articles=inbox,
        targets=targets,
        source_lang=src,
        engine="apertium",
        feeds=out / "feeds",
        translations=out / "translations",
        state=out / "state",
        glossary=glossary,
        config=ROOT / "syndicate.toml",
        jobs=jobs,
    )
    with job:
        return list(job.run_all())


def pipeline_output(out: Path, articles: list, lang: str, total: int) -> tuple[list[str], int]:
    """The pipeline's sentences for one target (held ones included: we score what the
    machine wrote) and how many of its article-languages were held."""
    hyp = [""] * total
    held = 0
    for slug, first, count in articles:
        v = review.read_version(out / "translations" / slug / f"{lang}.md")
        if v is None:
            continue
        held += v.status == "held"
        lines = [v.title, *map(markup.plain, v.paragraphs)]  # the words a reader reads
        if len(lines) == count:
            hyp[first : first + count] = lines
    return hyp, held


def raw_engine(sentences: list[str], src: str, tgt: str) -> tuple[list[str], str]:
    """The engine alone, hop by hop: `apertium -u -f txt <mode>` over every sentence, as
    Debian ships it (none of syndicate's stages or repairs)."""
    r = route([ApertiumEngine()], src, tgt)
    texts = sentences
    for a, b in r.hops:
        mode = installed_modes()[(a, b)]
        out = subprocess.run(
            ["apertium", "-u", "-f", "txt", mode],
            input="\n\n".join(" ".join(t.split()) for t in texts) + "\n",
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        ).stdout
        texts = [t.strip() for t in re.split(r"\n[ \t]*\n", out.strip("\n"))]
        assert len(texts) == len(sentences), f"apertium {mode}: segment count changed"
    return texts, r.chain


def score(hyp: list[str], ref: list[str]) -> tuple[float, float]:
    chrf = sacrebleu.corpus_chrf(hyp, [ref]).score
    bleu = sacrebleu.corpus_bleu(hyp, [ref]).score
    return chrf, bleu


def sentence_diff(hyp: list[str], raw: list[str], ref: list[str]) -> tuple[int, int, list]:
    """Sentences where pipeline and raw engine differ: how many got better, worse."""
    better = worse = 0
    worst = []
    for h, r, t in zip(hyp, raw, ref, strict=True):
        if h == r:
            continue
        dh = sacrebleu.sentence_chrf(h, [t]).score
        dr = sacrebleu.sentence_chrf(r, [t]).score
        better += dh > dr
        worse += dh < dr
        worst.append((dh - dr, h, r, t))
    worst.sort(key=lambda w: w[0])
    return better, worse, worst


def _tool(script: str, *args: str | Path) -> str:
    return subprocess.run(
        [sys.executable, str(TOOLS / script), *map(str, args)],
        capture_output=True,
        text=True,
        check=True,
        timeout=900,
    ).stdout


def name_and_word_measures(
    tgt: str, source: list[str], ref: list[str], outputs: dict[str, list[str]]
) -> dict[str, tuple[float, int, float]]:
    """Per system: the share of the names the human reference keeps verbatim that it
    keeps verbatim; how many of the multi-word names the reference renders otherwise it
    leaves verbatim; words left in another language per 1,000 (``../shared/tools``).
    Empty when the tools are not beside the project."""
    if not (TOOLS / "names_vs_reference.py").exists():
        return {}
    out: dict[str, tuple[float, int, float]] = {}
    with tempfile.TemporaryDirectory() as d:
        files = {}
        for name, lines in [("src", source), ("ref", ref), *outputs.items()]:
            files[name] = Path(d) / f"{name}.txt"
            files[name].write_text("\n".join(lines) + "\n", encoding="utf-8")
        names = _tool(
            "names_vs_reference.py", files["src"], files["ref"], *(files[n] for n in outputs)
        )
        kept = [float(m) for m in re.findall(r": kept \d+/\d+ \(([\d.]+)%\)", names)]
        over = [int(m) for m in re.findall(r"left verbatim: (\d+)/", names)]
        for n, k, o in zip(outputs, kept, over, strict=True):
            words = _tool("leftover_words.py", tgt, files["src"], files[n])
            per1000 = float(re.search(r"per1000=([\d.]+)", words).group(1))
            out[n] = (k, o, per1000)
    return out


def pivot_leftovers(tgt: str, outputs: dict[str, list[str]]) -> dict[str, float]:
    """Per system: words the target's Apertium analysers do not know and English,
    Spanish or Catalan ones do, per 1,000 words (our `words` check's measure; the shared
    tool knows Spanish and English only, so Catalan a pivot left is invisible to it)."""
    from syndicate.check import leftovers
    from syndicate.engines.lexicon import Lexicon

    lexicon = Lexicon()
    out = {}
    for name, lines in outputs.items():
        text = "\n".join(lines)
        found = leftovers.find(text, "", tgt, ("en", "es", "ca"), lexicon)
        out[name] = 1000 * len(found) / max(1, len(leftovers.words(text)))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    ap.add_argument("--source", default="en", help="source language file (default en)")
    ap.add_argument("--to", default=TARGETS, help=f"targets (default {TARGETS})")
    ap.add_argument("--per-article", type=int, default=24, help="sentences per article")
    ap.add_argument("--limit", type=int, default=0, help="use the first N sentences only")
    ap.add_argument(
        "--jobs", type=int, help="worker processes (default: as syndicate run; 1 to compare runs)"
    )
    ap.add_argument("--held", action="store_true", help="say why each held translation was")
    ap.add_argument(
        "--worst", type=int, default=0, help="print the N sentences the layer hurt most"
    )
    ap.add_argument(
        "--dump", type=Path, help="write ours/raw/ref sentences per target to this folder"
    )
    ap.add_argument(
        "--markup",
        action="store_true",
        help="also run the sentences as Markdown, a span in every paragraph, and compare",
    )
    ap.add_argument(
        "--via",
        default="",
        help="try other pivots: pt=es,it=es (pt and it through es, the rest as set)",
    )
    args = ap.parse_args()
    for pair in filter(None, args.via.split(",")):
        tgt, _, mid = pair.partition("=")
        apertium.PIVOTS[(args.source, tgt)] = mid  # "" or the target itself: direct

    folder: Path = args.folder
    if not (folder / f"{args.source}.txt").exists():
        print(f"no {folder / (args.source + '.txt')}: pass a FLORES-style folder", file=sys.stderr)
        return 2
    source = (folder / f"{args.source}.txt").read_text(encoding="utf-8").splitlines()
    if args.limit:
        source = source[: args.limit]
    targets = [t for t in args.to.split(",") if (folder / f"{t}.txt").exists()]

    with tempfile.TemporaryDirectory() as d:
        out = Path(d)
        inbox = out / "inbox"
        inbox.mkdir()
        articles = pack(source, inbox, args.per_article)
        run_pipeline(inbox, out, targets, args.source, args.jobs)
        rows = []
        hyps = {}
        for tgt in targets:
            ref = (folder / f"{tgt}.txt").read_text(encoding="utf-8").splitlines()[: len(source)]
            hyp, held = pipeline_output(out, articles, tgt, len(source))
            raw, chain = raw_engine(source, args.source, tgt)
            systems = {}
            for f in sorted((folder / "systems").glob(f"*.{tgt}.txt")):
                lines = f.read_text(encoding="utf-8").splitlines()[: len(source)]
                if len(lines) == len(source):
                    systems[f.name.rsplit(".", 2)[0]] = score(lines, ref)[0]
            hyps[tgt] = hyp
            google = folder / "systems" / f"google.{tgt}.txt"
            others = {"ours": hyp, "raw": raw}
            if google.exists():
                others["google"] = google.read_text(encoding="utf-8").splitlines()[: len(source)]
            measures = name_and_word_measures(tgt, source, ref, others)
            if measures:
                pivots = pivot_leftovers(tgt, others)
                measures = {k: (*v, pivots[k]) for k, v in measures.items()}
            better, worse, worst = sentence_diff(hyp, raw, ref)
            if args.dump:
                args.dump.mkdir(parents=True, exist_ok=True)
                for name, lines in (("ours", hyp), ("raw", raw), ("ref", ref)):
                    (args.dump / f"{name}.{tgt}.txt").write_text("\n".join(lines) + "\n")
            if args.held:
                for slug, _, _ in articles:
                    v = review.read_version(out / "translations" / slug / f"{tgt}.md")
                    if v is not None and v.status == "held":
                        print(f"held {slug} {tgt}: {v.meta['fidelity']['problems']}")
            rows.append(
                (tgt, chain, score(hyp, ref), score(raw, ref), held, better, worse, systems)
                + (measures,)
            )
            for delta, h, r, t in worst[: args.worst]:
                print(f"[{tgt} {delta:+.1f}]\n  ours: {h}\n  raw:  {r}\n  ref:  {t}")

    n_art = len(articles)
    print(
        f"{len(source)} sentences in {n_art} articles, {args.source} -> {','.join(targets)};"
        " chrF and BLEU by sacrebleu"
    )
    head = (
        "target  route        chrF ours  raw    diff   BLEU ours  raw    diff   held"
        "      better/worse  systems (chrF)"
    )
    print(head)
    print("-" * len(head))
    total_held = 0
    for tgt, chain, (c, b), (rc, rb), held, better, worse, systems, _ in rows:
        total_held += held
        sys_text = "  ".join(f"{k} {v:.1f}" for k, v in systems.items())
        print(
            f"{tgt:<7} {chain:<12} {c:9.1f} {rc:5.1f} {c - rc:+6.1f}  {b:9.1f} {rb:5.1f}"
            f" {b - rb:+6.1f}   {held:>3}/{n_art:<4}  {better:>5}/{worse:<6}  {sys_text}"
        )
    share = total_held / (n_art * len(rows)) if rows else 0
    print(f"held: {total_held} of {n_art * len(rows)} article-languages ({share:.1%})")
    if any(r[-1] for r in rows):
        print(
            "\nnames the reference keeps verbatim, kept verbatim (%); multi-word names the"
            "\nreference renders otherwise, left verbatim; words left in another language per 1,000"
        )
        head = "target  names ours   raw  google   changed kept ours  raw   words ours   raw"
        head += "  google   es/ca/en ours   raw  google"
        print(head)
        print("-" * len(head))
        for tgt, *_, m in rows:
            if not m:
                continue
            g = m.get("google", (float("nan"), 0, float("nan"), float("nan")))
            print(
                f"{tgt:<7} {m['ours'][0]:10.1f} {m['raw'][0]:5.1f} {g[0]:7.1f}"
                f"   {m['ours'][1]:>12} {m['raw'][1]:>4}   {m['ours'][2]:10.1f} {m['raw'][2]:5.1f}"
                f" {g[2]:7.1f}   {m['ours'][3]:13.1f} {m['raw'][3]:5.1f} {g[3]:7.1f}"
            )
    if args.markup:
        md_rows = markup_rows(folder, source, targets, args.per_article, hyps, args.held, args.dump)
        print("\nthe same as Markdown, a strong, emphasis or link span in every paragraph:")
        head = "target  chrF text  markdown  diff   spans kept      held"
        print(head)
        print("-" * len(head))
        for tgt, plain, md, got, want, held in md_rows:
            print(
                f"{tgt:<7} {plain:9.1f} {md:9.1f} {md - plain:+5.1f}  {got:>5}/{want:<5}"
                f" {got / max(want, 1):5.1%}  {held:>3}/{n_art}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
