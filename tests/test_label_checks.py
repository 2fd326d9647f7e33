"""The catalogue held against the label warnings of clinical reference section G2, drug by drug.

Each item below is a warning a student must name before a first dose. A missing one fails by name
(the therapy and the item), so a data edit cannot quietly drop a warning. Each item is either a
check in ``before_starting`` (matched by words, with the conditions under which it shows) or a
poor-fit factor that moves the verdict (with the least severe verdict it must cap at).
"""

from __future__ import annotations

import pytest

from pannet_edu.engine import load_catalogue
from pannet_edu.vocab import VERDICTS

#: therapy -> the G2 items: ("check", words that must appear in one check) or
#: ("factor", factor id, the mildest cap allowed).
LABEL_ITEMS = {
    "ssa": [("check", "gallbladder"), ("check", "steatorrhoea"), ("factor", "pregnant", "caution")],
    "everolimus": [
        ("check", "glucose"), ("check", "pneumonitis"), ("check", "PJP"),
        ("check", "Child-Pugh"), ("check", "live vaccines"), ("check", "8 weeks"),
        ("factor", "hepatic_impairment", "caution"),
        ("factor", "severe_hepatic_impairment", "caution"),
        ("factor", "diabetes", "caution"), ("factor", "pregnant", "caution"),
    ],
    "sunitinib": [
        ("check", "liver tests"), ("check", "antidiabetic"), ("check", "3 weeks before"),
        ("check", "4 weeks"), ("check", "7 weeks"), ("check", "LVEF"),
        ("factor", "diabetes", "caution"), ("factor", "insulinoma", "caution"),
        ("factor", "heart_failure", "caution"), ("factor", "pregnant", "caution"),
    ],
    "cabozantinib": [
        ("check", "blood pressure"), ("check", "bleeding"), ("check", "dental"),
        ("check", "40 mg"), ("check", "4 months"), ("check", "urine protein"),
        ("factor", "hepatic_impairment", "caution"),
        ("factor", "severe_hepatic_impairment", "not suitable"),
        ("factor", "pregnant", "caution"),
    ],
    "surufatinib": [("check", "urine protein"), ("check", "triglycerides"),
                    ("check", "blood pressure"), ("factor", "pregnant", "caution")],
    "prrt": [
        ("check", "at least that of normal liver"), ("check", "4 weeks before"),
        ("check", "24 hours"), ("check", "potassium"), ("check", "liver tests"),
        ("check", "1 L over 4 hours"), ("check", "7 months"), ("check", "6 months"),
        ("check", "hormonal crisis"),
        ("factor", "pregnant", "not suitable"), ("factor", "heart_failure", "caution"),
        ("factor", "severe_renal_impairment", "caution"),
        ("factor", "hepatic_impairment", "caution"), ("factor", "low_marrow_reserve", "caution"),
    ],
    "capecitabine_temozolomide": [
        ("check", "DPYD"), ("check", "creatinine clearance"), ("check", "coronary"),
        ("check", "ANC"), ("check", "PJP"), ("check", "6 months"), ("check", "3 months"),
        ("factor", "dpyd_complete_deficiency", "not suitable"),
        ("factor", "severe_renal_impairment", "caution"), ("factor", "heart_failure", "caution"),
        ("factor", "poor_performance_status", "caution"), ("factor", "pregnant", "caution"),
    ],
    "streptozocin_based": [
        ("check", "creatinine clearance before, at least weekly"), ("check", "DPYD"),
        ("factor", "severe_renal_impairment", "not suitable"),
        ("factor", "poor_performance_status", "caution"), ("factor", "pregnant", "caution"),
    ],
    "platinum_etoposide": [("check", "blood counts"),
                           ("factor", "poor_performance_status", "caution"),
                           ("factor", "pregnant", "caution")],
    "irinotecan_based": [("check", "DPYD"), ("factor", "poor_performance_status", "caution"),
                         ("factor", "pregnant", "caution")],
    "belzutifan": [
        ("check", "non-hormonal contraception"), ("check", "1 week"), ("check", "fertility"),
        ("check", "haemoglobin"), ("check", "oxygen saturation"),
        ("factor", "pregnancy_possible", "caution"), ("factor", "pregnant", "caution"),
    ],
    "everolimus_ssa": [("check", "Child-Pugh"), ("check", "8 weeks"),
                       ("factor", "severe_hepatic_impairment", "caution"),
                       ("factor", "pregnant", "caution")],
    "liver_directed": [("check", "share of the liver replaced"), ("check", "anastomosis"),
                       ("check", "hormonal-crisis"),
                       ("factor", "severe_hepatic_impairment", "not suitable")],
}


def _items():
    for therapy, items in LABEL_ITEMS.items():
        for item in items:
            yield pytest.param(therapy, item, id=f"{therapy}-{item[1]}")


@pytest.mark.parametrize(("therapy", "item"), list(_items()))
def test_each_label_warning_is_in_the_data(therapy, item):
    entry = load_catalogue()[therapy]
    if item[0] == "check":
        assert any(item[1] in c.check for c in entry.before_starting), (
            f"{therapy}: no check before the first dose mentions {item[1]!r}")
    else:
        _, factor, mildest = item
        found = [p for p in entry.poor_fit_detail if p.factor == factor]
        assert found, f"{therapy}: no poor-fit factor {factor!r}"
        assert found[0].caps != "note" and VERDICTS.index(found[0].caps) >= VERDICTS.index(
            mildest), f"{therapy}: {factor!r} caps only {found[0].caps!r}, at least {mildest!r}"


def test_every_systemic_drug_names_a_pregnancy_check_and_a_present_pregnancy():
    catalogue = load_catalogue()
    for therapy in catalogue:
        if not catalogue.is_systemic(therapy.id):
            continue
        pregnancy = [c for c in therapy.before_starting
                     if any("pregnancy_possible" in w for w in c.when)]
        assert pregnancy, f"{therapy.id}: no pregnancy check"
        # a contraception time, or a plain statement that it was not found
        assert any("month" in c.check or "week" in c.check or "not found" in c.check
                   for c in pregnancy), f"{therapy.id}: no contraception time"
        assert any(p.factor == "pregnant" for p in therapy.poor_fit_detail), therapy.id
        assert any(p.factor == "poor_performance_status" for p in therapy.poor_fit_detail), (
            therapy.id)


def test_every_systemic_drug_is_held_against_the_label_list():
    catalogue = load_catalogue()
    systemic = {t.id for t in catalogue if catalogue.is_systemic(t.id)}
    assert systemic <= set(LABEL_ITEMS), sorted(systemic - set(LABEL_ITEMS))
