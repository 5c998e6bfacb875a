"""Article -> pieces -> protected segments -> engine -> checked translation.

The pipeline knows engines only through :class:`~syndicate.engines.Route`. It sends one
batch per article and target (text runs only: quotation marks, the byline and protected
terms never reach an engine), remembers every segment in the translation memory, and
verifies the result with :mod:`syndicate.fidelity` before anything is published.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from syndicate import fidelity, protect, segments
from syndicate.articles import Article, ArticleError, Byline, read_article
from syndicate.detect import DetectionError, detect_language
from syndicate.engines import Engine, EngineError, Route, route
from syndicate.store import Item, Store

PUBLIC = ("published", "approved", "stale")
"""Statuses whose text readers get: a stale version is the editor's, still published."""

BYLINE_LABELS = {
    "en": "By",
    "es": "Por",
    "ca": "Per",
    "gl": "Por",
    "pt": "Por",
    "fr": "Par",
    "it": "Di",
    "de": "Von",
    "eo": "De",
    "nl": "Door",
    "sv": "Av",
    "da": "Af",
}


@dataclass
class Translation:
    """One language version of an article, ready for review and feeds."""

    lang: str
    title: str
    paragraphs: list[str]
    byline: Byline | None
    route: str | None = None
    engine: str | None = None
    chain: str | None = None
    report: fidelity.Report | None = None
    # published | held | failed (the machine's); approved | stale (the editor's)
    status: str = "published"
    error: str | None = None
    # For a stale edited version: this run's machine translation, written beside it.
    machine: Translation | None = None
    replaced: object | None = None  # the editor's version set aside by --republish-stale
    segments_sent: int = 0
    segments_total: int = 0
    paths: dict[str, str] = field(default_factory=dict)


@dataclass
class ArticleResult:
    path: Path
    slug: str | None = None
    source_lang: str | None = None
    confidence: float | None = None
    error: str | None = None
    article: Article | None = None
    source: Translation | None = None
    targets: list[Translation] = field(default_factory=list)


@dataclass
class Options:
    targets: list[str]
    source_lang: str | None = None
    quotes: str = "translate"  # translate | keep
    publish_unchecked: bool = False
    republish_stale: bool = False


def byline_for(byline: Byline | None, lang: str) -> Byline | None:
    """The name exactly as filed; the label in the target language."""
    if byline is None:
        return None
    return Byline(BYLINE_LABELS.get(lang, byline.label), byline.name)


