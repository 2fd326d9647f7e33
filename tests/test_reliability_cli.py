"""The command line with bad paths and interrupts; handouts written whole or not at all.

No traceback reaches a user from any subcommand: one line on stderr and a documented exit code.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import run, stub_handouts

from pannet_edu import cli, safe_files
from pannet_edu.publish import handouts, writing

ROOT = Path(__file__).resolve().parents[1]


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]


# --- every subcommand with bad paths -----------------------------------------------------------


def test_quiz_check_on_a_missing_folder_fails_with_one_line(capsys):
    code, out, err = run(capsys, "quiz", "check", "/no/such/folder")
    assert code == cli.EXIT_BAD_INPUT
    assert "ok:" not in out
    assert "/no/such/folder" in one_line(err) and "no such folder" in err


def test_quiz_check_on_an_empty_folder_or_a_file(tmp_path, capsys):
    code, _, err = run(capsys, "quiz", "check", str(tmp_path))
    assert code == 2 and "no question files" in one_line(err)
    (tmp_path / "x.txt").write_text("x")
    code, _, err = run(capsys, "quiz", "check", str(tmp_path / "x.txt"))
    assert code == 2 and "is a file" in one_line(err)


def test_quiz_check_on_a_broken_file_names_it(tmp_path, capsys):
    (tmp_path / "01_x.yaml").write_bytes(b"lesson: 01_x\nquestions: caf\xe9\n")
    code, _, err = run(capsys, "quiz", "check", str(tmp_path))
    assert code == 2 and "01_x.yaml: line 2" in one_line(err)


@pytest.mark.parametrize("action", ["check", "build"])
def test_exercises_on_missing_paths_fail_with_one_line(tmp_path, capsys, action):
    code, out, err = run(capsys, "exercises", action, "--solutions", str(tmp_path / "none"),
                         "--out", str(tmp_path / "out"))
    assert code == 2 and "ok:" not in out
    assert "does not exist" in one_line(err)
    assert not (tmp_path / "out").exists()


def test_exercises_check_on_a_missing_learner_folder_fails(tmp_path, capsys):
    code, out, _ = run(capsys, "exercises", "check", "--solutions",
                       str(ROOT / "exercises" / "solutions"), "--out", str(tmp_path / "none"))
    assert code == cli.EXIT_CHECK_FAILED
    assert "does not exist" in out


@pytest.mark.parametrize("command", [["handouts", "--out"], ["quiz", "check"],
                                     ["exercises", "check", "--out"],
                                     ["exercises", "build", "--solutions"]])
def test_an_empty_path_is_refused(capsys, command):
    with pytest.raises(SystemExit) as caught:
        cli.main([*command, ""])
    assert caught.value.code == 2
    assert "must name a folder" in capsys.readouterr().err


def test_handouts_out_a_file_or_under_a_file(tmp_path, capsys):
    target = tmp_path / "notes.txt"
    target.write_text("mine")
    code, _, err = run(capsys, "handouts", "--out", str(target))
    assert code == 2 and "is a file" in one_line(err)
    code, _, err = run(capsys, "handouts", "--out", str(target / "sub"))
    assert code == 2 and "is a file" in one_line(err)
    assert target.read_text() == "mine"


def test_handouts_out_a_folder_that_cannot_be_written(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "read-only"
    folder.mkdir()
    real_access = os.access
    monkeypatch.setattr(writing.os, "access",  # root ignores permissions; pretend we are not
                        lambda path, mode: False if Path(path) == folder
                        else real_access(path, mode))
    code, _, err = run(capsys, "handouts", "--out", str(folder))
    assert code == 2 and "is not writable" in one_line(err)


def test_handouts_with_a_missing_notebooks_folder(tmp_path, capsys):
    code, _, err = run(capsys, "handouts", "--out", str(tmp_path / "o"), "--notebooks",
                       str(tmp_path / "none"))
    assert code == 2 and "does not exist" in one_line(err)


def test_an_interrupt_exits_130_with_a_line(capsys, monkeypatch):
    from pannet_edu.practice import quiz

    def interrupted(folder=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(quiz, "load_bank", interrupted)
    code, _, err = run(capsys, "quiz", "check")
    assert code == cli.EXIT_INTERRUPTED == 130
    assert one_line(err) == "pannet-edu quiz: interrupted"


def test_an_unexpected_error_is_one_line_and_exit_4(capsys, monkeypatch):
    from pannet_edu.practice import quiz

    def broken(folder=None):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(quiz, "load_bank", broken)
    code, _, err = run(capsys, "quiz", "check")
    assert code == cli.EXIT_INTERNAL
    assert "unexpected error (RuntimeError: disk on fire)" in one_line(err)


def test_a_subcommand_added_later_gets_the_same_handling(capsys, monkeypatch):
    def _add_boom(subparsers):
        sub = subparsers.add_parser("boom")
        sub.set_defaults(run=lambda args: open("/no/such/dir/file"))  # noqa: SIM115

    monkeypatch.setattr(cli, "SUBCOMMANDS", [*cli.SUBCOMMANDS, _add_boom])
    code, _, err = run(capsys, "boom")
    assert code == 2 and "No such file or directory: /no/such/dir/file" in one_line(err)
    with pytest.raises(SystemExit):
        cli.main(["boom", "--help"])
    assert "exit status:" in capsys.readouterr().out


def test_exit_codes_are_documented_in_help(capsys):
    for argv in (["--help"], ["handouts", "--help"], ["quiz", "check", "--help"]):
        with pytest.raises(SystemExit) as caught:
            cli.main(argv)
        assert caught.value.code == 0
        text = capsys.readouterr().out
        assert "exit status:" in text
        for code in cli.EXIT_CODES:
            assert f"  {code} " in text


def test_the_installed_command_prints_no_traceback():
    completed = subprocess.run(
        [sys.executable, "-m", "pannet_edu.cli", "quiz", "check", "/no/such/folder"],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr.strip() == (
        "pannet-edu quiz: questions: /no/such/folder: no such folder of question files"
    )


# --- handouts: all or nothing ------------------------------------------------------------------


@pytest.fixture
def quick_handouts(monkeypatch, tmp_path):
    """build_all over two small notebooks, with the nbconvert export replaced by a stub page."""
    return stub_handouts(monkeypatch, tmp_path)


def test_handouts_are_moved_into_place_and_listed(quick_handouts, tmp_path, capsys):
    folder, _ = quick_handouts
    out = tmp_path / "out"
    code, printed, _ = run(capsys, "handouts", "--out", str(out), "--notebooks", str(folder))
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        writing.OWNED_LIST, "01_a.html", "01_a_summary.html", "02_b.html", "02_b_summary.html",
        "index.html"]
    assert f"wrote {out / '01_a.html'}" in printed
    assert f"ok: 5 files written into {out}" in printed
    assert not [p for p in tmp_path.iterdir() if ".partial" in p.name]


def test_a_full_disk_leaves_the_previous_handouts_intact(quick_handouts, tmp_path, capsys,
                                                         monkeypatch):
    folder, _ = quick_handouts
    out = tmp_path / "out"
    assert run(capsys, "handouts", "--out", str(out), "--notebooks", str(folder))[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real = handouts.write_atomic
    written = []

    def disk_full(target, text):
        if len(written) == 1:  # the second page: the disk is full
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        written.append(target)
        return real(target, text)

    monkeypatch.setattr(handouts, "write_atomic", disk_full)
    code, _, err = run(capsys, "handouts", "--out", str(out), "--notebooks", str(folder))
    assert code == 2
    line = one_line(err)
    assert "No space left on device" in line and "keeps its previous contents" in line
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert not [p for p in tmp_path.iterdir() if ".partial" in p.name]


def test_an_interrupted_build_mixes_nothing(quick_handouts, tmp_path, capsys, monkeypatch):
    folder, _ = quick_handouts
    out = tmp_path / "fresh"

    def interrupt(path, *, reviewed=None, summary=False):
        raise KeyboardInterrupt

    monkeypatch.setattr(handouts, "handout_html", interrupt)
    code, _, err = run(capsys, "handouts", "--out", str(out), "--notebooks", str(folder))
    assert code == 130
    assert "interrupted" in one_line(err) and "was not changed" in err
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if ".partial" in p.name]


def test_a_folder_with_other_files_keeps_them(quick_handouts, tmp_path, capsys):
    folder, _ = quick_handouts
    out = tmp_path / "shared"
    out.mkdir()
    (out / "my_notes.txt").write_text("keep me")
    assert run(capsys, "handouts", "--out", str(out), "--notebooks", str(folder))[0] == 0
    assert (out / "my_notes.txt").read_text() == "keep me"
    assert (out / "01_a.html").read_text() == "<html>01_a complete</html>"


def test_write_atomic_leaves_no_partial_file_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "page.html"
    target.write_text("old")

    def fail(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safe_files.os, "replace", fail)
    with pytest.raises(OSError):
        safe_files.write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


# --- byte-stable notebook rebuilds ---------------------------------------------------------------


def test_a_rebuild_with_no_change_is_byte_stable(tmp_path):
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import build_notebooks
    finally:
        sys.path.remove(str(ROOT / "tools"))
    source = tmp_path / "tiny.py"
    source.write_text(
        "# ---\n# jupyter:\n#   kernelspec:\n#     display_name: Python 3\n#     language: python\n"
        "#     name: python3\n# ---\n\n# %%\nimport ipywidgets\nipywidgets.IntSlider(3)\n\n"
        "# %%\nprint('hello')\n",
        encoding="utf-8",
    )
    first = build_notebooks.build(source).read_bytes()
    assert b"application/vnd.jupyter.widget-view+json" in first
    assert build_notebooks._model_id("tiny", 0, 0).encode() in first
    # --check runs the notebook again in a fresh kernel and compares the bytes it would write.
    assert build_notebooks.main(["--check", str(source)]) == 0
    assert source.with_suffix(".ipynb").read_bytes() == first
