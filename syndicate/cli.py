"""The ``syndicate`` command: thin Click wrappers over the library."""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import sys
from pathlib import Path

import click

from syndicate import __version__
from syndicate.safety import printable
from syndicate.sources.inbox import slugify

LANG_CODE = r"^[a-z]{2,3}$"


def _fail(msg: str, code: int = 2) -> None:
    click.echo(f"Error: {msg}", err=True)
    sys.exit(code)


def _config(path: Path | None = None):
    """The settings, or one line and exit 2 when syndicate.toml cannot be used."""
    from syndicate.config import Config

    try:
        return Config.load(path)
    except ValueError as e:
        _fail(f"{e}; fix the settings file")


def _targets(value: str | None) -> list[str] | None:
    if value is None:
        return None
    langs = [v.strip().lower() for v in value.split(",")]
    if not any(langs):
        raise click.BadParameter("--to needs language codes (use ISO 639-1: es,fr)")
    if "" in langs:
        raise click.BadParameter(f"--to {value!r} has an empty language code (use es,fr)")
    bad = [v for v in langs if not re.match(LANG_CODE, v)]
    if bad:
        raise click.BadParameter(f"not a language code: {', '.join(bad)} (use ISO 639-1: es,fr)")
    return list(dict.fromkeys(langs))


