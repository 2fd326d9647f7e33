"""Time every dashboard tool from a control change to its refreshed view, figure included.

Run alone (`python benchmarks/widgets.py`) or through `benchmarks/run.py`, which calls `run()`.
Each tool is built once (its first draw is not counted), then a control is cycled through a few
values; each change runs the tool's observer synchronously in this process, as it runs in the
kernel, so the time is kernel time: recompute, card HTML and figure PNG. Median and 95th
percentile of ``REPEATS`` changes; the budget is 50 ms (median).

"First visit" rows time each distinct value the first time it is shown (nothing cached yet for
it); the cycle rows then show what a learner who moves back and forth sees. The trial explorer
and the case player keep drawn figures on disk for the next kernel: their rows are measured with
an empty folder (each first visit draws), then again as the next learner's kernel sees them, and
last in a new process after `pannet-edu warm` filled an empty folder (what the first learner
sees on a server started with `pannet-edu app`, which warms in the background).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence

BUDGET_MS = 50.0
REPEATS = 40


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (``fraction`` in 0..1).

    >>> percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)
    10
    """
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.5)))
    return ordered[rank - 1]


def time_changes(
    setter: Callable[[object], None], values: Sequence[object], repeats: int,
    clock: Callable[[], float] = time.perf_counter,
) -> list:
    """Milliseconds of each ``setter(value)`` call, cycling through ``values``, by ``clock``."""
    times = []
    for i in range(repeats):
        start = clock()
        setter(values[i % len(values)])
        times.append((clock() - start) * 1000)
    return times


def time_changes_both(
    setter: Callable[[object], None], values: Sequence[object], repeats: int
) -> tuple[list, list]:
    """(wall, CPU) milliseconds of each change. The CPU time of this process is what the kernel
    spends; on a shared, loaded machine wall time also counts waiting for a core."""
    wall, cpu = [], []
    for i in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        setter(values[i % len(values)])
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return wall, cpu


def _setter(control) -> Callable[[object], None]:
    def set_value(value: object) -> None:
        control.value = value

    return set_value


def _tools() -> list[tuple[str, Callable[[], tuple[object, Callable, Sequence[object]]]]]:
    from pannet_edu.widgets import (
        CasePlayer,
        GradingCalculator,
        PatientAppraisal,
        StagingTool,
        TrialExplorer,
    )

    def grading():
        tool = GradingCalculator(ki67="12")
        return tool, _setter(tool.ki67), ["8", "25", "2.5", "15", "1", "40"]

    def grading_mitoses():
        tool = GradingCalculator(ki67="5")
        return tool, _setter(tool.mitoses), ["1", "3", "12", "25", ""]

    def staging():
        tool = StagingTool()
        return tool, _setter(tool.size_cm), ["1.5", "3", "5", "2"]

    def trials():
        tool = TrialExplorer()
        values = [v for _, v in tool.therapy_class.options]
        return tool, _setter(tool.therapy_class), values

    def appraisal():
        tool = PatientAppraisal()
        return tool, _setter(tool.ki67), ["8", "25", "2.5", "15"]

    def case_player():
        tool = CasePlayer()
        values = [v for _, v in tool.case_picker.options]
        return tool, _setter(tool.case_picker), values

    def case_choice():
        tool = CasePlayer("vipoma", step=1)
        values = [v for _, v in tool.choice_picker.options]
        return tool, _setter(tool.choice_picker), values

    return [
        ("grading calculator (Ki-67)", grading),
        ("grading calculator (mitoses)", grading_mitoses),
        ("staging tool", staging),
        ("trial explorer (therapy class)", trials),
        ("therapy appraisal (Ki-67)", appraisal),
        ("case player (case)", case_player),
        ("case player (your choice)", case_choice),
    ]


#: Tools that keep drawn figures on disk for the next kernel: measured a second time, as the
#: next learner's kernel sees them (figures kept by the first).
KEPT = ("trial explorer (therapy class)", "case player (case)", "case player (your choice)")


def measure(warmed: bool = False) -> list[tuple[str, float, float, float, float, float]]:
    """(tool, first-visit median, cycle median, cycle p95, first-visit CPU median, cycle CPU
    median) in ms, per tool. Kept figures go to a new, empty folder: first visits draw.

    ``warmed``: only the tools that keep figures, in the folder ``PANNET_FIGURE_CACHE`` names
    (filled by ``pannet-edu warm``), as the first learner's kernel on a warmed server sees them.
    """
    import os
    import tempfile

    import matplotlib

    matplotlib.use("Agg")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        if not warmed:
            os.environ["PANNET_FIGURE_CACHE"] = folder
        try:
            for name, build in _tools():
                if warmed:
                    if name not in KEPT:
                        continue
                    runs = [f"{name}, first learner after `pannet-edu warm`"]
                else:
                    runs = [name]
                    if name in KEPT:
                        runs = [f"{name}, nothing kept yet (app --no-warm)",
                                f"{name}, next learner's kernel"]
                for label in runs:
                    tool, setter, values = build()
                    first, first_cpu = time_changes_both(
                        setter, list(values)[1:] + list(values)[:1], len(values))
                    cycle, cycle_cpu = time_changes_both(setter, values, REPEATS)
                    rows.append((label, statistics.median(first), statistics.median(cycle),
                                 percentile(cycle, 0.95), statistics.median(first_cpu),
                                 statistics.median(cycle_cpu)))
                    del tool
        finally:
            if not warmed:
                del os.environ["PANNET_FIGURE_CACHE"]
    return rows


def _lines(rows) -> list[str]:
    import os

    lines = []
    for name, first, median, p95, first_cpu, cycle_cpu in rows:
        verdict = "ok" if max(median, first) <= BUDGET_MS else "OVER"
        lines.append(
            f"widget {name}: median {median:.1f} ms, p95 {p95:.1f} ms "
            f"(first visit of each value: median {first:.1f} ms; CPU median {cycle_cpu:.1f} ms, "
            f"first visit {first_cpu:.1f} ms) [{verdict} {BUDGET_MS:g} ms, first visit included]"
            f"; load average {os.getloadavg()[0]:.1f}"
        )
    return lines


def warmed_server_lines() -> list[str]:
    """Warm an empty folder with ``pannet-edu warm`` (timed), then measure the tools that keep
    figures in a new process reading it: the first learner on a server started with the warm."""
    import os
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "PANNET_FIGURE_CACHE": folder}
        start = time.perf_counter()
        warm = subprocess.run([sys.executable, "-m", "pannet_edu.cli", "warm"], env=env,
                              capture_output=True, text=True, check=True, timeout=900)
        seconds = time.perf_counter() - start
        measured = subprocess.run([sys.executable, __file__, "--warmed"], env=env,
                                  capture_output=True, text=True, check=True, timeout=900)
    return [f"pannet-edu warm on an empty folder: {seconds:.1f} s wall ({warm.stdout.strip()})",
            *measured.stdout.splitlines()]


def run() -> list[str]:
    """Lines for the benchmark report (wall time, and this process's CPU time, with the load
    average: on a shared machine CPU time is the steadier figure)."""
    return _lines(measure()) + warmed_server_lines()


if __name__ == "__main__":
    import sys

    print("\n".join(_lines(measure(warmed=True)) if "--warmed" in sys.argv[1:] else run()))
