"""Build executed notebooks from their jupytext sources.

Each lesson is written as ``notebooks/NN_name.py`` (jupytext ``py:percent``) so a change reads as a
plain diff; this script turns it into ``NN_name.ipynb``, runs it top to bottom in a fresh kernel
from the notebook's own folder, strips the per-run widget state, and writes it back. nbval then
checks on every ``make test`` that the stored outputs still come out.

The pairing is this script's alone: neither file names the other (see :func:`unpaired`), so a
Jupyter server with jupytext (a learner's on a hub) saves a notebook without touching its
``.py``. Edit the ``.py`` and rebuild; an edit made to a stored ``.ipynb`` in JupyterLab does not
reach its ``.py``.

A cell that only shows a tool (``TrialExplorer(therapy_class="tki")``) or a self-check (whose code
holds the answers) is stored with its code folded away (``jupyter.source_hidden``, which
JupyterLab and Notebook 7 honour: a learner sees the tool and can still unfold the code); see
:func:`shows_only_a_tool`.

A rebuild with no content change is byte-stable: cell ids are numbered, timing metadata is dropped
and each widget view's ``model_id`` (a random UUID per run) is replaced by one derived from the
notebook's name and the output's position, so only a real change shows in ``git diff``.

    python tools/build_notebooks.py                    # every notebook source
    python tools/build_notebooks.py notebooks/01_*.py  # some
    python tools/build_notebooks.py --check notebooks/00_start_here.py
        # rebuild in memory; exit 1 if the stored notebook's bytes would change
"""

from __future__ import annotations

import ast
import sys
import uuid
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

from pannet_edu import widgets

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIRS = ("notebooks", "exercises/solutions")
KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"
#: Namespace of the derived widget model ids (any fixed UUID would do; this one never changes).
_MODEL_ID_NAMESPACE = uuid.UUID("6f1c2a4e-9d3b-4c1e-8a57-0e2d5b7c9f10")


def sources() -> list[Path]:
    """Every paired notebook source (``.py`` with a jupytext header) under the lesson folders.

    Names starting with ``_`` (``notebooks/_template.py``) are templates, not lessons: skipped.
    """
    found = []
    for folder in SOURCE_DIRS:
        for path in sorted((ROOT / folder).glob("*.py")):
            if path.name.startswith("_"):
                continue
            if path.read_text(encoding="utf-8").startswith("# ---\n# jupyter:"):
                found.append(path)
    return found


