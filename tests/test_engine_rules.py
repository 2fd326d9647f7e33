"""One test per new rule of the engine (SEQUENCING 8-12), and the safety properties."""

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st
from test_sequencing import RANK, patients

from pannet_edu import vocab
from pannet_edu.engine import Patient, appraise, evaluate, load_catalogue
from pannet_edu.engine.before_starting import checks_for
from pannet_edu.engine.region import approval_status


def verdicts(**fields):
    return appraise(Patient(**fields))["verdict"].to_dict()


def row(therapy, **fields):
    return appraise(Patient(**fields)).loc[therapy]


# --- CAPTEM safety (issue item 1) ------------------------------------------------------------
def test_complete_dpd_deficiency_rules_out_capecitabine_and_fluorouracil_partners():
    v = verdicts(ki67=8, sstr="positive", burden="high", progressing=True, prior=["ssa"],
                 dpyd="complete_deficiency")
    assert v["capecitabine_temozolomide"] == "not suitable"
    assert v["streptozocin_based"] == "caution"  # streptozocin + doxorubicin has no 5-FU
    assert "boxed warning" in row("capecitabine_temozolomide", ki67=8,
                                  dpyd="complete_deficiency").reasons


def test_partial_dpd_deficiency_individualises_and_unknown_dpyd_is_a_check_first():
    base = dict(ki67=8, sstr="positive", burden="high", progressing=True, prior=["ssa"])
    assert verdicts(**base)["capecitabine_temozolomide"] == "preferred"
    assert verdicts(**base, dpyd="partial_deficiency")["capecitabine_temozolomide"] == "caution"
    assert row("capecitabine_temozolomide", **base).before_starting.startswith("DPYD genotype")
    assert "DPYD" not in row("capecitabine_temozolomide", **base, dpyd="normal").before_starting


def test_capecitabine_renal_rules_and_fluoropyrimidine_cardiotoxicity():
    base = dict(ki67=8, sstr="positive", burden="high", progressing=True, prior=["ssa"])
    # The 12/2022 US brand label dropped the CrCl <30 contraindication; older labels keep it:
    # "avoid, or dose by the current label" (reference G2d).
    severe = row("capecitabine_temozolomide", **base, comorbidities=["severe_renal_impairment"])
    assert severe.verdict == "caution" and "current label" in severe.reasons
    moderate = row("capecitabine_temozolomide", **base, comorbidities=["renal_impairment"])
    assert moderate.verdict == "caution" and "75%" in moderate.reasons
    # Coronary disease is a check before the first dose (SEQUENCING 6 and 10), not a cap that
    # would rank a drug that mostly stabilises above the chemotherapy a bulky tumour needs;
    # heart failure still caps it.
    cardiac = row("capecitabine_temozolomide", **base, comorbidities=["cardiac_disease"])
    assert cardiac.verdict == "preferred" and "coronary" in cardiac.reasons
    assert "heart disease" in cardiac.before_starting
    failing = row("capecitabine_temozolomide", **base, comorbidities=["heart_failure"])
    assert failing.verdict == "caution" and "heart failure" in failing.reasons


def test_temozolomide_lymphopenia_and_pjp_prophylaxis_are_named_before_starting():
    checks = row("capecitabine_temozolomide", ki67=8).before_starting
    assert "lymphopenia 46%" in checks and "PJP" in checks
    sources = [c.source for c in checks_for("capecitabine_temozolomide", Patient(ki67=8))]
    assert any("17612935" in s for s in sources)


# --- Insulinoma stepwise (item 2) ------------------------------------------------------------
def test_refractory_insulinoma_brings_cytoreduction_with_liver_metastases():
    refractory = dict(ki67=5, sstr="positive", syndrome="insulinoma", symptomatic=True,
                      hypoglycaemia_refractory=True, m_category="M1a")
    v = verdicts(**refractory)
    assert v["liver_directed"] == "preferred"
    assert v["ssa"] == "caution"
    notes = appraise(Patient(**refractory)).attrs["notes"]
    assert any("diazoxide" in n for n in notes)


def test_untreated_insulinoma_prrt_is_within_the_evidence_not_dismissed():
    prrt = row("prrt", ki67=5, sstr="positive", syndrome="insulinoma", symptomatic=True)
    assert "14 of 15" in prrt.reasons
    assert prrt.verdict != "not suitable"


# --- Cytopenia after PRRT (item 3) -----------------------------------------------------------
def test_low_counts_after_prrt_call_for_a_marrow_work_up_before_any_next_line():
    after = dict(ki67=8, sstr="positive", progressing=True, prior=["ssa", "prrt"],
                 comorbidities=["low_marrow_reserve"])
    table = appraise(Patient(**after))
    for therapy in ("sunitinib", "cabozantinib", "everolimus", "capecitabine_temozolomide"):
        assert table.loc[therapy, "verdict"] in ("caution", "not suitable"), therapy
        assert table.loc[therapy, "before_starting"].startswith("marrow examination"), therapy
    assert "bleeding" in table.loc["sunitinib", "reasons"]
    assert table.loc["surveillance", "before_starting"] == "none listed"
    assert any("marrow" in n for n in table.attrs["notes"])


