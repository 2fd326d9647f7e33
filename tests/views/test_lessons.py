"""Lesson tables: every number comes from the data, flags are shown, bad names are refused."""

import pandas as pd
import pytest

from pannet_edu import evidence
from pannet_edu.content.sources import HAUSER_2019
from pannet_edu.views import lessons


def test_key_results_marks_midgut_only_trials_as_extrapolated():
    rows = {r["trial"]: r for r in lessons.key_results(["PROMID", "NETTER-1", "RADIANT-3"]).rows}
    assert "extrapolated" in rows["PROMID"]["panNETs enrolled"]
    assert "extrapolated" in rows["NETTER-1"]["panNETs enrolled"]
    assert rows["RADIANT-3"]["panNETs enrolled"] == "yes"


def test_key_results_says_ttp_not_reached_and_single_arm_as_such():
    rows = {r["trial"]: r for r in
            lessons.key_results(["PROMID", "CLARINET", "CLARINET FORTE"]).rows}
    assert rows["PROMID"]["median PFS/TTP, months"] == "TTP 14.3 vs 6"
    assert rows["CLARINET"]["median PFS/TTP, months"] == "PFS not reached vs 18"
    assert rows["CLARINET FORTE (pancreatic)"]["median PFS/TTP, months"] == "PFS 5.6"
    assert rows["CLARINET"]["mark"] == ""
    assert rows["CLARINET FORTE (pancreatic)"]["mark"] == "congress report"


def test_key_results_numbers_match_the_data():
    table = evidence.trials()
    for row in lessons.key_results(list(dict.fromkeys(table.trial))).rows:
        trial, _, cohort = row["trial"].partition(" (")
        data = table[(table.trial == trial) & (table.cohort == (cohort.rstrip(")") or "all"))]
        assert len(data) == 1, row["trial"]
        hr = data.iloc[0].hr
        if not pd.isna(hr):
            assert row["hazard ratio (95% CI)"].startswith(f"{hr:g}")


def test_journal_vs_label_keeps_both_cabinet_versions_with_their_sources():
    rows = lessons.journal_vs_label("CABINET").rows
    pancreatic = [r for r in rows if r["cohort"] == "pancreatic"]
    assert [r["figures from"] for r in pancreatic] == ["journal", "FDA label"]
    assert [r["control median PFS, months"] for r in pancreatic] == ["4.4", "3.3"]
    assert "N Engl J Med" in pancreatic[0]["source"]
    assert "prescribing information" in pancreatic[1]["source"]


def test_toxicity_summary_shows_rates_only_where_the_source_gives_them():
    rows = {r["toxicity"]: r for r in lessons.toxicity_summary("everolimus").rows}
    assert rows["stomatitis"]["reported rate, %"] == "any grade 64 vs 17"
    assert rows["anaemia"]["reported rate, %"] == "grade ≥3 6"
    assert rows["pneumonitis"]["reported rate, %"] == "named, rate not recorded"


def test_profiles_overview_and_poor_fit_come_from_the_catalogue():
    catalogue = evidence.therapies()
    profile = {r["item"]: r["detail"] for r in lessons.therapy_profile("cabozantinib").rows}
    assert profile["dose and schedule"] == catalogue.loc["cabozantinib", "dose_schedule"]
    overview = lessons.therapy_overview(["everolimus", "surufatinib"]).rows
    assert "China" in overview[1]["approval"]
    fit = lessons.poor_fit_summary(["prrt"]).rows[0]
    assert fit["factors"].startswith(
        "renal impairment (caution), severe renal impairment (creatinine clearance below 30 "
        "mL/min) (caution), heart failure (caution)")
    assert "pregnant (not suitable)" in fit["factors"]


def test_lesson_references_cite_each_paper_once_and_add_extras():
    refs = lessons.lesson_references(["RADIANT-3"], ["everolimus"], HAUSER_2019).rows
    identifiers = [r["identifiers"] for r in refs]
    assert identifiers.count("PMID 21306238; DOI 10.1056/NEJMoa1009290") == 1
    assert identifiers[-1] == "PMID 31776785; DOI 10.1007/s11864-019-0690-x"


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: lessons.key_results(["RADIANT-4"]), "trial_names"),
        (lambda: lessons.key_results([]), "trial_names"),
        (lambda: lessons.therapy_profile("octreotide"), "therapy_id"),
        (lambda: lessons.toxicity_summary(["ssa", "chemo"]), "therapy_ids"),
        (lambda: lessons.journal_vs_label("RADIANT-3"), "trial"),
        (lambda: lessons.trial_row("CABINET", "all"), "trial and cohort"),
    ],
)
def test_bad_names_raise_value_error_naming_the_argument(call, argument):
    with pytest.raises(ValueError, match=argument):
        call()
