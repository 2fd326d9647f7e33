"""Is this patient inside the evidence? Trial by trial, from the evidence data, never from code."""

from __future__ import annotations

import itertools

import pytest
from data_edits import replace_once

from pannet_edu.engine import Patient, evaluate, load_catalogue
from pannet_edu.engine.before_starting import checks_for
from pannet_edu.engine.scope import load_scope, outside_evidence
from pannet_edu.evidence.patient_fit import (
    MEANING,
    check_reading,
    evidence_fit,
    fields_read,
    therapy_choices,
)
from pannet_edu.practice.vignettes.lessons import lesson_classes, systemic_classes

#: For every trial of the evidence data: an option it tested and a patient inside its population
#: (None: the trial holds no patient of this toolkit, with the criterion that says why).
INSIDE = {
    "CLARINET": ("ssa", {"ki67": 5, "sstr": "positive"}),
    "CLARINET FORTE": ("ssa", {"ki67": 15, "progressing": True, "prior": ["ssa"]}),
    "PROMID": ("ssa", None, "enrolled no pancreatic NETs"),
    "RADIANT-3": ("everolimus", {"ki67": 15, "progressing": True}),
    "A6181111": ("sunitinib", {"ki67": 15, "progressing": True}),
    "SANET-p": ("surufatinib", {"ki67": 15, "progressing": True, "prior": ["ssa"]}),
    "CABINET": ("cabozantinib", {"ki67": 15, "prior": ["everolimus"]}),
    "NETTER-1": ("prrt", None, "enrolled no pancreatic NETs"),
    "NETTER-2": ("prrt", {"ki67": 15, "sstr": "positive"}),
    "OCLURANDOM": ("prrt", {"ki67": 15, "sstr": "positive", "progressing": True,
                            "prior": ["everolimus"]}),
    "Rotterdam PRRT re-treatment": ("prrt", {"ki67": 15, "sstr": "positive", "progressing": True,
                                             "prior": ["prrt"], "durable_benefit": ["prrt"]}),
    "E2211": ("capecitabine_temozolomide", {"ki67": 15, "progressing": True}),
    "Moertel 1992": ("streptozocin_based", {"ki67": 15}),
    "Kouvaraki 2004": ("streptozocin_based", {"ki67": 15}),
    "NORDIC NEC": ("platinum_etoposide", {"ki67": 60, "differentiation": "poor"}),
    "LITESPARK-004": ("belzutifan", None, "excluded metastatic disease"),
    "STARTER-NET": ("everolimus_ssa", {"ki67": 10, "performance_status": 1}),
    "PRODIGE 41-BEVANEC": ("irinotecan_based", {"ki67": 60, "differentiation": "poor",
                                                "prior": ["platinum_etoposide"]}),
    "NET-02": ("irinotecan_based", {"ki67": 60, "differentiation": "poor",
                                    "prior": ["platinum_etoposide"]}),
}


def test_every_trial_of_the_evidence_data_is_covered_here():
    assert set(INSIDE) == {e.trial for e in load_scope().trials}


@pytest.mark.parametrize("trial", sorted(INSIDE))
def test_each_pivotal_trial_holds_its_patient_or_names_why_it_holds_none(trial):
    therapy, values, *why = INSIDE[trial]
    if values is None:
        item = evidence_fit(therapy, Patient(ki67=5, sstr="positive")).trial(trial)
        assert item.fit == "outside" and why[0] in item.excluded_by
        return
    fit = evidence_fit(therapy, Patient(**values))
    assert fit.trial(trial).inside, fit.trial(trial).excluded_by
    assert fit.overall == "inside" and trial in fit.holding


@pytest.mark.parametrize("group", systemic_classes())
def test_every_systemic_class_lists_its_trials_with_words_and_a_source(group):
    scope = load_scope()
    for therapy in therapy_choices([group]):
        fit = evidence_fit(therapy, Patient(ki67=5))
        listed = [e.trial for e in scope.for_therapy(therapy) if e.trial]
        assert [t.name for t in fit.trials] == listed
        for item in (*fit.trials, *fit.positions):
            assert item.evidence.words and item.source.cite()


def test_a_patient_outside_is_told_the_criterion_that_excludes_them():
    fit = evidence_fit("sunitinib", Patient(ki67=30, progressing=True))
    assert fit.overall == "outside" and fit.holding == ()
    (reason,) = fit.trial("A6181111").excluded_by
    assert "G1 and G2" in reason and "NET G3" in reason
    clarinet = evidence_fit("ssa", Patient(ki67=15, sstr="positive")).trial("CLARINET")
    assert clarinet.excluded_by == ("enrolled Ki-67 below 10%, and this tumour's Ki-67 is 15%",)
    after = evidence_fit("irinotecan_based", Patient(ki67=60, differentiation="poor"))
    assert all("platinum" in t.excluded_by[0] for t in after.trials)


def test_outside_the_evidence_is_extrapolated_never_unsuitable():
    assert "not the same as unsuitable" in MEANING["outside"]
    fit = evidence_fit("capecitabine_temozolomide", Patient(ki67=25, progressing=True))
    assert fit.overall == "outside"
    assert "not the same as unsuitable" in fit.meaning


def test_only_a_guideline_or_expert_position_makes_partly_inside():
    fit = evidence_fit("ssa", Patient(ki67=15, sstr="positive", syndrome="vipoma"))
    assert fit.overall == "partly" and fit.holding == ("SSA for hormone control",)
    assert not any(t.inside for t in fit.trials)


