"""SSTR imaging gates two therapy classes: the somatostatin analogue and PRRT.

Somatostatin-receptor imaging (68Ga/64Cu-DOTATATE or DOTATOC PET; older: the Krenning score on
scintigraphy: 1 below normal liver, 2 equal to liver, 3 above liver, 4 above spleen or kidneys)
decides whether an SSA can act on tumour growth and whether PRRT can be delivered. CLARINET
required target lesions of Krenning 2 or more; NETTER-2 asked for uptake above liver (3-4); the EU
Lutathera label asks for uptake at least that of normal liver, the US label only for
"SSTR-positive". (A NETTER-1 Krenning criterion could not be confirmed and is not claimed.)

So the scale splits where a tumour board splits it: uptake **above** liver is a clear PRRT
target; uptake **equal to** liver meets the EU label threshold, a weaker but real target (PRRT
at most "reasonable", never preferred); uptake **below** liver is not a PRRT target, and an SSA
there lies outside CLARINET's population (it may still be considered). In SSTR-negative disease
PRRT cannot work and an SSA has no proven antiproliferative role. Heterogeneous uptake (some
lesions without receptors) and FDG-avid lesions signal more aggressive biology and escape both.

>>> from pannet_edu.engine.patient import Patient
>>> [(f.therapy, f.verdict) for f in sstr_gating(Patient(ki67=5, sstr="equal_to_liver"))]
[('prrt', 'reasonable'), ('ssa', None)]
>>> [(f.therapy, f.verdict) for f in sstr_gating(Patient(ki67=5, sstr="below_liver"))]
[('prrt', 'not suitable'), ('ssa', 'reasonable')]
"""

from __future__ import annotations

from ..content.sources import HOPE_2020, LUTATHERA_EU_LABEL
from ..vocab import GROUP_RADIOLIGAND, GROUP_SSA
from .combine import Finding, finding, rule
from .roles import in_group, is_combination, sole
from .scope import Evidence, load_scope


def _sstr_trials(group: str) -> list[Evidence]:
    """The trials (not positions) of the group's options given alone that enrolled by SSTR
    uptake and took panNET: their names and uptake thresholds are the data's
    (``evidence_scope.yaml``), never typed here."""
    found: list[Evidence] = []
    for therapy in sole(group):
        for item in load_scope().for_therapy(therapy):
            if (item.trial and "sstr" in item.population and item not in found
                    and item.population.get("pancreatic") != "excluded"):
                found.append(item)
    return found


def _names(trials: list[Evidence]) -> list[str]:
    return [t.trial for t in trials]


def _each(role: str, verdict: str | None, reason: str, **cited) -> list[Finding]:
    """One finding per option of the role: ``radioligand`` (radioligand therapy given alone),
    ``ssa`` (an SSA given alone) or ``ssa_combination`` (a combination that includes an SSA)."""
    ids = {GROUP_RADIOLIGAND: lambda: sole(GROUP_RADIOLIGAND), GROUP_SSA: lambda: sole(GROUP_SSA),
           "ssa_combination": lambda: [t for t in in_group(GROUP_SSA) if is_combination(t)]}[role]()
    return [finding(t, verdict, reason, **cited) for t in ids]


