"""The patient model's optional fields (the public contract the cases build on)."""

import dataclasses

import pytest

from pannet_edu import engine, vocab
from pannet_edu.engine import Patient


def test_new_fields_default_to_the_older_meaning():
    p = Patient(ki67=5)
    assert (p.m_category, p.resectable, p.region) == (None, None, None)
    assert p.durable_benefit == ()
    assert p.hypoglycaemia_refractory is False
    assert p.dpyd == "unknown"
    assert p.pregnancy_possible is False


def test_new_fields_accept_their_values_and_forgive_case():
    p = Patient(ki67=5, m_category="m1a", resectable=True, region="china", prior=["ssa", "prrt"],
                durable_benefit=["prrt"], hypoglycaemia_refractory=True,
                dpyd="Partial_Deficiency", pregnancy_possible=True)
    assert (p.m_category, p.region, p.dpyd) == ("M1a", "China", "partial_deficiency")
    assert p.durable_benefit == ("prrt",)
    assert p.resectable is True and p.pregnancy_possible is True


def test_durable_benefit_keeps_prior_order_and_drops_duplicates():
    p = Patient(ki67=5, prior=["ssa", "prrt", "capecitabine_temozolomide"],
                durable_benefit=["capecitabine_temozolomide", "prrt", "prrt"])
    assert p.durable_benefit == ("prrt", "capecitabine_temozolomide")


@pytest.mark.parametrize(
    ("fields", "kind", "message"),
    [
        ({"m_category": "M2"}, ValueError, "m_category must be None or one of 'M1a', 'M1b', 'M1c'"),
        ({"m_category": 1}, TypeError, "m_category must be None or one of"),
        ({"resectable": "yes"}, TypeError, "resectable must be None, True or False"),
        ({"region": "UK"}, ValueError, "region must be None or one of 'US', 'EU', 'China'"),
        ({"durable_benefit": ["prrt"]}, ValueError,
         "durable_benefit must list therapies from prior"),
        ({"durable_benefit": ["aspirin"]}, ValueError, "durable_benefit entries must be ids"),
        ({"durable_benefit": "prrt"}, TypeError, "durable_benefit must be a list of ids"),
        ({"hypoglycaemia_refractory": 1}, TypeError,
         "hypoglycaemia_refractory must be True or False"),
        ({"dpyd": "deficient"}, ValueError,
         "dpyd must be one of 'unknown', 'normal', 'partial_deficiency', 'complete_deficiency'"),
        ({"dpyd": None}, TypeError, "dpyd must be one of"),
        ({"pregnancy_possible": "no"}, TypeError, "pregnancy_possible must be True or False"),
        ({"sstr": "weak"}, ValueError, "sstr must be one of 'positive', 'equal_to_liver', "
         "'below_liver'"),
        ({"sstr": "borderline"}, ValueError, "sstr must be one of"),
        ({"performance_status": 5}, ValueError,
         "performance_status must be None .* 0, 1, 2, 3 or 4"),
        ({"performance_status": -1}, ValueError, "performance_status must be None"),
        ({"performance_status": 2.5}, TypeError, "performance_status must be .*whole number"),
        ({"performance_status": "2"}, TypeError, "performance_status must be .*whole number"),
        ({"performance_status": True}, TypeError, "performance_status must be"),
        ({"pregnant": "yes"}, TypeError, "pregnant must be True or False"),
        ({"pregnant": None}, TypeError, "pregnant must be True or False"),
        ({"comorbidities": ["liver_cirrhosis"]}, ValueError,
         "comorbidities entries must be ids from: .*'hepatic_impairment'"),
    ],
)
def test_bad_new_fields_raise_naming_the_field_and_the_allowed_values(fields, kind, message):
    with pytest.raises(kind, match=message):
        Patient(ki67=5, **fields)


def test_krenning_split_and_new_comorbidities_are_in_the_vocabulary():
    assert {"equal_to_liver", "below_liver"} <= set(vocab.SSTR_STATUSES)
    assert "borderline" not in vocab.SSTR_STATUSES
    for factor in ("severe_renal_impairment", "bleeding_risk", "gallstones", "hepatic_impairment",
                   "severe_hepatic_impairment", "heart_failure"):
        assert factor in vocab.COMORBIDITIES
        assert vocab.COMORBIDITY_NAMES[factor]
    assert vocab.M_CATEGORIES == ("M1a", "M1b", "M1c")
    assert vocab.REGIONS == ("US", "EU", "China")
    assert vocab.DPYD_STATUSES == ("unknown", "normal", "partial_deficiency", "complete_deficiency")


def test_new_fields_are_patient_fields_for_what_if_and_replace():
    for name in ("m_category", "resectable", "region", "durable_benefit",
                 "hypoglycaemia_refractory", "dpyd", "pregnancy_possible", "pregnant",
                 "performance_status"):
        assert name in engine.PATIENT_FIELDS
    p = dataclasses.replace(Patient(ki67=5), region="US")
    assert p.region == "US"
    moved = engine.what_if(Patient(ki67=5, sstr="positive"), dpyd="complete_deficiency")
    assert list(moved.columns) == ["before", "after", "why"]


def test_performance_status_and_pregnancy_are_read_and_described():
    import numpy as np

    assert Patient(ki67=5).performance_status is None
    assert Patient(ki67=5, performance_status=np.int64(3)).performance_status == 3
    text = Patient(ki67=5, performance_status=3, pregnant=True).describe()
    assert "ECOG 3" in text and "pregnant" in text
    assert "may become pregnant" not in text  # a present pregnancy is said once
