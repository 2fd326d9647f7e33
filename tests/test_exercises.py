"""Exercise checks: solutions pass, wrong answers teach, garbage gets a message, bad files named."""

import pytest

from pannet_edu import exercises as ex
from pannet_edu import grade, stage, t_category
from pannet_edu.exercises import ExerciseFileError, check

GARBAGE = [None, ..., "", "  ", 42, 3.5, True, ["G1"], {"a": 1}, object(), "banana", "G7", "T9"]


def _solution(item):
    return item.expected()


@pytest.mark.parametrize("item", ex.exercises(), ids=lambda e: e.id)
def test_every_computed_solution_passes_its_check(item):
    feedback = check(item.id, _solution(item))
    assert feedback.correct is True, feedback.message
    assert feedback.reference


@pytest.mark.parametrize("item", ex.exercises(), ids=lambda e: e.id)
def test_garbage_gets_a_message_never_an_exception(item):
    for answer in GARBAGE:
        if isinstance(answer, bool) and item.id.startswith("minen"):
            continue  # True is a real answer to "is this a MiNEN?"
        feedback = check(item.id, answer)
        assert feedback.correct in (None, False), (item.id, answer)
        assert feedback.message


def test_placeholder_and_none_say_not_answered_yet():
    for answer in (..., None, ""):
        feedback = check("grade-1", answer)
        assert feedback.correct is None
        assert feedback.heading == "Not answered yet."
        assert "Replace the ..." in feedback.message


def test_expected_answers_come_from_the_package_logic():
    assert ex.exercise("grade-1").expected() == grade(ki67=8, mitoses=25).label
    assert ex.exercise("grade-4").expected() == "NEC"
    assert ex.exercise("t-1").expected() == t_category(3.2, ["duodenum"])
    assert ex.exercise("stage-2").expected() == stage("T4", "N0", "M0").group


def test_the_lower_index_answer_gets_the_higher_index_lesson():
    feedback = check("grade-1", "NET G2")
    assert feedback.correct is False
    assert feedback.message == (
        "Ki-67 8% alone is G2, but 25 mitoses per 2 mm² make it G3: the higher index wins."
    )
    assert "Ki-67 35% makes it G3" in check("grade-3", "G2").message


def test_nec_confusions_are_explained_both_ways():
    assert "well differentiated" in check("grade-3", "NEC").message
    assert "not graded G1-G3" in check("grade-4", "NET G3").message


def test_t_category_wrong_answers_explain_invasion_and_peripancreatic_fat():
    assert "By size alone (3.2 cm) it would be T2" in check("t-1", "T2").message
    assert "peripancreatic fat is not a basis" in check("t-2", "T3").message


def test_stage_wrong_answer_walks_through_t_n_m():
    message = check("stage-1", "I").message
    assert "N1: regional nodes involved" in message
    assert "stage III" in message


@pytest.mark.parametrize(
    ("exercise_id", "answer", "correct"),
    [
        ("grade-1", "net-g3", True),
        ("grade-1", " G3 ", True),
        ("grade-1", grade(ki67=8, mitoses=25), True),
        ("grade-4", "neuroendocrine carcinoma", True),
        ("stage-3", "stage 4", True),
        ("stage-3", 4, True),
        ("stage-3", "Stage iv", True),
        ("minen-1", "yes", True),
        ("minen-2", "not MiNEN", True),
        ("minen-2", True, False),
        ("t-2", "t1", True),
    ],
)
def test_answers_are_read_in_the_forms_a_learner_types(exercise_id, answer, correct):
    assert check(exercise_id, answer).correct is correct


def test_unknown_exercise_gets_a_message():
    feedback = check("grade-99", "G1")
    assert feedback.correct is None
    assert "no exercise 'grade-99'" in feedback.message
    assert check(None, "G1").correct is None


def test_exercise_displays_its_report_and_question():
    item = ex.exercise("grade-1")
    assert "25 mitoses per 2 mm²" in item._repr_html_()
    assert "What is the WHO grade?" in str(item)
    with pytest.raises(ValueError, match="exercise_id must be one of"):
        ex.exercise("zzz")


GOOD = """\
lesson: {lesson}
exercises:
  - id: g-1
    kind: grade
    report: "Well-differentiated NET. Ki-67 8%. Mitoses 25 per 2 mm²."
    ki67_percent: 8
    mitoses_per_2mm2: 25
    differentiation: well
"""


def _write(tmp_path, text, name="01_demo"):
    path = tmp_path / f"{name}.yaml"
    path.write_text(text.format(lesson=name), encoding="utf-8")
    return path


def test_a_good_case_file_loads(tmp_path):
    (item,) = ex.load_exercise_file(_write(tmp_path, GOOD))
    assert item.expected() == "NET G3"
    assert item.mark(item.parse("G3")).correct is True


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("ki67_percent: 8", "ki67_percent: 150"), "ki67 must be between 0 and 100"),
        (("ki67_percent: 8", "ki67_percent: 9"), "field 'ki67_percent' (9) does not appear"),
        (("kind: grade", "kind: essay"), "field 'kind' must be one of"),
        (("differentiation: well", "differentiation: well\n    colour: blue"), "unknown field"),
        (("    differentiation: well\n", ""), "missing field 'differentiation'"),
        (("    report: \"Well-differentiated NET. Ki-67 8%. Mitoses 25 per 2 mm².\"\n", ""),
         "missing field 'report'"),
        (("differentiation: well", "differentiation: moderate"), "differentiation must be one of"),
        (("Mitoses 25", "Mitoses 26"), "field 'mitoses_per_2mm2' (25) does not appear"),
        (("lesson: {lesson}", "lesson: 02_other"), "must match the file name"),
        (("- id: g-1", "- id: ''"), "missing field 'id'"),
    ],
)
def test_each_kind_of_bad_case_is_named(tmp_path, change, expected):
    old, new = change
    path = _write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(ExerciseFileError, match=r"01_demo\.yaml") as caught:
        ex.load_exercise_file(path)
    assert expected in str(caught.value)


def test_duplicate_ids_are_named(tmp_path):
    body = GOOD + GOOD.split("exercises:\n")[1]
    with pytest.raises(ExerciseFileError, match="exercise 'g-1': duplicate id"):
        ex.load_exercise_file(_write(tmp_path, body))


def test_invalid_yaml_is_named(tmp_path):
    path = tmp_path / "01_demo.yaml"
    path.write_text("lesson: [\n", encoding="utf-8")
    with pytest.raises(ExerciseFileError, match="not valid YAML"):
        ex.load_exercise_file(path)


def test_feedback_html_is_escaped_and_coloured():
    html = check("grade-2", "<b>G9</b>")._repr_html_()
    assert "<b>G9" not in html
    assert "&lt;b&gt;" in html
