"""The whole grading path with the real nbgrader, every exercise notebook (``make bench``).

`tests/test_exercises_nbgrader.py` (in `make test`) releases and autogrades one notebook with the
same steps (it imports them from here); this does all five: `pannet-edu exercises build
--nbgrader`, `nbgrader generate_assignment` for each, then `nbgrader autograde` of three
learners' submissions of each: every answer right, every
answer left blank, and one answer wrong in each notebook. It reports the totals over the five
(expected: all 42 points, 0, and 42 less one per notebook) and how long each step took; a total
that differs is reported as FAILED and `python benchmarks/nbgrader_all.py` exits 1.

Too slow for `make test`: each submission runs its notebook in a fresh kernel (15 runs).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "exercises" / "solutions"
#: An answer no exercise accepts (each notebook's first answer is replaced by it).
WRONG = "answer = 'not an answer'"


def nbgrader(course: Path, *args: str) -> None:
    """Run the real ``nbgrader`` command in ``course``; its output in the error if it fails."""
    binary = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{binary}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run([str(binary / "nbgrader"), *args], cwd=course, capture_output=True,
                            text=True, env=env, timeout=1800)
    if result.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{result.stdout}{result.stderr}")


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _is_answer(cell: dict) -> bool:
    return cell["metadata"].get("nbgrader", {}).get("solution", False)


def submissions(course: Path, assignment: str) -> dict[str, list[dict]]:
    """The cells of the three learners' submissions of ``assignment`` (after its release)."""
    released = _cells(course / "release" / assignment / f"{assignment}.ipynb")
    source = {c["metadata"]["nbgrader"]["grade_id"]: "".join(c["source"])
              for c in _cells(course / "source" / assignment / f"{assignment}.ipynb")}

    def answered(wrong: int | None) -> list[dict]:
        cells = json.loads(json.dumps(released))
        for index, cell in enumerate(c for c in cells if _is_answer(c)):
            text = source[cell["metadata"]["nbgrader"]["grade_id"]]
            if index == wrong:
                text = re.sub(r"# BEGIN SOLUTION.*?# END SOLUTION", WRONG, text, flags=re.DOTALL)
            cell["source"] = text
        return cells

    return {"full": answered(None), "blank": released, "one_wrong": answered(0)}


def submit(course: Path, assignment: str, student: str, cells: list[dict]) -> None:
    """Put ``cells`` where nbgrader looks for ``student``'s submission of ``assignment``."""
    release = course / "release" / assignment / f"{assignment}.ipynb"
    notebook = json.loads(release.read_text(encoding="utf-8"))
    notebook["cells"] = cells
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True)
    (folder / release.name).write_text(json.dumps(notebook), encoding="utf-8")


def grade_all(course: Path) -> tuple[dict[str, tuple[float, float]], dict[str, float], int]:
    """Release and autograde every assignment of ``course``: each student's (score, maximum)
    over all of them, the seconds each step took, and the number of notebooks."""
    from nbgrader.api import Gradebook

    assignments = sorted(p.name for p in (course / "source").iterdir() if p.is_dir())
    seconds = {}
    start = time.perf_counter()
    for assignment in assignments:
        nbgrader(course, "generate_assignment", assignment, "--force")
    seconds["generate_assignment"] = time.perf_counter() - start
    for assignment in assignments:
        for student, cells in submissions(course, assignment).items():
            submit(course, assignment, student, cells)
    start = time.perf_counter()
    for assignment in assignments:
        nbgrader(course, "autograde", assignment, "--create")
    seconds["autograde"] = time.perf_counter() - start
    totals: dict[str, tuple[float, float]] = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for student in ("full", "blank", "one_wrong"):
            found = [gradebook.find_submission(a, student) for a in assignments]
            totals[student] = (sum(s.score for s in found), sum(s.max_score for s in found))
    return totals, seconds, len(assignments)


def run() -> list[str]:
    from pannet_edu import cli

    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp) / "course"
        start = time.perf_counter()
        if cli.main(["exercises", "build", "--nbgrader", "--solutions", str(SOLUTIONS),
                     "--out", str(course)]) != 0:
            return ["nbgrader, every exercise notebook: FAILED (the nbgrader build failed)"]
        build = time.perf_counter() - start
        totals, seconds, count = grade_all(course)
    maximum = totals["full"][1]
    expected = {"full": (maximum, maximum), "blank": (0.0, maximum),
                "one_wrong": (maximum - count, maximum)}
    verdict = "ok" if totals == expected and maximum == 42 else "FAILED"
    shown = ", ".join(f"{name.replace('_', ' ')} {score:g}/{top:g}"
                      for name, (score, top) in totals.items())
    return [
        f"nbgrader, all {count} exercise notebooks, 3 submissions each: {shown} "
        f"(expected 42/42, 0/42, {42 - count}/42) [{verdict}]",
        f"nbgrader timings: build {build:.1f} s, generate_assignment "
        f"{seconds['generate_assignment']:.1f} s, autograde of {3 * count} submissions "
        f"{seconds['autograde']:.1f} s",
    ]


if __name__ == "__main__":
    lines = run()
    print("\n".join(lines))
    raise SystemExit(0 if "[ok]" in lines[0] else 1)
