"""The kept-figure folder is shared on a hub, so it is untrusted input (issue 25, items 2, 5-7 and
the warm part of 14): pruning removes only what the toolkit wrote, nothing read from the folder
reaches a learner's page as HTML, a planted link or pipe neither redirects a write nor hangs a
kernel, a damaged entry is drawn again and replaced, and ``warm`` fails when it kept nothing."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time

import matplotlib

matplotlib.use("Agg")

import pytest
from cli_run import run
from trial_frames import trial_rows

from pannet_edu.widgets import TrialExplorer, kept_figures, warm


@pytest.fixture
def shared(tmp_path, monkeypatch):
    """A course's shared folder named as the figure folder."""
    folder = tmp_path / "course"
    folder.mkdir()
    monkeypatch.setenv(kept_figures.FIGURE_CACHE_ENV, str(folder))
    return folder


def kept_paths(tool: TrialExplorer) -> list:
    """Where the tool's current figure is kept: this layout's file and the older ``.html``."""
    key = hashlib.sha256(kept_figures.code_fingerprint().encode() + b"\0"
                         + tool._figure_data()).hexdigest()
    folder = kept_figures.current_folder()
    folder.mkdir(parents=True, exist_ok=True)
    return [folder / f"{key}.figure", folder / f"{key}.html"]


def shown(tool) -> str:
    return tool.plot_output.outputs[0]["data"]["text/html"]


@pytest.fixture
def drawn(shared, monkeypatch):
    """The explorer's figure as drawn, with keeping off; and the tool whose paths are planted."""
    monkeypatch.setenv(kept_figures.FIGURE_CACHE_ENV, "off")
    tool = TrialExplorer(trials=trial_rows())
    monkeypatch.setenv(kept_figures.FIGURE_CACHE_ENV, str(shared))
    return shown(tool), tool


# --- item 2: pruning a shared folder -------------------------------------------------------------


def test_pruning_a_shared_course_folder_removes_only_old_figures(shared):
    stale = time.time() - 30 * 86400
    submissions = shared / "student_submissions"
    submissions.mkdir()
    (submissions / "essay.docx").write_bytes(b"a learner's work")
    (shared / "slides").mkdir()
    (shared / "syllabus.pdf").write_bytes(b"%PDF syllabus")
    (shared / "notes.html").write_text("<p>mine</p>")
    lookalike = shared / "0123456789abcdef"  # named like a version folder, holding a user's file
    lookalike.mkdir()
    (lookalike / "grades.csv").write_text("a,b")
    (lookalike / f"{'a' * 64}.figure").write_text("{}")  # and an old figure of the toolkit's
    elsewhere = shared.parent / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / f"{'b' * 64}.html").write_text("not in the folder")
    (shared / "fedcba9876543210").symlink_to(elsewhere)
    for path in shared.rglob("*"):
        os.utime(path, (stale, stale), follow_symlinks=False)
    kept_figures.prune_kept_figures(keep_days=7)
    assert (submissions / "essay.docx").read_bytes() == b"a learner's work"
    assert (shared / "slides").is_dir() and (shared / "syllabus.pdf").exists()
    assert (shared / "notes.html").exists() and (lookalike / "grades.csv").exists()
    assert not (lookalike / f"{'a' * 64}.figure").exists()
    assert (elsewhere / f"{'b' * 64}.html").exists()


# --- item 5: no HTML from the folder reaches the page --------------------------------------------


def test_a_planted_script_never_reaches_the_learners_page(shared, drawn):
    reference, tool = drawn
    figure, html = kept_paths(tool)
    html.write_text('<img src=x onerror="fetch(\'//evil\')"><script>steal()</script>')
    figure.write_text('{"alt": "x", "png": "PHNjcmlwdD5zdGVhbCgpPC9zY3JpcHQ+"}')
    page = shown(TrialExplorer(trials=trial_rows()))
    assert "<script" not in page and "onerror" not in page
    assert page == reference


