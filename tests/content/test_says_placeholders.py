"""A trial's ``says`` sentences name other trials through placeholders filled from the data
(``{cited[N]}`` from ``cites_with``, ``{contrasted[N]}`` from ``contrasts_with``), so a renamed
trial is renamed in the sentence; a placeholder the entry cannot fill is a ContentError."""

from __future__ import annotations

import pytest
from data_edits import replace_once

from pannet_edu.content import ContentError
from pannet_edu.engine import Patient, appraise
from pannet_edu.engine.scope import load_scope


def test_the_packaged_sentences_name_the_other_trials():
    oclurandom = load_scope().trial("OCLURANDOM").saying("progressing_with_uptake")
    assert "Neither NETTER-1 (midgut NET only) nor COMPETE (its" in oclurandom
    assert load_scope().trial("Moertel 1992").saying("progressing").endswith(
        "(Moertel 1992; Kouvaraki 2004).")


def test_a_renamed_trial_is_renamed_in_the_sentence(data_copy):
    replace_once(data_copy / "evidence_scope.yaml", "contrasts_with: [NETTER-1, COMPETE]",
                 "contrasts_with: [NETTER-1, COMPETE-NET]")
    said = load_scope().trial("OCLURANDOM").saying("progressing_with_uptake")
    assert "nor COMPETE-NET (its radiopharmaceutical" in said


def test_a_placeholder_without_its_trial_is_refused(data_copy):
    replace_once(data_copy / "evidence_scope.yaml", "contrasts_with: [NETTER-1, COMPETE]",
                 "contrasts_with: [NETTER-1]")
    with pytest.raises(ContentError, match=r"OCLURANDOM.*says\.progressing_with_uptake"):
        load_scope()


def test_the_verdict_reads_its_figures_from_the_data(data_copy):
    patient = Patient(ki67=12, sstr="positive", progressing=False)
    assert "PFS 29.7 vs 11.5 months" in appraise(patient).loc["everolimus_ssa", "reasons"]
    replace_once(data_copy / "evidence_scope.yaml", "PFS 29.7 vs 11.5 months",
                 "PFS 29.8 vs 11.5 months")
    assert "PFS 29.8 vs 11.5 months" in appraise(patient).loc["everolimus_ssa", "reasons"]
