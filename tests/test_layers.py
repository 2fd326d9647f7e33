"""The layer order of the package (the map in docs/architecture.md): bottom to top, a module may
import only from its own layer or a layer below; no import cycle; no module over 500 lines; every
module has one import path (no module only re-exports another's names under an old path).

Every module under pannet_edu is parsed with ``ast`` (nothing is imported), every ``import`` and
``from ... import`` is counted, also those inside functions (a lazy import is still a dependency:
the handouts <-> class-sheets cycle was one), and each module is placed in its layer by its path.

One module is not in a layer: the root ``pannet_edu/__init__.py`` (the public API, which
re-exports from every layer; importing ``__version__`` from it is allowed).
"""

from __future__ import annotations

import ast
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "pannet_edu"
MAX_LINES = 500

LAYER_NAMES = {0: "vocab/display", 1: "content", 2: "clinic", 3: "engine", 4: "evidence",
               5: "practice", 6: "views", 7: "plots", 8: "widgets", 9: "publish",
               10: "entry points"}
#: Subpackages: every module inside takes the package's layer.
PACKAGE_LAYERS = {"content": 1, "clinic": 2, "engine": 3, "evidence": 4, "practice": 5,
                  "views": 6, "plots": 7, "widgets": 8, "publish": 9, "export": 9, "app": 10}
#: The modules at the root of the package; a new root module needs a layer here.
ROOT_LAYERS = {"vocab": 0, "display": 0, "formatting": 0, "safe_files": 0, "check": 10,
               "cli": 10, "hub": 10, "attempt_commands": 10, "learner_commands": 10}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def is_package(name: str) -> bool:
    return modules()[name].name == "__init__.py"


@cache
def tree(name: str) -> ast.Module:
    return ast.parse(modules()[name].read_text(encoding="utf-8"), filename=str(modules()[name]))


def is_reexport_only(name: str) -> bool:
    """A module whose whole body is imports (and ``__all__``): an old path kept for its names."""
    body = [node for node in tree(name).body
            if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))]
    return bool(body) and not is_package(name) and all(
        isinstance(node, (ast.Import, ast.ImportFrom))
        or (isinstance(node, ast.Assign)
            and [getattr(target, "id", "") for target in node.targets] == ["__all__"])
        for node in body)


def layer(name: str) -> int | None:
    """The layer of a module; None for the root package (the public API)."""
    parts = name.split(".")
    if parts == ["pannet_edu"]:
        return None
    if len(parts) > 2 or is_package(".".join(parts[:2])):
        sub = parts[1]
        if sub not in PACKAGE_LAYERS:
            raise AssertionError(f"{name}: subpackage {sub!r} has no layer; add it to "
                                 "PACKAGE_LAYERS (and to docs/architecture.md)")
        return PACKAGE_LAYERS[sub]
    if parts[1] not in ROOT_LAYERS:
        raise AssertionError(f"{name}: module has no layer; add it to ROOT_LAYERS (and to "
                             "docs/architecture.md)")
    return ROOT_LAYERS[parts[1]]


def _resolve(importer: str, node: ast.ImportFrom) -> str:
    base = importer.split(".") if is_package(importer) else importer.split(".")[:-1]
    if node.level:
        base = base[: len(base) - (node.level - 1)]
        return ".".join([*base, *(node.module.split(".") if node.module else [])])
    return node.module or ""


@cache
def imports(name: str) -> tuple[str, ...]:
    """The pannet_edu modules ``name`` imports, anywhere in its code."""
    found: set[str] = set()
    known = modules()
    for node in ast.walk(tree(name)):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = _resolve(name, node)
            for alias in node.names:
                sub = f"{module}.{alias.name}"
                targets.append(sub if sub in known else module)
        for target in targets:
            while target and target not in known:  # `import pannet_edu.x.y` names a module
                target = target.rpartition(".")[0]
            if target.startswith("pannet_edu") and target != name:
                found.add(target)
    return tuple(sorted(found))


def layered() -> list[str]:
    return [name for name in modules() if name != "pannet_edu"]


