"""Options beyond a drug: what a tumour board weighs every week.

* **Surgery or ablation**: limited, resectable liver metastases, especially in a low-grade
  tumour, are discussed with a surgeon before lifelong systemic therapy; the board's first
  question is "can all visible disease be removed or ablated?", so no drug is "preferred" beside
  it. In NEC, systemic chemotherapy comes first. Cytoreduction also has a place when a hormone
  syndrome escapes drug control.
* **Liver-directed therapy** (bland, chemo- or radio-embolisation): liver-dominant disease, hormone
  syndromes driven by liver bulk **once the syndrome's first drug has failed** (gastrinoma:
  high-dose proton-pump inhibitor; VIPoma and glucagonoma: SSA; insulinoma: diet and diazoxide),
  and lesions that escape systemic control. It needs liver metastases (not M1b). Its harms are
  real: post-embolisation syndrome, liver failure when most of the liver is replaced, abscess
  after a biliary-enteric anastomosis or stent, hormonal crisis.
* **Surveillance**: a low-grade, low-volume, stable, non-functioning tumour may be watched with
  scans. CLARINET (most patients without progression at entry) showed that lanreotide lengthens
  progression-free survival; no trial has shown that starting early lengthens overall survival.
  Surveillance trades that PFS benefit for time without treatment.
* **A clinical trial** is always an option to raise, and the standard answer for NEC after
  platinum-etoposide and after every approved line.

These are expert-practice points unless a trial is named; the reasons say so.

>>> from pannet_edu.engine.patient import Patient
>>> [f.verdict for f in surgery_first(Patient(ki67=3, resectable=True)) if f.therapy == "surgery"]
['preferred']
"""

from __future__ import annotations

from collections.abc import Callable

from ..content.sources import (
    ENETS_2023_FUNCTIONING,
    HAUSER_2019,
    MULTIDISCIPLINARY_PRACTICE,
    NET_02,
    PRODIGE_41,
    PROMID_OS,
    SORBYE_2023,
)
from ..vocab import GROUP_CHEMOTHERAPY, GROUP_RADIOLIGAND, GROUP_SSA, GROUP_TARGETED, SYNDROME_NAMES
from .catalogue import load_catalogue
from .combine import Finding, finding, rule
from .facts import has_liver_disease, is_low_grade, is_nec, is_net_g3, sstr_prrt_possible
from .roles import groups, had_group, had_role, has_role, net_line, sole, with_role
from .scope import load_scope, trial_with

_EXPERT = "(expert practice, no randomised trial)"


def _for_role(role: str, speak: Callable[[object, str], list[Finding]]):
    """A rule about the options of one role: ``speak(patient, therapy_id)`` for each of them."""
    def apply(p) -> list[Finding]:
        return [f for t in with_role(role) for f in speak(p, t)]

    apply.__name__ = speak.__name__.lstrip("_")
    apply.__doc__ = speak.__doc__
    return apply


def _surgery_first(p, t: str) -> list[Finding]:
    if is_nec(p):
        return [finding(t, "caution",
                        "Poorly differentiated (NEC): systemic chemotherapy comes first; surgery "
                        f"for metastatic NEC is rarely chosen {_EXPERT}.",
                        sources=[SORBYE_2023, MULTIDISCIPLINARY_PRACTICE])]
    if p.resectable is None:
        return [finding(t, None,
                        "Resectability not yet judged: the board's first question is whether all "
                        f"visible disease can be removed or ablated {_EXPERT}.",
                        sources=[MULTIDISCIPLINARY_PRACTICE])]
    if p.resectable:
        grade = "low-grade tumour" if is_low_grade(p) else p.grade.label
        verdict = "preferred" if is_low_grade(p) else "reasonable"
        out = [finding(t, verdict,
                       f"Resectable ({grade}): all visible disease could be removed or ablated, "
                       "so a surgeon sees the patient before lifelong systemic therapy "
                       f"{_EXPERT}.",
                       sources=[MULTIDISCIPLINARY_PRACTICE, HAUSER_2019])]
        if is_low_grade(p):
            out += [finding(other, "reasonable",
                            "Resectable low-grade tumour: the surgeon comes first; other "
                            "treatment is weighed after that question is answered, so it is not "
                            f"preferred beside surgery {_EXPERT}.",
                            sources=[MULTIDISCIPLINARY_PRACTICE])
                    for other in load_catalogue().ids
                    if not {"resection", "trial_enrolment"} & set(load_catalogue()[other].roles)]
        return out
    cytoreduction = p.syndrome is not None and (p.symptomatic or p.hypoglycaemia_refractory)
    if cytoreduction:
        return [finding(t, "caution",
                        "Not all disease resectable, functioning tumour: cytoreductive surgery "
                        f"can still ease a hormone syndrome that drugs do not control {_EXPERT}.",
                        sources=[MULTIDISCIPLINARY_PRACTICE])]
    return [finding(t, "not suitable",
                    "Not resectable (as the board judges): not all visible disease can be "
                    f"removed or ablated, so systemic or liver-directed therapy comes first "
                    f"{_EXPERT}.",
                    sources=[MULTIDISCIPLINARY_PRACTICE])]


