"""Hereditary context: belzutifan for VHL-associated pNET.

Belzutifan, a HIF-2α inhibitor, targets the driver of VHL-associated tumours: in LITESPARK-004,
20 of 22 pNETs responded. It is approved in the US (13 August 2021) for VHL pNET not needing
immediate surgery, and conditionally in the EU (2025) when localised procedures are unsuitable.
Outside VHL disease it has no evidence or approval. Its boxed warning (embryo-fetal toxicity) makes
pregnancy status and non-hormonal contraception part of the decision; those live with its
catalogue entry. MEN1, NF1 and tuberous sclerosis change surveillance, surgery and counselling but
carry no drug rule here.

>>> from pannet_edu.engine.patient import Patient
>>> hereditary_context(Patient(ki67=5, hereditary="VHL"))[0].verdict
'preferred'
"""

from __future__ import annotations

from ..content.sources import BELZUTIFAN_FDA
from .combine import Finding, finding, rule
from .roles import with_role
from .scope import trial_with


@rule("hereditary_context", "§7 VHL: belzutifan (LITESPARK-004; FDA 2021, EU 2025)")
def hereditary_context(p) -> list[Finding]:
    # The option's trial in VHL (its name is the data's: evidence_scope.yaml).
    tested = [(t, _vhl_trials(t)) for t in with_role("vhl_directed")]
    if p.hereditary == "VHL":
        return [finding(
            t, "preferred",
            "VHL: belzutifan (a HIF-2α inhibitor) is approved for VHL-associated pNET not "
            f"needing immediate surgery; most pNETs responded in {', '.join(trials)}.",
            trials=trials, sources=[BELZUTIFAN_FDA],
        ) for t, trials in tested]
    factor = f"{p.hereditary}, not VHL" if p.hereditary else "No VHL"
    return [finding(
        t, "not suitable",
        f"{factor}: belzutifan's evidence and approval are for VHL-associated tumours only.",
        trials=trials, sources=[BELZUTIFAN_FDA],
    ) for t, trials in tested]


def _vhl_trials(therapy: str) -> list[str]:
    """The trials of the option's evidence that enrolled a hereditary syndrome."""
    trial = trial_with(therapy, lambda e: "hereditary" in e.population)
    return [] if trial is None else [trial.trial]
