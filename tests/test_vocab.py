"""One home for each vocabulary, and for each therapy class (its entry in the catalogue's data):
colours, markers and words shared by figures, catalogue and tables."""

from __future__ import annotations

import pytest

from pannet_edu import vocab
from pannet_edu.display import OKABE_ITO
from pannet_edu.engine.catalogue import load_catalogue
from pannet_edu.plots import timeline
from pannet_edu.plots import trials as trial_plots
from pannet_edu.views import wording


def test_no_therapy_class_is_typed_in_the_vocabularies():
    # A class has one home, its entry in data/therapies.yaml; vocab keeps only the groups.
    assert not any(name.startswith("CLASS_") and name != "CLASS_GROUPS" for name in vars(vocab))
    assert {c.group for c in load_catalogue().classes.values()} <= set(vocab.CLASS_GROUPS)


@pytest.mark.parametrize("class_id", sorted(load_catalogue().classes))
def test_trial_figures_and_case_timeline_colour_a_class_alike(class_id):
    assert trial_plots.class_style(class_id)[0] == timeline.class_styles()[class_id][1]
    assert trial_plots.class_style(class_id)[1] == load_catalogue().classes[class_id].marker


def test_prrt_is_the_same_colour_in_trial_figures_and_timeline():
    # The drift issue 13 found: PRRT orange in the trial figures, green in the timeline.
    assert trial_plots.class_style("prrt")[0] == timeline.class_styles()["prrt"][1] == "#009E73"


def test_systemic_class_colours_are_distinct_okabe_ito_colours():
    systemic = [c for c in load_catalogue().classes.values() if c.systemic]
    colours = [c.colour for c in systemic]
    assert len(set(colours)) == len(colours)
    assert set(colours) <= set(OKABE_ITO.values())


def test_wording_reads_design_words_from_vocab_and_class_words_from_the_catalogue():
    assert wording.plain("single_arm") == vocab.DESIGN_WORDS["single_arm"]
    assert wording.plain("tki") == load_catalogue().classes["tki"].word
    assert wording.plain("hif2a_inhibitor") == "HIF-2α inhibitor"
    assert wording.plain("randomised_non_comparative") == "randomised, non-comparative"


def test_one_confidence_vocabulary_serves_every_data_file():
    from pannet_edu import vocab
    from pannet_edu.content import sources
    from pannet_edu.evidence import pipeline, trial_table

    for allowed in (vocab.FACT_CONFIDENCE, vocab.TRIAL_CONFIDENCE, vocab.SOURCE_CONFIDENCE):
        assert set(allowed) <= set(vocab.CONFIDENCE), allowed
    assert all(meaning.strip() for meaning in vocab.CONFIDENCE.values())
    # Each file's checks read the shared tuples, not copies of their own.
    assert tuple(trial_table.CONFIDENCE) == vocab.TRIAL_CONFIDENCE
    assert all(trial_table.CONFIDENCE[c] == vocab.CONFIDENCE[c] for c in vocab.TRIAL_CONFIDENCE)
    assert sources.SOURCE_CONFIDENCE is vocab.SOURCE_CONFIDENCE
    assert pipeline.SOURCE_CONFIDENCE is vocab.SOURCE_CONFIDENCE
