"""Every loader reads through the one stamp-keyed cache (content/reader.py ``cached``) and the data
folder in use: an edit to a copy of the data under ``PANNET_EDU_DATA_DIR`` is seen by every kind
on the next call, with nothing cleared by hand, and an edit to ``sources.yaml`` is seen by the
loaders that cite it."""

from __future__ import annotations

import pytest
from data_edits import replace_once

from pannet_edu.clinic.imaging import load_imaging
from pannet_edu.clinic.staging import load_staging
from pannet_edu.clinic.syndromes import load_syndromes
from pannet_edu.content import ContentError
from pannet_edu.content.manifest import load_manifest
from pannet_edu.content.sources import sources
from pannet_edu.engine.catalogue import load_catalogue
from pannet_edu.engine.scope import load_scope
from pannet_edu.evidence import label_figures, trials
from pannet_edu.evidence.pipeline import agent_record
from pannet_edu.practice.cases import case_bank
from pannet_edu.practice.exercises.registry import exercise
from pannet_edu.practice.question_bank import load_bank


def _first_question(folder=None) -> str:
    return next(iter(load_bank(folder).values())).prompt


#: (file, old text, new text, what a loader reads, the new value it must give)
EDITS = {
    "sources": ("sources.yaml", "short: Hauser 2019 review", "short: Hauser 2019 overview",
                lambda: sources()["HAUSER_2019"].short, "Hauser 2019 overview"),
    "therapy": ("therapies.yaml", "  name: Sunitinib\n", "  name: Sunitinib (edited)\n",
                lambda: next(t.name for t in load_catalogue() if t.id == "sunitinib"),
                "Sunitinib (edited)"),
    "trial": ("trials.csv", "no panNETs\"", "no panNETs at all\"",
              lambda: trials().set_index("trial").loc["PROMID", "population"],
              "functioning and non-functioning); no panNETs at all"),
    "evidence scope": ("evidence_scope.yaml", "without medical therapy in the 6 months before "
                       "entry", "without medical therapy in the six months before entry",
                       lambda: load_scope().trial("CLARINET").words, "six months"),
    "case": ("cases/vipoma.yaml", "title: VIPoma with profuse watery diarrhoea",
             "title: VIPoma with profuse diarrhoea", lambda: case_bank()["vipoma"].title,
             "VIPoma with profuse diarrhoea"),
    "exercise": ("exercises/07_sequencing_cases.yaml", "Newly diagnosed metastatic",
                 "New metastatic", lambda: exercise("seq-1").report, "New metastatic"),
    "question": ("questions/00_start_here.yaml", "What may the pannet-edu tools be used for?",
                 "What are the pannet-edu tools for?", _first_question,
                 "What are the pannet-edu tools for?"),
    "lesson": ("lessons.yaml", 'title: "Classification, grading and staging',
               'title: "Classifying, grading and staging',
               lambda: load_manifest()[1].title, "Classifying, grading"),
    "staging": ("staging.yaml", "- topic: NET G3 and NEC", "- topic: NET G3 and NEC (edited)",
                lambda: load_staging().changes[0].topic, "(edited)"),
    "imaging": ("imaging.yaml", '"much lower than normal liver"',
                '"much lower than the normal liver"', lambda: load_imaging().krenning_scale[1][1],
                "than the normal liver"),
    "syndromes": ("syndromes.yaml", "name: Insulinoma", "name: Insulinoma (edited)",
                  lambda: load_syndromes().functional[0].name, "(edited)"),
    "pipeline": ("pipeline.yaml", "name: 177Lu-edotreotide (177Lu-DOTATOC)",
                 "name: 177Lu-edotreotide (edited)",
                 lambda: agent_record("lu177_edotreotide")["name"], "(edited)"),
    "label": ("label_figures.csv", "US prescribing information, as reported",
              "US prescribing information (edited), as reported",
              lambda: label_figures().source.iloc[0], "(edited)"),
}


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_an_edit_to_the_data_in_use_is_seen_on_the_next_call(kind, data_copy):
    file, old, new, read, expected = EDITS[kind]
    before = read()  # loaded, and kept in the cache
    assert expected not in before
    replace_once(data_copy / file, old, new)
    assert expected in read()


def test_an_edit_to_a_source_is_seen_by_the_catalogue_that_cites_it(data_copy):
    def cited() -> set[str]:
        return {s.short for t in load_catalogue() for s in t.sources}

    assert "Hauser 2019 review" in cited()
    replace_once(data_copy / "sources.yaml", "short: Hauser 2019 review",
                 "short: Hauser 2019 overview")
    assert "Hauser 2019 overview" in cited() and "Hauser 2019 review" not in cited()


def test_a_renamed_trial_is_seen_by_the_pipeline_that_names_it(data_copy):
    # The pipeline's entries link trials of trials.csv: its cache is stamped by that file too.
    assert tuple(agent_record("lu177_edotreotide")["trials"]) == ("COMPETE",)
    replace_once(data_copy / "trials.csv", "\nCOMPETE,", "\nCOMPETE-1,")
    with pytest.raises(ContentError, match=r"'COMPETE' is not a trial in trials\.csv"):
        agent_record("lu177_edotreotide")
