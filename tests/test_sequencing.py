"""The sequencing engine: one test per rule, validation, and properties over random patients."""

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from patient_strategies import patient_fields

from pannet_edu import display, engine, therapies, trials, vocab
from pannet_edu.engine import Patient, appraise, explain, load_catalogue, what_if
from pannet_edu.engine.combine import RULES
from pannet_edu.engine.scope import load_scope
from pannet_edu.views import appraisal as appraisal_views

# The engine cites trials by name: every name must be a trial in the evidence base.
CONTRACT_TRIALS = set(trials()["trial"])


def verdicts(**fields):
    return appraise(Patient(**fields))["verdict"].to_dict()


def reasons(therapy, **fields):
    return appraise(Patient(**fields)).loc[therapy, "reasons"]


# --- Patient validation --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fields", "kind", "message"),
    [
        ({}, ValueError, "give ki67"),
        ({"ki67": 120}, ValueError, "ki67 must be between 0 and 100"),
        ({"ki67": "high"}, TypeError, "ki67 must be a number"),
        ({"ki67": 5, "mitoses": -1}, ValueError, "mitoses must be at least 0"),
        ({"ki67": 5, "differentiation": "moderate"}, ValueError, "differentiation must be one of"),
        ({"ki67": 5, "sstr": "weak"}, ValueError, "sstr must be one of 'positive'"),
        ({"ki67": 5, "burden": "medium"}, ValueError, "burden must be one of 'low', 'high'"),
        ({"ki67": 5, "progressing": "yes"}, TypeError, "progressing must be True or False"),
        ({"ki67": 5, "symptomatic": 1}, TypeError, "symptomatic must be True or False"),
        ({"ki67": 5, "syndrome": "carcinoid"}, ValueError, "syndrome must be None or one of"),
        ({"ki67": 5, "prior": ["chemo"]}, ValueError, "prior entries must be ids from: 'ssa'"),
        ({"ki67": 5, "prior": "ssa"}, TypeError, "prior must be a list of ids"),
        ({"ki67": 5, "comorbidities": ["asthma"]}, ValueError, "comorbidities entries must be"),
        ({"ki67": 5, "hereditary": "BRCA2"}, ValueError, "hereditary must be None or one of"),
    ],
)
def test_patient_rejects_bad_fields_naming_field_and_allowed_values(fields, kind, message):
    with pytest.raises(kind, match=message):
        Patient(**fields)


def test_patient_normalises_spelling_order_and_duplicates():
    p = Patient(ki67=5, sstr="POSITIVE", syndrome="VIPoma", hereditary="vhl",
                prior=["ssa", "everolimus", "ssa"],
                comorbidities=["low_marrow_reserve", "diabetes"])
    assert (p.sstr, p.syndrome, p.hereditary) == ("positive", "vipoma", "VHL")
    assert p.prior == ("ssa", "everolimus")
    assert p.comorbidities == ("diabetes", "low_marrow_reserve")
    assert p == Patient(ki67=5, sstr="positive", syndrome="vipoma", hereditary="VHL",
                        prior=("ssa", "everolimus"),
                        comorbidities=("diabetes", "low_marrow_reserve"))


def test_patient_grade_reuses_who_grading_with_mitoses_alone():
    assert Patient(ki67=None, mitoses=25).grade.label == "NET G3"
    assert Patient(ki67=2, mitoses=5).grade.label == "NET G2"


def test_appraise_rejects_anything_but_a_patient():
    with pytest.raises(TypeError, match="patient must be a Patient"):
        appraise({"ki67": 5})


# --- Shape of the result -------------------------------------------------------------------
TEN_THERAPIES = [
    "ssa", "everolimus", "sunitinib", "cabozantinib", "surufatinib", "prrt",
    "capecitabine_temozolomide", "streptozocin_based", "platinum_etoposide", "belzutifan",
]
NEW_ROWS = ["everolimus_ssa", "irinotecan_based", "surveillance", "surgery", "liver_directed",
            "clinical_trial"]


