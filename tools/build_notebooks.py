"""Build executed notebooks from their jupytext sources.

Each lesson is written as ``notebooks/NN_name.py`` (jupytext ``py:percent``) so a change reads as a
plain diff; this script turns it into ``NN_name.ipynb``, runs it top to bottom in a fresh kernel
from the notebook's own folder, strips the per-run widget state, and writes it back. nbval then
checks on every ``make test`` that the stored outputs still come out.

    python tools/build_notebooks.py                    # every notebook source
    python tools/build_notebooks.py notebooks/01_*.py  # some
"""

from __future__ import annotations

import sys
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIRS = ("notebooks", "exercises/solutions")
KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def sources() -> list[Path]:
    """Every paired notebook source (``.py`` with a jupytext header) under the lesson folders."""
    found = []
    for folder in SOURCE_DIRS:
        for path in sorted((ROOT / folder).glob("*.py")):
            if path.read_text(encoding="utf-8").startswith("# ---\n# jupyter:"):
                found.append(path)
    return found


def build(source: Path, timeout: int = 300) -> Path:
    """Convert, execute and write one notebook; return the ``.ipynb`` path."""
    notebook = jupytext.read(source)
    notebook.metadata["kernelspec"] = KERNEL
    notebook.metadata.setdefault("jupytext", {})["formats"] = "ipynb,py:percent"
    client = NotebookClient(
        notebook, timeout=timeout, kernel_name="python3",
        resources={"metadata": {"path": str(source.parent)}},
    )
    client.execute()
    notebook.metadata.pop("widgets", None)
    # Stable ids and no timing metadata, so a rebuild changes only what really changed.
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index:03d}"
        cell.metadata.pop("execution", None)
    target = source.with_suffix(".ipynb")
    nbformat.write(notebook, target)
    return target


def main(argv: list[str]) -> int:
    paths = [Path(a).resolve() for a in argv] or sources()
    for path in paths:
        print(f"building {path.relative_to(ROOT)}", flush=True)
        build(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
