"""Learner notebooks: generated from the solutions, up to date, free of solutions, and runnable."""

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from pannet_edu import cli
from pannet_edu.content import ContentError
from pannet_edu.publish import exercise_build as eb
from pannet_edu.publish import writing

ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS = ROOT / "exercises" / "solutions"
LEARNER = ROOT / "exercises"
SOURCES = eb.solution_sources(SOLUTIONS)

HEADER = """\
# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---
"""


def _solution_lines(source: Path) -> list[str]:
    """Non-blank lines written between solution markers (the text a learner must not see)."""
    lines, inside = [], False
    for line in source.read_text(encoding="utf-8").splitlines():
        if "# BEGIN SOLUTION" in line:
            inside = True
        elif "# END SOLUTION" in line:
            inside = False
        elif inside and sum(ch.isalnum() for ch in line) >= 3:  # skip lone brackets
            lines.append(line.strip())
    return lines


def test_there_is_at_least_one_solution_notebook_and_each_has_a_learner_notebook():
    assert SOURCES, "no solution sources in exercises/solutions"
    learner = {p.name for p in LEARNER.glob("*.ipynb")}
    assert learner == {eb.learner_name(s) for s in SOURCES}


def test_learner_notebooks_are_up_to_date_with_the_solutions():
    stale = eb.out_of_date(SOLUTIONS, LEARNER)
    assert not stale, f"run `pannet-edu exercises build`: {[p.name for p in stale]}"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_no_solution_text_is_left_in_a_learner_notebook(source):
    learner = json.loads((LEARNER / eb.learner_name(source)).read_text(encoding="utf-8"))
    text = "\n".join("".join(cell["source"]) for cell in learner["cells"])
    assert "SOLUTION" not in text
    hidden = _solution_lines(source)
    assert hidden, f"{source.name} has no marked solutions"
    leaked = [line for line in hidden if line in text and line != eb.DEFAULT_PLACEHOLDER]
    assert not leaked, f"solution lines left in the learner notebook: {leaked}"
    code = [c for c in learner["cells"] if c["cell_type"] == "code"]
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_every_check_in_the_solution_notebook_is_correct(source):
    # nbval re-runs the solution notebooks; here we prove what they store is all "Correct."
    stored = json.loads(source.with_suffix(".ipynb").read_text(encoding="utf-8"))
    checks = [
        c for c in stored["cells"] if c["cell_type"] == "code" and "check(" in "".join(c["source"])
    ]
    assert checks
    for cell in checks:
        text = "".join(cell["outputs"][-1]["data"]["text/plain"])
        assert text.startswith("Correct."), text


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_learner_notebook_runs_top_to_bottom_and_says_not_answered_yet(source):
    notebook = nbformat.read(LEARNER / eb.learner_name(source), as_version=4)
    NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(LEARNER)}}
    ).execute()
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    check_cells = [c for c in notebook.cells if c.cell_type == "code" and "check(" in c.source]
    assert check_cells
    for cell in check_cells:
        assert cell.outputs[-1].data["text/plain"].startswith("Not answered yet."), cell.source


def test_markers_are_replaced_by_a_placeholder_that_keeps_indentation():
    code = "if True:\n    # BEGIN SOLUTION\n    answer = 'G3'\n    # END SOLUTION\nprint(answer)"
    assert eb.strip_solution_lines(code) == (
        "if True:\n    answer = ...  # your answer here\nprint(answer)"
    )
    custom = "# BEGIN SOLUTION replace with: best = ...  # pick one\nbest = 'SSA'\n# END SOLUTION"
    assert eb.strip_solution_lines(custom) == "best = ...  # pick one"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("# BEGIN SOLUTION\nx = 1", "without '# END SOLUTION'"),
        ("x = 1\n# END SOLUTION", "without '# BEGIN SOLUTION'"),
        ("# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION", "inside another solution"),
    ],
)
def test_unbalanced_markers_are_named(code, expected):
    where = r"demo: entry cell 2, field solution markers: .*"
    with pytest.raises(ContentError, match=where + expected):
        eb.strip_solution_lines(code, "demo", "cell 2")


def _write_solution(folder: Path, body: str, name: str = "09_demo_solutions.py") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_solution_tagged_cells_are_dropped_and_ids_are_stable(tmp_path):
    body = (
        "\n# %% [markdown]\n# Intro\n\n"
        '# %% [markdown] tags=["solution"]\n# The key: G3 because mitoses win.\n\n'
        "# %%\n# BEGIN SOLUTION\nanswer = 'NET G3'\n# END SOLUTION\nprint(answer)\n"
    )
    source = _write_solution(tmp_path, body)
    notebook = eb.learner_notebook(source)
    texts = [cell.source for cell in notebook.cells]
    assert texts == ["Intro", "answer = ...  # your answer here\nprint(answer)"]
    assert [cell.id for cell in notebook.cells] == ["09_demo-1", "09_demo-2"]
    assert eb.render(notebook) == eb.render(eb.learner_notebook(source))


