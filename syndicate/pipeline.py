"""Article -> pieces -> protected segments -> engine -> checked translation.

The pipeline knows engines only through :class:`~syndicate.engines.Route`. It sends one
batch per article and target (text runs only: quotation marks, the byline and protected
terms never reach an engine), remembers every segment in the translation memory, and
verifies the result with :mod:`syndicate.check.fidelity` before anything is published.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path

import regex

from syndicate.check import fidelity, leftovers
from syndicate.check.results import PUBLIC, ArticleResult, Checker, Translation
from syndicate.config import Options
from syndicate.desk import corrections
from syndicate.engines import Engine, EngineError, Route, lexicon, route
from syndicate.engines.apertium import package_dir
from syndicate.keep import (
    agreement,
    case,
    dates,
    exonyms,
    kind,
    marks,
    namekind,
    names,
    numbers,
    possessives,
    protect,
    registry,
    titles,
)
from syndicate.keep.plan import NamePlan
from syndicate.safety import printable
from syndicate.sources.articles import Article, ArticleError, Byline, read_article
from syndicate.sources.detect import DetectionError, detect_language
from syndicate.state.store import Item, Store
from syndicate.text import markup, segments

Doc = list[list[segments.Piece]]


def tagged_doc(article: Article) -> tuple[Doc, list[markup.Tagged]]:
    """The article parsed for translation: headline and blocks with their markup as
    sentinels (:mod:`syndicate.text.markup`), and each block's tagging."""
    tagged = [markup.tag(p) for p in article.paragraphs]
    return segments.parse([article.title, *(t.text for t in tagged)]), tagged


def bare_doc(article: Article, tagged: list[markup.Tagged]) -> dict[int, list[segments.Piece]]:
    """The paragraphs that have spans (emphasis, links), parsed without their span marks,
    by paragraph number in the doc: translated too, see :mod:`syndicate.text.spans`."""
    if not any(t.pairs for t in tagged):
        return {}
    doc = segments.parse([article.title, *(t.bare for t in tagged)])
    return {n + 1: doc[n + 1] for n, t in enumerate(tagged) if t.pairs}


def _cores(doc: list[list[segments.Piece]], opts: Options) -> dict[int, str]:
    """The text each translatable piece sends (quotations kept verbatim send nothing)."""
    return {
        id(p): segments.split_space(p.text)[1]
        for para in doc
        for p in para
        if p.translatable and not (opts.quotes == "keep" and p.depth > 0)
    }


def _in_context(cores: dict, doc: Doc) -> tuple[dict, dict]:
    """The units a rule-based engine gets: a paragraph with quotations or markup whole,
    its marks in context (:func:`segments.with_marks`), other pieces alone; and those
    paragraphs, by unit key."""
    units = dict(cores)
    paras: dict[tuple[str, int], list[segments.Piece]] = {}
    for n, para in enumerate(doc):
        texts = [id(p) for p in para if p.translatable]
        if len(para) > 1 and texts and all(k in cores for k in texts):
            for k in texts:
                del units[k]
            units[("para", n)] = segments.with_marks(para)
            paras[("para", n)] = para
    return units, paras


def job_for(plan: NamePlan, r: Route, src: str, tgt: str) -> kind.Job:
    """What every kind reads for one article, target and route."""
    return kind.Job(src, tgt, r.hops, r.engine.protection != "verify", plan)


def _engine_inputs(job: kind.Job, cores: dict, r: Route) -> dict:
    """What the engine gets for each piece: each kind prepares it in registry order
    (numbers for the target, names and dates as placeholders for engines that take
    them), and for those engines possessives on names are spelled as "of" phrases (the
    engine's tagger, one call for all pieces, says where each possessed phrase ends)."""
    out = {k: _engine_input(job, c) for k, c in cores.items()}
    tag = getattr(r.engine, "tag", None)
    if r.engine.drops_possessives and job.src == "en" and tag is not None:
        texts = [g.text for g in out.values() if "'" in g.text or "’" in g.text]
        tagged = tag(texts, *r.hops[0]) if texts else {}
        for g in out.values():
            if g.text in tagged:
                g.text = possessives.rewrite(g.text, tagged[g.text])
    return out


def _engine_input(job: kind.Job, core: str) -> protect.Protected:
    u = kind.unit(core)
    for k in registry.KINDS:
        k.prepare(u, job)
    return u


