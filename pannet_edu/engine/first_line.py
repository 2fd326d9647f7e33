"""First line for well-differentiated, SSTR-positive, lower-grade disease: usually an SSA.

An SSA (lanreotide 120 mg every 28 days, CLARINET; octreotide LAR 30 mg every 4 weeks, PROMID in
midgut only) is the usual first line, for its low toxicity and low burden of treatment (Hauser
2019). CLARINET's evidence applies to Ki-67 below 10%; low tumour volume is a preference, not a
requirement (a third of CLARINET had more than 25% hepatic involvement).

At Ki-67 10-55% with SSTR-positive disease, first-line PRRT with an SSA prolonged PFS over
high-dose octreotide (NETTER-2); below that, PRRT usually comes after an SSA.

Everolimus plus lanreotide (STARTER-NET, Japan, phase 3) was tested at first line in
non-functioning G1/G2 NET with poor-prognosis features (Ki-67 5-20%, or below 5% with diffuse
liver metastases): PFS 29.7 vs 11.5 months with everolimus alone at the interim analysis, with more
toxicity. It has been reported at congresses only (no journal paper found), so it is taught as a
reasonable option for that population, never as preferred.

>>> from pannet_edu.engine.patient import Patient
>>> [f.verdict for f in first_line_ssa(Patient(ki67=5, sstr="positive"))]
['preferred']
"""

from __future__ import annotations

from ..content.sources import HAUSER_2019, STARTER_NET
from ..vocab import GROUP_RADIOLIGAND, GROUP_SSA, GROUP_TARGETED, SYNDROME_NAMES
from .combine import Finding, finding, rule
from .facts import (
    is_low_grade,
    is_nec,
    is_net_g3,
    ki67_text,
    needs_hormone_control_by_ssa,
    refractory_insulinoma,
    shrinkage_triggers,
    sstr_for_ssa,
    sstr_target,
)
from .roles import groups, had_group, select, sole
from .scope import load_scope, trial_with


def _clarinet(therapy_id: str):
    """The option's trial with a Ki-67 ``below`` bound (for an SSA: CLARINET)."""
    return trial_with(therapy_id, lambda e: "below" in e.population.get("ki67", {}))


def _first_line_trial(therapy_id: str):
    """The option's untreated-only trial with a Ki-67 range (for PRRT: NETTER-2)."""
    return trial_with(therapy_id, lambda e: e.population.get("prior") == "none"
                      and {"min", "max"} <= set(e.population.get("ki67", {})))


@rule("first_line_ssa", "§3 SSA first for SSTR-positive lower-grade NET (CLARINET; Hauser 2019)")
def first_line_ssa(p) -> list[Finding]:
    if is_nec(p) or not sstr_for_ssa(p) or had_group(p, GROUP_SSA, alone=True):
        return []
    out = []
    for therapy in sole(GROUP_SSA):
        trial = _clarinet(therapy)
        if trial is not None:
            out.append(_first_line_ssa(p, therapy, trial.trial,
                                       trial.population["ki67"]["below"]))
    return out


def _first_line_ssa(p, therapy: str, name: str, below: float) -> Finding:
    if is_net_g3(p):
        verdict = None if needs_hormone_control_by_ssa(p) else "caution"
        return finding(
            therapy, verdict,
            f"NET G3 ({ki67_text(p)}): {name} enrolled G1/G2 tumours with Ki-67 below "
            f"{below:g}%; an SSA alone to control G3 growth lies outside that evidence.",
            trials=[name],
        )
    if p.ki67 is None:
        return finding(
            therapy, None,
            f"Ki-67 not given ({p.grade.label} by mitotic count): the {name} evidence applies "
            f"to Ki-67 below {below:g}%, so Ki-67 is needed.",
            trials=[name],
        )
    if p.ki67 < below:
        return finding(
            therapy, "preferred",
            f"{p.grade.label}, Ki-67 {p.ki67:g}% (below {below:g}%), "
            "SSTR-positive, no SSA yet: an SSA is the usual first line, with low toxicity and "
            "a low burden of treatment. Low tumour volume is a preference, not a requirement.",
            trials=[name],
            sources=[HAUSER_2019],
        )
    return finding(
        therapy, None,
        f"Ki-67 {p.ki67:g}% ({below:g}% or more): above the {name} range, so "
        "the antiproliferative evidence for an SSA is weaker.",
        trials=[name],
    )


def _first_line_prrt_words() -> dict[str, str]:
    for therapy in sole(GROUP_RADIOLIGAND):
        trial = _first_line_trial(therapy)
        if trial is not None:
            ki67 = trial.population["ki67"]
            return {"range": f"Ki-67 {ki67['min']:g}-{ki67['max']:g}% ({trial.trial})"}
    return {"range": "the Ki-67 range of its first-line trial"}


