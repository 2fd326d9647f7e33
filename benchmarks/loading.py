"""Time the data loaders: a cached call (which now checks file modification times), a full
reload after an edit, and the refusal of a 333-byte YAML alias bomb.

Run alone (`python benchmarks/loading.py`) or through `benchmarks/run.py`, which calls `run()`.
Each figure is the median of several calls after one warm-up call.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from pannet_edu.content import reader
from pannet_edu.practice import cases, exercises, quiz

REPEATS = 20
#: 9 x 9 x ... "lol" (333 bytes): 387 million strings if every alias were followed.
BOMB = '\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{n}: &{n} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
    for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)


def median_ms(call, repeats: int = REPEATS, before=None) -> float:
    call()
    times = []
    for _ in range(repeats):
        if before is not None:
            before()
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run() -> list[str]:
    """Lines for the benchmark report."""
    lines = []
    cached = {
        "quiz.score (bank cached, mtimes checked)": lambda: quiz.score("cls-04", "500"),
        "exercises.check (registry cached, mtimes checked)": lambda: exercises.check("t-1", "T3"),
        "cases.load_case (bank cached, mtimes checked)": lambda: cases.load_case("vipoma"),
    }
    for name, call in cached.items():
        lines.append(f"loading {name}: {median_ms(call):.2f} ms (median of {REPEATS})")
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "data"
        shutil.copytree(reader.PACKAGE_DATA_DIR, copy)
        os.environ[reader.DATA_DIR_ENV] = str(copy)
        try:
            questions = copy / "questions" / "01_classification_and_staging.yaml"

            def touch() -> None:
                info = questions.stat()
                os.utime(questions, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))

            ms = median_ms(lambda: quiz.score("cls-04", "500"), repeats=5, before=touch)
            lines.append(f"loading quiz bank reread after an edit: {ms:.1f} ms (median of 5)")
            bomb = Path(folder) / "bomb.yaml"
            bomb.write_text(BOMB, encoding="utf-8")

            def refuse() -> None:
                try:
                    reader.load_yaml(bomb)
                except reader.ContentError:
                    return
                raise AssertionError("the alias bomb was loaded")

            ms = median_ms(refuse, repeats=5)
            lines.append(f"loading a {len(BOMB.encode())}-byte alias bomb: refused in {ms:.2f} ms")
        finally:
            del os.environ[reader.DATA_DIR_ENV]
    return lines


if __name__ == "__main__":
    print("\n".join(run()))