def test_appraisal_is_indexed_by_the_catalogue_in_order_with_contract_columns():
    table = appraise(Patient(ki67=5, sstr="positive"))
    assert list(table.index) == list(engine.THERAPY_IDS) == TEN_THERAPIES + NEW_ROWS
    assert table.index.name == "therapy"
    assert list(table.columns) == ["verdict", "reasons", "evidence", "before_starting",
                                   "approval"]
    assert set(table["verdict"]) <= set(vocab.VERDICTS)


# --- §1 NET/NEC split ----------------------------------------------------------------------
def test_nec_gets_platinum_etoposide_and_not_net_drugs():
    v = verdicts(ki67=70, differentiation="poor", sstr="negative")
    assert v["platinum_etoposide"] == "preferred"
    for therapy in ("ssa", "everolimus", "sunitinib", "cabozantinib", "surufatinib"):
        assert v[therapy] == "not suitable", therapy
    assert "Poorly differentiated (NEC)" in reasons("everolimus", ki67=70, differentiation="poor")


def test_platinum_etoposide_is_not_for_g1_g2_and_caution_in_net_g3_below_55():
    assert verdicts(ki67=8, sstr="positive")["platinum_etoposide"] == "not suitable"
    assert verdicts(ki67=35, sstr="positive")["platinum_etoposide"] == "caution"
    assert "NORDIC NEC" in reasons("platinum_etoposide", ki67=35)
    # At Ki-67 >=55% NORDIC NEC found higher response: the caution lifts, the note stays.
    assert verdicts(ki67=60, sstr="positive")["platinum_etoposide"] == "reasonable"
    assert "55% or more" in reasons("platinum_etoposide", ki67=60)


# --- §2 SSTR gating ------------------------------------------------------------------------
def test_sstr_negative_rules_out_prrt_and_antiproliferative_ssa():
    v = verdicts(ki67=5, sstr="negative", progressing=True, prior=["ssa"])
    assert v["prrt"] == "not suitable"
    assert verdicts(ki67=5, sstr="negative")["ssa"] == "not suitable"
    assert reasons("prrt", ki67=5, sstr="negative").startswith("SSTR-negative")


def test_sstr_negative_with_a_syndrome_leaves_ssa_at_caution():
    assert verdicts(ki67=5, sstr="negative", syndrome="vipoma")["ssa"] == "caution"


@pytest.mark.parametrize("status", ["unknown", "heterogeneous"])
def test_unknown_or_heterogeneous_sstr_puts_prrt_and_ssa_at_caution(status):
    v = verdicts(ki67=5, sstr=status, burden="high")
    assert v["prrt"] == "caution"
    assert v["ssa"] == "caution"


def test_unknown_sstr_adds_a_note_to_image_first():
    notes = appraise(Patient(ki67=5)).attrs["notes"]
    assert any("SSTR status unknown" in n for n in notes)


# --- §3 First-line SSA ---------------------------------------------------------------------
#: CLARINET's Ki-67 bound, read where the engine reads it (the trial's population in the data).
CLARINET_KI67_BELOW = load_scope().trial("CLARINET").population["ki67"]["below"]


def test_ssa_preferred_first_line_below_clarinet_ki67_cut_off():
    # Just below the cut-off is near it (no cliff: reasonable); well below, the SSA is preferred.
    assert verdicts(ki67=CLARINET_KI67_BELOW - 0.5, sstr="positive")["ssa"] == "reasonable"
    below = CLARINET_KI67_BELOW - 3
    assert verdicts(ki67=below, sstr="positive")["ssa"] == "preferred"
    assert "CLARINET" in appraise(Patient(ki67=below, sstr="positive")).loc["ssa", "evidence"]


def test_ssa_not_preferred_at_or_above_the_clarinet_cut_off_and_caution_in_g3():
    at_cut = verdicts(ki67=CLARINET_KI67_BELOW, sstr="positive")
    assert at_cut["ssa"] == "reasonable"
    assert "above the CLARINET range" in reasons("ssa", ki67=12, sstr="positive")
    assert verdicts(ki67=30, sstr="positive")["ssa"] == "caution"


