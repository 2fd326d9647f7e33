"""Inside the evidence? The learner commits first, then reads the trials; never a traceback."""

from __future__ import annotations

import pytest

from pannet_edu.evidence.patient_fit import fields_read, therapy_choices
from pannet_edu.practice.vignettes.lessons import lesson_classes
from pannet_edu.widgets import InsideTheEvidence

LESSONS = ("03_somatostatin_analogues", "04_targeted_agents", "05_prrt", "06_chemotherapy")


def test_nothing_of_the_answer_shows_before_the_learner_commits():
    tool = InsideTheEvidence(lesson="05_prrt", ki67="15", region="EU")
    html = tool.output.value
    assert "Decide first" in html and "NETTER-2" in html  # whom each trial enrolled
    for answer in ("inside.", "outside:", "Trial by trial", "Before a first dose",
                   "The label in", "You read"):
        assert answer not in html
    assert not tool.check_button.disabled
    assert set(tool.trial_guesses) == {"NETTER-1", "NETTER-2", "OCLURANDOM",
                                       "Rotterdam PRRT re-treatment"}


def test_checking_without_an_overall_answer_reveals_nothing_and_says_why():
    tool = InsideTheEvidence(lesson="05_prrt", ki67="15")
    tool.guess(trials={"NETTER-2": "inside"})
    assert tool.reveal() is None and not tool.revealed
    assert "Choose your overall answer first" in tool.hint.value
    assert "Trial by trial" not in tool.output.value


def test_checking_shows_each_trial_the_label_and_the_checks_and_locks_the_answers():
    tool = InsideTheEvidence(lesson="05_prrt", ki67="15", region="EU")
    tool.guess(overall="partly", trials={"NETTER-2": "inside", "NETTER-1": "inside"})
    tool.check_button.click()
    html = tool.output.value
    assert tool.revealed
    assert "NETTER-1: outside: it enrolled no pancreatic NETs." in html
    assert "NETTER-2: inside." in html and "You said inside: right." in html
    assert "Overall: inside the evidence (NETTER-2). You said partly: not quite." in html
    assert "The label in the EU" in html and "Approved for another use or age" in html
    assert "Before a first dose" in html and "Source: Singh S et al. Lancet 2024" in html
    assert "You read 1 of 3 as the data do; 2 left unanswered (not counted)." in html
    assert tool.check_button.disabled and "checked in the card above" in tool.hint.value
    assert all(r.disabled for r in (*tool.trial_guesses.values(), tool.overall_guess))


def test_a_new_patient_or_option_asks_the_question_afresh():
    tool = InsideTheEvidence(lesson="04_targeted_agents", ki67="30")
    tool.inputs["progressing"].value = True
    tool.guess(overall="outside")
    tool.reveal()
    tool.inputs["ki67"].value = "12"
    assert not tool.revealed and tool.overall_guess.value is None
    assert not tool.overall_guess.disabled and "Decide first" in tool.output.value
    assert tool.hint.value == ""
    tool.therapy.value = "cabozantinib"
    assert list(tool.trial_guesses) == ["CABINET"]
    tool.guess(overall="outside", trials={"CABINET": "outside"})
    assert tool.reveal().call("CABINET").correct is True


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_lesson_offers_its_own_options_and_asks_only_the_inputs_they_read(lesson):
    tool = InsideTheEvidence(lesson=lesson, ki67="15")
    choices = therapy_choices(lesson_classes(lesson))
    assert [value for _, value in tool.therapy.options] == list(choices)
    assert tuple(tool.inputs) == fields_read(choices)
    for therapy in choices:  # every option can be asked and answered
        tool.therapy.value = therapy
        tool.guess(overall="inside")
        assert tool.reveal() is not None and tool.view().error is None


@pytest.mark.parametrize(("ki67", "message"), [
    ("abc", "“abc” is not a Ki-67 value."),
    ("", "Give a Ki-67 between 0% and 100% to place the patient."),
    ("150", "A Ki-67 of 150% is not possible."),
])
def test_an_odd_ki67_gets_a_clinical_message(ki67, message):
    tool = InsideTheEvidence(lesson="06_chemotherapy", ki67=ki67)
    assert message in tool.output.value and "Traceback" not in tool.output.value
    tool.guess(overall="inside")
    assert tool.reveal() is None and not tool.revealed


def test_a_long_benefit_needs_the_therapy_ticked_as_given():
    tool = InsideTheEvidence(lesson="05_prrt", ki67="15", durable_benefit=("prrt",))
    assert "is not ticked under 'Already given'" in tool.view().error
    tool.inputs["prior"].value = ("prrt",)
    assert tool.view().error is None


