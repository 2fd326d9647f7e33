"""Corrections reach learners (issue 23, item 3): a learner's run saves only the notebook, and an
instructor's later correction to the cells the learner ran arrives with the next nbgitpuller pull,
beside the learner's own notes.

The learner's server is played by the contents manager a Jupyter server with jupytext uses (the
one jupytext's server extension builds from the server's default), so the save goes through the
same code as a learner's Ctrl-S; the pulls are nbgitpuller's own, from a bare clone over
``file://``."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
LESSON = "notebooks/00_start_here"
#: One fix in a Markdown cell and one in a code cell the learner runs (a comment: the cell's
#: output stays the same, so a rebuild changes the notebook exactly where the source changed).
CORRECTIONS = (
    ("Run the cell below. You should see a grade card",
     "Run the cell below (Shift+Enter). You should see a grade card"),
    ('print(f"pannet-edu {pe.__version__}")',
     '# the version this course was checked with\nprint(f"pannet-edu {pe.__version__}")'),
)
IDENTITY = {"GIT_AUTHOR_NAME": "Teacher", "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "Teacher", "GIT_COMMITTER_EMAIL": "t@example.org"}

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=dict(os.environ, **IDENTITY), check=True,
                          capture_output=True, text=True).stdout


def _pull(remote: str, home: Path) -> None:
    puller = pytest.importorskip("nbgitpuller.pull", reason="nbgitpuller missing (lab extra)")
    for _ in puller.GitPuller(remote, str(home), branch="main", depth=1).pull():
        pass


def _source(path: Path) -> str:
    """All cell sources of a stored notebook, one text."""
    return "\n".join("".join(c["source"]) for c in json.loads(path.read_text())["cells"])


def _correct(course: Path) -> None:
    """What the instructor does: fix the ``.py`` and rebuild. A rebuild changes the notebook
    where the source changed (outputs stay the same), so both files get the same edit."""
    for suffix in (".py", ".ipynb"):
        path = course / (LESSON + suffix)
        text = path.read_text()
        for old, new in CORRECTIONS:
            if suffix == ".ipynb":  # a JSON list of lines: the same edit, line by line
                old_lines, new_lines = old.split("\n"), new.split("\n")
                old = json.dumps(old_lines[0])[1:-1]
                new = '\\n",\n    "'.join(json.dumps(line)[1:-1] for line in new_lines)
            assert text.count(old) == 1, (path.name, old)
            text = text.replace(old, new)
        path.write_text(text)
    _git(course, "commit", "-qam", "Start page: clearer first steps")


@pytest.fixture
def course(tmp_path, monkeypatch):
    """The instructor's repository (the start page, the package's settings files) and the bare
    clone the hub pulls from."""
    pytest.importorskip("jupytext")
    monkeypatch.setenv("HOME", str(tmp_path))  # nbgitpuller's own commits use this identity
    for key, value in IDENTITY.items():
        monkeypatch.setenv(key, value.replace("Teacher", "Learner"))
    work = tmp_path / "course"
    (work / "notebooks").mkdir(parents=True)
    for name in (LESSON + ".py", LESSON + ".ipynb", "pyproject.toml", ".gitignore",
                 "jupyter_server_config.py"):
        shutil.copy(ROOT / name, work / name)
    _git(work, "init", "-q", "-b", "main")
    _git(work, "add", ".")
    _git(work, "commit", "-qm", "course")
    bare = tmp_path / "course.git"
    _git(tmp_path, "clone", "-q", "--bare", str(work), str(bare))
    return work, bare


def _learner_runs_and_saves(home: Path, note: str | None = None) -> None:
    """Run All in a fresh kernel, then save through jupytext's contents manager (as JupyterLab
    does: no widget state kept), optionally with a cell of the learner's own at the end."""
    from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
    from jupytext import build_async_jupytext_contents_manager_class
    from nbclient import NotebookClient

    manager = build_async_jupytext_contents_manager_class(AsyncLargeFileManager)(
        root_dir=str(home))

    async def run() -> None:
        model = await manager.get(LESSON + ".ipynb")
        notebook = nbformat.from_dict(model["content"])
        await NotebookClient(notebook, kernel_name="python3", timeout=120,
                             store_widget_state=False,
                             resources={"metadata": {"path": str(home / "notebooks")}},
                             ).async_execute()
        if note:
            notebook.cells.append(nbformat.v4.new_markdown_cell(note))
        await manager.save({"type": "notebook", "format": "json", "content": notebook},
                           LESSON + ".ipynb")

    asyncio.run(run())


