"""The layout stays as the docs describe it: packages by stage, no import cycles, and no
package module importing the top level (pipeline, runner, workers, cli)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "syndicate"
TOP = {
    "syndicate.pipeline",
    "syndicate.runner",
    "syndicate.workers",
    "syndicate.cluster",
    "syndicate.cli",
}


def _modules() -> dict[str, Path]:
    out = {}
    for f in ROOT.rglob("*.py"):
        name = ".".join(["syndicate", *f.relative_to(ROOT).with_suffix("").parts])
        out[name.removesuffix(".__init__")] = f
    return out


def _graph() -> dict[str, set[str]]:
    """Every import of a syndicate module, lazy ones inside functions too."""
    mods = _modules()
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for m, f in mods.items():
        for node in ast.walk(ast.parse(f.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("syndicate"):
                for a in node.names:
                    full = f"{node.module}.{a.name}"
                    target = full if full in mods else node.module
                    if target in mods and target != m:
                        graph[m].add(target)
    return graph


def _stage(m: str) -> str:
    parts = m.split(".")
    return ".".join(parts[:2])


def test_no_two_modules_or_stages_import_each_other():
    graph = _graph()
    pairs = {tuple(sorted((a, b))) for a, bs in graph.items() for b in bs if a in graph[b]}
    assert not pairs, pairs
    stages: dict[str, set[str]] = {}
    for a, bs in graph.items():
        stages.setdefault(_stage(a), set()).update(_stage(b) for b in bs if _stage(b) != _stage(a))
    both = {tuple(sorted((a, b))) for a, bs in stages.items() for b in bs if a in stages.get(b, ())}
    assert not both, both


def test_no_package_module_imports_the_top_level():
    graph = _graph()
    packaged = {m: bs for m, bs in graph.items() if m.count(".") >= 2}
    assert packaged, "the packages are there"
    above = {m: sorted(bs & TOP) for m, bs in packaged.items() if bs & TOP}
    assert not above, above


def test_each_stage_is_a_package_with_a_docstring():
    for stage in ("sources", "text", "keep", "engines", "check", "desk", "publish", "state"):
        init = ROOT / stage / "__init__.py"
        assert ast.get_docstring(ast.parse(init.read_text())), stage
