"""Time the exports: the whole bank in every format must take well under 5 s.

Run alone (`python benchmarks/export.py`) or through `benchmarks/run.py`, which calls `run()`.
"First" is the first export in this process (it pays for loading the data files and genanki);
the median is over further exports. The command is also timed end to end in a new process (that
includes importing pandas). Vignette generation is timed on its own.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pannet_edu.export import FORMATS, render
from pannet_edu.practice import vignettes

BUDGET_S = 5.0
REPEATS = 5
VIGNETTES = 50


def _seconds(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def run() -> list[str]:
    """Lines for the benchmark report."""
    lines = []
    worst = 0.0
    for fmt in FORMATS:
        first = _seconds(lambda fmt=fmt: render(fmt))
        median = statistics.median(_seconds(lambda fmt=fmt: render(fmt)) for _ in range(REPEATS))
        with_vignettes = _seconds(lambda fmt=fmt: render(fmt, include_vignettes=VIGNETTES))
        worst = max(worst, first, median, with_vignettes)
        lines.append(
            f"export {fmt}, whole bank: first {first:.2f} s, median {median:.2f} s "
            f"(of {REPEATS}); with {VIGNETTES} vignettes {with_vignettes:.2f} s"
        )
    slowest_command = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for fmt in FORMATS:
            command = [sys.executable, "-m", "pannet_edu.cli", "export", "--format", fmt,
                       "--out", str(Path(folder) / f"bank.{fmt}")]
            seconds = _seconds(lambda command=command: subprocess.run(command, check=True,
                                                                      capture_output=True))
            slowest_command = max(slowest_command, seconds)
            lines.append(f"pannet-edu export --format {fmt} (new process, imports included): "
                         f"{seconds:.2f} s")
    generated = _seconds(lambda: vignettes(seed=0, n=1000))
    lines.append(f"practice.vignettes(seed, n=1000): {generated:.2f} s")
    for what, seconds in (("in-process exports", worst), ("export commands", slowest_command)):
        verdict = "within" if seconds < BUDGET_S else "OVER"
        lines.append(f"{what}: slowest {seconds:.2f} s, {verdict} the {BUDGET_S:g} s budget")
    return lines


if __name__ == "__main__":
    print("\n".join(run()))
