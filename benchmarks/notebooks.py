"""Where a lesson's time goes: Run All from a ready kernel, and nbval against import-only notebooks.

Run alone (`python benchmarks/notebooks.py`) or through `benchmarks/run.py`, which calls `run()`.

1. Run All per lesson: a kernel is started and ready (as when a learner opens a lesson), then
   every cell is executed in order with nbclient; the time of the cells alone is reported, with
   the first code cell separately. Targets: lesson 01 at most 5 s, others 8 s.
2. nbval: `pytest --nbval` over the stored lessons, against the same number of notebooks that only
   import the stack (pandas, matplotlib, ipywidgets, pannet_edu); reported as a ratio (goal 1.5x).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"01_classification_and_staging": 5.0}
DEFAULT_TARGET = 8.0
IMPORT_ONLY = (
    "import matplotlib.pyplot as plt\nimport ipywidgets\nimport pandas\nimport pannet_edu\n"
    "from pannet_edu import plots, widgets"
)


def lessons() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def run_all_seconds(path: Path) -> tuple[float, float]:
    """(all cells, first code cell) in seconds, from a started and ready kernel."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    with client.setup_kernel():
        first = None
        start = time.perf_counter()
        for index, cell in enumerate(notebook.cells):
            client.execute_cell(cell, index)
            if first is None and cell.cell_type == "code":
                first = time.perf_counter() - start
        return time.perf_counter() - start, first or 0.0


def nbval_seconds(paths: list[Path]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
         "--nbval", "--nbval-current-env", "--nbval-sanitize-with",
         str(ROOT / "tests" / "sanitize.cfg"), "-o", "addopts=", *map(str, paths)],
        cwd=ROOT, check=False, capture_output=True,
    )
    return time.perf_counter() - start


def import_only_notebooks(folder: Path, count: int) -> list[Path]:
    import nbformat

    paths = []
    for i in range(count):
        notebook = nbformat.v4.new_notebook()
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                           "language": "python"}
        notebook.cells = [nbformat.v4.new_code_cell(IMPORT_ONLY)]
        path = folder / f"import_only_{i:02d}.ipynb"
        nbformat.write(notebook, path)
        paths.append(path)
    return paths


def run() -> list[str]:
    """Lines for the benchmark report."""
    lines = []
    for path in lessons():
        total, first = run_all_seconds(path)
        target = TARGETS.get(path.stem, DEFAULT_TARGET)
        verdict = "ok" if total <= target else "OVER"
        lines.append(f"Run All {path.stem}: {total:.1f} s from a ready kernel (first code cell "
                     f"{first:.1f} s) [{verdict} {target:g} s]")
    with tempfile.TemporaryDirectory() as tmp:
        stored = lessons()
        baseline = nbval_seconds(import_only_notebooks(Path(tmp), len(stored)))
        lessons_time = nbval_seconds(stored)
    lines.append(
        f"nbval {len(stored)} lessons: {lessons_time:.1f} s; {len(stored)} import-only notebooks:"
        f" {baseline:.1f} s; ratio {lessons_time / baseline:.2f} (goal 1.5)"
    )
    return lines


if __name__ == "__main__":
    print("\n".join(run()))