def test_first_line_prrt_preferred_in_the_netter2_ki67_range():
    assert verdicts(ki67=15, sstr="positive")["prrt"] == "preferred"
    assert verdicts(ki67=55, sstr="positive")["prrt"] == "preferred"
    # Not first line any more: NETTER-2 enrolled newly diagnosed patients.
    assert verdicts(ki67=15, sstr="positive", prior=["everolimus"])["prrt"] == "reasonable"


def test_prrt_waits_behind_an_ssa_in_stable_low_grade_first_line():
    assert verdicts(ki67=2, sstr="positive")["prrt"] == "caution"
    assert "an SSA comes first" in reasons("prrt", ki67=2, sstr="positive")


# --- §4 After progression ------------------------------------------------------------------
def test_after_ssa_progression_several_options_are_reasonable_none_preferred():
    v = verdicts(ki67=8, sstr="positive", prior=["ssa"], progressing=True)
    for therapy in ("everolimus", "sunitinib", "prrt", "capecitabine_temozolomide"):
        assert v[therapy] == "reasonable", therapy
    assert "preferred" not in v.values()
    assert "COMPETE" in reasons("prrt", ki67=8, sstr="positive", prior=["ssa"], progressing=True)


def test_targeted_agents_wait_for_progression():
    v = verdicts(ki67=5, sstr="positive")
    for therapy in ("everolimus", "sunitinib", "surufatinib"):
        assert v[therapy] == "caution", therapy
    assert reasons("everolimus", ki67=5).startswith("Stable disease")


def test_cabozantinib_needs_prior_prrt_or_targeted_therapy():
    naive = verdicts(ki67=8, sstr="positive", progressing=True, prior=["ssa"])
    treated = verdicts(ki67=8, sstr="positive", progressing=True, prior=["ssa", "everolimus"])
    assert naive["cabozantinib"] == "caution"
    assert treated["cabozantinib"] == "reasonable"


def test_surufatinib_caution_beyond_sanet_p_prior_regimens_and_in_g3():
    many = ["ssa", "everolimus", "capecitabine_temozolomide"]
    assert verdicts(ki67=8, progressing=True, prior=many)["surufatinib"] == "caution"
    assert verdicts(ki67=8, progressing=True, prior=many[:2])["surufatinib"] == "reasonable"
    assert verdicts(ki67=30, progressing=True, prior=["ssa"])["surufatinib"] == "caution"


def test_everolimus_caution_in_g3_and_prrt_caution_above_netter2_range():
    v = verdicts(ki67=60, sstr="positive", progressing=True, prior=["ssa"])
    assert v["everolimus"] == "caution"
    assert v["prrt"] == "caution"


# --- §5 Need for shrinkage -----------------------------------------------------------------
def test_need_for_shrinkage_prefers_chemotherapy_and_prrt():
    v = verdicts(ki67=8, sstr="positive", burden="high", symptomatic=True, progressing=True,
                 prior=["ssa"])
    assert v["capecitabine_temozolomide"] == "preferred"
    assert v["streptozocin_based"] == "preferred"
    assert v["prrt"] == "preferred"
    assert v["everolimus"] == "reasonable"  # stabilises rather than shrinks


def test_need_for_shrinkage_caps_a_first_line_ssa_at_reasonable():
    v = verdicts(ki67=5, sstr="positive", burden="high")
    assert v["ssa"] == "reasonable"
    assert "slows growth rather than shrinking" in reasons("ssa", ki67=5, sstr="positive",
                                                          burden="high")


def test_chemotherapy_caution_when_stable_low_burden_and_asymptomatic():
    v = verdicts(ki67=5, sstr="positive")
    assert v["capecitabine_temozolomide"] == "caution"
    assert v["streptozocin_based"] == "caution"