surgery_first = rule("surgery_first", "§8 Can all visible disease be removed or ablated? "
                     "(tumour board)")(_for_role("resection", _surgery_first))


def _liver_directed(p, t: str) -> list[Finding]:
    if is_nec(p):
        return [finding(t, "caution",
                        "Poorly differentiated (NEC): systemic chemotherapy comes first "
                        f"{_EXPERT}.", sources=[SORBYE_2023, MULTIDISCIPLINARY_PRACTICE])]
    liver = has_liver_disease(p)
    if liver is False:
        return [finding(t, "not suitable",
                        "Extrahepatic metastases only (M1b): there is no liver disease to treat.",
                        sources=[MULTIDISCIPLINARY_PRACTICE])]
    out = []
    if p.m_category == "M1c":
        out.append(finding(t, None,
                           "Liver and extrahepatic metastases (M1c): liver-directed therapy "
                           "treats only the liver, so it suits liver-dominant disease "
                           f"{_EXPERT}.", sources=[MULTIDISCIPLINARY_PRACTICE]))
    elif liver:
        out.append(finding(t, None,
                           "Liver metastases only (M1a): liver-directed therapy is an option for "
                           f"liver-dominant disease {_EXPERT}.",
                           sources=[MULTIDISCIPLINARY_PRACTICE]))
    else:
        out.append(finding(t, None,
                           "Sites of metastasis not given: liver-directed therapy is an option "
                           f"only for liver-dominant disease {_EXPERT}.",
                           sources=[MULTIDISCIPLINARY_PRACTICE]))
    if p.syndrome is not None and p.syndrome != "insulinoma":  # insulinoma: functional module
        out.append(_hormone_syndrome_liver_therapy(p, t, liver))
    return out


liver_directed = rule("liver_directed", "§8 Liver-directed therapy for liver-dominant disease "
                      "(tumour board)")(_for_role("liver_embolisation", _liver_directed))


#: The drug that controls each hormone syndrome first, before liver-directed therapy is weighed
#: (ENETS 2023 functioning-syndrome guidance), and the class group whose option given alone
#: records it as given (None where the drug is not in the catalogue).
FIRST_SYNDROME_DRUG = {
    "gastrinoma": ("a high-dose proton-pump inhibitor", None),
    "vipoma": ("a somatostatin analogue", GROUP_SSA),
    "glucagonoma": ("a somatostatin analogue", GROUP_SSA),
}


def _hormone_syndrome_liver_therapy(p, t: str, liver: bool | None) -> Finding:
    """Liver-directed therapy for a hormone syndrome only once its first drug has failed."""
    name = SYNDROME_NAMES[p.syndrome]
    drug, given_as = FIRST_SYNDROME_DRUG.get(p.syndrome, (None, None))
    if drug is None:
        return finding(t, None, f"{name}: control the hormone excess with its specific drugs "
                       f"first; liver-directed therapy is weighed when they fail {_EXPERT}.",
                       sources=[ENETS_2023_FUNCTIONING, MULTIDISCIPLINARY_PRACTICE])
    if given_as is None or not had_group(p, given_as, alone=True):
        recorded = ("" if given_as else " (whether it has been tried is not recorded here)")
        return finding(t, "caution",
                       f"{name}: the syndrome's first drug is {drug}{recorded}; liver-directed "
                       "therapy comes only once that drug has failed to control the syndrome, "
                       "never before it. Embolisation can also set off a hormonal crisis "
                       f"{_EXPERT}.", sources=[ENETS_2023_FUNCTIONING, MULTIDISCIPLINARY_PRACTICE])
    if liver and p.symptomatic:
        return finding(t, "preferred",
                       f"{name} still symptomatic after {drug}, with liver metastases: reducing "
                       "the liver bulk can control a hormone syndrome that drugs do not; plan for "
                       f"a hormonal crisis {_EXPERT}.", sources=[MULTIDISCIPLINARY_PRACTICE])
    return finding(t, None, f"{name} after {drug}: liver-directed therapy is an option if the "
                   f"syndrome escapes control and the disease is in the liver {_EXPERT}.",
                   sources=[MULTIDISCIPLINARY_PRACTICE])