# --- Prior therapy (item 4) ------------------------------------------------------------------
def test_chemotherapy_rechallenge_after_a_long_benefit_is_expert_practice_not_unsuitable():
    fields = dict(ki67=8, sstr="positive", progressing=True,
                  prior=["ssa", "capecitabine_temozolomide"],
                  durable_benefit=["capecitabine_temozolomide"])
    captem = row("capecitabine_temozolomide", **fields)
    assert captem.verdict == "reasonable"
    assert "expert practice" in captem.reasons and "no dedicated trial" in captem.reasons


def test_nothing_is_called_not_suitable_for_being_out_of_scope():
    for fields in (dict(ki67=8, sstr="positive", progressing=True, prior=["prrt"],
                        durable_benefit=["prrt"]),
                   dict(ki67=8, progressing=True, prior=["everolimus"],
                        durable_benefit=["everolimus"])):
        for text in appraise(Patient(**fields))["reasons"]:
            assert "not taught" not in text and "toolkit" not in text


# --- SSTR uptake equal to or below liver (the Krenning 2 split) ------------------------------
def test_uptake_equal_to_liver_is_sstr_positive_for_an_ssa_and_a_weaker_prrt_target():
    v = verdicts(ki67=5, sstr="equal_to_liver")
    assert v["ssa"] == "preferred"
    prrt = row("prrt", ki67=15, sstr="equal_to_liver", burden="high", progressing=True,
               prior=["ssa"])
    assert prrt.verdict == "reasonable"  # a real target, never preferred (NETTER-2: above liver)
    assert "EU label threshold" in prrt.reasons and "SSTR-negative" not in prrt.reasons


def test_uptake_below_liver_is_not_a_prrt_target_and_an_ssa_is_extrapolated():
    v = verdicts(ki67=5, sstr="below_liver")
    assert v["prrt"] == "not suitable"
    assert v["ssa"] == "reasonable"
    assert "CLARINET" in row("ssa", ki67=5, sstr="below_liver").reasons


# --- Before starting (item 6) ----------------------------------------------------------------
def test_before_starting_names_the_checks_for_this_patient():
    prrt = row("prrt", ki67=15, sstr="positive", syndrome="vipoma", pregnancy_possible=True)
    for check in ("at least 4 weeks before", "hormonal crisis", "contraception"):
        assert check in prrt.before_starting, check
    assert "hormonal crisis" not in row("prrt", ki67=15, sstr="positive").before_starting
    assert "hepatotoxicity" in row("sunitinib", ki67=8).before_starting
    assert "3 weeks before" in row("cabozantinib", ki67=8).before_starting
    everolimus = row("everolimus", ki67=8).before_starting
    assert "pneumonitis" in everolimus and "ACE inhibitors" in everolimus
    assert "steatorrhoea" in row("ssa", ki67=8).before_starting
    belzutifan = row("belzutifan", ki67=5, hereditary="VHL", pregnancy_possible=True)
    assert "non-hormonal contraception" in belzutifan.before_starting
    assert belzutifan.verdict == "caution"


# --- Region (item 7) -------------------------------------------------------------------------
def test_surufatinib_is_approved_in_china_only_and_the_reason_says_where():
    base = dict(ki67=8, sstr="positive", progressing=True, prior=["ssa"])
    assert verdicts(**base, region="China")["surufatinib"] == "reasonable"
    us = row("surufatinib", **base, region="US")
    assert us.verdict == "caution"
    assert us.approval.startswith("not approved") and "China" in us.approval
    assert "complete response letter" in us.approval
    assert row("surufatinib", **base).approval == "region not set"


def test_cabozantinib_eu_label_needs_a_prior_systemic_therapy_other_than_an_ssa():
    only_ssa = Patient(ki67=8, progressing=True, prior=["ssa"], region="EU")
    after_everolimus = dataclasses.replace(only_ssa, prior=("ssa", "everolimus"))
    assert approval_status("cabozantinib", only_ssa)[0] == "approved_other_use"
    assert approval_status("cabozantinib", after_everolimus)[0] == "approved"
    assert "24 July 2025" in row("cabozantinib", ki67=8, prior=["ssa", "everolimus"],
                                 region="EU").approval


def test_belzutifan_eu_conditional_approval_and_lanreotide_us_date_are_recorded():
    assert "18 February 2025" in row("belzutifan", ki67=5, hereditary="VHL",
                                     region="EU").approval
    ssa_us = row("ssa", ki67=5, sstr="positive", region="US").approval
    assert "16 December 2014" in ssa_us and "symptom control only" in ssa_us
    prrt_us = row("prrt", ki67=5, sstr="positive", region="US").approval
    assert "goal date 28 August 2026" in prrt_us and "decision was not found" in prrt_us


