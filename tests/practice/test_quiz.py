"""The quiz bank: every kind of bad question file is caught by name; drawing and scoring."""

import textwrap

import pytest

from pannet_edu import grade, stage, t_category
from pannet_edu.content import ContentError
from pannet_edu.practice import quiz

GOOD_CHOICE = """\
  - id: q-1
    kind: multiple_choice
    prompt: "Which grade?"
    options:
      - text: "NET G1"
        correct: false
        explanation: "No."
      - text: "NET G2"
        correct: true
        explanation: "Right."
      - text: "NET G3"
        correct: false
        explanation: "No."
    reference: "WHO 2019"
"""
GOOD_SHORT = """\
  - id: q-2
    kind: short_answer
    prompt: "Which grade?"
    accepted: ["NET G3", "G3"]
    explanation: "Ki-67 above 20%."
    reference: "WHO 2019"
"""


def write(folder, name, body, lesson=None):
    lesson = name if lesson is None else lesson
    path = folder / f"{name}.yaml"
    path.write_text(f"lesson: {lesson}\nquestions:\n{body}", encoding="utf-8")
    return path


def test_a_good_file_loads_both_kinds(tmp_path):
    path = write(tmp_path, "01_demo", GOOD_CHOICE + GOOD_SHORT)
    choice, short = quiz.load_file(path)
    assert choice.kind == "multiple_choice"
    assert choice.answer == "B. NET G2"
    assert short.accepted == ("NET G3", "G3")
    assert quiz.lessons(tmp_path) == ["01_demo"]


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        # no option marked correct = the answer is not among the options
        (GOOD_CHOICE.replace("correct: true", "correct: false"), "no option is marked correct"),
        (GOOD_CHOICE.replace("correct: false", "correct: true", 1), "2 options are marked correct"),
        (GOOD_CHOICE.replace('        explanation: "Right."\n', ""), "options[2].explanation:"),
        (GOOD_CHOICE.replace('        explanation: "No."\n', "", 1), "options[1].explanation:"),
        (GOOD_CHOICE.replace('reference: "WHO 2019"', ""), "field reference: missing"),
        (GOOD_CHOICE.replace("multiple_choice", "essay"), "field kind: must be one of"),
        (GOOD_CHOICE.replace("  - id: q-1\n", "  -\n", 1), "field id: missing"),
        (GOOD_CHOICE.replace('prompt: "Which grade?"', 'prompt: ""'), "field prompt: missing"),
        (
            GOOD_CHOICE.replace("correct: true", "correct: yes please"),
            "field options[2].correct: must be true",
        ),
        (GOOD_CHOICE + '    answer: "NET G2"\n', "unknown field 'answer'"),
        (GOOD_SHORT.replace('    accepted: ["NET G3", "G3"]\n', ""), "field accepted: missing"),
        (GOOD_SHORT.replace('accepted: ["NET G3", "G3"]', "accepted: []"), "non-empty list"),
        (GOOD_SHORT.replace('    explanation: "Ki-67 above 20%."\n', ""), "explanation: missing"),
        (GOOD_SHORT + "    options: []\n", "unknown field 'options'"),
        (GOOD_CHOICE + GOOD_CHOICE, "duplicate id"),
    ],
    ids=lambda value: value if len(value) < 40 else "file",
)
def test_each_kind_of_bad_question_is_named(tmp_path, broken, expected):
    path = write(tmp_path, "01_demo", broken)
    with pytest.raises(ContentError, match=r"01_demo\.yaml") as caught:
        quiz.load_file(path)
    assert expected in str(caught.value)


def test_error_names_the_question_id(tmp_path):
    no_explanation = GOOD_SHORT.replace('    explanation: "Ki-67 above 20%."\n', "")
    path = write(tmp_path, "01_demo", no_explanation)
    with pytest.raises(ContentError, match=r"01_demo\.yaml: entry q-2, field explan") as c:
        quiz.load_file(path)
    assert (c.value.file, c.value.entry, c.value.field) == ("01_demo.yaml", "q-2", "explanation")


def test_too_few_options_is_caught(tmp_path):
    two = GOOD_CHOICE.split('      - text: "NET G3"')[0] + '    reference: "WHO 2019"\n'
    with pytest.raises(ContentError, match="needs 3-5 options, has 2"):
        quiz.load_file(write(tmp_path, "01_demo", two))


def test_lesson_name_must_match_the_file(tmp_path):
    path = write(tmp_path, "01_demo", GOOD_CHOICE, lesson="02_other")
    with pytest.raises(ContentError, match="must match the file name '01_demo'"):
        quiz.load_file(path)


