"""Lesson 8's checklist: what each result under investigation still needs, read from the data."""


import pytest
from data_edits import replace_once

from pannet_edu.content import ContentError
from pannet_edu.evidence import practice_change

SINGLE_ARM = ("ALPHAMEDIX-02", "ACTION-1", "TALENT")
RUNNING = ("COMPOSE", "NETTER-3", "SORENTO")


def met(trial):
    return {s.id: s.met for s in practice_change.checklist(trial).steps}


def test_every_agents_trial_and_every_running_trial_is_covered_once():
    names = practice_change.trial_names()
    assert len(names) == len(set(names))
    assert set(names) >= {"COMPETE", "STARTER-NET", *SINGLE_ARM, *RUNNING}


def test_compete_is_randomised_reported_in_a_journal_and_unapproved():
    # Its Lancet 2026 paper (reference G3f) is the evidence step; that the figures shown come
    # from the congress report is said beside it, not counted against the trial.
    assert met("COMPETE") == {"results": True, "randomised": True, "checked": True,
                              "pannet": True, "approved": False}
    found = practice_change.checklist("COMPETE")
    assert "Lancet" in found.steps[2].evidence and "congress" in found.steps[2].evidence
    assert "everolimus" in found.steps[1].evidence
    assert found.verdict == ("Not yet practice-changing: missing approved by a regulator for this "
                             "use.")


@pytest.mark.parametrize("trial", SINGLE_ARM)
def test_a_single_arm_trial_misses_the_randomised_step_and_says_why(trial):
    step = practice_change.checklist(trial).steps[1]
    assert step.met is False and "without a control group" in step.evidence


@pytest.mark.parametrize("trial", RUNNING)
def test_a_running_trial_has_no_results_and_its_other_steps_wait(trial):
    found = practice_change.checklist(trial)
    assert found.running and found.steps[0].met is False
    assert [s.met for s in found.steps[1:]] == [None] * 4
    assert found.verdict.startswith("No results yet")


def test_no_trial_under_investigation_meets_all_five_steps_as_the_lesson_says():
    # Lesson 8 says so in words: if the data change, this test asks for the lesson to change.
    assert all(practice_change.checklist(t).missing for t in practice_change.trial_names())


def test_a_combination_of_approved_drugs_is_not_approved_as_a_combination():
    step = practice_change.checklist("STARTER-NET").steps[4]
    assert step.met is False and "each drug approved" in step.evidence


def test_an_approval_in_the_data_moves_the_step_and_the_verdict(data_copy):
    replace_once(data_copy / "pipeline.yaml",
         "    approval: not_approved\n    status: not approved\n    trials: [COMPETE]",
         "    approval: approved\n    status: not approved\n    trials: [COMPETE]")
    assert met("COMPETE")["approved"] is True
    assert practice_change.checklist("COMPETE").verdict == (
        "Every step is met: this is the kind of result that changes practice.")


def test_an_unknown_approval_code_is_named_with_the_entry(data_copy):
    replace_once(data_copy / "pipeline.yaml",
         "    approval: not_approved\n    status: not approved for NETs\n    trials: [TALENT]",
         "    approval: maybe\n    status: not approved for NETs\n    trials: [TALENT]")
    with pytest.raises(ContentError, match=r"lenvatinib.*approval.*must be one of"):
        practice_change.checklist("TALENT")


def test_a_reading_is_scored_over_the_judged_steps_only():
    reading = practice_change.check_reading("COMPOSE", ["randomised"])
    assert reading.judged == 1 and reading.right == 1
    assert [s.correct for s in reading.steps[1:]] == [None] * 4
    wrong = practice_change.check_reading("TALENT", ["results", "randomised", "approved"])
    # TALENT: single arm, not approved, a journal report and panNETs enrolled (left unticked)
    assert [s.step.id for s in wrong.steps if s.correct is False] == [
        "randomised", "checked", "pannet", "approved"]
    assert wrong.score_line == "You read 1 of 5 steps as the data do."


def test_bad_arguments_name_what_is_allowed():
    with pytest.raises(ValueError, match="trial must be one of the trials under investigation"):
        practice_change.checklist("NETTER-1")
    with pytest.raises(ValueError, match="believed_met must hold steps among results"):
        practice_change.check_reading("COMPETE", ["shrinkage"])


def test_the_table_heads_its_columns_in_a_readers_words():
    rows = practice_change.practice_change_table().rows
    assert [r["trial"] for r in rows] == practice_change.trial_names()
    assert set(rows[0]) == {"trial", "agent", *practice_change.COLUMNS.values(), "still missing"}
    assert "pannet" not in rows[0] and "checked" not in rows[0]
    assert {r["randomised"] for r in rows if r["trial"] in RUNNING} == {"not yet"}


def test_the_journal_step_asks_about_the_evidence_not_about_this_course():
    """The step asks whether a full peer-reviewed report exists (a blind review found it asking
    whether the course had checked its figures in one): congress-only results miss it, a trial
    with a journal paper meets it whoever summarised the paper."""
    assert practice_change.STEPS["checked"] == "Full results published in a peer-reviewed journal"
    assert not any("checked" in q for q in practice_change.STEPS.values())
    starter = practice_change.checklist("STARTER-NET").steps[2]
    assert starter.met is False and "congress reports" in starter.evidence
    assert practice_change.checklist("TALENT").steps[2].met is True


def test_a_journal_report_in_the_data_moves_the_step(data_copy):
    replace_once(data_copy / "pipeline.yaml",
                 "      TALENT: J Clin Oncol (known from a secondary summary)\n", "")
    assert practice_change.checklist("TALENT").steps[2].met is False


def test_a_journal_report_of_a_trial_the_agent_does_not_list_is_refused(data_copy):
    replace_once(data_copy / "pipeline.yaml",
                 "      TALENT: J Clin", "      NETTER-1: J Clin")
    with pytest.raises(ContentError, match="journal_reports"):
        practice_change.checklist("TALENT")
