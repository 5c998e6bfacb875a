"""An editor's work is never lost: what an editor does to the review files, then a run,
then a look at the files and the feeds."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import time

import feedparser
import pytest
from test_review import MACHINE_LINE, edit, feed_text, meta_of, review

from conftest import copy_articles, run_command, write_wires

SLUG = "harbour-bridge-vote"


@pytest.fixture
def published(run, inbox):
    copy_articles(inbox, f"{SLUG}.txt")
    result, _ = run(inbox, "--to", "es")
    assert result.exit_code == 0
    return run.translations / SLUG / "es.md"


def test_an_unapproved_edit_is_kept_byte_for_byte(run, inbox, published):
    es = published
    before = feed_text(run).content[0].value
    edit(es, MACHINE_LINE, "La moción salió adelante por 23 votos a 14.")
    edited = es.read_bytes()
    result, data = run(inbox, "--to", "es")
    assert result.exit_code == 0
    (t,) = data["articles"][0]["targets"]
    assert t["status"] == "edited" and t["paths"]["machine"].endswith("es.machine.md")
    assert es.read_bytes() == edited
    machine = es.parent / "es.machine.md"
    assert MACHINE_LINE in machine.read_text()
    assert feed_text(run).content[0].value == before  # not published until approved
    (row,) = json.loads(review(run, "list", "--json").output)
    assert row["status"] == "edited" and row["machine"]
    assert 'class="badge edited"' in (run.translations / "index.html").read_text()
    page = (es.parent / "index.html").read_text()
    assert 'data-status="edited"' in page and "Edited, not approved" in page

    run(inbox, "--to", "es")  # and the run after, and a rerun with the source touched
    edit(inbox / f"{SLUG}.txt", "in March.", "in April.")
    run(inbox, "--to", "es")
    assert es.read_bytes() == edited and "abril" in machine.read_text()

    es.unlink()  # the editor gives up: the machine's version comes back
    result, data = run(inbox, "--to", "es")
    assert data["articles"][0]["targets"][0]["status"] == "published"
    assert "abril" in es.read_text() and not machine.exists()
    assert "abril" in feed_text(run).content[0].value


@pytest.mark.parametrize(
    "damage, where",
    [
        (
            lambda t: t.replace("status: published", "status: approved\ntitle: Ciudad: gratis"),
            "LINE",
        ),
        (lambda t: t.encode("latin-1", "replace") + b"\xff\xfe", "not UTF-8"),
        (lambda t: t.split("\n---\n")[0] + "\n---\n\n", "no text"),
    ],
    ids=["bad-yaml", "bad-encoding", "no-body"],
)
def test_a_file_that_cannot_be_read_is_left_as_it_is(run, inbox, published, damage, where):
    es = published
    before = feed_text(run).content[0].value
    broken = damage(es.read_text())
    es.write_bytes(broken if isinstance(broken, bytes) else broken.encode())
    bytes_before = es.read_bytes()
    if where == "LINE":  # the line of the unquoted colon, counted in the file
        where = f":{bytes_before.decode().splitlines().index('title: Ciudad: gratis') + 1}:"
    result, data = run(inbox, "--to", "es", as_json=False)
    assert result.exit_code == 1
    (line,) = [x for x in result.output.splitlines() if x.startswith("error:")]
    assert str(es) in line and where in line and "delete it" in line
    assert "1 failed" in result.output
    assert es.read_bytes() == bytes_before
    assert feed_text(run).content[0].value == before  # what was published stays
    (row,) = json.loads(review(run, "list", "--json").output)
    assert row["status"] == "unreadable" and where in row["problems"][0]


def test_an_approved_edit_is_checked_and_the_one_report_is_everywhere(run, inbox, published):
    es = published
    text = es.read_text()
    # Drops a quotation's marks and changes a name: both real editing slips.
    text = text.replace("Mark Stone", "Mark Piedra", 1)
    quoted = [p for p in text.split("\n\n") if p.startswith("«")][0]
    text = text.replace(quoted, quoted.replace("«", "").replace("»", ""), 1)
    es.write_text(text)
    review(run, "approve", SLUG, "es")
    result, data = run(inbox, "--to", "es", as_json=False)
    assert result.exit_code == 0  # the editor's call: published, flagged
    out = result.output
    assert out.startswith("approved") and "quotes 4/6" in out and "names: missing" in out
    fid = meta_of(es)["fidelity"]
    assert fid["quotes"] == "4/6" and any("Mark Stone" in p for p in fid["problems"])
    (row,) = json.loads(review(run, "list", "--json").output)
    assert row["status"] == "approved" and row["problems"] == fid["problems"]
    assert row["checks"]["quotes"] == "4/6"
    page = (es.parent / "index.html").read_text()
    assert 'data-status="approved"' in page and "names: missing Mark Stone" in page
    assert "Mark Piedra" in feed_text(run).content[0].value


@pytest.mark.parametrize("seed", [1, 2])
def test_a_killed_run_never_loses_an_edit(tmp_path, seed):
    inbox = tmp_path / "in"
    inbox.mkdir()
    copy_articles(inbox, f"{SLUG}.txt", "biblioteca-reabre.txt")
    args = run_command(tmp_path, inbox, "--to", "es,fr", "-q")
    subprocess.run(args, check=True, timeout=120)
    es = tmp_path / "t" / SLUG / "es.md"
    fr = tmp_path / "t" / SLUG / "fr.md"
    edit(es, MACHINE_LINE, "EDITADO por 23 votos a 14.")
    fr.write_text(fr.read_text().replace("status: published", "status: approved"))
    kept = {es: es.read_bytes(), fr: fr.read_bytes()}
    edit(inbox / f"{SLUG}.txt", "in March.", "in April.")  # new machine text for both
    write_wires(inbox, 12)
    proc = subprocess.Popen(args)
    time.sleep(random.Random(seed).uniform(0.05, 1.5))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert es.read_bytes() == kept[es]
    assert fr.read_bytes().replace(b"status: stale", b"status: approved") == kept[fr]
    done = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert es.read_bytes() == kept[es]
    assert b"status: stale" in fr.read_bytes()
    assert fr.read_bytes().replace(b"status: stale", b"status: approved") == kept[fr]
    entries = feedparser.parse(tmp_path / "f" / "fr" / "atom.xml").entries
    assert any(e.id.endswith(f"{SLUG}/fr") for e in entries)


def _ids(run, lang):
    return [e.id for e in feedparser.parse(run.feeds / lang / "atom.xml").entries]


def state_args(run):
    return [
        "--feeds",
        str(run.feeds),
        "--translations",
        str(run.translations),
        "--state",
        str(run.state),
    ]


def test_retract_and_restore_round_trip(run, inbox):
    from click.testing import CliRunner

    from syndicate.cli import main

    copy_articles(inbox, f"{SLUG}.txt", "biblioteca-reabre.txt")
    _, before = run(inbox, "--to", "es,fr")
    item = f"{SLUG}/fr"
    assert any(i.endswith(item) for i in _ids(run, "fr"))
    cli = CliRunner()
    r = cli.invoke(
        main, ["retract", SLUG, "--lang", "fr", "--reason", "wrong vote count", *state_args(run)]
    )
    assert r.exit_code == 0 and "retracted" in r.output
    assert not any(i.endswith(item) for i in _ids(run, "fr"))  # out of the feed at once
    assert any(i.endswith(f"{SLUG}/es") for i in _ids(run, "es"))  # other languages stay
    rows = {(x["slug"], x["lang"]): x for x in json.loads(review(run, "list", "--json").output)}
    row = rows[(SLUG, "fr")]
    assert row["status"] == "retracted" and row["retraction"]["reason"] == "wrong vote count"
    assert row["retraction"]["who"] and row["retraction"]["at"]
    assert "wrong vote count" in (run.translations / SLUG / "index.html").read_text()

    # the source file is still there: it stays out, and the run says so
    _, data = run(inbox, "--to", "es,fr")
    (a,) = [a for a in data["articles"] if a["slug"] == SLUG]
    assert {t["lang"]: t["status"] for t in a["targets"]} == {"es": "published", "fr": "retracted"}
    assert data["totals"]["retracted"] == 1
    assert data["totals"]["published"] == before["totals"]["published"] - 1
    text, _ = run(inbox, "--to", "es,fr", as_json=False)
    assert f"retracted {SLUG} en->fr" in text.output and "1 retracted" in text.output
    edit(inbox / f"{SLUG}.txt", "in March.", "in April.")
    run(inbox, "--to", "es,fr")
    assert not any(i.endswith(item) for i in _ids(run, "fr"))

    r = cli.invoke(main, ["retract", SLUG, *state_args(run)])  # the whole article
    assert r.exit_code == 0
    assert not any(SLUG in i for lang in ("en", "es", "fr") for i in _ids(run, lang))

    r = cli.invoke(main, ["restore", SLUG, *state_args(run)])
    assert r.exit_code == 0 and "restored" in r.output
    for lang in ("es", "fr"):
        (entry,) = [
            e for e in feedparser.parse(run.feeds / lang / "atom.xml").entries if SLUG in e.id
        ]
        assert {"es": "abril", "fr": "avril"}[lang] in entry.content[
            0
        ].value  # back, with the text of the latest run
    r = cli.invoke(main, ["restore", SLUG, *state_args(run)])
    assert r.exit_code == 1 and "not retracted" in r.output
    r = cli.invoke(main, ["retract", "no-such-story", *state_args(run)])
    assert r.exit_code == 1 and "no published article" in r.output


def test_a_deleted_source_is_reported_and_pruned(run, inbox):
    copy_articles(inbox, f"{SLUG}.txt", "biblioteca-reabre.txt")
    run(inbox, "--to", "es")
    (inbox / f"{SLUG}.txt").unlink()
    result, data = run(inbox, "--to", "es", as_json=False)
    assert result.exit_code == 0
    assert f"orphan: {SLUG}" in result.stderr and "--prune" in result.stderr
    assert any(SLUG in i for i in _ids(run, "es"))  # reported, not silently dropped
    result, data = run(inbox, "--to", "es", "--prune")
    assert data["pruned"] == [SLUG] and data["orphans"] == []
    assert not any(SLUG in i for i in _ids(run, "es"))
    assert any("biblioteca" in i for i in _ids(run, "es"))
    _, data = run(inbox, "--to", "es")
    assert data["orphans"] == []  # retracted: no longer an orphan


def test_corrections_reach_every_language_and_bump_updated(run, inbox):
    from click.testing import CliRunner

    from syndicate.cli import main

    copy_articles(inbox, "river-festival.md", f"{SLUG}.txt")
    run(inbox, "--to", "es,fr")
    md = inbox / "river-festival.md"
    slug = "riverside-festival-returns"
    before = {e.id: e.updated for e in feedparser.parse(run.feeds / "es" / "atom.xml").entries}
    time.sleep(1.1)  # item times have one-second resolution
    md.write_text(
        md.read_text().replace(
            "---\n", "---\ncorrection: The festival opens on Saturday, not Friday.\n", 1
        )
    )
    result, data = run(inbox, "--to", "es,fr")
    assert result.exit_code == 0, data
    es = feedparser.parse(run.feeds / "es" / "atom.xml")
    (entry,) = [e for e in es.entries if slug in e.id]
    assert "Corrección:" in entry.content[0].value and "sábado" in entry.content[0].value
    assert entry.updated != before[entry.id]
    fr = (run.translations / slug / "fr.md").read_text().split("\n\n")
    # en->ca->fr: "ouvre en samedi" (ca "obre dissabte"), a pivot wording noted for planning
    assert fr[-2].startswith("Correction\u00a0: Le festival ouvre") and "samedi" in fr[-2], fr[-2]

    r = CliRunner().invoke(
        main, ["correct", SLUG, "The vote was 23 to 14, not 23 to 15.", *state_args(run)]
    )
    assert r.exit_code == 0 and "correction filed" in r.output
    _, data = run(inbox, "--to", "es,fr")
    bridge = [a for a in data["articles"] if a["slug"] == SLUG][0]
    assert not bridge.get("unchanged")
    es_text = (run.translations / SLUG / "es.md").read_text()
    assert es_text.split("\n\n")[-2] == "Corrección: El voto era 23 a 14, no 23 a 15."
    r = CliRunner().invoke(main, ["correct", "nope", "x", *state_args(run)])
    assert r.exit_code == 1 and "no published article" in r.output


def test_a_correction_reaches_an_approved_translation_too(run, inbox):
    """The approved Spanish stayed published without the correction every other
    language got; now the note's translation goes at its end and the desk says stale."""
    from click.testing import CliRunner

    from syndicate.cli import main

    copy_articles(inbox, f"{SLUG}.txt")
    run(inbox, "--to", "es,fr")
    es = run.translations / SLUG / "es.md"
    edit(es, MACHINE_LINE, "EDITADO por 23 votos a 14.")
    es.write_text(es.read_text().replace("status: published", "status: approved"))
    run(inbox, "--to", "es,fr")
    r = CliRunner().invoke(
        main, ["correct", SLUG, "The vote was 23 to 14, not 23 to 15.", *state_args(run)]
    )
    assert r.exit_code == 0
    _, data = run(inbox, "--to", "es,fr")
    (a,) = data["articles"]
    assert {t["lang"]: t["status"] for t in a["targets"]}["es"] == "stale"
    (entry,) = [e for e in feedparser.parse(run.feeds / "es" / "atom.xml").entries if SLUG in e.id]
    content = entry.content[0].value
    assert "EDITADO por 23 votos a 14." in content  # the editor's text stands
    assert "Corrección: El voto era 23 a 14" in content  # with the correction
