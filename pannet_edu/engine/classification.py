"""Classify first: the treatment pathway splits on differentiation (WHO 2019/2022).

Well-differentiated NET (G1, G2, G3) and poorly differentiated neuroendocrine carcinoma (NEC,
small- or large-cell) are different diseases. For NEC, platinum (cisplatin or carboplatin) plus
etoposide is the first-line standard (ENETS 2023 NEC guidance); SSAs, everolimus and sunitinib are
not NEC treatments. After platinum-etoposide, irinotecan-based chemotherapy has modest evidence
from two randomised phase 2 trials: FOLFIRI (PRODIGE 41-BEVANEC: median OS 8.9 months; adding
bevacizumab added nothing) and liposomal irinotecan with 5-FU (NET-02: 6-month PFS 29.6%, its
endpoint met). With results this modest, a clinical trial is the other standard answer.

NET G3 (well differentiated, Ki-67 above 20%) responds less to platinum-etoposide than NEC, more
so below Ki-67 55% (NORDIC NEC, a qualitative finding); ENETS favours CAPTEM or 5-FU-based
chemotherapy first line, and PRRT for selected SSTR-positive NET G3.

>>> from pannet_edu.engine.patient import Patient
>>> [f.verdict for f in nec_pathway(Patient(ki67=70, differentiation="poor"))
...  if f.therapy == "platinum_etoposide"]
['preferred']
"""

from __future__ import annotations

from ..content.sources import ENETS_NET_G3, NET_02, PRODIGE_41, SORBYE_2023, WHO_2019
from ..vocab import GROUP_CHEMOTHERAPY, GROUP_RADIOLIGAND, GROUP_TARGETED
from .combine import Finding, finding, rule
from .facts import is_low_grade, is_nec, ki67_text
from .roles import groups, had_role, has_role, sole, with_role
from .scope import Evidence, load_scope, saying, trial_with

NEC = "Poorly differentiated (NEC)"

def _nec_said(group: str) -> list[tuple[str, Evidence]]:
    """(therapy id, trial) for the options of ``group`` (not the VHL-directed one) whose trial
    says what its population means for a NEC (``says.nec`` in the evidence file)."""
    return [(t, trial) for t, trial in saying("nec")
            if group in groups(t) and not has_role(t, "vhl_directed")]


def _trials_saying_nec(therapy: str) -> list[Evidence]:
    """The trials of the option's evidence that say what they mean for a NEC, in order."""
    return [e for e in load_scope().for_therapy(therapy) if e.trial and "nec" in e.says]


def _names(pairs: list[tuple[str, Evidence]]) -> list[str]:
    return list(dict.fromkeys(trial.trial for _t, trial in pairs))


def _nordic_cut(therapy: str) -> tuple[str, float] | None:
    """The option's trial with a Ki-67 line in its findings (platinum-etoposide: NORDIC NEC)."""
    trial = trial_with(therapy, lambda e: e.ki67_cut_off is not None)
    return None if trial is None else (trial.trial, trial.ki67_cut_off)


@rule("nec_pathway", "§1 NET/NEC split (WHO 2019; ENETS 2023 NEC, Sorbye 2023; NORDIC NEC)")
def nec_pathway(p) -> list[Finding]:
    if is_nec(p):
        return _nec(p)
    if is_low_grade(p):
        return [
            *(finding(
                t,
                "not suitable",
                f"{p.grade.label}, well differentiated: platinum-etoposide is the regimen for "
                "NEC; the chemotherapy evidence in G1/G2 panNET is alkylating (CAPTEM, "
                "streptozocin).",
                trials=_names(_nec_said(GROUP_CHEMOTHERAPY)),
                sources=[SORBYE_2023],
            ) for t in with_role("nec_first_line")),
            *(finding(
                t,
                "not suitable",
                f"{p.grade.label}, well differentiated: the irinotecan trials enrolled NEC after "
                "platinum-etoposide; G1/G2 panNET has several proven options.",
                sources=[PRODIGE_41, NET_02],
            ) for t in with_role("nec_second_line")),
        ]
    out = [
        finding(
            t,
            "caution",
            f"NET G3 ({ki67_text(p)}): the irinotecan trials enrolled NEC after platinum-"
            "etoposide; for NET G3, ENETS favours CAPTEM or 5-FU-based chemotherapy.",
            sources=[PRODIGE_41, NET_02, ENETS_NET_G3],
        )
        for t in with_role("nec_second_line")
    ]
    for t in with_role("nec_first_line"):
        cut = _nordic_cut(t)
        if cut is None:
            continue
        name, line = cut
        if p.ki67 is not None and p.ki67 >= line:
            out.append(finding(
                t,
                None,
                f"NET G3 with Ki-67 {p.ki67:g}% ({line:g}% or more): in {name}, "
                "response to platinum-etoposide was higher at this Ki-67 (a qualitative finding "
                "in a series that did not separate NET G3 from NEC).",
                trials=[name],
            ))
        else:
            out.append(finding(
                t,
                "caution",
                f"NET G3 ({ki67_text(p)}): well-differentiated G3 NET responds less to platinum-"
                f"etoposide than NEC, and {name} found lower response rates below Ki-67 "
                f"{line:g}%.",
                trials=[name],
                sources=[SORBYE_2023, ENETS_NET_G3],
            ))
    return out


def _nec(p) -> list[Finding]:
    after_platinum = had_role(p, "nec_first_line")
    out = [
        *(finding(t, "caution", f"{NEC}: {trials[0].saying('nec')}", trials=[trials[0].trial],
                  sources=[SORBYE_2023])
          for t in with_role("vhl_directed") if (trials := _trials_saying_nec(t))),
        *(
            finding(
                t,
                "not suitable",
                f"{NEC}: SSAs, everolimus and sunitinib are not NEC treatments; NEC is "
                "a different disease from well-differentiated NET.",
                sources=[SORBYE_2023, WHO_2019],
            )
            for t in with_role("not_for_nec")
        ),
        *(finding(t, "not suitable", f"{NEC}: {trial.saying('nec')}", trials=[trial.trial])
          for t, trial in _nec_said(GROUP_TARGETED)),
        *(finding(t, "caution", f"{NEC}: {trial.saying('nec')}",
                  trials=[trial.trial, *trial.cites_with], sources=[SORBYE_2023])
          for t, trial in _nec_said(GROUP_CHEMOTHERAPY)),
        *(finding(t, "caution", f"{NEC}: {trials[0].saying('nec')}",
                  trials=[e.trial for e in trials])
          for t in sole(GROUP_RADIOLIGAND) if (trials := _trials_saying_nec(t))),
    ]
    if not after_platinum:
        out += [
            *(finding(
                t,
                "preferred",
                f"{NEC}: platinum (cisplatin or carboplatin) plus etoposide is the "
                "first-line standard for neuroendocrine carcinoma.",
                sources=[SORBYE_2023],
            ) for t in with_role("nec_first_line")),
            *(finding(
                t,
                "caution",
                f"{NEC}, no platinum-etoposide yet: the irinotecan regimens were tested as "
                "second line, after platinum-etoposide.",
                sources=[PRODIGE_41, NET_02],
            ) for t in with_role("nec_second_line")),
        ]
    else:
        # Each second-line trial's regimen and result are the data's (says.after_platinum).
        said = {trial.key: trial.saying("after_platinum")
                for _t, trial in saying("after_platinum")}
        out += [finding(
            t,
            None,
            f"{NEC} after platinum-etoposide: {' and '.join(said.values())} are second-line "
            "options with modest benefit.",
            sources=[PRODIGE_41, NET_02],
        ) for t in with_role("nec_second_line") if said]
    return out
