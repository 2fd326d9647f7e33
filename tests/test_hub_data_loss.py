"""Write only what is ours (issue 25, items 1-4): a user's files and links planted in every place
the toolkit writes (handouts, exports, learner notebooks) are left exactly as they were, devices
and links are refused, and a killed build's partial output is removed by the next run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_run import run, stub_handouts

from pannet_edu.publish import exercise_build

ROOT = Path(__file__).resolve().parents[1]


def everything(folder: Path) -> dict[str, object]:
    """Every entry below ``folder``: its bytes, or where a link points."""
    found: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = ("link", os.readlink(path))
        elif path.is_file():
            found[key] = path.read_bytes()
    return found


@pytest.fixture
def lessons(monkeypatch, tmp_path):
    """Two small lesson notebooks; the nbconvert export replaced by a stub page."""
    return stub_handouts(monkeypatch, tmp_path)[0]


# --- item 1: handouts --out a folder of the user's -----------------------------------------------


def test_handouts_into_a_downloads_folder_of_html_and_pdf_keep_every_file(lessons, tmp_path,
                                                                            capsys):
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    (downloads / "bank_statement.pdf").write_bytes(b"%PDF-1.7 mine")
    (downloads / "recipe.html").write_text("<p>mine</p>")
    before = everything(downloads)
    code, printed, _ = run(capsys, "handouts", "--out", str(downloads), "--notebooks", str(lessons))
    assert code == 0
    after = everything(downloads)
    assert {name: after[name] for name in before} == before
    assert after["01_a.html"] == b"<html>01_a complete</html>"
    assert "kept as they were: 2 other entries" in printed and "recipe.html" in printed


def test_a_page_of_the_users_with_a_handout_name_stops_the_build_before_any_change(
        lessons, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("<p>my own index</p>")
    (out / "01_a.html").symlink_to(tmp_path / "elsewhere.html")
    before = everything(out)
    code, _, err = run(capsys, "handouts", "--out", str(out), "--notebooks", str(lessons))
    assert code == 2
    assert "01_a.html, index.html, which pannet-edu did not write" in err
    assert everything(out) == before
    assert not (tmp_path / "elsewhere.html").exists()


def test_a_rebuild_replaces_its_own_pages_but_not_one_a_user_changed(lessons, tmp_path, capsys):
    out = tmp_path / "out"
    assert run(capsys, "handouts", "--out", str(out), "--notebooks", str(lessons))[0] == 0
    assert run(capsys, "handouts", "--out", str(out), "--notebooks", str(lessons))[0] == 0
    (out / "02_b.html").write_text("<p>my notes on lesson 2</p>")
    code, _, err = run(capsys, "handouts", "--out", str(out), "--notebooks", str(lessons))
    assert code == 2 and "02_b.html" in err
    assert (out / "02_b.html").read_text() == "<p>my notes on lesson 2</p>"


def test_a_planted_list_of_owned_pages_owns_nothing(lessons, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("mine")
    (out / ".pannet-edu-handouts.json").symlink_to("/dev/zero")
    assert run(capsys, "handouts", "--out", str(out), "--notebooks", str(lessons))[0] == 2
    assert (out / "index.html").read_text() == "mine"


# --- item 4: partial output of a killed build ----------------------------------------------------


def test_a_killed_handouts_build_is_cleaned_up_by_the_next_one(lessons, tmp_path, capsys):
    out = tmp_path / "out"
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from pannet_edu.publish import handouts, class_sheets\n"
        "def slow(path, *, reviewed=None, summary=False):\n"
        "    Path(sys.argv[2]).write_text('started'); time.sleep(60)\n"
        "handouts.handout_html = slow\n"
        "handouts.build_all(sys.argv[1], notebooks_dir=sys.argv[3])\n"
    )
    started = tmp_path / "started"
    build = subprocess.Popen([sys.executable, "-c", script, str(out), str(started), str(lessons)])
    try:
        deadline = time.monotonic() + 60
        while not started.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert started.exists()
    finally:
        build.send_signal(signal.SIGKILL)
        build.wait()
    left = [p for p in tmp_path.rglob("*") if "partial" in p.name]
    assert left, "the killed build left nothing to clean (the test proves nothing)"
    assert run(capsys, "handouts", "--out", str(out), "--notebooks", str(lessons))[0] == 0
    assert not [p for p in tmp_path.rglob("*") if "partial" in p.name]


def test_a_terminated_handouts_build_removes_its_own_partial_output(lessons, tmp_path):
    out = tmp_path / "out"
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from pannet_edu import cli\n"
        "from pannet_edu.publish import handouts\n"
        "def slow(path, *, reviewed=None, summary=False):\n"
        "    Path(sys.argv[2]).write_text('started'); time.sleep(60)\n"
        "handouts.handout_html = slow\n"
        "sys.exit(cli.main(['handouts', '--out', sys.argv[1], '--notebooks', sys.argv[3]]))\n"
    )
    started = tmp_path / "started"
    build = subprocess.Popen([sys.executable, "-c", script, str(out), str(started), str(lessons)],
                             stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    for sent in (signal.SIGTERM,):
        build.send_signal(sent)
    _, err = build.communicate(timeout=60)
    assert build.returncode != 0 and "Traceback" not in err
    assert not out.exists()
    assert not [p for p in tmp_path.rglob("*") if "partial" in p.name]


# --- item 3: exports to a device or a link -----------------------------------------------------


@pytest.mark.parametrize("kind", ["named pipe", "symbolic link"])
def test_export_refuses_to_replace_a_device_or_a_link(tmp_path, capsys, kind):
    # A named pipe stands for a device: /dev/null itself must never be the test's target (run as
    # root on code with the bug, the test would replace the machine's /dev/null).
    target = tmp_path / "bank.gift.txt"
    if kind == "named pipe":
        os.mkfifo(target)
    else:
        target.symlink_to(tmp_path / "somewhere.txt")
    before = os.lstat(target)
    code, _, err = run(capsys, "export", "--format", "gift", "--lesson", "05_prrt",
                       "--out", str(target))
    assert code == 2 and f"is a {kind}, not a regular file" in err
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert not (tmp_path / "somewhere.txt").exists()


def test_writing_never_follows_a_planted_temporary_link(tmp_path, monkeypatch):
    from pannet_edu import safe_files

    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    # A co-user who guesses the temporary name plants a link there: the write must not follow it.
    monkeypatch.setattr(safe_files.secrets, "token_hex", lambda n: "0" * (2 * n))
    planted = tmp_path / f".page.html.{'0' * 16}{safe_files.TEMPORARY_SUFFIX}"
    planted.symlink_to(victim)
    with pytest.raises(FileExistsError):
        safe_files.write_atomic(tmp_path / "page.html", "new")
    assert victim.read_text() == "precious"


# --- learner notebooks ----------------------------------------------------------------------------


def test_exercise_build_replaces_only_its_own_notebooks(tmp_path):
    solutions = ROOT / "exercises" / "solutions"
    out = tmp_path / "exercises"
    written = exercise_build.build(solutions, out)
    mine = written[0]
    mine.unlink()
    mine.write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    link = written[1]
    link.unlink()
    link.symlink_to(tmp_path / "elsewhere.ipynb")
    with pytest.raises(ValueError, match="not written by pannet-edu"):
        exercise_build.build(solutions, out)
    assert mine.read_text().startswith('{"cells": []') and link.is_symlink()
    assert not (tmp_path / "elsewhere.ipynb").exists()


def test_a_partial_folder_left_by_an_older_version_is_removed_and_nothing_else(lessons, tmp_path,
                                                                                capsys):
    out = tmp_path / "out"
    old = tmp_path / ".out.partial-ab12_x9z"  # what an older build's mkdtemp named
    old.mkdir()
    (old / "01_a.html").write_text("<html>half</html>")
    lookalike = tmp_path / ".out.partial-notes123"
    lookalike.mkdir()
    (lookalike / "my_notes.txt").write_text("mine")
    stale = time.time() - 2 * 86400
    for path in (old, lookalike):
        os.utime(path, (stale, stale))
    assert run(capsys, "handouts", "--out", str(out), "--notebooks", str(lessons))[0] == 0
    assert not old.exists()
    assert (lookalike / "my_notes.txt").read_text() == "mine"