def _edges() -> list[tuple[str, str]]:
    return [(a, b) for a in layered() for b in imports(a) if b != "pannet_edu"]


def test_every_module_has_a_layer():
    for name in layered():
        assert layer(name) in LAYER_NAMES, name


def upward(edges: list[tuple[str, str]]) -> list[str]:
    """Each import from a higher layer, said with both modules and both layers."""
    return [f"  {a} (layer {layer(a)} {LAYER_NAMES[layer(a)]}) imports {b} "
            f"(layer {layer(b)} {LAYER_NAMES[layer(b)]})"
            for a, b in sorted(set(edges))
            if layer(b) > layer(a)]


def test_no_module_imports_from_a_higher_layer():
    found = upward(_edges())
    assert not found, "imports from a higher layer:\n" + "\n".join(found)


def test_an_upward_import_is_reported_with_both_layers():
    assert upward([("pannet_edu.vocab", "pannet_edu.publish.handouts"),
                   ("pannet_edu.publish.handouts", "pannet_edu.vocab")]) == [
        "  pannet_edu.vocab (layer 0 vocab/display) imports pannet_edu.publish.handouts "
        "(layer 9 publish)"]


def test_every_module_has_one_import_path():
    """No module only re-exports names that live elsewhere (the project has no outside users
    whose old imports would need keeping)."""
    found = sorted(name for name in layered() if is_reexport_only(name))
    assert not found, "modules that only re-export another module (import the home):\n" + (
        "\n".join(f"  {name}" for name in found))


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    graph = defaultdict(list)
    for a, b in _edges():
        graph[a].append(b)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in layered():
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle():
    cycles = _cycles()
    assert not cycles, "import cycles (each line: modules that import one another):\n" + (
        "\n".join("  " + " <-> ".join(f"{m} (layer {layer(m)})" for m in c) for c in cycles))


def test_no_module_is_over_500_lines():
    long = {name: len(modules()[name].read_text(encoding="utf-8").splitlines())
            for name in modules()}
    over = {name for name, count in long.items() if count > MAX_LINES}
    new = sorted(over)
    assert not new, "modules over 500 lines (split them):\n" + "\n".join(
        f"  {name}: {long[name]} lines (layer {layer(name)})" for name in new)


#: The exception classes the package declares, each carrying a meaning a caller acts on:
#: a content file is wrong (named file, entry, field), and a learner's export file is refused (the
#: class report lists the refused files beside the report). Every other bad input is a plain
#: ``ValueError`` or ``TypeError`` whose message names the argument.
EXCEPTION_CLASSES = {"ContentError", "RefusedFile"}


def _is_exception_base(base: ast.expr) -> bool:
    name = base.id if isinstance(base, ast.Name) else getattr(base, "attr", "")
    return name.endswith(("Error", "Exception")) or name in EXCEPTION_CLASSES


def test_the_package_declares_two_exception_classes_and_no_alias():
    declared, aliases = set(), []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(map(_is_exception_base, node.bases)):
                declared.add(node.name)
            # ``OldError = ContentError``: a second name for one class.
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Name)
                    and node.value.id in EXCEPTION_CLASSES):
                aliases.append(f"{name}: {ast.unparse(node)}")
    assert declared == EXCEPTION_CLASSES, f"exception classes: {sorted(declared)}"
    assert not aliases, "aliases of an exception class:\n" + "\n".join(aliases)


@pytest.mark.parametrize(
    ("source", "expected"),
    [("from .content.errors import ContentError", "pannet_edu.content.errors"),
     ("from . import display", "pannet_edu.display"),
     ("from .. import __version__", "pannet_edu")],
)
def test_the_import_reader_resolves_relative_imports(source, expected):
    name = "pannet_edu.vocab" if not source.startswith("from ..") else "pannet_edu.publish.pdf"
    node = ast.parse(source).body[0]
    module = _resolve(name, node)
    sub = f"{module}.{node.names[0].name}"
    assert (sub if sub in modules() else module) == expected