def test_a_kept_alt_text_is_escaped_in_the_page(shared, drawn):
    _, tool = drawn
    figure, _ = kept_paths(tool)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x00IEND\xaeB`\x82"
    figure.write_bytes(kept_figures.figure_bytes((png, '"><script>steal()</script>')))
    page = shown(TrialExplorer(trials=trial_rows()))
    assert "<script" not in page and "&lt;script&gt;" in page


# --- item 6: a planted link at the temporary name ------------------------------------------------


def test_a_planted_link_never_redirects_the_write(shared, drawn, tmp_path):
    reference, tool = drawn
    figure, _ = kept_paths(tool)
    victim = tmp_path / "learner_thesis.txt"
    victim.write_text("years of work")
    key = figure.name.split(".")[0]
    # The name the older code wrote through, and the kept file's own name.
    (figure.parent / f".{key}.{os.getpid()}.tmp").symlink_to(victim)
    figure.symlink_to(victim)
    assert shown(TrialExplorer(trials=trial_rows())) == reference
    assert victim.read_text() == "years of work"
    assert not figure.is_symlink()  # the planted link was replaced by a whole figure
    assert kept_figures.parse_figure(figure.read_bytes())[1].startswith("Forest plot")


# --- item 7: pipes and damaged entries -----------------------------------------------------------


def test_a_named_pipe_at_a_kept_path_never_hangs_the_kernel(shared):
    script = (
        "import hashlib, os, sys\n"
        "import matplotlib; matplotlib.use('Agg')\n"
        "from pannet_edu.widgets import TrialExplorer, kept_figures\n"
        "os.environ[kept_figures.FIGURE_CACHE_ENV] = 'off'\n"
        "data = TrialExplorer()._figure_data()\n"
        "os.environ[kept_figures.FIGURE_CACHE_ENV] = sys.argv[1]\n"
        "key = hashlib.sha256(kept_figures.code_fingerprint().encode() + b'\\0' + data)"
        ".hexdigest()\n"
        "folder = kept_figures.current_folder(); folder.mkdir(parents=True)\n"
        "for suffix in ('.figure', '.html'):\n"
        "    os.mkfifo(folder / (key + suffix))\n"
        "tool = TrialExplorer()\n"
        "print('<img' in tool.plot_output.outputs[0]['data']['text/html'])\n"
        "kept = kept_figures.parse_figure((folder / (key + '.figure')).read_bytes())\n"
        "print(kept[1].startswith('Forest plot'))\n"
    )
    try:
        result = subprocess.run([sys.executable, "-c", script, str(shared)], capture_output=True,
                                text=True, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail("opening the tool hung on a named pipe in the figure folder")
    assert result.stdout.split() == ["True", "True"], result.stderr[-2000:]  # replaced, too


@pytest.mark.parametrize("damage", ["truncated", "not UTF-8", "empty", "a folder"])
def test_a_damaged_kept_figure_is_drawn_again_and_replaced(shared, drawn, damage):
    reference, tool = drawn
    TrialExplorer(trials=trial_rows())  # keeps the figure
    figure, html = kept_paths(tool)
    whole = figure.read_bytes()
    for path in (figure, html):
        path.unlink(missing_ok=True)
        if damage == "truncated":
            half = whole[: len(whole) // 2] if path == figure else reference[:500].encode()
            path.write_bytes(half)
        elif damage == "not UTF-8":
            path.write_bytes(b"\xff\xfe<img" + os.urandom(64))
        elif damage == "empty":
            path.write_bytes(b"")
        else:
            path.mkdir()
    assert shown(TrialExplorer(trials=trial_rows())) == reference
    if damage != "a folder":  # a folder is not the toolkit's to remove
        assert kept_figures.parse_figure(figure.read_bytes())[1].startswith("Forest plot")


# --- item 14 (warm): honest about what it kept ---------------------------------------------------


def test_warm_fails_when_it_could_keep_no_figure(tmp_path, monkeypatch, capsys):
    blocked = tmp_path / "a_file"
    blocked.write_text("not a folder")  # (root ignores a read-only folder; this stops root too)
    monkeypatch.setenv(kept_figures.FIGURE_CACHE_ENV, str(blocked / "figures"))
    monkeypatch.setattr(warm, "_case_player_views", lambda: 0)
    code, out, err = run(capsys, "warm")
    assert code == 1
    assert "Figures ready" not in out + err
    assert "No figure could be kept" in err and "Not a directory" in err
