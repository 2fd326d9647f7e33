"""The clinic and evidence layers import only from the layers below them (no upward import)."""

import ast
from pathlib import Path

import pannet_edu

PACKAGE = Path(pannet_edu.__file__).parent

#: What each layer may import from the package (the reader, validators and citations are the
#: content layer's, wherever they sit today).
BELOW_CLINIC = ("vocab", "display", "content", "_datafile", "_validate", "sources")
ALLOWED = {
    "clinic": (*BELOW_CLINIC, "clinic"),
    "evidence": (*BELOW_CLINIC, "clinic", "engine.catalogue", "evidence"),
}
#: One lazy import waits for the content layer's review dates (moving to content.reviews).
WAITING = {("evidence", "handouts")}


def imports_of(path: Path, layer: str) -> set[str]:
    """The pannet_edu modules one file imports, as dotted names below ``pannet_edu``."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = [layer] if node.level == 1 else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            if module:
                found.add(module)
            else:  # "from .. import sources"
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pannet_edu."):
            found.add(node.module.removeprefix("pannet_edu."))
    return found


def test_no_upward_import():
    wrong = []
    for layer, allowed in ALLOWED.items():
        for path in sorted((PACKAGE / layer).glob("*.py")):
            for module in imports_of(path, layer):
                ok = any(module == a or module.startswith(a + ".") for a in allowed)
                if not ok and (layer, module) not in WAITING:
                    wrong.append(f"{layer}/{path.name} imports {module}")
    assert not wrong, wrong