def test_hormonal_symptoms_alone_do_not_call_for_shrinkage():
    v = verdicts(ki67=5, sstr="positive", syndrome="vipoma", symptomatic=True)
    assert v["capecitabine_temozolomide"] == "caution"


# --- §6 Comorbidity-toxicity (catalogue poor-fit factors) -----------------------------------
CAPPING_COMORBIDITIES = [
    (item.factor, therapy.id, item.caps)
    for therapy in load_catalogue()
    for item in therapy.poor_fit_detail
    if item.caps != "note" and item.factor in vocab.COMORBIDITIES
]


@pytest.mark.parametrize(("comorbidity", "therapy", "caps"), CAPPING_COMORBIDITIES)
def test_each_comorbidity_row_caps_its_therapy(comorbidity, therapy, caps):
    # A patient for whom the therapy would otherwise be preferred or reasonable.
    base = dict(ki67=15, sstr="positive", burden="high", progressing=True, prior=["ssa"])
    if therapy == "belzutifan":
        base["hereditary"] = "VHL"
    if therapy == "cabozantinib":
        base["prior"] = ["ssa", "everolimus"]
    if therapy in ("platinum_etoposide", "irinotecan_based"):
        base = dict(ki67=70, differentiation="poor",
                    prior=["platinum_etoposide"] if therapy == "irinotecan_based" else [])
    if therapy == "everolimus_ssa":
        base = dict(ki67=8, sstr="positive")
    before = verdicts(**base)[therapy]
    after = verdicts(**base, comorbidities=[comorbidity])[therapy]
    assert before in ("preferred", "reasonable")
    assert after == caps
    name = vocab.COMORBIDITY_NAMES[comorbidity]
    assert name in reasons(therapy, **base, comorbidities=[comorbidity])


def test_diabetes_adds_a_glucose_note_to_ssa_without_changing_it():
    assert verdicts(ki67=5, sstr="positive", comorbidities=["diabetes"])["ssa"] == "preferred"
    assert "Diabetes" in reasons("ssa", ki67=5, sstr="positive", comorbidities=["diabetes"])


# --- §7 Functional and hereditary contexts -------------------------------------------------
def test_insulinoma_stepwise_everolimus_only_for_refractory_hypoglycaemia():
    # Untreated, symptomatic insulinoma: diet, glucose and diazoxide first; everolimus waits.
    v = verdicts(ki67=5, sstr="positive", syndrome="insulinoma", symptomatic=True)
    assert v["ssa"] == "caution"
    assert v["everolimus"] == "caution"
    assert "not the first answer" in reasons("everolimus", ki67=5, sstr="positive",
                                             syndrome="insulinoma", symptomatic=True)
    assert "glucose monitoring" in reasons("ssa", ki67=5, sstr="positive", syndrome="insulinoma")
    # Refractory hypoglycaemia: everolimus or PRRT, with the flare risk named.
    refractory = dict(ki67=5, sstr="positive", syndrome="insulinoma", symptomatic=True,
                      hypoglycaemia_refractory=True)
    v = verdicts(**refractory)
    assert (v["everolimus"], v["prrt"], v["ssa"]) == ("preferred", "preferred", "caution")
    assert "7 of 15" in reasons("prrt", **refractory)
    assert "Endocr Relat Cancer 2025" in appraise(Patient(**refractory)).loc["prrt", "evidence"]


def test_nec_gets_no_belzutifan_preference_even_with_vhl_and_a_note_after_platinum():
    assert verdicts(ki67=70, differentiation="poor", hereditary="VHL")["belzutifan"] == "caution"
    notes = appraise(Patient(ki67=70, differentiation="poor", prior=["platinum_etoposide"],
                             progressing=True)).attrs["notes"]
    assert any("NEC after platinum-etoposide: irinotecan-based" in n for n in notes)


@pytest.mark.parametrize("syndrome", ["vipoma", "glucagonoma"])
def test_vipoma_and_glucagonoma_prefer_an_ssa_for_hormone_control(syndrome):
    # Even at a Ki-67 above the CLARINET range and with high burden, the hormone comes first.
    v = verdicts(ki67=15, sstr="positive", syndrome=syndrome, burden="high")
    assert v["ssa"] == "preferred"


