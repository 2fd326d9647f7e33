"""The case player: stepping, choosing, feedback, engine comparison, what-if and the timeline."""

import pytest

from pannet_edu import cases, sequencing
from pannet_edu.widgets import CasePlayer


def test_first_view_shows_the_situation_and_options_and_asks_for_a_choice():
    player = CasePlayer("vipoma")
    text = player.snapshot_text()
    assert text.startswith("VIPoma with profuse watery diarrhoea: decision 1 of 2")
    assert "Situation: After rehydration" in text
    assert "Options: somatostatin analogue (SSA), everolimus" in text
    assert "Choose an option" in text
    assert player.feedback is None
    # Nothing about verdicts is revealed before the learner chooses.
    assert "Case author and engine" not in text


def test_choosing_shows_the_authors_feedback_then_the_engine_beside_it():
    player = CasePlayer("cardiac_renal")
    player.choice_picker.value = "streptozocin_based"
    assert player.feedback.verdict == "not suitable"
    html = player.output.value
    assert "Your choice: streptozocin-based chemotherapy: not suitable." in html
    assert "Teaching point:" in html
    assert "Case author and engine, side by side" in html
    assert "The engine&#x27;s appraisal of the options at this step" in html
    engine = sequencing.appraise(player.step.patient).loc["streptozocin_based", "verdict"]
    text = player.snapshot_text()
    assert f"streptozocin-based chemotherapy: author not suitable, engine {engine}" in text
    assert "(why: The engine caps streptozocin" in text


def test_an_option_not_offered_gives_a_message_and_keeps_the_previous_choice():
    player = CasePlayer("vipoma", choice="ssa")
    feedback = player.choose("belzutifan")
    assert not feedback.valid
    assert player.choice_picker.value == "ssa"
    assert "'belzutifan' is not an option at 'Diagnosis (hormone syndrome)'" in (
        player.snapshot_text()
    )
    assert "is not an option" in player.output.value
    assert "Traceback" not in player.snapshot_html()
    player.choice_picker.value = "everolimus"  # a real choice clears the message
    assert "not an option" not in player.output.value


@pytest.mark.parametrize("bad", ["aspirin", "", 42])
def test_a_bad_starting_choice_becomes_a_readable_note(bad):
    player = CasePlayer("vipoma", choice=bad)
    assert player.choice_picker.value == ""
    assert "Note: " in player.snapshot_text()
    assert "Choose one of" in player.snapshot_text()


def test_stepping_forward_updates_options_patient_and_what_changed():
    player = CasePlayer("progression_after_ssa_g2", choice="ssa")
    player.next_step()
    assert player.step.id == "progression_on_ssa"
    assert player.choice_picker.value == ""  # a new decision starts without a choice
    offered = [v for _label, v in player.choice_picker.options if v]
    assert offered == [o.therapy for o in player.step.options]
    text = player.snapshot_text()
    assert "Since the last decision: progressing no → yes; prior none → ssa." in text
    player.next_step()
    player.next_step()  # stays on the last decision
    assert player.step.id == "progression_on_everolimus"


def test_changing_case_resets_to_its_first_decision():
    player = CasePlayer("vipoma", step=1, choice="prrt")
    player.case_picker.value = "nec_large_cell"
    assert player.step_picker.value == 0
    assert player.view().title.startswith("Large-cell neuroendocrine carcinoma")
    assert next(v for _l, v in player.choice_picker.options if v) == "platinum_etoposide"


def test_what_if_changes_one_factor_and_lists_the_verdicts_that_move():
    player = CasePlayer("indolent_g1_sstr_positive", step=1)
    player.factor_picker.value = "sstr"
    assert player.value_picker.value == "negative"  # first alternative is preselected
    moved = sequencing.what_if(player.step.patient, sstr="negative")
    text = player.snapshot_text()
    assert f"What if SSTR imaging were negative? {len(moved)} verdicts move:" in text
    assert "PRRT (177Lu-DOTATATE): reasonable → not suitable." in text
    player.value_picker.value = "unknown"
    assert "What if SSTR imaging were unknown?" in player.snapshot_text()


def test_what_if_with_a_comorbidity_adds_it_and_explains_the_change():
    player = CasePlayer(
        "indolent_g1_sstr_positive", step=1, what_if=("comorbidities", ("diabetes",))
    )
    text = player.snapshot_text()
    assert "What if we add diabetes?" in text
    assert "everolimus: reasonable → caution. Diabetes:" in text


def test_what_if_that_moves_nothing_says_so():
    lines = cases.what_if_lines(cases.load_case("nec_large_cell").steps[0].patient, "burden", "low")
    assert lines == ("What if Tumour burden were low? No verdict moves.",)


def test_a_bad_starting_what_if_becomes_a_readable_note():
    text = CasePlayer("vipoma", what_if=("age", 40)).snapshot_text()
    assert "What-if not applied: factor must be one of" in text
    text = CasePlayer("vipoma", what_if=("sstr", "weak")).snapshot_text()
    assert ("What-if not applied: sstr can be changed to: negative, heterogeneous, unknown, "
            "borderline.") in text


def test_a_bad_case_or_step_raises_naming_what_is_allowed():
    with pytest.raises(ValueError, match="case_id must be one of"):
        CasePlayer("vipomma")
    with pytest.raises(ValueError, match="step must be a position 0-1"):
        CasePlayer("vipoma", step=4)


def test_snapshot_bundle_carries_the_live_view_and_the_static_result():
    bundle = CasePlayer("vipoma", step=1, choice="prrt")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "pannet-comparison" in bundle["text/html"]
    assert "pannet-appraisal" in bundle["text/html"]
    assert "education only" in bundle["text/html"]
    assert "Engine's appraisal:" in bundle["text/plain"]


def test_the_live_view_draws_the_timeline_with_the_choice():
    player = CasePlayer("vipoma", step=1)
    assert player.plot_output is not None
    assert len(player.plot_output.outputs) == 1
    figure = player.figure()
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert labels == ["Line 1: somatostatin analogue (SSA)"]
    player.choice_picker.value = "prrt"
    labels = [t.get_text() for t in player.figure().axes[0].get_yticklabels()]
    assert labels[-1] == "Line 2: PRRT (177Lu-DOTATATE)\n(your choice)"


def test_the_next_button_sits_beside_the_step_picker_and_advances():
    player = CasePlayer("vipoma")
    row = player.widget.children[1]
    assert player.step_picker in row.children and player.next_button in row.children
    player.next_button.click()
    assert player.step.id == "growth_on_ssa"
    assert "decision 2 of 2" in player.output.value
