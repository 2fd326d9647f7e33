"""The vocabularies' one home: class colours and words shared by figures, catalogue, tables."""

from __future__ import annotations

import pytest

from pannet_edu import vocab
from pannet_edu.display import OKABE_ITO
from pannet_edu.engine.catalogue import load_catalogue
from pannet_edu.plots import timeline
from pannet_edu.plots import trials as trial_plots
from pannet_edu.views import wording


def test_every_catalogue_class_has_the_one_colour_from_vocab():
    classes = load_catalogue().classes
    assert set(classes) == set(vocab.CLASS_COLOURS)
    for class_id, therapy_class in classes.items():
        assert therapy_class.colour == vocab.CLASS_COLOURS[class_id]


@pytest.mark.parametrize("class_id", sorted(trial_plots.CLASS_STYLE))
def test_trial_figures_and_case_timeline_colour_a_class_alike(class_id):
    assert trial_plots.class_style(class_id)[0] == timeline.class_styles()[class_id][1]


def test_prrt_is_the_same_colour_in_trial_figures_and_timeline():
    # The drift issue 13 found: PRRT orange in the trial figures, green in the timeline.
    assert trial_plots.class_style("prrt")[0] == timeline.class_styles()["prrt"][1] == "#009E73"


def test_systemic_class_colours_are_distinct_okabe_ito_colours():
    systemic = [c for c in load_catalogue().classes.values() if c.systemic]
    colours = [c.colour for c in systemic]
    assert len(set(colours)) == len(colours)
    assert set(colours) <= set(OKABE_ITO.values())


def test_wording_reads_design_and_class_words_from_vocab():
    assert wording.DESIGN_WORDS is vocab.DESIGN_WORDS
    assert wording.CLASS_WORDS is vocab.CLASS_WORDS
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
