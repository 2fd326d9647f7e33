"""SSTR imaging gates two therapy classes: the somatostatin analogue and PRRT.

Somatostatin-receptor imaging (68Ga/64Cu-DOTATATE or DOTATOC PET; older: the Krenning score on
scintigraphy) decides whether an SSA can act on tumour growth and whether PRRT can be delivered.
The trials enrolled SSTR-positive disease: CLARINET target lesions Krenning 2 or more; NETTER-1
stratified by Krenning 2-4; NETTER-2 asked for uptake above liver (score 3-4); NETTER-3 for uptake
at least equal to liver in every target lesion. The label says only "SSTR-positive".

So a Krenning score of 2 (uptake up to that of normal liver) is SSTR-positive for an SSA, but at
best borderline as a PRRT target: PRRT is then a caution, never preferred, and never read as
SSTR-negative. In SSTR-negative disease PRRT cannot work and an SSA has no proven antiproliferative
role. Heterogeneous uptake (some lesions without receptors) and FDG-avid lesions signal more
aggressive biology and escape both.

>>> from pannet_edu.engine.patient import Patient
>>> [(f.therapy, f.verdict) for f in sstr_gating(Patient(ki67=5, sstr="borderline"))]
[('prrt', 'caution'), ('ssa', None)]
"""

from __future__ import annotations

from ..content.sources import HOPE_2020
from .combine import Finding, finding, rule

_PRRT_TRIALS = ["NETTER-1", "NETTER-2"]


@rule("sstr_gating", "§2 SSTR imaging gates PRRT and SSA (CLARINET, NETTER-1/2; Hope 2020)")
def sstr_gating(p) -> list[Finding]:
    if p.sstr == "positive":
        return [
            finding(
                "prrt", None,
                "SSTR-positive: the tumour takes up the tracer, so PRRT can "
                "deliver radiation to it (the PRRT trials enrolled SSTR-positive disease).",
                trials=_PRRT_TRIALS, sources=[HOPE_2020],
            ),
            finding(
                "ssa", None,
                "SSTR-positive: an SSA can act on the tumour (CLARINET enrolled "
                "SSTR-positive disease).",
                trials=["CLARINET"],
            ),
        ]
    if p.sstr == "borderline":
        return [
            finding(
                "prrt", "caution",
                "SSTR uptake up to that of normal liver (Krenning 2): borderline for PRRT. "
                "NETTER-2 asked for uptake above liver (score 3-4) and PRRT trials for uptake at "
                "least equal to liver in every target lesion; a score of 2 is never a clear "
                "PRRT target.",
                trials=_PRRT_TRIALS, sources=[HOPE_2020],
            ),
            finding(
                "ssa", None,
                "SSTR uptake up to that of normal liver (Krenning 2): SSTR-positive for an SSA "
                "(CLARINET enrolled target lesions with Krenning 2 or more).",
                trials=["CLARINET"],
            ),
        ]
    if p.sstr == "negative":
        ssa_verdict = "caution" if p.syndrome else "not suitable"
        ssa_extra = " Its effect on the hormone syndrome is also uncertain." if p.syndrome else ""
        return [
            finding(
                "prrt", "not suitable",
                "SSTR-negative: PRRT needs somatostatin-receptor "
                "uptake to deliver radiation; without it PRRT cannot work.",
                trials=_PRRT_TRIALS, sources=[HOPE_2020],
            ),
            finding(
                "ssa", ssa_verdict,
                "SSTR-negative: an SSA has no proven antiproliferative "
                f"role here; CLARINET enrolled SSTR-positive disease only.{ssa_extra}",
                trials=["CLARINET"],
            ),
            finding(
                "everolimus_ssa", "caution",
                "SSTR-negative: the SSA half of the combination has no proven role here.",
                trials=["CLARINET"],
            ),
        ]
    if p.sstr == "unknown":
        return [
            finding(
                "prrt", "caution",
                "SSTR status unknown: SSTR imaging (68Ga/64Cu-DOTATATE or "
                "DOTATOC PET) must show uptake before PRRT is considered.",
                trials=_PRRT_TRIALS, sources=[HOPE_2020],
            ),
            finding(
                "ssa", "caution",
                "SSTR status unknown: image first; the antiproliferative "
                "evidence for SSAs is in SSTR-positive disease.",
                trials=["CLARINET"],
            ),
        ]
    return [  # heterogeneous
        finding(
            "prrt", "caution",
            "SSTR-heterogeneous uptake: lesions without uptake would not "
            "be treated by PRRT, and mixed uptake signals more aggressive biology.",
            trials=_PRRT_TRIALS, sources=[HOPE_2020],
        ),
        finding(
            "ssa", "caution",
            "SSTR-heterogeneous uptake: lesions without receptors escape "
            "an SSA, and mixed uptake signals more aggressive biology.",
            trials=["CLARINET"],
        ),
    ]
