"""After progression on an SSA: several options, chosen on patient and tumour factors.

Everolimus (RADIANT-3), sunitinib (A6181111), cabozantinib (CABINET, previously treated),
177Lu-DOTATATE PRRT (NETTER-1 in midgut NET only; for panNET OCLURANDOM, a randomised
non-comparative trial against sunitinib, and series) and chemotherapy (CAPTEM, E2211;
streptozocin-based) are all options (Hauser 2019). COMPETE compared a different
radiopharmaceutical, 177Lu-edotreotide, with everolimus: it says nothing about 177Lu-DOTATATE.
None of these trials showed a significant overall-survival gain, largely because of crossover.
So the engine prefers none of them on progression alone: patient and tumour factors decide.
Each trial's population also limits where its evidence reaches: targeted agents were tested in
progressing disease, cabozantinib after prior PRRT or targeted therapy, surufatinib after at
most two regimens, everolimus and surufatinib in G1/G2 only (see :mod:`.scope`).

>>> from pannet_edu.engine.patient import Patient
>>> sorted({f.verdict for f in after_progression(Patient(ki67=5)) if f.therapy == "sunitinib"})
['caution']
"""

from __future__ import annotations

from .combine import Finding, finding, rule
from .facts import (
    NETTER2_KI67_UP_TO,
    SANET_P_MAX_PRIOR_REGIMENS,
    TARGETED,
    is_nec,
    is_net_g3,
    names,
    refractory_insulinoma,
    sstr_prrt_possible,
)

_PIVOTAL = {
    "everolimus": ("RADIANT-3",
                   "RADIANT-3 enrolled panNET that had progressed within the previous 12 months"),
    "sunitinib": ("A6181111",
                  "the sunitinib trial (A6181111) enrolled progressing well-differentiated panNET"),
    "surufatinib": ("SANET-p", "SANET-p enrolled progressive G1/G2 panNET"),
    "cabozantinib": ("CABINET", "CABINET tested it in previously treated patients"),
}


@rule("after_progression", "§4 Options after progression and trial populations (Hauser 2019)")
def after_progression(p) -> list[Finding]:
    if is_nec(p):
        return []
    out: list[Finding] = []
    insulinoma = refractory_insulinoma(p)
    if p.progressing:
        out += [
            finding("everolimus", None,
                    "Progressing: everolimus prolonged PFS in progressive panNET (RADIANT-3); "
                    "it mostly stabilises disease.", trials=["RADIANT-3"]),
            finding("sunitinib", None,
                    "Progressing: sunitinib prolonged PFS in progressive well-differentiated "
                    "panNET (A6181111).", trials=["A6181111"]),
            finding("surufatinib", None,
                    "Progressing: surufatinib prolonged PFS in progressive panNET (SANET-p); "
                    "its approval differs by country.", trials=["SANET-p"]),
            finding("capecitabine_temozolomide", None,
                    "Progressing: CAPTEM gave longer PFS than temozolomide alone in "
                    "progressive panNET (E2211).", trials=["E2211"]),
            finding("streptozocin_based", None,
                    "Progressing: streptozocin-based chemotherapy is an established panNET "
                    "option (Moertel 1992; Kouvaraki 2004).",
                    trials=["Moertel 1992", "Kouvaraki 2004"]),
        ]
        if sstr_prrt_possible(p):
            out.append(finding(
                "prrt", None,
                "Progressing, SSTR uptake at least that of liver: 177Lu-DOTATATE is an option "
                "after an SSA. In panNET its randomised evidence is OCLURANDOM (against sunitinib, "
                "non-comparative, congress report). Neither NETTER-1 (midgut NET only) nor "
                "COMPETE (its radiopharmaceutical was 177Lu-edotreotide, a different one) is "
                "panNET evidence for it.",
                trials=["OCLURANDOM"],
            ))
    else:
        for therapy, (trial, population) in _PIVOTAL.items():
            if therapy == "everolimus" and insulinoma:
                continue  # refractory hypoglycaemia does not wait for progression
            out.append(finding(
                therapy, "caution",
                f"Stable disease (not progressing): {population}; there is no trial-backed "
                "reason to start it now.",
                trials=[trial],
            ))

    previously_treated = [t for t in p.prior if t in (*TARGETED, "prrt", "everolimus_ssa")]
    if not previously_treated:
        out.append(finding(
            "cabozantinib", "caution",
            "No prior PRRT or targeted therapy: CABINET enrolled previously treated patients "
            "(prior PRRT and/or targeted therapy).",
            trials=["CABINET"],
        ))
    elif p.progressing:
        label = names()
        out.append(finding(
            "cabozantinib", None,
            f"Progressing after {', '.join(label[t] for t in previously_treated)}: cabozantinib "
            "prolonged PFS in previously treated panNET (CABINET).",
            trials=["CABINET"],
        ))
    if len(p.prior) > SANET_P_MAX_PRIOR_REGIMENS:
        out.append(finding(
            "surufatinib", "caution",
            f"{len(p.prior)} prior regimens: SANET-p enrolled patients with at most "
            f"{SANET_P_MAX_PRIOR_REGIMENS} prior regimens.",
            trials=["SANET-p"],
        ))
    if is_net_g3(p):
        out += [
            finding("everolimus", None if insulinoma else "caution",
                    "NET G3: RADIANT-3 enrolled low- or intermediate-grade panNET.",
                    trials=["RADIANT-3"]),
            finding("surufatinib", "caution", "NET G3: SANET-p enrolled G1/G2 panNET only.",
                    trials=["SANET-p"]),
            finding("cabozantinib", None,
                    "NET G3: CABINET included well-differentiated G3 tumours.",
                    trials=["CABINET"]),
        ]
        if p.ki67 is not None and p.ki67 > NETTER2_KI67_UP_TO:
            out.append(finding(
                "prrt", "caution",
                f"Ki-67 {p.ki67:g}% (above {NETTER2_KI67_UP_TO:g}%): NETTER-2 enrolled Ki-67 up "
                f"to {NETTER2_KI67_UP_TO:g}%; beyond that PRRT lies outside the trial evidence.",
                trials=["NETTER-2"],
            ))
    return out