def test_a_learners_run_saves_the_notebook_only_and_a_later_correction_arrives(course, tmp_path):
    work, bare = course
    home = tmp_path / "learner" / "pannet-edu"
    _pull(f"file://{bare}", home)

    _learner_runs_and_saves(home, note="My note: ask about Ki-67 on Tuesday.")
    changed = _git(home, "status", "--porcelain").split("\n")
    assert [line for line in changed if line] == [f" M {LESSON}.ipynb"]  # never the .py

    _correct(work)
    _git(work, "push", "-q", str(bare), "main")
    _pull(f"file://{bare}", home)

    text = _source(home / (LESSON + ".ipynb"))
    for _, new in CORRECTIONS:
        assert new in text  # both corrections reached the notebook the learner ran ...
    assert "My note: ask about Ki-67 on Tuesday." in text  # ... beside the learner's own cell
    assert (home / (LESSON + ".py")).read_text() == (work / (LESSON + ".py")).read_text()
    notebook = json.loads((home / (LESSON + ".ipynb")).read_text())
    assert "formats" not in notebook["metadata"].get("jupytext", {})


def test_a_cell_the_learner_rewrote_stays_theirs_and_renaming_brings_the_new_one_beside(
        course, tmp_path):
    """nbgitpuller keeps the learner's text where it and a correction touch the same lines; the
    teaching guide's way to get the instructor's version: rename the notebook and click the link
    again (nbgitpuller restores a tracked file that is missing)."""
    work, bare = course
    home = tmp_path / "learner" / "pannet-edu"
    _pull(f"file://{bare}", home)
    notebook = home / (LESSON + ".ipynb")
    old, _ = CORRECTIONS[0]
    mine = "Run the cell below. My own words: the grade card should say G2"
    notebook.write_text(notebook.read_text().replace(old, mine))

    _correct(work)
    _git(work, "push", "-q", str(bare), "main")
    _pull(f"file://{bare}", home)
    assert mine in _source(notebook) and CORRECTIONS[0][1] not in _source(notebook)
    assert CORRECTIONS[1][1] in _source(notebook)  # the correction elsewhere still arrived

    kept = notebook.with_name("00_start_here_mine.ipynb")
    notebook.rename(kept)
    _pull(f"file://{bare}", home)
    assert CORRECTIONS[0][1] in _source(notebook) and mine not in _source(notebook)
    assert mine in _source(kept)


def test_no_notebook_or_settings_file_pairs_a_notebook_with_its_source():
    """The pairing lives in tools/build_notebooks.py only: a pairing a learner's server can read
    (the notebook's metadata, the source's header, a jupytext settings file) makes its saves
    rewrite the ``.py`` too."""
    import jupytext

    sources = [*ROOT.glob("notebooks/*.py"), *ROOT.glob("exercises/solutions/*.py")]
    assert len(sources) >= 10
    for source in sources:
        assert "formats" not in jupytext.read(source).metadata.get("jupytext", {}), source.name
        stored = source.with_suffix(".ipynb")
        if stored.exists():
            metadata = json.loads(stored.read_text())["metadata"]
            assert "formats" not in metadata.get("jupytext", {}), stored.name
    settings = [p.name for p in ROOT.glob("**/*") if ".venv" not in p.parts
                and (p.name in ("jupytext.toml", "jupytext.yml", "jupytext.yaml", "jupytext.json")
                     or p.name.startswith(".jupytext"))]
    assert settings == []
    assert "tool.jupytext" not in (ROOT / "pyproject.toml").read_text()
