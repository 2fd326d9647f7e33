"""Every stored notebook matches its jupytext source and is committed executed and clean."""

import json
from pathlib import Path

import jupytext
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(
    [*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("exercises/solutions/*.ipynb")]
)


def _code(cells):
    return [(c["cell_type"], "".join(c["source"]).strip()) for c in cells]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_a_source_with_the_same_cells(path):
    source = path.with_suffix(".py")
    assert source.exists(), f"{path.name} has no jupytext source {source.name}"
    stored = json.loads(path.read_text(encoding="utf-8"))
    from_source = jupytext.read(source)
    assert _code(stored["cells"]) == _code(from_source.cells), (
        f"{path.name} is out of date with {source.name}: run `make notebooks`"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_executed_and_has_no_widget_state(path):
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert "widgets" not in stored["metadata"], f"{path.name}: strip metadata.widgets"
    code = [c for c in stored["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    assert all(c["execution_count"] is not None for c in code), f"{path.name} is not executed"
    errors = [o for c in code for o in c["outputs"] if o["output_type"] == "error"]
    assert not errors, f"{path.name} stored an error output"


def test_there_is_a_start_here_notebook():
    assert (ROOT / "notebooks" / "00_start_here.ipynb").exists()


def _builder():
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import build_notebooks
    finally:
        sys.path.remove(str(ROOT / "tools"))
    return build_notebooks


def _lesson_sources():
    return sorted(ROOT.glob("notebooks/[0-9][0-9]_*.py"))


@pytest.mark.parametrize("source", _lesson_sources(), ids=lambda p: p.stem)
def test_the_self_check_cell_of_every_lesson_has_its_code_folded_away(source):
    """The self-check's code holds the answers: the build folds it away in every lesson."""
    cells = _builder().fold_tool_code(jupytext.read(source)).cells
    checks = [c for c in cells if c.cell_type == "code" and "SelfCheck(" in c.source]
    assert checks, f"{source.name} has no self-check cell"
    for cell in checks:
        assert cell.metadata.get("jupyter") == {"source_hidden": True}, cell.source[:80]
    folded = [c for c in cells if c.metadata.get("jupyter", {}).get("source_hidden")]
    others = [c.source for c in folded if c not in checks and "\n" in c.source.strip()]
    assert not others, f"{source.name}: a cell that does more than show a tool was folded"


@pytest.mark.parametrize(
    ("source", "folded"),
    [
        ('CasePlayer()', True),
        ('TrialExplorer(therapy_class="tki")', True),
        ('nec = pe.engine.evaluate(pe.Patient(ki67=60))["ssa"]\nSelfCheck([q(nec)])', True),
        ('x = 1\nTrialExplorer()', False),  # more than a tool: the learner reads the code
        ('GradingCalculator(ki67="8")\nprint("x")', False),
        ('pe.trials()', False),
        ('plots.forest_plot();', False),
        ('', False),
        ('SelfCheck(', False),  # not Python: left as it is
    ],
)
def test_only_cells_that_show_a_tool_are_folded(source, folded):
    assert _builder().shows_only_a_tool(source) is folded


@pytest.mark.parametrize("path", sorted(ROOT.glob("notebooks/*.ipynb")), ids=lambda p: p.name)
def test_stored_lessons_fold_exactly_the_cells_that_show_only_a_tool(path):
    """What JupyterLab honours: ``"jupyter": {"source_hidden": true}`` in a cell's metadata."""
    builder = _builder()
    stored = json.loads(path.read_text(encoding="utf-8"))
    for cell in stored["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        hidden = cell.get("metadata", {}).get("jupyter", {}).get("source_hidden", False)
        assert hidden is builder.shows_only_a_tool(source), (
            f"{path.name}: rebuild it (tools/build_notebooks.py); cell {source[:60]!r}"
        )
