"""Prior therapy: what failed, and what worked.

A therapy on which the disease progressed is not repeated unchanged. A therapy that controlled the
disease for a long time is not the same as one that failed: **PRRT re-treatment** after a durable
first response is a real option (the Rotterdam series required PFS of at least 18 months after
the first course; re-treatment PFS 14.6 months; pooled re-treatment PFS about 12.5-14 months, less
than the first course; NETTER-2 let investigators re-treat; the US label gives four doses only),
and so is **chemotherapy rechallenge** after a long treatment-free interval (expert practice; no
dedicated trial). Something outside the evidence is never shown as unsuitable merely because no
trial covers it.

After PRRT, counts that stay low need a marrow work-up for myelodysplasia or leukaemia before the
next line (label: MDS about 2-3%, acute leukaemia about 0.5%), and low platelets add to the
bleeding risk of a VEGFR tyrosine kinase inhibitor.

>>> from pannet_edu.engine.patient import Patient
>>> p = Patient(ki67=8, sstr="positive", progressing=True, prior=["prrt"], durable_benefit=["prrt"])
>>> [f.verdict for f in prior_therapy(p)]
['reasonable']
"""

from __future__ import annotations

from ..content.sources import (
    HAUSER_2019,
    LUTATHERA_LABEL,
    MULTIDISCIPLINARY_PRACTICE,
    PRRT_RETREATMENT_META,
    VAN_DER_ZWAN_2019,
)
from ..vocab import GROUP_CHEMOTHERAPY, GROUP_RADIOLIGAND, GROUP_SSA
from .before_starting import marrow_risk_after_prrt
from .catalogue import load_catalogue
from .combine import Finding, finding, rule
from .facts import names
from .roles import given, groups, had_benefit, sole
from .scope import trial_with


@rule("prior_therapy", "§9 What failed is not repeated; what worked long may be given again")
def prior_therapy(p) -> list[Finding]:
    catalogue = load_catalogue()
    label = names()
    out = []
    for therapy in catalogue.ids:  # the same option under another id counts as given too
        if not catalogue.is_systemic(therapy) or not given(p, therapy):
            continue
        name = label[therapy]
        if had_benefit(p, therapy):
            out.append(_durable(therapy, name, groups(therapy)))
        elif groups(therapy) == {GROUP_SSA}:
            after = ", and the disease progressed" if p.progressing else ""
            alongside, again = _with_prrt(), _after_itself(therapy)
            out.append(finding(
                therapy, "caution",
                f"Prior SSA: already given{after}; continuing it alone will not control growth. "
                f"It may be kept for hormone control or alongside PRRT (as in {alongside}); a "
                "higher dose after progression was tested only in a single-arm trial "
                f"({again}).",
                trials=[t for t in (alongside, again) if t],
            ))
        elif p.progressing:
            out.append(finding(
                therapy, "not suitable",
                f"Prior {name}, and the disease is progressing: a therapy on which the disease "
                "progressed is not repeated unchanged.",
                sources=[HAUSER_2019],
            ))
        else:
            out.append(finding(
                therapy, "caution",
                f"Prior {name}: already given. It is not repeated after progression; if it "
                "controlled the disease for a long time, giving it again can be discussed.",
                sources=[HAUSER_2019],
            ))
    return out


def _with_prrt() -> str:
    """The PRRT trial that gave an SSA alongside, in midgut NET (its name is the data's)."""
    found = [trial_with(t, lambda e: e.population.get("pancreatic") == "excluded")
             for t in sole(GROUP_RADIOLIGAND)]
    return next((e.trial for e in found if e is not None), "")


def _after_itself(therapy: str) -> str:
    """The option's trial in progressing patients who had had a named prior therapy (for an
    SSA: a higher dose after progression on it)."""
    trial = trial_with(therapy, lambda e: bool(e.population.get("prior_any_of"))
                       and e.population.get("progressing") is True)
    return "" if trial is None else trial.trial


def _first_line_prrt(therapy: str) -> str:
    """The PRRT option's first-line trial (no prior therapy allowed)."""
    trial = trial_with(therapy, lambda e: e.population.get("prior") == "none")
    return "" if trial is None else trial.trial


def _retreated(therapy: str) -> str:
    """What the option's re-treatment series gave, with its figures (the data's ``says``),
    followed by a space; empty when the data hold none."""
    trial = trial_with(therapy, lambda e: "durable_benefit" in e.says)
    return "" if trial is None else trial.saying("durable_benefit") + " "


def _durable(therapy: str, name: str, groups_: frozenset[str]) -> Finding:
    if groups_ == {GROUP_RADIOLIGAND}:
        return finding(
            therapy, "reasonable",
            f"Prior PRRT with a long benefit: re-treatment is an option. {_retreated(therapy)}"
            f"{_first_line_prrt(therapy)} let investigators re-treat; the US label gives four "
            "doses.",
            sources=[VAN_DER_ZWAN_2019, PRRT_RETREATMENT_META],
        )
    if GROUP_CHEMOTHERAPY in groups_:
        return finding(
            therapy, "reasonable",
            f"Prior {name} with a long benefit: rechallenge after a long treatment-free interval "
            "is an option in expert practice; no dedicated trial has tested it.",
            sources=[MULTIDISCIPLINARY_PRACTICE],
        )
    if groups_ == {GROUP_SSA}:
        return finding(
            therapy, "caution",
            "Prior SSA with a long benefit: it may be continued for hormone control or alongside "
            "another treatment; on its own it will not control growth that has resumed.",
            trials=[t for t in (_after_itself(therapy),) if t],
        )
    return finding(
        therapy, "caution",
        f"Prior {name} with a long benefit: giving it again after a long response has no "
        "dedicated trial (expert practice); discuss it rather than rule it out.",
        sources=[MULTIDISCIPLINARY_PRACTICE],
    )


@rule("cytopenia_after_prrt", "§9/§10 Low counts after PRRT: marrow work-up before the next line")
def cytopenia_after_prrt(p) -> list[Finding]:
    marrow = marrow_risk_after_prrt(p)
    if marrow is None:
        return []
    catalogue = load_catalogue()
    return [
        finding(
            t.id, "caution",
            "Persistent low counts after PRRT: a marrow examination for myelodysplasia or "
            f"leukaemia comes before the next line ({marrow.source}).",
            sources=[LUTATHERA_LABEL],
        )
        for t in catalogue
        if catalogue.is_systemic(t.id)
    ]
