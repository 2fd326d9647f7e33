"""The case player: ask before revealing, bridge every choice, score at the end, number lines of
therapy, and never break on an emptied picker."""

import re

import pytest

from pannet_edu import engine
from pannet_edu.practice import cases
from pannet_edu.widgets import CasePlayer

#: Code-style identifiers that must never reach a learner's screen.
CODE_WORDS = re.compile(
    r"\b[a-z]+_[a-z_]+\b|\bprior (?:none|ssa)\b|\bsstr can\b|'ki67'", re.IGNORECASE
)


def _fast(player: CasePlayer) -> CasePlayer:
    """Skip redrawing the timeline on every change (the card is what these tests read)."""
    player.plot_output = None
    return player


def _play_to_summary(player: CasePlayer, choose=lambda step: step.options[-1].therapy) -> None:
    for _ in range(len(player.case.steps)):
        player.choose(choose(player.step))
        player.next_step()


def test_first_view_shows_the_situation_and_options_and_asks_for_a_choice():
    player = CasePlayer("vipoma")
    text = player.snapshot_text()
    assert text.startswith("VIPoma with profuse watery diarrhoea: decision 1 of 2")
    assert "Situation: After rehydration" in text
    assert "Options: somatostatin analogue (SSA); everolimus" in text
    assert "Decide first, then choose an option" in text
    assert player.feedback is None


def test_nothing_that_grades_an_option_shows_before_the_choice():
    player = CasePlayer("malignant_insulinoma", what_if=("sstr", "negative"))
    text, html = player.snapshot_text(), player.output.value
    for hidden in (
        "Case author and engine",
        "pannet-appraisal",
        "strongest",
        "preferred",
        "What if SSTR",
    ):
        assert hidden not in text and hidden not in html, hidden
    assert "The what-if panel answers after your choice" in text
    player.choose(player.step.options[0].therapy)
    assert "What if SSTR imaging were SSTR-negative?" in player.snapshot_text()


def test_choosing_shows_the_authors_feedback_then_the_engine_beside_it():
    player = CasePlayer("vhl_pnet")
    player.choice_picker.value = "ssa"
    assert player.feedback.verdict == "reasonable"
    html = player.output.value
    assert "Your choice: somatostatin analogue (SSA): reasonable." in html
    assert "Teaching point:" in html
    assert "Case author and engine, side by side" in html
    assert "The engine&#x27;s appraisal of the options at this step" in html
    engine_verdict = engine.appraise(player.step.patient).loc["ssa", "verdict"]
    text = player.snapshot_text()
    assert f"somatostatin analogue (SSA): author reasonable, engine {engine_verdict}" in text
    assert "(why: The engine reads SSTR-positive" in text


def test_a_choice_other_than_the_teams_is_bridged_in_words():
    player = CasePlayer("progression_after_ssa_g2", step="progression_on_ssa")
    player.choose("prrt")
    text = player.snapshot_text()
    assert "What happened next: The team chose everolimus instead, because he preferred" in text
    player.choice_picker.value = "everolimus"
    assert "The team made the same choice, everolimus, because" in player.snapshot_text()


def test_every_step_with_a_given_therapy_says_why_in_the_case_file():
    for case in cases.case_bank().values():
        for step in case.steps:
            if step.given:
                assert len(step.given_because) > 20, (case.id, step.id)
                wrong = next(o.therapy for o in step.options if o.therapy != step.given)
                assert case.bridge(step.id, wrong).startswith("The team chose ")


def test_the_first_choice_is_kept_for_the_score_and_later_ones_are_marked_as_exploring():
    player = CasePlayer("vipoma")
    player.choose("everolimus")
    player.choose("ssa")
    assert player.first_choices == {"syndrome_control": "everolimus"}
    assert "Your first choice here, everolimus, is the one scored" in player.snapshot_text()


def test_next_waits_for_a_choice_because_the_next_step_tells_what_the_team_did():
    player = CasePlayer("vipoma")
    player.next_step()
    assert player.step.id == "syndrome_control"
    assert "Choose an option first" in player.snapshot_text()
    player.choose("ssa")
    player.next_step()
    assert player.step.id == "growth_on_ssa"


def test_next_on_the_last_step_opens_the_summary_with_a_score_and_start_again_resets():
    player = _fast(CasePlayer("vipoma"))
    player.choose("ssa")  # the strongest option
    player.next_step()
    player.choose("ssa")  # caution at the second step
    player.next_step()
    assert player.finished
    text = player.snapshot_text()
    assert "end of the case" in text
    assert "You matched the strongest option at 1 of 2 decisions." in text
    assert "2. Growth with the syndrome controlled: you chose somatostatin analogue" in text
    assert "The team gave PRRT (177Lu-DOTATATE)." in text
    player.next_step()
    assert "This is the end of the case" in player.snapshot_text()
    player.restart_button.click()
    assert not player.finished and player.step_picker.value == 0
    assert player.first_choices == {}


