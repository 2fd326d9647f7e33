"""Shared readings of a patient used by several principle modules, and the trials a rule reads.

The trial cut-offs (CLARINET's Ki-67, NETTER-2's range, SANET-p's prior regimens, NORDIC NEC's
and STARTER-NET's Ki-67 lines) live in ``data/evidence_scope.yaml`` with their sources; a rule
reads them from the trials its option's ``evidence`` lists
(:func:`pannet_edu.engine.scope.trial_with`).

>>> from pannet_edu.engine.patient import Patient
>>> is_low_grade(Patient(ki67=5)), shrinkage_triggers(Patient(ki67=5, burden="high"))
(True, ['high tumour burden'])
"""

from __future__ import annotations

from ..content.sources import Source
from .catalogue import load_catalogue


def names() -> dict[str, str]:
    """Learner-facing short names by therapy id, from the catalogue."""
    return load_catalogue().names()


def is_low_grade(patient) -> bool:
    return patient.grade.label in ("NET G1", "NET G2")


def is_net_g3(patient) -> bool:
    return patient.grade.label == "NET G3"


def is_nec(patient) -> bool:
    return patient.grade.label == "NEC"


def needs_hormone_control_by_ssa(patient) -> bool:
    return patient.syndrome in ("vipoma", "glucagonoma")


def refractory_insulinoma(patient) -> bool:
    """Insulinoma whose hypoglycaemia persists despite diet, glucose and diazoxide."""
    return patient.syndrome == "insulinoma" and patient.hypoglycaemia_refractory


def sstr_target(patient) -> bool:
    """Uptake clearly above liver (Krenning 3-4): a clear PRRT target."""
    return patient.sstr == "positive"


def sstr_prrt_possible(patient) -> bool:
    """Uptake at least that of normal liver (the EU label threshold): a PRRT target, clear
    above liver, weaker at liver level."""
    return patient.sstr in ("positive", "equal_to_liver")


def sstr_for_ssa(patient) -> bool:
    """SSTR-positive for an SSA: uptake at least that of liver (CLARINET: Krenning 2 or more)."""
    return patient.sstr in ("positive", "equal_to_liver")


def has_liver_disease(patient) -> bool | None:
    """True for M1a/M1c, False for M1b (extrahepatic only), None when not given."""
    if patient.m_category is None:
        return None
    return patient.m_category in ("M1a", "M1c")


def shrinkage_triggers(patient) -> list[str]:
    """Why tumour shrinkage may be needed (Hauser 2019)."""
    triggers = []
    if patient.burden == "high":
        triggers.append("high tumour burden")
    if patient.symptomatic and patient.syndrome is None:
        # With a functional syndrome, symptoms are hormonal: hormone control comes first.
        triggers.append("symptoms from the tumour")
    if is_net_g3(patient):
        triggers.append("NET G3")
    # SSTR heterogeneity is a warning sign of aggressive biology, not by itself an indication for
    # chemotherapy (SEQUENCING 13): it is not a trigger here.
    return triggers


def factor_list(items: list[str]) -> str:
    text = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
    return text[0].upper() + text[1:]


def ki67_text(patient) -> str:
    return "Ki-67 not given" if patient.ki67 is None else f"Ki-67 {patient.ki67:g}%"


def text_source(text: str, confidence: str = "") -> Source:
    """A catalogue source line (free text) as a :class:`Source`, its confidence mark appended
    unless verified."""
    short = text if confidence in ("", "verified") else f"{text} [{confidence}]"
    return Source(short=short, reference=text, note=confidence)