def _restored(out: str, u: protect.Protected, job: kind.Job) -> str:
    """The engine's output for one unit, each kind restoring it in reverse order."""
    for k in reversed(registry.KINDS):
        out = k.restore(out, u, job)
    return out


# How sure the detector must be to doubt a language the user stated.
DOUBT_CONFIDENCE = 0.95

_NAME_SPAN = regex.compile(r"\p{Lu}\S*(?:\s+\S+)*")
_WORDS = regex.compile(r"[\p{L}\p{M}]+")


def _word(w: str) -> bool:
    """A word whose language an analyser can tell: not an acronym, not the elided
    article or preposition of "d'Harvard", "l'Artico"."""
    return not w.isupper() and len(w) > 2


def alternative_chains(r: Route, src: str, tgt: str) -> list[tuple[tuple[str, str], ...]]:
    """Other routes of the same engine to ``tgt``: direct, and through Spanish, Catalan
    or Galician (the installed pairs with the biggest dictionaries), most preferred first."""
    pairs = r.engine.pairs()
    chains = [((src, tgt),)] + [((src, m), (m, tgt)) for m in ("es", "ca", "gl")]
    return [
        c
        for c in chains
        if c != r.hops and all(h in pairs for h in c) and all(a != b for a, b in c)
    ]


def _keeps_names(new: str, old: str, forms: dict[str, set[str]]) -> bool:
    """``new`` has every name, in an accepted form, as often as ``old`` does."""
    was, now = namekind.count_names(old, forms), namekind.count_names(new, forms)
    return all(now[n] >= k for n, k in was.items())


def _letters(text: str) -> str:
    """A name's letters without accents or case: "Arménia" and "Armênia" are one."""
    from anyascii import anyascii

    return "".join(c for c in anyascii(text).casefold() if c.isalnum())