@pytest.mark.parametrize("therapy", therapy_choices())
def test_the_overall_answer_agrees_with_the_engine_for_every_option(therapy):
    """Outside here exactly when the engine calls the option extrapolated (never preferred)."""
    grid = itertools.product((5, 15, 30), ("positive", "equal_to_liver"), (False, True),
                             ((), ("ssa",), ("everolimus", "ssa")))
    for ki67, sstr, progressing, prior in grid:
        patient = Patient(ki67=ki67, sstr=sstr, progressing=progressing, prior=prior)
        fit = evidence_fit(therapy, patient)
        extrapolated = outside_evidence(therapy, patient) is not None
        assert (fit.overall == "outside") == extrapolated, (therapy, patient)
        if extrapolated:
            assert evaluate(patient)[therapy].verdict != "preferred"


def test_the_label_is_read_for_the_patients_region():
    first_line = {"ki67": 15, "sstr": "positive"}
    assert evidence_fit("prrt", Patient(**first_line, region="EU")).label.status == \
        "approved_other_use"
    us = evidence_fit("prrt", Patient(**first_line, region="US")).label
    assert us.status == "approved" and us.status_words == "approved for this use" and us.source
    china = evidence_fit("surufatinib", Patient(ki67=15, progressing=True, region="US"))
    assert china.label.status == "not_approved"
    assert china.overall == "inside"  # inside SANET-p, which was run in one country only
    assert china.trial("SANET-p").caveats[0].startswith("it was run in China only")
    unset = evidence_fit("prrt", Patient(**first_line)).label
    assert unset.status is None and "Choose where" in unset.text


def test_the_checks_are_the_engines_checks_for_this_patient():
    patient = Patient(ki67=15, progressing=True, syndrome="insulinoma")
    fit = evidence_fit("ssa", patient)
    assert list(fit.checks) == checks_for("ssa", patient)
    assert any("insulinoma" in c.check for c in fit.checks)


def test_a_ki67_near_the_taught_line_is_no_cliff():
    assert evidence_fit("ssa", Patient(ki67=10, sstr="positive")).near_cut_off is not None
    assert evidence_fit("ssa", Patient(ki67=5, sstr="positive")).near_cut_off is None
    assert evidence_fit("sunitinib", Patient(ki67=10)).near_cut_off is None


def test_a_criterion_not_stated_is_said_not_checked():
    fit = evidence_fit("everolimus_ssa", Patient(ki67=10))
    assert fit.trial("STARTER-NET").inside
    assert "not stated" in fit.trial("STARTER-NET").not_checked[0]
    stated = evidence_fit("everolimus_ssa", Patient(ki67=10, performance_status=3))
    assert "ECOG performance status 0-2" in stated.trial("STARTER-NET").excluded_by[0]


def test_an_instructors_edit_of_a_population_changes_the_answer(data_copy):
    patient = Patient(ki67=11, sstr="positive")
    assert evidence_fit("ssa", patient).trial("CLARINET").fit == "outside"
    replace_once(data_copy / "evidence_scope.yaml", "ki67: {below: 10}", "ki67: {below: 12}")
    assert evidence_fit("ssa", patient).trial("CLARINET").fit == "inside"


def test_a_reading_counts_only_answered_calls():
    fit = evidence_fit("prrt", Patient(ki67=15, sstr="positive"))
    reading = check_reading(fit, "inside", {"NETTER-2": "inside", "NETTER-1": "inside",
                                            "OCLURANDOM": None})
    assert (reading.right, reading.answered) == (2, 3)
    assert reading.call("NETTER-1").correct is False and reading.call("OCLURANDOM").correct is None
    assert reading.score_line == ("You read 2 of 3 as the data do; 2 left unanswered "
                                  "(not counted).")


def test_the_inputs_asked_are_those_the_lessons_options_read():
    assert fields_read(therapy_choices(lesson_classes("03_somatostatin_analogues"))) == (
        "ki67", "differentiation", "sstr", "progressing", "syndrome", "prior")
    targeted = fields_read(therapy_choices(lesson_classes("04_targeted_agents")))
    assert {"hereditary", "performance_status", "prior"} <= set(targeted)
    assert "sstr" not in targeted
    assert therapy_choices(lesson_classes("05_prrt")) == ("prrt",)


@pytest.mark.parametrize(("call", "argument"), [
    (lambda: evidence_fit("aspirin", Patient(ki67=5)), "therapy"),
    (lambda: evidence_fit("surveillance", Patient(ki67=5)), "therapy"),
    (lambda: evidence_fit(None, Patient(ki67=5)), "therapy"),
    (lambda: check_reading(evidence_fit("ssa", Patient(ki67=5)), "maybe"), "overall"),
    (lambda: check_reading(evidence_fit("ssa", Patient(ki67=5)), None, {"NETTER-2": "inside"}),
     "trials"),
    (lambda: check_reading(evidence_fit("ssa", Patient(ki67=5)), None, {"CLARINET": "yes"}),
     "trials"),
    (lambda: therapy_choices(["vitamins"]), "classes"),
    (lambda: fields_read(["aspirin"]), "therapy"),
    (lambda: evidence_fit("ssa", Patient(ki67=5)).trial("NETTER-2"), "trial"),
])
def test_bad_input_is_a_value_error_naming_the_argument(call, argument):
    with pytest.raises(ValueError, match=rf"^{argument}\b"):
        call()


def test_a_patient_that_is_not_a_patient_is_a_type_error():
    with pytest.raises(TypeError, match=r"^patient must be a Patient"):
        evidence_fit("ssa", {"ki67": 5})
    with pytest.raises(TypeError, match=r"^fit must be"):
        check_reading("inside", "inside")
    assert load_catalogue()  # the catalogue still loads after the refusals