@rule("sstr_gating", "§2 SSTR imaging gates PRRT and SSA (CLARINET, NETTER-1/2; Hope 2020)")
def sstr_gating(p) -> list[Finding]:
    prrt_trials, ssa_trials = _sstr_trials(GROUP_RADIOLIGAND), _sstr_trials(GROUP_SSA)
    prrt, ssa = _names(prrt_trials), _names(ssa_trials)
    # The SSA's trial, and the PRRT trial that asked for uptake above liver (not equal to it).
    clarinet = ssa[0] if ssa else ""
    above = next((t.trial for t in prrt_trials
                  if "equal_to_liver" not in t.population["sstr"]), "")
    if p.sstr == "positive":
        return [
            *_each(
                GROUP_RADIOLIGAND, None,
                "SSTR-positive: the tumour takes up the tracer, so PRRT can "
                "deliver radiation to it (the PRRT trials enrolled SSTR-positive disease).",
                trials=prrt, sources=[HOPE_2020],
            ),
            *_each(
                GROUP_SSA, None,
                f"SSTR-positive: an SSA can act on the tumour ({clarinet} enrolled "
                "SSTR-positive disease).",
                trials=ssa,
            ),
        ]
    if p.sstr == "equal_to_liver":
        return [
            *_each(
                GROUP_RADIOLIGAND, "reasonable",
                "SSTR uptake equal to normal liver (Krenning 2): a weaker but real PRRT target. "
                "It meets the EU label threshold (uptake at least that of normal liver), but "
                f"{above} asked for uptake above liver, so PRRT can be considered, not preferred.",
                trials=[above] if above else [], sources=[LUTATHERA_EU_LABEL, HOPE_2020],
            ),
            *_each(
                GROUP_SSA, None,
                "SSTR uptake equal to normal liver (Krenning 2): SSTR-positive for an SSA "
                f"({clarinet} enrolled target lesions with Krenning 2 or more).",
                trials=ssa,
            ),
        ]
    if p.sstr == "below_liver":
        return [
            *_each(
                GROUP_RADIOLIGAND, "not suitable",
                "SSTR uptake below normal liver (Krenning 1): not a PRRT target. The EU label "
                f"asks for uptake at least that of normal liver, and {above} for uptake above "
                "it; too little radiation would reach the tumour.",
                trials=[above] if above else [], sources=[LUTATHERA_EU_LABEL, HOPE_2020],
            ),
            *_each(
                GROUP_SSA, "reasonable",
                f"SSTR uptake below normal liver (Krenning 1): {clarinet} enrolled target lesions "
                "of Krenning 2 or more, so an SSA here is an extrapolation; it may still be "
                "considered, with imaging to follow.",
                trials=ssa,
            ),
        ]
    if p.sstr == "negative":
        ssa_verdict = "caution" if p.syndrome else "not suitable"
        ssa_extra = " Its effect on the hormone syndrome is also uncertain." if p.syndrome else ""
        return [
            *_each(
                GROUP_RADIOLIGAND, "not suitable",
                "SSTR-negative: PRRT needs somatostatin-receptor "
                "uptake to deliver radiation; without it PRRT cannot work.",
                trials=prrt, sources=[HOPE_2020],
            ),
            *_each(
                GROUP_SSA, ssa_verdict,
                "SSTR-negative: an SSA has no proven antiproliferative "
                f"role here; {clarinet} enrolled SSTR-positive disease only.{ssa_extra}",
                trials=ssa,
            ),
            *_each(
                "ssa_combination", "caution",
                "SSTR-negative: the SSA half of the combination has no proven role here.",
                trials=ssa,
            ),
        ]
    if p.sstr == "unknown":
        return [
            *_each(
                GROUP_RADIOLIGAND, "caution",
                "SSTR status unknown: SSTR imaging (68Ga/64Cu-DOTATATE or "
                "DOTATOC PET) must show uptake before PRRT is considered.",
                trials=prrt, sources=[HOPE_2020],
            ),
            *_each(
                GROUP_SSA, "caution",
                "SSTR status unknown: image first; the antiproliferative "
                "evidence for SSAs is in SSTR-positive disease.",
                trials=ssa,
            ),
        ]
    return [  # heterogeneous
        *_each(
            GROUP_RADIOLIGAND, "caution",
            "SSTR-heterogeneous uptake: lesions without uptake would not "
            "be treated by PRRT, and mixed uptake signals more aggressive biology.",
            trials=prrt, sources=[HOPE_2020],
        ),
        *_each(
            GROUP_SSA, "caution",
            "SSTR-heterogeneous uptake: lesions without receptors escape "
            "an SSA, and mixed uptake signals more aggressive biology.",
            trials=ssa,
        ),
    ]