def _surveillance(p, t: str) -> list[Finding]:
    if is_nec(p):
        return [finding(t, "not suitable",
                        "Poorly differentiated (NEC): an aggressive disease; platinum-etoposide "
                        "is started, not watched.", sources=[SORBYE_2023])]
    reasons = []
    if p.progressing:
        reasons.append("progressing")
    if p.burden == "high":
        reasons.append("high tumour burden")
    if p.symptomatic:
        reasons.append("symptomatic")
    if p.syndrome is not None:
        reasons.append("a functioning syndrome to control")
    if is_net_g3(p):
        reasons.append("NET G3")
    if reasons:
        return [finding(t, "caution",
                        f"{', '.join(reasons).capitalize()}: surveillance is for a low-grade, "
                        f"low-volume, stable, non-functioning tumour {_EXPERT}.",
                        sources=[MULTIDISCIPLINARY_PRACTICE])]
    pfs, survival = _ssa_trials()
    # What the overall-survival trial showed, with its figures, is the data's (its ``says``).
    showed = f" ({survival.saying('surveillance')})" if survival else ""
    return [finding(t, None,
                    f"{p.grade.label}, low burden, stable, no symptoms: watching with scans is "
                    f"an option. {pfs} (most patients without progression at entry) showed "
                    "that lanreotide lengthens progression-free survival; no trial has shown that "
                    f"starting early lengthens overall survival{showed}. Surveillance trades "
                    "that PFS benefit for time without treatment.",
                    trials=[name for name in (pfs, survival and survival.trial) if name],
                    sources=[PROMID_OS])]


def _ssa_trials():
    """The SSA's trials, as the data names them: the name of the one in panNET below a Ki-67
    line (lanreotide's PFS) and the one that excluded panNET and says what its overall survival
    showed (octreotide's), or None."""
    found = [(trial_with(t, lambda e: "below" in e.population.get("ki67", {})),
              trial_with(t, lambda e: e.population.get("pancreatic") == "excluded"
                         and "surveillance" in e.says))
             for t in sole(GROUP_SSA)]
    pfs, survival = next(iter(found), (None, None))
    return (pfs.trial if pfs else "", survival)


surveillance = rule("surveillance", "§8 Surveillance of a low-grade, low-volume, stable tumour "
                    "(PROMID OS)")(_for_role("watchful_waiting", _surveillance))


def _clinical_trial(p, t: str) -> list[Finding]:
    if is_nec(p) and had_role(p, "nec_first_line"):
        # The second-line figures are the data's (the trial's ``says``).
        said = [e.saying("last_line_nec") for e in load_scope().trials
                if "last_line_nec" in e.says]
        return [finding(t, "preferred", said[0] if said else "NEC after platinum-etoposide: "
                        "a clinical trial is a standard answer.",
                        sources=[PRODIGE_41, NET_02, SORBYE_2023])]
    if _after_every_approved_line(p):
        return [finding(t, "preferred",
                        "Progressing after an SSA, a targeted agent, "
                        + ("PRRT " if sstr_prrt_possible(p) else "")
                        + "and chemotherapy: a clinical trial is the standard answer after the "
                        "approved lines.", sources=[HAUSER_2019])]
    return [finding(t, None,
                    "A clinical trial is always an option to raise; no trial has settled the "
                    "order of therapies.", sources=[HAUSER_2019])]


clinical_trial = rule("clinical_trial", "§8 A clinical trial is always an option (standard "
                      "after the last line)")(_for_role("trial_enrolment", _clinical_trial))


def _after_every_approved_line(p) -> bool:
    """An SSA (alone or combined), a targeted agent for panNET (alone or combined), a panNET
    chemotherapy and, where the uptake allows it, PRRT: all given, and still progressing."""
    if not p.progressing or is_nec(p):
        return False
    targeted = any(GROUP_TARGETED in groups(t) and not has_role(t, "vhl_directed")
                   for t in p.prior)
    chemo = bool(set(p.prior) & set(net_line(GROUP_CHEMOTHERAPY)))
    prrt_needed = sstr_prrt_possible(p)
    return had_group(p, GROUP_SSA) and targeted and chemo and (
        had_group(p, GROUP_RADIOLIGAND) or not prrt_needed)
