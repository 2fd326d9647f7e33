"""Self-checks that teach: right answers recognised in the forms learners write, every wrong answer
told why it is wrong, from the same code and data as the exercises."""

import pytest

from pannet_edu.practice import quiz
from pannet_edu.practice.exercises import check as exercise_feedback
from pannet_edu.practice.question_bank import answer_key, answers_match
from pannet_edu.practice.selfcheck import (
    Check,
    Wrong,
    choice_check,
    exercise_check,
    questions_text,
    reveal,
    set_check,
    verdict_check,
)


@pytest.mark.parametrize("typed", ["NETTER-3", "netter-3", "NETTER 3", "netter3", "NETTER–3",
                                   "the NETTER-3 trial", " NETTER-3. ", "ＮＥＴＴＥＲ-3"])
def test_an_exactly_right_trial_name_is_recognised_however_it_is_written(typed):
    trial = Check("Which running trial asks whether PRRT helps at diagnosis?", "NETTER-3")
    assert reveal(trial, typed).matches is True


@pytest.mark.parametrize("typed", ["NETTER-2", "NETTER-1", "NETTER", "3", "NETTER-33"])
def test_a_different_trial_or_number_is_not_taken_for_it(typed):
    # with no accepted forms a near miss is compared by eye, never marked right
    assert reveal(Check("Which trial?", "NETTER-3"), typed).matches is None
    assert reveal(Check("Which trial?", "NETTER-3", ("NETTER-3",)), typed).matches is False


@pytest.mark.parametrize("name", ["RADIANT-3", "SANET-p", "E2211", "177Lu-DOTATATE",
                                  "CLARINET FORTE", "ALPHAMEDIX-02", "PRODIGE 41-BEVANEC"])
def test_trial_names_with_hyphens_and_digits_match_with_or_without_the_hyphen(name):
    spaced = name.replace("-", " ")
    joined = name.replace("-", "").replace(" ", "")
    assert answers_match(spaced, [name]) and answers_match(joined, [name])
    assert answers_match(name.lower(), [name])


def test_numbers_stay_exact_when_hyphens_are_ignored():
    assert answer_key("3-20%") != answer_key("320%")
    assert not answers_match("-1.5", ["1.5"]) and not answers_match("15", ["1.5"])
    assert not answers_match("ALPHAMEDIX-2", ["ALPHAMEDIX-02"])  # a digit is a digit
    assert not answers_match("!", ["!"])


def test_the_quiz_uses_the_same_matcher_for_short_answers():
    short = next(q for q in quiz.questions() if q.kind == "short_answer"
                 and any("-" in a and not a.replace("-", "").isdigit() for a in q.accepted))
    form = next(a for a in short.accepted if "-" in a)
    assert quiz.score(short.id, form.replace("-", " ")).correct is True


def test_an_exercise_kind_check_reads_and_explains_like_the_exercise():
    check = exercise_check("Ki-67 8% and 25 mitoses per 2 mm²: which grade?", "grade",
                           ki67_percent=8, mitoses_per_2mm2=25)
    for typed in ("G3", "net g3", "NET-G3", "grade 3 NET", "well differentiated, G3"):
        assert reveal(check, typed).matches is True, typed
    wrong = reveal(check, "G2")
    assert wrong.matches is False
    # the same words as exercise grade-1, which has the same fields
    assert wrong.why == exercise_feedback("grade-1", "NET G2").message
    assert "the higher index wins" in str(wrong)


def test_an_unreadable_answer_is_compared_not_marked_wrong():
    check = exercise_check("Stage?", "stage", size_cm=1.5, invades=["spleen"], nodes="N0",
                           liver_metastases=False, extrahepatic_metastases=False)
    shown = reveal(check, "a big one")
    assert shown.matches is None and "stage group" in shown.why
    assert reveal(check, "T4, stage III").matches is True  # extra findings are fine
    assert reveal(check, "stage I").matches is False


def test_each_wrong_option_gets_its_own_reason_and_the_answer_its_explanation():
    check = Check("Liver and bone metastases: M?", "M1c", ("M1c",), "both sites",
                  (Wrong(("M1a",), "M1a is the liver only."),
                   Wrong(("M1b",), "M1b is outside the liver only.")))
    text = str(reveal(check, "m1b"))
    assert "M1b is outside the liver only." in text and "Both sites." in text
    assert "liver only" not in str(reveal(check, "M0"))  # no reason borrowed from another option
    assert reveal(check, "M0").matches is False


