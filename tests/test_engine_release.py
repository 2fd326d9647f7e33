"""The rules a specialist asked for before release: the patient inside the evidence, label status
that informs without demoting, the checks before a first dose, and the rules a tumour board
accepts (clinical reference, section G; sequencing principles 2, 6-13)."""

from __future__ import annotations

import pytest

from pannet_edu.engine import Patient, appraise, evaluate, load_catalogue
from pannet_edu.engine.scope import exclusions, load_scope, outside_evidence


def verdicts(**fields) -> dict[str, str]:
    return {t: a.verdict for t, a in evaluate(Patient(**fields)).items()}


def reasons(therapy: str, **fields) -> str:
    return appraise(Patient(**fields)).loc[therapy, "reasons"]


# --- "Preferred" needs the patient inside the evidence (SEQUENCING 13) -----------------------
def test_belzutifan_in_metastatic_vhl_is_extrapolated_naming_what_litespark_excluded():
    assert verdicts(ki67=5, sstr="positive", hereditary="VHL")["belzutifan"] == "reasonable"
    text = reasons("belzutifan", ki67=5, hereditary="VHL")
    assert "LITESPARK-004" in text and "excluded metastatic disease" in text


def test_sunitinib_and_captem_in_net_g3_are_extrapolated_from_g1_g2_trials():
    g3 = dict(ki67=30, sstr="positive", progressing=True, burden="high", prior=["ssa"])
    v = verdicts(**g3)
    assert v["capecitabine_temozolomide"] == "reasonable"  # E2211 enrolled G1/G2 only
    assert v["sunitinib"] == "reasonable"
    assert "E2211" in reasons("capecitabine_temozolomide", **g3)
    assert "this is NET G3" in reasons("sunitinib", **g3)
    # The same patient at G2 is inside E2211: shrinkage makes CAPTEM preferred again.
    assert verdicts(**{**g3, "ki67": 15})["capecitabine_temozolomide"] == "preferred"


def test_compete_is_never_evidence_for_177lu_dotatate():
    # COMPETE tested 177Lu-edotreotide: it is not listed for PRRT, and no reason cites it for it.
    assert all(e.trial != "COMPETE" for e in load_scope().for_therapy("prrt"))
    for fields in (dict(ki67=8, sstr="positive", progressing=True, prior=["ssa"]),
                   dict(ki67=8, sstr="positive", progressing=True, prior=["ssa", "everolimus"]),
                   dict(ki67=15, sstr="positive", burden="high")):
        result = evaluate(Patient(**fields))["prrt"]
        assert all("COMPETE" not in f.trials for f in result.findings if f.verdict != "not suitable"
                   and "different radiopharmaceutical" not in f.reason), fields


def test_starter_net_reason_names_its_comparator_and_region():
    text = outside_evidence("everolimus_ssa", Patient(ki67=12, syndrome="vipoma")).reason
    assert "everolimus alone" in text and "Japan" in text


def test_a_trial_population_names_every_exclusion_in_words():
    netter2 = load_scope().trial("NETTER-2")
    out = exclusions(netter2, Patient(ki67=60, sstr="equal_to_liver", prior=["ssa"]))
    assert any("Ki-67 10-55%" in o for o in out)
    assert any("uptake above liver" in o for o in out)
    assert any("untreated" in o for o in out)
    assert exclusions(netter2, Patient(ki67=15, sstr="positive")) == []


def test_unstated_values_exclude_no_one_but_unknown_sstr_does():
    starter = load_scope().trial("STARTER-NET")
    assert exclusions(starter, Patient(ki67=8)) == []  # ECOG not stated
    assert exclusions(starter, Patient(ki67=8, performance_status=3))
    assert exclusions(load_scope().trial("CLARINET"), Patient(ki67=5, sstr="unknown"))


# --- Label status informs; it never demotes (SEQUENCING 11) -----------------------------------
def test_eu_lutathera_label_covers_progressive_g1_g2_only():
    first_line_g3 = Patient(ki67=30, sstr="positive", region="EU")
    table = appraise(first_line_g3)
    assert table.loc["prrt", "approval"].startswith("approved for another use")
    assert table.loc["prrt", "verdict"] == "preferred"  # NETTER-2 evidence, off-label in the EU
    progressive_g2 = appraise(Patient(ki67=8, sstr="positive", region="EU", progressing=True,
                                      prior=["ssa"]))
    assert progressive_g2.loc["prrt", "approval"].startswith("approved for this use")
    us = appraise(Patient(ki67=30, sstr="positive", region="US"))
    assert us.loc["prrt", "approval"].startswith("approved for this use")  # no grade or line limit


