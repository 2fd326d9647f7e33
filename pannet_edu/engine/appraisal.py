"""Apply every rule to a patient and build the appraisal: one row per catalogue entry.

:func:`evaluate` runs the rules of every principle module and combines the findings per therapy
(see :mod:`pannet_edu.engine.combine` for the precedence: the worst limit wins). :func:`appraise`
returns the pandas table the lessons show, with the checks to name before the first dose and the
approval in the patient's region beside each verdict. :func:`what_if` shows which verdicts move
when one factor changes, and why; :func:`explain` writes a short summary.

>>> from pannet_edu.engine.patient import Patient
>>> appraise(Patient(ki67=5, sstr="positive")).loc["ssa", "verdict"]
'preferred'
>>> appraise(Patient(ki67=5, sstr="negative")).loc["prrt", "verdict"]
'not suitable'
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from ..content.sources import ENETS_2023_FUNCTIONING, INSULINOMA_PRRT_2025, MATEJ_2016
from ..display import DISCLAIMER
from ..vocab import GROUP_RADIOLIGAND, SYNDROME_NAMES, VERDICTS
from .before_starting import before_starting_text
from .catalogue import load_catalogue, pinned_catalogue
from .combine import RULES, Finding, TherapyAppraisal, combine
from .facts import is_nec, names
from .patient import PATIENT_FIELDS, Patient
from .region import approval_label
from .roles import had_group, had_role
from .scope import outside_evidence, pinned_scope

if TYPE_CHECKING:  # pandas is imported only when an appraisal is built
    import pandas as pd

#: The columns of :func:`appraise`, in order.
COLUMNS = ("verdict", "reasons", "evidence", "before_starting", "approval")


def evaluate(patient: Patient) -> dict[str, TherapyAppraisal]:
    """Apply every rule and combine the findings per therapy (the engine without pandas).

    >>> evaluate(Patient(ki67=5, sstr="positive"))["ssa"].verdict
    'preferred'
    """
    if not isinstance(patient, Patient):
        raise TypeError(f"patient must be a Patient, got {type(patient).__name__}")
    with pinned_catalogue(), pinned_scope():  # the files are read once per appraisal
        return _evaluate(patient)


def _evaluate(patient: Patient) -> dict[str, TherapyAppraisal]:
    catalogue = load_catalogue()
    by_therapy: dict[str, list[Finding]] = {t: [] for t in catalogue.ids}
    for item in RULES:
        for found in item.apply(patient):
            found = dataclasses.replace(found, rule=item.name)
            # A rule may name an entry a trimmed catalogue lacks; two options of one role (an
            # entry and its copy) may lead a rule to say the same thing twice of a third.
            if found.therapy in by_therapy and found not in by_therapy[found.therapy]:
                by_therapy[found.therapy].append(found)
    # SEQUENCING 13: "preferred" needs the patient inside the evidence. A systemic drug outside
    # every trial that tested it is said to be extrapolated whatever the rules said; any option a
    # rule prefers is checked against its trials and positions.
    # Where another limit already caps the option at caution or below, that limit says more.
    for therapy, found in by_therapy.items():
        preferred = any(f.verdict == "preferred" for f in found)
        capped = any(f.verdict in ("caution", "not suitable") for f in found)
        if (preferred or catalogue.is_systemic(therapy)) and not capped:
            outside = outside_evidence(therapy, patient)
            if outside is not None and (preferred or outside.trials):
                found.append(dataclasses.replace(outside, rule="inside_evidence"))
    return {t: combine(t, found) for t, found in by_therapy.items()}


def context_notes(patient: Patient) -> list[str]:
    """Points about the patient as a whole that no single therapy row carries.

    >>> context_notes(Patient(ki67=5, hereditary="MEN1"))[0][:5]
    'MEN1:'
    """
    notes = []
    if patient.syndrome in ("somatostatinoma", "acthoma"):
        notes.append(
            f"{SYNDROME_NAMES[patient.syndrome]}: control the hormone excess first "
            f"({ENETS_2023_FUNCTIONING.short}); the specific hormone treatments are not part of "
            "this appraisal."
        )
    if patient.syndrome == "insulinoma":
        step = ("refractory despite these steps: everolimus, PRRT or cytoreduction come next"
                if patient.hypoglycaemia_refractory
                else "an SSA only with glucose monitoring; everolimus, PRRT or cytoreduction if "
                "hypoglycaemia stays refractory")
        notes.append(
            "Insulinoma: control hypoglycaemia first, stepwise: frequent meals and glucose, then "
            f"diazoxide; {step} ({MATEJ_2016.short}; {INSULINOMA_PRRT_2025.short})."
        )
    if patient.hereditary in ("MEN1", "NF1", "TSC"):
        notes.append(
            f"{patient.hereditary}: a hereditary syndrome changes surveillance, surgery and "
            "family counselling; no drug rule here depends on it."
        )
    if is_nec(patient) and had_role(patient, "nec_first_line"):
        notes.append(
            "NEC after platinum-etoposide: irinotecan-based chemotherapy (FOLFIRI or liposomal "
            "irinotecan with 5-FU) has modest randomised phase 2 evidence; a clinical trial is a "
            "standard answer."
        )
    if had_group(patient, GROUP_RADIOLIGAND) and "low_marrow_reserve" in patient.comorbidities:
        notes.append(
            "Persistent low counts after PRRT: examine the marrow (myelodysplasia, leukaemia) "
            "before the next line; low platelets add to the bleeding risk of a VEGFR tyrosine "
            "kinase inhibitor."
        )
    if patient.sstr == "unknown":
        notes.append(
            "SSTR status unknown: SSTR PET (68Ga/64Cu-DOTATATE or DOTATOC) decides whether an "
            "SSA or PRRT can act; image before choosing."
        )
    return notes


def appraise(patient: Patient) -> pd.DataFrame:
    """Appraise every entry of the catalogue for a teaching patient.

    Returns a DataFrame indexed by therapy id (catalogue order: the ten medicines first, then
    everolimus plus an SSA, irinotecan-based chemotherapy, surveillance, surgery, liver-directed
    therapy and a clinical trial) with the columns in :data:`COLUMNS`: ``verdict`` (one of
    :data:`VERDICTS`), ``reasons`` (learner-facing; each reason starts with the patient factor
    that drove it, decisive reasons first), ``evidence`` (trials and sources), ``before_starting``
    (the checks to name before the first dose for this patient) and ``approval`` (the status in
    the patient's region, then where it is approved). Patient-level notes are in
    ``frame.attrs["notes"]``.

    >>> table = appraise(Patient(ki67=40, differentiation="poor"))
    >>> table.loc["platinum_etoposide", "verdict"], table.loc["ssa", "verdict"]
    ('preferred', 'not suitable')
    >>> table.loc["ssa", "reasons"][:27]
    'Poorly differentiated (NEC)'
    """
    import pandas as pd

    with pinned_catalogue(), pinned_scope():
        return _appraise(patient, pd)


def _appraise(patient: Patient, pd) -> pd.DataFrame:
    result = evaluate(patient)
    ids = list(result)
    frame = pd.DataFrame(
        {
            "verdict": [result[t].verdict for t in ids],
            "reasons": [result[t].reasons for t in ids],
            "evidence": [result[t].evidence for t in ids],
            "before_starting": [before_starting_text(t, patient) for t in ids],
            "approval": [approval_label(t, patient) for t in ids],
        },
        index=pd.Index(ids, name="therapy"),
    )
    frame.attrs["notes"] = context_notes(patient)
    return frame


def what_if(patient: Patient, **changes: object) -> pd.DataFrame:
    """Change patient factors and list the therapies whose verdict moves, and why.

    Returns a DataFrame indexed by therapy id with columns ``before``, ``after`` and ``why``
    (the reasons that now decide the verdict, and those that no longer apply). Empty if no
    verdict changes.

    >>> base = Patient(ki67=5, sstr="positive")
    >>> moved = what_if(base, sstr="negative")
    >>> moved.loc["prrt", ["before", "after"]].tolist()
    ['caution', 'not suitable']
    >>> what_if(base, colour="blue")
    Traceback (most recent call last):
    ...
    ValueError: what_if cannot change 'colour'; patient fields are: ki67, mitoses, ...
    """
    import pandas as pd

    if not isinstance(patient, Patient):
        raise TypeError(f"patient must be a Patient, got {type(patient).__name__}")
    if not changes:
        raise ValueError(
            "what_if needs at least one change, e.g. what_if(patient, sstr='negative')"
        )
    for name in changes:
        if name not in PATIENT_FIELDS:
            raise ValueError(
                f"what_if cannot change {name!r}; patient fields are: " + ", ".join(PATIENT_FIELDS)
            )
    before = evaluate(patient)
    after = evaluate(dataclasses.replace(patient, **changes))
    rows = {}
    for therapy in before:
        old, new = before[therapy], after[therapy]
        if old.verdict == new.verdict:
            continue
        old_reasons = {f.reason for f in old.decisive}
        new_reasons = {f.reason for f in new.decisive}
        why = [f.reason for f in new.decisive if f.reason not in old_reasons]
        gone = [f.reason for f in old.decisive if f.reason not in new_reasons]
        if not why and not new.decisive:
            why = ["Nothing argues for or against it any more, so it is back to 'reasonable'."]
        why += [f"No longer applies: {reason}" for reason in gone]
        rows[therapy] = (old.verdict, new.verdict, " ".join(why))
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=["before", "after", "why"])
    frame.index.name = "therapy"
    return frame


def explain(patient: Patient) -> str:
    """A short learner-facing summary of the appraisal.

    >>> print(explain(Patient(ki67=5, sstr="positive")))  # doctest: +ELLIPSIS
    Patient: NET G... (Ki-67 5%), SSTR-positive (uptake above normal liver, Krenning 3-4), ...
    Preferred: somatostatin analogue (SSA): NET G... Ki-67 5% (below 10%), SSTR-positive, ...
    ...
    """
    result = evaluate(patient)
    label = names()
    by_verdict = {v: [t for t in result if result[t].verdict == v] for v in VERDICTS}
    lines = [f"Patient: {patient.describe()}."]
    if by_verdict["preferred"]:
        for therapy in by_verdict["preferred"]:
            lines.append(f"Preferred: {label[therapy]}: {result[therapy].decisive[0].reason}")
    else:
        lines.append(
            "Preferred: none. Several options may be reasonable; no trial has settled "
            "the order, so the choice rests on the factors below (Hauser 2019)."
        )
    for verdict in VERDICTS[1:]:
        chosen = ", ".join(label[t] for t in by_verdict[verdict]) or "none"
        lines.append(f"{verdict.capitalize()}: {chosen}.")
    lines += [f"Note: {note}" for note in context_notes(patient)]
    lines.append(DISCLAIMER)
    return "\n".join(lines)
