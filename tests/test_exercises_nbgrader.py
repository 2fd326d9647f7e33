"""The grading path: nbgrader source notebooks from the instructor solutions, released and
autograded by the real nbgrader (``generate_assignment``, then ``autograde`` on a full, a blank
and a partly wrong submission)."""

import json
import re
from pathlib import Path

import pytest

from pannet_edu import cli
from pannet_edu.publish import nbgrader_build

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "exercises" / "solutions"
#: The smallest exercise notebook: the autograde run stays short.
ASSIGNMENT = "08_under_investigation"


def _grading_steps():
    """benchmarks/nbgrader_all.py, loaded by path: the release, submission and autograde steps
    live there once (the benchmark runs them on every notebook)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("pannet_nbgrader_all",
                                                  ROOT / "benchmarks" / "nbgrader_all.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


grading = _grading_steps()


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _meta(cell: dict) -> dict:
    return cell["metadata"]["nbgrader"]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    folder = tmp_path_factory.mktemp("course")
    assert cli.main(["exercises", "build", "--nbgrader", "--solutions", str(SOLUTIONS),
                     "--out", str(folder)]) == 0
    return folder


def test_every_exercise_is_a_solution_cell_and_a_one_point_hidden_test(course):
    checks = sum(len(re.findall(r'^check\("', p.read_text(encoding="utf-8"), re.MULTILINE))
                 for p in SOLUTIONS.glob("*_solutions.py"))
    points, notebooks = 0, sorted((course / "source").glob("*/*.ipynb"))
    assert [p.parent.name for p in notebooks] == [p.stem for p in notebooks]
    assert len(notebooks) == len(list(SOLUTIONS.glob("*_solutions.py")))
    for notebook in notebooks:
        cells = _cells(notebook)
        for index, cell in enumerate(cells):
            meta = _meta(cell)
            if meta["solution"]:
                assert "# BEGIN SOLUTION" in "".join(cell["source"]) and not meta["locked"]
                test = cells[index + 1]
                assert _meta(test)["grade"] and _meta(test)["locked"]
                assert _meta(test)["points"] == 1
                assert "".join(test["source"]).startswith("### BEGIN HIDDEN TESTS")
                points += 1
            elif not meta["grade"]:
                assert meta["locked"], "every other cell is read-only"
    assert points == checks == 42


def test_the_real_nbgrader_releases_and_autogrades_full_blank_and_partly_wrong(course):
    from nbgrader.api import Gradebook

    grading.nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    released = _cells(course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    answers = [c for c in released if _meta(c)["solution"]]
    assert answers and all("answer = ...  # your answer here" in "".join(c["source"])
                           and "BEGIN SOLUTION" not in "".join(c["source"]) for c in answers)
    assert not any("HIDDEN TESTS" in "".join(c["source"]) for c in released)

    for student, cells in grading.submissions(course, ASSIGNMENT).items():
        grading.submit(course, ASSIGNMENT, student, cells)
    grading.nbgrader(course, "autograde", ASSIGNMENT, "--create")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        scores = {student: (gradebook.find_submission(ASSIGNMENT, student).score,
                            gradebook.find_submission(ASSIGNMENT, student).max_score)
                  for student in ("full", "blank", "one_wrong")}
    total = float(len(answers))
    assert scores == {"full": (total, total), "blank": (0.0, total),
                      "one_wrong": (total - 1, total)}
    # nbgrader's own CSV of the grades, for an LMS gradebook.
    grading.nbgrader(course, "export")
    import csv

    with open(course / "grades.csv", encoding="utf-8") as stream:
        rows = {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(stream)}
    assert rows == {"full": total, "blank": 0.0, "one_wrong": total - 1}


def test_a_notebook_the_build_did_not_write_is_refused_and_an_own_config_kept(tmp_path):
    config = tmp_path / nbgrader_build.CONFIG_NAME
    config.write_text("c = get_config()\nc.CourseDirectory.db_url = 'sqlite:///mine.db'\n")
    written = nbgrader_build.build(SOLUTIONS, tmp_path)
    assert config not in written and "mine.db" in config.read_text()
    theirs = written[0]
    theirs.write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    with pytest.raises(ValueError, match="not written by pannet-edu; move it away"):
        nbgrader_build.build(SOLUTIONS, tmp_path)
    assert theirs.read_text().startswith('{"cells": []')
