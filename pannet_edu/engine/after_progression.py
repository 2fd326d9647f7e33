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
from .roles import groups, has_role, sole, tested_in
from .scope import trial_with

#: What each targeted or chemotherapy trial says when the disease progresses, and (for the
#: targeted trials that enrolled progressing disease) whom it enrolled: the option tested in the
#: trial (its ``evidence`` in the catalogue) gets the sentence.
_PROGRESSING = {
    "RADIANT-3": "Progressing: everolimus prolonged PFS in progressive panNET (RADIANT-3); "
                 "it mostly stabilises disease.",
    "A6181111": "Progressing: sunitinib prolonged PFS in progressive well-differentiated "
                "panNET (A6181111).",
    "SANET-p": "Progressing: surufatinib prolonged PFS in progressive panNET (SANET-p); "
               "its approval differs by country.",
    "E2211": "Progressing: CAPTEM gave longer PFS than temozolomide alone in "
             "progressive panNET (E2211).",
    "Moertel 1992": "Progressing: streptozocin-based chemotherapy is an established panNET "
                    "option (Moertel 1992; Kouvaraki 2004).",
}
_PROGRESSING_TRIALS = {"Moertel 1992": ["Moertel 1992", "Kouvaraki 2004"]}
_STABLE = {
    "RADIANT-3": "RADIANT-3 enrolled panNET that had progressed within the previous 12 months",
    "A6181111": "the sunitinib trial (A6181111) enrolled progressing well-differentiated panNET",
    "SANET-p": "SANET-p enrolled progressive G1/G2 panNET",
    "CABINET": "CABINET tested it in previously treated patients",
}
_NET_G3 = {
    "RADIANT-3": "NET G3: RADIANT-3 enrolled low- or intermediate-grade panNET.",
    "SANET-p": "NET G3: SANET-p enrolled G1/G2 panNET only.",
    "CABINET": "NET G3: CABINET included well-differentiated G3 tumours.",
}
#: The trial that enrolled patients previously treated with PRRT or a targeted agent.
_PREVIOUSLY_TREATED = "CABINET"


def _by_trial(table: dict[str, str]) -> list[tuple[str, str]]:
    """(therapy id, trial) for every option whose evidence lists a trial of ``table``."""
    return [(t, trial) for trial in table for t in tested_in(trial)]


@rule("after_progression", "§4 Options after progression and trial populations (Hauser 2019)")
def after_progression(p) -> list[Finding]:
    if is_nec(p):
        return []
    out: list[Finding] = []
    insulinoma = refractory_insulinoma(p)
    if p.progressing:
        for therapy, trial in _by_trial(_PROGRESSING):
            out.append(finding(therapy, None, _PROGRESSING[trial],
                               trials=_PROGRESSING_TRIALS.get(trial, [trial])))
        if sstr_prrt_possible(p):
            out += [finding(
                therapy, None,
                "Progressing, SSTR uptake at least that of liver: 177Lu-DOTATATE is an option "
                "after an SSA. In panNET its randomised evidence is OCLURANDOM (against sunitinib, "
                "non-comparative, congress report). Neither NETTER-1 (midgut NET only) nor "
                "COMPETE (its radiopharmaceutical was 177Lu-edotreotide, a different one) is "
                "panNET evidence for it.",
                trials=["OCLURANDOM"],
            ) for therapy in sole(GROUP_RADIOLIGAND)]
    else:
        for therapy, trial in _by_trial(_STABLE):
            if insulinoma and has_role(therapy, "insulinoma_hypoglycaemia"):
                continue  # refractory hypoglycaemia does not wait for progression
            out.append(finding(
                therapy, "caution",
                f"Stable disease (not progressing): {_STABLE[trial]}; there is no trial-backed "
                "reason to start it now.",
                trials=[trial],
            ))

    out += _previously_treated(p)
    out += _max_prior_lines(p)
    if is_net_g3(p):
        for therapy, trial in _by_trial(_NET_G3):
            limit = "caution" if "G3" not in trial_with(
                therapy, lambda e, t=trial: e.trial == t).population.get("grades", ()) else None
            if has_role(therapy, "insulinoma_hypoglycaemia") and insulinoma:
                limit = None
            out.append(finding(therapy, limit, _NET_G3[trial], trials=[trial]))
        for therapy in sole(GROUP_RADIOLIGAND):
            out += _above_first_line_range(p, therapy)
    return out


def _previously_treated(p) -> list[Finding]:
    """The option tested after PRRT or a targeted agent: untreated patients lie outside it."""
    treated = [t for t in p.prior if ({GROUP_TARGETED, GROUP_RADIOLIGAND} & groups(t))
               and not has_role(t, "vhl_directed")]
    out = []
    for therapy in tested_in(_PREVIOUSLY_TREATED):
        if not treated:
            out.append(finding(
                therapy, "caution",
                "No prior PRRT or targeted therapy: CABINET enrolled previously treated patients "
                "(prior PRRT and/or targeted therapy).",
                trials=[_PREVIOUSLY_TREATED],
            ))
        elif p.progressing:
            label = names()
            out.append(finding(
                therapy, None,
                f"Progressing after {', '.join(label[t] for t in treated)}: cabozantinib "
                "prolonged PFS in previously treated panNET (CABINET).",
                trials=[_PREVIOUSLY_TREATED],
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