def test_gastrinoma_points_to_proton_pump_inhibitors_first():
    assert "proton-pump" in reasons("ssa", ki67=5, sstr="positive", syndrome="gastrinoma")


def test_vhl_in_metastatic_disease_makes_belzutifan_an_extrapolation_never_preferred():
    # LITESPARK-004 excluded metastatic disease: every patient here has metastatic panNET.
    assert verdicts(ki67=5, hereditary="VHL")["belzutifan"] == "reasonable"
    reasons = appraise(Patient(ki67=5, hereditary="VHL")).loc["belzutifan", "reasons"]
    assert reasons.startswith("Outside the evidence") and "excluded metastatic disease" in reasons
    assert verdicts(ki67=5)["belzutifan"] == "not suitable"
    assert verdicts(ki67=5, hereditary="MEN1")["belzutifan"] == "not suitable"
    assert any("MEN1" in n for n in appraise(Patient(ki67=5, hereditary="MEN1")).attrs["notes"])


# --- Prior therapy -------------------------------------------------------------------------
def test_prior_therapy_that_failed_is_not_repeated_but_durable_prrt_can_be_retreated():
    # The old test asserted "PRRT re-treatment is not taught" as 'not suitable': scope shown as
    # unsuitability. Re-treatment after a durable response is a real option.
    v = verdicts(ki67=8, sstr="positive", progressing=True,
                 prior=["ssa", "everolimus", "prrt"])
    assert v["everolimus"] == "not suitable"
    assert v["prrt"] == "not suitable"
    assert v["ssa"] == "caution"  # may be kept for hormone control or alongside PRRT
    assert "progressed" in reasons("everolimus", ki67=8, progressing=True, prior=["everolimus"])
    durable = dict(ki67=8, sstr="positive", progressing=True, prior=["ssa", "prrt"],
                   durable_benefit=["prrt"])
    assert verdicts(**durable)["prrt"] == "reasonable"
    assert "18 months" in reasons("prrt", **durable)
    assert "14.6 months" in reasons("prrt", **durable)


# --- Combination precedence ----------------------------------------------------------------
def test_worst_limit_beats_any_support():
    # VHL supports belzutifan, low marrow reserve limits it: the limit wins, both are explained.
    table = appraise(Patient(ki67=5, hereditary="VHL", comorbidities=["low_marrow_reserve"]))
    assert table.loc["belzutifan", "verdict"] == "caution"
    text = table.loc["belzutifan", "reasons"]
    assert text.index("Low marrow reserve") < text.index("VHL:")  # decisive reason first


def test_every_rule_is_registered_with_a_principle():
    names = [name for name, _ in appraisal_views.rules_summary()]
    assert len(names) == len(set(names))
    assert {"nec_pathway", "sstr_gating", "first_line_ssa", "after_progression",
            "need_for_shrinkage", "comorbidity_toxicity", "functional_syndrome",
            "hereditary_context", "prior_therapy"} <= set(names)
    assert all(item.principle.startswith("§") for item in RULES)
    # The learner reads the principle without its section mark.
    assert not any("§" in principle for _, principle in appraisal_views.rules_summary())


# --- what_if and explain -------------------------------------------------------------------
def test_what_if_lists_only_changed_verdicts_with_why():
    base = Patient(ki67=5, sstr="positive")
    moved = what_if(base, sstr="negative")
    assert list(moved.columns) == ["before", "after", "why"]
    assert set(moved.index) == {"ssa", "prrt", "everolimus_ssa"}
    assert moved.loc["ssa", "before"] == "preferred"
    assert moved.loc["ssa", "after"] == "not suitable"
    assert "SSTR-negative" in moved.loc["ssa", "why"]
    assert "No longer applies" in moved.loc["ssa", "why"]


