"""A corpus of bad input, built on demand (binary, huge and symlink-loop files do not
belong in git). Each entry: file name -> (what the run must say of it, or None when the
file must publish)."""

from __future__ import annotations

import os
from pathlib import Path

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 64
GOOD = (
    "Council opens new library after long delay\n"
    "The city council opened the new library on Monday after two years of delays, "
    'and Mayor Ana Rivers said "the wait was worth it" to a crowd of 300 people.\n'
    "By Helen Marsh\n"
)

EXPECTED: dict[str, str | None] = {
    "empty.txt": "empty file",
    "whitespace.txt": "empty file",
    "photo.txt": "binary file",
    "latin1.txt": "not valid UTF-8",
    "utf16.txt": None,
    "huge.txt": "too large",
    "headline-only.txt": "headline only",
    "no-byline.txt": None,
    "tiny.txt": "too little text",
    "japanese.txt": "no engine translates from ja",
    "controls.txt": None,
    "script.txt": None,
    "bad-yaml.md": "not valid YAML",
    "loop.txt": "cannot read",
}


def build(folder: Path) -> dict[str, str | None]:
    """Write the corpus into ``folder``; returns what to expect of each file."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "whitespace.txt").write_bytes(b"   \n\t\n  \n")
    (folder / "photo.txt").write_bytes(PNG)
    (folder / "latin1.txt").write_bytes(GOOD.replace("delays", "délais").encode("latin-1"))
    (folder / "utf16.txt").write_bytes(GOOD.replace("Council", "Town council").encode("utf-16"))
    paragraph = "The council met again and approved the plan for the bridge. " * 30
    with open(folder / "huge.txt", "w") as f:
        f.write("A very long article\n")
        while f.tell() < 10_000_000:
            f.write(paragraph + "\n")
    (folder / "headline-only.txt").write_text("Just a headline\n")
    (folder / "no-byline.txt").write_text(GOOD.rsplit("By ", 1)[0].replace("library", "pool"))
    (folder / "tiny.txt").write_text("Hi\nOk then.\n")
    (folder / "japanese.txt").write_text(
        "市議会が新しい図書館を開く\n市議会は月曜日、二年の遅れの後に新しい図書館を開いた。"
        "市長は多くの市民の前で、待った甲斐があったと述べた。\n"
    )
    (folder / "controls.txt").write_text(
        GOOD.replace("library", "\x01lib\x02rary\x0b")
        .replace("Monday", "Mon\x1bday")
        .replace("Council opens", "Council\x07 opens")
    )
    (folder / "script.txt").write_text(
        "Council debates <script>alert(1)</script> & ]]> markers\n"
        "The council said <script>steal()</script> & ]]> were found in the old website "
        "on Monday, and Mayor Ana Rivers asked for a full review of the code.\n"
        "By Helen Marsh\n"
    )
    (folder / "bad-yaml.md").write_text("---\ntitle: [unclosed\nauthor: x\n---\n\nBody text.\n")
    os.symlink("loop.txt", folder / "loop.txt")
    return dict(EXPECTED)