@pytest.mark.parametrize("case_id", sorted(cases.case_bank()))
def test_every_case_plays_to_its_summary(case_id):
    player = _fast(CasePlayer(case_id))
    _play_to_summary(player, choose=lambda step: step.strongest[0])
    assert player.finished
    total = len(player.case.steps)
    assert f"You matched the strongest option at {total} of {total} decisions." in (
        player.snapshot_text()
    )
    assert "Traceback" not in player.snapshot_html()


def test_lines_of_therapy_are_numbered_after_what_was_given_before_the_case():
    case = cases.load_case("cardiac_renal")  # opens at progression on an SSA
    assert case.line_number("after_ssa") == 2
    player = CasePlayer("cardiac_renal")
    assert "A drug or PRRT chosen now is the second line." in player.snapshot_text()
    player.choose("everolimus")
    labels = [t.get_text() for t in player.figure().axes[0].get_yticklabels()]
    assert labels == ["Line 2: everolimus\n(your choice)"]
    player.next_step()
    labels = [t.get_text() for t in player.figure().axes[0].get_yticklabels()]
    assert labels[0] == "Line 2: everolimus"


@pytest.mark.parametrize(
    "picker", ["case_picker", "step_picker", "choice_picker", "factor_picker", "value_picker"]
)
def test_a_picker_set_to_none_gives_a_readable_message_never_an_error(picker):
    player = _fast(CasePlayer("vipoma", step=1, choice="prrt", what_if=("sstr", "negative")))
    getattr(player, picker).value = None
    html, text = player.snapshot_html(), player.snapshot_text()
    assert "Traceback" not in html and "Error" not in text
    if picker == "case_picker":
        assert "Choose a case from the list to begin." in text
    if picker == "step_picker":
        assert "Choose a decision point from the list to begin." in text
    player.next_step()  # still no exception
    player.choose("ssa")
    player.restart()


def test_an_option_not_offered_gives_a_message_and_keeps_the_previous_choice():
    player = CasePlayer("vipoma", choice="ssa")
    feedback = player.choose("belzutifan")
    assert not feedback.valid
    assert player.choice_picker.value == "ssa"
    assert "“belzutifan” is not an option at “Diagnosis (hormone syndrome)”" in (
        player.snapshot_text()
    )
    assert "Traceback" not in player.snapshot_html()
    player.choice_picker.value = "everolimus"  # a real choice clears the message
    assert "not an option" not in player.output.value


@pytest.mark.parametrize("bad", ["aspirin", "", 42])
def test_a_bad_starting_choice_becomes_a_readable_note(bad):
    player = CasePlayer("vipoma", choice=bad)
    assert player.choice_picker.value == ""
    assert "Note: " in player.snapshot_text()
    assert "Choose one of" in player.snapshot_text()


def test_stepping_forward_updates_options_patient_and_what_changed_in_clinical_words():
    player = CasePlayer("progression_after_ssa_g2", choice="ssa")
    player.next_step()
    assert player.step.id == "progression_on_ssa"
    assert player.choice_picker.value == ""  # a new decision starts without a choice
    offered = [v for _label, v in player.choice_picker.options if v]
    assert offered == [o.therapy for o in player.step.options]
    text = player.snapshot_text()
    assert (
        "Since the last decision: progressing: no → yes; therapies so far: none → "
        "somatostatin analogue (SSA)." in text
    )


def test_learner_screens_carry_no_code_identifiers():
    player = _fast(CasePlayer("cardiac_renal", what_if=("age", 3)))
    screens = [player.snapshot_text()]
    player.choose("capecitabine_temozolomide")
    player.next_step()
    screens.append(player.snapshot_text().split("Case author and engine:")[0])
    player.choose("prrt")
    player.next_step()
    screens.append(player.snapshot_text())
    for screen in screens:
        assert not CODE_WORDS.search(screen), CODE_WORDS.search(screen).group(0)


def test_changing_case_resets_to_its_first_decision_and_the_score():
    player = CasePlayer("vipoma", step=1, choice="prrt")
    player.case_picker.value = "nec_large_cell"
    assert player.step_picker.value == 0
    assert player.first_choices == {}
    assert player.view().title.startswith("Large-cell neuroendocrine carcinoma")
    assert next(v for _l, v in player.choice_picker.options if v) == "platinum_etoposide"


def test_what_if_changes_one_factor_and_lists_the_verdicts_that_move():
    player = CasePlayer("indolent_g1_sstr_positive", step=1, choice="prrt")
    player.factor_picker.value = "sstr"
    first = player.value_picker.value
    moved = engine.what_if(player.step.patient, sstr=first)
    text = player.snapshot_text()
    label = dict((v, label) for label, v in player.value_picker.options)[first]
    outcome = f"{len(moved)} verdict" if len(moved) else "No verdict moves"
    assert f"What if SSTR imaging were {label}? {outcome}" in text
    player.value_picker.value = "negative"
    assert "PRRT (177Lu-DOTATATE): reasonable → not suitable." in player.snapshot_text()