# --- Options beyond drugs (item 8) -----------------------------------------------------------
def test_resectable_low_grade_disease_puts_surgery_first():
    assert verdicts(ki67=3, sstr="positive", resectable=True)["surgery"] == "preferred"
    assert verdicts(ki67=3, sstr="positive", resectable=False)["surgery"] == "not suitable"
    assert verdicts(ki67=3, resectable=None)["surgery"] == "reasonable"
    assert verdicts(ki67=70, differentiation="poor", resectable=True)["surgery"] == "caution"


def test_liver_directed_therapy_needs_liver_disease():
    assert verdicts(ki67=5, m_category="M1b")["liver_directed"] == "not suitable"
    functioning = verdicts(ki67=5, sstr="positive", syndrome="vipoma", symptomatic=True,
                           m_category="M1a", prior=["ssa"])
    assert functioning["liver_directed"] == "preferred"


def test_surveillance_for_low_grade_low_volume_stable_disease_only():
    assert verdicts(ki67=2, sstr="positive")["surveillance"] == "reasonable"
    assert "PROMID" in row("surveillance", ki67=2, sstr="positive").evidence
    assert verdicts(ki67=2, progressing=True)["surveillance"] == "caution"
    assert verdicts(ki67=70, differentiation="poor")["surveillance"] == "not suitable"


def test_a_trial_is_always_open_and_the_standard_answer_after_platinum_in_nec():
    assert verdicts(ki67=5)["clinical_trial"] == "reasonable"
    nec = dict(ki67=70, differentiation="poor", progressing=True, prior=["platinum_etoposide"])
    v = verdicts(**nec)
    assert v["clinical_trial"] == "preferred"
    assert v["irinotecan_based"] == "reasonable"
    assert v["platinum_etoposide"] == "not suitable"  # progressed on it: not repeated
    evidence = row("irinotecan_based", **nec).evidence
    assert "PRODIGE 41" in evidence and "NET-02" in evidence
    exhausted = dict(ki67=8, sstr="positive", progressing=True,
                     prior=["ssa", "everolimus", "prrt", "capecitabine_temozolomide"])
    assert verdicts(**exhausted)["clinical_trial"] == "preferred"


def test_irinotecan_regimens_are_second_line_nec_only():
    assert verdicts(ki67=70, differentiation="poor")["irinotecan_based"] == "caution"
    assert verdicts(ki67=8)["irinotecan_based"] == "not suitable"
    assert verdicts(ki67=35, sstr="positive")["irinotecan_based"] == "caution"


def test_everolimus_plus_ssa_is_a_congress_level_option_in_poor_prognosis_first_line():
    combo = row("everolimus_ssa", ki67=12, sstr="positive")
    assert combo.verdict == "reasonable"
    assert "congress" in combo.reasons
    assert verdicts(ki67=2, sstr="positive")["everolimus_ssa"] == "caution"
    assert verdicts(ki67=70, differentiation="poor")["everolimus_ssa"] == "not suitable"


# --- Safety properties -----------------------------------------------------------------------
UNAPPROVED = ("not_approved", "investigational")


@settings(max_examples=300, deadline=None)
@given(patients, st.sampled_from(vocab.REGIONS))
def test_region_never_leaves_an_unapproved_therapy_preferred(patient, region):
    local = dataclasses.replace(patient, region=region)
    result = evaluate(local)
    catalogue = load_catalogue()
    for therapy, appraisal in result.items():
        if not catalogue.is_systemic(therapy):
            continue
        if approval_status(therapy, local)[0] in UNAPPROVED:
            assert appraisal.verdict != "preferred", (therapy, region)


@settings(max_examples=300, deadline=None)
@given(patients)
def test_complete_dpd_deficiency_never_leaves_capecitabine_suitable(patient):
    deficient = dataclasses.replace(patient, dpyd="complete_deficiency")
    result = evaluate(deficient)
    for therapy in load_catalogue():
        if "capecitabine" in therapy.agents:
            assert result[therapy.id].verdict == "not suitable", therapy.id


@settings(max_examples=300, deadline=None)
@given(patients)
def test_patient_states_never_improve_any_verdict(patient):
    # DPD deficiency, a possible pregnancy and a region are limits too: never an improvement.
    before = evaluate(patient)
    for changes in ({"dpyd": "complete_deficiency"}, {"dpyd": "partial_deficiency"},
                    {"pregnancy_possible": True}):
        if patient.dpyd in ("partial_deficiency", "complete_deficiency") and "dpyd" in changes:
            continue
        after = evaluate(dataclasses.replace(patient, **changes))
        for therapy in before:
            assert RANK[after[therapy].verdict] >= RANK[before[therapy].verdict], (therapy,
                                                                                  changes)