def test_markers_in_markdown_are_refused(tmp_path):
    source = _write_solution(tmp_path, "\n# %% [markdown]\n# BEGIN SOLUTION\n# x\n# END SOLUTION\n")
    with pytest.raises(ContentError, match=r"09_demo_solutions\.py: entry cell 1, field solution"):
        eb.learner_notebook(source)


def test_solution_files_must_be_named_with_the_suffix():
    with pytest.raises(ValueError, match=r"NN_name_solutions\.py"):
        eb.learner_name(Path("09_demo.py"))


def test_cli_builds_then_reports_up_to_date_and_stale(tmp_path, capsys):
    solutions, out = tmp_path / "solutions", tmp_path / "learner"
    source = _write_solution(solutions, "\n# %%\n# BEGIN SOLUTION\nanswer = 1\n# END SOLUTION\n")
    args = ["--solutions", str(solutions), "--out", str(out)]
    assert cli.main(["exercises", "check", *args]) == 1
    assert cli.main(["exercises", "build", *args]) == 0
    assert (out / "09_demo.ipynb").exists()
    assert cli.main(["exercises", "check", *args]) == 0
    source.write_text(source.read_text(encoding="utf-8") + "\n# %%\nprint('new')\n")
    assert cli.main(["exercises", "check", *args]) == 1
    assert "out of date: " in capsys.readouterr().out


def test_cli_reports_a_bad_folder_as_a_message(tmp_path, capsys):
    code = cli.main(["exercises", "build", "--solutions", str(tmp_path), "--out", str(tmp_path)])
    assert code == 2
    assert "no *_solutions.py sources" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main([])


def test_cli_quiz_check_counts_a_good_bank_and_names_a_bad_file(tmp_path, capsys):
    assert cli.main(["quiz", "check"]) == 0
    assert "01_classification_and_staging: " in capsys.readouterr().out
    (tmp_path / "01_x.yaml").write_text(
        'lesson: 01_x\nquestions:\n  - id: a\n    kind: short_answer\n    prompt: "p"\n'
        '    accepted: ["x"]\n    reference: "r"\n',
        encoding="utf-8",
    )
    assert cli.main(["quiz", "check", str(tmp_path)]) == 2
    assert "01_x.yaml: entry a, field explanation: missing" in capsys.readouterr().err


def _one_solution(folder: Path, answer: str) -> Path:
    folder.mkdir(exist_ok=True)
    source = folder / "01_demo_solutions.py"
    source.write_text(HEADER + f"\n# %% [markdown]\n# Grade it: {answer}\n\n"
                      "# %%\n# BEGIN SOLUTION\nanswer = 'x'\n# END SOLUTION\n", encoding="utf-8")
    return source


def test_learner_notebooks_are_written_to_a_temporary_file_then_renamed(tmp_path, monkeypatch):
    solutions, out = tmp_path / "solutions", tmp_path / "out"
    _one_solution(solutions, "G2")
    renames = []
    real_replace = writing.os.replace

    def spy(source, target):
        renames.append((Path(source), Path(target), Path(source).read_text(encoding="utf-8")))
        return real_replace(source, target)

    monkeypatch.setattr(writing.os, "replace", spy)
    [written] = eb.build(solutions, out)
    [(temporary, target, text)] = renames
    assert target == written == out / "01_demo.ipynb"
    assert temporary.parent == out and temporary.name != target.name  # same folder: one rename
    assert text == written.read_text(encoding="utf-8")  # the whole notebook was there first
    assert sorted(p.name for p in out.iterdir()) == ["01_demo.ipynb"]


def test_a_failed_write_keeps_the_previous_learner_notebook(tmp_path, monkeypatch):
    solutions, out = tmp_path / "solutions", tmp_path / "out"
    _one_solution(solutions, "G2")
    [written] = eb.build(solutions, out)
    before = written.read_bytes()
    _one_solution(solutions, "G3")

    def disk_full(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writing.os, "replace", disk_full)
    with pytest.raises(OSError, match="No space left"):
        eb.build(solutions, out)
    assert written.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["01_demo.ipynb"]  # no partial file left
    monkeypatch.undo()
    assert eb.out_of_date(solutions, out) == [written]  # the failed rebuild is reported as stale
