"""`pannet-edu export` and `pannet-edu practice`: files written whole, one-line errors."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pannet_edu import cli
from pannet_edu.export import common


def _run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "pannet_edu.cli", *args], capture_output=True,
                          text=True, cwd=cwd, env={**os.environ, "PYTHONPATH": os.getcwd()})


@pytest.mark.parametrize("fmt", common.FORMATS)
def test_each_format_is_written_and_reported(tmp_path, capsys, fmt):
    out = tmp_path / f"bank{common.EXTENSIONS[fmt]}"
    assert cli.main(["export", "--format", fmt, "--out", str(out), "--lesson", "05_prrt",
                     "--include-vignettes", "2", "--seed", "3"]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n"
    assert out.stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name], "no temporary file left"


def test_the_default_name_is_in_the_current_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["export", "--format", "gift"]) == 0
    assert (tmp_path / "pannet-edu-all.gift.txt").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "format must be one of moodle, qti, gift, anki; got 'pdf'"),
        (["--format", "gift", "--lesson", "99_none"], "lesson must be None (all lessons)"),
        (["--format", "qti", "--include-vignettes", "-1"], "include_vignettes must be"),
        (["--format", "gift", "--lesson", "00_start_here", "--include-vignettes", "2"],
         "has no generated vignettes"),
    ],
)
def test_bad_arguments_give_one_clear_line_and_a_non_zero_exit(tmp_path, capsys, args, message):
    code = cli.main(["export", *args])
    captured = capsys.readouterr()
    assert code == 2
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("pannet-edu export: ")
    assert message in lines[0]
    assert "Traceback" not in captured.err


def test_out_makes_a_missing_folder(tmp_path, capsys):
    out = tmp_path / "no" / "such" / "folder" / "bank.xml"
    assert cli.main(["export", "--format", "moodle", "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n"
    assert out.read_bytes().startswith(b"<?xml")
    assert [p.name for p in out.parent.iterdir()] == ["bank.xml"]


@pytest.mark.parametrize("fmt", common.FORMATS)
def test_out_naming_a_folder_writes_the_default_name_inside_it(tmp_path, capsys, fmt):
    existing = tmp_path / "exports"
    existing.mkdir()
    assert cli.main(["export", "--format", fmt, "--lesson", "05_prrt", "--out",
                     str(existing)]) == 0
    assert [p.name for p in existing.iterdir()] == [common.default_name(fmt, "05_prrt")]
    made = tmp_path / "new"
    assert cli.main(["export", "--format", fmt, "--out", f"{made}/"]) == 0
    assert [p.name for p in made.iterdir()] == [common.default_name(fmt, None)]


@pytest.mark.parametrize("fmt", common.FORMATS)
def test_out_without_an_extension_gets_the_formats(tmp_path, monkeypatch, capsys, fmt):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["export", "--format", fmt, "--lesson", "05_prrt", "--out", fmt]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [fmt + common.EXTENSIONS[fmt]]
    assert capsys.readouterr().out == f"wrote {fmt}{common.EXTENSIONS[fmt]}\n"


def test_out_under_a_file_is_refused_before_any_work(tmp_path, capsys):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine")
    assert cli.main(["export", "--format", "gift", "--out", str(blocker / "x" / "bank.txt")]) == 2
    err = capsys.readouterr().err
    assert f"{blocker} is not a folder, so no folder can be made there" in err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    assert blocker.read_text() == "mine"


def test_a_folder_that_cannot_be_written_is_refused_before_any_work(tmp_path, monkeypatch,
                                                                     capsys):
    monkeypatch.setattr(common.os, "access", lambda path, mode: False)
    assert cli.main(["export", "--format", "moodle", "--out", str(tmp_path / "x.xml")]) == 2
    assert "is not writable" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_no_file_that_looks_complete(tmp_path, monkeypatch):
    target = tmp_path / "bank.xml"
    target.write_bytes(b"previous export")

    def fail(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(common.os, "replace", fail)
    with pytest.raises(OSError):
        common.write_atomic(target, b"new content")
    assert target.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["bank.xml"]


def test_an_interrupted_export_from_the_command_line_is_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(common.os, "replace", lambda src, dst: (_ for _ in ()).throw(
        OSError("disk full")))
    assert cli.main(["export", "--format", "gift", "--out", str(tmp_path / "a.txt")]) == 2
    assert capsys.readouterr().err.strip() == "pannet-edu export: disk full"
    assert list(tmp_path.iterdir()) == []


def test_re_export_without_change_is_byte_stable(tmp_path):
    for fmt in common.FORMATS:
        first, second = (tmp_path / f"{n}{common.EXTENSIONS[fmt]}" for n in (1, 2))
        for out in (first, second):
            assert cli.main(["export", "--format", fmt, "--out", str(out),
                             "--include-vignettes", "3"]) == 0
        assert first.read_bytes() == second.read_bytes(), fmt


def test_practice_prints_cases_and_an_answer_key(capsys):
    assert cli.main(["practice", "-n", "2", "--seed", "5"]) == 0
    out = capsys.readouterr().out
    assert out.count("Invented teaching case.") == 2
    assert "Answers" in out and "Source:" in out
    assert cli.main(["practice", "-n", "2", "--seed", "5", "--no-answers"]) == 0
    assert "Answers" not in capsys.readouterr().out


def test_practice_interactive_marks_answers_from_stdin():
    result = _run("practice", "-n", "2", "--seed", "1", "--interactive",
                  cwd=Path(__file__).resolve().parents[1])
    assert result.returncode == 0  # no input: stops cleanly at end of file
    result = subprocess.run(
        [sys.executable, "-m", "pannet_edu.cli", "practice", "-n", "1", "--seed", "1",
         "--interactive"], input="A\n", capture_output=True, text=True,
        cwd=Path(__file__).resolve().parents[1])
    assert "Score: " in result.stdout
    assert ("Correct." in result.stdout) or ("Not quite." in result.stdout)


def test_practice_bad_arguments_are_one_line(capsys):
    assert cli.main(["practice", "--difficulty", "medium"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("pannet-edu practice: difficulty must be")
