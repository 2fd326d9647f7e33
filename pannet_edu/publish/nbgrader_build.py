"""nbgrader source notebooks from the same instructor solutions as the learner notebooks.

``pannet-edu exercises build --nbgrader --out COURSE`` writes, for every
``exercises/solutions/NN_name_solutions.py``, the nbgrader source notebook
``COURSE/source/NN_name/NN_name.ipynb`` and ``COURSE/nbgrader_config.py``; then, in ``COURSE``,
``nbgrader generate_assignment NN_name`` releases it and ``nbgrader autograde NN_name`` grades
the submissions. In the source notebook:

* a code cell with a ``# BEGIN SOLUTION`` ... ``# END SOLUTION`` block is an nbgrader solution
  cell (nbgrader reads the same markers; its code stub is the learner placeholder,
  ``answer = ...  # your answer here``, set in the written ``nbgrader_config.py``); the learner's
  ``check(...)`` call stays in it, so feedback is as in the learner notebook;
* after each such cell comes a locked, graded test cell worth one point whose hidden test
  asserts the checker's verdict: ``check("grade-1", answer).correct is True`` (a blank answer,
  ``None``, and a wrong one, ``False``, score 0);
* every other cell is locked (read-only, restored from the source at grading); cells tagged
  ``solution`` are left out, as in the learner notebook.

>>> print(hidden_test("grade-1", "answer"))
### BEGIN HIDDEN TESTS
verdict = check("grade-1", answer)
assert verdict.correct is True, verdict.message
### END HIDDEN TESTS
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat

from ..content.errors import ContentError
from ..content.fields import short_repr
from ..safe_files import read_regular, write_atomic
from .exercise_build import (
    DEFAULT_PLACEHOLDER,
    KERNELSPEC,
    SOLUTION_TAG,
    is_learner_notebook,
    learner_name,
    render,
    required_solution_sources,
    strip_solution_lines,
)

__all__ = ["CONFIG_NAME", "build", "hidden_test", "nbgrader_config", "source_notebook"]

#: The configuration file written at the top of the course folder.
CONFIG_NAME = "nbgrader_config.py"
#: nbgrader's cell metadata schema (0.9.x).
SCHEMA_VERSION = 3

_CHECK_CALL = re.compile(
    r"^\s*check\(\s*(['\"])(?P<id>[^'\"]+)\1\s*,\s*(?P<answer>[^)]+?)\s*\)\s*$", re.MULTILINE)
_CUSTOM_PLACEHOLDER = re.compile(r"#\s*BEGIN SOLUTION\s+replace with:")


def hidden_test(exercise_id: str, answer: str) -> str:
    """The hidden test of one exercise: the checker's verdict must be right."""
    if not re.fullmatch(r"[\w.-]+", exercise_id):
        raise ValueError(f"exercise_id must be letters, digits, '-', '_' or '.'; got "
                         f"{short_repr(exercise_id)}")
    return "\n".join([
        "### BEGIN HIDDEN TESTS",
        f'verdict = check("{exercise_id}", {answer})',
        "assert verdict.correct is True, verdict.message",
        "### END HIDDEN TESTS",
    ])


