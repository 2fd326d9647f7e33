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

from ..vocab import GROUP_RADIOLIGAND, GROUP_TARGETED
from .catalogue import load_catalogue
from .combine import Finding, finding, rule
from .facts import (
    is_nec,
    is_net_g3,
    names,
    refractory_insulinoma,
    sstr_prrt_possible,
)
from .roles import groups, has_role, sole
from .scope import Evidence, saying, trial_with


def _cited(trial: Evidence) -> list[str]:
    return [trial.trial, *trial.cites_with]


@rule("after_progression", "§4 Options after progression and trial populations (Hauser 2019)")
def after_progression(p) -> list[Finding]:
    if is_nec(p):
        return []
    out: list[Finding] = []
    insulinoma = refractory_insulinoma(p)
    if p.progressing:
        for therapy, trial in saying("progressing"):
            out.append(finding(therapy, None, trial.saying("progressing"), trials=_cited(trial)))
        if sstr_prrt_possible(p):
            for therapy in sole(GROUP_RADIOLIGAND):
                trial = trial_with(therapy, lambda e: "progressing_with_uptake" in e.says)
                if trial is not None:
                    out.append(finding(therapy, None, trial.saying("progressing_with_uptake"),
                                       trials=_cited(trial)))
    else:
        for therapy, trial in saying("stable"):
            if insulinoma and has_role(therapy, "insulinoma_hypoglycaemia"):
                continue  # refractory hypoglycaemia does not wait for progression
            out.append(finding(
                therapy, "caution",
                f"Stable disease (not progressing): {trial.saying('stable')}; there is no "
                "trial-backed reason to start it now.",
                trials=[trial.trial],
            ))

    out += _previously_treated(p)
    out += _max_prior_lines(p)
    if is_net_g3(p):
        for therapy, trial in saying("net_g3"):
            limit = "caution" if "G3" not in trial.population.get("grades", ()) else None
            if has_role(therapy, "insulinoma_hypoglycaemia") and insulinoma:
                limit = None
            out.append(finding(therapy, limit, trial.saying("net_g3"), trials=[trial.trial]))
        for therapy in sole(GROUP_RADIOLIGAND):
            out += _above_first_line_range(p, therapy)
    return out


def _previously_treated(p) -> list[Finding]:
    """The option tested after PRRT or a targeted agent: untreated patients lie outside it."""
    treated = [t for t in p.prior if ({GROUP_TARGETED, GROUP_RADIOLIGAND} & groups(t))
               and not has_role(t, "vhl_directed")]
    out = []
    for therapy, trial in saying("untreated"):
        if not treated:
            out.append(finding(therapy, "caution", trial.saying("untreated"),
                               trials=[trial.trial]))
        elif p.progressing:
            label = names()
            out.append(finding(
                therapy, None,
                f"Progressing after {', '.join(label[t] for t in treated)}: "
                f"{trial.saying('after_treatment')}",
                trials=[trial.trial],
            ))
    return out


def _max_prior_lines(p) -> list[Finding]:
    """Options whose trial enrolled at most N prior regimens (SANET-p: 2)."""
    out = []
    for therapy in load_catalogue().ids:
        trial = trial_with(therapy, lambda e: "max_prior_lines" in e.population)
        if trial is None:
            continue
        most = trial.population["max_prior_lines"]
        if len(p.prior) > most:
            out.append(finding(
                therapy, "caution",
                f"{len(p.prior)} prior regimens: {trial.trial} enrolled patients with at most "
                f"{most} prior regimens.",
                trials=[trial.trial],
            ))
    return out


def _above_first_line_range(p, therapy: str) -> list[Finding]:
    trial = trial_with(therapy, lambda e: e.population.get("prior") == "none"
                       and "max" in e.population.get("ki67", {}))
    if trial is None or p.ki67 is None:
        return []
    high = trial.population["ki67"]["max"]
    if p.ki67 <= high:
        return []
    return [finding(
        therapy, "caution",
        f"Ki-67 {p.ki67:g}% (above {high:g}%): {trial.trial} enrolled Ki-67 up "
        f"to {high:g}%; beyond that PRRT lies outside the trial evidence.",
        trials=[trial.trial],
    )]
