"""Where you are: approval differs by region, and the learner must know which use is labelled.

The label of the learner's region is taught beside the evidence. Surufatinib is approved in China
only (FDA complete response letter 2022; EU application withdrawn). Cabozantinib: FDA March 2025
(previously treated, 12 years and older) and EU July 2025 (after at least one prior systemic
therapy other than an SSA). Belzutifan: FDA 2021 and EU conditional 2025 (VHL). Lanreotide: FDA
2014 for GEP-NET; octreotide LAR has no US antiproliferative indication. 177Lu-edotreotide is not
approved anywhere (no FDA decision reported by late 2026). Off-label use is not wrong, but a
therapy not approved in the patient's region is never "preferred": not approved or
investigational caps it at caution, approved only for another use caps it at reasonable. Each
approval (status, date, text, source) lives in the catalogue.

>>> from pannet_edu.engine.patient import Patient
>>> approval_status("surufatinib", Patient(ki67=5, region="US"))[0]
'not_approved'
"""

from __future__ import annotations

from ..vocab import APPROVAL_STATUSES, REGION_NAMES, REGION_NOT_SET
from .catalogue import condition_holds, load_catalogue
from .combine import Finding, finding, rule
from .facts import text_source

#: The verdict each approval status caps (None: no cap).
CAPS = {
    "approved": None,
    "approved_other_use": "reasonable",
    "not_approved": "caution",
    "investigational": "caution",
    "not_recorded": None,
    "not_applicable": None,
}


def approval_status(therapy_id: str, patient) -> tuple[str | None, str]:
    """The approval status key for the patient's region (``None`` when no region is set) and
    the text that explains it, naming where the therapy is approved.

    >>> from pannet_edu.engine.patient import Patient
    >>> approval_status("cabozantinib", Patient(ki67=5, region="EU", prior=["ssa"]))[0]
    'approved_other_use'
    """
    catalogue = load_catalogue()
    therapy = catalogue[therapy_id]
    if patient.region is None:
        return None, REGION_NOT_SET
    approval = therapy.approval_in(patient.region)
    if approval is None:
        elsewhere = [a for a in therapy.approvals if a.status == "approved"]
        where = "; ".join(f"{a.region}: {a.text}" for a in elsewhere)
        text = f"No approval recorded for {REGION_NAMES[patient.region]}."
        return "not_recorded", text + (f" Elsewhere: {where}" if where else "")
    status = approval.status
    text = approval.text
    if status == "approved" and not all(condition_holds(c, patient, catalogue)
                                        for c in approval.requires):
        status = "approved_other_use"
    if status in ("not_approved", "investigational", "approved_other_use"):
        others = [a for a in therapy.approvals if a.status == "approved"
                  and a.region != patient.region]
        if others:
            text += " Approved in " + "; ".join(f"{a.region}: {a.text}" for a in others)
    return status, text


def approval_label(therapy_id: str, patient) -> str:
    """The approval column: a status phrase, then the text.

    >>> from pannet_edu.engine.patient import Patient
    >>> approval_label("ssa", Patient(ki67=5))
    'region not set'
    """
    status, text = approval_status(therapy_id, patient)
    if status is None:
        return REGION_NOT_SET
    return f"{APPROVAL_STATUSES[status]}: {text}"


@rule("region_approval", "§11 Approval differs by region (FDA, EMA/EC, NMPA)")
def region_approval(p) -> list[Finding]:
    if p.region is None:
        return []
    out = []
    where = REGION_NAMES[p.region]
    catalogue = load_catalogue()
    for therapy in catalogue:
        if not catalogue.is_systemic(therapy.id):
            continue  # a trial, surgery or surveillance needs no drug approval
        status, text = approval_status(therapy.id, p)
        cap = CAPS[status]
        if cap is None:
            continue
        approval = therapy.approval_in(p.region)
        source = approval.source if approval else "catalogue approvals"
        confidence = approval.confidence if approval else ""
        phrase = {
            "approved_other_use": f"Treated in {where}: outside the label for this patient "
                                  "(off-label use is not wrong, but it is not the labelled use).",
            "not_approved": f"Treated in {where}: not approved there.",
            "investigational": f"Treated in {where}: investigational.",
        }[status]
        out.append(finding(therapy.id, cap, f"{phrase} {text}",
                           sources=[text_source(source, confidence)]))
    return out
