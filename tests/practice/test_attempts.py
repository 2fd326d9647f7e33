"""The learner's own record: every tool adds a record when the learner answers, nothing leaves
the computer, typed words stay out of an export unless the learner opts in, and recording never
breaks a tool."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from pannet_edu.practice import attempt_files, attempts
from pannet_edu.practice.cases import load_case
from pannet_edu.practice.exercises import check
from pannet_edu.practice.question_bank import load_bank
from pannet_edu.widgets import CasePlayer, QuizWidget, SelfCheck, VignetteDrill


@pytest.fixture
def record_folder(tmp_path):
    with attempts.recording_to(tmp_path / "record") as folder:
        yield folder


def _wrong_letter(question):
    return next(letter for letter, o in zip("ABCDE", question.options, strict=False)
                if not o.correct)


def test_nothing_is_recorded_outside_a_kernel_or_when_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv(attempts.DIR_ENV, str(tmp_path))
    monkeypatch.delenv(attempts.SWITCH_ENV, raising=False)
    assert attempts.record("quiz", "cls-01", correct=True) is None  # a test is not a kernel
    monkeypatch.setenv(attempts.SWITCH_ENV, "off")
    assert attempts.record("quiz", "cls-01", correct=True) is None
    assert list(tmp_path.iterdir()) == []


def test_quiz_first_answer_and_retry_are_recorded_with_the_option_text(record_folder):
    tool = QuizWidget(lesson="05_prrt", seed=0, n=None)
    while tool.current.kind != "multiple_choice":
        tool.next()
    question = tool.current
    tool.answer(_wrong_letter(question))
    tool.answer(question.key)            # kept: not a new answer, not recorded
    tool.retry()
    tool.answer(question.key)
    rows = attempts.load_records()
    assert [(r["i"], r["c"], r["r"]) for r in rows] == [(question.id, 0, 1), (question.id, 1, 2)]
    wrong = question.options["ABCDE".index(_wrong_letter(question))].text
    assert rows[0]["a"] == wrong and rows[0]["l"] == "05_prrt"


def test_a_quiz_answer_given_as_option_text_is_recorded_as_that_option(record_folder):
    tool = QuizWidget(lesson="05_prrt", seed=0)
    while tool.current.kind != "multiple_choice":
        tool.next()
    # An option's text may start with a letter that names another option ("Any GEP-NET").
    option = next(o for o in tool.current.options if not o.correct)
    tool.answer(option.text)
    assert [r["a"] for r in attempts.load_records()] == [option.text]


def test_short_answers_and_self_checks_keep_typed_words_apart(record_folder):
    question = next(q for q in load_bank().values() if q.kind == "short_answer")
    tool = QuizWidget(lesson=question.lesson, seed=0)
    while tool.current.id != question.id:
        tool.next()
    tool.answer("my own words")
    check_tool = SelfCheck([("Which M category?", "M1c", ["M1c"])])
    check_tool.boxes[0].value = "M1a"
    check_tool.show(0)
    check_tool.show(0)  # the box is locked: pressing again adds nothing
    rows = attempts.load_records()
    assert [(r["k"], r.get("x"), r.get("a")) for r in rows] == [
        ("quiz", "my own words", None), ("selfcheck", "M1a", None)]
    assert rows[1]["q"] == "Which M category?" and rows[1]["c"] == 0


def test_case_choices_record_the_learners_first_choice_not_the_cells_preset(record_folder):
    player = CasePlayer("nec_large_cell", step=0, choice="platinum_etoposide")
    assert attempts.load_records() == []  # the notebook's preset is not the learner's choice
    player.restart()
    player.choice_picker.value = "ssa"
    player.choice_picker.value = "platinum_etoposide"  # a second look: the first choice counts
    rows = attempts.load_records()
    assert [(r["k"], r["i"], r["a"], r["c"]) for r in rows] == [
        ("case", "nec_large_cell/first_line", "ssa", 0)]


def test_vignette_and_exercise_answers_are_recorded_once_each(record_folder):
    drill = VignetteDrill(seed=3, n=1, lesson="01_classification_and_staging")
    vignette = drill.current
    wrong = next(letter for letter, o in zip("ABCDE", vignette.options, strict=False)
                 if not o.correct)
    drill.answer(wrong)
    drill.answer(vignette.key)  # a second answer to the same case is not a first try
    assert check("grade-1", "NET G2").correct is False
    assert check("grade-1", ...).correct is None  # nothing to mark: nothing recorded
    rows = attempts.load_records()
    assert [(r["k"], r["c"]) for r in rows] == [("vignette", 0), ("exercise", 0)]
    assert rows[0]["g"] == vignette.kind and rows[0]["f"]
    assert rows[1]["a"] == "NET G2" and rows[1]["l"] == "01_classification_and_staging"


def test_the_record_is_private_to_the_learner(record_folder):
    attempts.record("quiz", "cls-01", correct=True)
    (path,) = record_folder.iterdir()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(record_folder).st_mode) == 0o700


def test_an_unwritable_folder_never_breaks_a_tool(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with attempts.recording_to(blocker / "record"):
        tool = QuizWidget(lesson="05_prrt", seed=0)
        assert tool.answer(tool.current.key).correct is True
        assert attempts.record("quiz", "x", correct=True) is None


def test_typed_words_leave_only_when_the_learner_opts_in(record_folder):
    attempts.record("selfcheck", "sc-1", text="Ki-67 wins", correct=None, prompt="Why?")
    plain = json.loads(attempt_files.export_json())
    shared = json.loads(attempt_files.export_json(include_text=True))
    assert "x" not in plain["records"][0] and plain["free_text"] is False
    assert shared["records"][0]["x"] == "Ki-67 wins" and shared["free_text"] is True
    assert plain["export_id"] != shared["export_id"]  # a new random id for every export
    assert not {"name", "user", "email"} & set(plain)


def test_a_code_round_trips_and_holds_the_same_records(record_folder):
    attempts.record("case", "vipoma/first_line", answer="ssa", correct=True)
    code = attempt_files.export_code()
    assert code.startswith(attempt_files.CODE_PREFIX) and "\n" not in code
    read = attempt_files.read_export(code, "pasted")
    assert [r["i"] for r in read.records] == ["vipoma/first_line"]


def test_a_damaged_line_of_the_record_is_skipped(record_folder):
    attempts.record("quiz", "cls-01", correct=True)
    (path,) = record_folder.iterdir()
    path.write_text(path.read_text() + '{"k": "quiz", "i": \n')
    assert [r["i"] for r in attempts.load_records()] == ["cls-01"]


def test_case_feedback_hook_records_the_step(record_folder):
    attempts.record_case_choice(load_case("vipoma").choose(0, "ssa"))
    assert attempts.load_records()[0]["i"].startswith("vipoma/")


def test_a_hook_given_an_odd_object_records_nothing_and_raises_nothing(record_folder):
    class Exploding:
        def __str__(self):
            raise RuntimeError("boom")

        __repr__ = __str__

    exercise = type("E", (), {"id": "grade-1", "lesson": "01_classification_and_staging"})()
    attempts.record_exercise(exercise, Exploding(), type("F", (), {"correct": False})())
    attempts.record_quiz(None, Exploding(), Exploding(), retry=False)
    assert attempts.load_records() == []


def test_an_evidence_reading_records_what_decides_it_in_the_same_words_for_every_patient(
        record_folder):
    from pannet_edu.engine import Patient
    from pannet_edu.evidence.patient_fit import check_reading, evidence_fit

    for ki67 in (12, 15):                          # two patients above CLARINET's Ki-67 range
        fit = evidence_fit("ssa", Patient(ki67=ki67, sstr="positive"))
        attempts.record_evidence_fit(check_reading(fit, None, {"CLARINET": "inside"}))
    rows = attempts.load_records()
    assert [(r["k"], r["i"], r["a"], r["c"]) for r in rows] == [
        ("evidence_fit", "ssa/CLARINET", "inside", 0)] * 2  # the unanswered overall: no record
    assert rows[0]["f"] == rows[1]["f"] == "Outside: CLARINET enrolled Ki-67 below 10%."
    assert rows[0]["g"] != rows[1]["g"] and rows[0]["l"] == "03_somatostatin_analogues"
    attempts.record_evidence_fit(object())         # an odd object: nothing, and no error
    assert len(attempts.load_records()) == 2


def test_a_learners_kernel_records_by_default_and_the_switch_turns_it_off(tmp_path):
    """The real path: inside a Jupyter kernel, with no switch set, answers are recorded; with
    ``PANNET_EDU_ATTEMPTS=off`` they are not."""
    from jupyter_client.manager import start_new_kernel

    env = {k: v for k, v in os.environ.items() if k != attempts.SWITCH_ENV}
    env[attempts.DIR_ENV] = str(tmp_path)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path.cwd()), env.get("PYTHONPATH")]))
    code = ("import os\nfrom pannet_edu.practice import attempts\n"
            "attempts.record('quiz', 'cls-01', correct=True)\n"
            f"os.environ['{attempts.SWITCH_ENV}'] = 'off'\n"
            "attempts.record('quiz', 'cls-02', correct=True)")
    manager, client = start_new_kernel(kernel_name="python3", env=env, startup_timeout=120)
    try:
        assert client.execute_interactive(code, timeout=120)["content"]["status"] == "ok"
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    assert [r["i"] for r in attempts.load_records(tmp_path)] == ["cls-01"]
