"""Generate learner exercise notebooks from the instructor's solution notebooks.

Solutions are written once, in ``exercises/solutions/NN_name_solutions.py`` (jupytext
``py:percent``). In a code cell, the lines between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` are
replaced in the learner version by a placeholder, by default ``answer = ...  # your answer here``;
write ``# BEGIN SOLUTION replace with: best = ...`` to choose another placeholder. A cell tagged
``solution`` (``# %% tags=["solution"]``) is dropped entirely. The learner notebook
``exercises/NN_name.ipynb`` is written with outputs cleared and stable cell ids, so rebuilding it
gives the same file and a test can prove it is up to date.

>>> solution_cell = "x = 1\\n# BEGIN SOLUTION\\nanswer = 'G3'\\n# END SOLUTION\\ncheck(x)"
>>> print(strip_solution_lines(solution_cell))
x = 1
answer = ...  # your answer here
check(x)
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat

from ..content.errors import ContentError
from ..content.fields import short_repr
from ..safe_files import read_regular, write_atomic

__all__ = [
    "DEFAULT_PLACEHOLDER",
    "KERNELSPEC",
    "SOLUTION_SUFFIX",
    "SOLUTION_TAG",
    "build",
    "learner_name",
    "learner_notebook",
    "out_of_date",
    "render",
    "solution_sources",
    "strip_solution_lines",
]

#: The placeholder a learner replaces; ``check`` reports it as "not answered yet".
DEFAULT_PLACEHOLDER = "answer = ...  # your answer here"
SOLUTION_TAG = "solution"
SOLUTION_SUFFIX = "_solutions"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}

_BEGIN = re.compile(r"^(\s*)# BEGIN SOLUTION(?:\s+replace with:\s*(?P<placeholder>.+?))?\s*$")
_END = re.compile(r"^\s*# END SOLUTION\s*$")


def _marker_error(notebook: str, cell: str, problem: str) -> ContentError:
    """Misplaced solution markers: the content error names the notebook and the cell."""
    return ContentError(notebook, cell, "solution markers", problem)


def strip_solution_lines(code: str, notebook: str = "(notebook)", cell: str = "cell") -> str:
    """Replace each ``# BEGIN SOLUTION`` ... ``# END SOLUTION`` block by its placeholder.

    The placeholder keeps the indentation of the ``BEGIN`` line.

    >>> cell = "# BEGIN SOLUTION replace with: best = ...\\nbest = 'SSA'\\n# END SOLUTION"
    >>> strip_solution_lines(cell)
    'best = ...'
    >>> strip_solution_lines("# BEGIN SOLUTION\\nanswer = 1", "01_x_solutions.py", "cell 3")
    Traceback (most recent call last):
    ...
    pannet_edu.content.errors.ContentError: 01_x_solutions.py: entry cell 3, field solution ...
    """
    out: list[str] = []
    inside = False
    for line in code.splitlines():
        begin = _BEGIN.match(line)
        if begin:
            if inside:
                raise _marker_error(notebook, cell, "'# BEGIN SOLUTION' inside another solution")
            inside = True
            placeholder = begin.group("placeholder") or DEFAULT_PLACEHOLDER
            out.append(f"{begin.group(1)}{placeholder}")
        elif _END.match(line):
            if not inside:
                raise _marker_error(notebook, cell, "'# END SOLUTION' without '# BEGIN SOLUTION'")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise _marker_error(notebook, cell, "'# BEGIN SOLUTION' without '# END SOLUTION'")
    return "\n".join(out)


def learner_name(solution: Path) -> str:
    """The learner notebook's file name for a solution source.

    >>> learner_name(Path("exercises/solutions/01_classification_and_staging_solutions.py"))
    '01_classification_and_staging.ipynb'
    """
    stem = solution.stem
    if not stem.endswith(SOLUTION_SUFFIX):
        raise ValueError(
            f"solution notebooks are named NN_name{SOLUTION_SUFFIX}.py; got "
            f"{short_repr(solution.name)}"
        )
    return stem.removesuffix(SOLUTION_SUFFIX) + ".ipynb"


def learner_notebook(solution: Path) -> nbformat.NotebookNode:
    """The learner version of one solution source, in memory (solutions removed, no outputs)."""
    import jupytext  # only the build needs jupytext (the lab extra), not the learner's checks

    source = jupytext.read(solution)
    stem = learner_name(solution).removesuffix(".ipynb")
    cells = []
    for number, cell in enumerate(source.cells, start=1):
        if SOLUTION_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        text = cell.source
        if cell.cell_type == "code":
            text = strip_solution_lines(text, solution.name, f"cell {number}")
            new = nbformat.v4.new_code_cell(text)
        elif cell.cell_type == "markdown":
            if "BEGIN SOLUTION" in text:
                raise _marker_error(
                    solution.name, f"cell {number}", "solution markers work in code cells only; "
                    f"tag a markdown cell '{SOLUTION_TAG}' to drop it"
                )
            new = nbformat.v4.new_markdown_cell(text)
        else:
            new = nbformat.v4.new_raw_cell(text)
        new.id = f"{stem[:48]}-{len(cells) + 1}"
        cells.append(new)
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata = {
        "kernelspec": dict(KERNELSPEC),
        "language_info": {"name": "python"},
    }
    return notebook


def render(notebook: nbformat.NotebookNode) -> str:
    """The exact text written for a learner notebook (so tests can compare it byte for byte)."""
    return nbformat.writes(notebook) + "\n"


def solution_sources(solutions_dir: Path) -> list[Path]:
    """Every solution source in a folder, sorted.

    >>> [p.name for p in solution_sources(Path("no/such/folder"))]
    []
    """
    return sorted(Path(solutions_dir).glob(f"*{SOLUTION_SUFFIX}.py"))


def required_solution_sources(solutions_dir: Path) -> list[Path]:
    """The solution sources of a folder; a folder without any is an error (every build needs one).

    >>> required_solution_sources(Path("no/such/folder"))
    Traceback (most recent call last):
    ...
    ValueError: no *_solutions.py sources in no/such/folder
    """
    sources = solution_sources(solutions_dir)
    if not sources:
        raise ValueError(f"no *{SOLUTION_SUFFIX}.py sources in {solutions_dir}")
    return sources


def build(solutions_dir: str | Path, output_dir: str | Path) -> list[Path]:
    """Write a learner notebook in ``output_dir`` for every solution source; return their paths.

    Each notebook is written whole (to a temporary file beside it, then renamed into place), so
    a learner or a running test never reads half a notebook, and a failed write leaves the
    previous one as it was.

    >>> build(Path("no/such/folder"), Path("out"))
    Traceback (most recent call last):
    ...
    ValueError: no *_solutions.py sources in no/such/folder
    """
    solutions_dir, output_dir = Path(solutions_dir), Path(output_dir)
    sources = required_solution_sources(solutions_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    targets = [output_dir / learner_name(solution) for solution in sources]
    foreign = [t.name for t in targets if os.path.lexists(t) and not is_learner_notebook(t)]
    if foreign:
        raise ValueError(
            f"{output_dir} holds {', '.join(foreign)}, not written by pannet-edu (a notebook of "
            "someone's, a link or a folder); move it away or choose another --out; nothing was "
            "written"
        )
    for solution, target in zip(sources, targets, strict=True):
        write_atomic(target, render(learner_notebook(solution)))
    return targets


def is_learner_notebook(path: Path) -> bool:
    """Whether ``path`` is a regular file holding a learner notebook this builder wrote: every
    cell id follows its scheme (``<notebook name>-<number>``; a learner's edits keep them).

    >>> is_learner_notebook(Path("no/such/notebook.ipynb"))
    False
    """
    import json

    prefix = path.name.removesuffix(".ipynb")[:48] + "-"
    try:
        cells = json.loads(read_regular(path, limit=64 << 20)).get("cells")
    except (OSError, ValueError, AttributeError):
        return False
    return bool(cells) and isinstance(cells, list) and all(
        isinstance(cell, dict) and str(cell.get("id", "")).startswith(prefix) for cell in cells)


def out_of_date(solutions_dir: str | Path, output_dir: str | Path) -> list[Path]:
    """Learner notebooks that are missing or differ from what :func:`build` would write."""
    stale = []
    for solution in solution_sources(Path(solutions_dir)):
        target = Path(output_dir) / learner_name(solution)
        expected = render(learner_notebook(solution))
        if not target.exists() or target.read_text(encoding="utf-8") != expected:
            stale.append(target)
    return stale