def _slug_arg(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A slug as syndicate writes them (a-z, 0-9, hyphens): never a path (``../x``)."""
    if value is not None and (slugify(value) != value or value in (".", "..")):
        raise click.BadParameter(
            f"{printable(value)!r} is not a slug (lower-case letters, digits and hyphens);"
            " see `syndicate review list`"
        )
    return value


def _lang_arg(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if not re.match(LANG_CODE, value):  # the codes --to accepts
        raise click.BadParameter(f"{printable(value)!r} is not a language code (es, fr)")
    return value


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="syndicate")
def main() -> None:
    """Translate newsroom articles offline and publish them as feeds.

    Drop articles into a folder and run `syndicate run`: each article is read, its
    language detected, translated into every target language, verified (quotations,
    byline, names, numbers), written to translations/ for review and published to
    feeds/ as RSS 2.0, Atom and JSON Feed.
    """


@main.command()
@click.argument("articles", nargs=-1)
@click.option("--to", "targets", help="Target languages, comma-separated (es,fr,pt).")
@click.option("--source-lang", help="Source language of every article; skips detection.")
@click.option("--engine", "engine", help="Force one engine: argos or apertium.")
@click.option(
    "--quotes",
    type=click.Choice(["translate", "keep"]),
    default="translate",
    show_default=True,
    help="Translate quoted speech, or keep it verbatim in target quotation marks.",
)
@click.option("--publish-unchecked", is_flag=True, help="Publish translations that fail checks.")
@click.option(
    "--republish-stale",
    is_flag=True,
    help="Publish fresh machine output over approved translations whose source changed.",
)
@click.option("--feeds", "feeds_dir", type=click.Path(path_type=Path), help="Feed output folder.")
@click.option(
    "--translations",
    "translations_dir",
    type=click.Path(path_type=Path),
    help="Review output folder.",
)
@click.option(
    "--state",
    "state_dir",
    type=click.Path(path_type=Path),
    help="State folder (translation memory, published items). Env: SYNDICATE_STATE.",
)
@click.option("--base-url", help="Absolute URL the feeds are served from.")
@click.option("--glossary", type=click.Path(path_type=Path), help="Glossary TOML file.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, exists=True),
    help="Settings file (default: ./syndicate.toml).",
)
@click.option("--wait", is_flag=True, help="Wait for another run holding the state to finish.")
@click.option("--timeout", type=click.FloatRange(min=0.01), help="Seconds per engine call (120).")
@click.option("--prune", is_flag=True, help="Retract published articles whose source file is gone.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Translation work at once (Apertium pipelines, Argos threads); default: the cores.",
)
@click.option(
    "--cluster",
    metavar="tcp://HOST:PORT",
    help="Translate on the workers of this Dask scheduler (`syndicate worker`)."
    " Env: SYNDICATE_CLUSTER.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
def run(
    articles: tuple[str, ...],
    targets: str | None,
    source_lang: str | None,
    engine: str | None,
    quotes: str,
    publish_unchecked: bool,
    republish_stale: bool,
    feeds_dir: Path | None,
    translations_dir: Path | None,
    state_dir: Path | None,
    base_url: str | None,
    glossary: Path | None,
    config_path: Path | None,
    wait: bool,
    timeout: float | None,
    prune: bool,
    jobs: int | None,
    cluster: str | None,
    as_json: bool,
    quiet: bool,
) -> None:
    """Translate the articles in ARTICLES (folders, files, feed URLs or FILE.xml;
    default: the folder and the [[sources]] in syndicate.toml) and publish.

    Exit status: 0 when everything published, 1 when an article failed or a translation
    was held for review (the others still publish), 2 on usage errors.
    """
    from syndicate import runner

    try:
        langs = _targets(targets)
    except click.BadParameter as e:
        raise click.UsageError(str(e)) from None
    if source_lang and not re.match(LANG_CODE, source_lang):
        raise click.UsageError(f"--source-lang {source_lang!r} is not a language code")
    try:
        job = runner.Job.prepare(
            articles=list(articles),
            targets=langs,
            source_lang=source_lang,
            engine=engine,
            quotes=quotes,
            publish_unchecked=publish_unchecked,
            republish_stale=republish_stale,
            feeds=feeds_dir,
            translations=translations_dir,
            state=state_dir,
            base_url=base_url,
            glossary=glossary,
            config=config_path,
            wait=wait,
            timeout=timeout,
            on_wait=lambda: click.echo("Waiting for another syndicate run to finish...", err=True),
            prune=prune,
            jobs=jobs,
            cluster=cluster,
        )
    except runner.SetupError as e:
        _fail(str(e), e.code)
        return
    show = not (quiet or as_json)
    cluster_error = _cluster_error(job.cluster)
    if not quiet:  # stderr: beside --json too
        job.on_note = lambda line: click.echo(f"warning: {line}", err=True)
    try:
        summary = _run_job(job, show, quiet, as_json)
    except KeyboardInterrupt:
        _fail("interrupted; what was recorded stands, the next run finishes the rest", 130)
        return
    except cluster_error as e:
        _fail(str(e), e.code)
        return
    except (OSError, sqlite3.Error) as e:
        where = getattr(e, "filename", None) or job.store.dir
        why = getattr(e, "strerror", None) or str(e)
        _fail(
            f"cannot write {printable(str(where))} ({why}); free disk space or fix the"
            " folder's permissions, then run again: what was recorded stands",
            1,
        )
        return
    _report(job, summary, show, as_json)


def _cluster_error(address: str | None) -> type[Exception]:
    """The error a cluster's faults raise (one line), when the run has one."""
    if not address:
        return type("NoClusterError", (Exception,), {})
    from syndicate.cluster import ClusterError

    return ClusterError


def _run_job(job, show: bool, quiet: bool, as_json: bool) -> dict:
    with job:
        job.sync_sources()  # the network, if any, before the bar: its failures one line each
        if not as_json:
            for line in job.source_errors:
                click.echo(f"error {line}", err=True)
        if show and not job.files:
            click.echo(f"No articles in {job.articles_dir or 'the sources'}.", err=True)
        if quiet and not as_json and job.replay is not None:
            # Nothing changed since the last run: its outcome stands, errors and all.
            for line in job.replay.quiet:
                click.echo(line, err=True)
            summary = job.replayed()
        else:
            summary = _run_articles(job, show, quiet, as_json)
    return summary


def _report(job, summary: dict, show: bool, as_json: bool) -> None:
    if not as_json:
        for slug in summary["orphans"]:
            click.echo(
                f"orphan: {slug} is still in the feeds but its source file is gone; "
                f"`syndicate run --prune` or `syndicate retract {slug}` takes it down",
                err=True,
            )
        for slug in summary["pruned"]:
            click.echo(f"retracted {slug}: its source file is gone (--prune)", err=True)
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    elif show:
        s = summary["totals"]
        extra = "".join(
            f", {s[k]} {k}" for k in ("approved", "stale", "edited", "retracted") if s[k]
        )
        feeds_part = ""
        if s["sources"]:
            failed = f", {s['sources_failed']} failed" if s["sources_failed"] else ""
            plural = "s" if s["sources"] != 1 else ""
            feeds_part = f" ({s['sources']} source feed{plural}{failed})"
        for line in summary.get("skipped") or []:
            click.echo(f"skipped: {line}")
        if s.get("skipped"):
            extra += f", {s['skipped']} other file{'s' if s['skipped'] != 1 else ''} skipped"
        noun = "article" if s["articles"] == 1 else "articles"
        click.echo(
            f"{s['articles']} {noun}{feeds_part}, {s['published']} published{extra}, "
            f"{s['held']} held, {s['failed']} failed; feeds in {job.feeds_dir}/, review desk "
            f"at {job.translations_dir / 'index.html'}"
        )
    sys.exit(summary["exit_code"])


def _run_articles(job, show: bool, quiet: bool, as_json: bool) -> dict:
    """Every article through the pipeline, a line each above the progress bar."""
    from syndicate import runner

    bar = click.progressbar(
        length=len(job.files) * max(1, len(job.targets)),
        label="Translating",
        file=sys.stderr,
        hidden=not show or not sys.stderr.isatty(),
    )
    per_article = max(1, len(job.targets))
    if show:

        def large(path: Path, size: int) -> None:
            _above_bar(
                bar,
                [f"translating {printable(path.name)} ({size / 1e6:.1f} MB): a large article,"
                 " this takes a while"],
                err=False,
            )  # fmt: skip

        job.on_large = large
    with bar:
        for done, result in enumerate(job.run_all(lambda _lang: bar.update(1)), 1):
            # Whole articles: the source language and failed ones tick nothing.
            bar.update(done * per_article - bar.pos)
            if show:
                lines = list(runner.describe(result))
            elif quiet and not as_json:
                lines = list(runner.describe(result, errors_only=True))
            else:
                continue
            _above_bar(bar, lines, err=not show)
    return job.summary()


def _above_bar(bar, lines: list[str], err: bool) -> None:
    """Print lines above a visible progress bar: clear its line, print, draw it again
    below (a line printed onto the bar reads "Translating [#--] 3%ok strike-11 ...")."""
    visible = not bar.hidden
    if visible and lines:
        bar.file.write("\r\033[K")
        bar.file.flush()
    for line in lines:
        click.echo(line, err=err)
    if visible and lines:
        bar.render_progress()


@main.command(context_settings={"ignore_unknown_options": True})
@click.argument("scheduler")
@click.option(
    "--nworkers",
    "-n",
    type=click.IntRange(min=1),
    help="Worker processes on this machine, one article each at a time (default: the cores).",
)
@click.option("--name", help="This machine's worker name (default: Dask's).")
@click.argument("dask_args", nargs=-1, type=click.UNPROCESSED)
def worker(scheduler: str, nworkers: int | None, name: str | None, dask_args: tuple) -> None:
    """Translate for `syndicate run --cluster SCHEDULER` on this machine.

    Starts Dask's worker (one thread per process, engines started once per process and
    kept) connected to SCHEDULER (tcp://HOST:8786). The machine needs what `make setup`
    installs, alike on every worker: a worker whose pairs or code differ gets no work.
    Options after `--` go to `dask worker` as they are.
    """
    from syndicate.config import cluster_address

    try:
        address = cluster_address(scheduler, "SCHEDULER")
    except ValueError as e:
        raise click.UsageError(str(e)) from None
    argv = [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1"]
    argv += ["--nworkers", str(nworkers or os.cpu_count() or 1), "--no-dashboard"]
    argv += ["--preload", "syndicate.cluster", *(["--name", name] if name else []), *dask_args]
    # Dask samples a busy worker's stack every 10 ms for its dashboard: about a fifth of
    # the time of our many short engine calls (bench/cluster.py). Off unless asked for.
    os.environ.setdefault("DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED", "False")
    try:
        os.execv(sys.executable, argv)
    except OSError as e:
        _fail(f"cannot start the Dask worker ({e.strerror}); run `make setup`", 1)


@main.command()
@click.option("--from", "src", default="en", show_default=True, help="Source language.")
@click.option("--to", "targets", help="Targets to show routes for (default from settings).")
@click.option("--engine", help="Force one engine: argos or apertium.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def engines(src: str, targets: str | None, engine: str | None, as_json: bool) -> None:
    """List engines, the pairs they offer now, and the chain each target would use."""
    from syndicate.engines import ENGINES, EngineError, available_engines, route

    if engine and engine not in ENGINES:
        raise click.UsageError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    langs = _targets(targets) or _config().targets
    found = available_engines([engine] if engine else None)
    out: dict = {"engines": [], "routes": {}}
    for e in found:
        out["engines"].append({"name": e.name, "pairs": sorted(f"{a}-{b}" for a, b in e.pairs())})
    for t in langs:
        if t == src:
            continue  # the source is published as it is, not translated
        try:
            out["routes"][t] = route(found, src, t).label
        except EngineError as err:
            out["routes"][t] = None if as_json else f"none ({err})"
    if as_json:
        click.echo(json.dumps(out, indent=2))
        return
    for e in out["engines"]:
        click.echo(f"{e['name']}: {len(e['pairs'])} pairs: {' '.join(e['pairs']) or '(none)'}")
    for t, label in out["routes"].items():
        click.echo(f"  {src}->{t}: {label}")


@main.group()
def models() -> None:
    """Argos translation packages: list, find, install, remove."""


def _model_call(fn, *args):
    from syndicate.engines.models import ModelError

    try:
        return fn(*args)
    except ModelError as e:
        _fail(str(e), 1)


@models.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def models_list(as_json: bool) -> None:
    """Installed packages: pair, version, size and path."""
    from syndicate.engines import models as m

    rows = _model_call(m.installed)
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        click.echo("No Argos packages installed. `syndicate models install FILE` adds one.")
    for r in rows:
        click.echo(
            f"{r['from']}->{r['to']}  v{r['version']}  {r['tokenizer']}"
            f"  {r['size'] / 1e6:.1f} MB  {r['path']}"
        )


@models.command("available")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def models_available(as_json: bool) -> None:
    """Packages in the Argos index (needs internet; fails within 10 s without)."""
    from syndicate.engines import models as m

    pkgs = _model_call(m.available)
    rows = [{"from": p.from_code, "to": p.to_code, "version": p.package_version} for p in pkgs]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    for r in rows:
        click.echo(f"{r['from']}->{r['to']}  v{r['version']}")


@models.command("install")
@click.argument("source")
@click.argument("target", required=False)
def models_install(source: str, target: str | None) -> None:
    """Install from the index (`install en es`) or from a file (`install ./x.argosmodel`)."""
    from syndicate.engines import models as m

    path = Path(source)
    if target is None:
        if not (path.suffix == ".argosmodel" or path.exists()):
            raise click.UsageError("give a .argosmodel file, or two language codes: en es")
        meta = _model_call(m.install_file, path)
    else:
        meta = _model_call(m.install_pair, source, target)
    from syndicate.engines.argos import declared_pairs

    pairs = ", ".join(f"{a}->{b}" for a, b in declared_pairs(meta))
    click.echo(f"installed {pairs} v{meta.get('package_version')}")


@models.command("remove")
@click.argument("source")
@click.argument("target")
def models_remove(source: str, target: str) -> None:
    """Remove the installed SOURCE->TARGET package."""
    from syndicate.engines import models as m

    path = _model_call(m.remove, source, target)
    click.echo(f"removed {source}->{target} ({path})")


_desk_options = [
    click.option(
        "--translations",
        "translations_dir",
        type=click.Path(path_type=Path),
        help="Review folder (default from syndicate.toml).",
    ),
    click.option(
        "--config",
        "config_path",
        type=click.Path(path_type=Path, exists=True),
        help="Settings file (default: ./syndicate.toml).",
    ),
]


def desk_options(f):
    for option in reversed(_desk_options):
        f = option(f)
    return f


def state_options(f):
    """--feeds, --state, and the desk's --translations and --config."""
    f = desk_options(f)
    f = click.option("--state", "state_dir", type=click.Path(path_type=Path), help="State folder.")(
        f
    )
    return click.option(
        "--feeds", "feeds_dir", type=click.Path(path_type=Path), help="Feed folder."
    )(f)


@contextlib.contextmanager
def _outputs(feeds_dir, translations_dir, state_dir, config_path):
    """The state and outputs for a command that changes what is published; errors are
    one line."""
    from syndicate import runner
    from syndicate.desk import retract

    try:
        out = runner.Outputs.open(
            feeds=feeds_dir, translations=translations_dir, state=state_dir, config=config_path
        )
    except runner.SetupError as e:
        _fail(str(e), e.code)
    try:
        yield out
    except retract.RetractError as e:
        _fail(str(e), 1)
    finally:
        out.store.close()


def _retraction(action, feeds_dir, translations_dir, state_dir, config_path) -> list[str]:
    """Do ``action`` on the state, then rebuild the feeds and desk it changed."""
    with _outputs(feeds_dir, translations_dir, state_dir, config_path) as out:
        with out.store.transaction():
            langs = action(out.store)
        out.rebuild(langs)
    return langs


@main.command("retract")
@click.argument("slug", callback=_slug_arg)
@click.option("--lang", help="Only this language (default: every language).")
@click.option("--reason", default="", help="Why: kept on the record and shown on the desk.")
@state_options
def retract_cmd(slug, lang, reason, feeds_dir, translations_dir, state_dir, config_path) -> None:
    """Take SLUG out of every feed (or one language) now; no later run brings it back."""
    from syndicate.desk import retract

    langs = _retraction(
        lambda store: retract.retract(store, slug, lang, reason),
        feeds_dir,
        translations_dir,
        state_dir,
        config_path,
    )
    click.echo(f"retracted {slug} ({', '.join(langs)}); `syndicate restore {slug}` undoes it")


@main.command("restore")
@click.argument("slug", callback=_slug_arg)
@click.option("--lang", help="Only this language's retraction.")
@state_options
def restore_cmd(slug, lang, feeds_dir, translations_dir, state_dir, config_path) -> None:
    """Undo a retraction: SLUG is back in its feeds."""
    from syndicate.desk import retract

    langs = _retraction(
        lambda store: retract.restore(store, slug, lang),
        feeds_dir,
        translations_dir,
        state_dir,
        config_path,
    )
    click.echo(f"restored {slug} ({', '.join(langs)})")


@main.command("correct")
@click.argument("slug", callback=_slug_arg)
@click.argument("text")
@state_options
def correct_cmd(slug, text, feeds_dir, translations_dir, state_dir, config_path) -> None:
    """File a correction for SLUG: the next run adds it, translated, at the end of every
    language version and bumps its updated time (a Markdown source can instead carry
    `correction:` in its front matter)."""
    import datetime as dt

    from syndicate.desk import retract

    if not text.strip():
        raise click.UsageError("the correction text is empty")
    with _outputs(feeds_dir, translations_dir, state_dir, config_path) as out:
        if not out.store.item_languages(slug):
            raise retract.RetractError(
                f"no published article {slug!r}; see `syndicate review list`"
            )
        out.store.correct(slug, text.strip(), retract.who(), dt.datetime.now(dt.UTC))
    click.echo(f"correction filed for {slug}; `syndicate run` publishes it in every language")


@main.group()
def review() -> None:
    """The review desk: list translations, approve edits, find the pages."""


def _translations_dir(path: Path | None, config_path: Path | None) -> Path:

    return path or _config(config_path).translations


@review.command("list")
@desk_options
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def review_list(translations_dir: Path | None, config_path: Path | None, as_json: bool) -> None:
    """Every translation with its status and checks, held first."""
    from syndicate.desk.review import desk_rows

    rows = desk_rows(_translations_dir(translations_dir, config_path))
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("No translations yet: run `syndicate run` first.")
    for r in rows:
        c = r["checks"]
        click.echo(
            f"{r['status']:<9} {r['slug']} {r['source_lang']}->{r['lang']}  "
            f"quotes {c['quotes']} names {c['names']} numbers {c['numbers']} "
            f"paragraphs {c['paragraphs']}"
        )
        for p in r["problems"]:
            click.echo(f"          {p}")


@review.command("approve")
@click.argument("slug", callback=_slug_arg)
@click.argument("lang", callback=_lang_arg)
@desk_options
def review_approve(
    slug: str, lang: str, translations_dir: Path | None, config_path: Path | None
) -> None:
    """Approve SLUG's LANG translation (as edited): the next run publishes it as is."""
    from syndicate.desk.review import ReviewError, approve

    try:
        path = approve(_translations_dir(translations_dir, config_path), slug, lang)
    except ReviewError as e:
        _fail(str(e), 1)
        return
    click.echo(f"approved {path}; `syndicate run` publishes it")


@review.command("open")
@click.argument("slug", required=False, callback=_slug_arg)
@desk_options
def review_open(slug: str | None, translations_dir: Path | None, config_path: Path | None) -> None:
    """Print the path and URL of the desk page (or of one article's page)."""

    out = _translations_dir(translations_dir, config_path)
    rel = f"{slug}/index.html" if slug else "index.html"
    page = out / rel
    if not page.exists():
        _fail(f"no page {page}; run `syndicate run` first", 1)
    cfg = _config(config_path)
    click.echo(page.resolve().as_uri())
    click.echo(cfg.base_url.rstrip("/") + "/translations/" + rel + "  (with `syndicate serve`)")


@main.command()
@click.option(
    "--port", default=8080, show_default=True, type=click.IntRange(0, 65535), help="TCP port."
)
@click.option("--bind", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--feeds", "feeds_dir", type=click.Path(path_type=Path), help="Feeds folder.")
@desk_options
@click.option("-q", "--quiet", is_flag=True, help="No request log.")
def serve(
    port: int,
    bind: str,
    feeds_dir: Path | None,
    translations_dir: Path | None,
    config_path: Path | None,
    quiet: bool,
) -> None:
    """Serve feeds/ and translations/ over HTTP for feed readers and reviewers.

    Feeds get their proper content types, ETag and Last-Modified; unchanged feeds are
    answered 304. Listens on 127.0.0.1 unless --bind says otherwise.
    """
    from syndicate.publish.serve import make_server

    cfg = _config(config_path)
    mounts = {
        "feeds": feeds_dir or cfg.feeds,
        "translations": translations_dir or cfg.translations,
    }
    from syndicate.state.store import default_state_dir

    state = cfg.state or default_state_dir(mounts["feeds"].resolve().parent)
    try:
        server = make_server(mounts, bind, port, quiet, hidden=(state,))
    except (OSError, OverflowError) as e:
        why = getattr(e, "strerror", None) or str(e)
        _fail(f"cannot listen on {bind}:{port} ({why}); try another --port or --bind", 1)
        return
    host, real_port = server.server_address[:2]
    click.echo(f"Serving on http://{host}:{real_port}/feeds/index.html (Ctrl-C stops)", err=True)
    if warning := _base_url_mismatch(cfg.base_url, real_port):
        click.echo(warning, err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _base_url_mismatch(base_url: str, port: int) -> str | None:
    """A line when the feeds' links (base_url, written by `run`) point at a local port
    this server is not on: readers would follow every link to nothing."""
    from urllib.parse import urlsplit

    u = urlsplit(base_url)
    if u.hostname not in ("127.0.0.1", "localhost", "::1"):
        return None
    if (u.port or (443 if u.scheme == "https" else 80)) == port:
        return None
    fixed = f"{u.scheme}://{u.hostname}:{port}/"
    return (
        f"warning: the feeds link to {base_url} (base_url), not this port; set base_url ="
        f' "{fixed}" in syndicate.toml (or serve --port {u.port or 80}) and run again'
    )


if __name__ == "__main__":
    main()