def byline_for(byline: Byline | None, lang: str) -> Byline | None:
    """The name exactly as filed; the label in the target language."""
    if byline is None:
        return None
    return byline.into(lang)


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
        self.lexicon = lexicon.shared()
        self._title_ways: dict[tuple, str | None] = {}  # (engine, hops, abbreviation)

    def source_language(self, article: Article, opts: Options) -> tuple[str, float]:
        if opts.source_lang:
            return opts.source_lang, 1.0
        if article.lang:
            return article.lang, 1.0
        return self._detect(article)

    def _detect(self, article: Article) -> tuple[str, float]:
        text = "\n".join(article.text)
        key = hashlib.sha256(text.encode()).hexdigest()
        if known := self.store.detection(key):
            return known
        d = detect_language(text)
        self.store.put_detection(key, d.lang, d.confidence)
        return d.lang, d.confidence

    def doubt(self, article: Article, stated: str) -> str | None:
        """A problem when the language the user stated (--source-lang, front matter)
        is not the one the detector is sure of: translating Spanish as English
        publishes nonsense that passes every other check."""
        try:
            lang, confidence = self._detect(article)
        except DetectionError:
            return None
        if lang == stated or confidence < DOUBT_CONFIDENCE:
            return None
        return (
            f"source: stated as {stated}, but the text reads as {lang} ({confidence:.2f});"
            " fix --source-lang or the article's lang"
        )

    def find(self, article: Article, src: str) -> dict:
        """What each kind finds in the article, by kind name (the names, the dates)."""
        readers = [(e, p) for e in self.engines if hasattr(e, "analyse") for p in sorted(e.pairs())]
        engine, pair = next(((e, p) for e, p in readers if p[0] == src), (None, None))
        f = kind.Finding(
            article.text,
            src,
            article.byline.names if article.byline else (),
            self.glossary,
            (lambda words: engine.analyse(words, *pair)) if engine is not None else None,
            self.lexicon,
            every=tuple(
                (lambda words, e=e, p=p: e.analyse(words, *p)) for e, p in readers if p[0] == src
            ),
        )
        for k in registry.KINDS:
            f.found[k.name] = k.find(f)
        return f.found

    def plan(self, finds: dict, r: Route, src: str, tgt: str) -> NamePlan:
        """Which names (and dates) this route protects, and in what forms the check
        accepts each; ``finds``: what the kinds found (:meth:`find`).

        An engine that can say how it reads words (Apertium's analyser) protects only the
        names it would break; the proper nouns it knows may come back as its own
        translation (United States -> Estados Unidos). Other engines get every name
        checked, exactly or as its CLDR exonym.
        """
        found: names.Names = finds["names"]
        when = finds.get("dates") or ()
        analyse = getattr(r.engine, "analyse", None)
        forced = self.glossary.forced.get(tgt, {})
        if r.engine.protection == "placeholder" and analyse is not None:
            phrases = [*found.all, *found.compounds, *found.words_before(), *found.initials]
            readings = names.languages_unread(
                analyse(phrases, *r.hops[0]), lambda w: exonyms.language(w, src, tgt)
            )
            guarded = names.to_protect(
                found, readings, lambda n: bool(exonyms.forms(n, src, tgt))
            ) | set(forced)
            left = names.left_to_engine(found, readings, guarded)
            guarded -= self._renamed_people(names.people_at_starts(found, readings), r, left)
            rewrites = {
                c: v
                for c, v in names.split_compounds(found, readings).items()
                if not any(c in g for g in guarded)
            }
            ways = self._titles(found.abbreviations, r, tgt)
            # British "Mr Costello" as "Mr. Costello", which the pairs know ("Senyor"),
            # unless the pair drops the abbreviation: spelled out ("Mister"), en-gl moves
            # it about the sentence ("ver Señor can rápido Reid"), where it dropped "Mr"
            dotted = frozenset(
                a.rstrip(".")
                for a in found.abbreviations
                if a.rstrip(".") in titles.UNDOTTED and ways.get(a) != "spell"
            )
            for abbreviation, how in ways.items():
                if how == "keep":
                    guarded.add(abbreviation)  # "Dr. Lee", not "Lee"; "St. Louis"
                else:
                    rewrites[abbreviation] = titles.SPELLED[abbreviation]  # "Señor Lee"
        else:
            guarded = set(found.all) | set(forced)
            left, rewrites, readings, dotted = [], {}, {}, frozenset()
        own, _ = self.translate_hops(r, left) if left else ({}, 0)
        own_forms = {n: f for n in left if n in own and (f := self._own_form(n, own[n], src, tgt))}
        if left:
            # China alone is "China", but a word's rendering is no name's: only a proper
            # noun of the target is taken ("Porcelana" is not)
            words = {n: f for n, f in own_forms.items() if names.ambiguous(readings.get(n, []))}
            tags = self.lexicon.tags(sorted(set(words.values())), tgt)
            # the name as written is the name, whatever the target's analyser knows
            wrong = {n for n, f in words.items() if f != n and "np" not in (tags.get(f) or ())}
            # where the tagger took the word alone too ("Manzana" for Apple: it does after
            # some texts), a noun is held as CLDR writes it, or as written; an adjective
            # (Atlantic: "Atlantico" is no proper noun) is the engine's to translate
            adjectives = {n for n in wrong if any("adj" in u.kinds for u in readings[n])}
            left = [n for n in left if n not in adjectives]
            for n in wrong:
                if n in adjectives:
                    del own_forms[n]
                else:
                    own_forms[n] = min(exonyms.forms(n, src, tgt) or {n})
        foreign = self._foreign_forms(
            {
                n: f
                for n, f in own_forms.items()
                if " " not in n and f not in exonyms.forms(n, src, tgt)
            },
            r,
        )
        if foreign:  # "Caire", "Búfal": a pivot's word, not the target's: kept as written
            guarded |= foreign
            left = [n for n in left if n not in foreign]
            own_forms = {n: f for n, f in own_forms.items() if n not in foreign}
        if len(r.hops) > 1 and analyse is not None:
            guarded |= self._described_through_pivot(found, guarded, left, r, src, tgt)
        guarded, languages = names.language_adjectives(
            guarded - set(forced), readings, lambda w: exonyms.language(w, src, tgt)
        )
        if len(r.hops) > 1 and analyse is not None:
            spoken = self._languages_through_pivot(found, guarded | set(left), r, src, tgt)
            languages.update(spoken)
            guarded |= set(spoken)
        guarded |= set(forced)
        lowered = names.lowered(found, readings, guarded)
        glossary = self.glossary
        if languages:
            forced = {**forced, **languages}
            glossary = protect.Glossary(glossary.keep, {**glossary.forced, tgt: forced})
        forms: dict[str, set[str]] = {}
        for n in sorted(guarded) + left:
            if n in forced:  # and capitalized, as restored opening a sentence
                forms[n] = {forced[n], forced[n][:1].upper() + forced[n][1:]}
                continue
            forms[n] = {n} | exonyms.forms(n, src, tgt)
            if n in own_forms:
                forms[n].add(own_forms[n])  # "le Saturne" -> "Saturne"
            if tgt == "eo":  # a name's adjective, as Esperanto makes it: Usono, "Usona"
                forms[n] |= {f[:-1] + "a" for f in forms[n] if f.endswith("o") and f != n}
        checked_dates = []
        if r.engine.protection == "placeholder":
            for d in when:
                written = dates.write(d, tgt)
                if written and d.text not in forms:
                    forms[d.text] = dates.target_months(d.month, tgt) | {written}
                    own_forms[d.text] = written
                    checked_dates.append(d.text)
        return NamePlan(
            protect.Protector(sorted(guarded), glossary, tuple(left)),
            forms,
            tuple(left),
            tuple(checked_dates),
            rewrites,
            own_forms,
            tuple(agreement.women(sorted(found.titled | found.after_title), src, self.lexicon)),
            lowered,
            dotted,
            names.as_words(found, readings, set(forms), lambda n: self._has_form(n, src, tgt))
            if readings
            else (),
        )

    @staticmethod
    def _has_form(name: str, src: str, tgt: str) -> bool:
        """CLDR writes the name in the target: a country, a language."""
        return bool(exonyms.forms(name, src, tgt) or exonyms.language(name, src, tgt))

    def _titles(self, abbreviations: set[str], r: Route, tgt: str) -> dict[str, str]:
        """How this route treats each abbreviated title before a name: asked once a run,
        the abbreviation alone before a name it passes through (:mod:`~syndicate.keep.titles`)."""
        out = {}
        name = protect.placeholder("Name")
        for abbreviation in sorted(abbreviations):
            key = (r.engine.name, r.hops, abbreviation)
            if key not in self._title_ways:
                text = titles.probe(abbreviation, name)
                try:
                    rendering = self.translate_hops(r, [text])[0][text]
                except EngineError:
                    rendering = ""
                self._title_ways[key] = titles.decide(abbreviation, rendering, name, tgt)
            if how := self._title_ways[key]:
                out[abbreviation] = how
        return out

    def _renamed_people(self, people: list[str], r: Route, left: list[str]) -> set[str]:
        """Of the people starting sentences, those the first pair's dictionary renders
        otherwise ("Sophocles" -> "Sófocles", Catalan "Sòfocles" -> Italian "Sofocle"):
        its entry is the target's name, as inside a sentence. One it copies stays
        protected: through a pivot the copy may be read as a word (Catalan "Nadal",
        Christmas, -> Italian "Natale"). ``left`` goes in the same call: the names the
        plan then translates find their first hop remembered."""
        if not people:
            return set()
        first, _ = self.translate_hops(Route(r.engine, r.hops[:1]), [*people, *left])
        return {p for p in people if marks.clean(first[p]).strip() not in ("", p)}

    def _foreign_forms(
        self, own_forms: dict[str, str], r: Route, *, every_analyser: bool = False
    ) -> set[str]:
        """The one-word names whose rendering through a pivot has a word of the pivot's
        language that the target's analysers do not know: "Cairo" comes out as Catalan's
        "Caire" in Italian and Portuguese, "Buffalo" as "Búfal". That rendering is no
        evidence of a target form, and the name as written is (FLORES's references keep
        them). The analyser of the package that made the rendering is not asked where
        another can answer (por-cat's Portuguese knows "Caire"); a word no pivot knows
        ("Turchia", which spa-ita's Italian lacks) is the target's. With
        ``every_analyser`` the package that made the rendering is asked too: a descriptive
        name's words are ordinary ones ("dominicana", which cat-ita's Italian lacks)."""
        pivots = [b for _, b in r.hops[:-1]]
        tgt = r.hops[-1][1]
        if not own_forms or not pivots or not self.lexicon.knows(tgt):
            return set()
        # A one-word name's word the last pair wrote (not in the pivot's rendering it was
        # given) is from its bilingual dictionary: the target's (Venus -> Catalan "Venus"
        # -> "Venere"). Only one it passed on unchanged can be the pivot's ("Caire").
        # A descriptive name's words are ordinary ones, rendered alone here, in context
        # in the article ("Trent'anni" alone, "Trenta Anys" in a sentence): all asked.
        given = {}
        if not every_analyser:
            given, _ = self.translate_hops(Route(r.engine, r.hops[:-1]), list(own_forms))
        new = {
            n: [
                w
                for w in _WORDS.findall(f)
                if w not in set(_WORDS.findall(n))
                and (n not in given or w in set(_WORDS.findall(given[n])))
                and _word(w)
            ]
            for n, f in own_forms.items()
        }
        words = sorted({w for ws in new.values() for w in ws})
        maker = None if every_analyser else package_dir(*r.hops[-1])
        in_target = self.lexicon.tags(words, tgt, maker)
        strange = [w for w in words if in_target.get(w) is None]
        of_pivot = {w for p in pivots for w, t in self.lexicon.tags(strange, p).items() if t}
        return {n for n, ws in new.items() if of_pivot.intersection(ws)}

    def _described_through_pivot(
        self, found: names.Names, guarded: set[str], left: list[str], r: Route, src: str, tgt: str
    ) -> set[str]:
        """The descriptive names (left to the engine to translate: Victoria Falls, Trinity
        College) that a pivot route cannot bring into the target: their rendering keeps
        a pivot's word ("Victoria Cau", "Trinity Universitària" in Italian). Kept as
        written, as the references keep them, rather than half Catalan."""
        described = [n for n in found.all if " " in n and n not in guarded and n not in left]
        if not described:
            return set()
        theirs, _ = self.translate_hops(r, described)
        return self._foreign_forms(
            {n: f for n, f in theirs.items() if f not in exonyms.forms(n, src, tgt)},
            r,
            every_analyser=True,
        )

    def _languages_through_pivot(
        self, found: names.Names, taken: set[str], r: Route, src: str, tgt: str
    ) -> dict[str, str]:
        """A language's name alone that a pivot route renders in the pivot's language
        ("written in Sanskrit": Catalan "sànscrit" in Italian, which cat-ita does not
        know): CLDR's name in the target instead ("sanscrito"). One the route renders in
        the target is left to it."""
        cldr = {
            n: form
            for n in found.all
            if " " not in n and n not in taken and (form := exonyms.language(n, src, tgt))
        }
        if not cldr:
            return {}
        theirs, _ = self.translate_hops(r, sorted(cldr))
        strange = self._foreign_forms(
            {n: marks.clean(f).strip() for n, f in theirs.items()}, r, every_analyser=True
        )
        return {n: cldr[n] for n in strange}

    def _own_form(self, name: str, rendering: str, src: str, tgt: str) -> str | None:
        """The engine's rendering of a name alone, as the check accepts it: without an
        article the target puts before it ("A Arménia", "l'Alaska"), and for a country,
        only if it is CLDR's name spelt with or without accents ("Arménia" for
        "Armênia"); else CLDR's name, which the name is then restored to ("Kenya", not the
        "Kènia" a Catalan pivot passes on)."""
        m = _NAME_SPAN.search(rendering)
        if not m:
            return None
        words = m.group(0).split()
        first = set(name.split()[:1])
        while len(words) > 1 and words[0] not in first:
            tags = self.lexicon.tags([words[0]], tgt)[words[0]] or frozenset()
            if not tags & {"det", "pr"} or tags & {"np"}:
                break
            words.pop(0)
        form = " ".join(words)
        established = exonyms.territory(name, src, tgt)
        if established and _letters(form) not in {_letters(f) for f in [name, *established]}:
            return established[0]
        return form

    def prefetch(self, paths: list[Path], opts: Options) -> None:
        """For engines that gain from big batches (Argos): translate what every article's
        first pass will send, in one batch per route and hop, into the translation
        memory, so each article then finds it there. Failures are left for the
        per-article pass to report against the article they belong to."""
        batched = [e for e in self.engines if getattr(e, "batch_run", False)]
        if not batched:
            return
        wanted: dict[tuple, tuple[Route, list[str]]] = {}
        for path in paths:
            try:
                article = read_article(path)
                src, _ = self.source_language(article, opts)
                article = corrections.apply(article, src, self.store.correction(article.slug))
            except (ArticleError, DetectionError):
                continue
            doc, tagged = tagged_doc(article)
            found = self.find(article, src)
            whole = [*doc, *bare_doc(article, tagged).values()]
            cores = _cores(whole, opts)
            for tgt in opts.targets:
                if tgt == src or (article.targets is not None and tgt not in article.targets):
                    continue
                try:
                    r = route(self.engines, src, tgt)
                except EngineError:
                    continue
                if r.engine not in batched:
                    continue
                job = job_for(self.plan(found, r, src, tgt), r, src, tgt)
                units = cores if not job.placeholders else _in_context(cores, whole)[0]
                key = (r.engine.name, r.hops)
                texts = wanted.setdefault(key, (r, []))[1]
                texts += [g.text for g in _engine_inputs(job, units, r).values()]
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
            result.error = f"{printable(path.name)}: {e}"
            return result
        result.source_lang, result.confidence = src, conf
        article = corrections.apply(article, src, self.store.correction(article.slug))
        result.article = article
        if not any(a == src for e in self.engines for a, _ in e.pairs()):
            result.error = (
                f"{printable(path.name)}: no engine translates from {src} (detected with"
                f" confidence {conf:.2f}); pass --source-lang if that is wrong, or install a pair"
            )
            return result

        stated = opts.source_lang or article.lang
        doubt = self.doubt(article, stated) if stated else None
        doc, tagged = tagged_doc(article)
        found = self.find(article, src)
        result.source = Translation(
            src, article.title, list(article.paragraphs), article.byline, status="published"
        )
        for tgt in opts.targets:
            if tgt == src:
                continue
            if progress:
                progress(tgt)
            if article.targets is not None and tgt not in article.targets:
                continue
            try:
                r = route(self.engines, src, tgt)
                plan = self.plan(found, r, src, tgt)
                t = self.translate(article, doc, tagged, plan, r, src, tgt, opts)
                if doubt and t.report:
                    t.report.problems.insert(0, doubt)
                    t.status = "published" if opts.publish_unchecked else "held"
            except EngineError as e:
                why = f"{printable(path.name)}: {e}"
                t = Translation(tgt, "", [], None, status="failed", error=why)
            result.targets.append(t)
        return result

    def _checker(
        self, article: Article, doc: Doc, plan: NamePlan, r: Route, src: str, tgt: str
    ) -> Checker:
        """The checks of one translation, kept for the editor's text of it (the desk)."""

        def checker(paragraphs: list[str], byline: Byline | None) -> fidelity.Report:
            """Checks on the words: ``paragraphs`` are the headline and Markdown blocks."""
            words = [paragraphs[0], *map(markup.plain, paragraphs[1:])] if paragraphs else []
            blocks = (article.paragraphs, paragraphs[1:])
            return fidelity.check(
                doc,
                words,
                src,
                tgt,
                plan.forms,
                article.byline,
                byline,
                leftover,
                blocks,
                plan.as_words,
            )

        def leftover(text: str, source_text: str) -> list[str]:
            skip = " ".join(f for fs in plan.forms.values() for f in fs)
            return self.leftovers_of([text], [f"{source_text} {skip}"], r, src, tgt)[0]

        return checker

    def restore_checkers(self, result: ArticleResult) -> None:
        """Give a result translated elsewhere (a cluster worker: closures do not travel)
        the checks for an editor's text, built here only if an editor's file needs them."""
        a, src = result.article, result.source_lang
        if a is None or src is None:
            return
        for t in result.targets:
            for x in (t, t.machine):
                if x is not None and x.checker is None and x.status != "failed":
                    x.checker = self._lazy_checker(a, src, x.lang)

    def _lazy_checker(self, article: Article, src: str, tgt: str) -> Checker:
        def checker(paragraphs: list[str], byline: Byline | None) -> fidelity.Report:
            doc, _ = tagged_doc(article)
            r = route(self.engines, src, tgt)
            plan = self.plan(self.find(article, src), r, src, tgt)
            return self._checker(article, doc, plan, r, src, tgt)(paragraphs, byline)

        return checker

    def translate(
        self,
        article: Article,
        doc: Doc,
        tagged: list[markup.Tagged],
        plan: NamePlan,
        r: Route,
        src: str,
        tgt: str,
        opts: Options,
    ) -> Translation:
        """Translate one article into one language with one batch per hop."""
        bare = bare_doc(article, tagged)
        whole = [*doc, *bare.values()]
        cores = _cores(whole, opts)
        job = job_for(plan, r, src, tgt)
        if not job.placeholders:
            final, sent, total = self._verified(r, plan, cores, src, tgt)
        else:
            final, sent, total = self._placeheld(r, job, cores, whole)
            final, sent2 = self._fewer_leftovers(r, job, cores, final)
            sent += sent2

        def target_text(p: segments.Piece) -> str:
            if id(p) not in final:  # a quotation kept verbatim
                return segments.split_space(p.text)[1]
            return final[id(p)]

        rendered = [segments.render(para, tgt, target_text) for para in doc]
        job.extra["tagged"] = tagged
        job.extra["plain"] = {n: segments.render(p, tgt, target_text) for n, p in bare.items()}
        for k in reversed(registry.KINDS):
            rendered = k.finish(rendered, job)
        byline = byline_for(article.byline, tgt)
        checker = self._checker(article, doc, plan, r, src, tgt)
        report = checker(rendered, byline)
        held = not report.ok and not opts.publish_unchecked

        return Translation(
            checker=checker,
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

    def _placeheld(self, r: Route, job: kind.Job, cores: dict, doc: list | None = None):
        """Rule-based engines: a paragraph with quotations goes whole, its quotations in
        context (their marks come back, see :func:`segments.distribute`); where they do
        not, its pieces go one by one."""
        units, paras = _in_context(cores, doc or [])
        final, sent, total = self._placeheld_units(r, job, units)
        fallback = {}
        for key, para in paras.items():
            got = segments.distribute(para, final.pop(key))
            if got is None:
                fallback.update({id(p): cores[id(p)] for p in para if p.translatable})
            else:
                final.update(got)
        if fallback:
            more, sent2, total2 = self._placeheld_units(r, job, fallback)
            final.update(more)
            sent, total = sent + sent2, total + total2
        return final, sent, total

    def _placeheld_units(self, r: Route, job: kind.Job, cores: dict):
        """Each kind prepares the units (the names the engine would break go as
        letters-only placeholders) and restores the engine's output (the names back,
        numbers in the target's convention)."""
        plan, tgt = job.plan, job.tgt
        guarded = _engine_inputs(job, cores, r)
        texts = list(dict.fromkeys(g.text for g in guarded.values()))
        known, sent = self.translate_hops(r, texts)
        final = {k: _restored(known[g.text], g, job) for k, g in guarded.items()}
        # A known name the engine broke in context ("El Nuevo Zealand la policía") while it
        # translates it right alone: that segment again, with the name held as a
        # placeholder that restores to the engine's own translation of it.
        broken = {
            k: [
                n
                for n in plan.left + plan.dates
                if n in plan.own
                and names.occurs(n, cores[k])
                and not any(names.occurs(f, final[k]) for f in plan.forms[n])
            ]
            for k in cores
        }
        broken = {k: v for k, v in broken.items() if v}
        if broken:
            held = {n: plan.own[n] for v in broken.values() for n in v}
            if job.src == "en":  # "on March 18": the held date takes the target's article
                held |= dates.with_on({n: w for n, w in held.items() if n in plan.dates}, tgt)
            # the user's glossary stands: its forced terms in the segment still restore
            # to their translation ("United States" -> "Estados Unidos")
            glossary = plan.protector.glossary
            fix = protect.Glossary(
                keep=glossary.keep, forced={tgt: {**glossary.forced.get(tgt, {}), **held}}
            )
            protector = protect.Protector(plan.protector.terms, fix, plan.protector.skip)
            job2 = dataclasses.replace(job, plan=dataclasses.replace(plan, protector=protector))
            again = _engine_inputs(job2, {k: cores[k] for k in broken}, r)
            known2, sent2 = self.translate_hops(
                r, list(dict.fromkeys(g.text for g in again.values()))
            )
            sent += sent2
            for k, g in again.items():
                final[k] = _restored(known2[g.text], g, job2)
        return final, sent, len(texts)

    def leftovers_of(self, texts: list[str], sources: list[str], r: Route, src: str, tgt: str):
        """The words left in another language in each text (:mod:`syndicate.check.leftovers`):
        the source's, the route's pivots', and Spanish and Catalan, which every Apertium
        route and backoff here goes through."""
        others = tuple(dict.fromkeys([src, *(b for _, b in r.hops[:-1]), "es", "ca", "en"]))
        return leftovers.find_many(texts, sources, tgt, others, self.lexicon)

    def _fewer_leftovers(
        self, r: Route, job: kind.Job, cores: dict, final: dict
    ) -> tuple[dict, int]:
        """Each segment a pivot route left words of another language in, through the
        other routes the installed pairs give (en->pt: through es and gl as well as ca);
        the version that leaves fewest is kept, if it keeps every name the first one
        kept."""
        src, tgt = job.src, job.tgt
        keys = [k for k in cores if k in final]
        found = self.leftovers_of([final[k] for k in keys], [cores[k] for k in keys], r, src, tgt)
        bad = {k: len(f) for k, f in zip(keys, found, strict=True) if f}
        chains = alternative_chains(r, src, tgt)
        if len(r.hops) == 1:
            # A direct pair's unknown words already went through the other pairs word by
            # word (backoff): one other route, for segments that left two or more.
            bad = {k: n for k, n in bad.items() if n >= 2}
            chains = chains[:1]
        sent = 0
        for hops in chains if bad else ():
            alt, n, _ = self._placeheld_units(
                Route(r.engine, hops), job, {k: cores[k] for k in bad}
            )
            sent += n
            ks = list(bad)
            again = self.leftovers_of([alt[k] for k in ks], [cores[k] for k in ks], r, src, tgt)
            for k, f in zip(ks, again, strict=True):
                if len(f) < bad[k] and _keeps_names(alt[k], final[k], job.plan.forms):
                    final[k], bad[k] = alt[k], len(f)
            bad = {k: v for k, v in bad.items() if v}
            if not bad:
                break
        return final, sent

    def _verified(self, r: Route, plan: NamePlan, cores: dict, src: str, tgt: str):
        """Neural engines: send the text whole, check every name and value came back, and
        translate a segment that lost one again in pieces, around its names and numbers."""
        protector = plan.protector
        prepared = {k: numbers.prepare(c, src, tgt) for k, c in cores.items()}
        split = {k: protector.split(core, tgt) for k, core in prepared.items()}
        terms = {k: [t for t, part in parts if part == "term"] for k, parts in split.items()}
        forced = set(protector.glossary.forced.get(tgt, {}).values())
        whole = {k: c for k, c in prepared.items() if not forced & set(terms[k])}
        known, sent = self.translate_hops(r, list(dict.fromkeys(whole.values())))
        final: dict[int, str] = {}
        repair: list[int] = []
        for k in cores:
            out = marks.clean(known[whole[k]]) if k in whole else None
            if out is not None:
                out = numbers.localize(out, cores[k], src, tgt)
            if (
                out is not None
                and all(namekind.has_name(out, t, plan.forms, tgt) for t in terms[k])
                and numbers.check(cores[k], src, out, tgt)[2] == []
            ):
                final[k] = out
            else:
                repair.append(k)
        pieces = [
            segments.split_space(text)[1]
            for k in repair
            for text, part in split[k]
            if part == "text" and any(ch.isalpha() for ch in text)
        ]
        fixed, sent2 = self.translate_hops(r, list(dict.fromkeys(pieces)))
        for k in repair:
            out = []
            for text, part in split[k]:
                if part != "text" or not any(ch.isalpha() for ch in text):
                    out.append(text)
                else:
                    lead, core, trail = segments.split_space(text)
                    piece = lead + marks.clean(fixed[core]) + trail
                    if out and out[-1][-1:].isalnum() and piece[:1].isalnum():
                        piece = " " + piece  # never glue a translation onto a name
                    out.append(piece)
            final[k] = numbers.localize("".join(out), cores[k], src, tgt)
        for k in cores:
            final[k] = case.match_initial_case(cores[k], final[k], tuple(terms[k]))
        return final, sent + sent2, len(set(whole.values())) + len(set(pieces))

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
            last = (src, tgt) == r.hops[-1]  # a pivot's marks are not the next pair's input
            mapping = {t: known[m] if last else marks.clean(known[m]) for t, m in mapping.items()}
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
                    link=a.url,
                    origin_url=a.extra.get("feed"),
                    origin_title=a.extra.get("feed_title"),
                )
                if self.store.put_item(item):
                    changed.append(t.lang)
        return changed
