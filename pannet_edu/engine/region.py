"""Where you are: approval differs by region; label status informs, it never demotes standard care.

The label of the learner's region is taught beside the evidence (SEQUENCING 11; reference G1).
Streptozocin is FDA-approved for metastatic islet-cell carcinoma, its use limited to symptomatic
or progressive disease. 177Lu-DOTATATE: the US label (4/2024) covers SSTR-positive GEP-NETs in
adults and children 12 and older with no grade or line restriction; the EU label only progressive,
well-differentiated G1 and G2 disease in adults with uptake at least that of normal liver, so
first-line (NETTER-2-style) and G3 use are off-label in the EU; no approval was found in China.
Lanreotide: US GEP-NET; EU G1 and G2 with Ki-67 up to 10%. Octreotide LAR has no
antiproliferative panNET indication in any label seen. Surufatinib: China only. Cabozantinib: FDA
March 2025, EU July 2025. Belzutifan: FDA 2021, EU conditional 2025 (VHL). 177Lu-edotreotide:
FDA goal date 28 August 2026, a decision was not found.

The rule: a use outside the label (CAPTEM in the US, PRRT at first line in the EU) keeps the
verdict the evidence gives it, with the label status shown beside it. Only a drug that cannot be
had in the region (no approval there for any use, e.g. surufatinib outside China) is capped, at
caution, and the learner is told why. Each approval (status, date, text, the conditions of the
labelled use, source, confidence) lives in the catalogue.

>>> from pannet_edu.engine.patient import Patient
>>> approval_status("surufatinib", Patient(ki67=5, region="US"))[0]
'not_approved'
"""

from __future__ import annotations

from ..vocab import APPROVAL_STATUSES, REGION_NAMES, REGION_NOT_SET
from .catalogue import load_catalogue
from .combine import Finding, finding, rule
from .conditions import condition_holds
from .facts import text_source

#: The verdict each approval status caps (None: no cap). Only a drug that cannot be had in the
#: region is capped; a use outside the label is shown, never demoted.
CAPS = {
    "approved": None,
    "approved_other_use": None,
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


#: What the region rule says for a status it speaks about.
_PHRASES = {
    "approved_other_use": "outside the label for this patient. Label status informs; it does not "
                          "demote an option the evidence supports (off-label use is not wrong).",
    "not_approved": "not approved there for any use, so it cannot usually be had.",
    "investigational": "investigational.",
}


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
        if status not in _PHRASES:
            continue
        approval = therapy.approval_in(p.region)
        source = approval.source if approval else "catalogue approvals"
        confidence = approval.confidence if approval else ""
        out.append(finding(therapy.id, CAPS[status],
                           f"Treated in {where}: {_PHRASES[status]} {text}",
                           sources=[text_source(source, confidence)]))
    return out
