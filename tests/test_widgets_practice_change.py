"""Lesson 8's practice-change checklist: commit first, then the marks; never a traceback."""

from pannet_edu.evidence import practice_change
from pannet_edu.widgets import PracticeChangeChecklist


def test_nothing_of_the_answer_shows_before_the_learner_commits():
    tool = PracticeChangeChecklist(trial="COMPETE")
    html = tool.output.value
    assert "Decide first" in html
    assert "congress report" not in html and "You said" not in html
    assert not tool.check_button.disabled


def test_checking_shows_each_step_against_the_ticks_and_locks_them():
    tool = PracticeChangeChecklist(trial="ALPHAMEDIX-02")
    tool.boxes["results"].value = True
    tool.boxes["randomised"].value = True
    tool.check_button.click()
    html = tool.output.value
    assert "You said met: not quite." in html  # randomised: it was single arm
    assert "without a control group" in html
    assert "You read 3 of 5 steps as the data do." in html  # and panNETs were enrolled
    assert "congress report" in html  # the mark, in the evidence and the source line
    assert all(box.disabled for box in tool.boxes.values()) and tool.check_button.disabled


def test_another_trial_starts_a_fresh_reading():
    tool = PracticeChangeChecklist(trial="TALENT")
    tool.tick("results")
    tool.reveal()
    tool.trial.value = "COMPOSE"
    assert not tool.revealed and not any(box.value for box in tool.boxes.values())
    assert not any(box.disabled for box in tool.boxes.values())
    assert "Decide first" in tool.output.value
    reading = tool.reveal()
    assert reading.judged == 1 and "No results yet" in tool.output.value


def test_every_trial_of_the_checklist_can_be_chosen_and_checked():
    tool = PracticeChangeChecklist()
    for trial in practice_change.trial_names():
        tool.trial.value = trial
        tool.reveal()
        assert tool.view().error is None
        assert practice_change.checklist(trial).verdict in tool.output.value


def test_an_unknown_trial_or_an_emptied_list_gives_a_message_not_a_traceback():
    tool = PracticeChangeChecklist(trial="NETTER-1")
    assert "Choose a trial from the list" in tool.output.value
    assert tool.reveal() is None
    tool.trial.value = "TALENT"
    assert tool.view().error is None
    tool.trial.value = None  # the picker puts the last choice back
    assert tool.trial.value == "TALENT"
    assert "Traceback" not in tool.output.value


def test_the_snapshot_carries_the_prompt_and_the_notice():
    tool = PracticeChangeChecklist(trial="STARTER-NET")
    html, text = tool.snapshot_html(), tool.snapshot_text()
    assert "STARTER-NET: what would change practice?" in text
    assert "Decide first" in html and "For education only" in html
