"""The trial explorer: filters drive the table and the forest plot; no match gives a message."""

import matplotlib

matplotlib.use("Agg")

import pytest
from trial_frames import trial_rows

from pannet_edu.views.trials import filter_trials
from pannet_edu.widgets import TrialExplorer


def table_rows(html: str) -> int:
    return html.count("<tr") - 1  # minus the header row


def test_explorer_shows_every_trial_when_no_filter_is_set():
    rows = trial_rows()
    tool = TrialExplorer(trials=rows)
    assert tool.view().title == f"Trial explorer: {len(rows)} trial cohorts"
    assert table_rows(tool.output.value) == len(rows)


def test_filters_change_the_table_and_the_count():
    tool = TrialExplorer(trials=trial_rows())
    tool.therapy_class.value = "tki"
    assert tool.view().title == "Trial explorer: 2 trial cohorts"
    assert table_rows(tool.output.value) == 2
    tool.pannet.value = "yes"
    assert tool.view().title == "Trial explorer: 1 trial cohort"
    assert "1 trial cohort matches; 1 with a PFS hazard ratio appears" in tool.output.value
    assert "CABINET (pancreatic)" in tool.output.value
    assert "extrapancreatic" not in tool.output.value


def test_forest_plot_under_the_table_has_one_row_per_selected_trial_with_an_hr():
    tool = TrialExplorer(trials=trial_rows(), therapy_class="chemotherapy")
    expected = filter_trials(trial_rows(), therapy_class="chemotherapy")
    fig = tool.figure()
    assert len(fig.axes[0].get_yticklabels()) == int(expected["hr"].notna().sum()) == 1
    assert "Kouvaraki 2004" in fig.texts[-1].get_text()  # skipped (no HR) and said so
    assert tool.plot_output is not None and len(tool.plot_output.outputs) == 1


def test_no_match_gives_a_readable_message_and_no_figure():
    tool = TrialExplorer(trials=trial_rows(), therapy_class="ssa", setting="pretreated")
    assert tool.view().title == "Trial explorer: no trial matches"
    assert "Set one of the filters back to &#x27;all&#x27;" in tool.output.value
    assert "Traceback" not in tool.output.value
    assert tool.figure() is None
    assert tool.plot_output.outputs == ()


def test_selection_with_no_hazard_ratio_shows_the_table_but_no_plot():
    tool = TrialExplorer(trials=trial_rows(), therapy_class="prrt")
    assert "OCLURANDOM" in tool.output.value
    assert tool.plot_output.outputs == ()


def test_bad_starting_filter_is_a_message_until_the_learner_picks_again():
    tool = TrialExplorer(trials=trial_rows(), therapy_class="antibiotic")
    assert "Please check the input" in tool.output.value
    assert "therapy_class must be one of" in tool.output.value
    tool.therapy_class.value = "ssa"
    assert tool.view().title == "Trial explorer: 3 trial cohorts"


def test_snapshot_carries_the_table_in_html_and_text():
    bundle = TrialExplorer(trials=trial_rows(), pannet="no")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    html, text = bundle["text/html"], bundle["text/plain"]
    assert '<table class="pannet-trials"' in html
    assert "education only" in html
    assert text.startswith("Trial explorer: 2 trial cohorts")
    assert "PROMID  [no panNET enrolled: extrapolated]" in text
    assert "PFS hazard ratio (95% CI): 0.34 (0.20–0.59)" in text
    assert "  Source: Rinke 2009. PMID 19704057." in text
    assert "  Source: Chan 2025. PMID 39282913." in text


def test_explorer_rejects_a_table_that_is_not_a_trials_frame():
    with pytest.raises(TypeError, match="trials must be a pandas DataFrame"):
        TrialExplorer(trials=[("PROMID", 0.34)])


def test_explorer_on_the_packaged_trials_lists_every_cohort():
    from pannet_edu import trials

    table = trials()
    tool = TrialExplorer()
    assert tool.view().title == f"Trial explorer: {len(table)} trial cohorts"
    assert table_rows(tool.output.value) == len(table)
    tool.therapy_class.value = "prrt_lu177_dotatate"
    expected = filter_trials(table, therapy_class="prrt_lu177_dotatate")
    assert table_rows(tool.output.value) == len(expected)
    assert len(tool.figure().axes[0].get_yticklabels()) == int(expected["hr"].notna().sum())


def test_each_prrt_radiopharmaceutical_is_a_class_of_its_own():
    """A trial is evidence only for what it tested: COMPETE (177Lu-edotreotide) and the alpha
    emitters are never listed, named or drawn as 177Lu-DOTATATE."""
    tool = TrialExplorer()
    labels = dict((value, label) for label, value in tool.therapy_class.options)
    assert "prrt" not in labels  # no one class for every radiopharmaceutical
    assert labels["prrt_lu177_dotatate"] == "PRRT with 177Lu-DOTATATE"
    assert labels["prrt_lu177_edotreotide"] == "PRRT with 177Lu-edotreotide"
    assert "212Pb-DOTAMTATE" in labels["prrt_alpha"] and "225Ac-DOTATATE" in labels["prrt_alpha"]
    tool.therapy_class.value = "prrt_lu177_dotatate"
    assert {"NETTER-1", "NETTER-2", "OCLURANDOM"} <= set(tool.selected().trial)
    assert "COMPETE" not in set(tool.selected().trial)
    assert "COMPETE" not in tool.output.value
    tool.therapy_class.value = "prrt_lu177_edotreotide"
    assert list(tool.selected().trial) == ["COMPETE"]
    assert "177Lu-edotreotide (177Lu-DOTATOC)" in tool.output.value
    assert "177Lu-DOTATATE vs" not in tool.output.value
    legend = [t.get_text() for t in tool.figure().legends[0].get_texts()]
    assert "PRRT with 177Lu-edotreotide" in legend
    assert not any("DOTATATE" in label for label in legend)
