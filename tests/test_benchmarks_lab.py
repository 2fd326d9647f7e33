"""The pure parts of ``benchmarks/lab_run_all.py`` (targets, report lines, the lesson copy, the
line without a browser). Nothing here starts a server or a browser or depends on timing."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load():
    spec = importlib.util.spec_from_file_location("lab_run_all",
                                                  ROOT / "benchmarks" / "lab_run_all.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("lab_run_all", module)  # a dataclass looks its module up
    spec.loader.exec_module(module)
    return module


bench = _load()


def test_lesson_01_has_the_5_second_target_and_every_other_lesson_8():
    stems = [path.stem for path in bench.lessons()]
    assert "01_classification_and_staging" in stems
    for stem in stems:
        expected = 5.0 if stem == "01_classification_and_staging" else 8.0
        assert bench.target_seconds(stem) == expected, stem


@pytest.mark.parametrize(
    ("stem", "seconds", "verdict"),
    [
        ("01_classification_and_staging", 5.0, "[ok 5 s]"),
        ("01_classification_and_staging", 5.1, "[OVER 5 s]"),
        ("04_targeted_agents", 7.9, "[ok 8 s]"),
        ("04_targeted_agents", 8.1, "[OVER 8 s]"),
    ],
)
def test_a_lesson_line_says_whether_the_time_meets_the_lessons_target(stem, seconds, verdict):
    line = bench.lesson_line(bench.LessonRun(stem, seconds=seconds, cells=10), 1.5)
    assert line.startswith(f"JupyterLab Run All {stem}: {seconds:.1f} s from a ready kernel")
    assert verdict in line
    assert line.endswith("; load average 1.5")


def test_an_error_output_or_an_unexecuted_cell_is_never_ok_even_in_time():
    errored = bench.LessonRun("05_prrt", seconds=1.0, cells=5,
                              errors=["cell 7: KeyError: 'x'"], unexecuted=[9])
    line = bench.lesson_line(errored, 0.2)
    assert "[FAILED 8 s]" in line and "[ok" not in line
    assert "ERROR output in cell 7: KeyError: 'x'" in line
    assert "not executed: cells 9" in line
    assert not errored.within_target


def test_a_lesson_that_did_not_finish_says_why_and_has_no_time():
    line = bench.lesson_line(bench.LessonRun("06_chemotherapy", problem="no kernel"), 3.0)
    assert "FAILED (no kernel) [target 8 s]" in line
    assert " s from a ready kernel" not in line


def test_stderr_outputs_are_counted_in_the_line():
    run = bench.LessonRun("02_x", seconds=2.0, cells=3, stderr=["cell 2: UserWarning: a"])
    assert "1 stderr output(s), first in cell 2: UserWarning: a" in bench.lesson_line(run, 0.0)
    assert run.within_target  # a warning is reported, not a failure


def test_the_summary_counts_only_clean_runs_within_target_and_names_the_slowest():
    runs = [
        bench.LessonRun("01_a", seconds=4.0, cells=3),
        bench.LessonRun("02_b", seconds=3.0, cells=3, errors=["cell 1: E: e"]),
        bench.LessonRun("03_c", seconds=9.0, cells=3),
        bench.LessonRun("04_d", problem="timed out"),
    ]
    line = bench.summary_line(runs, 0.5, 1.25)
    assert line.startswith("JupyterLab Run All: 1 of 4 lessons within target, slowest 03_c 9.0 s")
    assert line.endswith("load average 0.5 before, 1.2 after")
    assert "slowest" not in bench.summary_line([bench.LessonRun("01_a", problem="x")], 0, 0)


def test_the_lessons_are_copied_and_the_originals_left_alone(tmp_path):
    source = tmp_path / "src" / "01_a.ipynb"
    source.parent.mkdir()
    source.write_text('{"cells": []}')
    (copy,) = bench.copy_lessons([source], tmp_path / "served")
    assert copy == tmp_path / "served" / "01_a.ipynb"
    copy.write_text("changed by autosave")
    assert source.read_text() == '{"cells": []}'


def test_without_a_browser_run_returns_one_line_saying_why(monkeypatch):
    monkeypatch.setattr(bench._launch, "chromium_missing", lambda: "no Chromium at /nowhere")
    assert bench.run() == ["JupyterLab Run All: skipped, no Chromium at /nowhere"]
