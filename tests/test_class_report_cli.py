"""The misconception map's commands and tools: the learner's ``attempts where|export`` (and the
widget), the instructor's ``class-report`` (and the upload tool), and their messages."""

from __future__ import annotations

import base64
import datetime
import json
import re

import pytest

from pannet_edu import cli
from pannet_edu.practice import attempt_files, attempts
from pannet_edu.widgets.misconception_map import PRIVACY, ClassReportTool, MyPracticeRecord


@pytest.fixture
def learner(tmp_path):
    with attempts.recording_to(tmp_path / "record") as folder:
        attempts.record("quiz", "prrt-02", lesson="05_prrt",
                        answer="Placebo injections every 4 weeks", correct=False)
        attempts.record("selfcheck", "sc-1", text="my own words", prompt="Why?")
        yield folder


def test_attempts_where_names_the_folder_and_says_nothing_is_sent(learner, capsys):
    assert cli.main(["attempts", "where"]) == 0
    out = capsys.readouterr().out
    assert str(learner) in out and "Nothing is sent anywhere" in out and "Answers kept: 2." in out


def test_attempts_export_writes_a_file_without_typed_words(learner, tmp_path, capsys):
    target = tmp_path / "mine.json"
    assert cli.main(["attempts", "export", "--out", str(target)]) == 0
    assert "without the words you typed" in capsys.readouterr().out
    payload = json.loads(target.read_text())
    assert payload["format"] == "pannet-edu-attempts" and len(payload["records"]) == 2
    assert "my own words" not in target.read_text()
    assert cli.main(["attempts", "export", "--code", "--include-text"]) == 0
    captured = capsys.readouterr()
    read = attempt_files.read_export(captured.out, "code")
    assert read.free_text and any(r.get("x") == "my own words" for r in read.records)
    assert "including the words you typed" in captured.err


def test_class_report_writes_the_page_and_exits_0(learner, tmp_path, capsys):
    export = tmp_path / "mine.json"
    export.write_text(attempt_files.export_json())
    out = tmp_path / "report.html"
    assert cli.main(["class-report", str(export), "--out", str(out)]) == 0
    assert "1 learner files, 2 answers, 0 refused" in capsys.readouterr().out
    assert "Class report: what the class got wrong" in out.read_text()


def test_class_report_names_each_refused_file_and_exits_1(learner, tmp_path, capsys):
    good, cut = tmp_path / "good.json", tmp_path / "cut.json"
    good.write_text(attempt_files.export_json())
    cut.write_text(good.read_text()[:100])
    out = tmp_path / "report.html"
    status = cli.main(["class-report", str(good), str(cut), str(tmp_path / "gone.json"),
                       "--out", str(out)])
    err = capsys.readouterr().err
    assert status == 1
    assert f"pannet-edu class-report: {cut}: refused: the file is cut short" in err
    assert f"{tmp_path / 'gone.json'}: refused: cannot be read" in err
    page = out.read_text()
    assert "2 file(s) refused" in page and "1 learner files" in page


def test_class_report_needs_an_output_file(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["class-report", "a.json"])
    assert stop.value.code == 2
    assert "--out" in capsys.readouterr().err


def test_the_learners_widget_says_what_stays_home_and_makes_both_exports(learner):
    tool = MyPracticeRecord()
    assert "Answers kept so far: 2." in tool.info.value and "Nothing is sent" in PRIVACY
    link = tool.make_file()
    data = re.search(r'base64,([A-Za-z0-9+/=]+)"', link).group(1)
    payload = json.loads(base64.b64decode(data))
    assert len(payload["records"]) == 2 and not payload["free_text"]
    tool.share_text.value = True
    code = tool.make_code()
    assert attempt_files.read_export(code, "code").free_text
    assert tool.code.value == code and tool.code.layout.display is None


def test_the_instructors_tool_builds_the_report_from_uploads_and_codes(learner):
    tool = ClassReportTool(lessons_url="handouts")
    tool.upload.value = ({"name": "a.json", "type": "application/json", "size": 1,
                          "last_modified": datetime.datetime(2026, 12, 7,
                                                             tzinfo=datetime.UTC),
                          "content": memoryview(attempt_files.export_json().encode())},)
    other = {"k": "quiz", "i": "prrt-02", "a": "Placebo injections every 4 weeks", "c": 0,
             "n": "0123abcd", "d": "2026-12-07"}
    tool.codes.value = "\n".join([attempt_files.export_code([other]), "PNET1.broken",
                                  attempt_files.export_code()])  # the last: a.json again
    summary = tool.build(tool._named())
    assert summary.startswith("Class report: 2 learner files")
    assert "Refused: pasted code 2: refused: the code is cut short" in summary
    assert "Refused: pasted code 3: refused: 2 of its records are already in a.json" in summary
    assert 'download="class-report.html"' in tool.output.value
    assert "Five misconceptions to address next lesson" in tool.output.value
