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
