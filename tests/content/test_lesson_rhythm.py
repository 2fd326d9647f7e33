"""Every lesson keeps the rhythm: objectives, explanation with a tool, check your understanding,
summary, references, in that order; the template keeps it too."""

from __future__ import annotations

from pathlib import Path

import jupytext
import pytest

from pannet_edu.content import manifest
from pannet_edu.publish.transforms import RHYTHM, headings, objectives, rhythm_problems

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "notebooks" / "_template.py"
LESSONS = [entry for entry in manifest.load_manifest() if entry.kind == "lesson"]


@pytest.mark.parametrize("entry", LESSONS, ids=lambda e: e.id)
def test_every_lesson_keeps_the_rhythm(entry):
    notebook = jupytext.read(ROOT / "notebooks" / entry.notebook)
    assert rhythm_problems(notebook) == [], entry.notebook


def test_the_template_keeps_the_rhythm():
    assert rhythm_problems(jupytext.read(TEMPLATE)) == []


def test_a_lesson_out_of_order_is_named():
    notebook = jupytext.read(ROOT / "notebooks" / LESSONS[0].notebook)
    summary = next(i for i, c in enumerate(notebook.cells) if "## Summary" in c.source)
    check = next(i for i, c in enumerate(notebook.cells)
                 if "## Check your understanding" in c.source)
    notebook.cells[summary], notebook.cells[check] = notebook.cells[check], notebook.cells[summary]
    problems = rhythm_problems(notebook)
    assert problems and "in this order" in problems[0]
    found = problems[0].split("found ", 1)[1]
    assert found.index("Summary") < found.index("Check your understanding")


def test_a_lesson_without_a_tool_is_named():
    notebook = jupytext.read(TEMPLATE)
    notebook.cells = [c for c in notebook.cells if c.cell_type == "markdown"]
    assert rhythm_problems(notebook) == [
        "no code cell runs a tool between the objectives and the self-check"]


def test_the_rhythm_sections_are_the_real_headings():
    """The rule follows how the lessons are written: each has exactly these level-2 headings."""
    for entry in LESSONS:
        seconds = [t for level, t in headings(jupytext.read(ROOT / "notebooks" / entry.notebook))
                   if level == 2]
        assert [t for t in seconds if t in RHYTHM] == list(RHYTHM), entry.id


@pytest.mark.parametrize("entry", LESSONS, ids=lambda e: e.id)
def test_the_manifest_objectives_are_the_notebooks(entry):
    notebook = jupytext.read(ROOT / "notebooks" / entry.notebook)
    assert objectives(notebook) == list(entry.objectives), (
        f"{entry.notebook}: its objectives differ from lessons.yaml; make them the same")


def test_the_template_is_not_a_lesson():
    from pannet_edu.publish import handouts

    assert "_template" not in manifest.lesson_ids()
    assert not (ROOT / "notebooks" / "_template.ipynb").exists()
    assert TEMPLATE not in [p.with_suffix(".py") for p in handouts.lesson_notebooks()]
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_notebooks",
                                                  ROOT / "tools" / "build_notebooks.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert TEMPLATE not in tool.sources() and tool.sources()