def test_what_if_with_a_comorbidity_adds_it_and_explains_the_change():
    player = CasePlayer(
        "indolent_g1_sstr_positive", step=1, choice="everolimus",
        what_if=("comorbidities", ("diabetes",)),
    )  # fmt: skip
    text = player.snapshot_text()
    assert "What if we add diabetes?" in text
    assert "everolimus: reasonable → caution. Diabetes:" in text


def test_what_if_that_moves_nothing_says_so():
    lines = cases.what_if_lines(cases.load_case("nec_large_cell").steps[0].patient, "burden", "low")
    assert lines == ("What if Tumour burden were low? No verdict moves.",)


def test_a_bad_starting_what_if_becomes_a_readable_note():
    text = CasePlayer("vipoma", what_if=("age", 40)).snapshot_text()
    assert "What-if not applied: the factors that can change are Ki-67" in text
    text = CasePlayer("vipoma", what_if=("sstr", "weak")).snapshot_text()
    assert "What-if not applied: SSTR imaging can be changed to:" in text


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


def test_the_next_button_sits_beside_the_step_picker_and_advances_after_a_choice():
    player = CasePlayer("vipoma")
    row = player.widget.children[1]
    assert player.step_picker in row.children and player.next_button in row.children
    assert player.restart_button in row.children
    player.choose("ssa")
    player.next_button.click()
    assert player.step.id == "growth_on_ssa"
    assert "decision 2 of 2" in player.output.value


def _shown_figure(player: CasePlayer) -> str:
    return player.plot_output.outputs[0]["data"]["text/html"]


def test_the_cached_timeline_follows_the_choice_step_and_case(monkeypatch):
    monkeypatch.setenv("PANNET_FIGURE_CACHE", "off")  # count the draws of this tool alone
    player = CasePlayer("vipoma", step=1)
    drawn = []
    original = CasePlayer.figure

    def counting(self):
        drawn.append(self._figure_key())
        return original(self)

    monkeypatch.setattr(CasePlayer, "figure", counting)
    no_choice = _shown_figure(player)
    player.choice_picker.value = "prrt"
    with_prrt = _shown_figure(player)
    assert with_prrt != no_choice and "PRRT" in with_prrt  # alt text names the proposed line
    assert "proposed" in with_prrt and "proposed" not in no_choice
    player.choice_picker.value = ""
    assert _shown_figure(player) == no_choice  # seen before: shown again, not redrawn
    player.choice_picker.value = "prrt"
    assert _shown_figure(player) == with_prrt
    assert drawn == [("vipoma", 1, "prrt")]
    player.step_picker.value = 0
    assert _shown_figure(player) not in (no_choice, with_prrt)
    other = next(c for c in player.bank if c != "vipoma")
    player.case_picker.value = other
    assert player.case.title in _shown_figure(player)
    assert [key[0] for key in drawn] == ["vipoma", "vipoma", other]


def test_the_summary_timeline_is_the_last_step_without_a_proposed_line():
    player = CasePlayer("vipoma")
    _play_to_summary(player)
    assert player.finished
    assert player._figure_key() == ("vipoma", len(player.case.steps) - 1, None)
    assert "proposed" not in _shown_figure(player)


def test_the_buttons_take_the_width_of_their_words_and_the_row_wraps():
    player = CasePlayer()
    row = player.widget.children[1]
    assert row.layout.flex_flow == "row wrap"
    for button in (player.next_button, player.restart_button):
        assert (button.layout.width, button.layout.min_width) == ("auto", "max-content")


def _listed_steps(player: CasePlayer) -> list[str]:
    return [label for label, _index in player.step_picker.options]


def test_the_decision_list_names_only_the_steps_reached_so_far():
    """A later step's name ("Progression after CAPTEM") would tell what the team chose."""
    player = _fast(CasePlayer("bulky_symptomatic_g2"))
    later = player.case.steps[1].label
    assert _listed_steps(player) == [f"1. {player.case.steps[0].label}"]
    player.choose(player.step.options[0].therapy)
    assert all(later not in label for label in _listed_steps(player))  # chosen, not moved on
    assert later not in player.snapshot_text()
    player.next_step()
    assert _listed_steps(player) == [f"1. {player.case.steps[0].label}", f"2. {later}"]
    player.step_picker.value = 0  # back to the first decision: the second stays listed
    assert len(_listed_steps(player)) == 2 and player.step.id == player.case.steps[0].id


def test_a_new_case_or_starting_again_lists_only_the_first_decision_again():
    player = _fast(CasePlayer("vipoma", step=1))
    assert len(_listed_steps(player)) == 2  # a cell that opens a later step lists those before it
    player.restart()
    assert _listed_steps(player) == ["1. Diagnosis (hormone syndrome)"]
    assert player.step_picker.value == 0
    player.go_to("growth_on_ssa")
    assert player.step.id == "growth_on_ssa" and len(_listed_steps(player)) == 2
    player.case_picker.value = "indolent_g1_sstr_positive"
    assert _listed_steps(player) == ["1. First line"]
    with pytest.raises(ValueError, match="step must be a position 0-2 or one of"):
        player.go_to("no_such_step")
