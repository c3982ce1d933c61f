"""The layers of langcheck, as a test: the picture in the README stays true.

The middle stages (segment, embed, align, extract, rules, model, and the language identifier
they share) never import the outer layers (cli, api, report, batch), whatever the import's place: at
module level, inside a function (a lazy import is still a dependency) or under TYPE_CHECKING.
Reports render findings; they never import the rules that made them. Read from the source with
`ast`, so it costs milliseconds and needs no import-linter.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "langcheck"

MIDDLE = ("segment", "embed", "align", "extract", "rules", "model", "language")
OUTER = ("cli", "api", "report", "batch")
# layer -> the layers it may never import
FORBIDDEN = {**{layer: OUTER for layer in MIDDLE}, "report": ("rules",)}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path) -> set[str]:
    """Every langcheck module the file at `path` imports."""
    return imports_in(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")


def imports_in(source: str, name: str, is_package: bool) -> set[str]:
    """Every langcheck module imported by `source` (module `name`): absolute and relative, at
    module level or anywhere inside it."""
    package = name.split(".") if is_package else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            found.add(target)
            # `from langcheck import batch` imports the module langcheck.batch
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return {m for m in found if m == "langcheck" or m.startswith("langcheck.")}


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def modules_in(layer: str) -> list[Path]:
    folder = PACKAGE / layer
    return sorted(folder.rglob("*.py")) if folder.is_dir() else [PACKAGE / f"{layer}.py"]


def violations(path: Path, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(m for m in imported_modules(path) if layer_of(m) in forbidden)


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_never_imports_the_layers_outside_it(layer: str) -> None:
    files = modules_in(layer)
    assert files and all(f.exists() for f in files), f"layer {layer} not found: the test is stale"
    broken = {module_name(f): violations(f, FORBIDDEN[layer]) for f in files}
    assert {m: v for m, v in broken.items() if v} == {}


@pytest.mark.parametrize(
    ("source", "module", "is_package", "outer"),
    [
        ("from langcheck.report.json import render_json\n", "langcheck.rules.numbers", False, {"report"}),
        ("def f():\n    from langcheck import cli\n", "langcheck.extract.names", False, {"cli"}),
        ("if TYPE_CHECKING:\n    import langcheck.batch\n", "langcheck.model", False, {"batch"}),
        ("from ..batch import check_releases\n", "langcheck.align.groups", False, {"batch"}),
        ("from .report import text\n", "langcheck.embed", True, set()),  # langcheck.embed.report
        ("from . import base\nfrom .base import rule\n", "langcheck.rules", True, set()),
        ("import numpy\nfrom typing import Any\n", "langcheck.model", False, set()),
    ],
)
def test_imports_are_found_wherever_they_are(source: str, module: str, is_package: bool, outer: set[str]) -> None:
    # A checker that missed lazy or relative imports would pass on any tree.
    found = {layer_of(m) for m in imports_in(source, module, is_package)}
    assert found & set(OUTER) == outer


# --- the run layers ---------------------------------------------------------------------------
#
#     cli       parse options, call the library, render, exit status
#     api       check(path) -> Report: the one call the CLI and library users make
#     batch     which release folders, and where each is checked (this process, a pool, Dask)
#     pipeline  one release: load, align, extract, compare (Session, check_release)
#
# Each may import only the layers below it, never one above, wherever the import is: a circle
# of lazy imports between pipeline and batch is what made the code hard to follow.

# Top first: a layer may import those after it, never those before it.
RUN_LAYERS = ("langcheck.cli", "langcheck.api", "langcheck.batch", "langcheck.pipeline")
ROOT = "langcheck"


def import_graph() -> dict[str, set[str]]:
    """module -> the langcheck modules it imports (names that are no module are dropped)."""
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {
        name: {m for m in imports_in(path.read_text(encoding="utf-8"), name, path.name == "__init__.py")
               if m in files and m != name}
        for name, path in files.items()
    }


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    """The modules `start` imports, directly or through others. The package root is not walked
    through: it holds `__version__` (which reporters import) and `check`, a lazy facade over
    `api` that importing the version never runs (its own imports are tested on their own)."""
    seen: set[str] = set()
    todo = list(graph.get(start, ()))
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            if module != ROOT:
                todo.extend(graph.get(module, ()))
    return seen


def test_every_run_layer_exists() -> None:
    graph = import_graph()
    assert [m for m in RUN_LAYERS if m not in graph] == []


@pytest.mark.parametrize("layer", RUN_LAYERS)
def test_a_run_layer_never_imports_a_layer_above_it(layer: str) -> None:
    above = RUN_LAYERS[: RUN_LAYERS.index(layer)]
    assert sorted(m for m in import_graph()[layer] if m in above) == []


@pytest.mark.parametrize("layer", RUN_LAYERS)
def test_no_run_layer_is_on_an_import_circle(layer: str) -> None:
    # Through any module at all: pipeline -> x -> batch -> pipeline is a circle too.
    graph = import_graph()
    assert layer not in reachable(graph, layer)


def test_the_package_root_reaches_the_run_only_through_the_api() -> None:
    assert sorted(m for m in import_graph()[ROOT] if m in RUN_LAYERS) == ["langcheck.api"]


def test_the_middle_stages_reach_no_run_layer() -> None:
    graph = import_graph()
    middle = [m for m in graph if m.split(".")[1:2] and m.split(".")[1] in
              ("load", "segment", "embed", "align", "extract", "rules", "model", "language", "report")]
    assert middle
    assert {m: sorted(reachable(graph, m) & set(RUN_LAYERS)) for m in middle if reachable(graph, m) & set(RUN_LAYERS)} == {}


@pytest.mark.parametrize(
    ("source", "module", "is_package", "expected"),
    [
        ("def f():\n    from langcheck.batch import check_releases\n", "langcheck.pipeline", False,
         {"langcheck.batch", "langcheck.batch.check_releases"}),
        ("from . import batch\n", "langcheck.api", False, {"langcheck", "langcheck.batch"}),
        ("if TYPE_CHECKING:\n    import langcheck.cli\n", "langcheck.batch", False, {"langcheck.cli"}),
        ("from .base import rule\n", "langcheck.rules", True, {"langcheck.rules.base", "langcheck.rules.base.rule"}),
        ("import numpy\nfrom typing import Any\n", "langcheck.pipeline", False, set()),
    ],
)
def test_imports_are_found_with_their_names(source: str, module: str, is_package: bool, expected: set[str]) -> None:
    # A checker that missed lazy or relative imports would pass on any tree.
    assert imports_in(source, module, is_package) == expected


def test_a_circle_is_seen() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert "a" in reachable(graph, "a") and "d" not in reachable(graph, "d")
    assert "c" in reachable({"c": {ROOT}, ROOT: {"c"}}, ROOT) and "c" not in reachable({"c": {ROOT}, ROOT: {"c"}}, "c")


def test_the_cli_writes_files_only_through_langcheck_outputs() -> None:
    # Guarding and atomic writes are the library's (langcheck.outputs), so the Python API and
    # the CLI write alike; the CLI parses, calls, renders and sets the exit status.
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    calls = {ast.unparse(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    assert imported & {"tempfile", "stat", "shutil"} == set()
    assert calls & {"open", "os.replace", "os.rename", "os.chmod", "os.fdopen", "tempfile.mkstemp"} == set()
    assert "langcheck.outputs" in import_graph()["langcheck.cli"]