def test_what_if_with_no_effect_is_empty_and_bad_changes_raise():
    base = Patient(ki67=2, sstr="positive")
    # Diabetes only adds a glucose note to the SSA; everolimus (and everolimus + SSA, outside
    # STARTER-NET's Ki-67 range) were already at caution.
    assert what_if(base, comorbidities=["diabetes"]).empty
    with pytest.raises(ValueError, match="sstr must be one of"):
        what_if(base, sstr="maybe")
    with pytest.raises(ValueError, match="at least one change"):
        what_if(base)


def test_what_if_improvement_explains_what_no_longer_applies():
    moved = what_if(Patient(ki67=5, sstr="unknown"), sstr="positive")
    assert moved.loc["ssa", "after"] == "preferred"
    assert "No longer applies: SSTR status unknown" in moved.loc["ssa", "why"]


def test_explain_names_preferred_options_or_says_none_and_carries_the_disclaimer():
    text = explain(Patient(ki67=5, sstr="positive"))
    assert "Preferred: somatostatin analogue" in text
    assert text.endswith(display.DISCLAIMER)
    none = explain(Patient(ki67=8, sstr="positive", prior=["ssa"], progressing=True))
    assert "Preferred: none" in none
    assert "Hauser 2019" in none


def test_appraisal_html_escapes_and_colours_every_row():
    html = appraisal_views.appraisal_html(appraise(Patient(ki67=5, sstr="positive")))
    assert html.count("<tr>") == len(engine.THERAPY_IDS) + 1
    assert appraisal_views.VERDICT_COLOURS["preferred"] in html
    assert "Ki-67 5% (below 10%)" in html
    assert "<3" not in html


# --- Properties over random patients -------------------------------------------------------
patients = patient_fields(engine.THERAPY_IDS).map(lambda fields: Patient(**fields))
RANK = {v: i for i, v in enumerate(vocab.VERDICTS)}


@settings(max_examples=300, deadline=None)
@given(patients, st.sampled_from(vocab.COMORBIDITIES))
def test_adding_a_comorbidity_never_improves_any_verdict(patient, comorbidity):
    worse = dataclasses.replace(patient, comorbidities=(*patient.comorbidities, comorbidity))
    before, after = engine.evaluate(patient), engine.evaluate(worse)
    for therapy in engine.THERAPY_IDS:
        assert RANK[after[therapy].verdict] >= RANK[before[therapy].verdict], therapy


@settings(max_examples=300, deadline=None)
@given(patients)
def test_sstr_negative_never_makes_prrt_suitable(patient):
    negative = dataclasses.replace(patient, sstr="negative")
    assert engine.evaluate(negative)["prrt"].verdict not in ("preferred", "reasonable")


@settings(max_examples=300, deadline=None)
@given(patients)
def test_nec_never_gets_net_drugs_preferred(patient):
    nec = dataclasses.replace(patient, differentiation="poor")
    result = engine.evaluate(nec)
    for therapy in ("ssa", "everolimus", "sunitinib"):
        assert result[therapy].verdict != "preferred"


@settings(max_examples=300, deadline=None)
@given(patients)
def test_every_verdict_has_a_reason_and_every_finding_a_citation(patient):
    for appraisal in engine.evaluate(patient).values():
        assert appraisal.verdict in vocab.VERDICTS
        assert appraisal.reasons.strip()
        assert appraisal.evidence.strip()
        for finding in appraisal.findings:
            assert finding.citations, finding
            assert set(finding.trials) <= CONTRACT_TRIALS, finding.trials
        if appraisal.verdict != "reasonable":
            assert appraisal.decisive, appraisal.therapy


def test_every_therapy_id_has_a_learner_name():
    assert set(engine.THERAPY_NAMES) == set(engine.THERAPY_IDS)
    assert all(engine.THERAPY_NAMES.values())