@rule("first_line_prrt", "§1/§3 PRRT first line at {range}; later otherwise",
      _first_line_prrt_words)
def first_line_prrt(p) -> list[Finding]:
    if is_nec(p) or not sstr_target(p) or p.prior:
        return []
    out = []
    for therapy in sole(GROUP_RADIOLIGAND):
        trial = _first_line_trial(therapy)
        if trial is not None:
            out += _first_line_prrt(p, therapy, trial.trial, trial.population["ki67"]["min"],
                                    trial.population["ki67"]["max"])
    return out


def _first_line_prrt(p, therapy: str, name: str, low: float, high: float) -> list[Finding]:
    if p.ki67 is not None and low <= p.ki67 <= high:
        return [finding(
            therapy, "preferred",
            f"Ki-67 {p.ki67:g}% ({low:g}-{high:g}%), SSTR-positive, "
            "no prior therapy: first-line PRRT with an SSA prolonged PFS over high-dose "
            f"octreotide ({name}).",
            trials=[name],
        )]
    low_ki67 = p.ki67 is None or p.ki67 < low
    if refractory_insulinoma(p):
        return []  # refractory hypoglycaemia does not wait behind an SSA (functional module)
    near_cut_off = load_scope().near_cut_off.holds(p.ki67)  # the near-cut-off rule speaks then
    if low_ki67 and not p.progressing and not shrinkage_triggers(p) and not near_cut_off:
        pretreated = trial_with(therapy, lambda e: e.population.get("prior") == "required")
        midgut = trial_with(therapy, lambda e: e.population.get("pancreatic") == "excluded")
        if pretreated is None or midgut is None:
            return []
        return [finding(
            therapy, "caution",
            f"No prior therapy, stable, {ki67_text(p)}: the PRRT trials enrolled progressing "
            f"pretreated disease ({pretreated.trial} in panNET; {midgut.trial} in midgut NET) "
            f"or Ki-67 {low:g}-{high:g}% at first line ({name}); an SSA comes first here.",
            trials=[pretreated.trial, name],
        )]
    return []


@rule("ki67_near_cut_off", "§13 Cut-offs are not cliffs: near Ki-67 {cut_off}% no option is "
      "preferred", lambda: {"cut_off": f"{load_scope().near_cut_off.cut_off:g}"})
def ki67_near_cut_off(p) -> list[Finding]:
    near = load_scope().near_cut_off
    if is_nec(p) or not near.holds(p.ki67) or p.prior:
        return []
    reason = (f"Ki-67 {p.ki67:g}%, close to the {near.cut_off:g}% line: {near.words}. So an SSA, "
              "surveillance and first-line PRRT can all be reasonable here; none is preferred "
              "on Ki-67 alone.")
    return [finding(t, "reasonable", reason, sources=[near.source])
            for t in load_scope().divided_by_cut_off()]


@rule("everolimus_plus_ssa", "§3 Everolimus plus SSA at first line (STARTER-NET, congress)")
def first_line_everolimus_ssa(p) -> list[Finding]:
    if is_nec(p):
        return []  # the classification rule rules it out
    out = []
    for therapy in select(lambda t: groups(t.id) == {GROUP_TARGETED, GROUP_SSA}):
        trial = trial_with(therapy, lambda e: e.ki67_cut_off is not None)
        if trial is not None:
            out.append(_everolimus_ssa(p, therapy, trial))
    return out


def _everolimus_ssa(p, therapy: str, trial) -> Finding:
    # Whom the trial enrolled and what it gave are the data's (its ``says``), with its numbers.
    poor_prognosis_from = trial.ki67_cut_off
    evidence = trial.saying("first_line_enrolled")
    if not is_low_grade(p):
        return finding(therapy, "caution", f"{p.grade.label}: {evidence}.",
                       sources=[STARTER_NET])
    if p.syndrome is not None:
        return finding(therapy, "caution",
                       f"Functioning tumour ({SYNDROME_NAMES[p.syndrome]}): {evidence}.",
                       sources=[STARTER_NET])
    if p.prior:
        return finding(therapy, "caution",
                       f"Already treated: {evidence}.", sources=[STARTER_NET])
    diffuse_liver = p.burden == "high" and p.m_category in ("M1a", "M1c")
    poor_prognosis = (p.ki67 is not None and p.ki67 >= poor_prognosis_from) or diffuse_liver
    if not poor_prognosis:
        return finding(
            therapy, "caution",
            f"{ki67_text(p)} without diffuse liver metastases: {evidence}; an SSA alone is the "
            "usual first line here.",
            sources=[STARTER_NET],
        )
    return finding(
        therapy, "reasonable",
        f"First line, non-functioning {p.grade.label} with poor-prognosis features "
        f"({ki67_text(p)}{', diffuse liver metastases' if diffuse_liver else ''}): "
        f"{trial.saying('first_line_result')}",
        sources=[STARTER_NET],
    )
