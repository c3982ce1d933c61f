"""The layers of langcheck, as a test: the picture in the README stays true.

The middle stages (segment, embed, align, extract, rules, model, and the language identifier
they share) never import the outer layers (cli, report, batch), whatever the import's place: at
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
OUTER = ("cli", "report", "batch")
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