def _metadata(grade_id: str, *, solution: bool = False, grade: bool = False,
              points: int | None = None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": not solution,
            "schema_version": SCHEMA_VERSION, "solution": solution}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def source_notebook(solution: Path) -> nbformat.NotebookNode:
    """The nbgrader source notebook of one solution source, in memory."""
    import jupytext  # the build needs jupytext (the lab extra), as the learner build does

    source = jupytext.read(solution)
    stem = learner_name(solution).removesuffix(".ipynb")
    cells: list[nbformat.NotebookNode] = []

    def add(cell: nbformat.NotebookNode, metadata: dict) -> None:
        cell.id = f"{stem[:48]}-{len(cells) + 1}"
        cell.metadata = metadata
        cells.append(cell)

    for number, cell in enumerate(source.cells, start=1):
        if SOLUTION_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        cell_name = f"cell {number}"
        if cell.cell_type != "code":
            if "BEGIN SOLUTION" in cell.source:
                raise ContentError(solution.name, cell_name, "solution markers",
                                   "solution markers work in code cells only")
            maker = nbformat.v4.new_markdown_cell if cell.cell_type == "markdown" else \
                nbformat.v4.new_raw_cell
            add(maker(cell.source), _metadata(f"{stem}-text-{number}"))
            continue
        if strip_solution_lines(cell.source, solution.name, cell_name) == cell.source:
            add(nbformat.v4.new_code_cell(cell.source), _metadata(f"{stem}-code-{number}"))
            continue
        if _CUSTOM_PLACEHOLDER.search(cell.source):
            raise ContentError(
                solution.name, cell_name, "solution markers",
                "nbgrader gives every answer the same placeholder "
                f"({DEFAULT_PLACEHOLDER!r}); drop 'replace with:' for the nbgrader build")
        calls = list(_CHECK_CALL.finditer(cell.source))
        if len(calls) != 1:
            raise ContentError(
                solution.name, cell_name, "solution markers",
                "an answer cell needs exactly one check(\"id\", answer) call to be "
                f"graded; found {len(calls)}")
        exercise_id, answer = calls[0]["id"], calls[0]["answer"]
        add(nbformat.v4.new_code_cell(cell.source),
            _metadata(f"{exercise_id}-answer", solution=True))
        add(nbformat.v4.new_code_cell(hidden_test(exercise_id, answer)),
            _metadata(f"{exercise_id}-test", grade=True, points=1))
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    return notebook


def nbgrader_config() -> str:
    """The course's ``nbgrader_config.py``: the learner placeholder as nbgrader's code stub.

    >>> "answer = ...  # your answer here" in nbgrader_config()
    True
    """
    return (
        '"""nbgrader settings for the pannet-edu exercises (written by pannet-edu)."""\n'
        "c = get_config()  # noqa: F821\n"
        f"c.ClearSolutions.code_stub = {{'python': {DEFAULT_PLACEHOLDER!r}}}\n"
    )


def build(solutions_dir: str | Path, course_dir: str | Path) -> list[Path]:
    """Write ``course_dir/source/<NN_name>/<NN_name>.ipynb`` for every solution source and
    ``course_dir/nbgrader_config.py``; return the paths written.

    Refuses (before writing anything) to replace a notebook it did not write. A configuration
    file that is not the one it writes (an instructor's own settings) is left as it is.

    >>> build(Path("no/such/folder"), Path("course"))
    Traceback (most recent call last):
    ...
    ValueError: no *_solutions.py sources in no/such/folder
    """
    solutions_dir, course_dir = Path(solutions_dir), Path(course_dir)
    sources = required_solution_sources(solutions_dir)
    names = [learner_name(solution) for solution in sources]
    targets = [course_dir / "source" / name.removesuffix(".ipynb") / name for name in names]
    config = course_dir / CONFIG_NAME
    foreign = [str(t) for t in targets if os.path.lexists(t) and not is_learner_notebook(t)]
    if foreign:
        raise ValueError(
            f"{', '.join(foreign)}: not written by pannet-edu; move it away or choose another "
            f"--out than {short_repr(str(course_dir))}; nothing was written"
        )
    notebooks = [source_notebook(solution) for solution in sources]  # all checked first
    for target, notebook in zip(targets, notebooks, strict=True):
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, render(notebook))
    if not os.path.lexists(config) or _is_own_config(config):
        write_atomic(config, nbgrader_config())
        return [*targets, config]
    return targets


def _is_own_config(path: Path) -> bool:
    try:
        return read_regular(path, limit=1 << 20).decode("utf-8") == nbgrader_config()
    except (OSError, ValueError):
        return False