def test_an_option_outside_the_lesson_gets_a_message_and_the_list_cannot_be_emptied():
    tool = InsideTheEvidence(lesson="03_somatostatin_analogues", therapy="prrt")
    assert "is not one of the options this lesson teaches" in tool.output.value
    tool.therapy.value = None  # the picker puts the last choice back
    assert tool.therapy.value == "ssa" and tool.view().error is None


def test_the_snapshot_carries_the_question_and_the_notice():
    tool = InsideTheEvidence(lesson="03_somatostatin_analogues")
    html, text = tool.snapshot_html(), tool.snapshot_text()
    assert "Inside the evidence? somatostatin analogue (SSA) for NET G2" in text
    assert "Decide first" in html and "For education only" in html


def test_a_page_without_the_live_tool_asks_first_and_keeps_the_answer_for_its_answer_key():
    """A handout moves the closed answer block to its answer key (as the self-checks' answers);
    no button is mentioned on a page that has none, and the live card holds no answer."""
    tool = InsideTheEvidence(lesson="05_prrt", ki67="15", region="EU")
    html = tool.snapshot_html()
    question, _, answer = html.partition('<details class="pannet-answer-key"')
    assert "Write down your answers first" in question and "Check my reading" not in html
    assert "NETTER-2: inside." not in question
    assert "NETTER-2: inside." in answer and "The label in the EU" in answer
    assert "You said" not in answer and html.endswith("</details></div>")
    assert "pannet-answer-key" not in tool.output.value
    tool.guess(overall="inside")
    tool.reveal()
    assert "pannet-answer-key" not in tool.snapshot_html()  # once checked: the learner's card


def test_an_emptied_list_gets_a_message_and_checking_reveals_nothing():
    tool = InsideTheEvidence(lesson="05_prrt")
    tool.inputs["sstr"].value = None
    assert "Choose a value for “SSTR imaging”" in tool.output.value
    tool.guess(overall="inside")
    assert tool.reveal() is None and not tool.revealed


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_answer_speaks_plain_clinical_language(lesson):
    from test_plain_language import _problems, _visible_text  # the scanner of every screen

    tool = InsideTheEvidence(lesson=lesson, ki67="30", progressing=True, prior=("ssa",))
    if "syndrome" in tool.inputs:
        tool.inputs["syndrome"].value = "insulinoma"
    for therapy in tool.choices:
        tool.therapy.value = therapy
        tool.guess(overall="outside")
        tool.reveal()
        assert _problems(_visible_text(tool.output.value)) == [], therapy
        assert _problems(tool.snapshot_text()) == [], therapy


def test_a_checked_reading_is_recorded_once_per_call_with_what_decides_it(tmp_path):
    from pannet_edu.practice import attempts

    with attempts.recording_to(tmp_path / "record"):
        tool = InsideTheEvidence(lesson="05_prrt", ki67="15", region="EU")
        tool.guess(overall="inside", trials={"NETTER-1": "inside", "NETTER-2": "inside"})
        assert not attempts.load_records()          # nothing is kept before the learner commits
        tool.check_button.click()
        tool.reveal()                               # checking again changes nothing
        first = attempts.load_records()
        tool.inputs["ki67"].value = "12"            # another patient: a new question
        tool.guess(overall="outside")
        tool.reveal()
        tool.inputs["ki67"].value = "15"            # the first patient again: a retry
        tool.guess(overall="inside")
        tool.reveal()
        rows = attempts.load_records()
    assert [(r["k"], r["i"], r["a"], r["c"], r["l"], r["r"]) for r in first] == [
        ("evidence_fit", "prrt/NETTER-1", "inside", 0, "05_prrt", 1),
        ("evidence_fit", "prrt/NETTER-2", "inside", 1, "05_prrt", 1),
        ("evidence_fit", "prrt/overall", "inside", 1, "05_prrt", 1),
    ]
    assert first[0]["f"] == "Outside: NETTER-1 enrolled no pancreatic NETs."
    assert first[1]["f"].startswith("Inside: the patient meets every criterion NETTER-2 enrolled")
    assert [(r["i"], r["r"]) for r in rows[3:]] == [("prrt/overall", 1), ("prrt/overall", 2)]
    assert rows[3]["g"] != first[0]["g"] == rows[4]["g"]  # each patient its own fingerprint
    for row in rows:                                # no typed words, no patient value kept
        assert "x" not in row and not any("15" in row[k] for k in ("i", "a", "f", "l"))


def test_an_unanswered_or_unplaceable_reading_records_nothing(tmp_path):
    from pannet_edu.practice import attempts

    with attempts.recording_to(tmp_path / "record"):
        tool = InsideTheEvidence(lesson="03_somatostatin_analogues", ki67="abc")
        tool.guess(overall="outside")
        tool.reveal()                               # the Ki-67 box holds no Ki-67
        tool.inputs["ki67"].value = "5"
        tool.reveal()                               # no overall answer: nothing is checked
        assert attempts.load_records() == []