def test_importing_the_package_with_the_engine_stays_free_of_pandas():
    import subprocess
    import sys

    code = "import sys, pannet_edu; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_one_appraisal_takes_well_under_50_ms():
    import statistics
    import time

    patient = Patient(ki67=15, sstr="positive", burden="high", progressing=True, prior=["ssa"],
                      comorbidities=["diabetes"])
    appraise(patient)  # warm-up: pays the pandas import
    times = []
    for _ in range(25):
        start = time.perf_counter()
        appraise(patient)
        times.append(time.perf_counter() - start)
    assert statistics.median(times) * 1000 < 50


def test_engine_therapy_ids_are_the_evidence_catalogue():
    assert list(therapies().index) == list(engine.THERAPY_IDS)


def test_every_catalogue_poor_fit_factor_reaches_the_engine():
    # The engine reads the catalogue: each capping factor appears in that therapy's reasons.
    for therapy, factors in therapies()["poor_fit_factors"].items():
        for factor in factors:
            fields = {"ki67": 8, "sstr": "positive", "progressing": True, "prior": ["ssa"]}
            if factor in vocab.COMORBIDITIES:
                fields["comorbidities"] = [factor]
            elif factor in ("pregnancy_possible", "pregnant"):
                fields[factor] = True
            elif factor == "poor_performance_status":
                fields["performance_status"] = 3
            elif factor == "insulinoma":
                fields["syndrome"] = "insulinoma"
            else:
                fields["dpyd"] = factor.removeprefix("dpyd_")
            result = engine.evaluate(Patient(**fields))[therapy]
            assert any(f.rule == "comorbidity_toxicity" for f in result.findings), (therapy, factor)


def test_every_trial_the_engine_cites_over_a_patient_grid_exists_in_trials():
    import itertools

    cited = set()
    grid = itertools.product(
        (2, 8, 15, 35, 60), vocab.DIFFERENTIATIONS, vocab.SSTR_STATUSES, (False, True),
        ((), ("ssa",), ("ssa", "everolimus", "prrt")), (None, "insulinoma", "vipoma"),
        (None, "VHL"), ("low", "high"),
    )
    for ki67, diff, sstr, progressing, prior, syndrome, hereditary, burden in grid:
        patient = Patient(ki67=ki67, differentiation=diff, sstr=sstr, progressing=progressing,
                          prior=prior, syndrome=syndrome, hereditary=hereditary, burden=burden,
                          comorbidities=vocab.COMORBIDITIES)
        for appraisal in engine.evaluate(patient).values():
            for finding in appraisal.findings:
                cited.update(finding.trials)
    assert cited <= CONTRACT_TRIALS, cited - CONTRACT_TRIALS
    assert len(cited) >= 14  # the grid reaches nearly every trial the rules name


def test_verdict_grid_puts_patients_side_by_side_and_checks_therapy_ids():
    grid = appraisal_views.verdict_grid({"none": Patient(ki67=5, sstr="positive"),
                             "insulinoma": Patient(ki67=5, sstr="positive",
                                                   syndrome="insulinoma", symptomatic=True)})
    assert len(grid.rows) == len(engine.THERAPY_IDS)
    ssa = grid.rows[0]
    assert (ssa["none"], ssa["insulinoma"]) == ("preferred", "caution")
    with pytest.raises(ValueError, match="therapies must be one of"):
        appraisal_views.verdict_grid({"a": Patient(ki67=5)}, ["aspirin"])
    with pytest.raises(TypeError, match="patients must be a non-empty mapping"):
        appraisal_views.verdict_grid({})


SYSTEMIC = [t for t in engine.THERAPY_IDS if load_catalogue().is_systemic(t)]


@settings(max_examples=200, deadline=None)
@given(patients, st.sampled_from(SYSTEMIC))
def test_a_therapy_given_without_lasting_benefit_is_never_preferred_or_reasonable_again(
    patient, therapy
):
    # Without a durable benefit, what was given is not repeated (re-treatment needs one).
    given_before = dataclasses.replace(patient, prior=(*patient.prior, therapy),
                                       durable_benefit=())
    assert engine.evaluate(given_before)[therapy].verdict in ("caution", "not suitable")