def test_invalid_yaml_and_missing_questions_are_named(tmp_path):
    bad = tmp_path / "01_demo.yaml"
    bad.write_text("lesson: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"01_demo\.yaml: line \d+: not valid YAML"):
        quiz.load_file(bad)
    bad.write_text("lesson: 01_demo\n", encoding="utf-8")
    with pytest.raises(ContentError, match="'questions' must be a non-empty list"):
        quiz.load_file(bad)


def test_duplicate_id_across_files_names_both(tmp_path):
    write(tmp_path, "01_demo", GOOD_CHOICE)
    write(tmp_path, "02_more", GOOD_CHOICE)
    with pytest.raises(ContentError, match=r"02_more.yaml: .*already used in 01_demo"):
        quiz.load_bank(tmp_path)


def test_the_package_bank_is_valid_and_has_eight_questions_per_lesson():
    bank = quiz.load_bank()
    for lesson in quiz.lessons():
        count = sum(q.lesson == lesson for q in bank.values())
        assert count >= 8, f"{lesson} has only {count} questions"


def test_draw_is_seeded_and_differs_between_seeds():
    lesson = "01_classification_and_staging"
    first = [q.id for q in quiz.draw(lesson, seed=1)]
    assert first == [q.id for q in quiz.draw(lesson, seed=1)]
    assert first != [q.id for q in quiz.draw(lesson, seed=2)]
    assert sorted(first) == sorted(q.id for q in quiz.questions(lesson))
    mixed = quiz.draw(None, n=5, seed=3)
    assert len(mixed) == 5 and len({q.id for q in mixed}) == 5


@pytest.mark.parametrize("n", [0, -1, 10_000, 2.5, "3", True])
def test_draw_rejects_a_bad_count(n):
    with pytest.raises(ValueError, match="n must be a whole number"):
        quiz.draw("01_classification_and_staging", n=n)


def test_draw_rejects_unknown_lesson_and_bad_seed():
    with pytest.raises(ValueError, match="lesson must be None"):
        quiz.draw("nonsense")
    with pytest.raises(TypeError, match="seed must be a whole number"):
        quiz.draw(seed="abc")


def test_every_correct_answer_scores_correct_and_every_wrong_option_scores_wrong():
    for question in quiz.questions():
        if question.kind == "short_answer":
            for accepted in question.accepted:
                assert quiz.score(question.id, f"  {accepted.upper()} ").correct is True
            assert quiz.score(question.id, "zzz").correct is False
            continue
        for letter, option in zip(quiz.LETTERS, question.options, strict=False):
            feedback = quiz.score(question.id, letter.lower())
            assert feedback.correct is option.correct, question.id
            assert quiz._VERDICT_OPENER.sub("", option.explanation) in feedback.message
            assert feedback.reference == question.reference
            assert quiz.score(question.id, option.text).correct is option.correct


def test_wrong_choice_feedback_explains_the_choice_and_gives_the_answer():
    feedback = quiz.score("cls-01", "B")
    assert feedback.correct is False
    assert "25 mitoses per 2 mm²" in feedback.message
    assert "The answer is C. NET G3" in feedback.message


GARBAGE = [None, ..., "", "   ", 3, 2.5, True, ["A"], {"a": 1}, "Z", "??"]


@pytest.mark.parametrize("garbage", GARBAGE)
def test_garbage_gets_a_message_never_an_exception(garbage):
    for question_id in ("cls-01", "cls-03"):
        feedback = quiz.score(question_id, garbage)
        assert feedback.correct in (None, False)
        assert feedback.message


def test_unknown_question_gets_a_message():
    assert "no question" in quiz.score(None, "A").message
    assert quiz.score("zzz", "A").correct is None


def _answer_text(question_id):
    return quiz.load_bank()[question_id].answer


def test_grading_and_staging_answers_agree_with_the_package_logic():
    # The question bank is data, but these answers can be recomputed: keep them in step.
    assert grade(ki67=8, mitoses=25).label in _answer_text("cls-01")
    assert grade(ki67=2, mitoses=3).label in _answer_text("cls-02")
    assert grade(ki67=25).label == _answer_text("cls-03")
    assert grade(ki67=70, differentiation="poor").label in _answer_text("cls-05")
    assert t_category(3.0, ["duodenum"]) in _answer_text("cls-07")
    assert t_category(1.5) in _answer_text("cls-08")
    assert f"Stage {stage('T1', 'N1', 'M0').group}" in _answer_text("cls-10")


def test_feedback_displays_as_html_and_text():
    feedback = quiz.score("cls-03", "G3")
    assert str(feedback).startswith("Correct.")
    assert "pannet-correct" in feedback._repr_html_()
    assert "Not quite." in repr(quiz.score("cls-03", "G1"))
    assert textwrap.dedent(repr(quiz.score("cls-03", None))).startswith("Not answered yet.")
