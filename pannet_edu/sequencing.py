"""Sequencing engine: a patient model and an appraisal of every therapy that explains itself.

The engine teaches the reasoning in ``shared/clinical/SEQUENCING.md``: it never prescribes, and no
randomised trial has settled the order of therapies (Hauser 2019). Each therapy receives a verdict,
the reasons (each naming the patient factor that drove it) and the evidence behind them.

How a verdict is reached (the documented precedence)
----------------------------------------------------
Every rule in :data:`RULES` looks at the patient and returns *findings* about some therapies. A
finding is one of three kinds:

* **support** (verdict ``"preferred"``): the evidence fits this patient well;
* **limit** (verdict ``"reasonable"``, ``"caution"`` or ``"not suitable"``): something stands in
  the way (a gate, a trial population that excludes the patient, a toxicity, prior failure);
* **note** (no verdict): context the learner should read, which changes nothing.

A therapy starts as ``"reasonable"`` (a valid option that no rule argues for or against), becomes
``"preferred"`` if any rule supports it, and is then capped by the most severe limit: **the worst
limit always wins**, so a safety rule can never be outvoted by a supportive one. The result does not
depend on the order of the rules.

>>> p = Patient(ki67=5, sstr="positive")
>>> appraise(p).loc["ssa", "verdict"]
'preferred'
>>> appraise(Patient(ki67=5, sstr="negative")).loc["prrt", "verdict"]
'not suitable'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import _validate
from .pathology import GradeResult, grade
from .render import DISCLAIMER, Table, escape
from .sources import (
    BELZUTIFAN_FDA,
    ENETS_2023_FUNCTIONING,
    GAMAGE_2025,
    HAUSER_2019,
    HOPE_2020,
    LUTATHERA_LABEL,
    MATEJ_2016,
    SORBYE_2023,
    WHO_2019,
    Source,
)

if TYPE_CHECKING:  # pandas is imported only when an appraisal is built
    import pandas as pd

# --- Vocabularies (the public contract of issue 4) -------------------------------------------
#: The therapy catalogue, in display order (ids shared with :func:`pannet_edu.evidence.therapies`).
THERAPY_IDS = (
    "ssa",
    "everolimus",
    "sunitinib",
    "cabozantinib",
    "surufatinib",
    "prrt",
    "capecitabine_temozolomide",
    "streptozocin_based",
    "platinum_etoposide",
    "belzutifan",
)
#: Short learner-facing names used inside reasons.
THERAPY_NAMES = {
    "ssa": "somatostatin analogue (SSA)",
    "everolimus": "everolimus",
    "sunitinib": "sunitinib",
    "cabozantinib": "cabozantinib",
    "surufatinib": "surufatinib",
    "prrt": "PRRT (177Lu-DOTATATE)",
    "capecitabine_temozolomide": "capecitabine + temozolomide (CAPTEM)",
    "streptozocin_based": "streptozocin-based chemotherapy",
    "platinum_etoposide": "platinum + etoposide",
    "belzutifan": "belzutifan",
}
#: Verdicts from best to worst.
VERDICTS = ("preferred", "reasonable", "caution", "not suitable")
DIFFERENTIATIONS = ("well", "poor")
SSTR_STATUSES = ("positive", "borderline", "negative", "heterogeneous", "unknown")
BURDENS = ("low", "high")
SYNDROMES = ("insulinoma", "gastrinoma", "glucagonoma", "vipoma", "somatostatinoma", "acthoma")
COMORBIDITIES = (
    "diabetes",
    "uncontrolled_hypertension",
    "cardiac_disease",
    "renal_impairment",
    "interstitial_lung_disease",
    "low_marrow_reserve",
    "severe_renal_impairment",
    "bleeding_risk",
    "gallstones",
)
HEREDITARY_SYNDROMES = ("MEN1", "VHL", "NF1", "TSC")
#: AJCC 8th M categories: M1a liver only; M1b extrahepatic only; M1c both.
M_CATEGORIES = ("M1a", "M1b", "M1c")
#: Regions whose approvals the catalogue records.
REGIONS = ("US", "EU", "China")
#: DPYD genotype / DPD activity before a fluoropyrimidine.
DPYD_STATUSES = ("unknown", "normal", "partial_deficiency", "complete_deficiency")

SYNDROME_NAMES = {
    "insulinoma": "Insulinoma",
    "gastrinoma": "Gastrinoma",
    "glucagonoma": "Glucagonoma",
    "vipoma": "VIPoma",
    "somatostatinoma": "Somatostatinoma",
    "acthoma": "ACTHoma",
}
COMORBIDITY_NAMES = {
    "diabetes": "Diabetes",
    "uncontrolled_hypertension": "Uncontrolled hypertension",
    "cardiac_disease": "Cardiac disease",
    "renal_impairment": "Renal impairment",
    "interstitial_lung_disease": "Interstitial lung disease",
    "low_marrow_reserve": "Low marrow reserve",
    "severe_renal_impairment": "Severe renal impairment (creatinine clearance below 30 mL/min)",
    "bleeding_risk": "Bleeding risk (recent bleeding or a bleeding tendency)",
    "gallstones": "Gallstones",
}

# --- Cut-offs taken from trial eligibility (each named once, with its source) ----------------
#: CLARINET enrolled Ki-67 <10% (NEJM wording; the extension papers write <=10%).
CLARINET_KI67_BELOW = 10.0
#: NETTER-2 enrolled newly diagnosed SSTR-positive NET with Ki-67 >=10% up to 55%.
NETTER2_KI67_FROM = 10.0
NETTER2_KI67_UP_TO = 55.0
#: NORDIC NEC: response to platinum-etoposide was lower below Ki-67 55% (qualitative finding).
NORDIC_NEC_KI67_CUT = 55.0
#: SANET-p enrolled patients with at most this many prior regimens.
SANET_P_MAX_PRIOR_REGIMENS = 2


# --- The patient ------------------------------------------------------------------------------
def _flag(name: str, value: object, *, optional: bool = False) -> bool:
    if not isinstance(value, bool):
        allowed = "None, True or False" if optional else "True or False"
        raise TypeError(f"{name} must be {allowed}; got {value!r}")
    return value


def _optional_choice(name: str, value: object, allowed: Iterable[str]) -> str | None:
    if value is None:
        return None
    allowed = tuple(allowed)
    try:
        return _validate.choice(name, value, allowed)
    except (TypeError, ValueError):
        options = ", ".join(repr(a) for a in allowed)
        kind = TypeError if not isinstance(value, str) else ValueError
        raise kind(f"{name} must be None or one of {options}; got {value!r}") from None


def _id_list(name: str, value: object, allowed: tuple[str, ...]) -> tuple[str, ...]:
    """A list of vocabulary ids, duplicates dropped, first-seen order kept."""
    if value is None:
        return ()
    options = ", ".join(repr(a) for a in allowed)
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise TypeError(f"{name} must be a list of ids from: {options}; got {value!r}")
    out: list[str] = []
    for item in value:
        try:
            canonical = _validate.choice(name, item, allowed)
        except (TypeError, ValueError):
            raise ValueError(f"{name} entries must be ids from: {options}; got {item!r}") from None
        if canonical not in out:
            out.append(canonical)
    return tuple(out)


@dataclass(frozen=True, kw_only=True)
class Patient:
    """A teaching patient with metastatic panNET: the factors that steer systemic therapy.

    ``ki67`` is a percentage and ``mitoses`` a count per 2 mm² (give at least one);
    ``differentiation`` is ``"well"`` or ``"poor"``; ``sstr`` is the somatostatin-receptor imaging
    result (``"positive"``; ``"borderline"``, uptake up to that of normal liver, Krenning 2;
    ``"negative"``, ``"heterogeneous"`` or ``"unknown"``); ``burden`` is
    ``"low"`` or ``"high"``; ``progressing`` and ``symptomatic`` are booleans; ``syndrome`` is a
    functional syndrome or ``None``; ``prior`` lists therapy ids already given (and stopped or
    failed); ``comorbidities`` lists ids from :data:`COMORBIDITIES`; ``hereditary`` is ``None`` or
    one of :data:`HEREDITARY_SYNDROMES`.

    Optional fields whose defaults keep the older meaning: ``m_category`` (``None``, ``"M1a"``
    liver only, ``"M1b"`` extrahepatic only, ``"M1c"`` both); ``resectable`` (``None`` = not
    judged, or a bool: could all visible disease be removed or ablated, as the board judges);
    ``region`` (``None``, ``"US"``, ``"EU"``, ``"China"``: whose approvals apply);
    ``durable_benefit`` (ids from ``prior`` that controlled the disease for a long time);
    ``hypoglycaemia_refractory`` (insulinoma: hypoglycaemia persists despite diet, glucose and
    diazoxide); ``dpyd`` (``"unknown"``, ``"normal"``, ``"partial_deficiency"``,
    ``"complete_deficiency"``); ``pregnancy_possible`` (bool).

    Spelling is forgiven (case), anything else raises an error naming the field and the allowed
    values.

    >>> p = Patient(ki67=12, sstr="Positive", prior=["ssa"], progressing=True)
    >>> p.sstr, p.prior, p.grade.label
    ('positive', ('ssa',), 'NET G2')
    >>> Patient(ki67=12, region="eu", dpyd="Normal").region
    'EU'
    >>> Patient(ki67=12, sstr="weak")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    ValueError: sstr must be one of 'positive', 'borderline', 'negative', 'heterogeneous',
    'unknown'; got 'weak'
    >>> Patient(ki67=12, prior=["ssa"], durable_benefit=["prrt"])
    Traceback (most recent call last):
    ...
    ValueError: durable_benefit must list therapies from prior (given: 'ssa'); got 'prrt'
    """

    ki67: float | None = None
    mitoses: float | None = None
    differentiation: str = "well"
    sstr: str = "unknown"
    burden: str = "low"
    progressing: bool = False
    symptomatic: bool = False
    syndrome: str | None = None
    prior: tuple[str, ...] = ()
    comorbidities: tuple[str, ...] = ()
    hereditary: str | None = None
    m_category: str | None = None
    resectable: bool | None = None
    region: str | None = None
    durable_benefit: tuple[str, ...] = ()
    hypoglycaemia_refractory: bool = False
    dpyd: str = "unknown"
    pregnancy_possible: bool = False
    grade: GradeResult = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        def set_(name: str, value: object) -> None:
            object.__setattr__(self, name, value)

        if self.ki67 is not None:
            set_("ki67", _validate.number("ki67", self.ki67, high=100))
        if self.mitoses is not None:
            set_("mitoses", _validate.number("mitoses", self.mitoses))
        set_(
            "differentiation",
            _validate.choice("differentiation", self.differentiation, DIFFERENTIATIONS),
        )
        set_("sstr", _validate.choice("sstr", self.sstr, SSTR_STATUSES))
        set_("burden", _validate.choice("burden", self.burden, BURDENS))
        set_("progressing", _flag("progressing", self.progressing))
        set_("symptomatic", _flag("symptomatic", self.symptomatic))
        set_("syndrome", _optional_choice("syndrome", self.syndrome, SYNDROMES))
        set_("prior", _id_list("prior", self.prior, THERAPY_IDS))
        comorbidities = _id_list("comorbidities", self.comorbidities, COMORBIDITIES)
        # Canonical order, so two patients with the same comorbidities compare equal.
        set_("comorbidities", tuple(c for c in COMORBIDITIES if c in comorbidities))
        set_("hereditary", _optional_choice("hereditary", self.hereditary, HEREDITARY_SYNDROMES))
        set_("m_category", _optional_choice("m_category", self.m_category, M_CATEGORIES))
        if self.resectable is not None:
            set_("resectable", _flag("resectable", self.resectable, optional=True))
        set_("region", _optional_choice("region", self.region, REGIONS))
        durable = _id_list("durable_benefit", self.durable_benefit, THERAPY_IDS)
        outside = [t for t in durable if t not in self.prior]
        if outside:
            given = ", ".join(repr(t) for t in self.prior) or "nothing"
            raise ValueError(
                f"durable_benefit must list therapies from prior (given: {given}); "
                f"got {', '.join(repr(t) for t in outside)}"
            )
        set_("durable_benefit", tuple(t for t in self.prior if t in durable))
        set_(
            "hypoglycaemia_refractory",
            _flag("hypoglycaemia_refractory", self.hypoglycaemia_refractory),
        )
        set_("dpyd", _validate.choice("dpyd", self.dpyd, DPYD_STATUSES))
        set_("pregnancy_possible", _flag("pregnancy_possible", self.pregnancy_possible))
        set_("grade", grade(self.ki67, self.mitoses, self.differentiation))

    def describe(self) -> str:
        """One line a learner can read.

        >>> print(Patient(ki67=5, sstr="positive").describe())
        NET G2 (Ki-67 5%), SSTR-positive, low tumour burden, not progressing, no symptoms;
        no prior therapy
        """
        parts = [
            _grade_phrase(self),
            _sstr_phrase(self.sstr),
            f"{self.burden} tumour burden",
            "progressing" if self.progressing else "not progressing",
            "symptomatic" if self.symptomatic else "no symptoms",
        ]
        if self.syndrome:
            parts.append(SYNDROME_NAMES[self.syndrome])
        if self.hereditary:
            parts.append(self.hereditary)
        if self.comorbidities:
            parts.append(", ".join(COMORBIDITY_NAMES[c].lower() for c in self.comorbidities))
        prior = (
            "prior: " + ", ".join(THERAPY_NAMES[t] for t in self.prior)
            if self.prior
            else "no prior therapy"
        )
        return ", ".join(parts) + "; " + prior


PATIENT_FIELDS = tuple(f.name for f in dataclasses.fields(Patient) if f.init)


def _grade_phrase(patient: Patient) -> str:
    label = patient.grade.label
    if patient.ki67 is None:
        return f"{label} (mitoses {patient.mitoses:g} per 2 mm²)"
    return f"{label} (Ki-67 {patient.ki67:g}%)"


def _sstr_phrase(sstr: str) -> str:
    return {
        "positive": "SSTR-positive",
        "borderline": "SSTR uptake up to that of normal liver (borderline for PRRT)",
        "negative": "SSTR-negative",
        "heterogeneous": "SSTR-heterogeneous",
        "unknown": "SSTR status unknown",
    }[sstr]


# --- Findings and rules -----------------------------------------------------------------------
@dataclass(frozen=True)
class Finding:
    """What one rule says about one therapy for this patient.

    ``verdict`` is ``"preferred"`` (support), a worse verdict (a limit that caps the result) or
    ``None`` (a note). ``reason`` starts with the patient factor that drove it.
    """

    therapy: str
    verdict: str | None
    reason: str
    trials: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    rule: str = ""

    @property
    def citations(self) -> tuple[str, ...]:
        return (*self.trials, *(s.short for s in self.sources))


@dataclass(frozen=True)
class Rule:
    """A named rule, the SEQUENCING.md principle it encodes, and the function that applies it."""

    name: str
    principle: str
    apply: Callable[[Patient], list[Finding]]


RULES: list[Rule] = []


def _rule(name: str, principle: str) -> Callable:
    def register(function: Callable[[Patient], list[Finding]]) -> Callable:
        RULES.append(Rule(name, principle, function))
        return function

    return register


def _finding(
    therapy: str,
    verdict: str | None,
    reason: str,
    *,
    trials: Iterable[str] = (),
    sources: Iterable[Source] = (),
) -> Finding:
    return Finding(therapy, verdict, reason, tuple(trials), tuple(sources))


def _is_low_grade(patient: Patient) -> bool:
    return patient.grade.label in ("NET G1", "NET G2")


def _is_net_g3(patient: Patient) -> bool:
    return patient.grade.label == "NET G3"


def _is_nec(patient: Patient) -> bool:
    return patient.grade.label == "NEC"


def _symptomatic_insulinoma(patient: Patient) -> bool:
    """Insulinoma with symptoms, taken as hypoglycaemia: everolimus helps control it (§7)."""
    return patient.syndrome == "insulinoma" and patient.symptomatic


def _needs_hormone_control_by_ssa(patient: Patient) -> bool:
    return patient.syndrome in ("vipoma", "glucagonoma")


def _shrinkage_triggers(patient: Patient) -> list[str]:
    """Why tumour shrinkage may be needed (SEQUENCING §5; Hauser 2019)."""
    triggers = []
    if patient.burden == "high":
        triggers.append("high tumour burden")
    if patient.symptomatic and patient.syndrome is None:
        # With a functional syndrome, symptoms are hormonal: hormone control comes first (§7).
        triggers.append("symptoms from the tumour")
    if _is_net_g3(patient):
        triggers.append("NET G3")
    if patient.sstr == "heterogeneous" and patient.progressing:
        # Mixed uptake signals aggressive biology; with progression it argues for shrinkage.
        triggers.append("progressing SSTR-heterogeneous disease (aggressive biology)")
    return triggers


def _factor_list(items: list[str]) -> str:
    text = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
    return text[0].upper() + text[1:]


def _ki67_text(patient: Patient) -> str:
    return "Ki-67 not given" if patient.ki67 is None else f"Ki-67 {patient.ki67:g}%"


TARGETED = ("everolimus", "sunitinib", "cabozantinib", "surufatinib")
CHEMOTHERAPY = ("capecitabine_temozolomide", "streptozocin_based")


# §1 Classify first: the pathway splits on differentiation.
@_rule("nec_pathway", "§1 NET/NEC split (WHO 2019; ENETS 2023 NEC, Sorbye 2023; NORDIC NEC)")
def _nec_pathway(p: Patient) -> list[Finding]:
    if _is_nec(p):
        factor = "Poorly differentiated (NEC)"
        return [
            _finding(
                "belzutifan",
                "caution",
                f"{factor}: the belzutifan evidence is in VHL-associated pNET, not in "
                "neuroendocrine carcinoma.",
                trials=["LITESPARK-004"],
                sources=[SORBYE_2023],
            ),
            _finding(
                "platinum_etoposide",
                "preferred",
                f"{factor}: platinum (cisplatin or carboplatin) plus etoposide is the "
                "first-line standard for neuroendocrine carcinoma.",
                sources=[SORBYE_2023],
            ),
            *(
                _finding(
                    t,
                    "not suitable",
                    f"{factor}: SSAs, everolimus and sunitinib are not NEC treatments; NEC is "
                    "a different disease from well-differentiated NET.",
                    sources=[SORBYE_2023, WHO_2019],
                )
                for t in ("ssa", "everolimus", "sunitinib")
            ),
            _finding(
                "cabozantinib",
                "not suitable",
                f"{factor}: CABINET enrolled well-differentiated NET only.",
                trials=["CABINET"],
            ),
            _finding(
                "surufatinib",
                "not suitable",
                f"{factor}: SANET-p enrolled well-differentiated G1/G2 panNET only.",
                trials=["SANET-p"],
            ),
            _finding(
                "prrt",
                "caution",
                f"{factor}: the PRRT trials enrolled well-differentiated NET; PRRT for NEC "
                "lies outside the evidence taught here.",
                trials=["NETTER-1", "NETTER-2", "COMPETE"],
            ),
            _finding(
                "capecitabine_temozolomide",
                "caution",
                f"{factor}: E2211 enrolled low- or intermediate-grade panNET; platinum-"
                "etoposide is the NEC standard.",
                trials=["E2211"],
                sources=[SORBYE_2023],
            ),
            _finding(
                "streptozocin_based",
                "caution",
                f"{factor}: the streptozocin evidence comes from panNET series, not NEC; "
                "platinum-etoposide is the NEC standard.",
                trials=["Moertel 1992", "Kouvaraki 2004"],
                sources=[SORBYE_2023],
            ),
        ]
    if _is_low_grade(p):
        return [
            _finding(
                "platinum_etoposide",
                "not suitable",
                f"{p.grade.label}, well differentiated: platinum-etoposide is the regimen for NEC; "
                "the chemotherapy evidence in G1/G2 panNET is alkylating (CAPTEM, streptozocin).",
                trials=["E2211", "Moertel 1992"],
                sources=[SORBYE_2023],
            )
        ]
    # Well-differentiated NET G3.
    if p.ki67 is not None and p.ki67 >= NORDIC_NEC_KI67_CUT:
        return [
            _finding(
                "platinum_etoposide",
                None,
                f"NET G3 with Ki-67 {p.ki67:g}% ({NORDIC_NEC_KI67_CUT:g}% or more): in NORDIC NEC, "
                "response to platinum-etoposide was higher at this Ki-67 (a qualitative finding "
                "in a series that did not separate NET G3 from NEC).",
                trials=["NORDIC NEC"],
            )
        ]
    return [
        _finding(
            "platinum_etoposide",
            "caution",
            f"NET G3 ({_ki67_text(p)}): well-differentiated G3 NET responds less to platinum-"
            f"etoposide than NEC, and NORDIC NEC found lower response rates below Ki-67 "
            f"{NORDIC_NEC_KI67_CUT:g}%.",
            trials=["NORDIC NEC"],
            sources=[SORBYE_2023],
        )
    ]


# §2 SSTR status gates two therapy classes.
@_rule("sstr_gating", "§2 SSTR imaging gates PRRT and SSA (CLARINET, NETTER-1/2; Hope 2020)")
def _sstr_gating(p: Patient) -> list[Finding]:
    enrolment = ["CLARINET", "NETTER-1", "NETTER-2"]
    if p.sstr == "positive":
        return [
            _finding(
                "prrt",
                None,
                "SSTR-positive: the tumour takes up the tracer, so PRRT can "
                "deliver radiation to it (the PRRT trials enrolled SSTR-positive disease).",
                trials=["NETTER-1", "NETTER-2"],
                sources=[HOPE_2020],
            ),
            _finding(
                "ssa",
                None,
                "SSTR-positive: an SSA can act on the tumour (CLARINET enrolled "
                "SSTR-positive disease).",
                trials=["CLARINET"],
            ),
        ]
    if p.sstr == "negative":
        ssa_verdict = "caution" if p.syndrome else "not suitable"
        ssa_extra = " Its effect on the hormone syndrome is also uncertain." if p.syndrome else ""
        return [
            _finding(
                "prrt",
                "not suitable",
                "SSTR-negative: PRRT needs somatostatin-receptor "
                "uptake to deliver radiation; without it PRRT cannot work.",
                trials=enrolment[1:],
                sources=[HOPE_2020],
            ),
            _finding(
                "ssa",
                ssa_verdict,
                "SSTR-negative: an SSA has no proven antiproliferative "
                f"role here; CLARINET enrolled SSTR-positive disease only.{ssa_extra}",
                trials=["CLARINET"],
            ),
        ]
    if p.sstr == "borderline":
        return [
            _finding(
                "prrt",
                "caution",
                "SSTR uptake up to that of normal liver (Krenning 2): borderline for PRRT. "
                "NETTER-2 asked for uptake above liver (score 3-4) and PRRT trials for uptake at "
                "least equal to liver in every target lesion; a score of 2 is never a clear "
                "PRRT target.",
                trials=enrolment[1:],
                sources=[HOPE_2020],
            ),
            _finding(
                "ssa",
                None,
                "SSTR uptake up to that of normal liver (Krenning 2): SSTR-positive for an SSA "
                "(CLARINET enrolled target lesions with Krenning 2 or more).",
                trials=["CLARINET"],
            ),
        ]
    if p.sstr == "unknown":
        return [
            _finding(
                "prrt",
                "caution",
                "SSTR status unknown: SSTR imaging (68Ga/64Cu-DOTATATE or "
                "DOTATOC PET) must show uptake before PRRT is considered.",
                trials=enrolment[1:],
                sources=[HOPE_2020],
            ),
            _finding(
                "ssa",
                "caution",
                "SSTR status unknown: image first; the antiproliferative "
                "evidence for SSAs is in SSTR-positive disease.",
                trials=["CLARINET"],
            ),
        ]
    return [  # heterogeneous
        _finding(
            "prrt",
            "caution",
            "SSTR-heterogeneous uptake: lesions without uptake would not "
            "be treated by PRRT, and mixed uptake signals more aggressive biology.",
            trials=enrolment[1:],
            sources=[HOPE_2020],
        ),
        _finding(
            "ssa",
            "caution",
            "SSTR-heterogeneous uptake: lesions without receptors escape "
            "an SSA, and mixed uptake signals more aggressive biology.",
            trials=["CLARINET"],
        ),
    ]


# §3 First line for well-differentiated, SSTR-positive, lower-grade disease: an SSA.
@_rule("first_line_ssa", "§3 SSA first for SSTR-positive lower-grade NET (CLARINET; Hauser 2019)")
def _first_line_ssa(p: Patient) -> list[Finding]:
    if _is_nec(p) or p.sstr not in ("positive", "borderline") or "ssa" in p.prior:
        return []
    if _is_net_g3(p):
        verdict = None if _needs_hormone_control_by_ssa(p) else "caution"
        return [
            _finding(
                "ssa",
                verdict,
                f"NET G3 ({_ki67_text(p)}): CLARINET enrolled G1/G2 "
                f"tumours with Ki-67 below {CLARINET_KI67_BELOW:g}%; an SSA alone to "
                "control G3 growth lies outside that evidence.",
                trials=["CLARINET"],
            )
        ]
    if p.ki67 is None:
        return [
            _finding(
                "ssa",
                None,
                f"Ki-67 not given ({p.grade.label} by mitotic count): the "
                f"CLARINET evidence applies to Ki-67 below {CLARINET_KI67_BELOW:g}%, so "
                "Ki-67 is needed.",
                trials=["CLARINET"],
            )
        ]
    if p.ki67 < CLARINET_KI67_BELOW:
        return [
            _finding(
                "ssa",
                "preferred",
                f"{p.grade.label}, Ki-67 {p.ki67:g}% (below "
                f"{CLARINET_KI67_BELOW:g}%), SSTR-positive, no SSA yet: an SSA is the usual "
                "first line, with low toxicity and a low burden of treatment. Low tumour "
                "volume is a preference, not a requirement.",
                trials=["CLARINET"],
                sources=[HAUSER_2019],
            )
        ]
    return [
        _finding(
            "ssa",
            None,
            f"Ki-67 {p.ki67:g}% ({CLARINET_KI67_BELOW:g}% or more): above the "
            "CLARINET range, so the antiproliferative evidence for an SSA is weaker.",
            trials=["CLARINET"],
        )
    ]


@_rule("first_line_prrt", "§1/§3 PRRT first line at Ki-67 10-55% (NETTER-2); later otherwise")
def _first_line_prrt(p: Patient) -> list[Finding]:
    if _is_nec(p) or p.sstr != "positive" or p.prior:
        return []
    if p.ki67 is not None and NETTER2_KI67_FROM <= p.ki67 <= NETTER2_KI67_UP_TO:
        return [
            _finding(
                "prrt",
                "preferred",
                f"Ki-67 {p.ki67:g}% ({NETTER2_KI67_FROM:g}-"
                f"{NETTER2_KI67_UP_TO:g}%), SSTR-positive, no prior therapy: first-line "
                "PRRT with an SSA prolonged PFS over high-dose octreotide (NETTER-2).",
                trials=["NETTER-2"],
            )
        ]
    low_ki67 = p.ki67 is None or p.ki67 < NETTER2_KI67_FROM
    if low_ki67 and not p.progressing and not _shrinkage_triggers(p):
        return [
            _finding(
                "prrt",
                "caution",
                f"No prior therapy, stable, {_ki67_text(p)}: the PRRT "
                "trials enrolled progression on an SSA (NETTER-1) or Ki-67 "
                f"{NETTER2_KI67_FROM:g}-{NETTER2_KI67_UP_TO:g}% at first line (NETTER-2); "
                "an SSA comes first here.",
                trials=["NETTER-1", "NETTER-2"],
            )
        ]
    return []


# §4 After progression: several options, chosen on patient and tumour factors.
@_rule("after_progression", "§4 Options after progression and trial populations (Hauser 2019)")
def _after_progression(p: Patient) -> list[Finding]:
    if _is_nec(p):
        return []
    out: list[Finding] = []
    insulinoma = _symptomatic_insulinoma(p)
    pivotal = {
        "everolimus": (
            "RADIANT-3",
            "RADIANT-3 enrolled panNET that had progressed within the previous 12 months",
        ),
        "sunitinib": (
            "A6181111",
            "the sunitinib trial (A6181111) enrolled progressing well-differentiated panNET",
        ),
        "surufatinib": ("SANET-p", "SANET-p enrolled progressive G1/G2 panNET"),
        "cabozantinib": ("CABINET", "CABINET tested it in previously treated patients"),
    }
    if p.progressing:
        out += [
            _finding(
                "everolimus",
                None,
                "Progressing: everolimus prolonged PFS in progressive "
                "panNET (RADIANT-3); it mostly stabilises disease.",
                trials=["RADIANT-3"],
            ),
            _finding(
                "sunitinib",
                None,
                "Progressing: sunitinib prolonged PFS in progressive "
                "well-differentiated panNET (A6181111).",
                trials=["A6181111"],
            ),
            _finding(
                "surufatinib",
                None,
                "Progressing: surufatinib prolonged PFS in progressive "
                "panNET (SANET-p); its approval differs by country.",
                trials=["SANET-p"],
            ),
            _finding(
                "capecitabine_temozolomide",
                None,
                "Progressing: CAPTEM gave longer PFS than "
                "temozolomide alone in progressive panNET (E2211).",
                trials=["E2211"],
            ),
            _finding(
                "streptozocin_based",
                None,
                "Progressing: streptozocin-based chemotherapy is "
                "an established panNET option (Moertel 1992; Kouvaraki 2004).",
                trials=["Moertel 1992", "Kouvaraki 2004"],
            ),
        ]
        if p.sstr == "positive":
            out.append(
                _finding(
                    "prrt",
                    None,
                    "Progressing, SSTR-positive: PRRT is an option after an SSA "
                    "(NETTER-1 in midgut NET; for panNET COMPETE and OCLURANDOM). COMPETE, the "
                    "only head-to-head trial, found longer PFS with PRRT than with everolimus.",
                    trials=["NETTER-1", "COMPETE", "OCLURANDOM"],
                )
            )
    else:
        for therapy, (trial, population) in pivotal.items():
            if therapy == "everolimus" and insulinoma:
                continue  # hypoglycaemia control does not wait for progression
            out.append(
                _finding(
                    therapy,
                    "caution",
                    f"Stable disease (not progressing): "
                    f"{population}; there is no trial-backed reason to start it now.",
                    trials=[trial],
                )
            )

    previously_treated = [t for t in p.prior if t in (*TARGETED, "prrt")]
    if not previously_treated:
        out.append(
            _finding(
                "cabozantinib",
                "caution",
                "No prior PRRT or targeted therapy: "
                "CABINET enrolled previously treated patients (prior PRRT and/or "
                "targeted therapy).",
                trials=["CABINET"],
            )
        )
    elif p.progressing:
        names = ", ".join(THERAPY_NAMES[t] for t in previously_treated)
        out.append(
            _finding(
                "cabozantinib",
                None,
                f"Progressing after {names}: cabozantinib "
                "prolonged PFS in previously treated panNET (CABINET).",
                trials=["CABINET"],
            )
        )
    if len(p.prior) > SANET_P_MAX_PRIOR_REGIMENS:
        out.append(
            _finding(
                "surufatinib",
                "caution",
                f"{len(p.prior)} prior regimens: SANET-p "
                f"enrolled patients with at most {SANET_P_MAX_PRIOR_REGIMENS} prior "
                "regimens.",
                trials=["SANET-p"],
            )
        )
    if _is_net_g3(p):
        everolimus_verdict = None if insulinoma else "caution"
        out += [
            _finding(
                "everolimus",
                everolimus_verdict,
                "NET G3: RADIANT-3 enrolled low- or intermediate-grade panNET.",
                trials=["RADIANT-3"],
            ),
            _finding(
                "surufatinib",
                "caution",
                "NET G3: SANET-p enrolled G1/G2 panNET only.",
                trials=["SANET-p"],
            ),
            _finding(
                "cabozantinib",
                None,
                "NET G3: CABINET included well-differentiated G3 tumours.",
                trials=["CABINET"],
            ),
        ]
        if p.ki67 is not None and p.ki67 > NETTER2_KI67_UP_TO:
            out.append(
                _finding(
                    "prrt",
                    "caution",
                    f"Ki-67 {p.ki67:g}% (above "
                    f"{NETTER2_KI67_UP_TO:g}%): NETTER-2 enrolled Ki-67 up to "
                    f"{NETTER2_KI67_UP_TO:g}%; beyond that PRRT lies outside the "
                    "trial evidence.",
                    trials=["NETTER-2"],
                )
            )
    return out


# §5 When shrinkage is needed, choose what shrinks tumours.
@_rule("need_for_shrinkage", "§5 Shrinkage: chemotherapy and PRRT respond (Hauser 2019, NETTER-2)")
def _need_for_shrinkage(p: Patient) -> list[Finding]:
    if _is_nec(p):
        return []
    triggers = _shrinkage_triggers(p)
    if not triggers:
        if p.progressing:
            return [
                _finding(
                    t,
                    None,
                    "Low burden and no symptoms from the tumour: chemotherapy is one option "
                    "after progression; it is favoured when shrinkage is needed.",
                    sources=[HAUSER_2019],
                )
                for t in CHEMOTHERAPY
            ]
        return [
            _finding(
                t,
                "caution",
                "Low burden, no symptoms from the tumour, stable disease: no shrinkage is "
                "needed, so chemotherapy's toxicity buys little now (chemotherapy is "
                "favoured for heavy burden, higher grade or aggressive disease).",
                sources=[HAUSER_2019],
            )
            for t in CHEMOTHERAPY
        ]
    factor = _factor_list(triggers)
    out = [
        _finding(
            "capecitabine_temozolomide",
            "preferred",
            f"{factor}: shrinkage is needed, and "
            "chemotherapy has real response rates (CAPTEM: E2211).",
            trials=["E2211"],
            sources=[HAUSER_2019],
        ),
        _finding(
            "streptozocin_based",
            "preferred",
            f"{factor}: shrinkage is needed, and "
            "streptozocin-based chemotherapy shrinks tumours (Moertel 1992; Kouvaraki 2004).",
            trials=["Moertel 1992", "Kouvaraki 2004"],
            sources=[HAUSER_2019],
        ),
        *(
            _finding(
                t,
                None,
                f"{factor}: targeted agents mostly stabilise disease; their response "
                "rates are low.",
                trials=["A6181111", "CABINET"],
            )
            for t in TARGETED
        ),
    ]
    if p.sstr == "positive":
        out.append(
            _finding(
                "prrt",
                "preferred",
                f"{factor}: shrinkage is needed, and PRRT has a real response rate (NETTER-2).",
                trials=["NETTER-2"],
            )
        )
    if not _needs_hormone_control_by_ssa(p):
        out.append(
            _finding(
                "ssa",
                "reasonable",
                f"{factor}: an SSA slows growth rather than "
                "shrinking tumours (CLARINET's endpoint was PFS), so on its own it "
                "may not be enough.",
                trials=["CLARINET"],
                sources=[HAUSER_2019],
            )
        )
    return out


# §6 Match toxicity to the patient: the comorbidity table, one row per (factor, therapy).
#: (comorbidity, therapy, verdict or None for a note, why, trials, sources)
TOXICITY_TABLE: tuple[
    tuple[str, str, str | None, str, tuple[str, ...], tuple[Source, ...]], ...
] = (
    (
        "diabetes",
        "everolimus",
        "caution",
        "everolimus causes hyperglycaemia (RADIANT-3 adverse events).",
        ("RADIANT-3",),
        (),
    ),
    (
        "diabetes",
        "ssa",
        None,
        "SSAs shift glucose control (they suppress glucagon and growth hormone): monitor glucose.",
        (),
        (GAMAGE_2025,),
    ),
    *(
        (
            "uncontrolled_hypertension",
            t,
            "caution",
            "hypertension is a VEGFR-TKI class toxicity; control blood pressure first.",
            (trial,),
            (),
        )
        for t, trial in (
            ("sunitinib", "A6181111"),
            ("cabozantinib", "CABINET"),
            ("surufatinib", "SANET-p"),
        )
    ),
    *(
        (
            "cardiac_disease",
            t,
            "caution",
            "VEGFR-TKIs cause hypertension and thromboembolic events; weigh the cardiac risk.",
            (trial,),
            (),
        )
        for t, trial in (
            ("sunitinib", "A6181111"),
            ("cabozantinib", "CABINET"),
            ("surufatinib", "SANET-p"),
        )
    ),
    (
        "renal_impairment",
        "prrt",
        "caution",
        "PRRT irradiates the kidneys (amino-acid co-infusion protects them); renal failure was "
        "more common with PRRT in the label data.",
        ("NETTER-1",),
        (LUTATHERA_LABEL,),
    ),
    (
        "renal_impairment",
        "streptozocin_based",
        "caution",
        "streptozocin is nephrotoxic (renal insufficiency in Moertel 1992).",
        ("Moertel 1992",),
        (),
    ),
    (
        "interstitial_lung_disease",
        "everolimus",
        "caution",
        "pneumonitis is an mTOR-inhibitor class effect (its rate is not confirmed in this "
        "toolkit's sources).",
        ("RADIANT-3",),
        (),
    ),
    (
        "low_marrow_reserve",
        "prrt",
        "caution",
        "PRRT causes cytopenias and, rarely, myelodysplasia or leukaemia.",
        ("NETTER-1",),
        (LUTATHERA_LABEL,),
    ),
    (
        "low_marrow_reserve",
        "capecitabine_temozolomide",
        "caution",
        "alkylating chemotherapy suppresses the marrow.",
        ("E2211",),
        (),
    ),
    (
        "low_marrow_reserve",
        "streptozocin_based",
        "caution",
        "myelosuppression was a main toxicity in Moertel 1992.",
        ("Moertel 1992",),
        (),
    ),
    (
        "low_marrow_reserve",
        "belzutifan",
        "caution",
        "anaemia was the commonest adverse event in LITESPARK-004.",
        ("LITESPARK-004",),
        (),
    ),
)


@_rule("comorbidity_toxicity", "§6 Match toxicity to the patient (comorbidity table)")
def _comorbidity_toxicity(p: Patient) -> list[Finding]:
    return [
        _finding(
            therapy, verdict, f"{COMORBIDITY_NAMES[factor]}: {why}", trials=trials, sources=sources
        )
        for factor, therapy, verdict, why, trials, sources in TOXICITY_TABLE
        if factor in p.comorbidities
    ]


# §7 Functional and hereditary contexts.
@_rule("functional_syndrome", "§7 Control the hormone first (ENETS 2023, Hofland 2023)")
def _functional_syndrome(p: Patient) -> list[Finding]:
    if p.syndrome == "insulinoma":
        return [
            _finding(
                "ssa",
                "caution",
                "Insulinoma: SSAs can worsen or unmask hypoglycaemia by "
                "suppressing counter-regulatory glucagon and growth hormone.",
                sources=[GAMAGE_2025],
            ),
            _finding(
                "everolimus",
                "preferred" if p.symptomatic else None,
                ("Insulinoma with symptoms (hypoglycaemia)" if p.symptomatic else "Insulinoma")
                + ": everolimus raises glucose and is used, with diazoxide, for refractory "
                "hypoglycaemia in malignant insulinoma.",
                sources=[MATEJ_2016, ENETS_2023_FUNCTIONING],
            ),
        ]
    if _needs_hormone_control_by_ssa(p):
        name = SYNDROME_NAMES[p.syndrome]
        return [
            _finding(
                "ssa",
                "preferred",
                f"{name}: control the hormone first, and an SSA controls this hormone syndrome.",
                sources=[ENETS_2023_FUNCTIONING],
            )
        ]
    if p.syndrome == "gastrinoma":
        return [
            _finding(
                "ssa",
                None,
                "Gastrinoma: high-dose proton-pump inhibitors control acid "
                "first; an SSA can add hormone control.",
                sources=[ENETS_2023_FUNCTIONING],
            )
        ]
    return []


@_rule("hereditary_context", "§7 VHL: belzutifan (LITESPARK-004; FDA 2021)")
def _hereditary_context(p: Patient) -> list[Finding]:
    if p.hereditary == "VHL":
        return [
            _finding(
                "belzutifan",
                "preferred",
                "VHL: belzutifan (a HIF-2α inhibitor) is "
                "approved for VHL-associated pNET not needing immediate surgery; most "
                "pNETs responded in LITESPARK-004.",
                trials=["LITESPARK-004"],
                sources=[BELZUTIFAN_FDA],
            )
        ]
    factor = f"{p.hereditary}, not VHL" if p.hereditary else "No VHL"
    return [
        _finding(
            "belzutifan",
            "not suitable",
            f"{factor}: belzutifan's evidence and approval are for VHL-associated tumours only.",
            trials=["LITESPARK-004"],
            sources=[BELZUTIFAN_FDA],
        )
    ]


@_rule("prior_therapy", "§4 What was already given is not repeated (PRRT retreatment not taught)")
def _prior_therapy(p: Patient) -> list[Finding]:
    out = []
    after = ", and the disease progressed" if p.progressing else ""
    for therapy in p.prior:
        if therapy == "ssa":
            out.append(
                _finding(
                    "ssa",
                    "caution",
                    f"Prior SSA: already given{after}; continuing it "
                    "alone will not control growth. It may be kept for hormone control "
                    "or alongside PRRT (as in NETTER-1); a higher dose after "
                    "progression was tested only in a single-arm trial "
                    "(CLARINET FORTE).",
                    trials=["NETTER-1", "CLARINET FORTE"],
                )
            )
        elif therapy == "prrt":
            out.append(
                _finding(
                    "prrt",
                    "not suitable",
                    "Prior PRRT: retreatment with PRRT is not taught in this toolkit.",
                    sources=[HAUSER_2019],
                )
            )
        else:
            out.append(
                _finding(
                    therapy,
                    "not suitable",
                    f"Prior {THERAPY_NAMES[therapy]}: already given{after}; it is not repeated.",
                    sources=[HAUSER_2019],
                )
            )
    return out


# --- Combining the findings -------------------------------------------------------------------
def _rank(verdict: str) -> int:
    return VERDICTS.index(verdict)


@dataclass(frozen=True)
class TherapyAppraisal:
    """The verdict for one therapy with the findings behind it (decisive ones first)."""

    therapy: str
    verdict: str
    findings: tuple[Finding, ...]
    decisive: tuple[Finding, ...]

    @property
    def reasons(self) -> str:
        return " ".join(f.reason for f in self.findings)

    @property
    def evidence(self) -> str:
        seen: list[str] = []
        for finding in self.findings:
            seen += [c for c in finding.citations if c not in seen]
        return "; ".join(seen)


NO_RULE_REASON = "No rule in this engine argues for or against it for this patient."


def _combine(therapy: str, findings: list[Finding]) -> TherapyAppraisal:
    """Best support (else 'reasonable'), capped by the worst limit; see the module docstring."""
    supports = [f for f in findings if f.verdict == "preferred"]
    limits = [f for f in findings if f.verdict not in (None, "preferred")]
    notes = [f for f in findings if f.verdict is None]
    verdict = "preferred" if supports else "reasonable"
    worst = max(limits, key=lambda f: _rank(f.verdict), default=None)
    if worst is not None and _rank(worst.verdict) > _rank(verdict):
        verdict = worst.verdict
        decisive = tuple(f for f in limits if f.verdict == verdict)
    else:
        decisive = tuple(supports)
    limits.sort(key=lambda f: -_rank(f.verdict))  # stable: rule order kept within a severity
    ordered = (*decisive, *(f for f in (*limits, *supports) if f not in decisive), *notes)
    if not ordered:
        ordered = (Finding(therapy, None, NO_RULE_REASON, sources=(HAUSER_2019,), rule="none"),)
    return TherapyAppraisal(therapy, verdict, ordered, decisive)


def evaluate(patient: Patient) -> dict[str, TherapyAppraisal]:
    """Apply every rule and combine the findings per therapy (the engine without pandas).

    >>> evaluate(Patient(ki67=5, sstr="positive"))["ssa"].verdict
    'preferred'
    """
    if not isinstance(patient, Patient):
        raise TypeError(f"patient must be a Patient, got {type(patient).__name__}")
    by_therapy: dict[str, list[Finding]] = {t: [] for t in THERAPY_IDS}
    for rule in RULES:
        for finding in rule.apply(patient):
            by_therapy[finding.therapy].append(dataclasses.replace(finding, rule=rule.name))
    return {t: _combine(t, found) for t, found in by_therapy.items()}


def context_notes(patient: Patient) -> list[str]:
    """Points about the patient as a whole that no single therapy row carries.

    >>> context_notes(Patient(ki67=5, hereditary="MEN1"))[0][:5]
    'MEN1:'
    """
    notes = []
    if patient.syndrome in ("somatostatinoma", "acthoma"):
        notes.append(
            f"{SYNDROME_NAMES[patient.syndrome]}: control the hormone excess first "
            f"({ENETS_2023_FUNCTIONING.short}); the specific hormone treatments are "
            "outside this engine."
        )
    if patient.hereditary in ("MEN1", "NF1", "TSC"):
        notes.append(
            f"{patient.hereditary}: a hereditary syndrome changes surveillance, surgery "
            "and family counselling; this engine has no therapy rule for it."
        )
    if patient.grade.label == "NEC" and "platinum_etoposide" in patient.prior:
        notes.append(
            "NEC after platinum-etoposide: second-line treatment of NEC is outside this "
            f"engine's evidence base ({SORBYE_2023.short})."
        )
    if patient.sstr == "unknown":
        notes.append(
            "SSTR status unknown: SSTR PET (68Ga/64Cu-DOTATATE or DOTATOC) decides "
            "whether an SSA or PRRT can act; image before choosing."
        )
    return notes


def appraise(patient: Patient) -> pd.DataFrame:
    """Appraise every therapy in the catalogue for a teaching patient.

    Returns a DataFrame indexed by therapy id (:data:`THERAPY_IDS` order) with columns
    ``verdict`` (one of :data:`VERDICTS`), ``reasons`` (learner-facing text; each reason starts
    with the patient factor that drove it, decisive reasons first) and ``evidence`` (trial names
    and guideline citations). Patient-level notes are in ``frame.attrs["notes"]``.

    >>> table = appraise(Patient(ki67=40, differentiation="poor"))
    >>> table.loc["platinum_etoposide", "verdict"], table.loc["ssa", "verdict"]
    ('preferred', 'not suitable')
    >>> table.loc["ssa", "reasons"][:27]
    'Poorly differentiated (NEC)'
    """
    import pandas as pd

    result = evaluate(patient)
    frame = pd.DataFrame(
        {
            "verdict": [result[t].verdict for t in THERAPY_IDS],
            "reasons": [result[t].reasons for t in THERAPY_IDS],
            "evidence": [result[t].evidence for t in THERAPY_IDS],
        },
        index=pd.Index(THERAPY_IDS, name="therapy"),
    )
    frame.attrs["notes"] = context_notes(patient)
    return frame


def what_if(patient: Patient, **changes: object) -> pd.DataFrame:
    """Change patient factors and list the therapies whose verdict moves, and why.

    Returns a DataFrame indexed by therapy id with columns ``before``, ``after`` and ``why``
    (the reasons that now decide the verdict, and those that no longer apply). Empty if no
    verdict changes.

    >>> base = Patient(ki67=5, sstr="positive")
    >>> moved = what_if(base, sstr="negative")
    >>> moved.loc["prrt", ["before", "after"]].tolist()
    ['caution', 'not suitable']
    >>> what_if(base, colour="blue")
    Traceback (most recent call last):
    ...
    ValueError: what_if cannot change 'colour'; patient fields are: ki67, mitoses, ...
    """
    import pandas as pd

    if not isinstance(patient, Patient):
        raise TypeError(f"patient must be a Patient, got {type(patient).__name__}")
    if not changes:
        raise ValueError(
            "what_if needs at least one change, e.g. what_if(patient, sstr='negative')"
        )
    for name in changes:
        if name not in PATIENT_FIELDS:
            raise ValueError(
                f"what_if cannot change {name!r}; patient fields are: " + ", ".join(PATIENT_FIELDS)
            )
    before = evaluate(patient)
    after = evaluate(dataclasses.replace(patient, **changes))
    rows = {}
    for therapy in THERAPY_IDS:
        old, new = before[therapy], after[therapy]
        if old.verdict == new.verdict:
            continue
        old_reasons = {f.reason for f in old.decisive}
        new_reasons = {f.reason for f in new.decisive}
        why = [f.reason for f in new.decisive if f.reason not in old_reasons]
        gone = [f.reason for f in old.decisive if f.reason not in new_reasons]
        if not why and not new.decisive:
            why = ["Nothing argues for or against it any more, so it is back to 'reasonable'."]
        why += [f"No longer applies: {reason}" for reason in gone]
        rows[therapy] = (old.verdict, new.verdict, " ".join(why))
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=["before", "after", "why"])
    frame.index.name = "therapy"
    return frame


def explain(patient: Patient) -> str:
    """A short learner-facing summary of the appraisal.

    >>> print(explain(Patient(ki67=5, sstr="positive")))  # doctest: +ELLIPSIS
    Patient: NET G... (Ki-67 5%), SSTR-positive, ...
    Preferred: somatostatin analogue (SSA): NET G... Ki-67 5% (below 10%), SSTR-positive, ...
    ...
    """
    result = evaluate(patient)
    by_verdict = {v: [t for t in THERAPY_IDS if result[t].verdict == v] for v in VERDICTS}
    lines = [f"Patient: {patient.describe()}."]
    if by_verdict["preferred"]:
        for therapy in by_verdict["preferred"]:
            lines.append(
                f"Preferred: {THERAPY_NAMES[therapy]}: {result[therapy].decisive[0].reason}"
            )
    else:
        lines.append(
            "Preferred: none. Several options may be reasonable; no trial has settled "
            "the order, so the choice rests on the factors below (Hauser 2019)."
        )
    for verdict in VERDICTS[1:]:
        names = ", ".join(THERAPY_NAMES[t] for t in by_verdict[verdict]) or "none"
        lines.append(f"{verdict.capitalize()}: {names}.")
    lines += [f"Note: {note}" for note in context_notes(patient)]
    lines.append(DISCLAIMER)
    return "\n".join(lines)


# --- Rendering (layout only; used by widgets, notebooks and the case player) ------------------
#: Okabe-Ito colours per verdict (the same palette as the figures).
VERDICT_COLOURS = {
    "preferred": "#009E73",
    "reasonable": "#56B4E9",
    "caution": "#E69F00",
    "not suitable": "#D55E00",
}


def appraisal_html(table: pd.DataFrame, *, therapies: Iterable[str] | None = None) -> str:
    """An appraisal (from :func:`appraise`) as an HTML table with colour-coded verdicts.

    >>> html = appraisal_html(appraise(Patient(ki67=5, sstr="positive")))
    >>> html.count("<tr>"), "preferred" in html
    (11, True)
    """
    rows = [t for t in (therapies or table.index)]
    cell = "padding:3px 6px;border-bottom:1px solid #ddd;vertical-align:top;text-align:left"
    head = "".join(
        f'<th style="{cell}">{h}</th>' for h in ("Therapy", "Verdict", "Why", "Evidence")
    )
    body = []
    for therapy in rows:
        verdict = table.loc[therapy, "verdict"]
        colour = VERDICT_COLOURS[verdict]
        badge = (
            f'<span style="background:{colour};color:#000;border-radius:4px;'
            f'padding:1px 6px;white-space:nowrap">{escape(verdict)}</span>'
        )
        body.append(
            f'<tr><td style="{cell}"><b>{escape(THERAPY_NAMES[therapy])}</b></td>'
            f'<td style="{cell}">{badge}</td>'
            f'<td style="{cell}">{escape(table.loc[therapy, "reasons"])}</td>'
            f'<td style="{cell};font-size:smaller">{escape(table.loc[therapy, "evidence"])}</td>'
            "</tr>"
        )
    notes = "".join(
        f'<p style="margin:4px 0">{escape(n)}</p>' for n in table.attrs.get("notes", [])
    )
    return (
        f'<div class="pannet-appraisal" style="font-family:sans-serif;max-width:60em">{notes}'
        f'<table style="border-collapse:collapse;font-size:90%"><tr>{head}</tr>'
        f"{''.join(body)}</table></div>"
    )


def appraisal_text(table: pd.DataFrame) -> str:
    """Plain-text twin of :func:`appraisal_html`: one line per therapy with its first reason.

    >>> print(appraisal_text(appraise(Patient(ki67=5, sstr="positive"))).splitlines()[0])
    preferred     somatostatin analogue (SSA): NET G... Ki-67 5% (below 10%), ...
    """
    lines = []
    for therapy in table.index:
        first = table.loc[therapy, "reasons"].split(". ")[0].rstrip(".") + "."
        lines.append(f"{table.loc[therapy, 'verdict']:<13} {THERAPY_NAMES[therapy]}: {first}")
    lines += [f"Note: {n}" for n in table.attrs.get("notes", [])]
    return "\n".join(lines)


def verdict_grid(patients: Mapping[str, Patient], therapies: Iterable[str] | None = None) -> Table:
    """Verdicts side by side for several patients: one row per therapy, one column per patient.

    >>> grid = verdict_grid({"SSTR+": Patient(ki67=5, sstr="positive"),
    ...                      "SSTR-": Patient(ki67=5, sstr="negative")}, ["ssa", "prrt"])
    >>> grid
    therapy                     SSTR+      SSTR-
    somatostatin analogue (SSA)  preferred  not suitable
    PRRT (177Lu-DOTATATE)        caution    not suitable
    """
    if not isinstance(patients, Mapping) or not patients:
        raise TypeError("patients must be a non-empty mapping of label -> Patient")
    chosen = list(THERAPY_IDS if therapies is None else therapies)
    for therapy in chosen:
        _validate.choice("therapies", therapy, THERAPY_IDS)
    results = {label: evaluate(patient) for label, patient in patients.items()}
    rows = []
    for therapy in chosen:
        row: dict[str, object] = {"therapy": THERAPY_NAMES[therapy]}
        row.update({label: result[therapy].verdict for label, result in results.items()})
        rows.append(row)
    return Table(rows)


def rules_summary() -> list[tuple[str, str]]:
    """The engine's rules in the order they are applied, each with its principle and source.

    >>> rules_summary()[0]
    ('nec_pathway', '§1 NET/NEC split (WHO 2019; ENETS 2023 NEC, Sorbye 2023; NORDIC NEC)')
    """
    return [(rule.name, rule.principle) for rule in RULES]
