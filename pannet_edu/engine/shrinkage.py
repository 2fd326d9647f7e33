"""When shrinkage is needed, choose what shrinks tumours.

Heavy tumour burden, symptoms from bulk, NET G3, rapid or aggressive progression, or a chance to
make surgery possible call for treatments with real response rates: chemotherapy above all
(Moertel 1992; Kouvaraki 2004, ORR 39%; E2211) and PRRT (NETTER-2, ORR 43%). Targeted agents
mostly stabilise disease (ORR sunitinib 9.3%, cabozantinib 19% in the panNET cohort) and an SSA
slows growth rather than shrinking tumours (CLARINET's endpoint was PFS). With a functional
syndrome, symptoms are hormonal: hormone control comes first, so hormonal symptoms alone are not a
reason for shrinkage. When no shrinkage is needed, chemotherapy's toxicity buys little.

>>> from pannet_edu.engine.patient import Patient
>>> found = need_for_shrinkage(Patient(ki67=8, burden="high"))
>>> {f.therapy: f.verdict for f in found}["streptozocin_based"]
'preferred'
"""

from __future__ import annotations

from ..content.sources import HAUSER_2019
from ..vocab import GROUP_CHEMOTHERAPY, GROUP_RADIOLIGAND, GROUP_SSA, GROUP_TARGETED
from .combine import Finding, finding, rule
from .facts import (
    factor_list,
    is_nec,
    needs_hormone_control_by_ssa,
    shrinkage_triggers,
    sstr_target,
)
from .roles import net_line, sole
from .scope import Evidence, saying, trial_with


def _shrinkage(group: str) -> list[tuple[str, Evidence]]:
    """(therapy id, trial) for the options of ``group`` (its NET line) whose trial has a
    shrinkage sentence in the evidence file (its ``says``), in file order."""
    line = net_line(group)
    return [(t, trial) for t, trial in saying("shrinkage") if t in line]


def _cited(trial: Evidence) -> list[str]:
    return [trial.trial, *trial.cites_with]


@rule("need_for_shrinkage", "§5 Shrinkage: chemotherapy and PRRT respond (Hauser 2019, NETTER-2)")
def need_for_shrinkage(p) -> list[Finding]:
    if is_nec(p):
        return []
    triggers = shrinkage_triggers(p)
    if not triggers:
        if p.progressing:
            return [finding(
                t, None,
                "Low burden and no symptoms from the tumour: chemotherapy is one option after "
                "progression; it is favoured when shrinkage is needed.",
                sources=[HAUSER_2019],
            ) for t in net_line(GROUP_CHEMOTHERAPY)]
        return [finding(
            t, "caution",
            "Low burden, no symptoms from the tumour, stable disease: no shrinkage is needed, so "
            "chemotherapy's toxicity buys little now (chemotherapy is favoured for heavy burden, "
            "higher grade or aggressive disease).",
            sources=[HAUSER_2019],
        ) for t in net_line(GROUP_CHEMOTHERAPY)]
    factor = factor_list(triggers)
    low = list({trial.key: trial for _t, trial in _shrinkage(GROUP_TARGETED)}.values())
    out = [
        *(finding(t, "preferred", f"{factor}: {trial.saying('shrinkage')}",
                  trials=_cited(trial), sources=[HAUSER_2019])
          for t, trial in _shrinkage(GROUP_CHEMOTHERAPY)),
        *(finding(t, None, f"{factor}: {low[0].saying('shrinkage')}",
                  trials=[trial.trial for trial in low])
          for t in (net_line(GROUP_TARGETED) if low else ())),
    ]
    if sstr_target(p):
        out += [finding(t, "preferred", f"{factor}: {trial.saying('shrinkage')}",
                        trials=[trial.trial]) for t, trial in _sole_saying(GROUP_RADIOLIGAND)]
    if not needs_hormone_control_by_ssa(p):
        out += [finding(t, "reasonable", f"{factor}: {trial.saying('shrinkage')}",
                        trials=[trial.trial], sources=[HAUSER_2019])
                for t, trial in _sole_saying(GROUP_SSA)]
    return out


def _sole_saying(group: str) -> list[tuple[str, Evidence]]:
    """(therapy id, trial) for each option of ``group`` given alone, with the first trial of its
    evidence that has a shrinkage sentence."""
    found = ((t, trial_with(t, lambda e: "shrinkage" in e.says)) for t in sole(group))
    return [(t, trial) for t, trial in found if trial is not None]