def test_off_label_but_available_keeps_its_evidence_verdict():
    patient = dict(ki67=15, sstr="positive", burden="high", progressing=True, prior=["ssa"])
    assert verdicts(**patient, region="US")["capecitabine_temozolomide"] == "preferred"
    assert "does not demote" in reasons("capecitabine_temozolomide", **patient, region="US")


def test_only_a_drug_with_no_approval_in_the_region_is_capped():
    us = verdicts(ki67=8, progressing=True, prior=["ssa"], region="US")
    assert us["surufatinib"] == "caution"
    assert "not approved there for any use" in reasons("surufatinib", ki67=8, region="EU")


def test_streptozocin_is_fda_approved_for_symptomatic_or_progressive_disease():
    approval = appraise(Patient(ki67=8, progressing=True, region="US")).loc[
        "streptozocin_based", "approval"]
    assert approval.startswith("approved for this use") and "islet-cell" in approval
    stable = appraise(Patient(ki67=8, region="US")).loc["streptozocin_based", "approval"]
    assert stable.startswith("approved for another use")


def test_lanreotide_eu_label_stops_at_ki67_10():
    assert appraise(Patient(ki67=9, sstr="positive", region="EU")).loc[
        "ssa", "approval"].startswith("approved for this use")
    assert appraise(Patient(ki67=14, sstr="positive", region="EU")).loc[
        "ssa", "approval"].startswith("approved for another use")


# --- The checks before a first dose move verdicts (SEQUENCING 6 and 10) ------------------------
def test_sunitinib_hypoglycaemia_in_diabetes_and_insulinoma():
    base = dict(ki67=8, progressing=True, prior=["ssa"])
    assert verdicts(**base, comorbidities=["diabetes"])["sunitinib"] == "caution"
    assert "hypoglycaemia" in reasons("sunitinib", **base, comorbidities=["diabetes"])
    assert verdicts(**base, syndrome="insulinoma")["sunitinib"] == "caution"
    checks = appraise(Patient(**base)).loc["sunitinib", "before_starting"]
    assert "antidiabetic" in checks


def test_streptozocin_is_not_suitable_in_severe_renal_impairment():
    v = verdicts(ki67=8, burden="high", progressing=True, comorbidities=["severe_renal_impairment"])
    assert v["streptozocin_based"] == "not suitable"


def test_prrt_checks_potassium_liver_tests_and_fluid_in_heart_failure():
    patient = dict(ki67=8, sstr="positive", progressing=True, prior=["ssa"],
                   comorbidities=["heart_failure"])
    checks = appraise(Patient(**patient)).loc["prrt", "before_starting"]
    for word in ("potassium", "liver tests", "1 L over 4 hours", "4 weeks"):
        assert word in checks, word
    assert verdicts(**patient)["prrt"] == "caution"


def test_pregnancy_present_rules_out_prrt_and_never_leaves_a_systemic_drug_preferred():
    table = appraise(Patient(ki67=15, sstr="positive", pregnant=True))
    assert table.loc["prrt", "verdict"] == "not suitable"
    from pannet_edu.engine import load_catalogue

    catalogue = load_catalogue()
    for therapy in catalogue:
        if catalogue.is_systemic(therapy.id):
            assert table.loc[therapy.id, "verdict"] != "preferred", therapy.id
            checks = table.loc[therapy.id, "before_starting"]
            # PRRT is contraindicated: its check is that pregnancy is excluded.
            wanted = "pregnancy excluded" if therapy.id == "prrt" else "obstetric-oncology"
            assert wanted in checks, therapy.id


def test_hepatic_dosing_by_child_pugh_class():
    base = dict(ki67=8, progressing=True, prior=["ssa", "prrt"])
    b = appraise(Patient(**base, comorbidities=["hepatic_impairment"]))
    assert "5 mg" in b.loc["everolimus", "reasons"]
    assert "40 mg" in b.loc["cabozantinib", "before_starting"]
    c = verdicts(**base, comorbidities=["severe_hepatic_impairment"])
    assert c["cabozantinib"] == "not suitable"
    assert c["everolimus"] == "caution"


@pytest.mark.parametrize("status", [3, 4])
def test_performance_status_3_4_leaves_no_cytotoxic_option_preferred(status):
    fields = dict(ki67=15, sstr="positive", burden="high", progressing=True, prior=["ssa"],
                  performance_status=status)
    v = verdicts(**fields)
    for therapy in ("capecitabine_temozolomide", "streptozocin_based"):
        assert v[therapy] == "caution", therapy
    assert v["prrt"] != "preferred"
    assert verdicts(**{**fields, "performance_status": 1})["capecitabine_temozolomide"] == (
        "preferred")