def unpaired(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop the jupytext pairing (``metadata.jupytext.formats``) from ``notebook`` (in place).

    The pairing of ``NN_name.ipynb`` with ``NN_name.py`` lives in this script only. Written into
    the notebook, it is read by every Jupyter server that has jupytext, a learner's on a hub too:
    a learner's save would rewrite the ``.py`` as well, and nbgitpuller would then keep both files
    as the learner's edits, so an instructor's later correction would not reach that learner.

    >>> nb = nbformat.v4.new_notebook(metadata={"jupytext": {"formats": "ipynb,py:percent"}})
    >>> unpaired(nb).metadata
    {'jupytext': {}}
    """
    notebook.metadata.get("jupytext", {}).pop("formats", None)
    return notebook


def stabilise(notebook: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """Remove everything that differs between two runs of the same notebook (in place).

    Numbered cell ids, no timing metadata, no saved widget state, printed text in one piece per
    stream (:func:`_coalesce_streams`), and each widget view's
    ``model_id`` derived from ``name`` and the output's position (32 hex digits, like the
    original, so the nbval sanitizer still matches it).

    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("w")])
    >>> nb.cells[0].outputs = [nbformat.v4.new_output("display_data", data={
    ...     WIDGET_VIEW_MIME: {"model_id": uuid.uuid4().hex, "version_major": 2}})]
    >>> a = stabilise(nb, "demo").cells[0].outputs[0].data[WIDGET_VIEW_MIME]["model_id"]
    >>> a == _model_id("demo", 0, 0), len(a)
    (True, 32)
    """
    notebook.metadata.pop("widgets", None)
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index:03d}"
        cell.metadata.pop("execution", None)
        if "outputs" in cell:
            cell.outputs = _coalesce_streams(cell.outputs)
        for position, output in enumerate(cell.get("outputs", [])):
            view = output.get("data", {}).get(WIDGET_VIEW_MIME)
            if isinstance(view, dict) and "model_id" in view:
                view["model_id"] = _model_id(name, index, position)
    return notebook


def _coalesce_streams(outputs: list) -> list:
    """Join consecutive stdout (or stderr) chunks: how a kernel splits printed text into messages
    depends on timing, so two runs of the same cell can store it in a different number of pieces.

    >>> parts = [nbformat.v4.new_output("stream", name="stdout", text=t) for t in ("a\\n", "b\\n")]
    >>> [o.text for o in _coalesce_streams(parts)]
    ['a\\nb\\n']
    """
    merged: list = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (output.get("output_type") == "stream" and previous is not None
                and previous.get("output_type") == "stream"
                and previous.get("name") == output.get("name")):
            previous["text"] = previous["text"] + output["text"]
        else:
            merged.append(output)
    return merged


def _model_id(name: str, cell: int, output: int) -> str:
    return uuid.uuid5(_MODEL_ID_NAMESPACE, f"{name}/{cell}/{output}").hex


#: The tools a lesson shows, by the name a cell calls them by: the widgets' public classes
#: (without the base class and its result).
TOOL_NAMES = frozenset(widgets.__all__) - {"Tool", "View"}


def _called_name(statement: ast.stmt) -> str | None:
    """The name an expression statement calls (``SelfCheck`` in ``SelfCheck([...])``)."""
    if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)):
        return None
    func = statement.value.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)


def shows_only_a_tool(source: str) -> bool:
    """Whether a code cell exists only to show a tool, so its code is folded away for a learner:
    its one statement shows a tool, or its last statement shows a self-check (the statements
    before it only prepare the questions, and the code holds the answers).

    >>> shows_only_a_tool('TrialExplorer(therapy_class="tki")')
    True
    >>> shows_only_a_tool('t = pe.t_category(1.5, [])\\nSelfCheck([choice_check("T?", t)])')
    True
    >>> shows_only_a_tool('print(pe.__version__)\\nGradingCalculator(ki67="12")')
    False
    >>> shows_only_a_tool("grade_plane(ki67=8)"), shows_only_a_tool("x = (")
    (False, False)
    """
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return False
    if not body:
        return False
    last = _called_name(body[-1])
    return last == "SelfCheck" or (len(body) == 1 and last in TOOL_NAMES)


def fold_tool_code(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Fold away the code of the cells that only show a tool (in place): cell metadata
    ``{"jupyter": {"source_hidden": true}}``, the input collapsed in JupyterLab.

    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("CasePlayer()"),
    ...                                      nbformat.v4.new_code_cell("x = 1")])
    >>> [c.metadata.get("jupyter") for c in fold_tool_code(nb).cells]
    [{'source_hidden': True}, None]
    """
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        if shows_only_a_tool(cell.source):
            cell.metadata["jupyter"] = {"source_hidden": True}
        else:
            cell.metadata.pop("jupyter", None)
    return notebook


def execute(source: Path, timeout: int = 300) -> str:
    """Convert and execute one notebook source; return the exact text :func:`build` writes."""
    notebook = jupytext.read(source)
    notebook.metadata["kernelspec"] = KERNEL
    # No pairing in the notebook: see ``unpaired``.
    unpaired(notebook)
    client = NotebookClient(
        notebook, timeout=timeout, kernel_name="python3",
        resources={"metadata": {"path": str(source.parent)}},
    )
    client.execute()
    # Stable ids, no timing metadata, derived widget ids: a rebuild changes only what changed.
    stabilise(notebook, source.stem)
    fold_tool_code(notebook)
    text = nbformat.writes(notebook)
    return text if text.endswith("\n") else text + "\n"  # as nbformat.write does


def build(source: Path, timeout: int = 300) -> Path:
    """Convert, execute and write one notebook; return the ``.ipynb`` path."""
    text = execute(source, timeout)
    target = source.with_suffix(".ipynb")
    target.write_text(text, encoding="utf-8")
    return target


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = [Path(a).resolve() for a in argv if a != "--check"] or sources()
    stale = []
    for path in paths:
        print(f"{'checking' if check else 'building'} {_shown(path)}", flush=True)
        if not check:
            build(path)
            continue
        target = path.with_suffix(".ipynb")
        stored = target.read_text(encoding="utf-8") if target.exists() else None
        if execute(path) != stored:
            stale.append(target)
            print(f"would change: {_shown(target)}")
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
