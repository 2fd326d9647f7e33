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
from ..vocab import GROUP_RADIOLIGAND
from .combine import Finding, finding, rule
from .facts import is_low_grade, is_nec, ki67_text
from .roles import had_role, sole, tested_in, with_role
from .scope import trial_with

NEC = "Poorly differentiated (NEC)"

#: What a NEC means for options tested in well-differentiated trials: by the trial in their
#: evidence (the verdict, the sentence, the trials and sources cited).
_NEC_BY_TRIAL = {
    "CABINET": ("not suitable", f"{NEC}: CABINET enrolled well-differentiated NET only.",
                ["CABINET"], []),
    "SANET-p": ("not suitable", f"{NEC}: SANET-p enrolled well-differentiated G1/G2 panNET only.",
                ["SANET-p"], []),
    "E2211": ("caution", f"{NEC}: E2211 enrolled low- or intermediate-grade panNET; platinum-"
              "etoposide is the NEC standard.", ["E2211"], [SORBYE_2023]),
    "Moertel 1992": ("caution", f"{NEC}: the streptozocin evidence comes from panNET series, "
                     "not NEC; platinum-etoposide is the NEC standard.",
                     ["Moertel 1992", "Kouvaraki 2004"], [SORBYE_2023]),
}


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
                trials=["E2211", "Moertel 1992"],
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
        *(finding(
            t,
            "caution",
            f"{NEC}: the belzutifan evidence is in VHL-associated pNET, not in "
            "neuroendocrine carcinoma.",
            trials=["LITESPARK-004"],
            sources=[SORBYE_2023],
        ) for t in with_role("vhl_directed")),
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
        *(finding(t, verdict, reason, trials=trials, sources=sources)
          for trial, (verdict, reason, trials, sources) in _NEC_BY_TRIAL.items()
          for t in tested_in(trial)),
        *(finding(
            t,
            "caution",
            f"{NEC}: the PRRT trials enrolled well-differentiated NET; PRRT for NEC lies "
            "outside their evidence.",
            trials=["NETTER-1", "NETTER-2"],
        ) for t in sole(GROUP_RADIOLIGAND)),
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
        out += [finding(
            t,
            None,
            f"{NEC} after platinum-etoposide: FOLFIRI (PRODIGE 41-BEVANEC, randomised phase 2: "
            "median OS 8.9 months, ORR 18%; bevacizumab added nothing) and liposomal "
            "irinotecan with 5-FU (NET-02: 6-month PFS 29.6%, meeting its endpoint; median OS 6 "
            "months) are second-line options with modest benefit.",
            sources=[PRODIGE_41, NET_02],
        ) for t in with_role("nec_second_line")]
    return out