def test_a_choice_is_read_from_the_learners_words():
    check = choice_check("Good or bad news?", "good news", "Fewer than half progressed.",
                         {"bad": "Not reached is not missing."}, accepted=["good"])
    assert reveal(check, "Good - fewer than half had progressed").matches is True
    bad = reveal(check, "bad news, no median")
    assert bad.matches is False and bad.why.startswith("Not reached is not missing.")
    assert reveal(check, "not good").matches is None  # a negated option names nothing
    assert reveal(check, "good or bad").matches is None  # two options: compare by eye


def test_a_verdict_and_a_set_are_marked_with_their_reasons():
    verdict = verdict_check("PRRT?", "not suitable", "SSTR-negative: no target.")
    assert reveal(verdict, "not suitable - no uptake").matches is True
    assert reveal(verdict, "Preferred").matches is False
    assert "no target" in str(reveal(verdict, "Preferred"))
    drugs = set_check("Which?", {"sunitinib": "VEGFR", "cabozantinib": "VEGFR"},
                      {"everolimus": "mTOR"})
    assert reveal(drugs, "Cabozantinib and sunitinib").matches is True
    partial = reveal(drugs, "sunitinib")
    assert partial.matches is False and "Missing cabozantinib" in partial.why
    assert "Not everolimus: mTOR" in reveal(drugs, "sunitinib, cabozantinib, everolimus").why


def test_the_answer_key_on_paper_carries_the_explanation():
    text = questions_text([Check("M?", "M1c", explanation="both sites")])
    assert text.endswith("1. M1c. Both sites.")
    grade = exercise_check("Ki-67 2%, 3 mitoses per 2 mm²?", "grade", ki67_percent=2,
                           mitoses_per_2mm2=3)
    assert "higher grade wins" in questions_text([grade])


def test_the_reasons_live_in_the_data_and_a_bad_entry_names_file_entry_and_field(tmp_path):
    from pannet_edu.content import ContentError
    from pannet_edu.practice.selfcheck import reason, reasons

    found = reasons()
    assert reason("not-approved") == found["not-approved"]
    assert all(not any(c.isdigit() for c in text) for text in found.values())
    with pytest.raises(ValueError, match="reason_id must be one of"):
        reason("no-such-reason")
    bad = tmp_path / "selfchecks.yaml"
    cases = {
        "reasons:\n  - id: x-1\n    lesson: 05_prrt\n    text: \"MDS in 2.3%.\"\n":
            ("x-1", "text", "holds a number"),
        "reasons:\n  - id: x-1\n    lesson: 99_nothing\n    text: \"Why.\"\n":
            ("x-1", "lesson", "lesson id of the manifest"),
        "reasons:\n  - id: x-1\n    lesson: 05_prrt\n    text: \"A.\"\n"
        "  - id: x-1\n    lesson: 05_prrt\n    text: \"B.\"\n": ("x-1", "id", "duplicate"),
        "reasons: []\n": ("(file)", "(top level)", "non-empty list"),
    }
    for text, (entry, field, problem) in cases.items():
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(ContentError, match=problem) as caught:
            reasons(bad)
        assert caught.value.entry == entry and caught.value.field == field


def test_every_reason_is_used_by_its_lesson():
    from pathlib import Path

    import yaml

    root = Path(__file__).resolve().parents[2]
    data = yaml.safe_load((root / "pannet_edu/data/selfchecks.yaml").read_text(encoding="utf-8"))
    for entry in data["reasons"]:
        source = (root / "notebooks" / f"{entry['lesson']}.py").read_text(encoding="utf-8")
        assert f'reason("{entry["id"]}")' in source or f"reason('{entry['id']}')" in source, \
            entry["id"]


def test_a_list_answer_key_states_the_items_and_does_not_tally_them():
    check = exercise_check("Before sunitinib?", "before_starting", therapy="sunitinib",
                           ki67_percent=12, sstr="negative", progressing=True)
    assert not check.answer.startswith("(") and "; " in check.answer  # items, not a repr
    assert "You named" not in check.explanation and "blood pressure" in check.explanation.lower()
    assert "You named 1 of" in reveal(check, "blood pressure").why  # the learner's tally stays
