"""Measure what a learner waits for, in one run: `python benchmarks/run.py` (or `make bench`).

1. Import time of `pannet_edu` against `pandas`, each in a fresh interpreter (median of runs).
   ipywidgets and matplotlib are imported lazily, so the ratio should stay near 1 or below.
2. Time from a widget value change to its updated view (grading calculator, staging tool).
Other benchmark modules in this folder that define `run() -> list[str]` are run too, in name order:
`appraise.py` (sequencing engine), `lab_run_all.py` (Run All per lesson in a real JupyterLab
driven by headless Chromium, from a ready kernel; one line saying why without Chromium or
Playwright), `loadtest.py` (400 protocol-level learners opening the dashboard at once, the server's
CPU and memory, then the server's cost per page from 5 fresh real Chromiums; several minutes),
`nbgrader_all.py` (the real nbgrader releases and autograde all five exercise notebooks),
`notebooks.py` (Run All per lesson with nbclient, nbval against import-only notebooks) and
`widgets.py` (every dashboard tool: median and p95 of a change, figure included).
Set PANNET_BENCH_SKIP to a comma-separated list of module names to leave some out.
"""

from __future__ import annotations

import importlib.util
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNS = 7


def import_seconds(module: str) -> float:
    """Median wall time of `import module` in a fresh interpreter, less bare start-up."""

    def timed(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    bare = statistics.median(timed("pass") for _ in range(RUNS))
    return statistics.median(timed(f"import {module}") for _ in range(RUNS)) - bare


def change_to_view_ms(tool, control, values, repeats: int = 20) -> float:
    """Median milliseconds from setting a control's value to the tool's refreshed output."""
    times = []
    for i in range(repeats):
        value = values[i % len(values)]
        start = time.perf_counter()
        control.value = value  # observe() callback recomputes and redraws synchronously
        _ = tool.output.value
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    pannet = import_seconds("pannet_edu")
    pandas = import_seconds("pandas")
    print(f"import pannet_edu: {pannet * 1000:.0f} ms; import pandas: {pandas * 1000:.0f} ms; "
          f"ratio {pannet / pandas:.2f}")
    heavy = subprocess.run(
        [sys.executable, "-c",
         "import sys, pannet_edu; print(sorted(m for m in ('ipywidgets', 'matplotlib', 'pandas') "
         "if m in sys.modules))"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    print(f"heavy modules loaded by `import pannet_edu`: {heavy}")

    import matplotlib

    matplotlib.use("Agg")
    from pannet_edu.widgets import GradingCalculator, StagingTool

    grading = GradingCalculator(ki67="12")
    ms = change_to_view_ms(grading, grading.ki67, ["8", "25", "2.5", "15"])
    print(f"grading calculator, value change -> updated view (card and grade plane): {ms:.1f} ms")
    grading_card = GradingCalculator(ki67="12")
    grading_card.plot_output = None  # card only, to separate logic from figure drawing
    ms = change_to_view_ms(grading_card, grading_card.ki67, ["8", "25", "2.5", "15"])
    print(f"grading calculator, card only: {ms:.2f} ms")
    staging_tool = StagingTool()
    ms = change_to_view_ms(staging_tool, staging_tool.size_cm, ["1.5", "3", "5", "2"])
    print(f"staging tool, value change -> updated view: {ms:.2f} ms")

    import os

    skip = {name.strip() for name in os.environ.get("PANNET_BENCH_SKIP", "").split(",")}
    for path in sorted(HERE.glob("*.py")):
        if path.name == "run.py" or path.stem.startswith("_") or path.stem in skip:
            continue  # _launch.py and the like are helpers, not benchmarks
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[path.stem] = module  # registered first: a dataclass looks its module up
        if str(HERE) not in sys.path:
            sys.path.insert(0, str(HERE))  # a benchmark may import a helper beside it
        spec.loader.exec_module(module)
        if hasattr(module, "run"):
            for line in module.run():
                print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
