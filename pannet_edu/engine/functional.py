"""Functional tumours: control the hormone first, and treat insulinoma step by step.

For VIPoma and glucagonoma an SSA controls the hormone syndrome; for gastrinoma high-dose
proton-pump inhibitors control acid first (ENETS 2023 functioning-syndrome guidance, Hofland 2023).

Malignant insulinoma: hypoglycaemia comes first, stepwise. Frequent meals and glucose, then
diazoxide. An SSA only with glucose monitoring: it can worsen or unmask hypoglycaemia by
suppressing glucagon and growth hormone, although malignant insulinomas often express SSTR
(Gamage 2025). For hypoglycaemia that stays refractory: everolimus (which raises glucose; case
series and reviews) or PRRT (the largest recent series: hypoglycaemia resolved in 14 of 15, but 7
of 15 had a flare needing admission for more than 48 hours, and 4 of 15 grade 3/4
myelosuppression), and cytoreduction by surgery or liver-directed therapy. Everolimus is not the
first answer for an untreated insulinoma, and PRRT is not outside the evidence for it.

>>> from pannet_edu.engine.patient import Patient
>>> {f.therapy: f.verdict for f in functional_syndrome(Patient(ki67=5, syndrome="insulinoma",
...  symptomatic=True))}["everolimus"]
'caution'
"""

from __future__ import annotations

from ..content.sources import ENETS_2023_FUNCTIONING, GAMAGE_2025, INSULINOMA_PRRT_2025, MATEJ_2016
from ..vocab import GROUP_RADIOLIGAND, GROUP_SSA, SYNDROME_NAMES
from .combine import Finding, finding, rule
from .facts import has_liver_disease, needs_hormone_control_by_ssa, sstr_target
from .roles import in_group, is_combination, sole, with_role
from .scope import load_scope, trial_with

_STEPS = "frequent meals and glucose, then diazoxide"


@rule("functional_syndrome", "§7/§12 Control the hormone first; insulinoma stepwise (ENETS 2023)")
def functional_syndrome(p) -> list[Finding]:
    if p.syndrome == "insulinoma":
        return _insulinoma(p)
    if needs_hormone_control_by_ssa(p):
        return [finding(
            t, "preferred",
            f"{SYNDROME_NAMES[p.syndrome]}: control the hormone first, and an SSA controls this "
            "hormone syndrome.",
            sources=[ENETS_2023_FUNCTIONING],
        ) for t in sole(GROUP_SSA)]
    if p.syndrome == "gastrinoma":
        return [finding(
            t, None,
            "Gastrinoma: high-dose proton-pump inhibitors control acid first; an SSA can add "
            "hormone control.",
            sources=[ENETS_2023_FUNCTIONING],
        ) for t in sole(GROUP_SSA)]
    return []


def _each(ids, verdict: str | None, reason: str, **cited) -> list[Finding]:
    return [finding(t, verdict, reason, **cited) for t in ids]


def _said(therapy: str, situation: str) -> list[str]:
    """What the option's evidence says in ``situation`` (its ``says`` in the evidence file, with
    the series' figures), or nothing when the data hold no such sentence."""
    return [e.saying(situation) for e in load_scope().for_therapy(therapy) if situation in e.says]


def _each_said(ids, verdict: str | None, situation: str, opening: str = "",
               **cited) -> list[Finding]:
    return [finding(t, verdict, opening + said[0], **cited) for t in ids
            if (said := _said(t, situation))]


def _insulinoma(p) -> list[Finding]:
    ssa = _each(
        sole(GROUP_SSA), "caution",
        "Insulinoma: SSAs can worsen or unmask hypoglycaemia by suppressing counter-regulatory "
        "glucagon and growth hormone; use one only with close glucose monitoring.",
        sources=[GAMAGE_2025],
    )
    combination = [finding(
        t, "caution",
        f"Insulinoma: the SSA half can worsen hypoglycaemia, and {trial.trial} enrolled "
        "non-functioning tumours.",
        sources=[GAMAGE_2025],
    ) for t in in_group(GROUP_SSA) if is_combination(t)
        if (trial := trial_with(t, lambda e: e.population.get("functioning")
                                == "non_functioning_only"))]
    rescue, prrt = with_role("insulinoma_hypoglycaemia"), sole(GROUP_RADIOLIGAND)
    if not p.hypoglycaemia_refractory:
        return [
            *ssa,
            *combination,
            *_each(
                rescue, "caution",
                f"Insulinoma, hypoglycaemia not yet refractory: control it stepwise ({_STEPS}) "
                "first; everolimus (which raises glucose) is for hypoglycaemia that stays "
                "refractory, not the first answer for an untreated insulinoma.",
                sources=[MATEJ_2016, ENETS_2023_FUNCTIONING],
            ),
            *_each_said(prrt, None, "insulinoma", sources=[INSULINOMA_PRRT_2025]),
        ]
    refractory = f"Insulinoma with hypoglycaemia refractory to {_STEPS}"
    out = [
        *ssa,
        *combination,
        *_each(
            rescue, "preferred",
            f"{refractory}: everolimus raises glucose and is used for refractory hypoglycaemia "
            "in malignant insulinoma (case series and reviews).",
            sources=[MATEJ_2016, ENETS_2023_FUNCTIONING],
        ),
    ]
    if sstr_target(p):
        out += _each_said(prrt, "preferred", "refractory_with_uptake",
                          f"{refractory}, SSTR-positive: ", sources=[INSULINOMA_PRRT_2025])
    else:
        out += _each_said(prrt, None, "refractory_without_uptake", f"{refractory}: ",
                          sources=[INSULINOMA_PRRT_2025])
    liver = has_liver_disease(p)
    if liver:
        out += (_each(
            with_role("liver_embolisation"), "preferred",
            f"{refractory}, liver metastases: cytoreduction of the liver disease can reduce "
            "insulin secretion (expert practice; the reviews list it without trial data).",
            sources=[MATEJ_2016],
        ))
    elif liver is None:
        out += (_each(
            with_role("liver_embolisation"), None,
            f"{refractory}: if the disease is in the liver, liver-directed cytoreduction is an "
            "option (expert practice).",
            sources=[MATEJ_2016],
        ))
    out += (_each(
        with_role("resection"), None,
        f"{refractory}: cytoreductive surgery is one of the steps when drugs fail (expert "
        "practice).",
        sources=[MATEJ_2016],
    ))
    return out