class Pipeline:
    def __init__(
        self,
        engines: list[Engine],
        store: Store,
        glossary: protect.Glossary | None = None,
    ) -> None:
        self.engines = engines
        self.store = store
        self.glossary = glossary or protect.Glossary()

    def source_language(self, article: Article, opts: Options) -> tuple[str, float]:
        if opts.source_lang:
            return opts.source_lang, 1.0
        if article.lang:
            return article.lang, 1.0
        text = "\n".join([article.title, *article.paragraphs])
        key = hashlib.sha256(text.encode()).hexdigest()
        if known := self.store.detection(key):
            return known
        d = detect_language(text)
        self.store.put_detection(key, d.lang, d.confidence)
        return d.lang, d.confidence

    def prefetch(self, paths: list[Path], opts: Options) -> None:
        """For engines that gain from big batches (Argos): translate the segments of every
        article in one batch per package and hop, into the translation memory, so each
        article then finds them there. Failures are left for the per-article pass to
        report against the article they belong to."""
        batched = [e for e in self.engines if getattr(e, "batch_run", False)]
        if not batched:
            return
        wanted: dict[tuple, tuple[Route, list[str]]] = {}
        for path in paths:
            try:
                article = read_article(path)
                src, _ = self.source_language(article, opts)
            except (ArticleError, DetectionError):
                continue
            paras = [article.title, *article.paragraphs]
            doc = segments.parse(paras)
            protector = protect.Protector(
                protect.find_names(paras, article.author, self.glossary), self.glossary
            )
            cores = [
                segments.split_space(p.text)[1]
                for para in doc
                for p in para
                if p.translatable and not (opts.quotes == "keep" and p.depth > 0)
            ]
            for tgt in opts.targets:
                try:
                    r = route(self.engines, src, tgt)
                except EngineError:
                    continue
                if r.engine not in batched:
                    continue
                key = (r.engine.name, r.hops)
                texts = wanted.setdefault(key, (r, []))[1]
                if r.engine.protection == "verify":
                    texts += cores
                else:
                    texts += [
                        protector.protect(c, tgt, r.engine.drops_possessives).text for c in cores
                    ]
        for r, texts in wanted.values():
            try:
                self.translate_hops(r, list(dict.fromkeys(texts)))
            except EngineError:
                continue

    def process(
        self, path: Path, opts: Options, progress: Callable[[str], None] | None = None
    ) -> ArticleResult:
        """Read, detect and translate one file. Errors are per article or per target."""
        result = ArticleResult(path)
        try:
            article = read_article(path)
        except ArticleError as e:
            result.error = str(e)
            return result
        result.article, result.slug = article, article.slug
        try:
            src, conf = self.source_language(article, opts)
        except DetectionError as e:
            result.error = f"{path.name}: {e}"
            return result
        result.source_lang, result.confidence = src, conf
        if not any(a == src for e in self.engines for a, _ in e.pairs()):
            result.error = (
                f"{path.name}: no engine translates from {src} (detected with confidence "
                f"{conf:.2f}); pass --source-lang if that is wrong, or install a pair"
            )
            return result

        doc = segments.parse([article.title, *article.paragraphs])
        names = protect.find_names(
            [article.title, *article.paragraphs], article.author, self.glossary
        )
        protector = protect.Protector(names, self.glossary)
        result.source = Translation(
            src, article.title, list(article.paragraphs), article.byline, status="published"
        )
        for tgt in opts.targets:
            if tgt == src:
                continue
            if progress:
                progress(tgt)
            try:
                r = route(self.engines, src, tgt)
                t = self.translate(article, doc, protector, r, src, tgt, opts)
            except EngineError as e:
                t = Translation(tgt, "", [], None, status="failed", error=f"{path.name}: {e}")
            result.targets.append(t)
        return result

    def translate(
        self,
        article: Article,
        doc: list[list[segments.Piece]],
        protector: protect.Protector,
        r: Route,
        src: str,
        tgt: str,
        opts: Options,
    ) -> Translation:
        """Translate one article into one language with one batch per hop."""
        units = [
            p
            for para in doc
            for p in para
            if p.translatable and not (opts.quotes == "keep" and p.depth > 0)
        ]
        cores = {id(p): segments.split_space(p.text)[1] for p in units}
        if r.engine.protection == "verify":
            final, terms, sent, total = self._verified(r, protector, cores, tgt)
        else:
            final, terms, sent, total = self._placeheld(r, protector, cores, tgt)
        expected: Counter = Counter()

        def target_text(p: segments.Piece) -> str:
            if id(p) not in final:  # a quotation kept verbatim
                return segments.split_space(p.text)[1]
            expected.update(terms[id(p)])
            return final[id(p)]

        rendered = [segments.render(para, tgt, target_text) for para in doc]
        byline = byline_for(article.byline, tgt)
        report = fidelity.check(
            doc, rendered, tgt, expected, article.author, byline.name if byline else None
        )
        held = not report.ok and not opts.publish_unchecked
        return Translation(
            lang=tgt,
            title=rendered[0],
            paragraphs=rendered[1:],
            byline=byline,
            route=r.label,
            engine=r.engine.name,
            chain=r.chain,
            report=report,
            status="held" if held else "published",
            segments_sent=sent,
            segments_total=total,
        )

    def _placeheld(self, r: Route, protector: protect.Protector, cores: dict, tgt: str):
        """Rule-based engines: terms go as letters-only placeholders, restored after."""
        guarded = {
            k: protector.protect(core, tgt, r.engine.drops_possessives) for k, core in cores.items()
        }
        texts = list(dict.fromkeys(g.text for g in guarded.values()))
        known, sent = self.translate_hops(r, texts)
        final, terms = {}, {}
        for k, g in guarded.items():
            out = protect.restore(fidelity.clean(known[g.text]), g, tgt)
            final[k] = fidelity.match_initial_case(cores[k], out, tuple(g.terms))
            terms[k] = g.terms
        return final, terms, sent, len(texts)

    def _verified(self, r: Route, protector: protect.Protector, cores: dict, tgt: str):
        """Neural engines: send the text whole, check every term came back, and translate
        a segment that lost one again in pieces, around its terms."""
        split = {k: protector.split(core, tgt) for k, core in cores.items()}
        terms = {k: [t for t, kind in parts if kind == "term"] for k, parts in split.items()}
        kept = {k: [t for t, kind in parts if kind != "text"] for k, parts in split.items()}
        forced = set(protector.glossary.forced.get(tgt, {}).values())
        whole = {k: c for k, c in cores.items() if not forced & set(terms[k])}
        known, sent = self.translate_hops(r, list(dict.fromkeys(whole.values())))
        final: dict[int, str] = {}
        repair: list[int] = []
        for k in cores:
            out = fidelity.clean(known[whole[k]]) if k in whole else None
            if out is not None and all(out.count(t) >= kept[k].count(t) for t in kept[k]):
                final[k] = out
            else:
                repair.append(k)
        pieces = [
            segments.split_space(text)[1]
            for k in repair
            for text, kind in split[k]
            if kind == "text" and any(ch.isalpha() for ch in text)
        ]
        fixed, sent2 = self.translate_hops(r, list(dict.fromkeys(pieces)))
        for k in repair:
            out = []
            for text, kind in split[k]:
                if kind != "text" or not any(ch.isalpha() for ch in text):
                    out.append(text)
                else:
                    lead, core, trail = segments.split_space(text)
                    out.append(lead + fidelity.clean(fixed[core]) + trail)
            final[k] = "".join(out)
        for k in cores:
            final[k] = fidelity.match_initial_case(cores[k], final[k], tuple(kept[k]))
        return final, terms, sent + sent2, len(set(whole.values())) + len(set(pieces))

    def translate_hops(self, r: Route, texts: list[str]) -> tuple[dict[str, str], int]:
        """source text -> target text through every hop, each hop remembered on its own:
        en->es->fr reuses the en->es translations the es target already made."""
        mapping = {t: t for t in texts}
        sent = 0
        for src, tgt in r.hops:
            version = r.engine.version(src, tgt)
            inputs = list(dict.fromkeys(mapping.values()))
            known = self.store.tm_get(r.engine.name, version, src, tgt, inputs)
            todo = [t for t in inputs if t not in known]
            if todo:
                fresh = dict(zip(todo, r.engine.translate(todo, src, tgt), strict=True))
                self.store.tm_put(r.engine.name, version, src, tgt, fresh)
                known.update(fresh)
                sent += len(todo)
            mapping = {t: known[m] for t, m in mapping.items()}
        return mapping, sent

    def record(self, result: ArticleResult, now: dt.datetime | None = None) -> list[str]:
        """Store an article's versions as feed items; returns the languages that changed.

        A held translation never replaces one already published: readers keep the last
        good version until an editor decides.
        """
        if result.article is None or result.source is None:
            return []
        now = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
        changed = []
        a = result.article
        with self.store.transaction():
            for t in [result.source, *result.targets]:
                if t.status == "failed":
                    continue
                old = self.store.get_item(a.slug, t.lang)
                public = t.status in PUBLIC
                if not public and old and old.status == "published":
                    continue
                item = Item(
                    slug=a.slug,
                    lang=t.lang,
                    title=t.title,
                    author=t.byline.name if t.byline else None,
                    byline=str(t.byline) if t.byline else None,
                    paragraphs=t.paragraphs,
                    source_lang=result.source_lang or t.lang,
                    source_hash=a.source_hash,
                    route=t.route,
                    status="published" if public else t.status,
                    fidelity=t.report.as_dict() if t.report else None,
                    published=a.date,
                    updated=now if old else a.date,
                )
                if self.store.put_item(item):
                    changed.append(t.lang)
        return changed