# --- Rules a board would accept ----------------------------------------------------------------
def test_liver_directed_therapy_only_after_the_syndromes_first_drug():
    gastrinoma = dict(ki67=4, sstr="positive", syndrome="gastrinoma", symptomatic=True,
                      m_category="M1a")
    assert verdicts(**gastrinoma)["liver_directed"] == "caution"
    assert "proton-pump inhibitor" in reasons("liver_directed", **gastrinoma)
    vipoma = dict(ki67=4, sstr="positive", syndrome="vipoma", symptomatic=True, m_category="M1a")
    assert verdicts(**vipoma)["liver_directed"] == "caution"
    assert verdicts(**vipoma, prior=["ssa"])["liver_directed"] == "preferred"


def test_resectable_low_grade_tumour_puts_the_surgeon_first_and_no_ssa_preferred_beside_it():
    v = verdicts(ki67=4, sstr="positive", resectable=True)
    assert v["surgery"] == "preferred"
    assert v["ssa"] == "reasonable"
    assert [t for t, verdict in v.items() if verdict == "preferred"] == ["surgery"]


@pytest.mark.parametrize("offset", [-1, -0.5, 0, 0.5, 1])
def test_ki67_cut_offs_are_not_cliffs(offset):
    near = load_scope().near_cut_off  # the teaching margin lives in the data
    ki67 = near.cut_off + offset * near.margin
    v = verdicts(ki67=ki67, sstr="positive")
    assert (v["ssa"], v["prrt"], v["surveillance"]) == ("reasonable",) * 3
    assert "close to the 10% line" in reasons("ssa", ki67=ki67, sstr="positive")


def test_far_from_the_cut_off_the_trials_decide_again():
    near = load_scope().near_cut_off
    assert verdicts(ki67=near.cut_off - near.margin - 1, sstr="positive")["ssa"] == "preferred"
    assert verdicts(ki67=5, sstr="positive")["ssa"] == "preferred"
    assert verdicts(ki67=20, sstr="positive")["prrt"] == "preferred"


def test_sstr_heterogeneity_alone_is_not_an_indication_for_chemotherapy():
    v = verdicts(ki67=8, sstr="heterogeneous", progressing=True, prior=["ssa"])
    assert v["capecitabine_temozolomide"] != "preferred"
    assert v["streptozocin_based"] != "preferred"


def test_surveillance_says_what_clarinet_showed_and_what_no_trial_showed():
    text = reasons("surveillance", ki67=3, sstr="positive")
    assert "CLARINET" in text and "progression-free survival" in text
    assert "no trial has shown that starting early lengthens overall survival" in text
    assert "loses nothing" not in text


# --- No reason attributes a trial to a drug it did not test ------------------------------------
def test_every_preferred_reason_cites_only_trials_of_that_option():
    import itertools

    from pannet_edu import trials

    table = trials()
    tested = {name: set(rows.therapy.dropna()) for name, rows in table.groupby("trial")}
    grid = itertools.product(
        (3, 9, 15, 35, 70), ("well", "poor"), ("positive", "equal_to_liver", "negative"),
        (False, True), ((), ("ssa",), ("ssa", "everolimus"), ("ssa", "prrt")),
        (None, "insulinoma", "vipoma"), ("low", "high"),
    )
    checked = 0
    for ki67, diff, sstr, progressing, prior, syndrome, burden in grid:
        if diff == "poor" and ki67 <= 20:
            continue
        patient = Patient(ki67=ki67, differentiation=diff, sstr=sstr, progressing=progressing,
                          prior=prior, syndrome=syndrome, burden=burden, symptomatic=bool(syndrome))
        for therapy, appraisal in evaluate(patient).items():
            for found in appraisal.findings:
                if found.verdict != "preferred":
                    continue
                for trial in found.trials:
                    drugs = tested.get(trial, set())
                    assert not drugs or therapy in drugs, (
                        f"{therapy} preferred citing {trial}, which tested {sorted(drugs)}")
                    checked += 1
    assert checked > 100


def test_a_journal_sourced_trial_row_carries_its_pmid_or_doi():
    from pannet_edu import trials

    table = trials()
    journal = table[table.figures_source == "journal"]
    missing = journal[journal.pmid.isna() & journal.doi.isna()]
    assert missing.empty, sorted(missing.trial)


def test_the_evidence_file_names_each_trial_for_the_drug_the_trials_table_says_it_tested():
    from pannet_edu import trials

    table = trials()
    catalogue = load_catalogue()
    for item in load_scope().trials:
        rows = table[table.trial == item.trial]
        assert not rows.empty, f"{item.trial} is not in the trials table"
        tested = set(rows.therapy.dropna())
        listed = {t.id for t in catalogue if item.trial in t.evidence}  # the entry names it
        assert not tested or tested == listed, (item.trial, listed, tested)
