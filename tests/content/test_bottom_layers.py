"""The bottom layers and the views import nothing above them (layer map of issue 13)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "pannet_edu"

#: Modules -> the package modules (first dotted part below pannet_edu) they may import.
ALLOWED = {
    "display.py": set(),
    "vocab.py": {"display"},
    "content": {"display", "vocab", "content"},
    "views": {"display", "vocab", "content", "engine", "evidence", "wording", "views", "clinic"},
}
#: Compatibility stubs only re-export; they are not layers.
STUBS = {"engine/render.py"}


def _package_imports(path: Path) -> set[str]:
    """First dotted part (below pannet_edu) of every package module a file imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = path.relative_to(PACKAGE).parts[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(here[: len(here) - node.level + 1])
                parts = base + (node.module.split(".") if node.module else [])
                if not parts:  # "from . import x" at the top of the package
                    found.update(alias.name for alias in node.names)
                    continue
                found.add(parts[0])
            elif node.module and node.module.startswith("pannet_edu."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names
                         if a.name.startswith("pannet_edu."))
    return found


def _files(key: str) -> list[Path]:
    target = PACKAGE / key
    return [target] if target.is_file() else sorted(target.rglob("*.py"))


@pytest.mark.parametrize("key", sorted(ALLOWED))
def test_layer_imports_only_from_itself_or_below(key):
    for path in _files(key):
        upward = _package_imports(path) - ALLOWED[key] - {key.removesuffix(".py")}
        assert not upward, f"{path.relative_to(PACKAGE)} imports {sorted(upward)}"


def test_the_engine_imports_no_view():
    for path in sorted((PACKAGE / "engine").glob("*.py")):
        if path.relative_to(PACKAGE).as_posix() in STUBS:
            continue
        imports = _package_imports(path)
        assert "views" not in imports, f"{path.name} imports the views"
        assert not imports & {"widgets", "plots", "publish"}, path.name
